//! The editor's token classes.

use super::super::{highlight_tokens, TokenClass};
use super::text;
use TokenClass::*;

fn classes(src: &str) -> Vec<(TokenClass, &str)> {
    highlight_tokens(src)
        .into_iter()
        .map(|(c, s)| (c, text(src, s)))
        .collect()
}

#[test]
fn classifies_a_model() {
    let src =
        "@app.route('/')\ndef f(x=None):\n    return len(x) + 1.5  # done\nclass A(db.Model): pass";
    assert_eq!(
        classes(src),
        vec![
            (Decorator, "@"),
            (Decorator, "app"),
            (Decorator, "."),
            (Decorator, "route"),
            (Punctuation, "("),
            (String, "'/'"),
            (Punctuation, ")"),
            (Keyword, "def"),
            (Definition, "f"),
            (Punctuation, "("),
            (Name, "x"),
            (Operator, "="),
            (Constant, "None"),
            (Punctuation, ")"),
            (Punctuation, ":"),
            (Keyword, "return"),
            (Builtin, "len"),
            (Punctuation, "("),
            (Name, "x"),
            (Punctuation, ")"),
            (Operator, "+"),
            (Number, "1.5"),
            (Comment, "# done"),
            (Keyword, "class"),
            (Definition, "A"),
            (Punctuation, "("),
            (Name, "db"),
            (Punctuation, "."),
            (Name, "Model"),
            (Punctuation, ")"),
            (Punctuation, ":"),
            (Keyword, "pass"),
        ]
    );
}

#[test]
fn marks_errors_and_keeps_going() {
    let src = "x = $ 1abc € 'open\ny = f'{a}' \\ z";
    assert_eq!(
        classes(src),
        vec![
            (Name, "x"),
            (Operator, "="),
            (Error, "$"),
            (Error, "1abc"),
            (Error, "€"),
            (String, "'open"),
            (Name, "y"),
            (Operator, "="),
            (String, "f'{a}'"),
            (Error, "\\"),
            (Name, "z"),
        ]
    );
}

#[test]
fn spans_are_ordered_and_cover_every_non_blank_character() {
    let src = "\u{feff}if a:\r\n\tb = '''x\n y''' \\\n  + rb\"q\" # c\n@ d\n";
    let spans = highlight_tokens(src);
    let mut covered = vec![false; src.len()];
    let mut last_end = 0;
    for (_, s) in &spans {
        assert!(s.start as usize >= last_end && s.end > s.start, "{spans:?}");
        last_end = s.end as usize;
        covered[s.start as usize..s.end as usize]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    for (i, c) in src.char_indices().skip(1) {
        assert!(
            covered[i] || c.is_whitespace(),
            "{c:?} at {i} is not covered"
        );
    }
    assert_eq!(TokenClass::Keyword.css_class(), "kw");
}

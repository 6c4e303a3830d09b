//! Tokens: what the lexer hands the parser, and the fixed vocabulary (keywords, operators).

use crate::diag::Span;

/// The kind of a token; its text is `source[span]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// An identifier or a keyword (the parser tells them apart by text).
    Name,
    Number,
    /// One string literal with its prefix and quotes (f-strings too: Python 3.11 lexes them whole).
    String,
    /// An operator or delimiter, as written.
    Op(&'static str),
    /// The end of a logical line.
    Newline,
    Indent,
    Dedent,
    /// A character that starts no token (`$`, `?`, `` ` ``): the parser reports it.
    Junk,
    End,
}

/// A token and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// Python 3.11's reserved words (soft keywords such as `match` are plain names).
pub(crate) const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

pub(crate) fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Operators and delimiters, longest first so that the first match is the longest.
const OPERATORS: [&str; 47] = [
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=",
];

/// The operator at the start of `rest`, if any.
pub(crate) fn match_operator(rest: &str) -> Option<&'static str> {
    let first = *rest.as_bytes().first()?;
    OPERATORS
        .iter()
        .copied()
        .find(|op| op.as_bytes().first() == Some(&first) && rest.starts_with(op))
}

/// Whether a character may start an identifier (`XID_Start` approximated by `is_alphabetic`).
pub(crate) fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

pub(crate) fn is_id_continue(c: char) -> bool {
    is_id_start(c) || c.is_ascii_digit() || (!c.is_ascii() && c.is_alphanumeric())
}

/// Whether a name followed by a quote is a string prefix (`r`, `b`, `f`, `u`, `rb`, `fr`, any case).
pub(crate) fn is_string_prefix(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "r" | "u" | "b" | "f" | "br" | "rb" | "fr" | "rf"
    )
}

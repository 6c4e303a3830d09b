//! Token classes for the models editor's syntax highlighting. Unlike parsing this never
//! fails: every character that is not whitespace lands in exactly one classified span.

use super::scanner::{Raw, Scanner};
use super::token::is_keyword;
use crate::diag::Span;
use serde::Serialize;

/// What a highlighted piece of source is, for the editor to colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TokenClass {
    /// `def`, `class`, `if`, `return`, `and`, ...
    Keyword,
    /// Any other identifier.
    Name,
    /// The name being defined right after `def` or `class`.
    Definition,
    /// A name of a common builtin (`print`, `len`, `str`, ...).
    Builtin,
    /// `None`, `True`, `False`.
    Constant,
    /// A string or bytes literal (f-strings included, as one piece); also an unterminated one.
    String,
    Number,
    Comment,
    /// Arithmetic, comparison, assignment and other operators.
    Operator,
    /// Brackets, `,`, `:`, `;`, `.` and a line-continuation backslash.
    Punctuation,
    /// A decorator line's `@` and dotted name.
    Decorator,
    /// A character or literal Python would reject (`$`, `1abc`, a stray backslash).
    Error,
}

impl TokenClass {
    /// A short CSS class name for the class (`kw`, `name`, ...), stable for stylesheets.
    pub fn css_class(self) -> &'static str {
        match self {
            TokenClass::Keyword => "kw",
            TokenClass::Name => "name",
            TokenClass::Definition => "def",
            TokenClass::Builtin => "builtin",
            TokenClass::Constant => "const",
            TokenClass::String => "str",
            TokenClass::Number => "num",
            TokenClass::Comment => "comment",
            TokenClass::Operator => "op",
            TokenClass::Punctuation => "punct",
            TokenClass::Decorator => "deco",
            TokenClass::Error => "error",
        }
    }
}

const BUILTINS: [&str; 31] = [
    "abs",
    "all",
    "any",
    "bool",
    "dict",
    "enumerate",
    "Exception",
    "float",
    "getattr",
    "hasattr",
    "int",
    "isinstance",
    "len",
    "list",
    "max",
    "min",
    "object",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "set",
    "setattr",
    "sorted",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "zip",
];

/// Classifies the source's tokens, in order and without overlap; the text between two spans
/// is whitespace. Never fails: erroneous characters get `TokenClass::Error`.
pub fn highlight_tokens(source: &str) -> Vec<(TokenClass, Span)> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut scanner = Scanner {
        src: source,
        pos: start,
        end: source.len(),
    };
    let mut out: Vec<(TokenClass, Span)> = Vec::new();
    let (mut line_start, mut decorator, mut defining) = (true, false, false);
    while let Some((raw, span)) = scanner.next_raw() {
        let text = source
            .get(span.start as usize..span.end as usize)
            .unwrap_or("");
        let class = match raw {
            Raw::Newline => {
                (line_start, decorator) = (true, false);
                continue;
            }
            Raw::Name if decorator => TokenClass::Decorator,
            Raw::Name if defining => TokenClass::Definition,
            Raw::Name if matches!(text, "None" | "True" | "False") => TokenClass::Constant,
            Raw::Name if is_keyword(text) => TokenClass::Keyword,
            Raw::Name if BUILTINS.contains(&text) => TokenClass::Builtin,
            Raw::Name => TokenClass::Name,
            Raw::Op("@") if line_start => {
                decorator = true;
                TokenClass::Decorator
            }
            Raw::Op(".") if decorator => TokenClass::Decorator,
            Raw::Op("(" | ")" | "[" | "]" | "{" | "}" | "," | ":" | ";" | "." | "->") => {
                TokenClass::Punctuation
            }
            Raw::Op(_) => TokenClass::Operator,
            Raw::Number(None) => TokenClass::Number,
            Raw::Str(_) => TokenClass::String,
            Raw::Comment => TokenClass::Comment,
            Raw::Continuation => TokenClass::Punctuation,
            Raw::Number(Some(_)) | Raw::Backslash | Raw::Junk | Raw::BadChar(_) => {
                TokenClass::Error
            }
        };
        if class != TokenClass::Decorator {
            decorator = false;
        }
        let span = match raw {
            Raw::Continuation => Span {
                start: span.start,
                end: span.start + 1,
            },
            _ => span,
        };
        defining = class == TokenClass::Keyword && matches!(text, "def" | "class");
        line_start = false;
        out.push((class, span));
    }
    out
}

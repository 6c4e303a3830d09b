//! The lexer: source text to tokens, with Python's INDENT/DEDENT, implicit line joining inside
//! brackets and explicit `\` continuation. The whole text is tokenized before parsing, so a
//! tokenizer error anywhere wins over a parser error, as in CPython.

use super::scanner::{Raw, Scanner};
use super::token::{Tok, Token};
use crate::diag::{Diagnostic, Span};

/// Deepest bracket nesting accepted (CPython allows 200; our parser's stack budget is smaller).
pub(crate) const MAX_BRACKETS: usize = 100;
/// Indentation levels accepted, counting the unindented one (CPython's limit too).
const MAX_INDENTS: usize = 100;

/// A tokenizer error; `at_eof` means more input could still complete the text (the console
/// then asks for another line instead of reporting it).
#[derive(Debug)]
pub(crate) struct LexError {
    pub diag: Diagnostic,
    pub at_eof: bool,
}

type LexResult<T> = Result<T, Box<LexError>>;

fn error<T>(exception: &str, msg: impl Into<String>, span: Span, at_eof: bool) -> LexResult<T> {
    Err(Box::new(LexError {
        diag: Diagnostic::new(exception, msg).at(span),
        at_eof,
    }))
}

fn syntax_error<T>(msg: impl Into<String>, span: Span) -> LexResult<T> {
    error("SyntaxError", msg, span, false)
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(src: &str, pos: usize) -> usize {
    let before = src.as_bytes().get(..pos).unwrap_or(src.as_bytes());
    before.iter().filter(|b| **b == b'\n').count() + 1
}

/// Tokenizes `src[start..end]`. `nested` is for an f-string's expression: it is lexed as if
/// inside parentheses (no NEWLINE/INDENT tokens), as CPython 3.11 does.
pub(crate) fn tokenize(src: &str, start: usize, end: usize, nested: bool) -> LexResult<Vec<Token>> {
    let mut sc = Scanner {
        src,
        pos: start,
        end,
    };
    let mut toks: Vec<Token> = Vec::new();
    let mut brackets: Vec<(u8, Span)> = Vec::new();
    let mut indents: Vec<(usize, usize)> = vec![(0, 0)];
    let (mut line_start, mut blank) = (!nested, false);
    loop {
        if line_start {
            line_start = false;
            let (col, alt) = measure_indent(&mut sc);
            blank = sc.pos >= end || matches!(sc.byte(sc.pos), b'#' | b'\n' | b'\r');
            if !blank {
                indentation(src, &mut indents, &mut toks, (col, alt, sc.pos))?;
            }
        }
        let Some((raw, span)) = sc.next_raw() else {
            break;
        };
        let (s, e) = (span.start as usize, span.end as usize);
        let tok = match raw {
            Raw::Comment => continue,
            Raw::Continuation if e < end || !brackets.is_empty() => continue,
            Raw::Newline if blank => {
                (line_start, blank) = (true, false);
                continue;
            }
            Raw::Newline if nested || !brackets.is_empty() => continue,
            Raw::Newline => {
                line_start = true;
                Tok::Newline
            }
            Raw::Continuation | Raw::Backslash if e >= end => {
                return error(
                    "SyntaxError",
                    "unexpected EOF while parsing",
                    Span::new(s + 1, s + 1),
                    true,
                )
            }
            Raw::Continuation | Raw::Backslash => {
                let msg = "unexpected character after line continuation character";
                return syntax_error(msg, Span::new(e, e + 1));
            }
            Raw::Name => Tok::Name,
            Raw::Number(Some((msg, at))) => return syntax_error(msg, at),
            Raw::Number(None) => Tok::Number,
            Raw::Str(None) => Tok::String,
            Raw::Str(Some(triple)) => {
                // At the end of the text, a final line break does not start another line.
                let at_end =
                    triple && e >= end && src.get(..end).is_some_and(|t| t.ends_with('\n'));
                let line = line_of(src, e) - usize::from(at_end);
                let kind = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                let msg = format!("{kind} (detected at line {})", line.max(1));
                return error("SyntaxError", msg, Span::new(s, s + 1), triple);
            }
            Raw::Op(op) => {
                bracket(src, &mut brackets, op, span, nested)?;
                Tok::Op(op)
            }
            Raw::Junk => Tok::Junk,
            Raw::BadChar(c) => {
                let code = c as u32;
                let msg = if c.is_control() || c.is_whitespace() || c == '\u{feff}' {
                    format!("invalid non-printable character U+{code:04X}")
                } else {
                    format!("invalid character '{c}' (U+{code:04X})")
                };
                return syntax_error(msg, span);
            }
        };
        toks.push(Token { tok, span });
    }
    if let Some(&(open, span)) = brackets.last() {
        return error(
            "SyntaxError",
            format!("'{}' was never closed", open as char),
            span,
            true,
        );
    }
    // CPython reports errors at the end of input on the last line, not after its line break.
    let tail = src.get(start..end).unwrap_or("");
    let last = end - usize::from(tail.ends_with('\n')) - usize::from(tail.ends_with("\r\n"));
    let eof = Span::new(last, last);
    if !nested && toks.last().is_some_and(|t| t.tok != Tok::Newline) {
        toks.push(Token {
            tok: Tok::Newline,
            span: eof,
        });
    }
    let dedents = if nested { 0 } else { indents.len() - 1 };
    toks.extend(std::iter::repeat_n(
        Token {
            tok: Tok::Dedent,
            span: eof,
        },
        dedents,
    ));
    toks.push(Token {
        tok: Tok::End,
        span: eof,
    });
    Ok(toks)
}

/// Tracks brackets: too deep, unmatched or mismatched ones are errors.
fn bracket(
    src: &str,
    open: &mut Vec<(u8, Span)>,
    op: &str,
    span: Span,
    nested: bool,
) -> LexResult<()> {
    let c = op.as_bytes().first().copied().unwrap_or(0);
    if matches!(c, b'(' | b'[' | b'{') {
        if open.len() >= MAX_BRACKETS {
            return syntax_error("too many nested parentheses", span);
        }
        open.push((c, span));
    } else if matches!(c, b')' | b']' | b'}') {
        let Some((o, at)) = open.pop() else {
            let f = if nested { "f-string: " } else { "" };
            return syntax_error(format!("{f}unmatched '{op}'"), span);
        };
        if (o, c) != (b'(', b')') && (o, c) != (b'[', b']') && (o, c) != (b'{', b'}') {
            let (l1, l2) = (
                line_of(src, at.start as usize),
                line_of(src, span.start as usize),
            );
            let on = if l1 == l2 {
                String::new()
            } else {
                format!(" on line {l1}")
            };
            let msg = format!(
                "closing parenthesis '{op}' does not match opening parenthesis '{}'{on}",
                o as char
            );
            return syntax_error(msg, span);
        }
    }
    Ok(())
}

/// Skips a line's indentation; returns its columns with tabs to multiples of 8, and with
/// tabs as 1 (for CPython's consistency check).
fn measure_indent(sc: &mut Scanner) -> (usize, usize) {
    let (mut col, mut alt) = (0, 0);
    loop {
        (col, alt) = match sc.byte(sc.pos) {
            b' ' => (col + 1, alt + 1),
            b'\t' => ((col / 8 + 1) * 8, alt + 1),
            b'\x0c' => (0, 0),
            _ => return (col, alt),
        };
        sc.pos += 1;
    }
}

/// Emits INDENT/DEDENT for a line whose indentation was measured.
fn indentation(
    src: &str,
    indents: &mut Vec<(usize, usize)>,
    toks: &mut Vec<Token>,
    at: (usize, usize, usize),
) -> LexResult<()> {
    let (col, alt, first) = at;
    let line = src
        .as_bytes()
        .get(..first)
        .unwrap_or(&[])
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let tab_error = || {
        error(
            "TabError",
            "inconsistent use of tabs and spaces in indentation",
            Span::new(line, line),
            false,
        )
    };
    let (top_col, top_alt) = indents.last().copied().unwrap_or((0, 0));
    if col > top_col {
        if alt <= top_alt {
            return tab_error();
        }
        if indents.len() >= MAX_INDENTS {
            return error(
                "IndentationError",
                "too many levels of indentation",
                Span::new(first, first),
                false,
            );
        }
        indents.push((col, alt));
        toks.push(Token {
            tok: Tok::Indent,
            span: Span::new(first.saturating_sub(1), first),
        });
        return Ok(());
    }
    while indents.len() > 1 && indents.last().is_some_and(|t| col < t.0) {
        indents.pop();
        toks.push(Token {
            tok: Tok::Dedent,
            span: Span::new(first, first),
        });
    }
    match indents.last() {
        Some(&(c, _)) if c != col => {
            let eol = src
                .get(first..)
                .and_then(|r| r.find(['\n', '\r']))
                .map_or(src.len(), |i| first + i);
            let msg = "unindent does not match any outer indentation level";
            error("IndentationError", msg, Span::new(eol, eol), false)
        }
        Some(&(_, a)) if a != alt => tab_error(),
        _ => Ok(()),
    }
}

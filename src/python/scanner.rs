//! Raw lexemes: names, numbers, strings, operators, comments and line breaks, before
//! indentation and brackets are considered. Never fails; highlighting uses it directly.

use super::token::{is_id_continue, is_id_start, is_string_prefix, match_operator};
use crate::diag::Span;

/// A lexeme; errors are kept as data so that scanning always goes on.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Raw {
    Name,
    /// A number, or the message and place of what is wrong with it.
    Number(Option<(String, Span)>),
    /// A string literal; `Some(triple)` when the text ended before its closing quote.
    Str(Option<bool>),
    Op(&'static str),
    Comment,
    Newline,
    /// `\` and the line break after it.
    Continuation,
    /// `\` not followed by a line break.
    Backslash,
    /// An ASCII character that starts no token (`$`, `?`, `!`).
    Junk,
    /// A non-ASCII character that cannot appear outside strings and comments.
    BadChar(char),
}

/// Scans `src[pos..end]`.
pub(crate) struct Scanner<'s> {
    pub src: &'s str,
    pub pos: usize,
    pub end: usize,
}

impl Scanner<'_> {
    /// The byte at `i`, or 0 at and after the end.
    pub fn byte(&self, i: usize) -> u8 {
        self.src
            .as_bytes()
            .get(i)
            .filter(|_| i < self.end)
            .copied()
            .unwrap_or(0)
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.src.get(i..self.end)?.chars().next()
    }

    /// The length of the line break at `i` (`\r\n` counts as one).
    fn newline_len(&self, i: usize) -> usize {
        1 + usize::from(self.byte(i) == b'\r' && self.byte(i + 1) == b'\n')
    }

    fn skip_word(&mut self) {
        while let Some(c) = self.char_at(self.pos).filter(|c| is_id_continue(*c)) {
            self.pos += c.len_utf8();
        }
    }

    /// The next lexeme, skipping spaces, tabs and form feeds; `None` at the end.
    pub fn next_raw(&mut self) -> Option<(Raw, Span)> {
        while matches!(self.byte(self.pos), b' ' | b'\t' | b'\x0c') {
            self.pos += 1;
        }
        let start = self.pos;
        let c = self.char_at(start)?;
        let raw = match c {
            '#' => {
                while self.pos < self.end && !matches!(self.byte(self.pos), b'\n' | b'\r') {
                    self.pos += 1;
                }
                Raw::Comment
            }
            '\n' | '\r' => {
                self.pos += self.newline_len(start);
                Raw::Newline
            }
            '\\' if matches!(self.byte(start + 1), b'\n' | b'\r') => {
                self.pos += 1 + self.newline_len(start + 1);
                Raw::Continuation
            }
            '\\' => {
                self.pos += 1;
                Raw::Backslash
            }
            '\'' | '"' => self.string(start),
            c if is_id_start(c) => {
                self.skip_word();
                let word = self.src.get(start..self.pos).unwrap_or("");
                if matches!(self.byte(self.pos), b'\'' | b'"') && is_string_prefix(word) {
                    self.string(self.pos)
                } else {
                    Raw::Name
                }
            }
            c if c.is_ascii_digit() || c == '.' && self.byte(start + 1).is_ascii_digit() => {
                let err = self.number(start).err();
                if err.is_some() {
                    self.skip_word(); // one bad token for highlighting
                }
                Raw::Number(err)
            }
            c => match match_operator(self.src.get(start..self.end).unwrap_or("")) {
                Some(op) => {
                    self.pos += op.len();
                    Raw::Op(op)
                }
                None => {
                    self.pos += c.len_utf8();
                    if c.is_ascii_graphic() {
                        Raw::Junk
                    } else {
                        Raw::BadChar(c)
                    }
                }
            },
        };
        Some((raw, Span::new(start, self.pos)))
    }

    /// A string literal whose opening quote is at `quote`.
    fn string(&mut self, quote: usize) -> Raw {
        let q = self.byte(quote);
        let triple = self.byte(quote + 1) == q && self.byte(quote + 2) == q;
        let n = if triple { 3 } else { 1 };
        let mut i = quote + n;
        loop {
            let c = self.byte(i);
            if i >= self.end || !triple && matches!(c, b'\n' | b'\r') {
                self.pos = i.min(self.end);
                return Raw::Str(Some(triple));
            }
            if c == b'\\' {
                i += 1 + self.newline_len(i + 1);
            } else if c == q && (!triple || self.byte(i + 1) == q && self.byte(i + 2) == q) {
                self.pos = i + n;
                return Raw::Str(None);
            } else {
                i += 1;
            }
        }
    }

    /// Digits of `radix` from `i` (at least one), single underscores between them: the end,
    /// or `Err` with where the digits went wrong.
    fn digits(&self, mut i: usize, radix: u32) -> Result<usize, usize> {
        let digit = |i: usize| (self.byte(i) as char).is_digit(radix);
        if !digit(i) {
            return Err(i);
        }
        while digit(i) || self.byte(i) == b'_' && digit(i + 1) {
            i += 1 + usize::from(self.byte(i) == b'_');
        }
        if self.byte(i) == b'_' {
            return Err(i + 1);
        }
        Ok(i)
    }

    /// A number from `start`, checked as CPython's tokenizer does (messages and places too).
    fn number(&mut self, start: usize) -> Result<(), (String, Span)> {
        let (radix, kind) = match (self.byte(start), self.byte(start + 1) | 0x20) {
            (b'0', b'x') => (16, "hexadecimal"),
            (b'0', b'o') => (8, "octal"),
            (b'0', b'b') => (2, "binary"),
            _ => (10, "decimal"),
        };
        let src = self.src;
        let invalid = |at: usize| {
            let digit = src
                .as_bytes()
                .get(at)
                .filter(|b| b.is_ascii_digit() && radix < 10);
            match digit {
                Some(&d) => (
                    format!("invalid digit '{}' in {kind} literal", d as char),
                    Span::new(at, at + 1),
                ),
                None => (
                    format!("invalid {kind} literal"),
                    Span::new(at.saturating_sub(1), at),
                ),
            }
        };
        if radix != 10 {
            let first = start + 2 + usize::from(self.byte(start + 2) == b'_');
            self.pos = self.digits(first, radix).map_err(invalid)?;
            if self.byte(self.pos).is_ascii_digit() {
                return Err(invalid(self.pos));
            }
            return self.end_of_number(kind);
        }
        self.pos = start;
        if self.byte(start) != b'.' {
            self.pos = self.digits(start, 10).map_err(invalid)?;
        }
        let int_end = self.pos;
        if self.byte(self.pos) == b'.' {
            self.pos += 1;
            if self.byte(self.pos).is_ascii_digit() {
                self.pos = self.digits(self.pos, 10).map_err(invalid)?;
            }
        }
        if self.byte(self.pos) | 0x20 == b'e' {
            let sign = usize::from(matches!(self.byte(self.pos + 1), b'+' | b'-'));
            let e = self.pos;
            self.pos = self
                .digits(e + 1 + sign, 10)
                .map_err(|at| invalid(if sign == 0 && at == e + 1 { e } else { at }))?;
        }
        let float = self.pos > int_end;
        let imaginary = self.byte(self.pos) | 0x20 == b'j';
        self.pos += usize::from(imaginary);
        let int = self.src.get(start..int_end).unwrap_or("");
        if !float
            && !imaginary
            && int.starts_with('0')
            && int.bytes().any(|b| (b'1'..=b'9').contains(&b))
        {
            let msg = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
            return Err((msg.into(), Span::new(start, start + 1)));
        }
        self.end_of_number(kind)
    }

    /// A number may not run into a name, except a keyword (`1if x else y` is valid Python).
    fn end_of_number(&self, kind: &str) -> Result<(), (String, Span)> {
        let rest = self.src.get(self.pos..self.end).unwrap_or("");
        let Some(next) = rest.chars().next().filter(|c| is_id_continue(*c)) else {
            return Ok(());
        };
        let keywords = ["and", "else", "for", "if", "in", "is", "not", "or"];
        if next.is_ascii() && keywords.iter().any(|k| rest.starts_with(k)) {
            return Ok(());
        }
        Err((
            format!("invalid {kind} literal"),
            Span::new(self.pos.saturating_sub(1), self.pos),
        ))
    }
}

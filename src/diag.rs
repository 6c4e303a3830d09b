//! Diagnostics: the one error value every layer produces and every front end renders.
//!
//! A diagnostic carries the Python exception the real library would raise (by its qualified
//! class name), a message a learner can act on, and, where there is one, the source span.
//! The console prints it as a traceback, the editor underlines the span, the CLI prints
//! `file:line:col`.

use serde::Serialize;

/// A byte range in one source text (models pane or one console input).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// Which text a span points into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Source {
    /// The models pane (models.py).
    Models,
    /// A console input, numbered from 1 in the order it was entered.
    Console(u32),
}

/// A 1-based line and column (columns count Unicode scalar values, as Python does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// Converts byte offsets of one text into lines and columns (and UTF-16 offsets for editors).
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
    text: std::rc::Rc<str>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        LineIndex {
            line_starts,
            text: text.into(),
        }
    }

    pub fn line_col(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.text.len() as u32);
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line] as usize;
        let end = floor_char_boundary(&self.text, offset as usize);
        let column = self.text[start..end].chars().count() as u32 + 1;
        LineCol {
            line: line as u32 + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text(&self, line: u32) -> &str {
        let i = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(i) else {
            return "";
        };
        let end = self
            .line_starts
            .get(i + 1)
            .map(|&e| e as usize - 1)
            .unwrap_or(self.text.len());
        self.text[start as usize..end].trim_end_matches('\r')
    }

    /// The UTF-16 code unit offset of a byte offset (what a browser editor counts).
    pub fn utf16_offset(&self, offset: u32) -> u32 {
        let end = floor_char_boundary(&self.text, offset as usize);
        self.text[..end].encode_utf16().count() as u32
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// An error as the real library would raise it, with where it happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// The exception class, qualified as Python prints it in a traceback's last line:
    /// `SyntaxError`, `AttributeError`, `sqlalchemy.exc.IntegrityError`, ...
    pub exception: String,
    /// The message (the part after `: ` in the traceback's last line).
    pub message: String,
    /// Where it happened, if known.
    pub span: Option<Span>,
    pub source: Option<Source>,
}

impl Diagnostic {
    pub fn new(exception: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            exception: exception.into(),
            message: message.into(),
            span: None,
            source: None,
        }
    }

    pub fn at(mut self, span: Span) -> Diagnostic {
        self.span = Some(span);
        self
    }

    pub fn in_source(mut self, source: Source) -> Diagnostic {
        self.source = Some(source);
        self
    }

    /// The last line of a Python traceback: `Name: message` (just `Name` without a message).
    pub fn headline(&self) -> String {
        if self.message.is_empty() {
            self.exception.clone()
        } else {
            format!("{}: {}", self.exception, self.message)
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headline())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let idx = LineIndex::new("ab\nçd\n");
        assert_eq!(idx.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(3), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(idx.line_text(2), "çd");
        assert_eq!(idx.utf16_offset(6), 5);
    }

    #[test]
    fn headline_omits_empty_message() {
        assert_eq!(Diagnostic::new("KeyError", "").headline(), "KeyError");
        assert_eq!(
            Diagnostic::new("NameError", "name 'x' is not defined").headline(),
            "NameError: name 'x' is not defined"
        );
    }
}

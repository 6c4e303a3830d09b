//! The Python front end: tokens, parsing and the syntax tree (with spans) of the subset
//! that Flask-SQLAlchemy lessons use. Knows nothing of SQL, the ORM or the UI.
//!
//! Code map: `scanner` (raw lexemes, also used by `highlight`) → `lexer` (INDENT/DEDENT,
//! brackets, continuations) → `parser` (cursor, errors, target checks) with `stmt`,
//! `compound`, `expr`, `display` (brackets: displays, comprehensions, arguments,
//! parameters), `literal` (numbers, escapes, string concatenation) and `fstring`.
//!
//! Invariants: trees follow CPython's `ast` shapes and spans; errors are CPython 3.11's
//! `SyntaxError`/`IndentationError`/`TabError` messages and caret positions; syntax outside
//! the subset is a `SyntaxError` ending with "not supported in the playground", never a
//! misparse. Nesting is bounded (100 brackets, 99 indentation levels, `parser::MAX_DEPTH`
//! units counting operator and trailer chains and `elif`s), so no input can exhaust the
//! stack and every tree is shallow enough for recursive walks; every loop advances.

pub mod ast;
mod compound;
mod display;
mod expr;
mod fstring;
mod highlight;
mod lexer;
mod literal;
mod parser;
mod scanner;
mod stmt;
mod token;

#[cfg(test)]
mod tests;

pub use highlight::{highlight_tokens, TokenClass};

use crate::diag::Diagnostic;
use parser::Parser;

/// What the console gets back for the text typed so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Interactive {
    /// A whole statement (or several on one line, joined by `;`): run it.
    Complete(ast::Module),
    /// The text is a valid beginning but needs more lines (an open block or bracket):
    /// show the `... ` prompt.
    Incomplete,
}

/// Where the text starts (after a UTF-8 byte order mark, which editors may leave).
fn text_start(source: &str) -> usize {
    if source.starts_with('\u{feff}') {
        3
    } else {
        0
    }
}

/// Parses a whole file (the models pane). Errors are `SyntaxError` / `IndentationError` /
/// `TabError` diagnostics whose span points at the offending token (CPython's caret).
pub fn parse_module(source: &str) -> Result<ast::Module, Diagnostic> {
    let toks =
        lexer::tokenize(source, text_start(source), source.len(), false).map_err(|e| e.diag)?;
    let body = Parser::new(source, toks).file().map_err(|e| *e)?;
    Ok(ast::Module { body })
}

/// Parses console input the way the interactive shell does: `compile(source, ..., 'single')`
/// with `codeop`'s idea of an incomplete input.
///
/// `source` is the lines typed so far joined with `\n` (as `code.InteractiveConsole` joins
/// them; a doctest example, which ends with `\n`, works as is). It is `Incomplete` while a
/// bracket or triple-quoted string is open, after a trailing `\`, while the text ends inside a
/// block header or before a required clause (`try:` without `except`), and while a compound
/// statement is not yet followed by an empty line (the text does not end with `\n`). One
/// statement per input, as in the shell; simple statements joined by `;` count as one.
pub fn parse_interactive(source: &str) -> Result<Interactive, Diagnostic> {
    let toks = match lexer::tokenize(source, text_start(source), source.len(), false) {
        Ok(toks) => toks,
        Err(e) if e.at_eof => return Ok(Interactive::Incomplete),
        Err(e) => return Err(e.diag),
    };
    let mut p = Parser::new(source, toks);
    let mut body = Vec::new();
    if p.at_end() {
        return Ok(Interactive::Complete(ast::Module { body }));
    }
    let compound = match p.statement(&mut body) {
        Ok(compound) => compound,
        Err(_) if p.at_closing_tokens() => return Ok(Interactive::Incomplete),
        Err(e) => return Err(*e),
    };
    if !p.at_end() {
        if compound {
            return Err(*p.unexpected());
        }
        let msg = "multiple statements found while compiling a single statement";
        return Err(Diagnostic::new("SyntaxError", msg).at(p.previous().span));
    }
    if compound && !source.ends_with('\n') {
        return Ok(Interactive::Incomplete);
    }
    Ok(Interactive::Complete(ast::Module { body }))
}

//! The Python front end: tokens, parsing and the syntax tree (with spans) of the subset
//! that Flask-SQLAlchemy lessons use. Knows nothing of SQL, the ORM or the UI.
//!
//! Syntax outside the subset is reported as a `SyntaxError` whose message ends with
//! "is not supported in the playground", never misparsed.

pub mod ast;

use crate::diag::Diagnostic;

/// What the console gets back for the text typed so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Interactive {
    /// A whole statement (or several): run it.
    Complete(ast::Module),
    /// The text is a valid beginning but needs more lines (an open block or bracket):
    /// show the `... ` prompt.
    Incomplete,
}

/// Parses a whole file (the models pane). Errors are `SyntaxError` / `IndentationError`
/// diagnostics whose span points at the offending token.
pub fn parse_module(source: &str) -> Result<ast::Module, Diagnostic> {
    Err(Diagnostic::new(
        "SyntaxError",
        format!(
            "the parser is not built yet ({} bytes not parsed)",
            source.len()
        ),
    ))
}

/// Parses console input the way the interactive shell does (`'single'` mode, with
/// `codeop`'s idea of an incomplete input).
pub fn parse_interactive(source: &str) -> Result<Interactive, Diagnostic> {
    parse_module(source).map(Interactive::Complete)
}

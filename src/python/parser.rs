//! The parser's cursor over tokens, its error builders and the checks shared by statements and
//! expressions (assignment targets). Statements are in `stmt.rs`, expressions in `expr.rs`.

use super::ast::{Expr, ExprKind, Ident};
use super::token::{is_keyword, Tok, Token};
use crate::diag::{Diagnostic, Span};

/// Parser results carry a boxed diagnostic so that deep recursion keeps small stack frames.
pub(crate) type PResult<T> = Result<T, Box<Diagnostic>>;

/// How many nested operators, brackets, lambdas, conditionals and blocks the parser accepts
/// (brackets alone stop at `lexer::MAX_BRACKETS`): enough for any real program and, at about
/// 2 KB of stack per level in an optimised build, well inside a 1 MB wasm stack.
pub(crate) const MAX_DEPTH: u32 = 200;

/// Where an assignment target appears (the error wording differs).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetCtx {
    Assign,
    Delete,
}

pub(crate) struct Parser<'s> {
    pub src: &'s str,
    toks: Vec<Token>,
    pos: usize,
    /// End of the last consumed token that is not NEWLINE/INDENT/DEDENT (for node spans).
    last_end: u32,
    pub depth: u32,
    /// Open brackets around the current position (for "Perhaps you forgot a comma?").
    pub brackets: u32,
    pub in_func: bool,
    pub in_loop: bool,
    /// Parsing an f-string's expression: parser errors get CPython's "f-string: " prefix.
    pub fstring: bool,
}

/// A saved position, to try one reading and fall back to another.
pub(crate) type Mark = (usize, u32, u32, u32, bool, bool);

impl<'s> Parser<'s> {
    pub fn new(src: &'s str, toks: Vec<Token>) -> Parser<'s> {
        Parser {
            src,
            toks,
            pos: 0,
            last_end: 0,
            depth: 0,
            brackets: 0,
            in_func: false,
            in_loop: false,
            fstring: false,
        }
    }

    pub fn tok(&self) -> Token {
        self.peek(0)
    }

    /// The token `n` places ahead (the END token past the end).
    pub fn peek(&self, n: usize) -> Token {
        let end = Token {
            tok: Tok::End,
            span: Span::new(self.src.len(), self.src.len()),
        };
        self.toks
            .get(self.pos + n)
            .or(self.toks.last())
            .copied()
            .unwrap_or(end)
    }

    /// The last consumed token (the current one at the start).
    pub fn previous(&self) -> Token {
        self.toks
            .get(self.pos.saturating_sub(1))
            .copied()
            .unwrap_or_else(|| self.tok())
    }

    pub fn text(&self, t: Token) -> &'s str {
        self.src
            .get(t.span.start as usize..t.span.end as usize)
            .unwrap_or("")
    }

    pub fn at(&self, op: &str) -> bool {
        matches!(self.tok().tok, Tok::Op(o) if o == op)
    }

    pub fn at_kw(&self, kw: &str) -> bool {
        let t = self.tok();
        t.tok == Tok::Name && self.text(t) == kw
    }

    pub fn at_end(&self) -> bool {
        self.tok().tok == Tok::End
    }

    /// Whether only the DEDENT and END tokens that close the text remain.
    pub fn at_closing_tokens(&self) -> bool {
        self.toks
            .get(self.pos..)
            .unwrap_or(&[])
            .iter()
            .all(|t| matches!(t.tok, Tok::Dedent | Tok::End))
    }

    pub fn bump(&mut self) -> Token {
        let t = self.tok();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        if !matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::End) {
            self.last_end = t.span.end;
        }
        t
    }

    pub fn eat(&mut self, op: &str) -> bool {
        self.at(op) && {
            self.bump();
            true
        }
    }

    pub fn eat_kw(&mut self, kw: &str) -> bool {
        self.at_kw(kw) && {
            self.bump();
            true
        }
    }

    pub fn expect(&mut self, op: &str) -> PResult<Span> {
        if self.at(op) {
            Ok(self.bump().span)
        } else {
            Err(self.unexpected())
        }
    }

    pub fn expect_kw(&mut self, kw: &str) -> PResult<Span> {
        if self.at_kw(kw) {
            Ok(self.bump().span)
        } else {
            Err(self.unexpected())
        }
    }

    /// A span from `start` to the end of the last consumed token.
    pub fn since(&self, start: u32) -> Span {
        Span {
            start,
            end: self.last_end.max(start),
        }
    }

    pub fn mark(&self) -> Mark {
        (
            self.pos,
            self.last_end,
            self.depth,
            self.brackets,
            self.in_func,
            self.in_loop,
        )
    }

    pub fn reset(&mut self, m: Mark) {
        (
            self.pos,
            self.last_end,
            self.depth,
            self.brackets,
            self.in_func,
            self.in_loop,
        ) = m;
    }

    /// `parse(self)` when `cond` holds.
    pub fn maybe<T>(
        &mut self,
        cond: bool,
        parse: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<Option<T>> {
        if cond {
            parse(self).map(Some)
        } else {
            Ok(None)
        }
    }

    /// One or more of `parse`, separated by commas.
    pub fn comma_list<T>(
        &mut self,
        mut parse: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        let mut items = vec![parse(self)?];
        while self.eat(",") {
            items.push(parse(self)?);
        }
        Ok(items)
    }

    /// An identifier (not a keyword).
    pub fn ident(&mut self) -> PResult<Ident> {
        let t = self.tok();
        let text = self.text(t);
        if t.tok != Tok::Name || is_keyword(text) {
            return Err(self.unexpected());
        }
        self.bump();
        Ok(Ident {
            name: text.into(),
            span: t.span,
        })
    }

    /// Counts one level of nesting; errors out before the native stack could run out.
    pub fn enter(&mut self) -> PResult<()> {
        #[cfg(test)]
        super::tests::stack_probe::touch();
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let msg = "code nested this deeply is not supported in the playground";
            return self.fail(msg, self.tok().span);
        }
        Ok(())
    }

    pub fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    pub fn error(&self, msg: impl Into<String>, span: Span) -> Box<Diagnostic> {
        let msg = msg.into();
        let msg = if self.fstring && !msg.starts_with("f-string") {
            format!("f-string: {msg}")
        } else {
            msg
        };
        Box::new(Diagnostic::new("SyntaxError", msg).at(span))
    }

    /// `Err` of `error(msg, span)`.
    pub fn fail<T>(&self, msg: impl Into<String>, span: Span) -> PResult<T> {
        Err(self.error(msg, span))
    }

    pub fn indentation_error(&self, msg: impl Into<String>, span: Span) -> Box<Diagnostic> {
        Box::new(Diagnostic::new("IndentationError", msg).at(span))
    }

    /// A construct outside the playground's Python subset.
    pub fn unsupported(&self, what: &str, span: Span) -> Box<Diagnostic> {
        self.error(format!("{what} not supported in the playground"), span)
    }

    /// The error for a token that cannot come next.
    pub fn unexpected(&self) -> Box<Diagnostic> {
        let t = self.tok();
        match (t.tok, self.text(t)) {
            (Tok::Indent, _) => self.indentation_error("unexpected indent", t.span),
            (Tok::Dedent, _) => self.indentation_error("unexpected unindent", t.span),
            (Tok::Name, kw @ ("yield" | "await" | "async")) => {
                self.unsupported(&format!("'{kw}' is"), t.span)
            }
            _ => self.error("invalid syntax", t.span),
        }
    }

    /// The error after an expression that starts at `start`, when the next token is not a
    /// separator: inside brackets, another expression there probably lacks a comma before it.
    pub fn unexpected_after(&self, prev: &Expr) -> Box<Diagnostic> {
        let t = self.tok();
        let name_then_string = matches!(prev.kind, ExprKind::Name(_)) && t.tok == Tok::String;
        if self.brackets > 0 && self.starts_expression() && !self.at_kw("not") && !name_then_string
        {
            let msg = "invalid syntax. Perhaps you forgot a comma?";
            return self.error(msg, prev.span.to(t.span));
        }
        self.unexpected()
    }

    /// Whether the current token can begin an expression.
    pub fn starts_expression(&self) -> bool {
        matches!(
            self.tok().tok,
            Tok::Op("(" | "[" | "{" | "-" | "+" | "~" | "..." | "*")
        ) || self.starts_operand(0)
    }

    /// Whether the token `n` ahead is a name, number, string or keyword that starts an
    /// expression (so that it cannot continue the expression before it).
    pub fn starts_operand(&self, n: usize) -> bool {
        let t = self.peek(n);
        let w = self.text(t);
        let expression_keyword = matches!(
            w,
            "None" | "True" | "False" | "not" | "lambda" | "await" | "yield"
        );
        matches!(t.tok, Tok::Number | Tok::String)
            || t.tok == Tok::Name && (!is_keyword(w) || expression_keyword)
    }

    /// Checks an assignment (or `del`) target: names, attributes, subscripts, and tuples or
    /// lists of them with at most one starred item.
    pub fn check_target(&self, e: &Expr, ctx: TargetCtx, top: bool) -> PResult<()> {
        let verb = if ctx == TargetCtx::Delete {
            "delete"
        } else {
            "assign to"
        };
        match &e.kind {
            ExprKind::Name(n) if &**n == "__debug__" => {
                self.fail(format!("cannot {verb} __debug__"), e.span)
            }
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Starred(_) if ctx == TargetCtx::Delete => {
                self.fail("cannot delete starred", e.span)
            }
            ExprKind::Starred(_) if top => self.fail(
                "starred assignment target must be in a list or tuple",
                e.span,
            ),
            ExprKind::Starred(inner) => self.check_target(inner, ctx, false),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                let stars = elts
                    .iter()
                    .filter(|x| matches!(x.kind, ExprKind::Starred(_)))
                    .count();
                if stars > 1 && ctx != TargetCtx::Delete {
                    return self.fail("multiple starred expressions in assignment", e.span);
                }
                elts.iter()
                    .try_for_each(|x| self.check_target(x, ctx, false))
            }
            _ => self.fail(format!("cannot {verb} {}", describe(e)), e.span),
        }
    }
}

/// How CPython names an expression in "cannot assign to ..." messages.
pub(crate) fn describe(e: &Expr) -> &'static str {
    use super::ast::Constant as C;
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(C::None) => "None",
        ExprKind::Constant(C::Bool(true)) => "True",
        ExprKind::Constant(C::Bool(false)) => "False",
        ExprKind::Constant(C::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Starred(_) => "starred",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        _ => "expression",
    }
}

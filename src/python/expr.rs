//! Expressions: precedence climbing for operators, then primaries (calls, attributes,
//! subscripts) and atoms (names, literals, displays). Comprehensions, calls' arguments and
//! parameter lists are in `display.rs`.

use super::ast::{
    BinOp, BoolOp, CmpOp, Constant, Expr, ExprKind, FunctionDef, Ident, Params, Stmt, StmtKind,
    UnaryOp,
};
use super::parser::{PResult, Parser};
use super::token::Tok;
use crate::diag::Span;
use std::rc::Rc;

// Binding powers, loosest first.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const CMP: u8 = 4;
const BIT_OR: u8 = 5;
const UNARY: u8 = 11;

/// Binary operators and their binding powers (`**`, the tightest, is right-associative).
const BINARY: [BinOp; 13] = {
    use BinOp::*;
    [
        BitOr, BitXor, BitAnd, LShift, RShift, Add, Sub, Mult, Div, FloorDiv, Mod, MatMult, Pow,
    ]
};
const BINARY_POWER: [u8; 13] = [5, 6, 7, 8, 8, 9, 9, 10, 10, 10, 10, 10, 12];
const COMPARISONS: [CmpOp; 6] = [
    CmpOp::Eq,
    CmpOp::NotEq,
    CmpOp::Lt,
    CmpOp::LtE,
    CmpOp::Gt,
    CmpOp::GtE,
];

enum Infix {
    Bool(BoolOp),
    Cmp,
    Bin(BinOp),
}

pub(crate) fn expr(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

impl Parser<'_> {
    /// `star_expressions`: `a`, `a, b`, `*a, b` (a tuple when there is a comma).
    pub fn star_expressions(&mut self) -> PResult<Expr> {
        let first = self.star_expression()?;
        if !self.at(",") {
            return Ok(first);
        }
        let start = first.span.start;
        let mut elts = vec![first];
        while self.eat(",") && self.starts_expression() {
            elts.push(self.star_expression()?);
        }
        Ok(expr(ExprKind::Tuple(elts), self.since(start)))
    }

    /// `*a` (in a tuple) or an expression.
    pub fn star_expression(&mut self) -> PResult<Expr> {
        if self.at("*") {
            let start = self.bump().span.start;
            let value = self.bit_or()?;
            return Ok(expr(ExprKind::Starred(Box::new(value)), self.since(start)));
        }
        self.expression()
    }

    /// `*a` or a named expression: an element of a display.
    pub fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at("*") {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// `name := value` or an expression.
    pub fn named_expression(&mut self) -> PResult<Expr> {
        let e = self.expression()?;
        if !self.at(":=") {
            return Ok(e);
        }
        let ExprKind::Name(name) = &e.kind else {
            let msg = format!(
                "cannot use assignment expressions with {}",
                super::parser::describe(&e)
            );
            return self.fail(msg, e.span);
        };
        let target = Ident {
            name: name.clone(),
            span: e.span,
        };
        self.bump();
        let value = self.expression()?;
        Ok(expr(
            ExprKind::NamedExpr {
                target,
                value: Box::new(value),
            },
            self.since(e.span.start),
        ))
    }

    /// `lambda`, or a disjunction with an optional `if ... else ...`.
    pub fn expression(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambda();
        }
        let body = self.disjunction()?;
        if !self.at_kw("if") {
            return Ok(body);
        }
        self.conditional(body)
    }

    #[inline(never)]
    fn conditional(&mut self, body: Expr) -> PResult<Expr> {
        self.enter()?;
        self.bump();
        let test = self.disjunction()?;
        if !self.eat_kw("else") {
            return self.fail(
                "expected 'else' after 'if' expression",
                body.span.to(test.span),
            );
        }
        let orelse = self.expression()?;
        self.leave();
        let span = self.since(body.span.start);
        Ok(expr(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            span,
        ))
    }

    /// `a or b and not c == d`: everything above the conditional expression.
    pub fn disjunction(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    /// `a | b`: what comparisons compare and what `*` unpacks.
    pub fn bit_or(&mut self) -> PResult<Expr> {
        self.binary(BIT_OR)
    }

    fn infix(&self) -> Option<(u8, Infix)> {
        let t = self.tok();
        match (t.tok, self.text(t)) {
            (Tok::Name, "or") => Some((OR, Infix::Bool(BoolOp::Or))),
            (Tok::Name, "and") => Some((AND, Infix::Bool(BoolOp::And))),
            (Tok::Name, "in" | "is") => Some((CMP, Infix::Cmp)),
            (Tok::Name, "not") if self.text(self.peek(1)) == "in" => Some((CMP, Infix::Cmp)),
            (Tok::Op(op), _) if COMPARISONS.iter().any(|c| c.symbol() == op) => {
                Some((CMP, Infix::Cmp))
            }
            (Tok::Op(op), _) => {
                let i = BINARY.iter().position(|b| b.symbol() == op)?;
                Some((BINARY_POWER[i], Infix::Bin(BINARY[i])))
            }
            _ => None,
        }
    }

    /// Consumes a comparison operator (`is not` and `not in` are two tokens).
    fn cmp_op(&mut self) -> Option<CmpOp> {
        let t = self.tok();
        let next = self.text(self.peek(1));
        let op = match (t.tok, self.text(t)) {
            (Tok::Op(op), _) => *COMPARISONS.iter().find(|c| c.symbol() == op)?,
            (Tok::Name, "in") => CmpOp::In,
            (Tok::Name, "is") if next == "not" => CmpOp::IsNot,
            (Tok::Name, "is") => CmpOp::Is,
            (Tok::Name, "not") if next == "in" => CmpOp::NotIn,
            _ => return None,
        };
        self.bump();
        if matches!(op, CmpOp::IsNot | CmpOp::NotIn) {
            self.bump();
        }
        Some(op)
    }

    /// Operators binding at least as tightly as `min` (precedence climbing). The nesting
    /// count is not unwound on errors: an error ends the parse (or `reset` restores it).
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        self.enter()?;
        let t = self.tok();
        let start = t.span.start;
        let unary = match (t.tok, self.text(t)) {
            (Tok::Name, "not") if min <= NOT => Some((UnaryOp::Not, NOT)),
            (Tok::Op("-"), _) => Some((UnaryOp::USub, UNARY)),
            (Tok::Op("+"), _) => Some((UnaryOp::UAdd, UNARY)),
            (Tok::Op("~"), _) => Some((UnaryOp::Invert, UNARY)),
            _ => None,
        };
        let mut left = match unary {
            Some((op, prec)) => self.unary(op, prec)?,
            None => self.primary()?,
        };
        // Each further operation nests the tree one level deeper: count it, so that trees stay
        // shallow enough for every recursive walk over them (dropping them included).
        let depth = self.depth;
        while let Some((prec, infix)) = self.infix() {
            if prec < min {
                break;
            }
            if !matches!(left.kind, ExprKind::Name(_) | ExprKind::Constant(_)) {
                self.enter()?;
            }
            left = self.infix_operation(start, left, prec, infix)?;
        }
        self.depth = depth;
        self.leave();
        Ok(left)
    }

    #[inline(never)]
    fn unary(&mut self, op: UnaryOp, prec: u8) -> PResult<Expr> {
        let start = self.bump().span.start;
        let operand = Box::new(self.binary(prec)?);
        Ok(expr(ExprKind::UnaryOp { op, operand }, self.since(start)))
    }

    /// The rest of `left op right` (or of a chain of `and`, `or` or comparisons).
    #[inline(never)]
    fn infix_operation(&mut self, start: u32, left: Expr, prec: u8, infix: Infix) -> PResult<Expr> {
        let kind = match infix {
            Infix::Bool(op) => {
                let word = if op == BoolOp::Or { "or" } else { "and" };
                let mut values = vec![left];
                while self.eat_kw(word) {
                    values.push(self.binary(prec + 1)?);
                }
                ExprKind::BoolOp { op, values }
            }
            Infix::Cmp => {
                let (mut ops, mut comparators) = (Vec::new(), Vec::new());
                while let Some(op) = self.cmp_op() {
                    ops.push(op);
                    comparators.push(self.binary(BIT_OR)?);
                }
                ExprKind::Compare {
                    left: Box::new(left),
                    ops,
                    comparators,
                }
            }
            Infix::Bin(op) => {
                self.bump();
                let right = self.binary(if op == BinOp::Pow { UNARY } else { prec + 1 })?;
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                }
            }
        };
        Ok(expr(kind, self.since(start)))
    }

    /// An atom followed by `.name`, `(args)` and `[index]` trailers.
    pub fn primary(&mut self) -> PResult<Expr> {
        let e = self.atom()?;
        if self.at(".") || self.at("(") || self.at("[") {
            return self.trailers(e);
        }
        Ok(e)
    }

    #[inline(never)]
    fn trailers(&mut self, mut e: Expr) -> PResult<Expr> {
        let start = e.span.start;
        let depth = self.depth;
        while self.at(".") || self.at("(") || self.at("[") {
            if !matches!(e.kind, ExprKind::Name(_)) {
                self.enter()?;
            }
            let kind = if self.eat(".") {
                let attr = self.ident()?;
                ExprKind::Attribute {
                    value: Box::new(e),
                    attr,
                }
            } else if self.at("(") {
                let open = self.bump().span;
                let (args, keywords) = self.call_args(open, true)?;
                self.expect(")")?;
                ExprKind::Call {
                    func: Box::new(e),
                    args,
                    keywords,
                }
            } else {
                self.bump();
                self.brackets += 1;
                let index = self.slices()?;
                self.brackets -= 1;
                self.expect("]")?;
                ExprKind::Subscript {
                    value: Box::new(e),
                    index: Box::new(index),
                }
            };
            e = expr(kind, self.since(start));
        }
        self.depth = depth;
        Ok(e)
    }

    /// The index of a subscript: an expression, a slice, or a tuple of them.
    #[inline(never)]
    fn slices(&mut self) -> PResult<Expr> {
        let first = self.slice()?;
        if !self.at(",") {
            return Ok(first);
        }
        let start = first.span.start;
        let mut elts = vec![first];
        while self.eat(",") && !self.at("]") {
            elts.push(self.slice()?);
        }
        Ok(expr(ExprKind::Tuple(elts), self.since(start)))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let start = self.tok().span.start;
        let lower = if self.at(":") {
            None
        } else {
            let e = self.star_named_expression()?;
            if !self.at(":") {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.bump();
        let part = |p: &mut Self| -> PResult<Option<Box<Expr>>> {
            if p.at(":") || p.at(",") || p.at("]") {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let upper = part(self)?;
        let step = if self.eat(":") { part(self)? } else { None };
        Ok(expr(
            ExprKind::Slice { lower, upper, step },
            self.since(start),
        ))
    }

    fn atom(&mut self) -> PResult<Expr> {
        match self.tok().tok {
            Tok::Op("(") => self.parenthesized(),
            Tok::Op("[") => self.list_display(),
            Tok::Op("{") => self.brace_display(),
            Tok::String => self.strings(),
            _ => self.simple_atom(),
        }
    }

    /// A name, a number or a constant keyword.
    #[inline(never)]
    fn simple_atom(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let value = match (t.tok, self.text(t)) {
            (Tok::Name, "None") => Constant::None,
            (Tok::Name, "True") => Constant::Bool(true),
            (Tok::Name, "False") => Constant::Bool(false),
            (Tok::Name, _) => return Ok(expr(ExprKind::Name(self.ident()?.name), t.span)),
            (Tok::Op("..."), _) => Constant::Ellipsis,
            (Tok::Number, text) => super::literal::number(text).map_err(|e| match e {
                super::literal::NumberError::Unsupported(what) => self.unsupported(what, t.span),
                super::literal::NumberError::Invalid(message) => self.error(message, t.span),
            })?,
            _ => return Err(self.unexpected()),
        };
        self.bump();
        Ok(expr(ExprKind::Constant(value), t.span))
    }

    /// `()`, `(x)`, `(x, y)`, `(x for x in y)`.
    #[inline(never)]
    fn parenthesized(&mut self) -> PResult<Expr> {
        let open = self.bump().span;
        if self.at(")") {
            self.bump();
            return Ok(expr(ExprKind::Tuple(Vec::new()), self.since(open.start)));
        }
        self.brackets += 1;
        let first = self.star_named_expression()?;
        if self.at(")") && !matches!(first.kind, ExprKind::Starred(_)) {
            self.bump();
            self.brackets -= 1;
            return Ok(first);
        }
        self.parenthesized_rest(open, first)
    }

    #[inline(never)]
    fn parenthesized_rest(&mut self, open: Span, first: Expr) -> PResult<Expr> {
        let result = if self.at_kw("for") {
            let e = self.comprehension(first, open)?;
            self.expect(")")?;
            Ok(Expr {
                span: self.since(open.start),
                ..e
            })
        } else if self.at(",") {
            let elts = self.elements(first, ")")?;
            self.bump();
            Ok(expr(ExprKind::Tuple(elts), self.since(open.start)))
        } else if !self.at(")") {
            Err(self.unexpected_after(&first))
        } else if matches!(first.kind, ExprKind::Starred(_)) {
            self.fail("cannot use starred expression here", first.span)
        } else {
            self.bump();
            Ok(first)
        };
        self.brackets -= 1;
        result
    }

    /// Comma-separated display elements after `first`, up to (not over) `close`.
    pub fn elements(&mut self, first: Expr, close: &str) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        loop {
            if self.at(close) {
                return Ok(elts);
            }
            if !self.eat(",") {
                return Err(elts
                    .last()
                    .map_or_else(|| self.unexpected(), |e| self.unexpected_after(e)));
            }
            if self.at(close) {
                return Ok(elts);
            }
            elts.push(self.star_named_expression()?);
        }
    }

    /// `lambda params: body`, as a `FunctionDef` whose body is one `return`.
    #[inline(never)]
    fn lambda(&mut self) -> PResult<Expr> {
        self.enter()?;
        let kw = self.bump().span;
        let params: Params = self.params(":", false)?;
        self.expect(":")?;
        let saved = (self.in_func, self.in_loop);
        (self.in_func, self.in_loop) = (true, false);
        let body = self.expression();
        (self.in_func, self.in_loop) = saved;
        self.leave();
        Ok(self.make_lambda(kw, params, body?))
    }

    #[inline(never)]
    fn make_lambda(&self, kw: Span, params: Params, body: Expr) -> Expr {
        let span = self.since(kw.start);
        let ret = Stmt {
            span: body.span,
            kind: StmtKind::Return(Some(body)),
        };
        let def = FunctionDef {
            name: Ident {
                name: "<lambda>".into(),
                span: kw,
            },
            params,
            body: vec![ret],
            decorators: Vec::new(),
            returns: None,
            is_lambda: true,
            span,
        };
        expr(ExprKind::Lambda(Rc::new(def)), span)
    }
}

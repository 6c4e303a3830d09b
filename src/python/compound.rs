//! Compound statements (`if`, `while`, `for`, `try`, `with`, `def`, `class`, decorators) and
//! their indented blocks.

use super::ast::{ClassDef, ExceptHandler, Expr, FunctionDef, Stmt, StmtKind, WithItem};
use super::lexer::line_of;
use super::parser::{PResult, Parser, TargetCtx};
use super::token::Tok;
use crate::diag::Span;
use std::rc::Rc;

impl Parser<'_> {
    /// The compound statement starting with `word` (`@` for a decorated one).
    #[inline(never)]
    pub fn compound(&mut self, word: &str) -> PResult<Stmt> {
        if word == "if" {
            return self.if_stmt();
        }
        let mut decorators = Vec::new();
        while self.eat("@") {
            decorators.push(self.named_expression()?);
            if self.tok().tok != Tok::Newline {
                return Err(self.unexpected());
            }
            self.bump();
        }
        let header = self.tok().span;
        let word = self.text(self.tok());
        let kind = match word {
            "while" | "for" | "try" | "with" | "def" | "class"
                if decorators.is_empty() || matches!(word, "def" | "class") =>
            {
                self.bump();
                match word {
                    "while" => {
                        let test = self.named_expression()?;
                        let body = self.body_in("'while' statement", header, self.in_func, true)?;
                        StmtKind::While {
                            test,
                            body,
                            orelse: self.else_block()?,
                        }
                    }
                    "for" => {
                        let target = self.target_list()?;
                        self.check_target(&target, TargetCtx::Assign, true)?;
                        self.expect_kw("in")?;
                        let iter = self.star_expressions()?;
                        let body = self.body_in("'for' statement", header, self.in_func, true)?;
                        StmtKind::For {
                            target,
                            iter,
                            body,
                            orelse: self.else_block()?,
                        }
                    }
                    "try" => self.try_stmt(header)?,
                    "with" => self.with_stmt(header)?,
                    "def" => self.function_def(header, decorators)?,
                    _ => self.class_def(header, decorators)?,
                }
            }
            _ => return Err(self.unexpected()),
        };
        Ok(Stmt {
            kind,
            span: self.since(header.start),
        })
    }

    /// `:` then either simple statements on the same line or an indented block.
    fn block(&mut self, what: &str, header: Span) -> PResult<Vec<Stmt>> {
        if !self.eat(":") {
            return self.fail("expected ':'", self.tok().span);
        }
        let mut body = Vec::new();
        if self.tok().tok != Tok::Newline {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        self.bump();
        if self.tok().tok != Tok::Indent {
            let line = line_of(self.src, header.start as usize);
            let msg = format!("expected an indented block after {what} on line {line}");
            return Err(self.indentation_error(msg, self.tok().span));
        }
        self.bump();
        self.enter()?;
        while !matches!(self.tok().tok, Tok::Dedent | Tok::End) {
            self.statement(&mut body)?;
        }
        self.leave();
        self.bump();
        Ok(body)
    }

    /// A block parsed as the body of a function or loop (or neither, for a class).
    fn body_in(
        &mut self,
        what: &str,
        header: Span,
        in_func: bool,
        in_loop: bool,
    ) -> PResult<Vec<Stmt>> {
        let saved = (self.in_func, self.in_loop);
        (self.in_func, self.in_loop) = (in_func, in_loop);
        let body = self.block(what, header);
        (self.in_func, self.in_loop) = saved;
        body
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at_kw("else") {
            return Ok(Vec::new());
        }
        let header = self.bump().span;
        self.block("'else' statement", header)
    }

    /// `if`/`elif`/`else`, built from the last `elif` up so that long chains do not recurse.
    #[inline(never)]
    fn if_stmt(&mut self) -> PResult<Stmt> {
        let (mut branches, depth) = (Vec::new(), self.depth);
        let mut what = "'if' statement";
        loop {
            if !branches.is_empty() {
                self.enter()?; // each `elif` nests one level deeper in the tree
            }
            let header = self.bump().span;
            let test = self.named_expression()?;
            branches.push((header.start, test, self.block(what, header)?));
            if !self.at_kw("elif") {
                break;
            }
            what = "'elif' statement";
        }
        let mut orelse = self.else_block()?;
        self.depth = depth;
        let end = self.since(0).end;
        while let Some((start, test, body)) = branches.pop() {
            orelse = vec![Stmt {
                kind: StmtKind::If { test, body, orelse },
                span: Span { start, end },
            }];
        }
        orelse.pop().ok_or_else(|| self.unexpected())
    }

    #[inline(never)]
    fn try_stmt(&mut self, header: Span) -> PResult<StmtKind> {
        let body = self.block("'try' statement", header)?;
        let mut handlers: Vec<ExceptHandler> = Vec::new();
        while self.at_kw("except") {
            let kw = self.bump().span;
            if let Some(bare) = handlers.last().filter(|h| h.typ.is_none()) {
                return self.fail("default 'except:' must be last", bare.span);
            }
            if self.at("*") {
                return Err(self.unsupported("'except*' is", kw.to(self.tok().span)));
            }
            let typ = self.maybe(!self.at(":"), Self::expression)?;
            if let Some(t) = typ.as_ref().filter(|_| self.at(",")) {
                return self.fail("multiple exception types must be parenthesized", t.span);
            }
            let named = typ.is_some() && self.eat_kw("as");
            let name = self.maybe(named, Self::ident)?;
            let body = self.block("'except' statement", kw)?;
            handlers.push(ExceptHandler {
                typ,
                name,
                body,
                span: self.since(kw.start),
            });
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let finally = self.at_kw("finally").then(|| self.bump().span);
        let finalbody = match finally {
            Some(kw) => self.block("'finally' statement", kw)?,
            None if handlers.is_empty() => {
                return self.fail("expected 'except' or 'finally' block", self.tok().span);
            }
            None => Vec::new(),
        };
        Ok(StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        })
    }

    #[inline(never)]
    fn with_stmt(&mut self, header: Span) -> PResult<StmtKind> {
        let mut items = None;
        if self.at("(") {
            // `with (a as b, c):` unless the parentheses turn out to be an expression's.
            let mark = self.mark();
            self.bump();
            self.brackets += 1;
            match self.with_items(")") {
                Ok(list) if self.eat(")") && self.at(":") => items = Some(list),
                _ => self.reset(mark),
            }
            self.brackets = mark.3;
        }
        let items = match items {
            Some(items) => items,
            None => self.with_items(":")?,
        };
        Ok(StmtKind::With {
            items,
            body: self.block("'with' statement", header)?,
        })
    }

    fn with_items(&mut self, close: &str) -> PResult<Vec<WithItem>> {
        let mut items = Vec::new();
        loop {
            let context_expr = self.expression()?;
            let optional_vars = self.maybe(self.at_kw("as"), |p| {
                p.bump();
                let target = p.target_item()?;
                p.check_target(&target, TargetCtx::Assign, true)?;
                Ok(target)
            })?;
            items.push(WithItem {
                context_expr,
                optional_vars,
            });
            if !self.eat(",") || self.at(close) {
                return Ok(items);
            }
        }
    }

    #[inline(never)]
    fn function_def(&mut self, header: Span, decorators: Vec<Expr>) -> PResult<StmtKind> {
        let name = self.ident()?;
        self.expect("(")?;
        self.brackets += 1;
        let params = self.params(")", true)?;
        self.brackets -= 1;
        self.expect(")")?;
        let arrow = self.eat("->");
        let returns = self.maybe(arrow, Self::expression)?;
        let body = self.body_in("function definition", header, true, false)?;
        let span = self.since(header.start);
        let def = FunctionDef {
            name,
            params,
            body,
            decorators,
            returns,
            is_lambda: false,
            span,
        };
        Ok(StmtKind::FunctionDef(Rc::new(def)))
    }

    #[inline(never)]
    fn class_def(&mut self, header: Span, decorators: Vec<Expr>) -> PResult<StmtKind> {
        let name = self.ident()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at("(") {
            let open = self.bump().span;
            (bases, keywords) = self.call_args(open, false)?;
            self.expect(")")?;
        }
        let body = self.body_in("class definition", header, false, false)?;
        let span = self.since(header.start);
        Ok(StmtKind::ClassDef(Rc::new(ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators,
            span,
        })))
    }
}

//! Statements: dispatch, simple statements (one logical line, `;`-separated) and the three
//! kinds of assignment. Compound statements and blocks are in `compound.rs`.

use super::ast::{Alias, BinOp, Constant, ExprKind as K, Stmt, StmtKind, UnaryOp};
use super::parser::{describe, PResult, Parser, TargetCtx};
use super::token::Tok;

const AUG_OPS: [BinOp; 13] = {
    use BinOp::*;
    [
        Add, Sub, Mult, MatMult, Div, FloorDiv, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd,
    ]
};

impl Parser<'_> {
    /// Statements up to the end of the text.
    pub fn file(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        while !self.at_end() {
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    /// One compound statement or one line of simple statements; returns whether compound.
    pub fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<bool> {
        let t = self.tok();
        let word = if t.tok == Tok::Op("@") {
            "@"
        } else {
            self.text(t)
        };
        let compound = match word {
            "@" | "if" | "while" | "for" | "try" | "with" | "def" | "class" => true,
            "match" | "case" if self.soft_keyword_statement() => {
                return Err(self.unsupported("the 'match' statement is", t.span));
            }
            _ => false,
        };
        if compound {
            out.push(self.compound(word)?);
        } else {
            self.simple_stmts(out)?;
        }
        Ok(compound)
    }

    /// Whether a line starting with `match`/`case` is that statement (not a name in use):
    /// the next token could start its subject and the logical line ends with `:`.
    fn soft_keyword_statement(&self) -> bool {
        let subject = match self.peek(1).tok {
            Tok::Name | Tok::Number | Tok::String => true,
            Tok::Op(op) => matches!(op, "(" | "[" | "{" | "-" | "*" | "~"),
            _ => false,
        };
        let mut n = 1;
        while !matches!(self.peek(n).tok, Tok::Newline | Tok::End) {
            n += 1;
        }
        subject && self.peek(n - 1).tok == Tok::Op(":")
    }

    #[inline(never)]
    pub fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.simple_stmt()?);
            if !self.eat(";") || self.tok().tok == Tok::Newline {
                break;
            }
        }
        if self.tok().tok != Tok::Newline {
            return Err(self.unexpected());
        }
        self.bump();
        Ok(())
    }

    fn at_line_end(&self) -> bool {
        matches!(self.tok().tok, Tok::Newline | Tok::Op(";"))
    }

    #[inline(never)]
    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let t = self.tok();
        let word = if t.tok == Tok::Name { self.text(t) } else { "" };
        let next = self.peek(1).tok;
        if matches!(word, "print" | "exec") && self.starts_operand(1) {
            let msg = format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?");
            return self.fail(msg, t.span);
        }
        if word == "type" && next == Tok::Name && matches!(self.peek(2).tok, Tok::Op("=" | "[")) {
            return Err(self.unsupported("the 'type' statement is", t.span));
        }
        let keyword = matches!(
            word,
            "pass"
                | "break"
                | "continue"
                | "return"
                | "raise"
                | "global"
                | "nonlocal"
                | "del"
                | "assert"
                | "import"
                | "from"
        );
        if !keyword {
            return self.assignment_or_expression();
        }
        self.bump();
        let kind = match word {
            "pass" => StmtKind::Pass,
            "break" if self.in_loop => StmtKind::Break,
            "continue" if self.in_loop => StmtKind::Continue,
            "break" => return self.fail("'break' outside loop", t.span),
            "continue" => return self.fail("'continue' not properly in loop", t.span),
            "return" if !self.in_func => return self.fail("'return' outside function", t.span),
            "return" => StmtKind::Return(self.maybe(!self.at_line_end(), Self::star_expressions)?),
            "raise" => {
                let exc = self.maybe(!self.at_line_end(), Self::expression)?;
                let from = exc.is_some() && self.eat_kw("from");
                StmtKind::Raise {
                    exc,
                    cause: self.maybe(from, Self::expression)?,
                }
            }
            "nonlocal" if !self.in_func => {
                return self.fail("nonlocal declaration not allowed at module level", t.span);
            }
            "global" => StmtKind::Global(self.comma_list(Self::ident)?),
            "nonlocal" => StmtKind::Nonlocal(self.comma_list(Self::ident)?),
            "del" => {
                let mut targets = Vec::new();
                loop {
                    let target = self.target_item()?;
                    self.check_target(&target, TargetCtx::Delete, false)?;
                    targets.push(target);
                    if !self.eat(",") || self.at_line_end() {
                        break StmtKind::Delete(targets);
                    }
                }
            }
            "assert" => {
                let test = self.expression()?;
                let comma = self.eat(",");
                StmtKind::Assert {
                    test,
                    msg: self.maybe(comma, Self::expression)?,
                }
            }
            "import" => StmtKind::Import(self.comma_list(|p| p.alias(true))?),
            _ => self.import_from()?,
        };
        Ok(Stmt {
            kind,
            span: self.since(t.span.start),
        })
    }

    /// `a.b.c [as d]` in an import, or a name after `from x import` (`dotted` false).
    fn alias(&mut self, dotted: bool) -> PResult<Alias> {
        let first = self.ident()?;
        let mut name = first.name.to_string();
        while dotted && self.eat(".") {
            name = format!("{name}.{}", self.ident()?.name);
        }
        let asname = if self.eat_kw("as") {
            Some(self.ident()?)
        } else {
            None
        };
        Ok(Alias {
            name: name.into(),
            asname,
            span: self.since(first.span.start),
        })
    }

    /// After `from`: `.`s, a module, `import`, then `*`, names, or names in parentheses.
    #[inline(never)]
    fn import_from(&mut self) -> PResult<StmtKind> {
        let mut level = 0;
        while self.at(".") || self.at("...") {
            level += self.bump().span.len() as u32;
        }
        let module = if level > 0 && self.at_kw("import") {
            None
        } else {
            Some(self.alias(true)?)
        };
        if module.as_ref().is_some_and(|m| m.asname.is_some()) {
            return Err(self.unexpected());
        }
        self.expect_kw("import")?;
        let star = self.tok().span;
        let names = if self.eat("*") {
            vec![Alias {
                name: "*".into(),
                asname: None,
                span: star,
            }]
        } else {
            let paren = self.eat("(");
            let mut names = vec![self.alias(false)?];
            while self.eat(",") && !(paren && self.at(")")) {
                if !paren && self.at_line_end() {
                    let msg = "trailing comma not allowed without surrounding parentheses";
                    return self.fail(msg, self.tok().span);
                }
                names.push(self.alias(false)?);
            }
            if paren {
                self.expect(")")?;
            }
            names
        };
        Ok(StmtKind::ImportFrom {
            module: module.map(|m| m.name),
            names,
            level,
        })
    }

    /// Expression statements and the three kinds of assignment.
    #[inline(never)]
    fn assignment_or_expression(&mut self) -> PResult<Stmt> {
        let start = self.tok().span.start;
        let first = self.star_expressions()?;
        let single = matches!(
            first.kind,
            K::Name(_) | K::Attribute { .. } | K::Subscript { .. }
        );
        let t = self.tok();
        let aug = AUG_OPS
            .iter()
            .find(|op| matches!(t.tok, Tok::Op(o) if o.strip_suffix('=') == Some(op.symbol())));
        let kind = if self.eat(":") {
            let msg = match first.kind {
                K::Tuple(_) => "only single target (not tuple) can be annotated",
                K::List(_) => "only single target (not list) can be annotated",
                _ => "illegal target for annotation",
            };
            if !single {
                return self.fail(msg, first.span);
            }
            self.check_target(&first, TargetCtx::Assign, true)?;
            let annotation = self.expression()?;
            let eq = self.eat("=");
            StmtKind::AnnAssign {
                target: first,
                annotation,
                value: self.maybe(eq, Self::assigned_value)?,
            }
        } else if let Some(&op) = aug {
            if !single {
                let msg = format!(
                    "'{}' is an illegal expression for augmented assignment",
                    describe(&first)
                );
                return self.fail(msg, first.span);
            }
            self.check_target(&first, TargetCtx::Assign, true)?;
            self.bump();
            StmtKind::AugAssign {
                target: first,
                op,
                value: self.assigned_value()?,
            }
        } else if self.at("=") {
            self.assignment(first)?
        } else if matches!(first.kind, K::Starred(_)) {
            return self.fail("can't use starred expression here", first.span);
        } else {
            StmtKind::Expr(first)
        };
        Ok(Stmt {
            kind,
            span: self.since(start),
        })
    }

    /// `first = a = value`, with CPython's messages for what cannot be assigned to.
    fn assignment(&mut self, first: super::ast::Expr) -> PResult<StmtKind> {
        let mut targets = vec![first];
        let value = loop {
            self.bump();
            let value = self.assigned_value()?;
            if !self.at("=") {
                break value;
            }
            targets.push(value);
        };
        for target in &targets {
            let checked = self.check_target(target, TargetCtx::Assign, true);
            // A lone `f() = 1` gets CPython's hint, unless it is what the hint cannot be about.
            let hint = !matches!(
                target.kind,
                K::Compare { .. }
                    | K::IfExp { .. }
                    | K::Lambda(_)
                    | K::BoolOp { .. }
                    | K::Tuple(_)
                    | K::List(_)
                    | K::GeneratorExp { .. }
                    | K::Starred(_)
                    | K::Name(_)
                    | K::Constant(Constant::None | Constant::Bool(_))
                    | K::UnaryOp {
                        op: UnaryOp::Not,
                        ..
                    }
            );
            if checked.is_err() && targets.len() == 1 && hint {
                let msg = format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    describe(target)
                );
                return self.fail(msg, target.span);
            }
            checked?;
        }
        Ok(StmtKind::Assign { targets, value })
    }

    /// The right-hand side of an assignment: a bare `*x` is not allowed there.
    fn assigned_value(&mut self) -> PResult<super::ast::Expr> {
        if self.at_kw("yield") {
            return Err(self.unexpected());
        }
        let value = self.star_expressions()?;
        if matches!(value.kind, K::Starred(_)) {
            return self.fail("can't use starred expression here", value.span);
        }
        Ok(value)
    }
}

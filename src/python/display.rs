//! Bracketed constructs: list/set/dict displays, comprehensions, call arguments and
//! parameter lists.

use super::ast::{Comprehension, Expr, ExprKind, Keyword, Param, Params};
use super::expr::expr;
use super::parser::{PResult, Parser, TargetCtx};
use super::token::Tok;
use crate::diag::Span;
use std::collections::HashSet;

impl Parser<'_> {
    /// `[...]`: a list or a list comprehension.
    #[inline(never)]
    pub fn list_display(&mut self) -> PResult<Expr> {
        let open = self.bump().span;
        self.brackets += 1;
        let kind = if self.at("]") {
            ExprKind::List(Vec::new())
        } else {
            let first = self.star_named_expression()?;
            if self.at_kw("for") {
                self.comprehension(first, open)?.kind
            } else {
                ExprKind::List(self.elements(first, "]")?)
            }
        };
        self.brackets -= 1;
        self.expect("]")?;
        Ok(expr(kind, self.since(open.start)))
    }

    /// `{...}`: a dict, a set, or their comprehensions.
    #[inline(never)]
    pub fn brace_display(&mut self) -> PResult<Expr> {
        let open = self.bump().span;
        self.brackets += 1;
        let kind = if self.at("}") {
            ExprKind::Dict(Vec::new())
        } else if self.at("**") {
            self.dict_items(None)?
        } else {
            let first = self.star_named_expression()?;
            if self.at(":") && !matches!(first.kind, ExprKind::Starred(_)) {
                self.dict_items(Some(first))?
            } else if self.at_kw("for") {
                self.comprehension(first, open)?.kind
            } else {
                ExprKind::Set(self.elements(first, "}")?)
            }
        };
        self.brackets -= 1;
        self.expect("}")?;
        Ok(expr(kind, self.since(open.start)))
    }

    /// The items of a dict display (or a dict comprehension), the first key already parsed.
    #[inline(never)]
    fn dict_items(&mut self, mut key: Option<Expr>) -> PResult<ExprKind> {
        let mut items = Vec::new();
        loop {
            let value = match key.take() {
                Some(k) => {
                    let colon = self.tok().span;
                    if !self.eat(":") {
                        return self.fail("':' expected after dictionary key", k.span);
                    }
                    if self.at(",") || self.at("}") {
                        return Err(
                            self.error("expression expected after dictionary key and ':'", colon)
                        );
                    }
                    let v = self.expression()?;
                    if items.is_empty() && self.at_kw("for") {
                        let generators = self.comp_clauses()?;
                        return Ok(ExprKind::DictComp {
                            key: Box::new(k),
                            value: Box::new(v),
                            generators,
                        });
                    }
                    (Some(k), v)
                }
                None => {
                    let star = self.expect("**")?;
                    let v = self.bit_or()?;
                    if self.at_kw("for") {
                        return Err(
                            self.error("dict unpacking cannot be used in dict comprehension", star)
                        );
                    }
                    (None, v)
                }
            };
            items.push(value);
            if self.at("}") {
                return Ok(ExprKind::Dict(items));
            }
            if !self.eat(",") {
                let last = items.last().map(|(_, v)| v.clone());
                return Err(last.map_or_else(|| self.unexpected(), |v| self.unexpected_after(&v)));
            }
            if self.at("}") {
                return Ok(ExprKind::Dict(items));
            }
            if !self.at("**") {
                key = Some(self.expression()?);
            }
        }
    }

    /// A comprehension whose element is parsed; `self` is at its first `for`. Returns a
    /// list, set or generator comprehension according to the bracket `open`.
    #[inline(never)]
    pub fn comprehension(&mut self, elt: Expr, open: Span) -> PResult<Expr> {
        if matches!(elt.kind, ExprKind::Starred(_)) {
            return self.fail(
                "iterable unpacking cannot be used in comprehension",
                elt.span,
            );
        }
        let generators = self.comp_clauses()?;
        let elt = Box::new(elt);
        let bracket = self.src.as_bytes().get(open.start as usize).copied();
        let kind = match bracket {
            Some(b'[') => ExprKind::ListComp { elt, generators },
            Some(b'{') => ExprKind::SetComp { elt, generators },
            _ => ExprKind::GeneratorExp { elt, generators },
        };
        Ok(expr(kind, self.since(open.start)))
    }

    /// `for target in iter if cond ...`, one or more.
    fn comp_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            if self.at_kw("async") {
                return Err(self.unexpected());
            }
            if !self.eat_kw("for") {
                return Ok(generators);
            }
            let target = self.target_list()?;
            self.check_target(&target, TargetCtx::Assign, true)?;
            self.expect_kw("in")?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
    }

    /// The targets of `for` (in a statement or a comprehension): stops before `in`.
    pub fn target_list(&mut self) -> PResult<Expr> {
        let first = self.target_item()?;
        if !self.at(",") {
            return Ok(first);
        }
        let start = first.span.start;
        let mut elts = vec![first];
        while self.eat(",") && self.starts_expression() {
            elts.push(self.target_item()?);
        }
        Ok(expr(ExprKind::Tuple(elts), self.since(start)))
    }

    pub fn target_item(&mut self) -> PResult<Expr> {
        let start = self.tok().span.start;
        if self.eat("*") {
            let inner = self.bit_or()?;
            return Ok(expr(ExprKind::Starred(Box::new(inner)), self.since(start)));
        }
        self.bit_or()
    }

    /// Arguments of a call (or a class's bases), after `(` and before `)`. A generator
    /// expression is allowed as the sole argument when `genexp` is set.
    #[inline(never)]
    pub fn call_args(&mut self, open: Span, genexp: bool) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.brackets += 1;
        let (mut args, mut keywords) = (Vec::new(), Vec::<Keyword>::new());
        let mut names = HashSet::new();
        let mut seen_dstar = false;
        while !self.at(")") {
            let t = self.tok();
            let start = t.span.start;
            if self.eat("*") {
                let value = self.expression()?;
                if seen_dstar {
                    let msg = "iterable argument unpacking follows keyword argument unpacking";
                    return self.fail(msg, self.since(start));
                }
                args.push(expr(ExprKind::Starred(Box::new(value)), self.since(start)));
            } else if self.eat("**") {
                let value = self.expression()?;
                keywords.push(Keyword {
                    arg: None,
                    value,
                    span: self.since(start),
                });
                seen_dstar = true;
            } else if t.tok == Tok::Name && self.peek(1).tok == Tok::Op("=") {
                let name = self.ident()?;
                self.bump();
                let value = self.expression()?;
                if !names.insert(name.name.clone()) {
                    return self.fail(
                        format!("keyword argument repeated: {}", name.name),
                        name.span,
                    );
                }
                keywords.push(Keyword {
                    arg: Some(name),
                    value,
                    span: self.since(start),
                });
            } else {
                let value = self.named_expression()?;
                if self.at_kw("for") {
                    if !genexp {
                        return Err(self.unexpected());
                    }
                    let sole = args.is_empty() && keywords.is_empty();
                    let elt_start = value.span.start;
                    let g = self.comprehension(value, open)?;
                    if !sole || !self.at(")") {
                        let msg = "Generator expression must be parenthesized";
                        return self.fail(msg, self.since(elt_start));
                    }
                    let span = Span {
                        start: open.start,
                        end: self.tok().span.end,
                    };
                    args.push(Expr { span, ..g });
                    continue;
                }
                if self.at("=") {
                    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
                    return self.fail(msg, value.span);
                }
                if !keywords.is_empty() {
                    let msg = if seen_dstar {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return self.fail(msg, value.span);
                }
                args.push(value);
            }
            if !self.eat(",") && !self.at(")") {
                let last = args
                    .last()
                    .cloned()
                    .or_else(|| keywords.last().map(|k| k.value.clone()));
                return Err(last.map_or_else(|| self.unexpected(), |v| self.unexpected_after(&v)));
            }
        }
        self.brackets -= 1;
        Ok((args, keywords))
    }

    /// Parameters of a `def` (`close` is `)`, annotations allowed) or a `lambda` (`:`).
    #[inline(never)]
    pub fn params(&mut self, close: &str, annotated: bool) -> PResult<Params> {
        let mut p = Params::default();
        let (mut star, mut seen_default, mut names) = (false, false, HashSet::new());
        let mut bare_star: Option<Span> = None;
        while !self.at(close) {
            let t = self.tok();
            if self.eat("/") {
                let msg = match () {
                    _ if p.posonly > 0 => "/ may appear only once",
                    _ if star => "/ must be ahead of *",
                    _ if p.args.is_empty() => "at least one argument must precede /",
                    _ => "",
                };
                if !msg.is_empty() {
                    return self.fail(msg, t.span);
                }
                p.posonly = p.args.len();
            } else if t.tok == Tok::Op("*")
                && matches!(self.peek(1).tok, Tok::Op(o) if o == "," || o == close)
            {
                if star {
                    return self.fail("* argument may appear only once", t.span);
                }
                self.bump();
                (star, bare_star) = (true, Some(t.span));
            } else {
                let stars = if self.eat("**") {
                    2
                } else {
                    usize::from(self.eat("*"))
                };
                let mut prm = self.param(annotated)?;
                let default = self.at("=");
                if stars > 0 && default {
                    let kind = if stars == 2 { "keyword" } else { "positional" };
                    return self.fail(
                        format!("var-{kind} argument cannot have default value"),
                        self.tok().span,
                    );
                }
                if stars == 1 && star {
                    return self.fail("* argument may appear only once", t.span);
                }
                if default {
                    self.bump();
                    prm.default = Some(self.expression()?);
                } else if seen_default && !star && stars == 0 {
                    return self.fail(
                        "non-default argument follows default argument",
                        prm.name.span,
                    );
                }
                seen_default |= default && !star;
                if !names.insert(prm.name.name.clone()) {
                    let msg = format!(
                        "duplicate argument '{}' in function definition",
                        prm.name.name
                    );
                    return self.fail(msg, prm.name.span);
                }
                match stars {
                    2 => p.kwarg = Some(prm),
                    1 => (star, p.vararg) = (true, Some(prm)),
                    _ if star => {
                        bare_star = None;
                        p.kwonly.push(prm);
                    }
                    _ => p.args.push(prm),
                }
                if stars == 2 && self.eat(",") && !self.at(close) {
                    return self.fail(
                        "arguments cannot follow var-keyword argument",
                        self.tok().span,
                    );
                }
            }
            if !self.eat(",") {
                break;
            }
        }
        if let Some(span) = bare_star {
            return self.fail("named arguments must follow bare *", span);
        }
        Ok(p)
    }

    fn param(&mut self, annotated: bool) -> PResult<Param> {
        let name = self.ident()?;
        let colon = annotated && self.eat(":");
        Ok(Param {
            name,
            annotation: self.maybe(colon, Self::expression)?,
            default: None,
        })
    }
}

//! Tests of the Python front end. `dump` renders trees compactly (every operation in
//! parentheses) so that tests can assert whole shapes in one line.

mod conformance;
mod errors;
mod exprs;
mod highlight;
mod interactive;
mod robustness;
mod stmts;

/// Test-only measurement of how deep the parser's recursion reaches into the native stack.
#[cfg(test)]
pub(super) mod stack_probe {
    use std::cell::Cell;

    thread_local! {
        /// The lowest stack address seen by `Parser::enter` on this thread.
        pub static LOWEST: Cell<usize> = const { Cell::new(usize::MAX) };
    }

    #[inline(never)]
    pub fn touch() {
        let marker = 0u8;
        let here = std::hint::black_box(std::ptr::addr_of!(marker)) as usize;
        LOWEST.with(|l| l.set(l.get().min(here)));
    }
}

use super::ast::*;
use super::{parse_module, Interactive};
use crate::diag::{Diagnostic, LineIndex};

thread_local! {
    /// When set, dumps append `@start-end` to every expression and statement.
    pub(super) static WITH_SPANS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub(super) fn dump_expr(e: &Expr) -> String {
    let plain = dump_expr_plain(e);
    if WITH_SPANS.with(|w| w.get()) {
        format!("{plain}@{}-{}", e.span.start, e.span.end)
    } else {
        plain
    }
}

fn dump_expr_plain(e: &Expr) -> String {
    let list = |xs: &[Expr]| xs.iter().map(dump_expr).collect::<Vec<_>>().join(", ");
    let opt = |x: &Option<Box<Expr>>| x.as_deref().map(dump_expr).unwrap_or_default();
    match &e.kind {
        ExprKind::Name(n) => n.to_string(),
        ExprKind::Constant(c) => match c {
            Constant::None => "None".into(),
            Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
            Constant::Int(i) => i.to_string(),
            Constant::BigInt(digits, radix) => format!("int({digits:?}, {radix})"),
            Constant::Float(f) => format!("{f:?}"),
            Constant::Str(s) => format!("{s:?}"),
            Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
            Constant::Ellipsis => "...".into(),
        },
        ExprKind::FString(parts) => format!("f[{}]", dump_fparts(parts)),
        ExprKind::List(xs) => format!("[{}]", list(xs)),
        ExprKind::Tuple(xs) => format!("tuple({})", list(xs)),
        ExprKind::Set(xs) => format!("set({})", list(xs)),
        ExprKind::Dict(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|(k, v)| match k {
                    Some(k) => format!("{}: {}", dump_expr(k), dump_expr(v)),
                    None => format!("**{}", dump_expr(v)),
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        ExprKind::Starred(x) => format!("*{}", dump_expr(x)),
        ExprKind::Attribute { value, attr } => format!("{}.{}", dump_expr(value), attr.name),
        ExprKind::Subscript { value, index } => {
            format!("{}[{}]", dump_expr(value), dump_expr(index))
        }
        ExprKind::Slice { lower, upper, step } => {
            format!("slice({}:{}:{})", opt(lower), opt(upper), opt(step))
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            let mut all: Vec<String> = args.iter().map(dump_expr).collect();
            all.extend(keywords.iter().map(|k| match &k.arg {
                Some(a) => format!("{}={}", a.name, dump_expr(&k.value)),
                None => format!("**{}", dump_expr(&k.value)),
            }));
            format!("{}({})", dump_expr(func), all.join(", "))
        }
        ExprKind::BinOp { left, op, right } => {
            format!("({} {} {})", dump_expr(left), op.symbol(), dump_expr(right))
        }
        ExprKind::UnaryOp { op, operand } => {
            let sym = match op {
                UnaryOp::Not => "not ",
                UnaryOp::USub => "-",
                UnaryOp::UAdd => "+",
                UnaryOp::Invert => "~",
            };
            format!("({sym}{})", dump_expr(operand))
        }
        ExprKind::BoolOp { op, values } => {
            let sep = if *op == BoolOp::And { " and " } else { " or " };
            format!(
                "({})",
                values.iter().map(dump_expr).collect::<Vec<_>>().join(sep)
            )
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            let mut s = format!("({}", dump_expr(left));
            for (op, c) in ops.iter().zip(comparators) {
                s += &format!(" {} {}", op.symbol(), dump_expr(c));
            }
            s + ")"
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!(
                "({} if {} else {})",
                dump_expr(body),
                dump_expr(test),
                dump_expr(orelse)
            )
        }
        ExprKind::Lambda(def) => {
            let body = match &def.body[..] {
                [Stmt {
                    kind: StmtKind::Return(Some(b)),
                    ..
                }] => dump_expr(b),
                _ => "?".into(),
            };
            format!("lambda({}): {}", dump_params(&def.params), body)
        }
        ExprKind::ListComp { elt, generators } => {
            format!("[{}{}]", dump_expr(elt), dump_comp(generators))
        }
        ExprKind::SetComp { elt, generators } => {
            format!("{{{}{}}}", dump_expr(elt), dump_comp(generators))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            format!(
                "{{{}: {}{}}}",
                dump_expr(key),
                dump_expr(value),
                dump_comp(generators)
            )
        }
        ExprKind::GeneratorExp { elt, generators } => {
            format!("gen({}{})", dump_expr(elt), dump_comp(generators))
        }
        ExprKind::NamedExpr { target, value } => {
            format!("({} := {})", target.name, dump_expr(value))
        }
    }
}

fn dump_fparts(parts: &[FStringPart]) -> String {
    let parts: Vec<String> = parts
        .iter()
        .map(|p| match p {
            FStringPart::Literal(s) => format!("{s:?}"),
            FStringPart::Expr {
                expr,
                conversion,
                format_spec,
                debug_text,
            } => {
                let mut s = format!("{{{}", dump_expr(expr));
                if let Some(d) = debug_text {
                    s += &format!(" debug={d:?}");
                }
                if let Some(c) = conversion {
                    s += &format!("!{c}");
                }
                if let Some(spec) = format_spec {
                    s += &format!(":[{}]", dump_fparts(spec));
                }
                s + "}"
            }
        })
        .collect();
    parts.join(", ")
}

fn dump_comp(gens: &[Comprehension]) -> String {
    gens.iter()
        .map(|g| {
            let ifs: String = g
                .ifs
                .iter()
                .map(|i| format!(" if {}", dump_expr(i)))
                .collect();
            format!(
                " for {} in {}{ifs}",
                dump_expr(&g.target),
                dump_expr(&g.iter)
            )
        })
        .collect()
}

fn dump_params(p: &Params) -> String {
    let one = |prm: &Param| {
        let mut s = prm.name.name.to_string();
        if let Some(a) = &prm.annotation {
            s += &format!(": {}", dump_expr(a));
        }
        if let Some(d) = &prm.default {
            s += &format!("={}", dump_expr(d));
        }
        s
    };
    let mut out: Vec<String> = Vec::new();
    for (i, a) in p.args.iter().enumerate() {
        out.push(one(a));
        if i + 1 == p.posonly {
            out.push("/".into());
        }
    }
    match &p.vararg {
        Some(v) => out.push(format!("*{}", one(v))),
        None if !p.kwonly.is_empty() => out.push("*".into()),
        None => {}
    }
    out.extend(p.kwonly.iter().map(one));
    if let Some(k) = &p.kwarg {
        out.push(format!("**{}", one(k)));
    }
    out.join(", ")
}

/// Statements, one per line, blocks indented by two spaces.
pub(super) fn dump_stmts(body: &[Stmt], indent: usize) -> String {
    body.iter().map(|s| dump_stmt(s, indent)).collect()
}

fn dump_stmt(s: &Stmt, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let pad = if WITH_SPANS.with(|w| w.get()) {
        format!("{pad}@{}-{} ", s.span.start, s.span.end)
    } else {
        pad
    };
    let block =
        |head: String, body: &[Stmt]| format!("{pad}{head}\n{}", dump_stmts(body, indent + 2));
    let orelse = |body: &[Stmt]| {
        if body.is_empty() {
            String::new()
        } else {
            block("else:".into(), body)
        }
    };
    let line = |text: String| format!("{pad}{text}\n");
    let opt = |e: &Option<Expr>| e.as_ref().map(dump_expr);
    match &s.kind {
        StmtKind::Expr(e) => line(format!("expr {}", dump_expr(e))),
        StmtKind::Assign { targets, value } => {
            let t: Vec<String> = targets.iter().map(dump_expr).collect();
            line(format!("{} = {}", t.join(" = "), dump_expr(value)))
        }
        StmtKind::AugAssign { target, op, value } => line(format!(
            "{} {}= {}",
            dump_expr(target),
            op.symbol(),
            dump_expr(value)
        )),
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => {
            let v = opt(value).map(|v| format!(" = {v}")).unwrap_or_default();
            line(format!(
                "{}: {}{v}",
                dump_expr(target),
                dump_expr(annotation)
            ))
        }
        StmtKind::If {
            test,
            body,
            orelse: e,
        } => block(format!("if {}:", dump_expr(test)), body) + &orelse(e),
        StmtKind::For {
            target,
            iter,
            body,
            orelse: e,
        } => {
            block(
                format!("for {} in {}:", dump_expr(target), dump_expr(iter)),
                body,
            ) + &orelse(e)
        }
        StmtKind::While {
            test,
            body,
            orelse: e,
        } => block(format!("while {}:", dump_expr(test)), body) + &orelse(e),
        StmtKind::Break => line("break".into()),
        StmtKind::Continue => line("continue".into()),
        StmtKind::Pass => line("pass".into()),
        StmtKind::Return(v) => line(format!("return {}", opt(v).unwrap_or_default())),
        StmtKind::FunctionDef(d) => {
            let decos: String = d
                .decorators
                .iter()
                .map(|x| format!("{pad}@{}\n", dump_expr(x)))
                .collect();
            let ret = opt(&d.returns)
                .map(|r| format!(" -> {r}"))
                .unwrap_or_default();
            decos
                + &block(
                    format!("def {}({}){ret}:", d.name.name, dump_params(&d.params)),
                    &d.body,
                )
        }
        StmtKind::ClassDef(c) => {
            let decos: String = c
                .decorators
                .iter()
                .map(|x| format!("{pad}@{}\n", dump_expr(x)))
                .collect();
            let mut args: Vec<String> = c.bases.iter().map(dump_expr).collect();
            args.extend(c.keywords.iter().map(|k| match &k.arg {
                Some(a) => format!("{}={}", a.name, dump_expr(&k.value)),
                None => format!("**{}", dump_expr(&k.value)),
            }));
            decos
                + &block(
                    format!("class {}({}):", c.name.name, args.join(", ")),
                    &c.body,
                )
        }
        StmtKind::Import(names) => line(format!("import {}", dump_aliases(names))),
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => line(format!(
            "from {}{} import {}",
            ".".repeat(*level as usize),
            module.as_deref().unwrap_or(""),
            dump_aliases(names)
        )),
        StmtKind::Delete(t) => line(format!(
            "del {}",
            t.iter().map(dump_expr).collect::<Vec<_>>().join(", ")
        )),
        StmtKind::Assert { test, msg } => {
            let m = opt(msg).map(|m| format!(", {m}")).unwrap_or_default();
            line(format!("assert {}{m}", dump_expr(test)))
        }
        StmtKind::Try {
            body,
            handlers,
            orelse: e,
            finalbody,
        } => {
            let mut s = block("try:".into(), body);
            for h in handlers {
                let typ = h
                    .typ
                    .as_ref()
                    .map(|t| format!(" {}", dump_expr(t)))
                    .unwrap_or_default();
                let name = h
                    .name
                    .as_ref()
                    .map(|n| format!(" as {}", n.name))
                    .unwrap_or_default();
                s += &block(format!("except{typ}{name}:"), &h.body);
            }
            s += &orelse(e);
            if !finalbody.is_empty() {
                s += &block("finally:".into(), finalbody);
            }
            s
        }
        StmtKind::Raise { exc, cause } => {
            let c = opt(cause).map(|c| format!(" from {c}")).unwrap_or_default();
            line(format!("raise {}{c}", opt(exc).unwrap_or_default()))
        }
        StmtKind::With { items, body } => {
            let items: Vec<String> = items
                .iter()
                .map(|i| match &i.optional_vars {
                    Some(v) => format!("{} as {}", dump_expr(&i.context_expr), dump_expr(v)),
                    None => dump_expr(&i.context_expr),
                })
                .collect();
            block(format!("with {}:", items.join(", ")), body)
        }
        StmtKind::Global(n) => line(format!(
            "global {}",
            n.iter().map(|i| &*i.name).collect::<Vec<_>>().join(", ")
        )),
        StmtKind::Nonlocal(n) => line(format!(
            "nonlocal {}",
            n.iter().map(|i| &*i.name).collect::<Vec<_>>().join(", ")
        )),
    }
}

fn dump_aliases(names: &[Alias]) -> String {
    let names: Vec<String> = names
        .iter()
        .map(|a| match &a.asname {
            Some(n) => format!("{} as {}", a.name, n.name),
            None => a.name.to_string(),
        })
        .collect();
    names.join(", ")
}

/// Parses a module, panicking with the diagnostic if it fails (tests only).
pub(super) fn module(src: &str) -> Module {
    match parse_module(src) {
        Ok(m) => m,
        Err(d) => panic!("{src:?} failed to parse: {d} at {:?}", d.span),
    }
}

/// The dump of a whole module.
pub(super) fn dump(src: &str) -> String {
    dump_stmts(&module(src).body, 0)
}

/// The dump of the one expression statement `src`.
pub(super) fn dump_e(src: &str) -> String {
    let m = module(src);
    match &m.body[..] {
        [Stmt {
            kind: StmtKind::Expr(e),
            ..
        }] => dump_expr(e),
        other => panic!("{src:?} is not one expression statement: {other:?}"),
    }
}

/// The one expression of `src` (an expression statement).
pub(super) fn expr_of(src: &str) -> Expr {
    match module(src).body.into_iter().next().map(|s| s.kind) {
        Some(StmtKind::Expr(e)) => e,
        other => panic!("{src:?} is not an expression statement: {other:?}"),
    }
}

/// The text a span covers.
pub(super) fn text(src: &str, span: crate::diag::Span) -> &str {
    &src[span.start as usize..span.end as usize]
}

/// The error of a text that must not parse: (exception, message, line, column).
pub(super) fn error_of(src: &str) -> (String, String, u32, u32) {
    let d: Diagnostic = match parse_module(src) {
        Ok(m) => panic!("{src:?} parsed but should not: {m:?}"),
        Err(d) => d,
    };
    let span = d
        .span
        .unwrap_or_else(|| panic!("{src:?}: error without span: {d}"));
    let at = LineIndex::new(src).line_col(span.start);
    (d.exception, d.message, at.line, at.column)
}

pub(super) fn is_complete(r: &Result<Interactive, Diagnostic>) -> bool {
    matches!(r, Ok(Interactive::Complete(_)))
}

//! The cell variables of a function: the names its nested functions, lambdas,
//! comprehensions and classes read. A call's scope keeps only these once it returns, so a
//! returned closure does not keep its whole frame alive.

use crate::object::class::LocalNames;
use crate::python::ast::{self, ExprKind, FStringPart, Stmt, StmtKind};

/// Every name used inside the functions, lambdas, comprehensions and classes nested in a
/// function body: a superset of the function's cell variables.
pub(crate) fn nested_names(def: &ast::FunctionDef) -> LocalNames {
    let mut out = LocalNames::new();
    for s in &def.body {
        nested_in_stmt(s, &mut out, false);
    }
    out
}

fn nested_in_stmt(s: &Stmt, out: &mut LocalNames, inside: bool) {
    let e = |x: &ast::Expr, out: &mut LocalNames| nested_in_expr(x, out, inside);
    let b = |body: &[Stmt], out: &mut LocalNames, inside: bool| {
        body.iter().for_each(|s| nested_in_stmt(s, out, inside))
    };
    match &s.kind {
        StmtKind::FunctionDef(d) => {
            d.decorators.iter().for_each(|x| e(x, out));
            b(&d.body, out, true);
            for p in d.params.args.iter().chain(&d.params.kwonly) {
                if let Some(x) = &p.default {
                    e(x, out);
                }
            }
        }
        StmtKind::ClassDef(d) => {
            d.bases.iter().for_each(|x| e(x, out));
            b(&d.body, out, true);
        }
        StmtKind::Expr(x) | StmtKind::Return(Some(x)) => e(x, out),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|x| e(x, out));
            e(value, out);
        }
        StmtKind::AugAssign { target, value, .. } => {
            e(target, out);
            e(value, out);
        }
        StmtKind::AnnAssign { target, value, .. } => {
            e(target, out);
            if let Some(v) = value {
                e(v, out);
            }
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            e(test, out);
            b(body, out, inside);
            b(orelse, out, inside);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            e(target, out);
            e(iter, out);
            b(body, out, inside);
            b(orelse, out, inside);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            b(body, out, inside);
            for h in handlers {
                if let Some(t) = &h.typ {
                    e(t, out);
                }
                b(&h.body, out, inside);
            }
            b(orelse, out, inside);
            b(finalbody, out, inside);
        }
        StmtKind::With { items, body } => {
            for i in items {
                e(&i.context_expr, out);
            }
            b(body, out, inside);
        }
        StmtKind::Delete(xs) => xs.iter().for_each(|x| e(x, out)),
        StmtKind::Assert { test, msg } => {
            e(test, out);
            if let Some(m) = msg {
                e(m, out);
            }
        }
        StmtKind::Raise { exc, cause } => {
            for x in exc.iter().chain(cause) {
                e(x, out);
            }
        }
        StmtKind::Nonlocal(names) | StmtKind::Global(names) if inside => {
            out.extend(names.iter().map(|n| n.name.clone()));
        }
        _ => {}
    }
}

/// Collects names used in nested scopes of an expression (`inside`: already nested).
fn nested_in_expr(x: &ast::Expr, out: &mut LocalNames, inside: bool) {
    match &x.kind {
        ExprKind::Name(n) if inside => {
            out.insert(n.clone());
        }
        ExprKind::NamedExpr { target, value } => {
            if inside {
                out.insert(target.name.clone());
            }
            nested_in_expr(value, out, inside);
        }
        ExprKind::Lambda(d) => {
            for s in &d.body {
                nested_in_stmt(s, out, true);
            }
            for p in d.params.args.iter().chain(&d.params.kwonly) {
                if let Some(y) = &p.default {
                    nested_in_expr(y, out, inside);
                }
            }
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            nested_in_expr(elt, out, true);
            for g in generators {
                nested_in_expr(&g.iter, out, true);
                g.ifs.iter().for_each(|c| nested_in_expr(c, out, true));
            }
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            nested_in_expr(key, out, true);
            nested_in_expr(value, out, true);
            for g in generators {
                nested_in_expr(&g.iter, out, true);
                g.ifs.iter().for_each(|c| nested_in_expr(c, out, true));
            }
        }
        ExprKind::List(items)
        | ExprKind::Tuple(items)
        | ExprKind::Set(items)
        | ExprKind::BoolOp { values: items, .. } => {
            items.iter().for_each(|y| nested_in_expr(y, out, inside))
        }
        ExprKind::Dict(entries) => {
            for (k, v) in entries {
                if let Some(k) = k {
                    nested_in_expr(k, out, inside);
                }
                nested_in_expr(v, out, inside);
            }
        }
        ExprKind::Starred(y) | ExprKind::Attribute { value: y, .. } => {
            nested_in_expr(y, out, inside)
        }
        ExprKind::UnaryOp { operand, .. } => nested_in_expr(operand, out, inside),
        ExprKind::Subscript { value, index } => {
            nested_in_expr(value, out, inside);
            nested_in_expr(index, out, inside);
        }
        ExprKind::Slice { lower, upper, step } => {
            for y in [lower, upper, step].into_iter().flatten() {
                nested_in_expr(y, out, inside);
            }
        }
        ExprKind::BinOp { left, right, .. } => {
            nested_in_expr(left, out, inside);
            nested_in_expr(right, out, inside);
        }
        ExprKind::Compare {
            left, comparators, ..
        } => {
            nested_in_expr(left, out, inside);
            comparators
                .iter()
                .for_each(|c| nested_in_expr(c, out, inside));
        }
        ExprKind::IfExp { test, body, orelse } => {
            for y in [test, body, orelse] {
                nested_in_expr(y, out, inside);
            }
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            nested_in_expr(func, out, inside);
            args.iter().for_each(|a| nested_in_expr(a, out, inside));
            keywords
                .iter()
                .for_each(|k| nested_in_expr(&k.value, out, inside));
        }
        ExprKind::FString(parts) => {
            for p in parts {
                if let FStringPart::Expr {
                    expr, format_spec, ..
                } = p
                {
                    nested_in_expr(expr, out, inside);
                    for sp in format_spec.iter().flatten() {
                        if let FStringPart::Expr { expr, .. } = sp {
                            nested_in_expr(expr, out, inside);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

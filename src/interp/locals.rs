//! Which names a function binds, decided before it runs as CPython's compiler does:
//! reading one of them before it is bound is an UnboundLocalError, not a global lookup.

use crate::object::class::LocalNames;
use crate::python::ast::{self, ExprKind, FStringPart, Stmt, StmtKind};

/// The local names of a function: its parameters and every name its body binds, minus the
/// names it declares `global` or `nonlocal`.
pub(crate) fn function_locals(def: &ast::FunctionDef) -> LocalNames {
    let mut bound = LocalNames::new();
    let mut declared = LocalNames::new();
    let p = &def.params;
    for param in p
        .args
        .iter()
        .chain(&p.kwonly)
        .chain(&p.vararg)
        .chain(&p.kwarg)
    {
        bound.insert(param.name.name.clone());
    }
    for s in &def.body {
        stmt_binds(s, &mut bound, &mut declared);
    }
    bound.retain(|n| !declared.contains(n));
    bound
}

/// The names a comprehension binds in its own scope (its `for` targets).
pub(crate) fn comprehension_locals(generators: &[ast::Comprehension]) -> LocalNames {
    let mut bound = LocalNames::new();
    for g in generators {
        target_binds(&g.target, &mut bound);
    }
    bound
}

fn stmt_binds(s: &Stmt, bound: &mut LocalNames, declared: &mut LocalNames) {
    let body = |b: &[Stmt], bound: &mut LocalNames, declared: &mut LocalNames| {
        for s in b {
            stmt_binds(s, bound, declared);
        }
    };
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Return(Some(e)) => expr_binds(e, bound),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| target_binds(t, bound));
            expr_binds(value, bound);
        }
        StmtKind::AugAssign { target, value, .. } => {
            target_binds(target, bound);
            expr_binds(value, bound);
        }
        StmtKind::AnnAssign { target, value, .. } => {
            if value.is_some() || matches!(target.kind, ExprKind::Name(_)) {
                target_binds(target, bound);
            }
            if let Some(v) = value {
                expr_binds(v, bound);
            }
        }
        StmtKind::If {
            test,
            body: b,
            orelse,
        }
        | StmtKind::While {
            test,
            body: b,
            orelse,
        } => {
            expr_binds(test, bound);
            body(b, bound, declared);
            body(orelse, bound, declared);
        }
        StmtKind::For {
            target,
            iter,
            body: b,
            orelse,
        } => {
            target_binds(target, bound);
            expr_binds(iter, bound);
            body(b, bound, declared);
            body(orelse, bound, declared);
        }
        StmtKind::FunctionDef(d) => {
            bound.insert(d.name.name.clone());
        }
        StmtKind::ClassDef(d) => {
            bound.insert(d.name.name.clone());
        }
        StmtKind::Import(aliases) => {
            for a in aliases {
                let name = match &a.asname {
                    Some(n) => n.name.clone(),
                    None => a.name.split('.').next().unwrap_or(&a.name).into(),
                };
                bound.insert(name);
            }
        }
        StmtKind::ImportFrom { names, .. } => {
            for a in names.iter().filter(|a| &*a.name != "*") {
                bound.insert(a.asname.as_ref().map_or(a.name.clone(), |n| n.name.clone()));
            }
        }
        StmtKind::Delete(targets) => targets.iter().for_each(|t| target_binds(t, bound)),
        StmtKind::Try {
            body: b,
            handlers,
            orelse,
            finalbody,
        } => {
            body(b, bound, declared);
            for h in handlers {
                if let Some(n) = &h.name {
                    bound.insert(n.name.clone());
                }
                body(&h.body, bound, declared);
            }
            body(orelse, bound, declared);
            body(finalbody, bound, declared);
        }
        StmtKind::With { items, body: b } => {
            for i in items {
                expr_binds(&i.context_expr, bound);
                if let Some(t) = &i.optional_vars {
                    target_binds(t, bound);
                }
            }
            body(b, bound, declared);
        }
        StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
            declared.extend(names.iter().map(|n| n.name.clone()));
        }
        StmtKind::Assert { test, .. } => expr_binds(test, bound),
        _ => {}
    }
}

fn target_binds(t: &ast::Expr, bound: &mut LocalNames) {
    match &t.kind {
        ExprKind::Name(n) => {
            bound.insert(n.clone());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| target_binds(i, bound))
        }
        ExprKind::Starred(inner) => target_binds(inner, bound),
        _ => expr_binds(t, bound),
    }
}

/// Walrus targets inside an expression (they bind in the enclosing function, also from
/// inside a comprehension; not from inside a lambda).
fn expr_binds(e: &ast::Expr, bound: &mut LocalNames) {
    let mut walk = |x: &ast::Expr| expr_binds(x, bound);
    match &e.kind {
        ExprKind::NamedExpr { target, value } => {
            bound.insert(target.name.clone());
            expr_binds(value, bound);
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().for_each(walk)
        }
        ExprKind::Dict(entries) => {
            for (k, v) in entries {
                if let Some(k) = k {
                    expr_binds(k, bound);
                }
                expr_binds(v, bound);
            }
        }
        ExprKind::Starred(x) | ExprKind::Attribute { value: x, .. } => walk(x),
        ExprKind::UnaryOp { operand, .. } => walk(operand),
        ExprKind::Subscript { value, index } => {
            expr_binds(value, bound);
            expr_binds(index, bound);
        }
        ExprKind::BinOp { left, right, .. } => {
            expr_binds(left, bound);
            expr_binds(right, bound);
        }
        ExprKind::BoolOp { values, .. } => values.iter().for_each(walk),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            expr_binds(left, bound);
            comparators.iter().for_each(|c| expr_binds(c, bound));
        }
        ExprKind::IfExp { test, body, orelse } => {
            for x in [test, body, orelse] {
                expr_binds(x, bound);
            }
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr_binds(func, bound);
            args.iter().for_each(|a| expr_binds(a, bound));
            keywords.iter().for_each(|k| expr_binds(&k.value, bound));
        }
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            expr_binds(elt, bound);
            comprehension_walrus(generators, bound);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            expr_binds(key, bound);
            expr_binds(value, bound);
            comprehension_walrus(generators, bound);
        }
        ExprKind::FString(parts) => fstring_binds(parts, bound),
        _ => {}
    }
}

fn comprehension_walrus(generators: &[ast::Comprehension], bound: &mut LocalNames) {
    for g in generators {
        expr_binds(&g.iter, bound);
        g.ifs.iter().for_each(|c| expr_binds(c, bound));
    }
}

fn fstring_binds(parts: &[FStringPart], bound: &mut LocalNames) {
    for p in parts {
        if let FStringPart::Expr {
            expr, format_spec, ..
        } = p
        {
            expr_binds(expr, bound);
            if let Some(spec) = format_spec {
                fstring_binds(spec, bound);
            }
        }
    }
}

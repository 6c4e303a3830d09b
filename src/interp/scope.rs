//! Names: which names a function binds (decided before it runs, as CPython's compiler does)
//! and how a name is read, bound and deleted through module, class, function and
//! comprehension scopes, `global` and `nonlocal`.

use super::Interp;
use crate::object::class::LocalNames;
use crate::object::{Exc, PyErr, PyResult, Scope, ScopeKind, Value};
use crate::python::ast::{self, ExprKind, FStringPart, Stmt, StmtKind};
use std::rc::Rc;

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

/// `cannot access local variable 'x' where it is not associated with a value`.
fn unbound_local(name: &str) -> PyErr {
    PyErr::new(
        Exc::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

fn name_error(name: &str) -> PyErr {
    PyErr::new(Exc::NameError, format!("name '{name}' is not defined"))
}

impl Interp {
    /// Reads a name: the current scope, enclosing function scopes, the module, builtins.
    pub(crate) fn load_name(&mut self, name: &str) -> PyResult<Value> {
        let current = self.frame.scope.clone();
        if current.redirects.borrow().get(name) == Some(&ScopeKind::Module) {
            return self.load_global(name);
        }
        let mut scope = Some(current.clone());
        let mut first = true;
        while let Some(s) = scope {
            match (s.kind, &s.locals) {
                (ScopeKind::Module, _) => return self.load_global(name),
                (ScopeKind::Function, Some(locals)) if locals.contains(name) => {
                    return match s.get(name) {
                        Some(v) => Ok(v),
                        None if first => Err(unbound_local(name)),
                        None => Err(PyErr::new(
                            Exc::NameError,
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        )),
                    };
                }
                _ => {
                    if let Some(v) = s.get(name) {
                        return Ok(v);
                    }
                }
            }
            first = false;
            scope = s.parent.clone();
        }
        self.load_global(name)
    }

    fn load_global(&self, name: &str) -> PyResult<Value> {
        if let Some(v) = self.globals.get(name) {
            return Ok(v);
        }
        self.builtins
            .get(name)
            .cloned()
            .ok_or_else(|| name_error(name))
    }

    /// Binds a name in the current scope (honouring `global` / `nonlocal`).
    pub(crate) fn store_name(&mut self, name: &Rc<str>, value: Value) {
        match self.nonlocal_target(name) {
            Some(scope) => scope.set(name.clone(), value),
            None => self.frame.scope.set(name.clone(), value),
        }
    }

    /// The scope a `global`/`nonlocal` name lives in (`None`: the current scope).
    fn nonlocal_target(&self, name: &str) -> Option<Rc<Scope>> {
        let redirect = self.frame.scope.redirects.borrow().get(name).copied()?;
        if redirect == ScopeKind::Module {
            return Some(self.globals.clone());
        }
        let mut scope = self.frame.scope.parent.clone();
        while let Some(s) = scope {
            let binds = match &s.locals {
                Some(l) => l.contains(name),
                None => s.vars.borrow().contains_key(name),
            };
            if s.kind == ScopeKind::Function && binds {
                return Some(s);
            }
            scope = s.parent.clone();
        }
        None
    }

    /// `del name`.
    pub(crate) fn delete_name(&mut self, name: &str) -> PyResult<()> {
        let scope = self
            .nonlocal_target(name)
            .unwrap_or_else(|| self.frame.scope.clone());
        let removed = scope.vars.borrow_mut().remove(name);
        match removed {
            Some(_) => Ok(()),
            None if scope.locals.as_ref().is_some_and(|l| l.contains(name)) => {
                Err(unbound_local(name))
            }
            None => Err(name_error(name)),
        }
    }

    /// Unbinds the name of an `except ... as name:` clause after its block (Python deletes
    /// it so that the traceback is not kept alive).
    pub(crate) fn unbind_name(&mut self, name: &str) {
        let scope = self
            .nonlocal_target(name)
            .unwrap_or_else(|| self.frame.scope.clone());
        scope.vars.borrow_mut().remove(name);
    }

    /// A name as written in a class body or method: `__x` becomes `_Class__x`.
    pub(crate) fn mangle(&self, name: &Rc<str>) -> Rc<str> {
        match &self.frame.private {
            Some(class) if name.starts_with("__") && !name.ends_with("__") => {
                let stripped = class.trim_start_matches('_');
                if stripped.is_empty() {
                    name.clone()
                } else {
                    format!("_{stripped}{name}").into()
                }
            }
            _ => name.clone(),
        }
    }

    /// The scope a new function or comprehension closes over: class bodies are skipped (a
    /// method does not see the class's names).
    pub(crate) fn closure_scope(&self) -> Rc<Scope> {
        let mut env = self.frame.scope.clone();
        while env.kind == ScopeKind::Class {
            match env.parent.clone() {
                Some(p) => env = p,
                None => break,
            }
        }
        env
    }
}

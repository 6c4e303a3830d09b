//! `def`, `lambda`, decorators and `class`: building function and class objects.

use super::exec::Flow;
use super::{Frame, Interp};
use crate::object::class::AttrMap;
use crate::object::{
    Args, BuiltinType, Class, Dict, Exc, Function, PyErr, PyResult, Scope, ScopeKind, Value,
};
use crate::python::ast::{self, ExprKind, Stmt, StmtKind};
use std::cell::RefCell;
use std::rc::Rc;

/// Longest inheritance chain a class may have (each class copies its MRO).
const MAX_MRO: usize = 500;

impl Interp {
    /// Evaluates a `def` or `lambda` into a function closing over the current scope.
    pub(crate) fn make_function(&mut self, def: &Rc<ast::FunctionDef>) -> PyResult<Value> {
        let mut defaults = Vec::new();
        for p in &def.params.args {
            if let Some(d) = &p.default {
                defaults.push(self.eval(d)?);
            }
        }
        let mut kw_defaults = Vec::new();
        for p in &def.params.kwonly {
            kw_defaults.push(match &p.default {
                Some(d) => Some(self.eval(d)?),
                None => None,
            });
        }
        let qualname: Rc<str> = match self.qualname_prefix() {
            Some(prefix) => format!("{prefix}.{}", def.name.name).into(),
            None => def.name.name.clone(),
        };
        let doc = match def.body.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(ast::Expr {
                kind: ExprKind::Constant(ast::Constant::Str(s)),
                ..
            })) if !def.is_lambda => Value::Str(s.clone()),
            _ => Value::None,
        };
        let mut attrs = Dict::new();
        attrs.set_str("__doc__", doc);
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            name: def.name.name.clone(),
            qualname,
            module: self.module_name.clone(),
            defaults,
            kw_defaults,
            env: self.closure_scope(),
            source: self.frame.source.clone(),
            attrs: RefCell::new(attrs),
            locals: Rc::new(super::locals::function_locals(def)),
            cells: Rc::new(super::cells::nested_names(def)),
            owner: RefCell::new(std::rc::Weak::new()),
            private: self.frame.private.clone(),
        })))
    }

    /// The qualified name of what is being defined here: `Outer.method`, `f.<locals>.g`.
    fn qualname_prefix(&self) -> Option<String> {
        match self.frame.scope.kind {
            ScopeKind::Class => match self.frame.scope.get("__qualname__") {
                Some(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            },
            ScopeKind::Function => self
                .frame
                .function_obj
                .as_ref()
                .map(|f| format!("{}.<locals>", f.qualname)),
            ScopeKind::Module => None,
        }
    }

    pub(crate) fn decorate(
        &mut self,
        decorators: &[ast::Expr],
        mut value: Value,
    ) -> PyResult<Value> {
        for d in decorators.iter().rev() {
            let f = self.eval(d)?;
            value = self.call_value_inner(&f, Args::new(vec![value]))?;
        }
        Ok(value)
    }

    /// Executes a class body and builds the class (through the metaclass hooks of its bases).
    pub(crate) fn make_class(&mut self, def: &Rc<ast::ClassDef>) -> PyResult<Value> {
        let mut bases = Vec::new();
        for b in &def.bases {
            match self.eval(b)? {
                Value::Class(c) => bases.push(c),
                other => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!(
                            "bases must be types, not {} (the playground supports classes deriving from classes)",
                            other.type_name()
                        ),
                    ))
                }
            }
        }
        for k in &def.keywords {
            self.eval(&k.value)?;
        }
        let object = super::builtins::type_class(BuiltinType::Object);
        bases.retain(|b| !Rc::ptr_eq(b, &object));
        if bases.iter().map(|b| b.mro.len() + 1).sum::<usize>() > MAX_MRO {
            return Err(PyErr::limit(
                Exc::MemoryError,
                format!(
                    "a class with more than {MAX_MRO} ancestors is over the playground's limit"
                ),
            ));
        }
        let scope = Scope::new(ScopeKind::Class, Some(self.frame.scope.clone()));
        let qualname = match self.qualname_prefix() {
            Some(p) => format!("{p}.{}", def.name.name),
            None => def.name.name.to_string(),
        };
        scope.set("__module__".into(), Value::Str(self.module_name.clone()));
        scope.set("__qualname__".into(), Value::str(&qualname));
        let source = self.frame.source.clone();
        let saved = std::mem::replace(
            &mut self.frame,
            Frame {
                scope: scope.clone(),
                source,
                function: def.name.name.clone(),
                echo: false,
                function_obj: None,
                private: Some(def.name.name.clone()),
            },
        );
        let result = self.exec_class_body(&def.body, &scope);
        self.frame = saved;
        let attrs = result?;
        let mut class = Class::new(&def.name.name, &self.module_name, bases, attrs);
        class.span = Some(def.span);
        let class = Rc::new(class);
        // Methods know their class (zero-argument `super()`).
        for v in class.dict.borrow().values() {
            if let Value::Function(f) = v {
                *f.owner.borrow_mut() = Rc::downgrade(&class);
            }
        }
        if let Some(hooks) = class.hooks.clone() {
            self.call_span = Some(def.span);
            hooks.init_subclass(self, &class)?;
        }
        self.run_init_subclass(&class)?;
        Ok(Value::Class(class))
    }

    /// Calls `__init_subclass__` of the nearest base that defines one (an implicit
    /// classmethod).
    fn run_init_subclass(&mut self, class: &Rc<Class>) -> PyResult<()> {
        let hook = class
            .mro
            .iter()
            .find_map(|c| c.dict.borrow().get("__init_subclass__").cloned());
        match hook {
            Some(f @ Value::Function(_)) => {
                self.call_value_inner(&f, Args::new(vec![Value::Class(class.clone())]))?;
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn exec_class_body(&mut self, body: &[Stmt], scope: &Rc<Scope>) -> PyResult<AttrMap> {
        let mut order: Vec<Rc<str>> = vec!["__module__".into(), "__qualname__".into()];
        for stmt in body {
            match self.exec_stmt(stmt) {
                Ok(Flow::Normal) => {}
                Ok(_) => {
                    return Err(self.err_at(
                        PyErr::new(Exc::SyntaxError, "'return' outside function"),
                        stmt.span,
                    ))
                }
                Err(e) => return Err(self.err_at(e, stmt.span)),
            }
            for name in assigned_names(stmt) {
                if !order.contains(&name) {
                    order.push(name);
                }
            }
        }
        let vars = scope.vars.borrow();
        let mut attrs = AttrMap::new();
        for name in &order {
            if let Some(v) = vars.get(name) {
                attrs.insert(name.clone(), v.clone());
            }
        }
        let mut rest: Vec<_> = vars
            .iter()
            .filter(|(k, _)| !attrs.contains_key(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        rest.sort_by(|a, b| a.0.cmp(&b.0));
        attrs.extend(rest);
        Ok(attrs)
    }
}

/// Names a class-body statement binds, in source order (for definition-ordered class dicts).
fn assigned_names(stmt: &Stmt) -> Vec<Rc<str>> {
    fn target_names(e: &ast::Expr, out: &mut Vec<Rc<str>>) {
        match &e.kind {
            ExprKind::Name(n) => out.push(n.clone()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| target_names(i, out))
            }
            ExprKind::Starred(inner) => target_names(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match &stmt.kind {
        StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| target_names(t, &mut out)),
        StmtKind::AnnAssign { target, .. } | StmtKind::AugAssign { target, .. } => {
            target_names(target, &mut out)
        }
        StmtKind::FunctionDef(d) => out.push(d.name.name.clone()),
        StmtKind::ClassDef(d) => out.push(d.name.name.clone()),
        StmtKind::If { body, orelse, .. } | StmtKind::For { body, orelse, .. } => body
            .iter()
            .chain(orelse)
            .for_each(|s| out.extend(assigned_names(s))),
        StmtKind::Try {
            body,
            orelse,
            finalbody,
            ..
        } => body
            .iter()
            .chain(orelse)
            .chain(finalbody)
            .for_each(|s| out.extend(assigned_names(s))),
        _ => {}
    }
    out
}

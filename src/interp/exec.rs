//! Statements: control flow, definitions, imports, `try`, `with`.

use super::{Frame, Interp};
use crate::object::class::AttrMap;
use crate::object::{Args, Class, Dict, Exc, Function, PyErr, PyResult, Scope, ScopeKind, Value};
use crate::python::ast::{self, ExprKind, Stmt, StmtKind};
use std::cell::RefCell;
use std::rc::Rc;

/// How a statement ended.
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    Return(Value),
}

impl Interp {
    pub(crate) fn exec_block(&mut self, body: &[Stmt]) -> PyResult<Flow> {
        for stmt in body {
            match self.exec_stmt(stmt) {
                Ok(Flow::Normal) => {}
                Ok(flow) => return Ok(flow),
                Err(e) => return Err(self.err_at(e, stmt.span)),
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_stmt(&mut self, stmt: &Stmt) -> PyResult<Flow> {
        self.step()?;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e)?;
                if self.frame.echo && !v.is_none() {
                    let text = self.repr_value(&v)?;
                    self.out.push_str(&text);
                    self.out.push('\n');
                    self.builtins.insert("_".into(), v);
                }
            }
            StmtKind::Assign { targets, value } => {
                let v = self.eval(value)?;
                for t in targets {
                    self.assign(t, v.clone())?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => self.ann_assign(target, annotation, value.as_ref())?,
            StmtKind::If { test, body, orelse } => {
                let t = self.eval(test)?;
                return if self.truth(&t)? {
                    self.exec_block(body)
                } else {
                    self.exec_block(orelse)
                };
            }
            StmtKind::While { test, body, orelse } => return self.exec_while(test, body, orelse),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => return self.exec_for(target, iter, body, orelse),
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Pass => {}
            StmtKind::Return(value) => {
                if self.depth == 0 {
                    return Err(PyErr::new(Exc::SyntaxError, "'return' outside function"));
                }
                let v = match value {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                return Ok(Flow::Return(v));
            }
            StmtKind::FunctionDef(def) => {
                let f = self.make_function(def)?;
                let f = self.decorate(&def.decorators, f)?;
                self.store_name(&def.name.name, f);
            }
            StmtKind::ClassDef(def) => {
                let c = self.make_class(def)?;
                let c = self.decorate(&def.decorators, c)?;
                self.store_name(&def.name.name, c);
            }
            StmtKind::Import(aliases) => self.exec_import(aliases)?,
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.exec_import_from(module.as_deref(), names, *level)?,
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let t = self.eval(test)?;
                if !self.truth(&t)? {
                    let message = match msg {
                        Some(m) => {
                            let v = self.eval(m)?;
                            self.str_value(&v)?
                        }
                        None => String::new(),
                    };
                    return Err(PyErr::new(Exc::AssertionError, message));
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => return self.exec_try(body, handlers, orelse, finalbody),
            StmtKind::Raise { exc, cause } => {
                return Err(self.exec_raise(exc.as_ref(), cause.as_ref())?)
            }
            StmtKind::With { items, body } => return self.exec_with(items, body),
            StmtKind::Global(names) => {
                for n in names {
                    self.frame
                        .scope
                        .redirects
                        .borrow_mut()
                        .insert(n.name.clone(), ScopeKind::Module);
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    self.frame
                        .scope
                        .redirects
                        .borrow_mut()
                        .insert(n.name.clone(), ScopeKind::Function);
                }
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_while(&mut self, test: &ast::Expr, body: &[Stmt], orelse: &[Stmt]) -> PyResult<Flow> {
        loop {
            self.step()?;
            let t = self.eval(test)?;
            if !self.truth(&t)? {
                break;
            }
            match self.exec_block(body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(orelse)
    }

    fn exec_for(
        &mut self,
        target: &ast::Expr,
        iter: &ast::Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> PyResult<Flow> {
        let iterable = self.eval(iter)?;
        let mut it = self.iter_of(&iterable)?;
        while let Some(item) = self.iter_next(&mut it)? {
            self.step()?;
            self.assign(target, item)?;
            match self.exec_block(body)? {
                Flow::Break => return Ok(Flow::Normal),
                Flow::Return(v) => return Ok(Flow::Return(v)),
                Flow::Normal | Flow::Continue => {}
            }
        }
        self.exec_block(orelse)
    }

    fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let result = match self.exec_block(body) {
            Ok(Flow::Normal) => self.exec_block(orelse),
            Ok(flow) => Ok(flow),
            Err(err) if err.inner().uncatchable => Err(err),
            Err(err) => self.handle_exception(err, handlers),
        };
        if finalbody.is_empty() {
            return result;
        }
        match self.exec_block(finalbody)? {
            Flow::Normal => result,
            flow => Ok(flow),
        }
    }

    fn handle_exception(&mut self, err: PyErr, handlers: &[ast::ExceptHandler]) -> PyResult<Flow> {
        for h in handlers {
            let matches = match &h.typ {
                None => true,
                Some(t) => {
                    let typ = self.eval(t)?;
                    self.exception_matches(&err, &typ)?
                }
            };
            if !matches {
                continue;
            }
            if let Some(name) = &h.name {
                let value = self.exception_value(&err);
                self.store_name(&name.name, value);
            }
            return self.exec_block(&h.body);
        }
        Err(err)
    }

    fn exception_matches(&mut self, err: &PyErr, typ: &Value) -> PyResult<bool> {
        match typ {
            Value::Class(c) => Ok(err.class().is_subclass(c)),
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exception_matches(err, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::new(
                Exc::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The exception instance of an error (created on first need, e.g. `except ... as e`).
    pub(crate) fn exception_value(&mut self, err: &PyErr) -> Value {
        if let Some(v) = &err.inner().value {
            return v.clone();
        }
        let inst = crate::object::Instance::new(err.class().clone());
        let args = if err.message().is_empty() {
            Value::tuple(vec![])
        } else {
            Value::tuple(vec![Value::str(err.message())])
        };
        inst.dict.borrow_mut().insert("args".into(), args);
        Value::Instance(Rc::new(inst))
    }

    fn exec_raise(
        &mut self,
        exc: Option<&ast::Expr>,
        cause: Option<&ast::Expr>,
    ) -> PyResult<PyErr> {
        if let Some(c) = cause {
            self.eval(c)?;
        }
        let Some(exc) = exc else {
            return Ok(PyErr::new(
                Exc::RuntimeError,
                "No active exception to reraise",
            ));
        };
        let v = self.eval(exc)?;
        let v = match &v {
            Value::Class(c) if c.is_subclass(&Exc::BaseException.class()) => {
                self.call_value_inner(&v, Args::none())?
            }
            _ => v,
        };
        match &v {
            Value::Instance(inst) if inst.class.is_subclass(&Exc::BaseException.class()) => {
                let message = self.exception_message(&v)?;
                let mut err = PyErr::of_class(inst.class.clone(), message);
                err.inner_mut().value = Some(v.clone());
                Ok(err)
            }
            _ => Ok(PyErr::new(
                Exc::TypeError,
                "exceptions must derive from BaseException",
            )),
        }
    }

    /// `str(exception)`: its single argument, or the tuple of its arguments.
    pub(crate) fn exception_message(&mut self, v: &Value) -> PyResult<String> {
        let args = match v {
            Value::Instance(inst) => inst.dict.borrow().get("args").cloned(),
            _ => None,
        };
        match args {
            Some(Value::Tuple(items)) if items.is_empty() => Ok(String::new()),
            Some(Value::Tuple(items)) if items.len() == 1 => {
                let item = items[0].clone();
                self.str_value(&item)
            }
            Some(other) => self.repr_value(&other),
            None => Ok(String::new()),
        }
    }

    fn exec_with(&mut self, items: &[ast::WithItem], body: &[Stmt]) -> PyResult<Flow> {
        let Some((first, rest)) = items.split_first() else {
            return self.exec_block(body);
        };
        let manager = self.eval(&first.context_expr)?;
        let entered = self.call_method(&manager, "__enter__", Args::none())?;
        if let Some(target) = &first.optional_vars {
            self.assign(target, entered)?;
        }
        let result = self.exec_with(rest, body);
        let exit_args = match &result {
            Err(e) => {
                let v = self.exception_value(e);
                Args::new(vec![Value::Class(e.class().clone()), v, Value::None])
            }
            Ok(_) => Args::new(vec![Value::None, Value::None, Value::None]),
        };
        let suppress = self.call_method(&manager, "__exit__", exit_args)?;
        match result {
            Err(e) if !e.inner().uncatchable && self.truth(&suppress)? => Ok(Flow::Normal),
            other => other,
        }
    }

    /// Binds a name in the current scope (honouring `global` / `nonlocal`).
    pub(crate) fn store_name(&mut self, name: &Rc<str>, value: Value) {
        let redirect = self.frame.scope.redirects.borrow().get(name).copied();
        match redirect {
            Some(ScopeKind::Module) => self.globals.set(name.clone(), value),
            Some(_) => {
                let mut scope = self.frame.scope.parent.clone();
                while let Some(s) = scope {
                    if s.kind == ScopeKind::Function && s.vars.borrow().contains_key(name) {
                        s.set(name.clone(), value);
                        return;
                    }
                    scope = s.parent.clone();
                }
                self.frame.scope.set(name.clone(), value);
            }
            None => self.frame.scope.set(name.clone(), value),
        }
    }

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
        // Class bodies are not enclosing scopes for the functions defined in them.
        let mut env = self.frame.scope.clone();
        while env.kind == ScopeKind::Class {
            match env.parent.clone() {
                Some(p) => env = p,
                None => break,
            }
        }
        let qualname: Rc<str> = match self.class_qualname_prefix() {
            Some(prefix) => format!("{prefix}.{}", def.name.name).into(),
            None => def.name.name.clone(),
        };
        Ok(Value::Function(Rc::new(Function {
            def: def.clone(),
            name: def.name.name.clone(),
            qualname,
            module: self.module_name.clone(),
            defaults,
            kw_defaults,
            env,
            source: self.frame.source.clone(),
            attrs: RefCell::new(Dict::new()),
        })))
    }

    fn class_qualname_prefix(&self) -> Option<String> {
        if self.frame.scope.kind == ScopeKind::Class {
            self.frame.scope.get("__qualname__").and_then(|v| match v {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
        } else {
            None
        }
    }

    fn decorate(&mut self, decorators: &[ast::Expr], mut value: Value) -> PyResult<Value> {
        for d in decorators.iter().rev() {
            let f = self.eval(d)?;
            value = self.call_value_inner(&f, Args::new(vec![value]))?;
        }
        Ok(value)
    }

    /// Executes a class body and builds the class (through the metaclass hooks of its bases).
    fn make_class(&mut self, def: &Rc<ast::ClassDef>) -> PyResult<Value> {
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
        let scope = Scope::new(ScopeKind::Class, Some(self.frame.scope.clone()));
        let qualname = match self.class_qualname_prefix() {
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
            },
        );
        // Class bodies record their names in definition order (the ORM maps columns in it).
        let result = self.exec_class_body(&def.body, &scope);
        self.frame = saved;
        let attrs = result?;
        let mut class = Class::new(&def.name.name, &self.module_name, bases, attrs);
        class.span = Some(def.span);
        let class = Rc::new(class);
        // Methods know their class (zero-argument `super()`).
        for v in class.dict.borrow().values() {
            if let Value::Function(f) = v {
                f.attrs
                    .borrow_mut()
                    .set_str("__class__", Value::Class(class.clone()));
            }
        }
        if let Some(hooks) = class.hooks.clone() {
            self.call_span = Some(def.span);
            hooks.init_subclass(self, &class)?;
        }
        Ok(Value::Class(class))
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
            .filter(|(k, _)| !attrs.contains_key(*k))
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
        StmtKind::If { body, orelse, .. } => body
            .iter()
            .chain(orelse)
            .for_each(|s| out.extend(assigned_names(s))),
        _ => {}
    }
    out
}

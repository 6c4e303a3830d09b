//! Statements: control flow, loops, `with`, imports and the simple statements.

use super::Interp;
use crate::object::{Args, Exc, PyErr, PyResult, ScopeKind, Value};
use crate::python::ast::{self, Stmt, StmtKind};

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

    pub(crate) fn exec_stmt(&mut self, stmt: &Stmt) -> PyResult<Flow> {
        self.step()?;
        self.check_stack()?;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                let v = self.eval(e)?;
                if self.frame.echo && !v.is_none() {
                    let text = self.repr_value(&v)?;
                    self.check_len(self.out.len() + text.len())?;
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
                if self.frame.function_obj.is_none() {
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
                let name = self.mangle(&def.name.name);
                self.store_name(&name, f);
            }
            StmtKind::ClassDef(def) => {
                let c = self.make_class(def)?;
                let c = self.decorate(&def.decorators, c)?;
                let name = self.mangle(&def.name.name);
                self.store_name(&name, c);
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
                    let args = match msg {
                        Some(m) => vec![self.eval(m)?],
                        None => Vec::new(),
                    };
                    let class = Value::Class(Exc::AssertionError.class());
                    let e = self.call_value_inner(&class, Args::new(args))?;
                    return Err(self.error_from_instance(e)?);
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
            Err(e) if !e.inner().uncatchable => {
                let v = self.exception_value(e);
                let class = Value::Class(e.class().clone());
                Args::new(vec![class, v, Value::None])
            }
            _ => Args::new(vec![Value::None, Value::None, Value::None]),
        };
        let suppress = self.call_method(&manager, "__exit__", exit_args)?;
        match result {
            Err(e) if !e.inner().uncatchable && self.truth(&suppress)? => Ok(Flow::Normal),
            other => other,
        }
    }
}

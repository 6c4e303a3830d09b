//! Names at run time: how a name is read, bound and deleted through module, class,
//! function and comprehension scopes, `global`, `nonlocal` and private-name mangling.

use super::Interp;
use crate::object::{Exc, PyErr, PyResult, Scope, ScopeKind, Value};
use std::rc::Rc;

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

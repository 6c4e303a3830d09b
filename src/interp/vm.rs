//! The interpreter's services to Rust-implemented objects (the ORM calls user `__repr__`
//! methods, default callables and key functions through the `Vm` trait).

use super::Interp;
use crate::diag::{Source, Span};
use crate::object::{Args, Exc, PyErr, PyResult, Scope, ScopeKind, Value, Vm};
use crate::python::ast;
use std::rc::Rc;

impl Vm for Interp {
    fn call(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        self.call_value_inner(f, args)
    }

    fn getattr(&mut self, v: &Value, name: &str) -> PyResult<Value> {
        self.get_attribute(v, name)
    }

    fn setattr(&mut self, v: &Value, name: &str, value: Value) -> PyResult<()> {
        self.set_attribute(v, name, value)
    }

    fn repr(&mut self, v: &Value) -> PyResult<String> {
        self.repr_value(v)
    }

    fn str(&mut self, v: &Value) -> PyResult<String> {
        self.str_value(v)
    }

    fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        self.values_equal(a, b)
    }

    fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        self.truth(v)
    }

    fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        self.collect_iterable(v)
    }

    fn binop(&mut self, op: ast::BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.binary_op(op, a, b)
    }

    fn compare(&mut self, op: ast::CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        self.compare_op(op, a, b)
    }

    fn hash(&mut self, v: &Value) -> PyResult<Value> {
        let k = self.hash_key(v)?;
        Ok(Value::Int(k.py_hash()))
    }

    fn getitem(&mut self, v: &Value, key: &Value) -> PyResult<Value> {
        self.get_item(v, key)
    }

    fn contains(&mut self, v: &Value, item: &Value) -> PyResult<bool> {
        Interp::contains(self, v, item)
    }

    fn iter_value(&mut self, v: &Value) -> PyResult<Value> {
        self.make_iterator(v)
    }

    fn tick(&mut self) -> PyResult<()> {
        self.step()
    }

    fn span(&self) -> Option<Span> {
        self.call_span
    }

    fn source(&self) -> Option<Source> {
        Some(self.frame.source.clone())
    }

    fn module_name(&self) -> Rc<str> {
        self.module_name.clone()
    }

    fn write(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn eval_expr(&mut self, code: &str, names: &[(String, Value)]) -> PyResult<Value> {
        let module = crate::python::parse_module(code.trim()).map_err(PyErr::from)?;
        let expr = match module.body.as_slice() {
            [ast::Stmt {
                kind: ast::StmtKind::Expr(e),
                ..
            }] => e.clone(),
            _ => {
                return Err(PyErr::new(
                    Exc::SyntaxError,
                    format!("expected an expression, got {code:?}"),
                ))
            }
        };
        let scope = Scope::new(ScopeKind::Function, None);
        for (k, v) in names {
            scope.set(k.as_str().into(), v.clone());
        }
        let saved = std::mem::replace(&mut self.frame.scope, scope);
        let entered = self.enter();
        let r = self.eval(&expr);
        self.leave(entered);
        self.frame.scope = saved;
        r
    }

    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

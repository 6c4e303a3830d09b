//! Assignment targets: names, attributes, subscripts, unpacking; `del`; annotations.

use super::Interp;
use crate::object::{Dict, Exc, PyErr, PyResult, ScopeKind, Value};
use crate::python::ast::{self, BinOp, ExprKind};
use std::rc::Rc;

impl Interp {
    pub(crate) fn assign(&mut self, target: &ast::Expr, value: Value) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let n = self.mangle(n);
                self.store_name(&n, value);
                Ok(())
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(obj)?;
                self.set_attribute(&o, &self.mangle(&attr.name), value)
                    .map_err(|e| self.err_at(e, target.span))
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(obj)?;
                let k = self.eval(index)?;
                self.set_item(&o, &k, value)
                    .map_err(|e| self.err_at(e, target.span))
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                self.check_stack()?;
                self.unpack(items, value, target)
            }
            ExprKind::Starred(_) => Err(PyErr::new(
                Exc::SyntaxError,
                "starred assignment target must be in a list or tuple",
            )),
            _ => Err(PyErr::new(Exc::SyntaxError, "cannot assign to expression")),
        }
    }

    fn unpack(&mut self, targets: &[ast::Expr], value: Value, whole: &ast::Expr) -> PyResult<()> {
        if self.iter_of(&value).is_err() {
            return Err(self.err_at(
                PyErr::new(
                    Exc::TypeError,
                    format!("cannot unpack non-iterable {} object", value.type_name()),
                ),
                whole.span,
            ));
        }
        let items = self.collect_iterable(&value)?;
        let star = targets
            .iter()
            .position(|t| matches!(t.kind, ExprKind::Starred(_)));
        match star {
            None => {
                if items.len() != targets.len() {
                    let msg = if items.len() > targets.len() {
                        format!("too many values to unpack (expected {})", targets.len())
                    } else {
                        format!(
                            "not enough values to unpack (expected {}, got {})",
                            targets.len(),
                            items.len()
                        )
                    };
                    return Err(self.err_at(PyErr::new(Exc::ValueError, msg), whole.span));
                }
                for (t, v) in targets.iter().zip(items) {
                    self.assign(t, v)?;
                }
            }
            Some(s) => {
                let after = targets.len() - s - 1;
                if items.len() < targets.len() - 1 {
                    let msg = format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        targets.len() - 1,
                        items.len()
                    );
                    return Err(self.err_at(PyErr::new(Exc::ValueError, msg), whole.span));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(s);
                for (t, v) in targets[..s].iter().zip(items) {
                    self.assign(t, v)?;
                }
                if let ExprKind::Starred(inner) = &targets[s].kind {
                    self.assign(inner, Value::list(middle))?;
                }
                for (t, v) in targets[s + 1..].iter().zip(tail) {
                    self.assign(t, v)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn aug_assign(
        &mut self,
        target: &ast::Expr,
        op: BinOp,
        value: &ast::Expr,
    ) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                let n = &self.mangle(n);
                let current = self.load_name(n).map_err(|e| self.err_at(e, target.span))?;
                let rhs = self.eval(value)?;
                let v = self.inplace_op(op, current, &rhs)?;
                self.store_name(n, v);
                Ok(())
            }
            ExprKind::Attribute { value: obj, attr } => {
                let o = self.eval(obj)?;
                let name = self.mangle(&attr.name);
                let current = self
                    .get_attribute(&o, &name)
                    .map_err(|e| self.err_at(e, target.span))?;
                let rhs = self.eval(value)?;
                let v = self.inplace_op(op, current, &rhs)?;
                self.set_attribute(&o, &name, v)
            }
            ExprKind::Subscript { value: obj, index } => {
                let o = self.eval(obj)?;
                let k = self.eval(index)?;
                let current = self
                    .get_item(&o, &k)
                    .map_err(|e| self.err_at(e, target.span))?;
                let rhs = self.eval(value)?;
                let v = self.inplace_op(op, current, &rhs)?;
                self.set_item(&o, &k, v)
            }
            _ => Err(PyErr::new(
                Exc::SyntaxError,
                "'expression' is an illegal expression for augmented assignment",
            )),
        }
    }

    /// `a op= b`: lists, dicts and sets update in place (aliases see it); everything else
    /// rebinds to `a op b`.
    fn inplace_op(&mut self, op: BinOp, current: Value, rhs: &Value) -> PyResult<Value> {
        match (op, &current, rhs) {
            (BinOp::Add, Value::List(l), _) => {
                let items = self.collect_iterable(rhs).map_err(|_| {
                    PyErr::new(
                        Exc::TypeError,
                        format!("'{}' object is not iterable", rhs.type_name()),
                    )
                })?;
                self.check_len(l.borrow().len() + items.len())?;
                l.borrow_mut().extend(items);
                return Ok(current);
            }
            (BinOp::Mult, Value::List(l), _) if super::ops::as_index(rhs).is_some() => {
                let times = super::ops::as_index(rhs).unwrap_or(0).max(0) as usize;
                let items = l.borrow().clone();
                self.check_len(items.len().saturating_mul(times))?;
                let mut out = Vec::with_capacity(items.len() * times);
                for _ in 0..times {
                    out.extend(items.iter().cloned());
                }
                *l.borrow_mut() = out;
                return Ok(current);
            }
            (BinOp::BitOr, Value::Dict(d), Value::Dict(o)) => {
                let items: Vec<(Value, Value)> = o
                    .borrow()
                    .items()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in items {
                    let hk = self.hash_key(&k)?;
                    d.borrow_mut().insert(hk, k, v);
                }
                return Ok(current);
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(s), _) => {
                if let Some(other) = super::ops::set_ref(rhs) {
                    let other = other.copy();
                    super::ops::set_inplace(op, &mut s.borrow_mut(), &other);
                    return Ok(current);
                }
            }
            _ => {}
        }
        self.binary_op(op, &current, rhs)
    }

    /// `x: T = v`: in module and class bodies the annotation is recorded in `__annotations__`
    /// (the ORM reads `Mapped[...]` from there).
    pub(crate) fn ann_assign(
        &mut self,
        target: &ast::Expr,
        annotation: &ast::Expr,
        value: Option<&ast::Expr>,
    ) -> PyResult<()> {
        let scope_kind = self.frame.scope.kind;
        if let (ExprKind::Name(name), ScopeKind::Class | ScopeKind::Module) =
            (&target.kind, scope_kind)
        {
            let ann = self.eval(annotation)?;
            let dict = match self.frame.scope.get("__annotations__") {
                Some(Value::Dict(d)) => d,
                _ => {
                    let d = Rc::new(std::cell::RefCell::new(Dict::new()));
                    self.frame
                        .scope
                        .set("__annotations__".into(), Value::Dict(d.clone()));
                    d
                }
            };
            dict.borrow_mut().set_str(name, ann);
        }
        match value {
            Some(v) => {
                let v = self.eval(v)?;
                self.assign(target, v)
            }
            None => Ok(()),
        }
    }

    pub(crate) fn delete(&mut self, target: &ast::Expr) -> PyResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self
                .delete_name(&self.mangle(n))
                .map_err(|e| self.err_at(e, target.span)),
            ExprKind::Attribute { value, attr } => {
                let o = self.eval(value)?;
                self.del_attribute(&o, &self.mangle(&attr.name))
                    .map_err(|e| self.err_at(e, target.span))
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(value)?;
                let k = self.eval(index)?;
                self.del_item(&o, &k)
                    .map_err(|e| self.err_at(e, target.span))
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
                Ok(())
            }
            _ => Err(PyErr::new(Exc::SyntaxError, "cannot delete expression")),
        }
    }
}

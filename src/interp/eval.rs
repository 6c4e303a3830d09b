//! Expressions.

use super::Interp;
use crate::object::{Args, Dict, Exc, HashKey, PyErr, PyResult, PySet, ScopeKind, Slice, Value};
use crate::python::ast::{self, BoolOp, CmpOp, Constant, Expr, ExprKind};
use std::rc::Rc;

impl Interp {
    pub(crate) fn eval(&mut self, e: &Expr) -> PyResult<Value> {
        self.eval_inner(e).map_err(|err| self.err_at(err, e.span))
    }

    fn eval_inner(&mut self, e: &Expr) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(&self.mangle(n)),
            ExprKind::Constant(c) => Ok(constant(c)),
            ExprKind::FString(parts) => {
                self.check_stack()?;
                Ok(Value::Str(self.eval_fstring(parts)?.into()))
            }
            ExprKind::List(items) => {
                let v = self.eval_items(items)?;
                Ok(Value::list(v))
            }
            ExprKind::Tuple(items) => {
                let v = self.eval_items(items)?;
                Ok(Value::tuple(v))
            }
            ExprKind::Set(items) => {
                let v = self.eval_items(items)?;
                if items.len() > 2 && items.iter().all(is_constant) {
                    // CPython compiles a display of constants to a frozenset constant merged
                    // into an empty set, which lays the table out differently.
                    let Value::Set(frozen) = self.make_set(v)? else {
                        return Ok(Value::None);
                    };
                    let mut s = PySet::new();
                    s.merge(&frozen.borrow());
                    return Ok(Value::set(s));
                }
                self.make_set(v)
            }
            ExprKind::Dict(entries) => self.eval_dict(entries),
            ExprKind::Starred(_) => Err(PyErr::new(
                Exc::SyntaxError,
                "can't use starred expression here",
            )),
            ExprKind::Attribute { value, attr } => {
                let o = self.eval(value)?;
                self.get_attribute(&o, &self.mangle(&attr.name))
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(value)?;
                let k = self.eval(index)?;
                self.get_item(&o, &k)
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut part = |p: &Option<Box<Expr>>| -> PyResult<Value> {
                    match p {
                        Some(x) => self.eval(x),
                        None => Ok(Value::None),
                    }
                };
                Ok(Value::native(Slice {
                    start: part(lower)?,
                    stop: part(upper)?,
                    step: part(step)?,
                }))
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.check_stack()?;
                self.eval_call(e, func, args, keywords)
            }
            ExprKind::BinOp { left, op, right } => {
                self.check_stack()?;
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                self.binary_op(*op, &l, &r)
            }
            ExprKind::UnaryOp { op, operand } => {
                self.check_stack()?;
                let v = self.eval(operand)?;
                self.unary_op(*op, &v)
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, v) in values.iter().enumerate() {
                    last = self.eval(v)?;
                    if i + 1 == values.len() {
                        break;
                    }
                    let t = self.truth(&last)?;
                    if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                        break;
                    }
                }
                Ok(last)
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.eval_compare(left, ops, comparators),
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test)?;
                if self.truth(&t)? {
                    self.eval(body)
                } else {
                    self.eval(orelse)
                }
            }
            ExprKind::Lambda(def) => self.make_function(def),
            ExprKind::ListComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                let mut out = Vec::new();
                self.comprehension(generators, &mut |interp| {
                    let v = interp.eval(elt)?;
                    out.push(v);
                    interp.check_len(out.len())
                })?;
                if matches!(e.kind, ExprKind::GeneratorExp { .. }) {
                    Ok(super::iter::generator(out))
                } else {
                    Ok(Value::list(out))
                }
            }
            ExprKind::SetComp { elt, generators } => {
                let mut out = PySet::new();
                self.comprehension(generators, &mut |interp| {
                    let v = interp.eval(elt)?;
                    let hk = interp.hash_key(&v)?;
                    out.add(hk, v);
                    interp.check_len(out.len())
                })?;
                Ok(Value::set(out))
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                let mut d = Dict::new();
                self.comprehension(generators, &mut |interp| {
                    let k = interp.eval(key)?;
                    let v = interp.eval(value)?;
                    let hk = interp.hash_key(&k)?;
                    d.insert(hk, k, v);
                    interp.check_len(d.len())
                })?;
                Ok(Value::dict(d))
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(value)?;
                self.store_walrus(&target.name, v.clone());
                Ok(v)
            }
        }
    }

    /// `name := value` binds in the enclosing function even from inside a comprehension.
    fn store_walrus(&mut self, name: &Rc<str>, value: Value) {
        let mut scope = self.frame.scope.clone();
        while scope.kind == ScopeKind::Function
            && scope.locals.as_ref().is_some_and(|l| !l.contains(name))
            && scope.redirects.borrow().is_empty()
        {
            match scope.parent.clone() {
                Some(p) if p.kind != ScopeKind::Class => scope = p,
                _ => break,
            }
        }
        if Rc::ptr_eq(&scope, &self.frame.scope) {
            self.store_name(name, value);
        } else {
            scope.set(name.clone(), value);
        }
    }

    fn eval_items(&mut self, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if let ExprKind::Starred(inner) = &i.kind {
                let v = self.eval(inner)?;
                out.extend(self.collect_iterable(&v)?);
            } else {
                out.push(self.eval(i)?);
            }
            self.check_len(out.len())?;
        }
        Ok(out)
    }

    fn eval_dict(&mut self, entries: &[(Option<Expr>, Expr)]) -> PyResult<Value> {
        let mut d = Dict::new();
        for (k, v) in entries {
            match k {
                Some(k) => {
                    let key = self.eval(k)?;
                    let value = self.eval(v)?;
                    let hk = self.hash_key(&key)?;
                    d.insert(hk, key, value);
                }
                None => {
                    let other = self.eval(v)?;
                    let items = self.mapping_items(&other).map_err(|_| {
                        PyErr::new(
                            Exc::TypeError,
                            format!("'{}' object is not a mapping", other.type_name()),
                        )
                    })?;
                    for (key, value) in items {
                        let hk = self.hash_key(&key)?;
                        d.insert(hk, key, value);
                    }
                }
            }
        }
        Ok(Value::dict(d))
    }

    pub(crate) fn make_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let mut s = PySet::new();
        for v in items {
            let hk = self.hash_key(&v)?;
            s.add(hk, v);
        }
        Ok(Value::set(s))
    }

    /// The dict key of a value, or Python's "unhashable type" TypeError. Instances of classes
    /// that define `__hash__` are keyed by its result; defining `__eq__` without `__hash__`
    /// makes them unhashable, as in Python.
    pub(crate) fn hash_key(&mut self, v: &Value) -> PyResult<HashKey> {
        if let Value::Instance(inst) = v {
            if let Some(h) = inst.class.lookup("__hash__") {
                if h.is_none() {
                    return Err(unhashable(v));
                }
                let r = self.call_value_inner(&h, Args::new(vec![v.clone()]))?;
                return match r {
                    Value::Int(i) => Ok(HashKey::Custom(if i == -1 { -2 } else { i })),
                    Value::Bool(b) => Ok(HashKey::Custom(b as i64)),
                    Value::BigInt(b) => Ok(HashKey::Custom(crate::object::hash::hash_bigint(&b))),
                    _ => Err(PyErr::new(
                        Exc::TypeError,
                        "__hash__ method should return an integer",
                    )),
                };
            }
            if inst.class.lookup("__eq__").is_some() {
                return Err(unhashable(v));
            }
        }
        if let Value::Tuple(items) = v {
            let mut keys = Vec::with_capacity(items.len());
            self.check_stack()?;
            for x in items.iter() {
                keys.push(self.hash_key(x)?);
            }
            return Ok(HashKey::Tuple(keys.into()));
        }
        v.hash_key().ok_or_else(|| unhashable(v))
    }

    /// `(key, value)` pairs of a mapping (for `**kwargs` and `{**d}`).
    pub(crate) fn mapping_items(&mut self, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        match v {
            Value::Dict(d) => Ok(d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()),
            other => {
                let keys = match self.call_method(other, "keys", Args::none()) {
                    Ok(k) => self.collect_iterable(&k)?,
                    Err(_) => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!("'{}' object is not a mapping", other.type_name()),
                        ))
                    }
                };
                let mut out = Vec::with_capacity(keys.len());
                for k in keys {
                    let v = self.get_item(other, &k)?;
                    out.push((k, v));
                }
                Ok(out)
            }
        }
    }

    fn eval_compare(
        &mut self,
        left: &Expr,
        ops: &[CmpOp],
        comparators: &[Expr],
    ) -> PyResult<Value> {
        let mut l = self.eval(left)?;
        let mut result = Value::Bool(true);
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            let r = self.eval(right)?;
            result = self.compare_op(*op, &l, &r)?;
            if i + 1 < ops.len() {
                if !self.truth(&result)? {
                    return Ok(result);
                }
                l = r;
            }
        }
        Ok(result)
    }
}

/// Whether CPython's compiler folds an expression to a constant (literals, signed numbers,
/// tuples of constants).
fn is_constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant(_) => true,
        ExprKind::UnaryOp { op, operand } => {
            *op != ast::UnaryOp::Not
                && matches!(
                    operand.kind,
                    ExprKind::Constant(Constant::Int(_) | Constant::Float(_) | Constant::Bool(_))
                )
        }
        ExprKind::Tuple(items) => items.iter().all(is_constant),
        _ => false,
    }
}

fn unhashable(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("unhashable type: '{}'", v.type_name()),
    )
}

fn constant(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        // The parser checked the digits against the radix.
        Constant::BigInt(digits, radix) => crate::object::BigInt::parse(digits, *radix)
            .map(Value::from_bigint)
            .unwrap_or(Value::Int(0)),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Bytes(b) => Value::Bytes(b.clone()),
        Constant::Ellipsis => super::builtins::ellipsis(),
    }
}

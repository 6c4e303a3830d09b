//! Operators: arithmetic, comparison, truth, containment and subscripts, with Python's
//! rules for mixing types and its error messages. Objects that overload operators (ORM
//! columns build SQL expressions from `==`, `<`, `&`, `|`, `~`) are asked first.

use super::Interp;
use crate::object::{Args, Exc, GenericAlias, HashKey, PyErr, PyResult, Slice, Value};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::cmp::Ordering;
use std::rc::Rc;

impl Interp {
    pub(crate) fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(v) = self.overloaded_binop(op, a, b)? {
            return Ok(v);
        }
        if let Some(v) = self.builtin_binop(op, a, b)? {
            return Ok(v);
        }
        Err(unsupported(op, a, b))
    }

    fn overloaded_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let Value::Native(n) = a {
            if let Some(v) = n.clone().binop(self, a, op, b, false)? {
                return Ok(Some(v));
            }
        }
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup(dunder(op, false)) {
                let r = self.call_value_inner(&m, Args::new(vec![a.clone(), b.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        if let Value::Native(n) = b {
            if let Some(v) = n.clone().binop(self, b, op, a, true)? {
                return Ok(Some(v));
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup(dunder(op, true)) {
                let r = self.call_value_inner(&m, Args::new(vec![b.clone(), a.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    fn builtin_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use Value::*;
        if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
            return int_op(op, x, y).map(Some);
        }
        if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
            return float_op(op, x, y).map(Some);
        }
        Ok(match (op, a, b) {
            (BinOp::Add, Str(x), Str(y)) => {
                self.check_len(x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Some(Value::Str(s.into()))
            }
            (BinOp::Add, Str(_), other) => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "can only concatenate str (not \"{}\") to str",
                        other.type_name()
                    ),
                ))
            }
            (BinOp::Mult, Str(s), n) | (BinOp::Mult, n, Str(s)) if as_int(n).is_some() => {
                let times = as_int(n).unwrap_or(0).max(0) as usize;
                self.check_len(s.len().saturating_mul(times))?;
                Some(Value::Str(s.repeat(times).into()))
            }
            (BinOp::Mod, Str(fmt), args) => {
                Some(Value::Str(self.percent_format(fmt, args)?.into()))
            }
            (BinOp::Add, List(x), List(y)) => {
                let mut items = x.borrow().clone();
                items.extend(y.borrow().iter().cloned());
                self.check_len(items.len())?;
                Some(Value::list(items))
            }
            (BinOp::Add, List(_), other) => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "can only concatenate list (not \"{}\") to list",
                        other.type_name()
                    ),
                ))
            }
            (BinOp::Add, Tuple(x), Tuple(y)) => {
                let mut items = x.to_vec();
                items.extend(y.iter().cloned());
                Some(Value::tuple(items))
            }
            (BinOp::Add, Tuple(_), other) => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "can only concatenate tuple (not \"{}\") to tuple",
                        other.type_name()
                    ),
                ))
            }
            (BinOp::Mult, List(l), n) | (BinOp::Mult, n, List(l)) if as_int(n).is_some() => {
                let times = as_int(n).unwrap_or(0).max(0) as usize;
                let items = l.borrow();
                self.check_len(items.len().saturating_mul(times))?;
                let mut out = Vec::with_capacity(items.len() * times);
                for _ in 0..times {
                    out.extend(items.iter().cloned());
                }
                Some(Value::list(out))
            }
            (BinOp::Mult, Tuple(t), n) | (BinOp::Mult, n, Tuple(t)) if as_int(n).is_some() => {
                let times = as_int(n).unwrap_or(0).max(0) as usize;
                self.check_len(t.len().saturating_mul(times))?;
                let mut out = Vec::with_capacity(t.len() * times);
                for _ in 0..times {
                    out.extend(t.iter().cloned());
                }
                Some(Value::tuple(out))
            }
            (BinOp::BitOr, Dict(x), Dict(y)) => {
                let mut d = x.borrow().clone();
                for (k, v) in y.borrow().items() {
                    let hk = self.hash_key(k)?;
                    d.insert(hk, k.clone(), v.clone());
                }
                Some(Value::dict(d))
            }
            (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Set(x), Set(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                let keep = |d: &crate::object::Dict, k: &Value| {
                    d.contains(&HashKey::of(k).unwrap_or(HashKey::None))
                };
                let mut items: Vec<Value> = match op {
                    BinOp::BitOr => x.keys().chain(y.keys()).cloned().collect(),
                    BinOp::BitAnd => x.keys().filter(|k| keep(&y, k)).cloned().collect(),
                    BinOp::Sub => x.keys().filter(|k| !keep(&y, k)).cloned().collect(),
                    _ => x
                        .keys()
                        .filter(|k| !keep(&y, k))
                        .chain(y.keys().filter(|k| !keep(&x, k)))
                        .cloned()
                        .collect(),
                };
                items.dedup_by(|p, q| HashKey::of(p) == HashKey::of(q));
                drop((x, y));
                Some(self.make_set(items)?)
            }
            (BinOp::BitOr, Class(_) | None | Native(_), Class(_) | None | Native(_)) => {
                Some(union_alias(a, b))
            }
            _ => super::datetime::binop(op, a, b)?,
        })
    }

    pub(crate) fn unary_op(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truth(v)?));
        }
        if let Value::Native(n) = v {
            if let Some(r) = n.clone().unary(self, v, op)? {
                return Ok(r);
            }
        }
        if let Value::Instance(inst) = v {
            let name = match op {
                UnaryOp::USub => "__neg__",
                UnaryOp::UAdd => "__pos__",
                _ => "__invert__",
            };
            if let Some(m) = inst.class.lookup(name) {
                return self.call_value_inner(&m, Args::new(vec![v.clone()]));
            }
        }
        match (op, v) {
            (UnaryOp::USub, Value::Int(i)) => i.checked_neg().map(Value::Int).ok_or_else(overflow),
            (UnaryOp::USub, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnaryOp::USub, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::UAdd, Value::Int(_) | Value::Float(_)) => Ok(v.clone()),
            (UnaryOp::UAdd, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (UnaryOp::USub, Value::TimeDelta(d)) => Ok(Value::TimeDelta(
                crate::object::PyTimeDelta::from_micros(-d.total_micros()),
            )),
            _ => {
                let sym = match op {
                    UnaryOp::USub => "-",
                    UnaryOp::UAdd => "+",
                    _ => "~",
                };
                Err(PyErr::new(
                    Exc::TypeError,
                    format!("bad operand type for unary {sym}: '{}'", v.type_name()),
                ))
            }
        }
    }

    /// One comparison of a chain; returns a value because ORM columns answer `==` with a
    /// SQL expression.
    pub(crate) fn compare_op(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if let Some(v) = self.overloaded_compare(op, a, b)? {
            return Ok(v);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(self.builtin_eq(a, b)?)),
            CmpOp::NotEq => Ok(Value::Bool(!self.builtin_eq(a, b)?)),
            _ => {
                let ord = self.builtin_order(a, b)?.ok_or_else(|| {
                    PyErr::new(
                        Exc::TypeError,
                        format!(
                            "'{}' not supported between instances of '{}' and '{}'",
                            op.symbol(),
                            a.type_name(),
                            b.type_name()
                        ),
                    )
                })?;
                Ok(Value::Bool(match op {
                    CmpOp::Lt => ord == Ordering::Less,
                    CmpOp::LtE => ord != Ordering::Greater,
                    CmpOp::Gt => ord == Ordering::Greater,
                    _ => ord != Ordering::Less,
                }))
            }
        }
    }

    fn overloaded_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let Value::Native(n) = a {
            if let Some(v) = n.clone().compare(self, a, op, b, false)? {
                return Ok(Some(v));
            }
        }
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup(cmp_dunder(op)) {
                let r = self.call_value_inner(&m, Args::new(vec![a.clone(), b.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        if let Value::Native(n) = b {
            if let Some(v) = n.clone().compare(self, b, swap(op), a, true)? {
                return Ok(Some(v));
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup(cmp_dunder(swap(op))) {
                let r = self.call_value_inner(&m, Args::new(vec![b.clone(), a.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// `a == b` for values without an overloaded `__eq__`.
    fn builtin_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        use Value::*;
        if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
            if let (Some(i), Some(j)) = (as_int(a), as_int(b)) {
                return Ok(i == j);
            }
            return Ok(x == y);
        }
        Ok(match (a, b) {
            (None, None) => true,
            (Str(x), Str(y)) => x == y,
            (Bytes(x), Bytes(y)) => x == y,
            (List(x), List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)?
            }
            (Tuple(x), Tuple(y)) => self.seq_eq(x, y)?,
            (Dict(x), Dict(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, v) in x.items() {
                    let Some(w) = HashKey::of(k).and_then(|hk| y.get(&hk).cloned()) else {
                        return Ok(false);
                    };
                    if !self.values_equal(v, &w)? {
                        return Ok(false);
                    }
                }
                true
            }
            (Set(x), Set(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len()
                    && x.keys()
                        .all(|k| HashKey::of(k).is_some_and(|hk| y.contains(&hk)))
            }
            (Date(x), Date(y)) => x == y,
            (DateTime(x), DateTime(y)) => {
                x.offset.is_some() == y.offset.is_some() && x.utc() == y.utc()
            }
            (Time(x), Time(y)) => x == y,
            (TimeDelta(x), TimeDelta(y)) => x == y,
            _ => a.is(b) || (a.identity().is_some() && a.identity() == b.identity()),
        })
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y) {
            if !(p.is(q) || self.values_equal(p, q)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Ordering of built-in values; `None` when Python would raise TypeError.
    fn builtin_order(&mut self, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
        use Value::*;
        if let (Some(i), Some(j)) = (as_int(a), as_int(b)) {
            return Ok(Some(i.cmp(&j)));
        }
        if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
            return Ok(x.partial_cmp(&y));
        }
        Ok(match (a, b) {
            (Str(x), Str(y)) => Some(x.cmp(y)),
            (Bytes(x), Bytes(y)) => Some(x.cmp(y)),
            (List(x), List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_order(&x, &y)?
            }
            (Tuple(x), Tuple(y)) => self.seq_order(x, y)?,
            (Date(x), Date(y)) => Some(x.cmp(y)),
            (DateTime(x), DateTime(y)) => {
                if x.offset.is_some() != y.offset.is_some() {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        "can't compare offset-naive and offset-aware datetimes",
                    ));
                }
                Some(x.utc().cmp(&y.utc()))
            }
            (Time(x), Time(y)) => Some(x.cmp(y)),
            (TimeDelta(x), TimeDelta(y)) => Some(x.cmp(y)),
            _ => Option::None,
        })
    }

    fn seq_order(&mut self, x: &[Value], y: &[Value]) -> PyResult<Option<Ordering>> {
        for (p, q) in x.iter().zip(y) {
            if self.values_equal(p, q)? {
                continue;
            }
            let lt = self.compare_op(CmpOp::Lt, p, q)?;
            return Ok(Some(if self.truth(&lt)? {
                Ordering::Less
            } else {
                Ordering::Greater
            }));
        }
        Ok(Some(x.len().cmp(&y.len())))
    }

    /// `a == b` reduced to a bool.
    pub(crate) fn values_equal(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let r = self.compare_op(CmpOp::Eq, a, b)?;
        self.truth(&r)
    }

    /// `a < b` reduced to a bool (sorting, `min`, `max`).
    pub(crate) fn less_than(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        let r = self.compare_op(CmpOp::Lt, a, b)?;
        self.truth(&r)
    }

    pub(crate) fn truth(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) | Value::Set(d) => !d.borrow().is_empty(),
            Value::TimeDelta(d) => d.total_micros() != 0,
            Value::Native(n) => n.clone().truthy(self)?,
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__bool__") {
                    let r = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    return self.truth(&r);
                }
                if let Some(m) = inst.class.lookup("__len__") {
                    let r = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    return self.truth(&r);
                }
                true
            }
            _ => true,
        })
    }

    /// `item in container`.
    pub(crate) fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "'in <string>' requires string as left operand, not {}",
                        other.type_name()
                    ),
                )),
            },
            Value::Dict(d) | Value::Set(d) => {
                let hk = self.hash_key(item)?;
                Ok(d.borrow().contains(&hk))
            }
            Value::Native(n) => match n.clone().contains(self, container, item) {
                Some(r) => r,
                None => self.contains_by_iteration(container, item),
            },
            Value::Instance(inst) => match inst.class.lookup("__contains__") {
                Some(m) => {
                    let r = self
                        .call_value_inner(&m, Args::new(vec![container.clone(), item.clone()]))?;
                    self.truth(&r)
                }
                None => self.contains_by_iteration(container, item),
            },
            _ => self.contains_by_iteration(container, item),
        }
    }

    fn contains_by_iteration(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let mut it = self.iter_of(container).map_err(|_| {
            PyErr::new(
                Exc::TypeError,
                format!(
                    "argument of type '{}' is not iterable",
                    container.type_name()
                ),
            )
        })?;
        while let Some(x) = self.iter_next(&mut it)? {
            if x.is(item) || self.values_equal(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(crate) fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match obj {
            Value::List(l) => {
                let items = l.borrow();
                index_sequence(&items, key, "list").map(|r| match r {
                    Indexed::One(v) => v,
                    Indexed::Many(vs) => Value::list(vs),
                })
            }
            Value::Tuple(t) => index_sequence(t, key, "tuple").map(|r| match r {
                Indexed::One(v) => v,
                Indexed::Many(vs) => Value::tuple(vs),
            }),
            Value::Str(s) => {
                let chars: Vec<Value> = s
                    .chars()
                    .map(|c| Value::Str(c.to_string().into()))
                    .collect();
                index_sequence(&chars, key, "string").map(|r| match r {
                    Indexed::One(v) => v,
                    Indexed::Many(vs) => Value::Str(
                        vs.iter()
                            .map(|v| match v {
                                Value::Str(s) => s.to_string(),
                                _ => String::new(),
                            })
                            .collect::<String>()
                            .into(),
                    ),
                })
            }
            Value::Dict(d) => {
                let hk = self.hash_key(key)?;
                let found = d.borrow().get(&hk).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => {
                        let r = self.repr_value(key)?;
                        Err(PyErr::new(Exc::KeyError, r))
                    }
                }
            }
            Value::Native(n) => match n.clone().getitem(self, obj, key) {
                Some(r) => r,
                None => Err(not_subscriptable(obj)),
            },
            Value::Instance(inst) => match inst.class.lookup("__getitem__") {
                Some(m) => self.call_value_inner(&m, Args::new(vec![obj.clone(), key.clone()])),
                None => Err(not_subscriptable(obj)),
            },
            Value::Class(c) => {
                let args = match key {
                    Value::Tuple(items) => items.to_vec(),
                    other => vec![other.clone()],
                };
                Ok(Value::native(GenericAlias {
                    origin: c.name.to_string(),
                    module: String::new(),
                    args,
                }))
            }
            _ => Err(not_subscriptable(obj)),
        }
    }

    pub(crate) fn set_item(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                let len = l.borrow().len();
                let i = sequence_index(key, len, "list")?;
                l.borrow_mut()[i] = value;
                Ok(())
            }
            Value::Dict(d) => {
                let hk = self.hash_key(key)?;
                d.borrow_mut().insert(hk, key.clone(), value);
                Ok(())
            }
            Value::Native(n) => match n.clone().setitem(self, obj, key, value) {
                Some(r) => r,
                None => Err(no_item_assignment(obj)),
            },
            Value::Instance(inst) => match inst.class.lookup("__setitem__") {
                Some(m) => self
                    .call_value_inner(&m, Args::new(vec![obj.clone(), key.clone(), value]))
                    .map(|_| ()),
                None => Err(no_item_assignment(obj)),
            },
            _ => Err(no_item_assignment(obj)),
        }
    }

    pub(crate) fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                let len = l.borrow().len();
                let i = sequence_index(key, len, "list")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => {
                let hk = self.hash_key(key)?;
                let removed = d.borrow_mut().remove(&hk);
                match removed {
                    Some(_) => Ok(()),
                    None => {
                        let r = self.repr_value(key)?;
                        Err(PyErr::new(Exc::KeyError, r))
                    }
                }
            }
            Value::Native(n) => match n.clone().delitem(self, obj, key) {
                Some(r) => r,
                None => Err(PyErr::new(
                    Exc::TypeError,
                    format!("'{}' object doesn't support item deletion", obj.type_name()),
                )),
            },
            _ => Err(PyErr::new(
                Exc::TypeError,
                format!("'{}' object doesn't support item deletion", obj.type_name()),
            )),
        }
    }
}

pub(crate) enum Indexed {
    One(Value),
    Many(Vec<Value>),
}

/// `seq[key]` for an int or a slice, with Python's messages (`list index out of range`).
pub(crate) fn index_sequence(items: &[Value], key: &Value, kind: &str) -> PyResult<Indexed> {
    if let Some(s) = key.downcast::<Slice>() {
        let positions = s
            .positions(items.len())
            .map_err(|m| PyErr::new(Exc::ValueError, m))?;
        return Ok(Indexed::Many(
            positions
                .into_iter()
                .filter_map(|i| items.get(i).cloned())
                .collect(),
        ));
    }
    let i = sequence_index(key, items.len(), kind)?;
    Ok(Indexed::One(items[i].clone()))
}

/// A valid position for `seq[key]` (negative counts from the end).
pub(crate) fn sequence_index(key: &Value, len: usize, kind: &str) -> PyResult<usize> {
    let Some(i) = as_int(key) else {
        let what = if kind == "string" { "string" } else { kind };
        return Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{what} indices must be integers{}, not {}",
                if kind == "string" { "" } else { " or slices" },
                key.type_name()
            ),
        ));
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(PyErr::new(
            Exc::IndexError,
            format!("{kind} index out of range"),
        ));
    }
    Ok(idx as usize)
}

pub(crate) fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

pub(crate) fn as_float(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

pub(crate) fn overflow() -> PyErr {
    PyErr::new(
        Exc::OverflowError,
        "integer result too large (the playground's integers are 64-bit)",
    )
}

fn int_op(op: BinOp, x: i64, y: i64) -> PyResult<Value> {
    let zero_div = |m: &str| PyErr::new(Exc::ZeroDivisionError, m.to_string());
    Ok(match op {
        BinOp::Add => Value::Int(x.checked_add(y).ok_or_else(overflow)?),
        BinOp::Sub => Value::Int(x.checked_sub(y).ok_or_else(overflow)?),
        BinOp::Mult => Value::Int(x.checked_mul(y).ok_or_else(overflow)?),
        BinOp::Div => {
            if y == 0 {
                return Err(zero_div("division by zero"));
            }
            Value::Float(x as f64 / y as f64)
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            if x == i64::MIN && y == -1 {
                return Err(overflow());
            }
            Value::Int(floor_div(x, y))
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(zero_div("integer modulo by zero"));
            }
            if y == -1 {
                return Ok(Value::Int(0));
            }
            Value::Int(x - floor_div(x, y) * y)
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(zero_div("0.0 cannot be raised to a negative power"));
                }
                Value::Float((x as f64).powf(y as f64))
            } else {
                let e = u32::try_from(y).map_err(|_| overflow())?;
                Value::Int(x.checked_pow(e).ok_or_else(overflow)?)
            }
        }
        BinOp::LShift => {
            if y < 0 {
                return Err(PyErr::new(Exc::ValueError, "negative shift count"));
            }
            let r = if y >= 63 {
                None
            } else {
                x.checked_mul(1i64 << y)
            };
            Value::Int(r.ok_or_else(overflow)?)
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(PyErr::new(Exc::ValueError, "negative shift count"));
            }
            Value::Int(x >> y.min(63))
        }
        BinOp::BitAnd => Value::Int(x & y),
        BinOp::BitOr => Value::Int(x | y),
        BinOp::BitXor => Value::Int(x ^ y),
        BinOp::MatMult => {
            return Err(PyErr::new(
                Exc::TypeError,
                "unsupported operand type(s) for @: 'int' and 'int'",
            ))
        }
    })
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x.wrapping_div(y);
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

fn float_op(op: BinOp, x: f64, y: f64) -> PyResult<Value> {
    let zero_div = |m: &str| PyErr::new(Exc::ZeroDivisionError, m.to_string());
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            (x / y).floor()
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(zero_div("float modulo"));
            }
            let r = x % y;
            if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
                r + y
            } else {
                r
            }
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            x.powf(y)
        }
        _ => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                ),
            ))
        }
    }))
}

fn union_alias(a: &Value, b: &Value) -> Value {
    let mut args = Vec::new();
    for v in [a, b] {
        match v.downcast::<GenericAlias>() {
            Some(g) if g.origin == "Union" => args.extend(g.args.iter().cloned()),
            _ => args.push(v.clone()),
        }
    }
    Value::native(GenericAlias {
        origin: "Union".into(),
        module: "typing".into(),
        args,
    })
}

fn unsupported(op: BinOp, a: &Value, b: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        ),
    )
}

fn not_subscriptable(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("'{}' object is not subscriptable", v.type_name()),
    )
}

fn no_item_assignment(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!(
            "'{}' object does not support item assignment",
            v.type_name()
        ),
    )
}

fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.type_name() == "NotImplementedType")
}

fn swap(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::LtE => CmpOp::GtE,
        CmpOp::GtE => CmpOp::LtE,
        other => other,
    }
}

fn cmp_dunder(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "__eq__",
        CmpOp::NotEq => "__ne__",
        CmpOp::Lt => "__lt__",
        CmpOp::LtE => "__le__",
        CmpOp::Gt => "__gt__",
        _ => "__ge__",
    }
}

fn dunder(op: BinOp, reflected: bool) -> &'static str {
    let (normal, refl) = match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
    };
    if reflected {
        refl
    } else {
        normal
    }
}

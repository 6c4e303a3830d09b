//! Comparisons (`==`, `<`, ..., `is`, `in`) and truth values, with CPython's rules for
//! mixing types (numbers compare exactly across int and float) and its messages.

use super::super::Interp;
use super::num::{int_ref, IntRef};
use super::{is_not_implemented, set_ref, tp_name};
use crate::object::{Args, BigInt, Exc, HashKey, PyErr, PyResult, Value};
use crate::python::ast::CmpOp;
use std::cmp::Ordering;
use std::rc::Rc;

impl Interp {
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
        self.check_stack()?;
        if let Some(v) = self.overloaded_compare(op, a, b)? {
            return Ok(v);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(self.builtin_eq(a, b)?)),
            CmpOp::NotEq => Ok(Value::Bool(!self.builtin_eq(a, b)?)),
            _ => {
                let ord = self.builtin_order(op, a, b)?.ok_or_else(|| {
                    let msg = match (a, b) {
                        (Value::DateTime(_), Value::Date(_))
                        | (Value::Date(_), Value::DateTime(_)) => {
                            format!("can't compare {} to {}", tp_name(a), tp_name(b))
                        }
                        _ => format!(
                            "'{}' not supported between instances of '{}' and '{}'",
                            op.symbol(),
                            tp_name(a),
                            tp_name(b)
                        ),
                    };
                    PyErr::new(Exc::TypeError, msg)
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
            } else if op == CmpOp::NotEq {
                if let Some(m) = inst.class.lookup("__eq__") {
                    let r = self.call_value_inner(&m, Args::new(vec![a.clone(), b.clone()]))?;
                    if !is_not_implemented(&r) {
                        return Ok(Some(Value::Bool(!self.truth(&r)?)));
                    }
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
        if let Some(ord) = number_order(a, b) {
            return Ok(ord == Some(Ordering::Equal));
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
                    if !(v.same_object(&w) || self.values_equal(v, &w)?) {
                        return Ok(false);
                    }
                }
                true
            }
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => match (set_ref(a), set_ref(b)) {
                (Some(x), Some(y)) => x.len() == y.len() && x.is_subset(&y),
                _ => false,
            },
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
            if !(p.same_object(q) || self.values_equal(p, q)?) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Ordering of built-in values; `None` when Python would raise TypeError.
    fn builtin_order(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<Ordering>> {
        use Value::*;
        if let Some(ord) = number_order(a, b) {
            // NaN compares false both ways: make every ordering test fail.
            return Ok(Some(ord.unwrap_or(match op {
                CmpOp::Lt | CmpOp::LtE => Ordering::Greater,
                _ => Ordering::Less,
            })));
        }
        Ok(match (a, b) {
            (Str(x), Str(y)) => Some(x.cmp(y)),
            (Bytes(x), Bytes(y)) => Some(x.cmp(y)),
            (List(x), List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_order(op, &x, &y)?
            }
            (Tuple(x), Tuple(y)) => self.seq_order(op, x, y)?,
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                let (Some(x), Some(y)) = (set_ref(a), set_ref(b)) else {
                    return Ok(Option::None);
                };
                let sub = x.is_subset(&y);
                let sup = y.is_subset(&x);
                // Subset order: the answers of <, <=, >, >= (not a total order).
                let holds = match op {
                    CmpOp::Lt => sub && x.len() < y.len(),
                    CmpOp::LtE => sub,
                    CmpOp::Gt => sup && x.len() > y.len(),
                    _ => sup,
                };
                Some(match (op, holds) {
                    (CmpOp::Lt, true) | (CmpOp::LtE, true) => Ordering::Less,
                    (CmpOp::Gt, true) | (CmpOp::GtE, true) => Ordering::Greater,
                    (CmpOp::Lt | CmpOp::LtE, false) => Ordering::Greater,
                    _ => Ordering::Less,
                })
            }
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

    fn seq_order(&mut self, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<Option<Ordering>> {
        for (p, q) in x.iter().zip(y) {
            if p.same_object(q) || self.values_equal(p, q)? {
                continue;
            }
            let r = self.compare_op(op, p, q)?;
            let holds = self.truth(&r)?;
            return Ok(Some(match (op, holds) {
                (CmpOp::Lt | CmpOp::LtE, true) | (CmpOp::Gt | CmpOp::GtE, false) => Ordering::Less,
                _ => Ordering::Greater,
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
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::FrozenSet(s) => !s.is_empty(),
            Value::TimeDelta(d) => d.total_micros() != 0,
            Value::Native(n) => n.clone().truthy(self)?,
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__bool__") {
                    let r = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        other => Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "__bool__ should return bool, returned {}",
                                other.type_name()
                            ),
                        )),
                    };
                }
                if inst.class.lookup("__len__").is_some() {
                    return Ok(self.length(v)? != 0);
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
                        tp_name(other)
                    ),
                )),
            },
            Value::Dict(d) => {
                let hk = self.hash_key(item)?;
                Ok(d.borrow().contains(&hk))
            }
            Value::Set(_) | Value::FrozenSet(_) => {
                let hk = self.hash_key(item)?;
                Ok(set_ref(container).is_some_and(|s| s.contains(&hk)))
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
            Value::Class(c) => match c
                .hooks
                .clone()
                .and_then(|h| h.class_contains(self, c, item))
            {
                Some(r) => r,
                None => self.contains_by_iteration(container, item),
            },
            _ => self.contains_by_iteration(container, item),
        }
    }

    fn contains_by_iteration(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let mut it = self.iter_of(container).map_err(|e| {
            if e.is(Exc::TypeError) {
                PyErr::new(
                    Exc::TypeError,
                    format!("argument of type '{}' is not iterable", tp_name(container)),
                )
            } else {
                e
            }
        })?;
        while let Some(x) = self.iter_next(&mut it)? {
            self.step()?;
            if x.same_object(item) || self.values_equal(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Exact ordering of two numbers (`None` inside: a NaN is involved); `None` outside: not
/// both numbers.
fn number_order(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    match (int_ref(a), int_ref(b), a, b) {
        (Some(x), Some(y), _, _) => Some(Some(int_cmp(&x, &y))),
        (Some(x), None, _, Value::Float(f)) => Some(int_float_cmp(&x, *f)),
        (None, Some(y), Value::Float(f), _) => Some(int_float_cmp(&y, *f).map(Ordering::reverse)),
        (None, None, Value::Float(x), Value::Float(y)) => Some(x.partial_cmp(y)),
        _ => None,
    }
}

fn int_cmp(x: &IntRef, y: &IntRef) -> Ordering {
    match (x, y) {
        (IntRef::Small(a), IntRef::Small(b)) => a.cmp(b),
        (IntRef::Small(a), IntRef::Big(b)) => BigInt::from_i64(*a).cmp(b),
        (IntRef::Big(a), IntRef::Small(b)) => (*a).cmp(&BigInt::from_i64(*b)),
        (IntRef::Big(a), IntRef::Big(b)) => a.cmp(b),
    }
}

/// `int <=> float` without rounding the int.
fn int_float_cmp(x: &IntRef, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let IntRef::Small(a) = x {
        if a.unsigned_abs() < 1 << 53 {
            return (*a as f64).partial_cmp(&f);
        }
    }
    let floor = BigInt::from_f64(f.floor())?;
    let xi = match x {
        IntRef::Small(a) => BigInt::from_i64(*a),
        IntRef::Big(b) => (*b).clone(),
    };
    Some(match xi.cmp(&floor) {
        Ordering::Equal if f.fract() != 0.0 => Ordering::Less,
        ord => ord,
    })
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

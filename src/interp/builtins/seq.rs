//! Builtins over iterables: `len`, `sorted`, `reversed`, `enumerate`, `zip`, `map`,
//! `filter`, `sum`, `min`, `max`, `any`, `all`, `iter`, `next`.

use super::super::iter::{iterator, live, Iter};
use super::super::methods::sort_values;
use super::super::ops::{as_int, tp_name};
use super::super::Interp;
use super::{arg, exactly_one};
use crate::object::{Args, Exc, PyErr, PyResult, Value};
use crate::python::ast::{BinOp, CmpOp};

impl Interp {
    /// `len(v)`, validating what `__len__` returns as CPython does.
    pub(crate) fn length(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => {
                if s.is_ascii() {
                    s.len()
                } else {
                    s.chars().count()
                }
            }
            Value::Bytes(b) => b.len(),
            Value::List(l) => l.borrow().len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.borrow().len(),
            Value::Set(s) => s.borrow().len(),
            Value::FrozenSet(s) => s.len(),
            Value::Native(n) => match n.clone().len(self) {
                Some(r) => r?,
                None => return Err(no_len(v)),
            },
            Value::Class(c) => match c.hooks.as_ref().and_then(|h| h.class_len(c)) {
                Some(n) => n,
                None => return Err(no_len(v)),
            },
            Value::Instance(inst) => match inst.class.lookup("__len__") {
                Some(m) => {
                    let r = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    match (as_int(&r), &r) {
                        (Some(n), _) if n >= 0 => n as usize,
                        (Some(_), _) => {
                            return Err(PyErr::new(Exc::ValueError, "__len__() should return >= 0"))
                        }
                        (None, Value::BigInt(_)) => {
                            return Err(PyErr::new(
                                Exc::OverflowError,
                                "cannot fit 'int' into an index-sized integer",
                            ))
                        }
                        (None, other) => {
                            return Err(PyErr::new(
                                Exc::TypeError,
                                format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    other.type_name()
                                ),
                            ))
                        }
                    }
                }
                None => return Err(no_len(v)),
            },
            _ => return Err(no_len(v)),
        })
    }

    /// `iter(v)`: an iterator object.
    pub(crate) fn make_iterator(&mut self, v: &Value) -> PyResult<Value> {
        let kind = match v {
            Value::List(_) => "list_iterator",
            Value::Tuple(_) => "tuple_iterator",
            Value::Str(s) if s.is_ascii() => "str_ascii_iterator",
            Value::Str(_) => "str_iterator",
            Value::Bytes(_) => "bytes_iterator",
            Value::Dict(_) => "dict_keyiterator",
            Value::Set(_) | Value::FrozenSet(_) => "set_iterator",
            Value::Native(n) => {
                if let Some(it) = n.clone().iter(self, v) {
                    return it;
                }
                "iterator"
            }
            Value::Instance(inst) if inst.class.lookup("__iter__").is_some() => {
                let m = inst.class.lookup("__iter__").unwrap_or(Value::None);
                return self.call_value_inner(&m, Args::new(vec![v.clone()]));
            }
            _ => "iterator",
        };
        let state = self.iter_of(v)?;
        Ok(live(kind, state))
    }
}

fn no_len(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("object of type '{}' has no len()", tp_name(v)),
    )
}

pub(super) fn b_len(i: &mut Interp, a: Args) -> PyResult<Value> {
    let v = exactly_one(&a, "len")?;
    Ok(Value::Int(i.length(&v)? as i64))
}

pub(super) fn b_sorted(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let key = a.take_kw("key");
    let reverse = match a.take_kw("reverse") {
        Some(v) => i.truth(&v)?,
        None => false,
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("'{k}' is an invalid keyword argument for sort()"),
        ));
    }
    if a.pos.len() != 1 {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("sorted expected 1 argument, got {}", a.pos.len()),
        ));
    }
    if let Some(k) = &key {
        if !k.is_none() && !super::is_callable(k) {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("'{}' object is not callable", k.type_name()),
            ));
        }
    }
    let items = i.collect_iterable(&a.pos[0])?;
    Ok(Value::list(sort_values(i, items, key.as_ref(), reverse)?))
}

pub(super) fn b_reversed(i: &mut Interp, a: Args) -> PyResult<Value> {
    let v = exactly_one(&a, "reversed")?;
    let (kind, mut items) = match &v {
        Value::List(l) => ("list_reverseiterator", l.borrow().clone()),
        Value::Tuple(_) | Value::Str(_) => ("reversed", i.collect_iterable(&v)?),
        Value::Dict(d) => (
            "dict_reversekeyiterator",
            d.borrow().keys().cloned().collect(),
        ),
        Value::Native(n) if n.type_name() == "range" => ("range_iterator", i.collect_iterable(&v)?),
        Value::Native(n) if n.type_name().starts_with("dict_") => {
            ("reversed", i.collect_iterable(&v)?)
        }
        // ORM sequences: anything native with a length that iterates (InstrumentedList, Row).
        Value::Native(n) if n.clone().len(i).is_some() => ("reversed", i.collect_iterable(&v)?),
        Value::Instance(inst) if inst.class.lookup("__reversed__").is_some() => {
            let m = inst.class.lookup("__reversed__").unwrap_or(Value::None);
            return i.call_value_inner(&m, Args::new(vec![v.clone()]));
        }
        Value::Instance(inst)
            if inst.class.lookup("__len__").is_some()
                && inst.class.lookup("__getitem__").is_some() =>
        {
            ("reversed", i.collect_iterable(&v)?)
        }
        other => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("'{}' object is not reversible", tp_name(other)),
            ))
        }
    };
    items.reverse();
    Ok(iterator(kind, items))
}

pub(super) fn b_enumerate(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let v = a.take(0, "iterable").ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            "enumerate() missing required argument 'iterable'",
        )
    })?;
    let start = match a.take(1, "start") {
        Some(s) => as_int(&s).ok_or_else(|| {
            PyErr::new(
                Exc::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    s.type_name()
                ),
            )
        })?,
        None => 0,
    };
    let it = i.iter_of(&v)?;
    Ok(live("enumerate", Iter::Enumerate(Box::new(it), start)))
}

pub(super) fn b_zip(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let strict = a.take_kw("strict");
    if strict.is_some_and(|s| !matches!(s, Value::Bool(false) | Value::None)) {
        return Err(PyErr::new(
            Exc::TypeError,
            "zip(strict=True) is not supported in the playground",
        ));
    }
    let mut iters = Vec::with_capacity(a.pos.len());
    for v in &a.pos {
        iters.push(i.iter_of(v)?);
    }
    Ok(live("zip", Iter::Zip(iters)))
}

pub(super) fn b_map(i: &mut Interp, a: Args) -> PyResult<Value> {
    if a.pos.len() < 2 {
        return Err(PyErr::new(
            Exc::TypeError,
            "map() must have at least two arguments.",
        ));
    }
    let mut iters = Vec::with_capacity(a.pos.len() - 1);
    for v in &a.pos[1..] {
        iters.push(i.iter_of(v)?);
    }
    Ok(live("map", Iter::Map(a.pos[0].clone(), iters)))
}

pub(super) fn b_filter(i: &mut Interp, a: Args) -> PyResult<Value> {
    if a.pos.len() != 2 {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("filter expected 2 arguments, got {}", a.pos.len()),
        ));
    }
    let it = i.iter_of(&a.pos[1])?;
    Ok(live("filter", Iter::Filter(a.pos[0].clone(), Box::new(it))))
}

pub(super) fn b_sum(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let v = arg(&a, 0, "sum")?;
    let mut total = a.take(1, "start").unwrap_or(Value::Int(0));
    match &total {
        Value::Str(_) => {
            return Err(PyErr::new(
                Exc::TypeError,
                "sum() can't sum strings [use ''.join(seq) instead]",
            ))
        }
        Value::Bytes(_) => {
            return Err(PyErr::new(
                Exc::TypeError,
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ))
        }
        _ => {}
    }
    let mut it = i.iter_of(&v)?;
    while let Some(x) = i.iter_next(&mut it)? {
        i.step()?;
        total = i.binary_op(BinOp::Add, &total, &x)?;
    }
    Ok(total)
}

pub(super) fn b_minmax(i: &mut Interp, mut a: Args, name: &str) -> PyResult<Value> {
    let key = a.take_kw("key");
    let default = a.take_kw("default");
    if let Some((k, _)) = a.kw.first() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("'{k}' is an invalid keyword argument for {name}()"),
        ));
    }
    let items = match a.pos.len() {
        0 => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("{name} expected at least 1 argument, got 0"),
            ))
        }
        1 => i.collect_iterable(&a.pos[0])?,
        _ => {
            if default.is_some() {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "Cannot specify a default for {name}() with multiple positional arguments"
                    ),
                ));
            }
            a.pos.clone()
        }
    };
    let op = if name == "max" { CmpOp::Gt } else { CmpOp::Lt };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        i.step()?;
        let k = match &key {
            Some(f) if !f.is_none() => i.call_value_inner(f, Args::new(vec![x.clone()]))?,
            _ => x.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                let r = i.compare_op(op, &k, bk)?;
                i.truth(&r)?
            }
        };
        if better {
            best = Some((k, x));
        }
    }
    match (best, default) {
        (Some((_, x)), _) => Ok(x),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(PyErr::new(
            Exc::ValueError,
            format!("{name}() arg is an empty sequence"),
        )),
    }
}

pub(super) fn b_any_all(i: &mut Interp, a: Args, want: bool) -> PyResult<Value> {
    let v = exactly_one(&a, if want { "any" } else { "all" })?;
    let mut it = i.iter_of(&v)?;
    while let Some(x) = i.iter_next(&mut it)? {
        i.step()?;
        if i.truth(&x)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

pub(super) fn b_next(i: &mut Interp, a: Args) -> PyResult<Value> {
    let it = arg(&a, 0, "next")?;
    let not_iterator = || {
        PyErr::new(
            Exc::TypeError,
            format!("'{}' object is not an iterator", tp_name(&it)),
        )
    };
    let item = match &it {
        Value::Native(n) => match n.clone().next(i) {
            Some(r) => r?,
            None => return Err(not_iterator()),
        },
        Value::Instance(inst) if inst.class.lookup("__next__").is_some() => i.next_of(&it)?,
        _ => return Err(not_iterator()),
    };
    match item {
        Some(v) => Ok(v),
        None => match a.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::new(Exc::StopIteration, "")),
        },
    }
}

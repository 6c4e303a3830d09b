//! `+`, `*` and `%` on sequences (str, bytes, list, tuple), `|` on dicts and the set
//! operators, with CPython's messages for mismatched operands.

use super::super::Interp;
use super::num::int_ref;
use super::{set_algebra, set_ref, tp_name};
use crate::object::{Exc, PyErr, PyResult, Value};
use crate::python::ast::BinOp;

fn concat_error(kind: &str, other: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!(
            "can only concatenate {kind} (not \"{}\") to {kind}",
            tp_name(other)
        ),
    )
}

impl Interp {
    /// How many times a sequence is repeated by `seq * n` (`None`: `n` is not an int).
    fn repeat_count(&self, n: &Value, item_len: usize) -> PyResult<Option<usize>> {
        let Some(i) = int_ref(n) else {
            if matches!(
                n,
                Value::Float(_) | Value::Str(_) | Value::List(_) | Value::Tuple(_)
            ) {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "can't multiply sequence by non-int of type '{}'",
                        tp_name(n)
                    ),
                ));
            }
            return Ok(None);
        };
        let times = match i {
            super::num::IntRef::Small(t) => t.max(0) as u64,
            super::num::IntRef::Big(b) if b.is_negative() => 0,
            super::num::IntRef::Big(_) => {
                return Err(PyErr::new(
                    Exc::OverflowError,
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
        };
        let total = (item_len as u64).saturating_mul(times);
        self.check_len(usize::try_from(total).unwrap_or(usize::MAX))?;
        Ok(Some(times as usize))
    }

    /// Sequence, mapping and set operators; `Ok(None)` when they do not apply.
    pub(crate) fn sequence_binop(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Value>> {
        use Value::*;
        Ok(Some(match (op, a, b) {
            (BinOp::Add, Str(x), Str(y)) => {
                self.check_len(x.len() + y.len())?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Value::Str(s.into())
            }
            (BinOp::Add, Str(_), other) => return Err(concat_error("str", other)),
            (BinOp::Add, Bytes(x), Bytes(y)) => {
                self.check_len(x.len() + y.len())?;
                Value::Bytes([&x[..], &y[..]].concat().into())
            }
            (BinOp::Add, List(x), List(y)) => {
                let mut items = x.borrow().clone();
                items.extend(y.borrow().iter().cloned());
                self.check_len(items.len())?;
                Value::list(items)
            }
            (BinOp::Add, List(_), other) => return Err(concat_error("list", other)),
            (BinOp::Add, Tuple(x), Tuple(y)) => {
                self.check_len(x.len() + y.len())?;
                let mut items = x.to_vec();
                items.extend(y.iter().cloned());
                Value::tuple(items)
            }
            (BinOp::Add, Tuple(_), other) => return Err(concat_error("tuple", other)),
            (BinOp::Mult, Str(s), n) | (BinOp::Mult, n, Str(s)) => {
                match self.repeat_count(n, s.len())? {
                    Some(times) => Value::Str(s.repeat(times).into()),
                    Option::None => return Ok(Option::None),
                }
            }
            (BinOp::Mult, Bytes(s), n) | (BinOp::Mult, n, Bytes(s)) => {
                match self.repeat_count(n, s.len())? {
                    Some(times) => Value::Bytes(s.repeat(times).into()),
                    Option::None => return Ok(Option::None),
                }
            }
            (BinOp::Mult, List(l), n) | (BinOp::Mult, n, List(l)) => {
                let items = l.borrow().clone();
                match self.repeat_count(n, items.len())? {
                    Some(times) => Value::list(repeat(&items, times)),
                    Option::None => return Ok(Option::None),
                }
            }
            (BinOp::Mult, Tuple(t), n) | (BinOp::Mult, n, Tuple(t)) => {
                match self.repeat_count(n, t.len())? {
                    Some(times) => Value::tuple(repeat(t, times)),
                    Option::None => return Ok(Option::None),
                }
            }
            (BinOp::Mod, Str(fmt), args) => Value::Str(self.percent_format(fmt, args)?.into()),
            (BinOp::BitOr, Dict(x), Dict(y)) => {
                let mut d = x.borrow().clone();
                let items: Vec<(Value, Value)> = y
                    .borrow()
                    .items()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in items {
                    let hk = self.hash_key(&k)?;
                    d.insert(hk, k, v);
                }
                Value::dict(d)
            }
            _ => {
                let (Some(x), Some(y)) = (set_ref(a), set_ref(b)) else {
                    return Ok(Option::None);
                };
                let Some(result) = set_algebra(op, &x, &y) else {
                    return Ok(Option::None);
                };
                if matches!(a, FrozenSet(_)) {
                    Value::FrozenSet(std::rc::Rc::new(result))
                } else {
                    Value::set(result)
                }
            }
        }))
    }
}

fn repeat(items: &[Value], times: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * times);
    for _ in 0..times {
        out.extend(items.iter().cloned());
    }
    out
}

//! Methods of `set` and `frozenset`, building results the way CPython does (so they print
//! in CPython's order).

use super::{no_args, one_arg};
use crate::interp::ops::set_ref;
use crate::interp::Interp;
use crate::object::{Args, Exc, HashKey, PyErr, PyResult, PySet, Value};
use std::rc::Rc;

pub(super) const METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "update",
    "intersection_update",
    "difference_update",
    "symmetric_difference_update",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "copy",
];

pub(super) const FROZEN_METHODS: &[&str] = &[
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "copy",
];

impl Interp {
    /// The items of an iterable as a set, built as `set(iterable)` builds it.
    pub(crate) fn set_from(&mut self, v: &Value) -> PyResult<PySet> {
        if let Some(s) = set_ref(v) {
            return Ok(s.copy());
        }
        let mut out = PySet::new();
        if let Value::Dict(d) = v {
            let keys: Vec<(HashKey, Value)> = d
                .borrow()
                .hashed_keys()
                .map(|(h, k)| (h.clone(), k.clone()))
                .collect();
            out.merge_keys(keys.iter().map(|(h, k)| (h, k)));
            return Ok(out);
        }
        let mut it = self.iter_of(v)?;
        while let Some(x) = self.iter_next(&mut it)? {
            let hk = self.hash_key(&x)?;
            out.add(hk, x);
            if out.len() & 0xfff == 0 {
                self.check_len(out.len())?;
                self.step()?;
            }
        }
        Ok(out)
    }

    fn hashed_items(&mut self, v: &Value) -> PyResult<Vec<(HashKey, Value)>> {
        let mut out = Vec::new();
        for x in self.collect_iterable(v)? {
            out.push((self.hash_key(&x)?, x));
        }
        Ok(out)
    }
}

fn wrap(frozen: bool, s: PySet) -> Value {
    if frozen {
        Value::FrozenSet(Rc::new(s))
    } else {
        Value::set(s)
    }
}

pub(super) fn call(i: &mut Interp, this: &Value, name: &str, args: &mut Args) -> PyResult<Value> {
    let frozen = matches!(this, Value::FrozenSet(_));
    let qual = format!("{}.{name}", this.type_name());
    let current = || set_ref(this).map(|s| s.copy()).unwrap_or_default();
    let mutable = match this {
        Value::Set(s) => Some(s.clone()),
        _ => None,
    };
    match (name, mutable) {
        ("add", Some(s)) => {
            let x = one_arg(args, &qual)?;
            let hk = i.hash_key(&x)?;
            s.borrow_mut().add(hk, x);
            i.check_len(s.borrow().len())?;
            Ok(Value::None)
        }
        ("remove" | "discard", Some(s)) => {
            let x = one_arg(args, &qual)?;
            let hk = i.hash_key(&x)?;
            let removed = s.borrow_mut().discard(&hk);
            if removed.is_none() && name == "remove" {
                return Err(i.key_error(&x)?);
            }
            Ok(Value::None)
        }
        ("pop", Some(s)) => {
            no_args(args, &qual)?;
            let popped = s.borrow_mut().pop();
            popped.ok_or_else(|| {
                PyErr::with_args(
                    Exc::KeyError,
                    vec![Value::str("pop from an empty set")],
                    "'pop from an empty set'",
                )
            })
        }
        ("clear", Some(s)) => {
            no_args(args, &qual)?;
            let old = std::mem::take(&mut *s.borrow_mut());
            drop(old);
            Ok(Value::None)
        }
        ("update", Some(s)) => {
            for other in std::mem::take(&mut args.pos) {
                let o = i.set_from(&other)?;
                s.borrow_mut().merge(&o);
                i.check_len(s.borrow().len())?;
            }
            Ok(Value::None)
        }
        ("intersection_update" | "difference_update" | "symmetric_difference_update", Some(s)) => {
            for other in std::mem::take(&mut args.pos) {
                let o = i.set_from(&other)?;
                let mut mine = s.borrow_mut();
                match name {
                    "intersection_update" => *mine = PySet::intersection(&mine, &o),
                    "difference_update" => mine.difference_update(&o),
                    _ => mine.symmetric_difference_update(&o),
                }
            }
            Ok(Value::None)
        }
        ("union", _) => {
            let mut r = current();
            for other in std::mem::take(&mut args.pos) {
                let o = i.set_from(&other)?;
                r.merge(&o);
                i.check_len(r.len())?;
            }
            Ok(wrap(frozen, r))
        }
        ("intersection", _) => {
            let mut r = current();
            for other in std::mem::take(&mut args.pos) {
                r = match set_ref(&other) {
                    Some(o) => PySet::intersection(&r, &o),
                    None => {
                        let items = i.hashed_items(&other)?;
                        r.intersection_with(items)
                    }
                };
            }
            Ok(wrap(frozen, r))
        }
        ("difference", _) => {
            let mut r = current();
            for (n, other) in std::mem::take(&mut args.pos).into_iter().enumerate() {
                let o = i.set_from(&other)?;
                if n == 0 {
                    r = PySet::difference(&r, &o);
                } else {
                    r.difference_update(&o);
                }
            }
            Ok(wrap(frozen, r))
        }
        ("symmetric_difference", _) => {
            let other = one_arg(args, &qual)?;
            let o = i.set_from(&other)?;
            Ok(wrap(frozen, PySet::symmetric_difference(&current(), &o)))
        }
        ("issubset" | "issuperset" | "isdisjoint", _) => {
            let other = one_arg(args, &qual)?;
            let o = i.set_from(&other)?;
            let mine = current();
            Ok(Value::Bool(match name {
                "issubset" => mine.is_subset(&o),
                "issuperset" => o.is_subset(&mine),
                _ => PySet::intersection(&mine, &o).is_empty(),
            }))
        }
        ("copy", _) => {
            no_args(args, &qual)?;
            Ok(match this {
                Value::FrozenSet(_) => this.clone(),
                _ => wrap(false, current()),
            })
        }
        _ => Err(crate::interp::attr::no_attribute(&this.type_name(), name)),
    }
}

//! Subscripts: `x[i]`, `x[a:b:c]`, item assignment and deletion for the built-in
//! containers, objects with `__getitem__`/`__setitem__`/`__delitem__`, and classes.

use super::super::Interp;
use super::num::as_int;
use crate::object::{Args, Exc, GenericAlias, PyErr, PyResult, Slice, Value};

impl Interp {
    /// An index given as an object with `__index__`, converted to an int.
    fn index_value(&mut self, key: &Value) -> PyResult<Value> {
        if let Value::Instance(inst) = key {
            if let Some(m) = inst.class.lookup("__index__") {
                return self.call_value_inner(&m, Args::new(vec![key.clone()]));
            }
        }
        Ok(key.clone())
    }

    pub(crate) fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        let key = &self.index_value(key)?;
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
            Value::Str(s) => index_str(s, key),
            Value::Bytes(b) => {
                let items: Vec<Value> = b.iter().map(|x| Value::Int(*x as i64)).collect();
                index_sequence(&items, key, "index").map(|r| match r {
                    Indexed::One(v) => v,
                    Indexed::Many(vs) => Value::Bytes(
                        vs.iter()
                            .map(|v| as_int(v).unwrap_or(0) as u8)
                            .collect::<Vec<u8>>()
                            .into(),
                    ),
                })
            }
            Value::Dict(d) => {
                let hk = self.hash_key(key)?;
                let found = d.borrow().get(&hk).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(key)?),
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
                if let Some(r) = c.hooks.clone().and_then(|h| h.class_getitem(self, c, key)) {
                    return r;
                }
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

    /// `KeyError(key)`: its message is the repr of the key.
    pub(crate) fn key_error(&mut self, key: &Value) -> PyResult<PyErr> {
        let r = self.repr_value(key)?;
        Ok(PyErr::with_args(Exc::KeyError, vec![key.clone()], r))
    }

    pub(crate) fn set_item(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        let key = &self.index_value(key)?;
        match obj {
            Value::List(l) => {
                if let Some(s) = key.downcast::<Slice>() {
                    let items = self
                        .collect_iterable(&value)
                        .map_err(|_| PyErr::new(Exc::TypeError, "can only assign an iterable"))?;
                    let len = l.borrow().len();
                    let (start, stop, step) = s.indices(len).map_err(slice_error)?;
                    if step == 1 {
                        let stop = stop.max(start) as usize;
                        self.check_len(len - (stop - start as usize) + items.len())?;
                        l.borrow_mut().splice(start as usize..stop, items);
                        return Ok(());
                    }
                    let positions = s.positions(len).map_err(slice_error)?;
                    if positions.len() != items.len() {
                        return Err(PyErr::new(
                            Exc::ValueError,
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                items.len(),
                                positions.len()
                            ),
                        ));
                    }
                    let mut list = l.borrow_mut();
                    for (p, v) in positions.into_iter().zip(items) {
                        if let Some(slot) = list.get_mut(p) {
                            *slot = v;
                        }
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = sequence_index(key, len, "list assignment")?;
                if let Some(slot) = l.borrow_mut().get_mut(i) {
                    *slot = value;
                }
                Ok(())
            }
            Value::Dict(d) => {
                let hk = self.hash_key(key)?;
                d.borrow_mut().insert(hk, key.clone(), value);
                self.check_len(d.borrow().len())
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
        let key = &self.index_value(key)?;
        match obj {
            Value::List(l) => {
                let len = l.borrow().len();
                if let Some(s) = key.downcast::<Slice>() {
                    let mut positions = s.positions(len).map_err(slice_error)?;
                    positions.sort_unstable();
                    let mut list = l.borrow_mut();
                    for p in positions.into_iter().rev() {
                        if p < list.len() {
                            list.remove(p);
                        }
                    }
                    return Ok(());
                }
                let i = sequence_index(key, len, "list assignment")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => {
                let hk = self.hash_key(key)?;
                let removed = d.borrow_mut().remove(&hk);
                match removed {
                    Some(_) => Ok(()),
                    None => Err(self.key_error(key)?),
                }
            }
            Value::Native(n) => match n.clone().delitem(self, obj, key) {
                Some(r) => r,
                None => Err(no_item_deletion(obj)),
            },
            Value::Instance(inst) => match inst.class.lookup("__delitem__") {
                Some(m) => self
                    .call_value_inner(&m, Args::new(vec![obj.clone(), key.clone()]))
                    .map(|_| ()),
                None => Err(no_item_deletion(obj)),
            },
            _ => Err(no_item_deletion(obj)),
        }
    }
}

fn slice_error(m: &'static str) -> PyErr {
    let kind = if m.contains("zero") {
        Exc::ValueError
    } else {
        Exc::TypeError
    };
    PyErr::new(kind, m)
}

/// `s[key]` for a str: one character or a slice, by character position.
fn index_str(s: &str, key: &Value) -> PyResult<Value> {
    if let Some(sl) = key.downcast::<Slice>() {
        let chars: Vec<char> = s.chars().collect();
        let positions = sl.positions(chars.len()).map_err(slice_error)?;
        let out: String = positions.into_iter().filter_map(|i| chars.get(i)).collect();
        return Ok(Value::Str(out.into()));
    }
    let Some(i) = as_int(key) else {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("string indices must be integers, not '{}'", key.type_name()),
        ));
    };
    let len = if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    };
    let idx = if i < 0 { i + len as i64 } else { i };
    if idx < 0 || idx >= len as i64 {
        return Err(PyErr::new(Exc::IndexError, "string index out of range"));
    }
    let c = if s.is_ascii() {
        s.as_bytes().get(idx as usize).map(|b| *b as char)
    } else {
        s.chars().nth(idx as usize)
    };
    Ok(Value::Str(c.map(String::from).unwrap_or_default().into()))
}

pub(crate) enum Indexed {
    One(Value),
    Many(Vec<Value>),
}

/// `seq[key]` for an int or a slice, with Python's messages (`list index out of range`).
pub(crate) fn index_sequence(items: &[Value], key: &Value, kind: &str) -> PyResult<Indexed> {
    if let Some(s) = key.downcast::<Slice>() {
        let positions = s.positions(items.len()).map_err(slice_error)?;
        return Ok(Indexed::Many(
            positions
                .into_iter()
                .filter_map(|i| items.get(i).cloned())
                .collect(),
        ));
    }
    let i = sequence_index(key, items.len(), kind)?;
    Ok(Indexed::One(items.get(i).cloned().unwrap_or(Value::None)))
}

/// A valid position for `seq[key]` (negative counts from the end).
pub(crate) fn sequence_index(key: &Value, len: usize, kind: &str) -> PyResult<usize> {
    let Some(i) = as_int(key) else {
        if let Value::BigInt(_) = key {
            return Err(PyErr::new(
                Exc::IndexError,
                "cannot fit 'int' into an index-sized integer",
            ));
        }
        let kind = kind.strip_suffix(" assignment").unwrap_or(kind);
        return Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{kind} indices must be integers or slices, not {}",
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

fn not_subscriptable(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("'{}' object is not subscriptable", super::tp_name(v)),
    )
}

fn no_item_assignment(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!(
            "'{}' object does not support item assignment",
            super::tp_name(v)
        ),
    )
}

fn no_item_deletion(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!(
            "'{}' object doesn't support item deletion",
            super::tp_name(v)
        ),
    )
}

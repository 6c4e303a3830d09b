//! Iteration: `for`, comprehensions, unpacking and builtins walk values through `Iter`, a
//! lazy cursor (lists are walked live, dicts and sets detect a change of size as CPython
//! does); `iter()`, `enumerate()`, `zip()`, `map()`, `filter()` return iterator objects
//! over the same cursors.

use super::range::Range;
use super::Interp;
use crate::object::{Args, Dict, Exc, Object, PyErr, PyList, PyResult, PySet, PyTuple, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

/// Which part of a dict an iteration yields.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum DictPart {
    Keys,
    Values,
    Items,
}

/// A position in an iterable.
pub(crate) enum Iter {
    List(Rc<PyList>, usize),
    Tuple(Rc<PyTuple>, usize),
    /// A str, by byte offset.
    Chars(Rc<str>, usize),
    Bytes(Rc<[u8]>, usize),
    Dict {
        dict: Rc<RefCell<Dict>>,
        pos: usize,
        len: usize,
        part: DictPart,
    },
    Set {
        set: Rc<RefCell<PySet>>,
        items: std::vec::IntoIter<Value>,
        len: usize,
    },
    Items(std::vec::IntoIter<Value>),
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// The old sequence protocol: `obj[0]`, `obj[1]`, ... until IndexError.
    GetItem(Value, i64),
    /// An iterator object (native `next`, or a user `__next__`).
    Object(Value),
    Enumerate(Box<Iter>, i64),
    Zip(Vec<Iter>),
    Map(Value, Vec<Iter>),
    Filter(Value, Box<Iter>),
    Done,
}

impl Interp {
    pub(crate) fn iter_of(&mut self, v: &Value) -> PyResult<Iter> {
        Ok(match v {
            Value::List(l) => Iter::List(l.clone(), 0),
            Value::Tuple(t) => Iter::Tuple(t.clone(), 0),
            Value::Str(s) => Iter::Chars(s.clone(), 0),
            Value::Bytes(b) => Iter::Bytes(b.clone(), 0),
            Value::Dict(d) => Iter::Dict {
                len: d.borrow().len(),
                dict: d.clone(),
                pos: 0,
                part: DictPart::Keys,
            },
            Value::Set(s) => {
                let items: Vec<Value> = s.borrow().keys().cloned().collect();
                Iter::Set {
                    len: items.len(),
                    set: s.clone(),
                    items: items.into_iter(),
                }
            }
            Value::FrozenSet(s) => Iter::Items(s.keys().cloned().collect::<Vec<_>>().into_iter()),
            Value::Native(n) => {
                if let Some(r) = n.as_ref().downcast_range() {
                    return Ok(Iter::Range {
                        next: r.start,
                        stop: r.stop,
                        step: r.step,
                    });
                }
                match n.clone().iter(self, v) {
                    Some(it) => Iter::Object(it?),
                    None => return Err(not_iterable(v)),
                }
            }
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__iter__") {
                    let it = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    let is_iterator = match &it {
                        Value::Instance(i) => i.class.lookup("__next__").is_some(),
                        Value::Native(n) => {
                            n.type_name().ends_with("iterator")
                                || matches!(
                                    n.type_name(),
                                    "generator" | "enumerate" | "zip" | "map" | "filter"
                                )
                        }
                        _ => false,
                    };
                    if !is_iterator {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!("iter() returned non-iterator of type '{}'", it.type_name()),
                        ));
                    }
                    Iter::Object(it)
                } else if inst.class.lookup("__getitem__").is_some() {
                    Iter::GetItem(v.clone(), 0)
                } else {
                    return Err(not_iterable(v));
                }
            }
            Value::Class(c) => match c.hooks.clone().and_then(|h| h.class_iter(self, c)) {
                Some(items) => Iter::Items(items?.into_iter()),
                None => return Err(not_iterable(v)),
            },
            other => return Err(not_iterable(other)),
        })
    }

    pub(crate) fn iter_next(&mut self, it: &mut Iter) -> PyResult<Option<Value>> {
        if matches!(
            it,
            Iter::Object(_) | Iter::Enumerate(..) | Iter::Zip(_) | Iter::Map(..) | Iter::Filter(..)
        ) {
            self.check_stack()?;
        }
        Ok(match it {
            Iter::List(l, i) => {
                let item = l.borrow().get(*i).cloned();
                *i += 1;
                item
            }
            Iter::Tuple(t, i) => {
                let item = t.get(*i).cloned();
                *i += 1;
                item
            }
            Iter::Chars(s, i) => {
                let c = s.get(*i..).and_then(|rest| rest.chars().next());
                c.map(|c| {
                    *i += c.len_utf8();
                    Value::Str(c.to_string().into())
                })
            }
            Iter::Bytes(b, i) => {
                let item = b.get(*i).map(|x| Value::Int(*x as i64));
                *i += 1;
                item
            }
            Iter::Dict {
                dict,
                pos,
                len,
                part,
            } => {
                let d = dict.borrow();
                if d.len() != *len {
                    *len = usize::MAX;
                    return Err(PyErr::new(
                        Exc::RuntimeError,
                        "dictionary changed size during iteration",
                    ));
                }
                let item = d.item_at(*pos).map(|(k, v)| match part {
                    DictPart::Keys => k.clone(),
                    DictPart::Values => v.clone(),
                    DictPart::Items => Value::tuple(vec![k.clone(), v.clone()]),
                });
                *pos += 1;
                item
            }
            Iter::Set { set, items, len } => {
                if set.borrow().len() != *len {
                    *len = usize::MAX;
                    return Err(PyErr::new(
                        Exc::RuntimeError,
                        "Set changed size during iteration",
                    ));
                }
                items.next()
            }
            Iter::Items(items) => items.next(),
            Iter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next = next.saturating_add(*step);
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::GetItem(obj, i) => {
                let obj = obj.clone();
                match self.get_item(&obj, &Value::Int(*i)) {
                    Ok(v) => {
                        *i += 1;
                        Some(v)
                    }
                    Err(e) if e.is(Exc::IndexError) || e.is(Exc::StopIteration) => None,
                    Err(e) => return Err(e),
                }
            }
            Iter::Object(obj) => self.next_of(&obj.clone())?,
            Iter::Enumerate(inner, n) => match self.iter_next(inner)? {
                Some(v) => {
                    let i = *n;
                    *n += 1;
                    Some(Value::tuple(vec![Value::Int(i), v]))
                }
                None => None,
            },
            Iter::Zip(inners) => {
                if inners.is_empty() {
                    return Ok(None);
                }
                let mut row = Vec::with_capacity(inners.len());
                for inner in inners.iter_mut() {
                    match self.iter_next(inner)? {
                        Some(v) => row.push(v),
                        None => return Ok(None),
                    }
                }
                Some(Value::tuple(row))
            }
            Iter::Map(f, inners) => {
                let mut row = Vec::with_capacity(inners.len());
                for inner in inners.iter_mut() {
                    match self.iter_next(inner)? {
                        Some(v) => row.push(v),
                        None => return Ok(None),
                    }
                }
                let f = f.clone();
                Some(self.call_value_inner(&f, Args::new(row))?)
            }
            Iter::Filter(f, inner) => loop {
                let Some(x) = self.iter_next(inner)? else {
                    break None;
                };
                self.step()?;
                let keep = if f.is_none() {
                    self.truth(&x)?
                } else {
                    let f = f.clone();
                    let r = self.call_value_inner(&f, Args::new(vec![x.clone()]))?;
                    self.truth(&r)?
                };
                if keep {
                    break Some(x);
                }
            },
            Iter::Done => None,
        })
    }

    /// `next(obj)` for an iterator object; `None` when it is exhausted.
    pub(crate) fn next_of(&mut self, obj: &Value) -> PyResult<Option<Value>> {
        match obj {
            Value::Native(n) => match n.clone().next(self) {
                Some(r) => r,
                None => Err(not_iterator(obj)),
            },
            Value::Instance(inst) => match inst.class.lookup("__next__") {
                Some(m) => match self.call_value_inner(&m, Args::new(vec![obj.clone()])) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if e.is(Exc::StopIteration) => Ok(None),
                    Err(e) => Err(e),
                },
                None => Err(not_iterator(obj)),
            },
            other => Err(not_iterator(other)),
        }
    }

    /// Every item of an iterable, within the collection-size limit.
    pub(crate) fn collect_iterable(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.borrow().clone()),
            Value::Tuple(t) => return Ok(t.to_vec()),
            _ => {}
        }
        let mut it = self.iter_of(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.iter_next(&mut it)? {
            out.push(x);
            if out.len() & 0xfff == 0 {
                self.check_len(out.len())?;
                self.step()?;
            }
        }
        Ok(out)
    }
}

fn not_iterable(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("'{}' object is not iterable", super::ops::tp_name(v)),
    )
}

fn not_iterator(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("'{}' object is not an iterator", v.type_name()),
    )
}

/// Lets iteration recognise `range` without a round trip through `iter`.
trait RangeCheck {
    fn downcast_range(&self) -> Option<&Range>;
}

impl RangeCheck for dyn Object {
    fn downcast_range(&self) -> Option<&Range> {
        (self as &dyn std::any::Any).downcast_ref::<Range>()
    }
}

/// An iterator object over a cursor (`iter(x)`, `enumerate`, `zip`, generator expressions).
pub(crate) struct LiveIter {
    kind: &'static str,
    state: RefCell<Iter>,
}

impl Iter {
    /// The values a cursor keeps alive (to free them through the trashcan).
    fn into_values(self, out: &mut Vec<Value>) {
        match self {
            Iter::Items(items) => out.extend(items),
            Iter::Set { items, .. } => out.extend(items),
            Iter::GetItem(v, _) | Iter::Object(v) => out.push(v),
            Iter::Enumerate(inner, _) => inner.into_values(out),
            Iter::Filter(f, inner) => {
                out.push(f);
                inner.into_values(out);
            }
            Iter::Map(f, inners) => {
                out.push(f);
                inners.into_iter().for_each(|i| i.into_values(out));
            }
            Iter::Zip(inners) => inners.into_iter().for_each(|i| i.into_values(out)),
            _ => {}
        }
    }
}

impl Drop for LiveIter {
    fn drop(&mut self) {
        let mut values = Vec::new();
        std::mem::replace(self.state.get_mut(), Iter::Done).into_values(&mut values);
        crate::object::trash::dispose(values);
    }
}

impl Object for LiveIter {
    fn type_name(&self) -> &str {
        self.kind
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        let name = if self.kind == "generator" {
            "generator object <genexpr>"
        } else {
            self.kind
        };
        let id = self as *const LiveIter as usize;
        Ok(format!("<{name} object at 0x{id:x}>"))
    }

    fn iter(&self, _vm: &mut dyn Vm, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }

    fn next(&self, vm: &mut dyn Vm) -> Option<PyResult<Option<Value>>> {
        let interp = vm.as_any_mut().downcast_mut::<Interp>()?;
        let mut state = self.state.replace(Iter::Done);
        let r = interp.iter_next(&mut state);
        if matches!(r, Ok(Some(_))) {
            self.state.replace(state);
        }
        Some(r)
    }
}

/// An iterator object named `kind` over a cursor.
pub(crate) fn live(kind: &'static str, state: Iter) -> Value {
    Value::native(LiveIter {
        kind,
        state: RefCell::new(state),
    })
}

/// A generator expression's value (evaluated eagerly, consumed once like a generator).
pub(crate) fn generator(items: Vec<Value>) -> Value {
    iterator("generator", items)
}

/// An iterator object over items computed up front.
pub(crate) fn iterator(kind: &'static str, items: Vec<Value>) -> Value {
    live(kind, Iter::Items(items.into_iter()))
}

//! Iteration: `for`, comprehensions, unpacking and builtins walk values through `Iter`;
//! `range` and iterator objects.

use super::Interp;
use crate::object::{Exc, Object, PyErr, PyResult, Value, Vm};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A position in an iterable.
pub(crate) enum Iter {
    /// Lists are walked live, by index, as CPython does (appending while iterating is seen).
    List(Rc<RefCell<Vec<Value>>>, usize),
    Items(Vec<Value>, usize),
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// An iterator object (native `next`, or a user `__next__`).
    Object(Value),
}

impl Interp {
    pub(crate) fn iter_of(&mut self, v: &Value) -> PyResult<Iter> {
        Ok(match v {
            Value::List(l) => Iter::List(l.clone(), 0),
            Value::Tuple(t) => Iter::Items(t.to_vec(), 0),
            Value::Str(s) => Iter::Items(
                s.chars()
                    .map(|c| Value::Str(c.to_string().into()))
                    .collect(),
                0,
            ),
            Value::Bytes(b) => Iter::Items(b.iter().map(|x| Value::Int(*x as i64)).collect(), 0),
            Value::Dict(d) | Value::Set(d) => Iter::Items(d.borrow().keys().cloned().collect(), 0),
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
                    let it =
                        self.call_value_inner(&m, crate::object::Args::new(vec![v.clone()]))?;
                    Iter::Object(it)
                } else if let Some(m) = inst.class.lookup("__getitem__") {
                    let mut items = Vec::new();
                    for i in 0.. {
                        self.step()?;
                        match self.call_value_inner(
                            &m,
                            crate::object::Args::new(vec![v.clone(), Value::Int(i)]),
                        ) {
                            Ok(x) => items.push(x),
                            Err(e) if e.is(Exc::IndexError) => break,
                            Err(e) => return Err(e),
                        }
                    }
                    Iter::Items(items, 0)
                } else {
                    return Err(not_iterable(v));
                }
            }
            other => return Err(not_iterable(other)),
        })
    }

    pub(crate) fn iter_next(&mut self, it: &mut Iter) -> PyResult<Option<Value>> {
        Ok(match it {
            Iter::List(l, i) => {
                let item = l.borrow().get(*i).cloned();
                *i += 1;
                item
            }
            Iter::Items(items, i) => {
                let item = items.get(*i).cloned();
                *i += 1;
                item
            }
            Iter::Range { next, stop, step } => {
                if (*step > 0 && *next < *stop) || (*step < 0 && *next > *stop) {
                    let v = *next;
                    *next = next.saturating_add(*step);
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
            Iter::Object(obj) => match obj {
                Value::Native(n) => match n.clone().next(self) {
                    Some(r) => r?,
                    None => return Err(not_iterable(obj)),
                },
                Value::Instance(inst) => match inst.class.lookup("__next__") {
                    Some(m) => {
                        match self.call_value_inner(&m, crate::object::Args::new(vec![obj.clone()]))
                        {
                            Ok(v) => Some(v),
                            Err(e) if e.is(Exc::StopIteration) => None,
                            Err(e) => return Err(e),
                        }
                    }
                    None => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!("'{}' object is not an iterator", obj.type_name()),
                        ))
                    }
                },
                other => return Err(not_iterable(other)),
            },
        })
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
        format!("'{}' object is not iterable", v.type_name()),
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

/// `range(start, stop, step)`.
pub(crate) struct Range {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl Range {
    pub fn len(&self) -> usize {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 {
            (stop - start + step - 1) / step
        } else {
            (start - stop - step - 1) / (-step)
        };
        n.max(0) as usize
    }

    fn get(&self, i: usize) -> i64 {
        self.start + self.step * i as i64
    }
}

impl Object for Range {
    fn type_name(&self) -> &str {
        "range"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(if self.step == 1 {
            format!("range({}, {})", self.start, self.stop)
        } else {
            format!("range({}, {}, {})", self.start, self.stop, self.step)
        })
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.len()))
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let n = self.len();
        Some(super::ops::sequence_index(key, n, "range object").map(|i| Value::Int(self.get(i))))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        let Value::Int(x) = item else {
            return None;
        };
        let inside = if self.step > 0 {
            *x >= self.start && *x < self.stop
        } else {
            *x <= self.start && *x > self.stop
        };
        Some(Ok(inside && (x - self.start) % self.step == 0))
    }

    fn compare(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        op: crate::python::ast::CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        use crate::python::ast::CmpOp;
        let Some(o) = other.downcast::<Range>() else {
            return Ok(None);
        };
        let same = (0..self.len().max(o.len()))
            .all(|i| i < self.len() && i < o.len() && self.get(i) == o.get(i))
            || (self.len() == 0 && o.len() == 0);
        Ok(match op {
            CmpOp::Eq => Some(Value::Bool(same)),
            CmpOp::NotEq => Some(Value::Bool(!same)),
            _ => None,
        })
    }
}

/// An iterator over items computed up front (generator expressions, `iter(list)`, `zip`).
pub(crate) struct SeqIter {
    pub kind: &'static str,
    pub items: RefCell<std::vec::IntoIter<Value>>,
    pub exhausted: Cell<bool>,
}

impl Object for SeqIter {
    fn type_name(&self) -> &str {
        self.kind
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(if self.kind == "generator" {
            "<generator object <genexpr>>".to_string()
        } else {
            format!("<{} object>", self.kind)
        })
    }

    fn iter(&self, _vm: &mut dyn Vm, this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(this.clone()))
    }

    fn next(&self, _vm: &mut dyn Vm) -> Option<PyResult<Option<Value>>> {
        let item = self.items.borrow_mut().next();
        if item.is_none() {
            self.exhausted.set(true);
        }
        Some(Ok(item))
    }
}

/// A generator expression's value (evaluated eagerly, consumed once like a generator).
pub(crate) fn generator(items: Vec<Value>) -> Value {
    iterator("generator", items)
}

pub(crate) fn iterator(kind: &'static str, items: Vec<Value>) -> Value {
    Value::native(SeqIter {
        kind,
        items: RefCell::new(items.into_iter()),
        exhausted: Cell::new(false),
    })
}

//! Methods of `dict` and its live views (`keys()`, `values()`, `items()`).

use super::{arg_range, no_args};
use crate::interp::iter::{live, DictPart, Iter};
use crate::interp::Interp;
use crate::object::{Args, Dict, Exc, Object, PyErr, PyResult, PySet, Value, Vm};
use std::cell::RefCell;
use std::rc::Rc;

pub(super) const METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "clear",
    "copy",
];

impl Interp {
    /// `d.update(other, **kw)` and `dict(other, **kw)`: pairs from a mapping or an iterable
    /// of pairs.
    pub(crate) fn dict_update(
        &mut self,
        d: &Rc<RefCell<Dict>>,
        other: Option<&Value>,
        kw: Vec<(Rc<str>, Value)>,
    ) -> PyResult<()> {
        if let Some(other) = other {
            let pairs = match other {
                Value::Dict(_) => self.mapping_items(other)?,
                Value::Instance(_) | Value::Native(_) if self.has_attribute(other, "keys")? => {
                    self.mapping_items(other)?
                }
                _ => {
                    let mut out = Vec::new();
                    let items = self.collect_iterable(other).map_err(|e| {
                        if e.is(Exc::TypeError) {
                            PyErr::new(
                                Exc::TypeError,
                                format!("'{}' object is not iterable", other.type_name()),
                            )
                        } else {
                            e
                        }
                    })?;
                    for item in items {
                        let kv = self.collect_iterable(&item).map_err(|_| {
                            PyErr::new(
                                Exc::TypeError,
                                format!(
                                    "cannot convert dictionary update sequence element #{} to a sequence",
                                    out.len()
                                ),
                            )
                        })?;
                        if kv.len() != 2 {
                            return Err(PyErr::new(
                                Exc::ValueError,
                                format!(
                                    "dictionary update sequence element #{} has length {}; 2 is required",
                                    out.len(),
                                    kv.len()
                                ),
                            ));
                        }
                        out.push((kv[0].clone(), kv[1].clone()));
                    }
                    out
                }
            };
            for (k, v) in pairs {
                let hk = self.hash_key(&k)?;
                d.borrow_mut().insert(hk, k, v);
            }
        }
        for (k, v) in kw {
            d.borrow_mut().set_str(&k, v);
        }
        self.check_len(d.borrow().len())
    }
}

pub(super) fn call(
    i: &mut Interp,
    d: &Rc<RefCell<Dict>>,
    name: &str,
    args: &mut Args,
) -> PyResult<Value> {
    match name {
        "get" => {
            arg_range(args, "get", 1, 2)?;
            let k = args.pos[0].clone();
            let hk = i.hash_key(&k)?;
            let found = d.borrow().get(&hk).cloned();
            Ok(found.unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
        }
        "keys" | "values" | "items" => {
            no_args(args, &format!("dict.{name}"))?;
            Ok(Value::native(DictView {
                part: match name {
                    "keys" => DictPart::Keys,
                    "values" => DictPart::Values,
                    _ => DictPart::Items,
                },
                dict: d.clone(),
            }))
        }
        "pop" => {
            arg_range(args, "pop", 1, 2)?;
            let k = args.pos[0].clone();
            let hk = i.hash_key(&k)?;
            let removed = d.borrow_mut().remove(&hk);
            match (removed, args.pos.get(1)) {
                (Some((_, v)), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => Err(i.key_error(&k)?),
            }
        }
        "popitem" => {
            no_args(args, "dict.popitem")?;
            let last = d.borrow_mut().pop_last();
            last.map(|(k, v)| Value::tuple(vec![k, v])).ok_or_else(|| {
                PyErr::with_args(
                    Exc::KeyError,
                    vec![Value::str("popitem(): dictionary is empty")],
                    "'popitem(): dictionary is empty'",
                )
            })
        }
        "setdefault" => {
            arg_range(args, "setdefault", 1, 2)?;
            let k = args.pos[0].clone();
            let hk = i.hash_key(&k)?;
            let existing = d.borrow().get(&hk).cloned();
            match existing {
                Some(v) => Ok(v),
                None => {
                    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
                    d.borrow_mut().insert(hk, k, v.clone());
                    Ok(v)
                }
            }
        }
        "update" => {
            if args.pos.len() > 1 {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!("update expected at most 1 argument, got {}", args.pos.len()),
                ));
            }
            let kw = std::mem::take(&mut args.kw);
            let other = args.pos.first().cloned();
            i.dict_update(d, other.as_ref(), kw)?;
            Ok(Value::None)
        }
        "clear" => {
            no_args(args, "dict.clear")?;
            let old = std::mem::take(&mut *d.borrow_mut());
            drop(old);
            Ok(Value::None)
        }
        "copy" => {
            no_args(args, "dict.copy")?;
            Ok(Value::dict(d.borrow().clone()))
        }
        _ => Err(crate::interp::attr::no_attribute("dict", name)),
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
pub(crate) struct DictView {
    part: DictPart,
    dict: Rc<RefCell<Dict>>,
}

impl DictView {
    fn kind(&self) -> &'static str {
        match self.part {
            DictPart::Keys => "dict_keys",
            DictPart::Values => "dict_values",
            DictPart::Items => "dict_items",
        }
    }

    fn items(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.part {
            DictPart::Keys => d.keys().cloned().collect(),
            DictPart::Values => d.values().cloned().collect(),
            DictPart::Items => d
                .items()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        }
    }

    /// The view as a set (keys and items views support set operators).
    fn as_set(&self, vm: &mut dyn Vm) -> PyResult<PySet> {
        let mut s = PySet::new();
        for v in self.items() {
            let hk = match vm.as_any_mut().downcast_mut::<Interp>() {
                Some(i) => i.hash_key(&v)?,
                None => v
                    .hash_key()
                    .ok_or_else(|| PyErr::new(Exc::TypeError, "unhashable type"))?,
            };
            s.add(hk, v);
        }
        Ok(s)
    }
}

impl Object for DictView {
    fn type_name(&self) -> &str {
        self.kind()
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let list = Value::list(self.items());
        Ok(format!("{}({})", self.kind(), vm.repr(&list)?))
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.dict.borrow().len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        let kind = match self.part {
            DictPart::Keys => "dict_keyiterator",
            DictPart::Values => "dict_valueiterator",
            DictPart::Items => "dict_itemiterator",
        };
        Some(Ok(live(
            kind,
            Iter::Dict {
                len: self.dict.borrow().len(),
                dict: self.dict.clone(),
                pos: 0,
                part: self.part,
            },
        )))
    }

    fn contains(&self, vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        if self.part == DictPart::Keys {
            return Some(Ok(item
                .hash_key()
                .is_some_and(|h| self.dict.borrow().contains(&h))));
        }
        let items = self.items();
        Some((|| {
            for x in items {
                if vm.eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })())
    }

    fn binop(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: crate::python::ast::BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if self.part == DictPart::Values {
            return Ok(None);
        }
        let mine = self.as_set(vm)?;
        let theirs = match other.downcast::<DictView>() {
            Some(v) => v.as_set(vm)?,
            None => match other {
                Value::Set(s) => s.borrow().copy(),
                Value::FrozenSet(s) => s.copy(),
                _ => return Ok(None),
            },
        };
        let (a, b) = if reflected {
            (&theirs, &mine)
        } else {
            (&mine, &theirs)
        };
        Ok(crate::interp::ops::set_algebra(op, a, b).map(Value::set))
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: crate::python::ast::CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        use crate::python::ast::CmpOp;
        let Some(o) = other.downcast::<DictView>() else {
            return Ok(None);
        };
        if !matches!(op, CmpOp::Eq | CmpOp::NotEq) || self.part == DictPart::Values {
            return Ok(None);
        }
        let (a, b) = (self.as_set(vm)?, o.as_set(vm)?);
        let same = a.len() == b.len() && a.is_subset(&b);
        Ok(Some(Value::Bool(same == (op == CmpOp::Eq))))
    }
}

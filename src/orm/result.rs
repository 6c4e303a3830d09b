//! Results of 2.0 execution: `Result` (rows), `ScalarResult` (first column), and `Row`
//! (a named tuple).

use super::exprobj::list_iterator;
use super::query::{multiple_results, no_result};
use crate::object::{Args, Exc, HashKey, Object, PyErr, PyResult, Slice, Value, Vm};
use crate::python::ast::CmpOp;
use std::cell::RefCell;
use std::rc::Rc;

/// A row: a tuple whose columns can also be read by name (`row.name`, `row.total`).
pub struct RowObj {
    pub values: Vec<Value>,
    pub names: Rc<Vec<Option<Rc<str>>>>,
}

impl RowObj {
    pub fn new(values: Vec<Value>, names: Rc<Vec<Option<Rc<str>>>>) -> RowObj {
        RowObj { values, names }
    }
}

impl Object for RowObj {
    fn type_name(&self) -> &str {
        "Row"
    }

    fn method_names(&self) -> &'static [&'static str] {
        &["_asdict", "_tuple", "count", "index"]
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        vm.repr(&Value::tuple(self.values.clone()))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        if let Some(i) = self.names.iter().position(|n| n.as_deref() == Some(name)) {
            return Ok(self.values.get(i).cloned());
        }
        Ok(match name {
            "_fields" => Some(Value::tuple(
                self.names
                    .iter()
                    .map(|n| n.clone().map(Value::Str).unwrap_or(Value::None))
                    .collect(),
            )),
            "_t" => Some(Value::tuple(self.values.clone())),
            "_mapping" => Some(Value::dict(self.as_dict())),
            _ => None,
        })
    }

    fn call_method(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut Args,
    ) -> Option<PyResult<Value>> {
        match name {
            "_asdict" => Some(Ok(Value::dict(self.as_dict()))),
            "_tuple" => Some(Ok(Value::tuple(self.values.clone()))),
            "count" | "index" => {
                let t = Value::tuple(self.values.clone());
                Some(
                    vm.getattr(&t, name)
                        .and_then(|m| vm.call(&m, std::mem::take(args))),
                )
            }
            _ => None,
        }
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.values.len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(list_iterator(self.values.clone())))
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        if let Some(s) = key.downcast::<Slice>() {
            return Some(
                s.positions(self.values.len())
                    .map(|p| {
                        Value::tuple(
                            p.into_iter()
                                .filter_map(|i| self.values.get(i).cloned())
                                .collect(),
                        )
                    })
                    .map_err(|m| PyErr::new(Exc::ValueError, m)),
            );
        }
        Some(match key {
            Value::Int(i) => {
                let n = self.values.len() as i64;
                let at = if *i < 0 { i + n } else { *i };
                self.values
                    .get(at as usize)
                    .filter(|_| at >= 0)
                    .cloned()
                    .ok_or_else(|| PyErr::new(Exc::IndexError, "tuple index out of range"))
            }
            Value::Str(s) => Err(PyErr::new(
                Exc::TypeError,
                format!("tuple indices must be integers or slices, not str ('{s}'); use row._mapping[...] for key access"),
            )),
            other => Err(PyErr::new(
                Exc::TypeError,
                format!("tuple indices must be integers or slices, not {}", other.type_name()),
            )),
        })
    }

    fn contains(&self, vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some((|| {
            for v in &self.values {
                if v.is(item) || vm.eq(v, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })())
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        let theirs = match other.downcast::<RowObj>() {
            Some(r) => Value::tuple(r.values.clone()),
            None => match other {
                Value::Tuple(_) => other.clone(),
                _ => return Ok(None),
            },
        };
        let mine = Value::tuple(self.values.clone());
        match op {
            CmpOp::Eq => Ok(Some(Value::Bool(vm.eq(&mine, &theirs)?))),
            CmpOp::NotEq => Ok(Some(Value::Bool(!vm.eq(&mine, &theirs)?))),
            _ => Ok(None),
        }
    }

    fn hash_key(&self) -> Option<HashKey> {
        HashKey::of(&Value::tuple(self.values.clone()))
    }
}

impl RowObj {
    fn as_dict(&self) -> crate::object::Dict {
        let mut d = crate::object::Dict::new();
        for (n, v) in self.names.iter().zip(&self.values) {
            if let Some(n) = n {
                d.set_str(n, v.clone());
            }
        }
        d
    }
}

/// `session.execute(select(...))`.
pub struct ResultObj {
    names: Rc<Vec<Option<Rc<str>>>>,
    rows: RefCell<std::collections::VecDeque<Vec<Value>>>,
    /// Rows an INSERT/UPDATE/DELETE changed (`result.rowcount`).
    pub rowcount: Option<usize>,
}

impl ResultObj {
    pub fn new(names: Rc<Vec<Option<Rc<str>>>>, rows: Vec<Vec<Value>>) -> ResultObj {
        ResultObj {
            names,
            rows: RefCell::new(rows.into()),
            rowcount: None,
        }
    }

    fn take_all(&self) -> Vec<Vec<Value>> {
        self.rows.borrow_mut().drain(..).collect()
    }

    fn row(&self, values: Vec<Value>) -> Value {
        Value::native(RowObj::new(values, self.names.clone()))
    }
}

fn one_of(mut items: Vec<Value>, or_none: bool) -> PyResult<Value> {
    match items.len() {
        0 if or_none => Ok(Value::None),
        0 => Err(no_result()),
        1 => Ok(items.remove(0)),
        _ => Err(multiple_results(or_none)),
    }
}

impl Object for ResultObj {
    fn type_name(&self) -> &str {
        "Result"
    }

    fn method_names(&self) -> &'static [&'static str] {
        &[
            "all",
            "fetchall",
            "first",
            "fetchone",
            "one",
            "one_or_none",
            "scalar",
            "scalar_one",
            "scalar_one_or_none",
            "scalars",
            "keys",
            "unique",
        ]
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(match self.rowcount {
            Some(_) => "<sqlalchemy.engine.cursor.CursorResult object>".into(),
            None => "<sqlalchemy.engine.result.ChunkedIteratorResult object>".into(),
        })
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "rowcount" => self.rowcount.map(|n| Value::Int(n as i64)),
            _ => None,
        })
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        Some(match name {
            "all" | "fetchall" => Ok(Value::list(
                self.take_all().into_iter().map(|r| self.row(r)).collect(),
            )),
            "first" => Ok(self
                .take_all()
                .into_iter()
                .next()
                .map(|r| self.row(r))
                .unwrap_or(Value::None)),
            "fetchone" => Ok(self
                .rows
                .borrow_mut()
                .pop_front()
                .map(|r| self.row(r))
                .unwrap_or(Value::None)),
            "one" | "one_or_none" => {
                let rows: Vec<Value> = self.take_all().into_iter().map(|r| self.row(r)).collect();
                one_of(rows, name == "one_or_none")
            }
            "scalar" => Ok(self
                .take_all()
                .into_iter()
                .next()
                .and_then(|r| r.into_iter().next())
                .unwrap_or(Value::None)),
            "scalar_one" | "scalar_one_or_none" => {
                let vals: Vec<Value> = self
                    .take_all()
                    .into_iter()
                    .filter_map(|r| r.into_iter().next())
                    .collect();
                one_of(vals, name == "scalar_one_or_none")
            }
            "scalars" => Ok(Value::native(ScalarResultObj::new(
                self.take_all()
                    .into_iter()
                    .filter_map(|r| r.into_iter().next())
                    .collect(),
            ))),
            "keys" => Ok(Value::list(
                self.names
                    .iter()
                    .map(|n| n.clone().map(Value::Str).unwrap_or(Value::None))
                    .collect(),
            )),
            "unique" => Ok(Value::native(ResultObj::new(
                self.names.clone(),
                unique_rows(self.take_all()),
            ))),
            _ => return None,
        })
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(list_iterator(
            self.take_all().into_iter().map(|r| self.row(r)).collect(),
        )))
    }
}

fn unique_rows(rows: Vec<Vec<Value>>) -> Vec<Vec<Value>> {
    let mut out: Vec<Vec<Value>> = Vec::new();
    for r in rows {
        let key = HashKey::of(&Value::tuple(r.clone()));
        if !out
            .iter()
            .any(|o| HashKey::of(&Value::tuple(o.clone())) == key)
        {
            out.push(r);
        }
    }
    out
}

/// `result.scalars()` / `session.scalars(...)`.
pub struct ScalarResultObj {
    values: RefCell<std::collections::VecDeque<Value>>,
}

impl ScalarResultObj {
    pub fn new(values: Vec<Value>) -> ScalarResultObj {
        ScalarResultObj {
            values: RefCell::new(values.into()),
        }
    }

    fn take_all(&self) -> Vec<Value> {
        self.values.borrow_mut().drain(..).collect()
    }
}

impl Object for ScalarResultObj {
    fn type_name(&self) -> &str {
        "ScalarResult"
    }

    fn method_names(&self) -> &'static [&'static str] {
        &["all", "fetchall", "first", "one", "one_or_none", "unique"]
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<sqlalchemy.engine.result.ScalarResult object>".into())
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        Some(match name {
            "all" | "fetchall" => Ok(Value::list(self.take_all())),
            "first" => Ok(self.take_all().into_iter().next().unwrap_or(Value::None)),
            "one" | "one_or_none" => one_of(self.take_all(), name == "one_or_none"),
            "unique" => {
                let mut out: Vec<Value> = Vec::new();
                for v in self.take_all() {
                    if !out.iter().any(|o| {
                        o.is(&v) || HashKey::of(o).is_some_and(|k| Some(k) == HashKey::of(&v))
                    }) {
                        out.push(v);
                    }
                }
                Ok(Value::native(ScalarResultObj::new(out)))
            }
            _ => return None,
        })
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(list_iterator(self.take_all())))
    }
}

//! Small built-in types that both the interpreter and the ORM inspect.

use super::native::Object;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;

/// `slice(start, stop, step)`: what `xs[1:3]` passes to `__getitem__`.
pub struct Slice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl Slice {
    /// The concrete `(start, stop, step)` over a sequence of `len` items, as
    /// `slice.indices(len)` computes it. `Err` carries the step-zero message.
    pub fn indices(&self, len: usize) -> Result<(i64, i64, i64), &'static str> {
        const BAD: &str = "slice indices must be integers or None or have an __index__ method";
        let as_int = |v: &Value| -> Result<Option<i64>, &'static str> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(*b as i64)),
                // Huge bounds clamp to the ends, as CPython's do.
                Value::BigInt(b) if b.is_negative() => Ok(Some(i64::MIN / 2)),
                Value::BigInt(_) => Ok(Some(i64::MAX / 2)),
                _ => Err(BAD),
            }
        };
        let step = as_int(&self.step)?.unwrap_or(1);
        if step == 0 {
            return Err("slice step cannot be zero");
        }
        let len = len as i64;
        let clamp = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(i) if i < 0 => {
                    let i = i + len;
                    if i < 0 {
                        if step < 0 {
                            -1
                        } else {
                            0
                        }
                    } else {
                        i
                    }
                }
                Some(i) if i >= len => {
                    if step < 0 {
                        len - 1
                    } else {
                        len
                    }
                }
                Some(i) => i,
            }
        };
        let (default_start, default_stop) = if step < 0 { (len - 1, -1) } else { (0, len) };
        let start = clamp(as_int(&self.start)?, default_start);
        let stop = clamp(as_int(&self.stop)?, default_stop);
        Ok((start, stop, step))
    }

    /// The positions selected from a sequence of `len` items, in order.
    pub fn positions(&self, len: usize) -> Result<Vec<usize>, &'static str> {
        let (start, stop, step) = self.indices(len)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i = match i.checked_add(step) {
                Some(n) => n,
                None => break,
            };
        }
        Ok(out)
    }
}

impl Object for Slice {
    fn type_name(&self) -> &str {
        "slice"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "slice({}, {}, {})",
            vm.repr(&self.start)?,
            vm.repr(&self.stop)?,
            vm.repr(&self.step)?
        ))
    }

    fn hashable(&self) -> bool {
        false
    }
}

/// A subscripted type used in annotations: `Mapped[int]`, `Optional[str]`, `list['Post']`,
/// `str | None` (origin `Union`).
pub struct GenericAlias {
    /// `Mapped`, `WriteOnlyMapped`, `DynamicMapped`, `Optional`, `Union`, `list`, `List`, ...
    pub origin: String,
    /// The module the origin's repr is qualified with (`typing`, `sqlalchemy.orm.base`).
    pub module: String,
    pub args: Vec<Value>,
}

impl Drop for GenericAlias {
    fn drop(&mut self) {
        super::trash::dispose(std::mem::take(&mut self.args));
    }
}

impl GenericAlias {
    fn render(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = Vec::new();
        for a in &self.args {
            parts.push(match a {
                Value::Class(c) if &*c.module == "builtins" => c.name.to_string(),
                Value::Class(c) => format!("{}.{}", c.module, c.name),
                Value::None => "NoneType".into(),
                other => vm.repr(other)?,
            });
        }
        if self.origin == "Union" && parts.len() == 2 && parts[1] == "NoneType" {
            return Ok(format!("typing.Optional[{}]", parts[0]));
        }
        let prefix = if self.module.is_empty() || self.module == "builtins" {
            String::new()
        } else {
            format!("{}.", self.module)
        };
        Ok(format!("{prefix}{}[{}]", self.origin, parts.join(", ")))
    }
}

/// A module object (`datetime`, `sqlalchemy`, `sqlalchemy.orm`, ...): a named namespace.
pub struct Module {
    pub name: String,
    pub attrs: std::cell::RefCell<indexmap::IndexMap<String, Value>>,
}

impl Module {
    pub fn new(name: &str, attrs: Vec<(&str, Value)>) -> Module {
        Module {
            name: name.to_string(),
            attrs: std::cell::RefCell::new(
                attrs.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            ),
        }
    }
}

impl Object for Module {
    fn type_name(&self) -> &str {
        "module"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<module '{}'>", self.name))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__name__" {
            return Ok(Some(Value::str(&self.name)));
        }
        Ok(self.attrs.borrow().get(name).cloned())
    }

    fn setattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str, value: Value) -> PyResult<bool> {
        self.attrs.borrow_mut().insert(name.to_string(), value);
        Ok(true)
    }

    fn getattr_error(&self, name: &str) -> Option<String> {
        Some(format!("module '{}' has no attribute '{name}'", self.name))
    }

    fn dir(&self) -> Vec<String> {
        self.attrs.borrow().keys().cloned().collect()
    }
}

/// A subscriptable typing construct: `Optional`, `List`, `Union`, `Mapped`, `WriteOnlyMapped`.
/// Subscripting it makes a `GenericAlias`.
pub struct TypingSpecial {
    pub name: &'static str,
    pub module: &'static str,
}

impl Object for TypingSpecial {
    fn type_name(&self) -> &str {
        "_SpecialForm"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(if self.module == "typing" {
            format!("typing.{}", self.name)
        } else {
            format!("<class '{}.{}'>", self.module, self.name)
        })
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let mut args = match key {
            Value::Tuple(items) => items.to_vec(),
            other => vec![other.clone()],
        };
        let origin = if self.name == "Optional" {
            args.push(Value::None);
            "Union"
        } else {
            self.name
        };
        Some(Ok(Value::native(GenericAlias {
            origin: origin.to_string(),
            module: self.module.to_string(),
            args,
        })))
    }

    fn binop(
        &self,
        _vm: &mut dyn Vm,
        this: &Value,
        op: crate::python::ast::BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if op != crate::python::ast::BinOp::BitOr {
            return Ok(None);
        }
        let (a, b) = if reflected {
            (other, this)
        } else {
            (this, other)
        };
        Ok(Some(Value::native(GenericAlias {
            origin: "Union".into(),
            module: "typing".into(),
            args: vec![a.clone(), b.clone()],
        })))
    }
}

impl Object for GenericAlias {
    fn type_name(&self) -> &str {
        "_GenericAlias"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        self.render(vm)
    }

    fn binop(
        &self,
        _vm: &mut dyn Vm,
        this: &Value,
        op: crate::python::ast::BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        if op != crate::python::ast::BinOp::BitOr {
            return Ok(None);
        }
        let (a, b) = if reflected {
            (other, this)
        } else {
            (this, other)
        };
        let mut args = Vec::new();
        for v in [a, b] {
            match v.downcast::<GenericAlias>() {
                Some(g) if g.origin == "Union" => args.extend(g.args.iter().cloned()),
                _ => args.push(v.clone()),
            }
        }
        Ok(Some(Value::native(GenericAlias {
            origin: "Union".into(),
            module: "typing".into(),
            args,
        })))
    }
}

//! The descriptor builtins of class bodies: `property` (getter, setter, deleter),
//! `staticmethod`, `classmethod`, and `super()`.

use super::super::Interp;
use crate::object::{Args, Builtin, Class, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::Rc;

pub(super) fn b_super(i: &mut Interp, a: Args) -> PyResult<Value> {
    let (class, this) = if a.pos.len() >= 2 {
        match &a.pos[0] {
            Value::Class(c) => (c.clone(), a.pos[1].clone()),
            other => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "super() argument 1 must be a type, not {}",
                        other.type_name()
                    ),
                ))
            }
        }
    } else {
        let func = i.frame.function_obj.clone();
        let class = func.as_ref().and_then(|f| f.owner.borrow().upgrade());
        let first = func
            .as_ref()
            .and_then(|f| f.def.params.args.first().map(|p| p.name.name.clone()))
            .and_then(|n| i.frame.scope.get(&n));
        match (class, first) {
            (Some(c), Some(t)) => (c, t),
            (None, _) if func.is_some() => {
                return Err(PyErr::new(
                    Exc::RuntimeError,
                    "super(): __class__ cell not found",
                ))
            }
            (None, _) => return Err(PyErr::new(Exc::RuntimeError, "super(): no arguments")),
            (Some(_), None) => return Err(PyErr::new(Exc::RuntimeError, "super(): no arguments")),
        }
    };
    Ok(Value::native(Super { class, this }))
}

/// `super()`: attribute lookup that starts after `class` in the MRO of `this`'s class.
struct Super {
    class: Rc<Class>,
    this: Value,
}

impl Object for Super {
    fn type_name(&self) -> &str {
        "super"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "<super: <class '{}'>, <{} object>>",
            self.class.name,
            self.this.type_name()
        ))
    }

    fn getattr(&self, vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let owner = match &self.this {
            Value::Instance(inst) => inst.class.clone(),
            Value::Class(c) => c.clone(),
            _ => return Ok(None),
        };
        let mut chain = vec![owner.clone()];
        chain.extend(owner.mro.iter().cloned());
        let start = chain
            .iter()
            .position(|c| Rc::ptr_eq(c, &self.class))
            .map(|p| p + 1)
            .unwrap_or(chain.len());
        let instance = match &self.this {
            Value::Instance(_) => Some(&self.this),
            _ => None,
        };
        for c in &chain[start..] {
            let found = c.dict.borrow().get(name).cloned();
            if let Some(v) = found {
                return Ok(Some(match v {
                    f @ Value::Function(_) if instance.is_some() => {
                        Interp::bind(f, self.this.clone())
                    }
                    // Natively written methods in a class dict (the ORM's declarative
                    // constructor of `db.Model`) bind like functions.
                    Value::Builtin(b) if instance.is_some() => {
                        let this = self.this.clone();
                        let func = b.func.clone();
                        Builtin::bound(&b.name, this.clone(), move |vm, mut args| {
                            args.pos.insert(0, this.clone());
                            func(vm, args)
                        })
                    }
                    Value::Native(n) => {
                        let attr = Value::Native(n.clone());
                        match n.descr_get(vm, &attr, instance, &owner) {
                            Some(r) => r?,
                            None => attr,
                        }
                    }
                    other => other,
                }));
            }
        }
        match super::super::attr::object_method(name) {
            Some(Value::Native(n)) => {
                let attr = Value::Native(n.clone());
                Ok(n.descr_get(vm, &attr, instance, &owner).transpose()?)
            }
            _ => Ok(None),
        }
    }

    fn getattr_error(&self, name: &str) -> Option<String> {
        Some(format!("'super' object has no attribute '{name}'"))
    }
}

/// `property(fget, fset, fdel)`, usable as `@property` and `@x.setter` / `@x.deleter`.
pub(super) struct Property {
    fget: Value,
    fset: Value,
    fdel: Value,
}

pub(super) fn make_property(_i: &mut Interp, mut a: Args) -> PyResult<Value> {
    Ok(Value::native(Property {
        fget: a.take(0, "fget").unwrap_or(Value::None),
        fset: a.take(1, "fset").unwrap_or(Value::None),
        fdel: a.take(2, "fdel").unwrap_or(Value::None),
    }))
}

impl Property {
    /// The name the property was defined under (its getter's `__name__`).
    fn name(&self, vm: &mut dyn Vm) -> String {
        match vm.getattr(&self.fget, "__name__") {
            Ok(Value::Str(s)) => s.to_string(),
            _ => "?".into(),
        }
    }

    fn with(&self, which: usize, f: Value) -> Value {
        let mut parts = [self.fget.clone(), self.fset.clone(), self.fdel.clone()];
        parts[which] = f;
        let [fget, fset, fdel] = parts;
        Value::native(Property { fget, fset, fdel })
    }
}

impl Object for Property {
    fn type_name(&self) -> &str {
        "property"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "<property object at 0x{:x}>",
            self as *const Property as usize
        ))
    }

    fn getattr(&self, _vm: &mut dyn Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let which = match name {
            "getter" => 0,
            "setter" => 1,
            "deleter" => 2,
            "fget" => return Ok(Some(self.fget.clone())),
            "fset" => return Ok(Some(self.fset.clone())),
            "fdel" => return Ok(Some(self.fdel.clone())),
            _ => return Ok(None),
        };
        let this = this.clone();
        Ok(Some(Builtin::bound(name, this.clone(), move |_, a| {
            let f = a.pos.first().cloned().unwrap_or(Value::None);
            match this.downcast::<Property>() {
                Some(p) => Ok(p.with(which, f)),
                None => Ok(Value::None),
            }
        })))
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descr_get(
        &self,
        vm: &mut dyn Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        match instance {
            None => Some(Ok(this.clone())),
            Some(_) if self.fget.is_none() => Some(Err(PyErr::new(
                Exc::AttributeError,
                format!("property '{}' has no getter", self.name(vm)),
            ))),
            Some(inst) => Some(vm.call(&self.fget, Args::new(vec![inst.clone()]))),
        }
    }

    fn descr_set(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        if self.fset.is_none() {
            return Some(Err(PyErr::new(
                Exc::AttributeError,
                format!(
                    "property '{}' of '{}' object has no setter",
                    self.name(vm),
                    instance.type_name()
                ),
            )));
        }
        Some(
            vm.call(&self.fset, Args::new(vec![instance.clone(), value]))
                .map(|_| ()),
        )
    }

    fn descr_delete(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        instance: &Value,
    ) -> Option<PyResult<()>> {
        if self.fdel.is_none() {
            return Some(Err(PyErr::new(
                Exc::AttributeError,
                format!(
                    "property '{}' of '{}' object has no deleter",
                    self.name(vm),
                    instance.type_name()
                ),
            )));
        }
        Some(
            vm.call(&self.fdel, Args::new(vec![instance.clone()]))
                .map(|_| ()),
        )
    }
}

/// `staticmethod(f)` / `classmethod(f)`.
pub(super) struct MethodWrapper {
    func: Value,
    class_method: bool,
}

pub(super) fn make_staticmethod(_i: &mut Interp, a: Args) -> PyResult<Value> {
    wrapper(a, false)
}

pub(super) fn make_classmethod(_i: &mut Interp, a: Args) -> PyResult<Value> {
    wrapper(a, true)
}

fn wrapper(a: Args, class_method: bool) -> PyResult<Value> {
    let name = if class_method {
        "classmethod"
    } else {
        "staticmethod"
    };
    match a.pos.as_slice() {
        [f] => Ok(Value::native(MethodWrapper {
            func: f.clone(),
            class_method,
        })),
        other => Err(PyErr::new(
            Exc::TypeError,
            format!("{name} expected 1 argument, got {}", other.len()),
        )),
    }
}

impl Object for MethodWrapper {
    fn type_name(&self) -> &str {
        if self.class_method {
            "classmethod"
        } else {
            "staticmethod"
        }
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<{} ({})>", self.type_name(), vm.repr(&self.func)?))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok((name == "__func__").then(|| self.func.clone()))
    }

    fn call(&self, vm: &mut dyn Vm, _this: &Value, args: Args) -> PyResult<Value> {
        vm.call(&self.func, args)
    }

    fn descr_get(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        Some(Ok(if self.class_method {
            Interp::bind(self.func.clone(), Value::Class(owner.clone()))
        } else {
            self.func.clone()
        }))
    }
}

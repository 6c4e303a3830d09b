//! Attribute access with Python's lookup rules: data descriptors, the instance dict,
//! class attributes (methods bind), `__getattr__`, and the ORM's metaclass hooks.

use super::builtins::{type_class, type_of};
use super::Interp;
use crate::object::{Args, BuiltinType, Class, Dict, Exc, PyErr, PyResult, Value};
use std::rc::Rc;

impl Interp {
    pub(crate) fn get_attribute(&mut self, v: &Value, name: &str) -> PyResult<Value> {
        if name == "__class__" {
            return Ok(Value::Class(type_of(v)));
        }
        match v {
            Value::Instance(inst) => {
                if name == "__dict__" {
                    let mut d = Dict::new();
                    for (k, val) in inst.dict.borrow().iter() {
                        d.set_str(k, val.clone());
                    }
                    return Ok(Value::dict(d));
                }
                let class_attr = inst.class.lookup(name);
                if let Some(Value::Native(n)) = &class_attr {
                    if n.is_data_descriptor() {
                        let attr = Value::Native(n.clone());
                        if let Some(r) = n.clone().descr_get(self, &attr, Some(v), &inst.class) {
                            return r;
                        }
                    }
                }
                if let Some(x) = inst.dict.borrow().get(name) {
                    return Ok(x.clone());
                }
                match class_attr {
                    Some(f @ Value::Function(_)) => Ok(Interp::bind(f, v.clone())),
                    Some(Value::Native(n)) => {
                        let attr = Value::Native(n.clone());
                        match n.descr_get(self, &attr, Some(v), &inst.class) {
                            Some(r) => r,
                            None => Ok(attr),
                        }
                    }
                    Some(other) => Ok(other),
                    None => {
                        if let Some(getattr) = inst.class.lookup("__getattr__") {
                            return self.call_value_inner(
                                &getattr,
                                Args::new(vec![v.clone(), Value::str(name)]),
                            );
                        }
                        Err(no_attribute(&inst.class.name, name))
                    }
                }
            }
            Value::Class(c) => self.class_attribute(c, name),
            Value::Native(n) => match n.clone().getattr(self, v, name)? {
                Some(x) => Ok(x),
                None if n.method_names().contains(&name) => Ok(bound_native_method(v, name)),
                None => Err(match n.getattr_error(name) {
                    Some(msg) => PyErr::new(Exc::AttributeError, msg),
                    None => no_attribute(n.type_name(), name),
                }),
            },
            Value::Function(f) => match name {
                "__name__" => Ok(Value::Str(f.name.clone())),
                "__qualname__" => Ok(Value::Str(f.qualname.clone())),
                "__module__" => Ok(Value::Str(f.module.clone())),
                "__defaults__" if f.defaults.is_empty() => Ok(Value::None),
                "__defaults__" => Ok(Value::tuple(f.defaults.clone())),
                "__dict__" => Ok(Value::dict(f.attrs.borrow().clone())),
                _ => f
                    .attrs
                    .borrow()
                    .get_str(name)
                    .cloned()
                    .ok_or_else(|| no_attribute("function", name)),
            },
            Value::Builtin(b) => match name {
                "__name__" | "__qualname__" => Ok(Value::Str(b.name.clone())),
                "__self__" => Ok(b.bound.clone().unwrap_or(Value::None)),
                "__module__" if b.bound.is_none() => Ok(Value::str("builtins")),
                "__doc__" => Ok(Value::None),
                _ => Err(no_attribute(&v.type_name(), name)),
            },
            Value::Method(m) => match name {
                "__func__" => Ok(m.func.clone()),
                "__self__" => Ok(m.this.clone()),
                _ => self.get_attribute(&m.func.clone(), name),
            },
            _ => match super::methods::attribute(self, v, name) {
                Some(r) => r,
                None => Err(no_attribute(&v.type_name(), name)),
            },
        }
    }

    fn class_attribute(&mut self, c: &Rc<Class>, name: &str) -> PyResult<Value> {
        match name {
            "__name__" => return Ok(Value::Str(c.name.clone())),
            "__qualname__" => return Ok(qualname(c)),
            "__module__" => return Ok(Value::Str(c.module.clone())),
            "__bases__" => {
                let object = type_class(BuiltinType::Object);
                let bases: Vec<Value> = if c.bases.is_empty() && !Rc::ptr_eq(c, &object) {
                    vec![Value::Class(object)]
                } else {
                    c.bases.iter().map(|b| Value::Class(b.clone())).collect()
                };
                return Ok(Value::tuple(bases));
            }
            "__mro__" => {
                let object = type_class(BuiltinType::Object);
                let mut items = vec![Value::Class(c.clone())];
                items.extend(c.mro.iter().map(|b| Value::Class(b.clone())));
                if !Rc::ptr_eq(c, &object) {
                    items.push(Value::Class(object));
                }
                return Ok(Value::tuple(items));
            }
            "__dict__" => {
                let mut d = Dict::new();
                for (k, v) in c.dict.borrow().iter() {
                    d.set_str(k, v.clone());
                }
                return Ok(Value::dict(d));
            }
            "__doc__" if c.lookup("__doc__").is_none() => return Ok(Value::None),
            _ => {}
        }
        match c.lookup(name) {
            Some(Value::Native(n)) => {
                let attr = Value::Native(n.clone());
                match n.descr_get(self, &attr, None, c) {
                    Some(r) => r,
                    None => Ok(attr),
                }
            }
            Some(other) => Ok(other),
            None => {
                if let Some(hooks) = c.hooks.clone() {
                    if let Some(r) = hooks.class_getattr(self, c, name) {
                        return r;
                    }
                }
                if let Some(r) = super::methods::type_attribute(self, c, name) {
                    return r;
                }
                Err(PyErr::new(
                    Exc::AttributeError,
                    format!("type object '{}' has no attribute '{name}'", c.name),
                ))
            }
        }
    }

    pub(crate) fn set_attribute(&mut self, v: &Value, name: &str, value: Value) -> PyResult<()> {
        if let Value::Instance(inst) = v {
            if let Some(hook @ Value::Function(_)) = inst.class.lookup("__setattr__") {
                let args = Args::new(vec![v.clone(), Value::str(name), value]);
                return self.call_value_inner(&hook, args).map(|_| ());
            }
        }
        self.set_attribute_generic(v, name, value)
    }

    /// `object.__setattr__`: data descriptors, then the instance dict.
    pub(crate) fn set_attribute_generic(
        &mut self,
        v: &Value,
        name: &str,
        value: Value,
    ) -> PyResult<()> {
        match v {
            Value::Instance(inst) => {
                if let Some(Value::Native(n)) = inst.class.lookup(name) {
                    let attr = Value::Native(n.clone());
                    if let Some(r) = n.descr_set(self, &attr, v, value.clone()) {
                        return r;
                    }
                }
                if inst.class.builtin == Some(BuiltinType::Object) {
                    return Err(no_attribute("object", name));
                }
                inst.dict.borrow_mut().set(name, value);
                Ok(())
            }
            Value::Class(c) => {
                if let Some(hooks) = c.hooks.clone() {
                    if let Some(r) = hooks.class_setattr(self, c, name, &value) {
                        return r;
                    }
                }
                if c.builtin.is_some() && &*c.module == "builtins" {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!(
                            "cannot set '{name}' attribute of immutable type '{}'",
                            c.name
                        ),
                    ));
                }
                c.dict.borrow_mut().insert(name.into(), value);
                Ok(())
            }
            Value::Native(n) => {
                if n.clone().setattr(self, v, name, value)? {
                    Ok(())
                } else {
                    Err(no_attribute(n.type_name(), name))
                }
            }
            Value::Function(f) => {
                f.attrs.borrow_mut().set_str(name, value);
                Ok(())
            }
            other => Err(no_attribute(&other.type_name(), name)),
        }
    }

    pub(crate) fn del_attribute(&mut self, v: &Value, name: &str) -> PyResult<()> {
        if let Value::Instance(inst) = v {
            if let Some(hook @ Value::Function(_)) = inst.class.lookup("__delattr__") {
                let args = Args::new(vec![v.clone(), Value::str(name)]);
                return self.call_value_inner(&hook, args).map(|_| ());
            }
        }
        self.del_attribute_generic(v, name)
    }

    /// `object.__delattr__`.
    pub(crate) fn del_attribute_generic(&mut self, v: &Value, name: &str) -> PyResult<()> {
        match v {
            Value::Instance(inst) => {
                if let Some(Value::Native(n)) = inst.class.lookup(name) {
                    let attr = Value::Native(n.clone());
                    if let Some(r) = n.descr_delete(self, &attr, v) {
                        return r;
                    }
                }
                let removed = inst.dict.borrow_mut().shift_remove(name);
                match removed {
                    Some(_) => Ok(()),
                    None => Err(no_attribute(&inst.class.name, name)),
                }
            }
            Value::Class(c) => {
                let removed = c.dict.borrow_mut().shift_remove(name);
                match removed {
                    Some(_) => Ok(()),
                    None => Err(PyErr::new(
                        Exc::AttributeError,
                        format!("type object '{}' has no attribute '{name}'", c.name),
                    )),
                }
            }
            other => Err(no_attribute(&other.type_name(), name)),
        }
    }

    /// `hasattr`: true unless looking the attribute up raises AttributeError.
    pub(crate) fn has_attribute(&mut self, v: &Value, name: &str) -> PyResult<bool> {
        match self.get_attribute(v, name) {
            Ok(_) => Ok(true),
            Err(e) if e.is(Exc::AttributeError) && !e.inner().uncatchable => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// `object.__setattr__` / `object.__delattr__` / `object.__init__`, as `super()` and the
/// `object` class give them.
pub(crate) fn object_method(name: &str) -> Option<Value> {
    let f: fn(&mut Interp, &[Value]) -> PyResult<Value> = match name {
        "__setattr__" => |i, a| match a {
            [this, Value::Str(n), v] => i
                .set_attribute_generic(this, n, v.clone())
                .map(|_| Value::None),
            _ => Err(PyErr::new(Exc::TypeError, "expected 3 arguments")),
        },
        "__delattr__" => |i, a| match a {
            [this, Value::Str(n)] => i.del_attribute_generic(this, n).map(|_| Value::None),
            _ => Err(PyErr::new(Exc::TypeError, "expected 2 arguments")),
        },
        "__init__" | "__init_subclass__" => |_, _| Ok(Value::None),
        _ => return None,
    };
    Some(crate::object::NativeMethod::value(
        name,
        move |vm, args| match vm.as_any_mut().downcast_mut::<Interp>() {
            Some(i) => f(i, &args.pos),
            None => Ok(Value::None),
        },
    ))
}

/// `__qualname__` of a class (`Outer.Inner` for nested classes).
pub(crate) fn qualname(c: &Class) -> Value {
    match c.dict.borrow().get("__qualname__") {
        Some(q @ Value::Str(_)) => q.clone(),
        _ => Value::Str(c.name.clone()),
    }
}

/// `obj.method` for a native object: a callable that runs `call_method` later.
fn bound_native_method(this: &Value, name: &str) -> Value {
    let target = this.clone();
    let method = name.to_string();
    crate::object::Builtin::bound(name, this.clone(), move |vm, mut args| {
        let Value::Native(n) = &target else {
            return Err(no_attribute(&target.type_name(), &method));
        };
        match n.clone().call_method(vm, &target, &method, &mut args) {
            Some(r) => r,
            None => Err(no_attribute(n.type_name(), &method)),
        }
    })
}

/// Python's message: `'Role' object has no attribute 'missing'`.
pub(crate) fn no_attribute(type_name: &str, name: &str) -> PyErr {
    PyErr::new(
        Exc::AttributeError,
        format!("'{type_name}' object has no attribute '{name}'"),
    )
}

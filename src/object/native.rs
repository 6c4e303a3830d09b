//! Objects implemented in Rust: the protocol they answer (attributes, calls, operators,
//! iteration, descriptors) and native functions.

use super::class::Class;
use super::dict::HashKey;
use super::exc::{Exc, PyErr};
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::any::Any;
use std::rc::Rc;

/// Arguments of a call: positional values, then keyword arguments in call order.
#[derive(Clone, Default)]
pub struct Args {
    pub pos: Vec<Value>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Args {
    pub fn new(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }

    pub fn none() -> Args {
        Args::default()
    }

    pub fn with_kw(mut self, name: &str, value: Value) -> Args {
        self.kw.push((name.into(), value));
        self
    }

    /// Removes and returns keyword argument `name`.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| &**k == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Takes the argument at position `index` or, failing that, keyword `name`.
    pub fn take(&mut self, index: usize, name: &str) -> Option<Value> {
        if let Some(v) = self.take_kw(name) {
            return Some(v);
        }
        self.pos.get(index).cloned()
    }

    /// Fails with Python's message unless the number of positional arguments is in range.
    pub fn expect_count(&self, func: &str, min: usize, max: usize) -> PyResult<()> {
        let n = self.pos.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let msg = if min == max {
            match min {
                0 => format!("{func}() takes no arguments ({n} given)"),
                1 => format!("{func}() takes exactly one argument ({n} given)"),
                _ => format!("{func}() takes exactly {min} arguments ({n} given)"),
            }
        } else if n < min {
            format!("{func}() takes at least {min} arguments ({n} given)")
        } else {
            format!("{func}() takes at most {max} arguments ({n} given)")
        };
        Err(PyErr::new(Exc::TypeError, msg))
    }

    /// Fails with Python's message if keyword arguments remain unconsumed.
    pub fn no_kwargs(&self, func: &str) -> PyResult<()> {
        match self.kw.first() {
            None => Ok(()),
            Some((k, _)) => Err(PyErr::new(
                Exc::TypeError,
                format!("{func}() got an unexpected keyword argument '{k}'"),
            )),
        }
    }
}

/// The signature of every function implemented in Rust.
pub type NativeFn = dyn Fn(&mut dyn Vm, Args) -> PyResult<Value>;

/// A function implemented in Rust: a builtin, or a method already bound to its object.
pub struct Builtin {
    pub name: Rc<str>,
    /// The object it is bound to (`[].append` → the list), for `repr`.
    pub bound: Option<Value>,
    pub func: Rc<NativeFn>,
}

impl Builtin {
    pub fn value(
        name: &str,
        func: impl Fn(&mut dyn Vm, Args) -> PyResult<Value> + 'static,
    ) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: name.into(),
            bound: None,
            func: Rc::new(func),
        }))
    }

    pub fn bound(
        name: &str,
        this: Value,
        func: impl Fn(&mut dyn Vm, Args) -> PyResult<Value> + 'static,
    ) -> Value {
        Value::Builtin(Rc::new(Builtin {
            name: name.into(),
            bound: Some(this),
            func: Rc::new(func),
        }))
    }
}

/// A method implemented in Rust, stored in a class dict (`BaseException.__init__`,
/// `Enum.__repr__`): looked up through an instance it binds to it, as a Python function
/// would.
pub struct NativeMethod {
    pub name: Rc<str>,
    pub func: Rc<NativeFn>,
}

impl NativeMethod {
    pub fn value(
        name: &str,
        func: impl Fn(&mut dyn Vm, Args) -> PyResult<Value> + 'static,
    ) -> Value {
        Value::native(NativeMethod {
            name: name.into(),
            func: Rc::new(func),
        })
    }
}

impl Object for NativeMethod {
    fn type_name(&self) -> &str {
        "method_descriptor"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<method '{}'>", self.name))
    }

    fn call(&self, vm: &mut dyn Vm, _this: &Value, args: Args) -> PyResult<Value> {
        (self.func)(vm, args)
    }

    fn descr_get(
        &self,
        _vm: &mut dyn Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        let Some(inst) = instance else {
            return Some(Ok(this.clone()));
        };
        let func = self.func.clone();
        let bound_to = inst.clone();
        Some(Ok(Builtin::bound(
            &self.name,
            inst.clone(),
            move |vm, mut args| {
                args.pos.insert(0, bound_to.clone());
                func(vm, args)
            },
        )))
    }
}

/// What a Rust-implemented object answers to. Every method has a default meaning "not
/// supported", so an object implements only what its Python counterpart has; the
/// interpreter then raises the error Python would.
pub trait Object: Any {
    /// The type's `__name__` (`Query`, `AppenderQuery`, `module`).
    fn type_name(&self) -> &str;

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String>;

    fn str(&self, vm: &mut dyn Vm) -> PyResult<String> {
        self.repr(vm)
    }

    /// `obj.name`: `Ok(None)` when there is no such attribute (the caller raises
    /// `AttributeError` with Python's wording).
    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, _name: &str) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// The AttributeError message when `getattr` finds nothing (default: Python's
    /// `'Type' object has no attribute 'name'`).
    fn getattr_error(&self, _name: &str) -> Option<String> {
        None
    }

    /// `obj.name = value`: `Ok(false)` when the attribute cannot be set.
    fn setattr(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _name: &str,
        _value: Value,
    ) -> PyResult<bool> {
        Ok(false)
    }

    /// `obj.name(args)` without building a bound method first; `None` falls back to
    /// `getattr` then call.
    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        None
    }

    /// Names `call_method` answers: `obj.name` then evaluates to a bound method.
    fn method_names(&self) -> &'static [&'static str] {
        &[]
    }

    /// `obj(args)`.
    fn call(&self, _vm: &mut dyn Vm, _this: &Value, _args: Args) -> PyResult<Value> {
        Err(PyErr::new(
            Exc::TypeError,
            format!("'{}' object is not callable", self.type_name()),
        ))
    }

    /// `this op other` (or `other op this` when `reflected`); `Ok(None)` is NotImplemented.
    fn binop(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _op: BinOp,
        _other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    fn unary(&self, _vm: &mut dyn Vm, _this: &Value, _op: UnaryOp) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// Rich comparison (`==`, `!=`, `<`, ...; never `is`/`in`); `Ok(None)` is NotImplemented
    /// (then `==` falls back to identity). `reflected` means `other op this` was written.
    fn compare(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _op: CmpOp,
        _other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }

    /// `bool(obj)`; by default true, or `len(obj) != 0` when it has a length.
    fn truthy(&self, vm: &mut dyn Vm) -> PyResult<bool> {
        match self.len(vm) {
            Some(n) => Ok(n? != 0),
            None => Ok(true),
        }
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        None
    }

    /// `iter(obj)`: an iterator object (whose `next` yields the items).
    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        None
    }

    /// `next(iterator)`: `Some(Ok(None))` when exhausted; `None` if this is not an iterator.
    fn next(&self, _vm: &mut dyn Vm) -> Option<PyResult<Option<Value>>> {
        None
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, _key: &Value) -> Option<PyResult<Value>> {
        None
    }

    fn setitem(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _key: &Value,
        _value: Value,
    ) -> Option<PyResult<()>> {
        None
    }

    fn delitem(&self, _vm: &mut dyn Vm, _this: &Value, _key: &Value) -> Option<PyResult<()>> {
        None
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, _item: &Value) -> Option<PyResult<bool>> {
        None
    }

    /// Descriptor protocol (`__get__`): called when this object is found in a class dict and
    /// looked up through an instance (`instance` is `Some`) or through the class itself.
    fn descr_get(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        None
    }

    /// `__set__`: a data descriptor takes precedence over the instance dict.
    fn descr_set(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _instance: &Value,
        _value: Value,
    ) -> Option<PyResult<()>> {
        None
    }

    /// `__delete__` (`del obj.attr` on a data descriptor).
    fn descr_delete(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _instance: &Value,
    ) -> Option<PyResult<()>> {
        None
    }

    fn is_data_descriptor(&self) -> bool {
        false
    }

    /// A value-based dict key (for objects equal by value); `None` hashes by identity.
    fn hash_key(&self) -> Option<HashKey> {
        None
    }

    /// `False` for objects whose `__hash__` is `None` (`hash(x)` raises TypeError).
    fn hashable(&self) -> bool {
        true
    }

    /// Attribute names for `dir()` and console completion.
    fn dir(&self) -> Vec<String> {
        Vec::new()
    }
}

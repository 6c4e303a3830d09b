//! The built-in types as class objects (`int`, `str`, `datetime`, `property`, ...):
//! `type()` and `isinstance()`.

use super::super::Interp;
use crate::object::class::AttrMap;
use crate::object::{Args, BuiltinType, Class, ClassHooks, Exc, PyErr, PyResult, Value, Vm};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

const TYPES: &[(BuiltinType, &str)] = &[
    (BuiltinType::Object, "object"),
    (BuiltinType::Type, "type"),
    (BuiltinType::NoneType, "NoneType"),
    (BuiltinType::Int, "int"),
    (BuiltinType::Bool, "bool"),
    (BuiltinType::Float, "float"),
    (BuiltinType::Str, "str"),
    (BuiltinType::Bytes, "bytes"),
    (BuiltinType::List, "list"),
    (BuiltinType::Tuple, "tuple"),
    (BuiltinType::Dict, "dict"),
    (BuiltinType::Set, "set"),
    (BuiltinType::FrozenSet, "frozenset"),
    (BuiltinType::Range, "range"),
    (BuiltinType::Function, "function"),
    (BuiltinType::Date, "date"),
    (BuiltinType::DateTime, "datetime"),
    (BuiltinType::Time, "time"),
    (BuiltinType::TimeDelta, "timedelta"),
    (BuiltinType::Decimal, "Decimal"),
];

thread_local! {
    static TYPE_CLASSES: Vec<Rc<Class>> = build_types();
    static NATIVE_TYPES: RefCell<HashMap<String, Rc<Class>>> = RefCell::new(HashMap::new());
}

fn build_types() -> Vec<Rc<Class>> {
    let mut out: Vec<Rc<Class>> = Vec::new();
    for (t, name) in TYPES {
        let module = match t {
            BuiltinType::Date
            | BuiltinType::DateTime
            | BuiltinType::Time
            | BuiltinType::TimeDelta => "datetime",
            BuiltinType::Decimal => "decimal",
            _ => "builtins",
        };
        let bases = match t {
            BuiltinType::Bool => vec![out[3].clone()],
            BuiltinType::DateTime => vec![out[15].clone()],
            _ => Vec::new(),
        };
        let mut c = Class::new(name, module, bases, AttrMap::new());
        c.builtin = Some(*t);
        out.push(Rc::new(c));
    }
    out
}

/// The class object of a built-in type (`int`, `datetime`, ...).
pub(crate) fn type_class(t: BuiltinType) -> Rc<Class> {
    TYPE_CLASSES.with(|c| {
        let i = TYPES.iter().position(|(x, _)| *x == t).unwrap_or(0);
        c[i].clone()
    })
}

/// Every built-in type bound in the builtins namespace.
pub(crate) fn builtin_type_names() -> Vec<(&'static str, Rc<Class>)> {
    TYPES
        .iter()
        .filter(|(t, _)| {
            !matches!(
                t,
                BuiltinType::NoneType
                    | BuiltinType::Function
                    | BuiltinType::Date
                    | BuiltinType::DateTime
                    | BuiltinType::Time
                    | BuiltinType::TimeDelta
                    | BuiltinType::Decimal
            )
        })
        .map(|(t, name)| (*name, type_class(*t)))
        .collect()
}

/// `type(v)`.
pub(crate) fn type_of(v: &Value) -> Rc<Class> {
    let t = match v {
        Value::None => BuiltinType::NoneType,
        Value::Bool(_) => BuiltinType::Bool,
        Value::Int(_) | Value::BigInt(_) => BuiltinType::Int,
        Value::Float(_) => BuiltinType::Float,
        Value::Str(_) => BuiltinType::Str,
        Value::Bytes(_) => BuiltinType::Bytes,
        Value::List(_) => BuiltinType::List,
        Value::Tuple(_) => BuiltinType::Tuple,
        Value::Dict(_) => BuiltinType::Dict,
        Value::Set(_) => BuiltinType::Set,
        Value::FrozenSet(_) => BuiltinType::FrozenSet,
        Value::Function(_) => BuiltinType::Function,
        Value::Date(_) => BuiltinType::Date,
        Value::DateTime(_) => BuiltinType::DateTime,
        Value::Time(_) => BuiltinType::Time,
        Value::TimeDelta(_) => BuiltinType::TimeDelta,
        Value::Class(c) => {
            return match &c.hooks {
                Some(h) => {
                    let (module, name) = h
                        .metaclass_name()
                        .unwrap_or(("flask_sqlalchemy.model", "DeclarativeMeta"));
                    if (module, name) == ("builtins", "type") {
                        type_class(BuiltinType::Type)
                    } else {
                        native_type(name, module)
                    }
                }
                None => type_class(BuiltinType::Type),
            }
        }
        Value::Instance(i) => return i.class.clone(),
        Value::Native(n) if n.type_name() == "range" => BuiltinType::Range,
        Value::Native(n) if n.type_name() == "Decimal" => BuiltinType::Decimal,
        Value::Native(n) if n.type_name() == "type" => BuiltinType::Type,
        other => return native_type(&other.type_name(), "builtins"),
    };
    type_class(t)
}

/// A class object standing for a Rust-implemented type (so `type(q).__name__` works).
pub(crate) fn native_type(name: &str, module: &str) -> Rc<Class> {
    NATIVE_TYPES.with(|m| {
        m.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| Rc::new(Class::new(name, module, Vec::new(), AttrMap::new())))
            .clone()
    })
}

/// A callable class standing for a Rust-implemented type (`property`, `staticmethod`):
/// calling it runs `ctor`, and `type()` of what it makes is this class.
pub(crate) fn constructor_class(
    name: &str,
    ctor: fn(&mut Interp, Args) -> PyResult<Value>,
) -> Rc<Class> {
    NATIVE_TYPES.with(|m| {
        m.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| {
                let mut c = Class::new(name, "builtins", Vec::new(), AttrMap::new());
                c.hooks = Some(Rc::new(Constructor(ctor)));
                Rc::new(c)
            })
            .clone()
    })
}

struct Constructor(fn(&mut Interp, Args) -> PyResult<Value>);

impl ClassHooks for Constructor {
    fn init_subclass(&self, _vm: &mut dyn Vm, class: &Rc<Class>) -> PyResult<()> {
        Err(PyErr::new(
            Exc::TypeError,
            format!(
                "subclasses of '{}' are not supported in the playground",
                class
                    .bases
                    .first()
                    .map(|b| b.name.to_string())
                    .unwrap_or_default()
            ),
        ))
    }

    fn instantiate(&self, vm: &mut dyn Vm, _class: &Rc<Class>, args: Args) -> PyResult<Value> {
        match vm.as_any_mut().downcast_mut::<Interp>() {
            Some(i) => (self.0)(i, args),
            None => Err(PyErr::new(
                Exc::RuntimeError,
                "builtins run only in the interpreter",
            )),
        }
    }

    fn metaclass_name(&self) -> Option<(&'static str, &'static str)> {
        Some(("builtins", "type"))
    }
}

/// `isinstance(v, class)` for one class.
pub(crate) fn is_instance(v: &Value, class: &Rc<Class>) -> bool {
    if class.builtin == Some(BuiltinType::Object) && &*class.module == "builtins" {
        return true;
    }
    let t = type_of(v);
    t.is_subclass(class)
}

//! The built-in types as class objects (`int`, `str`, `datetime`, `property`, ...): `type()`,
//! `isinstance()`, and what calling a type does (`int('5')`, `list(x)`, `dict(a=1)`).

use super::super::iter::Range;
use super::super::ops::{as_float, as_int, int_ref};
use super::super::Interp;
use super::convert::{parse_float, parse_int};
use crate::object::class::AttrMap;
use crate::object::{
    Args, BigInt, BuiltinType, Class, ClassHooks, Dict, Exc, Instance, PyDecimal, PyErr, PyResult,
    Value, Vm,
};
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

fn at_most(a: &Args, name: &str, max: usize) -> PyResult<()> {
    if a.pos.len() > max {
        return Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{name} expected at most {max} argument{}, got {}",
                if max == 1 { "" } else { "s" },
                a.pos.len()
            ),
        ));
    }
    Ok(())
}

fn no_kwargs(a: &Args, name: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        Ok(())
    } else {
        Err(PyErr::new(
            Exc::TypeError,
            format!("{name}() takes no keyword arguments"),
        ))
    }
}

/// An index-sized int argument (`range(n)`).
pub(crate) fn index_arg(v: &Value) -> PyResult<i64> {
    match (as_int(v), v) {
        (Some(n), _) => Ok(n),
        (None, Value::BigInt(_)) => Err(PyErr::new(
            Exc::OverflowError,
            "Python int too large to convert to C ssize_t",
        )),
        _ => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )),
    }
}

/// Calls of built-in type objects: `int('5')`, `list(x)`, `dict(a=1)`, `datetime(...)`.
pub(crate) fn construct(
    i: &mut Interp,
    t: BuiltinType,
    class: &Rc<Class>,
    mut a: Args,
) -> PyResult<Value> {
    let first = a.pos.first().cloned();
    match t {
        BuiltinType::Int => {
            at_most(&a, "int", 2)?;
            let base = a.take(1, "base");
            match (first, base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(s)), base) => {
                    let b = match &base {
                        Some(v) => index_arg(v)?,
                        None => 10,
                    };
                    if b != 0 && !(2..=36).contains(&b) {
                        return Err(PyErr::new(
                            Exc::ValueError,
                            "int() base must be >= 2 and <= 36, or 0",
                        ));
                    }
                    let parsed = parse_int(&s, b as u32).ok_or_else(|| {
                        PyErr::new(
                            Exc::ValueError,
                            format!(
                                "invalid literal for int() with base {b}: {}",
                                super::super::format::python_str_repr(&s)
                            ),
                        )
                    })?;
                    if parsed.bit_length() > 14_300 {
                        return Err(PyErr::new(
                            Exc::ValueError,
                            "Exceeds the limit (4300 digits) for integer string conversion: value has more digits; use sys.set_int_max_str_digits() to increase the limit",
                        ));
                    }
                    Ok(Value::from_bigint(parsed))
                }
                (Some(_), Some(_)) => Err(PyErr::new(
                    Exc::TypeError,
                    "int() can't convert non-string with explicit base",
                )),
                (Some(Value::Float(f)), None) => float_to_int(f),
                (Some(v), None) => {
                    if let Some(d) = v.downcast::<PyDecimal>() {
                        return Ok(Value::from_bigint(d.trunc()));
                    }
                    if int_ref(&v).is_some() {
                        return Ok(match v {
                            Value::Bool(b) => Value::Int(b as i64),
                            other => other,
                        });
                    }
                    if let Value::Instance(inst) = &v {
                        for name in ["__int__", "__index__"] {
                            if let Some(m) = inst.class.lookup(name) {
                                return i.call_value_inner(&m, Args::new(vec![v.clone()]));
                            }
                        }
                    }
                    Err(PyErr::new(
                        Exc::TypeError,
                        format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            v.type_name()
                        ),
                    ))
                }
            }
        }
        BuiltinType::Float => {
            at_most(&a, "float", 1)?;
            match first {
                None => Ok(Value::Float(0.0)),
                Some(Value::Str(s)) => parse_float(&s).map(Value::Float).ok_or_else(|| {
                    PyErr::new(
                        Exc::ValueError,
                        format!(
                            "could not convert string to float: {}",
                            super::super::format::python_str_repr(&s)
                        ),
                    )
                }),
                Some(v) => {
                    if let Some(d) = v.downcast::<PyDecimal>() {
                        return Ok(Value::Float(d.to_f64()));
                    }
                    if let Some(i) = int_ref(&v) {
                        return i.to_f64().map(Value::Float);
                    }
                    if let Value::Instance(inst) = &v {
                        if let Some(m) = inst.class.lookup("__float__") {
                            return i.call_value_inner(&m, Args::new(vec![v.clone()]));
                        }
                    }
                    as_float(&v).map(Value::Float).ok_or_else(|| {
                        PyErr::new(
                            Exc::TypeError,
                            format!(
                                "float() argument must be a string or a real number, not '{}'",
                                v.type_name()
                            ),
                        )
                    })
                }
            }
        }
        BuiltinType::Str => match a.pos.as_slice() {
            [] => Ok(Value::str("")),
            [v] => Ok(Value::Str(i.str_value(v)?.into())),
            [Value::Bytes(b), ..] => Ok(Value::Str(String::from_utf8_lossy(b).into())),
            [_, enc, ..] => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "str() argument 'encoding' must be str, not {}",
                    enc.type_name()
                ),
            )),
        },
        BuiltinType::Bool => {
            at_most(&a, "bool", 1)?;
            match first {
                None => Ok(Value::Bool(false)),
                Some(v) => Ok(Value::Bool(i.truth(&v)?)),
            }
        }
        BuiltinType::Bytes => match first {
            None => Ok(Value::Bytes(Vec::new().into())),
            Some(Value::Str(s)) => Ok(Value::Bytes(s.as_bytes().into())),
            Some(Value::Int(n)) if n >= 0 => {
                i.check_len(n as usize)?;
                Ok(Value::Bytes(vec![0u8; n as usize].into()))
            }
            Some(v) => {
                let mut out = Vec::new();
                for x in i.collect_iterable(&v)? {
                    match as_int(&x) {
                        Some(b) if (0..256).contains(&b) => out.push(b as u8),
                        _ => {
                            return Err(PyErr::new(
                                Exc::ValueError,
                                "bytes must be in range(0, 256)",
                            ))
                        }
                    }
                }
                Ok(Value::Bytes(out.into()))
            }
        },
        BuiltinType::List => {
            at_most(&a, "list", 1)?;
            Ok(Value::list(match first {
                None => Vec::new(),
                Some(v) => i.collect_iterable(&v)?,
            }))
        }
        BuiltinType::Tuple => {
            at_most(&a, "tuple", 1)?;
            Ok(match first {
                None => Value::tuple(Vec::new()),
                Some(t @ Value::Tuple(_)) => t,
                Some(v) => Value::tuple(i.collect_iterable(&v)?),
            })
        }
        BuiltinType::Set => {
            at_most(&a, "set", 1)?;
            no_kwargs(&a, "set")?;
            Ok(Value::set(match first {
                None => Default::default(),
                Some(v) => i.set_from(&v)?,
            }))
        }
        BuiltinType::FrozenSet => {
            at_most(&a, "frozenset", 1)?;
            Ok(match first {
                Some(f @ Value::FrozenSet(_)) => f,
                None => Value::FrozenSet(Rc::new(Default::default())),
                Some(v) => Value::FrozenSet(Rc::new(i.set_from(&v)?)),
            })
        }
        BuiltinType::Dict => {
            at_most(&a, "dict", 1)?;
            let d = Rc::new(RefCell::new(Dict::new()));
            let kw = std::mem::take(&mut a.kw);
            i.dict_update(&d, first.as_ref(), kw)?;
            Ok(Value::Dict(d))
        }
        BuiltinType::Range => {
            no_kwargs(&a, "range")?;
            let ints = a
                .pos
                .iter()
                .map(index_arg)
                .collect::<PyResult<Vec<i64>>>()?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                [] => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        "range expected at least 1 argument, got 0",
                    ))
                }
                _ => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("range expected at most 3 arguments, got {}", ints.len()),
                    ))
                }
            };
            if step == 0 {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "range() arg 3 must not be zero",
                ));
            }
            Ok(Value::native(Range { start, stop, step }))
        }
        BuiltinType::Type => match a.pos.len() {
            1 => Ok(Value::Class(type_of(&a.pos[0]))),
            3 => Err(PyErr::new(
                Exc::TypeError,
                "type() with three arguments is not supported in the playground",
            )),
            _ => Err(PyErr::new(Exc::TypeError, "type() takes 1 or 3 arguments")),
        },
        BuiltinType::Object => {
            if !a.pos.is_empty() || !a.kw.is_empty() {
                return Err(PyErr::new(Exc::TypeError, "object() takes no arguments"));
            }
            Ok(Value::Instance(Rc::new(Instance::new(class.clone()))))
        }
        BuiltinType::Decimal => {
            at_most(&a, "Decimal", 2)?;
            let d = match first {
                None => PyDecimal::from_i64(0),
                Some(Value::Str(s)) => PyDecimal::parse(&s)?,
                Some(Value::Int(n)) => PyDecimal::from_i64(n),
                Some(Value::Bool(b)) => PyDecimal::from_i64(b as i64),
                Some(Value::BigInt(b)) => PyDecimal::from_bigint(&b),
                Some(Value::Float(f)) => PyDecimal::from_f64(f).ok_or_else(|| {
                    PyErr::new(
                        Exc::ValueError,
                        "Infinity and NaN Decimals are not supported in the playground",
                    )
                })?,
                Some(v) => match v.downcast::<PyDecimal>() {
                    Some(d) => d.clone(),
                    None => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "conversion from {} to Decimal is not supported",
                                v.type_name()
                            ),
                        ))
                    }
                },
            };
            Ok(PyDecimal::value(d))
        }
        BuiltinType::Date | BuiltinType::DateTime | BuiltinType::Time | BuiltinType::TimeDelta => {
            super::super::datetime::construct(t, a)
        }
        _ => Err(PyErr::new(
            Exc::TypeError,
            format!("cannot create '{}' instances", class.name),
        )),
    }
}

/// `int(float)`: truncation, with CPython's errors for infinities and NaN.
pub(crate) fn float_to_int(f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(PyErr::new(
            Exc::ValueError,
            "cannot convert float NaN to integer",
        ));
    }
    BigInt::from_f64(f).map(Value::from_bigint).ok_or_else(|| {
        PyErr::new(
            Exc::OverflowError,
            "cannot convert float infinity to integer",
        )
    })
}

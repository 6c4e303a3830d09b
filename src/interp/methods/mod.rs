//! Methods and attributes of built-in types: `str`, `list`, `dict`, `set`, `tuple`, numbers,
//! bytes and date/time values, reached as `value.method` or `type.method`.

mod dict;
mod dunder;
mod list;
mod set;
mod str;
mod str_layout;

pub(crate) use list::sort_values;

use super::ops::{as_int, int_ref, IntRef};
use super::Interp;
use crate::object::{Args, Builtin, BuiltinType, Class, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::Rc;

const TUPLE_METHODS: &[&str] = &["count", "index"];
const INT_METHODS: &[&str] = &["bit_length", "conjugate", "is_integer"];
const FLOAT_METHODS: &[&str] = &["is_integer", "conjugate", "as_integer_ratio"];
const BYTES_METHODS: &[&str] = &["decode", "hex", "upper", "lower", "startswith", "endswith"];

/// Method names of a built-in value (for `dir()`, completion and attribute lookup).
pub(crate) fn names(v: &Value) -> &'static [&'static str] {
    match v {
        Value::Str(_) => str::METHODS,
        Value::List(_) => list::METHODS,
        Value::Dict(_) => dict::METHODS,
        Value::Set(_) => set::METHODS,
        Value::FrozenSet(_) => set::FROZEN_METHODS,
        Value::Tuple(_) => TUPLE_METHODS,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => INT_METHODS,
        Value::Float(_) => FLOAT_METHODS,
        Value::Bytes(_) => BYTES_METHODS,
        _ => &[],
    }
}

/// `v.name` for built-in values: a bound method, or a data attribute.
pub(crate) fn attribute(_i: &mut Interp, v: &Value, name: &str) -> Option<PyResult<Value>> {
    if let Some(r) = super::datetime::attribute(v, name) {
        return Some(r);
    }
    match (v, name) {
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), "real" | "numerator") => {
            return Some(Ok(match v {
                Value::Bool(b) => Value::Int(*b as i64),
                other => other.clone(),
            }))
        }
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), "imag") => {
            return Some(Ok(Value::Int(0)))
        }
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), "denominator") => {
            return Some(Ok(Value::Int(1)))
        }
        (Value::Float(f), "real") => return Some(Ok(Value::Float(*f))),
        (Value::Float(_), "imag") => return Some(Ok(Value::Float(0.0))),
        _ => {}
    }
    if let Some(r) = dunder::dunder(v, name) {
        return Some(Ok(r));
    }
    if !names(v).contains(&name) {
        return None;
    }
    let this = v.clone();
    let method = name.to_string();
    Some(Ok(Builtin::bound(name, v.clone(), move |vm, mut args| {
        let i = interp(vm)?;
        match call(i, &this, &method, &mut args) {
            Some(r) => r,
            None => Err(super::attr::no_attribute(&this.type_name(), &method)),
        }
    })))
}

pub(super) fn interp(vm: &mut dyn Vm) -> PyResult<&mut Interp> {
    vm.as_any_mut()
        .downcast_mut::<Interp>()
        .ok_or_else(|| PyErr::new(Exc::RuntimeError, "methods run only in the interpreter"))
}

/// Class-level attributes of built-in types: `datetime.now`, `dict.fromkeys`, `str.join`.
pub(crate) fn type_attribute(
    _i: &mut Interp,
    c: &Rc<Class>,
    name: &str,
) -> Option<PyResult<Value>> {
    let t = c.builtin?;
    if t == BuiltinType::Object {
        return super::attr::object_method(name).map(Ok);
    }
    if let Some(v) = super::datetime::class_attribute(t, name) {
        return Some(Ok(v));
    }
    if (t, name) == (BuiltinType::Dict, "fromkeys") {
        return Some(Ok(Builtin::value("fromkeys", |vm, a| {
            let i = interp(vm)?;
            let keys = i.collect_iterable(a.pos.first().unwrap_or(&Value::None))?;
            let value = a.pos.get(1).cloned().unwrap_or(Value::None);
            let mut d = crate::object::Dict::new();
            for k in keys {
                let hk = i.hash_key(&k)?;
                d.insert(hk, k, value.clone());
            }
            Ok(Value::dict(d))
        })));
    }
    let probe = match t {
        BuiltinType::Str => Value::str(""),
        BuiltinType::List => Value::list(vec![]),
        BuiltinType::Dict => Value::dict(crate::object::Dict::new()),
        BuiltinType::Set => Value::set(crate::object::PySet::new()),
        BuiltinType::Tuple => Value::tuple(vec![]),
        BuiltinType::Int => Value::Int(0),
        BuiltinType::Float => Value::Float(0.0),
        _ => return None,
    };
    if !names(&probe).contains(&name) {
        return None;
    }
    Some(Ok(Value::native(MethodDescriptor {
        type_name: c.name.clone(),
        name: name.into(),
    })))
}

/// `str.join`, `list.append`: an unbound method of a built-in type.
struct MethodDescriptor {
    type_name: Rc<str>,
    name: Rc<str>,
}

impl Object for MethodDescriptor {
    fn type_name(&self) -> &str {
        "method_descriptor"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "<method '{}' of '{}' objects>",
            self.name, self.type_name
        ))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "__name__" => Some(Value::Str(self.name.clone())),
            "__qualname__" => Some(Value::str(&format!("{}.{}", self.type_name, self.name))),
            _ => None,
        })
    }

    fn call(&self, vm: &mut dyn Vm, _this: &Value, mut args: Args) -> PyResult<Value> {
        let i = interp(vm)?;
        if args.pos.is_empty() {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "unbound method {}.{}() needs an argument",
                    self.type_name, self.name
                ),
            ));
        }
        let this = args.pos.remove(0);
        if this.type_name() != self.type_name {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    self.name,
                    self.type_name,
                    this.type_name()
                ),
            ));
        }
        match call(i, &this, &self.name, &mut args) {
            Some(r) => r,
            None => Err(super::attr::no_attribute(&this.type_name(), &self.name)),
        }
    }
}

/// Fails unless a method got no arguments (`str.upper() takes no arguments (1 given)`).
pub(crate) fn no_args(args: &Args, qual: &str) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("{qual}() takes no keyword arguments"),
        ));
    }
    if !args.pos.is_empty() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("{qual}() takes no arguments ({} given)", args.pos.len()),
        ));
    }
    Ok(())
}

/// Fails unless a method got exactly one positional argument.
pub(crate) fn one_arg(args: &Args, qual: &str) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("{qual}() takes no keyword arguments"),
        ));
    }
    match args.pos.as_slice() {
        [one] => Ok(one.clone()),
        other => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{qual}() takes exactly one argument ({} given)",
                other.len()
            ),
        )),
    }
}

/// Fails unless the number of positional arguments is in range, in the wording of
/// argument-clinic methods (`get expected at least 1 argument, got 0`).
pub(crate) fn arg_range(args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        return Err(PyErr::new(
            Exc::TypeError,
            if min == max {
                format!("{name} expected {min} argument{}, got {n}", plural(min))
            } else {
                format!(
                    "{name} expected at least {min} argument{}, got {n}",
                    plural(min)
                )
            },
        ));
    }
    if n > max {
        return Err(PyErr::new(
            Exc::TypeError,
            if min == max {
                format!("{name} expected {max} argument{}, got {n}", plural(max))
            } else {
                format!(
                    "{name} expected at most {max} argument{}, got {n}",
                    plural(max)
                )
            },
        ));
    }
    Ok(())
}

/// `v.name(args)` for built-in values; `None` if the type has no such method.
pub(crate) fn call(
    i: &mut Interp,
    v: &Value,
    name: &str,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    if !names(v).contains(&name) {
        let attr = super::datetime::attribute(v, name)?;
        return Some(attr.and_then(|f| i.call_value_inner(&f, std::mem::take(args))));
    }
    Some(match v {
        Value::Str(s) => str::call(i, s, name, args),
        Value::List(l) => list::call(i, l, name, args),
        Value::Dict(d) => dict::call(i, d, name, args),
        Value::Set(_) | Value::FrozenSet(_) => set::call(i, v, name, args),
        Value::Tuple(t) => list::count_index(i, t, name, args, "tuple"),
        Value::Float(f) => match name {
            "is_integer" => no_args(args, "float.is_integer")
                .map(|_| Value::Bool(f.is_finite() && f.fract() == 0.0)),
            "conjugate" => Ok(Value::Float(*f)),
            _ => float_ratio(*f),
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match name {
            "bit_length" => Ok(Value::Int(match int_ref(v) {
                Some(IntRef::Small(n)) => 64 - n.unsigned_abs().leading_zeros() as i64,
                Some(IntRef::Big(b)) => b.bit_length() as i64,
                None => 0,
            })),
            "is_integer" => Ok(Value::Bool(true)),
            _ => Ok(match v {
                Value::Bool(b) => Value::Int(*b as i64),
                other => other.clone(),
            }),
        },
        Value::Bytes(b) => bytes_method(b, name, args),
        _ => return None,
    })
}

fn float_ratio(f: f64) -> PyResult<Value> {
    if !f.is_finite() {
        return Err(PyErr::new(
            if f.is_nan() {
                Exc::ValueError
            } else {
                Exc::OverflowError
            },
            if f.is_nan() {
                "cannot convert NaN to integer ratio"
            } else {
                "cannot convert Infinity to integer ratio"
            },
        ));
    }
    let mut num = f;
    let mut den: i64 = 1;
    while num.fract() != 0.0 && den < (1 << 60) {
        num *= 2.0;
        den *= 2;
    }
    Ok(Value::tuple(vec![
        crate::object::BigInt::from_f64(num)
            .map(Value::from_bigint)
            .unwrap_or(Value::Int(0)),
        Value::Int(den),
    ]))
}

fn bytes_method(b: &Rc<[u8]>, name: &str, args: &Args) -> PyResult<Value> {
    Ok(match name {
        "decode" => {
            return String::from_utf8(b.to_vec())
                .map(|s| Value::str(&s))
                .map_err(|e| {
                    PyErr::new(
                        Exc::UnicodeDecodeError,
                        format!(
                            "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                            b.get(e.utf8_error().valid_up_to()).copied().unwrap_or(0),
                            e.utf8_error().valid_up_to()
                        ),
                    )
                })
        }
        "hex" => Value::str(&b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
        "upper" => Value::Bytes(b.to_ascii_uppercase().into()),
        "lower" => Value::Bytes(b.to_ascii_lowercase().into()),
        _ => {
            let prefix = match args.pos.first() {
                Some(Value::Bytes(p)) => p.clone(),
                _ => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("{name} first arg must be bytes or a tuple of bytes"),
                    ))
                }
            };
            Value::Bool(if name == "startswith" {
                b.starts_with(&prefix)
            } else {
                b.ends_with(&prefix)
            })
        }
    })
}

/// An int argument of a method (`'s'.center(5)`), with CPython's TypeError.
pub(crate) fn int_arg(v: &Value) -> PyResult<i64> {
    as_int(v).ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )
    })
}

//! What calling a built-in type does: `int('5')`, `float(x)`, `str(b, enc)`, `list(x)`,
//! `dict(a=1)`, `range(...)`, `Decimal('1.50')`, `datetime(...)`, with CPython's messages.

use super::super::ops::{as_float, as_int, int_ref};
use super::super::range::Range;
use super::super::Interp;
use super::convert::{parse_float, parse_int};
use super::types::type_of;
use crate::object::{
    Args, BigInt, BuiltinType, Class, Dict, Exc, Instance, PyDecimal, PyErr, PyResult, Value,
};
use std::cell::RefCell;
use std::rc::Rc;

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

//! Text formatting exactly as CPython does it: `repr` of str and float, `format()` and the
//! format-spec mini-language, `%` formatting and `str.format`.

mod percent;
mod spec;
mod strformat;
mod text;

pub(crate) use text::{ascii, is_printable};
pub use text::{format_float_repr, python_str_repr};

use super::Interp;
use crate::object::{Args, BigInt, Exc, PyDecimal, PyErr, PyResult, Value};
use spec::{format_decimal, format_float, format_int, format_str, parse_spec};

impl Interp {
    /// `format(value, spec)`.
    pub(crate) fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match v {
            Value::Bool(_) if spec.is_empty() => self.str_value(v),
            Value::Int(i) => format_int(&BigInt::from_i64(*i), &parse_spec(spec)?),
            Value::Bool(b) => format_int(&BigInt::from_i64(*b as i64), &parse_spec(spec)?),
            Value::BigInt(b) => {
                if spec.is_empty() {
                    return self.int_to_str(b);
                }
                format_int(b, &parse_spec(spec)?)
            }
            Value::Float(f) => format_float(*f, &parse_spec(spec)?),
            Value::Str(s) => format_str(s, &parse_spec(spec)?),
            Value::Date(_) | Value::DateTime(_) | Value::Time(_) if !spec.is_empty() => {
                super::datetime::strftime(v, spec)
            }
            Value::Native(n) if n.type_name() == "Decimal" => match v.downcast::<PyDecimal>() {
                Some(d) => format_decimal(d, &parse_spec(spec)?),
                None => self.str_value(v),
            },
            Value::Instance(inst) if inst.class.lookup("__format__").is_some() => {
                let m = inst.class.lookup("__format__").unwrap_or(Value::None);
                let r = self.call_value_inner(&m, Args::new(vec![v.clone(), Value::str(spec)]))?;
                match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(PyErr::new(
                        Exc::TypeError,
                        format!("__format__ must return a str, not {}", other.type_name()),
                    )),
                }
            }
            _ => {
                if spec.is_empty() {
                    return self.str_value(v);
                }
                Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "unsupported format string passed to {}.__format__",
                        super::ops::tp_name(v)
                    ),
                ))
            }
        }
    }
}

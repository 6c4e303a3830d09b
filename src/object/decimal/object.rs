//! How a Decimal behaves as a Python object: repr/str, operators, comparisons with ints
//! and floats, hashing and its methods.

use super::PyDecimal;
use crate::object::dict::HashKey;
use crate::object::exc::{Exc, PyErr};
use crate::object::native::Object;
use crate::object::value::Value;
use crate::object::vm::Vm;
use crate::object::{BigInt, PyResult};
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::cmp::Ordering;

/// `Decimal.as_tuple()`: `DecimalTuple(sign=0, digits=(3, 1, 4), exponent=-2)`.
struct DecimalTuple(PyDecimal);

impl Object for DecimalTuple {
    fn type_name(&self) -> &str {
        "DecimalTuple"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        let digits: Vec<String> = self
            .0
            .coeff
            .to_string_radix(10)
            .chars()
            .map(String::from)
            .collect();
        let digits = if digits.len() == 1 {
            format!("({},)", digits[0])
        } else {
            format!("({})", digits.join(", "))
        };
        Ok(format!(
            "DecimalTuple(sign={}, digits={digits}, exponent={})",
            self.0.neg as u8, self.0.exp
        ))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "sign" => Some(Value::Int(self.0.neg as i64)),
            "exponent" => Some(Value::Int(self.0.exp)),
            "digits" => Some(Value::tuple(
                self.0
                    .coeff
                    .to_string_radix(10)
                    .chars()
                    .map(|c| Value::Int(c.to_digit(10).unwrap_or(0) as i64))
                    .collect(),
            )),
            _ => None,
        })
    }
}

/// `hash(Decimal)` as CPython computes it (equal to the hash of an equal int or float).
pub fn decimal_hash(d: &PyDecimal) -> i64 {
    crate::object::hash::hash_decimal(d.neg, &d.coeff, d.exp)
}

impl Object for PyDecimal {
    fn type_name(&self) -> &str {
        "Decimal"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("Decimal('{}')", self.to_sci_string()))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.to_sci_string())
    }

    fn binop(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        op: BinOp,
        other: &Value,
        reflected: bool,
    ) -> PyResult<Option<Value>> {
        let Some(o) = PyDecimal::operand(other) else {
            return Ok(None);
        };
        let r = if reflected {
            o.arith(op, self)?
        } else {
            self.arith(op, &o)?
        };
        Ok(r.map(PyDecimal::value))
    }

    fn unary(&self, _vm: &mut dyn Vm, _this: &Value, op: UnaryOp) -> PyResult<Option<Value>> {
        Ok(match op {
            UnaryOp::USub => Some(PyDecimal::value(PyDecimal::new(
                !self.neg && !self.is_zero(),
                self.coeff.clone(),
                self.exp,
            ))),
            UnaryOp::UAdd => Some(PyDecimal::value(self.clone())),
            _ => None,
        })
    }

    fn compare(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        op: CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        let o = match other {
            Value::Float(f) => PyDecimal::from_f64(*f),
            _ => PyDecimal::operand(other),
        };
        let Some(o) = o else {
            return Ok(None);
        };
        let ord = self.cmp(&o);
        Ok(Some(Value::Bool(match op {
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::NotEq => ord != Ordering::Equal,
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::LtE => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::GtE => ord != Ordering::Less,
            _ => return Ok(None),
        })))
    }

    fn truthy(&self, _vm: &mut dyn Vm) -> PyResult<bool> {
        Ok(!self.is_zero())
    }

    fn hash_key(&self) -> Option<HashKey> {
        let integral = self.quantize_unbounded(0);
        if self.cmp(&integral) == Ordering::Equal {
            return HashKey::of(&Value::from_bigint(self.trunc()));
        }
        let f = self.to_f64();
        if PyDecimal::from_f64(f).is_some_and(|d| d.cmp(self) == Ordering::Equal) {
            return Some(HashKey::Float(f.to_bits()));
        }
        let normal = self
            .div(&PyDecimal::from_i64(1))
            .unwrap_or_else(|_| self.clone());
        Some(HashKey::Decimal(normal.to_sci_string().into()))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "real" => Some(PyDecimal::value(self.clone())),
            "imag" => Some(PyDecimal::value(PyDecimal::from_i64(0))),
            _ => None,
        })
    }

    fn method_names(&self) -> &'static [&'static str] {
        &[
            "quantize",
            "is_zero",
            "is_signed",
            "to_integral_value",
            "normalize",
            "copy_abs",
            "sqrt",
            "as_tuple",
        ]
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        args: &mut crate::object::native::Args,
    ) -> Option<PyResult<Value>> {
        Some(match name {
            "quantize" => match args.pos.first().and_then(PyDecimal::operand) {
                Some(q) => self.quantize(q.exp).map(PyDecimal::value),
                None => Err(PyErr::new(
                    Exc::TypeError,
                    "conversion from NoneType to Decimal is not supported",
                )),
            },
            "is_zero" => Ok(Value::Bool(self.is_zero())),
            "sqrt" => self.sqrt().map(PyDecimal::value),
            "as_tuple" => Ok(Value::native(DecimalTuple(self.clone()))),
            "is_signed" => Ok(Value::Bool(self.neg)),
            "to_integral_value" => Ok(PyDecimal::value(self.quantize_unbounded(0.max(self.exp)))),
            "normalize" => {
                let mut d = self.clone();
                let ten = BigInt::from_i64(10);
                while !d.is_zero() {
                    let (q, r) = d.coeff.divmod(&ten).unwrap_or_default();
                    if !r.is_zero() {
                        break;
                    }
                    d.coeff = q;
                    d.exp += 1;
                }
                if d.is_zero() {
                    d.exp = 0;
                }
                Ok(PyDecimal::value(d))
            }
            "copy_abs" => Ok(PyDecimal::value(PyDecimal::new(
                false,
                self.coeff.clone(),
                self.exp,
            ))),
            _ => return None,
        })
    }
}

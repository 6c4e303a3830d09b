//! Arithmetic on `bool`, `int` (64-bit, growing into big integers past that), and `float`,
//! with CPython's results, rounding and error messages.

use super::super::Interp;
use crate::object::{BigInt, Exc, PyErr, PyResult, Value};
use crate::python::ast::{BinOp, UnaryOp};
use std::borrow::Cow;

/// An integer operand: 64-bit or big.
#[derive(Clone)]
pub(crate) enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn big(&self) -> Cow<'_, BigInt> {
        match self {
            IntRef::Small(i) => Cow::Owned(BigInt::from_i64(*i)),
            IntRef::Big(b) => Cow::Borrowed(b),
        }
    }

    fn is_zero(&self) -> bool {
        match self {
            IntRef::Small(i) => *i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    fn is_negative(&self) -> bool {
        match self {
            IntRef::Small(i) => *i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }

    fn bits(&self) -> u64 {
        match self {
            IntRef::Small(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
            IntRef::Big(b) => b.bit_length(),
        }
    }

    pub(crate) fn to_f64(&self) -> PyResult<f64> {
        let f = match self {
            IntRef::Small(i) => *i as f64,
            IntRef::Big(b) => b.to_f64(),
        };
        if f.is_finite() {
            Ok(f)
        } else {
            Err(PyErr::new(
                Exc::OverflowError,
                "int too large to convert to float",
            ))
        }
    }
}

pub(crate) fn int_ref(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(*b as i64)),
        Value::BigInt(b) => Some(IntRef::Big(b)),
        _ => None,
    }
}

pub(crate) fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// An index-sized integer (`seq[i]`, `range(n)`, `x * n`); big ints do not qualify.
pub(crate) fn as_index(v: &Value) -> Option<i64> {
    as_int(v)
}

pub(crate) fn as_float(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(*b as i64 as f64),
        Value::Float(f) => Some(*f),
        Value::BigInt(b) => Some(b.to_f64()),
        _ => None,
    }
}

fn zero_div(m: &str) -> PyErr {
    PyErr::new(Exc::ZeroDivisionError, m.to_string())
}

impl Interp {
    /// Arithmetic between numbers; `Ok(None)` when an operand is not a number.
    pub(crate) fn numeric_binop(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (int_ref(a), int_ref(b)) {
            return self.int_op(op, x, y).map(Some);
        }
        let is_num = |v: &Value| matches!(v, Value::Float(_)) || int_ref(v).is_some();
        if !(is_num(a) && is_num(b)) {
            return Ok(None);
        }
        let to_f = |v: &Value| -> PyResult<f64> {
            match (v, int_ref(v)) {
                (Value::Float(f), _) => Ok(*f),
                (_, Some(i)) => i.to_f64(),
                _ => Ok(0.0),
            }
        };
        float_op(op, to_f(a)?, to_f(b)?).map(Some)
    }

    /// Fails with MemoryError when an integer result would exceed the playground's limit.
    fn check_bits(&self, bits: u64) -> PyResult<()> {
        if bits > self.limits.max_int_bits {
            return Err(PyErr::limit(
                Exc::MemoryError,
                format!(
                    "an integer of about {bits} bits is over the playground's limit of {} bits",
                    self.limits.max_int_bits
                ),
            ));
        }
        Ok(())
    }

    pub(crate) fn int_op(&mut self, op: BinOp, x: IntRef, y: IntRef) -> PyResult<Value> {
        if let (IntRef::Small(a), IntRef::Small(b)) = (&x, &y) {
            if let Some(v) = small_int_op(op, *a, *b)? {
                return Ok(v);
            }
        }
        let big = |b: BigInt| Value::from_bigint(b);
        Ok(match op {
            BinOp::Add => big(x.big().add(&y.big())),
            BinOp::Sub => big(x.big().sub(&y.big())),
            BinOp::Mult => {
                self.check_bits(x.bits() + y.bits())?;
                big(x.big().mul(&y.big()))
            }
            BinOp::Div => {
                if y.is_zero() {
                    return Err(zero_div("division by zero"));
                }
                Value::Float(true_divide(&x.big(), &y.big())?)
            }
            BinOp::FloorDiv | BinOp::Mod => {
                let Some((q, r)) = x.big().divmod(&y.big()) else {
                    return Err(zero_div(if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    }));
                };
                big(if op == BinOp::Mod { r } else { q })
            }
            BinOp::Pow => {
                if y.is_negative() {
                    if x.is_zero() {
                        return Err(zero_div("0.0 cannot be raised to a negative power"));
                    }
                    return float_op(BinOp::Pow, x.to_f64()?, y.to_f64()?);
                }
                let exp = match (&x, &y) {
                    (_, IntRef::Small(e)) => *e as u64,
                    // Only 0, 1 and -1 survive a huge exponent.
                    (IntRef::Small(0), _) => return Ok(Value::Int(0)),
                    (IntRef::Small(1), _) => return Ok(Value::Int(1)),
                    (IntRef::Small(-1), IntRef::Big(b)) => {
                        return Ok(Value::Int(if b.mag_mod(2) == 0 { 1 } else { -1 }))
                    }
                    _ => u64::MAX,
                };
                if x.bits() > 1 {
                    self.check_bits((x.bits() - 1).saturating_mul(exp))?;
                }
                big(x.big().pow(exp))
            }
            BinOp::LShift | BinOp::RShift => {
                if y.is_negative() {
                    return Err(PyErr::new(Exc::ValueError, "negative shift count"));
                }
                let n = match y {
                    IntRef::Small(n) => n as u64,
                    IntRef::Big(_) => u64::MAX,
                };
                if op == BinOp::LShift {
                    if x.is_zero() {
                        return Ok(Value::Int(0));
                    }
                    self.check_bits(x.bits().saturating_add(n))?;
                    big(x.big().shl(n as usize))
                } else if n >= x.bits() {
                    Value::Int(if x.is_negative() { -1 } else { 0 })
                } else {
                    big(x.big().shr(n as usize))
                }
            }
            BinOp::BitAnd => big(x.big().bitop(&y.big(), b'&')),
            BinOp::BitOr => big(x.big().bitop(&y.big(), b'|')),
            BinOp::BitXor => big(x.big().bitop(&y.big(), b'^')),
            BinOp::MatMult => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "unsupported operand type(s) for @: 'int' and 'int'",
                ))
            }
        })
    }
}

/// 64-bit arithmetic; `Ok(None)` when the result needs a big integer.
fn small_int_op(op: BinOp, x: i64, y: i64) -> PyResult<Option<Value>> {
    Ok(match op {
        BinOp::Add => x.checked_add(y).map(Value::Int),
        BinOp::Sub => x.checked_sub(y).map(Value::Int),
        BinOp::Mult => x.checked_mul(y).map(Value::Int),
        BinOp::Div => {
            if y == 0 {
                return Err(zero_div("division by zero"));
            }
            if x.unsigned_abs() < 1 << 53 && y.unsigned_abs() < 1 << 53 {
                Some(Value::Float(x as f64 / y as f64))
            } else {
                None
            }
        }
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(zero_div("integer division or modulo by zero"));
            }
            x.checked_div_euclid(y).map(|_| Value::Int(floor_div(x, y)))
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(zero_div("integer modulo by zero"));
            }
            x.checked_rem(y).map(|r| {
                Value::Int(if r != 0 && ((r < 0) != (y < 0)) {
                    r + y
                } else {
                    r
                })
            })
        }
        BinOp::Pow if y >= 0 => u32::try_from(y)
            .ok()
            .and_then(|e| x.checked_pow(e))
            .map(Value::Int),
        BinOp::LShift if (0..63).contains(&y) => x.checked_mul(1i64 << y).map(Value::Int),
        BinOp::RShift if (0..64).contains(&y) => Some(Value::Int(x >> y.min(63))),
        BinOp::BitAnd => Some(Value::Int(x & y)),
        BinOp::BitOr => Some(Value::Int(x | y)),
        BinOp::BitXor => Some(Value::Int(x ^ y)),
        _ => None,
    })
}

fn floor_div(x: i64, y: i64) -> i64 {
    let q = x.wrapping_div(y);
    if (x % y != 0) && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    }
}

/// `a / b` for integers too large for exact float conversion.
fn true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    let (fa, fb) = (a.to_f64(), b.to_f64());
    if fa.is_finite() && fb.is_finite() {
        return Ok(fa / fb);
    }
    let shift = a.bit_length().max(b.bit_length()).saturating_sub(1000) as usize;
    let (fa, fb) = (a.shr(shift).to_f64(), b.shr(shift).to_f64());
    let r = fa / fb;
    if r.is_finite() && fb != 0.0 {
        Ok(r)
    } else {
        Err(PyErr::new(
            Exc::OverflowError,
            "integer division result too large for a float",
        ))
    }
}

pub(crate) fn float_op(op: BinOp, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mult => x * y,
        BinOp::Div => {
            if y == 0.0 {
                return Err(zero_div("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(zero_div("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(zero_div("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(zero_div("0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "complex numbers are not supported in the playground",
                ));
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(PyErr::new(
                    Exc::OverflowError,
                    "(34, 'Numerical result out of range')",
                ));
            }
            r
        }
        _ => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                ),
            ))
        }
    }))
}

/// CPython's `float.__divmod__` (floor division and a remainder with the divisor's sign).
pub(crate) fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `-x`, `+x`, `~x` for numbers; `None` if `v` is not one.
pub(crate) fn unary(op: UnaryOp, v: &Value) -> Option<PyResult<Value>> {
    let i = int_ref(v);
    Some(Ok(match (op, v, i) {
        (UnaryOp::USub, Value::Float(f), _) => Value::Float(-f),
        (UnaryOp::UAdd, Value::Float(f), _) => Value::Float(*f),
        (UnaryOp::USub, _, Some(IntRef::Small(n))) => match n.checked_neg() {
            Some(m) => Value::Int(m),
            None => Value::from_bigint(BigInt::from_i64(n).neg()),
        },
        (UnaryOp::USub, _, Some(IntRef::Big(b))) => Value::from_bigint(b.neg()),
        (UnaryOp::UAdd, _, Some(IntRef::Small(n))) => Value::Int(n),
        (UnaryOp::UAdd, _, Some(IntRef::Big(_))) => v.clone(),
        (UnaryOp::Invert, _, Some(IntRef::Small(n))) => Value::Int(!n),
        (UnaryOp::Invert, _, Some(IntRef::Big(b))) => {
            Value::from_bigint(b.neg().sub(&BigInt::from_i64(1)))
        }
        _ => return None,
    }))
}

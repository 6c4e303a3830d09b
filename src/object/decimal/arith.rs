//! Decimal arithmetic in Python's default context: exact where the result fits 28
//! significant digits, else rounded half to even, with the ideal exponents CPython's
//! `decimal` module gives.

use super::{digits, signal, ten_pow, PyDecimal, PREC};
use crate::object::exc::Exc;
use crate::object::value::Value;
use crate::object::{BigInt, PyResult};
use crate::python::ast::BinOp;
use std::cmp::Ordering;

impl PyDecimal {
    /// Rounds to the context precision, half to even (CPython's `_fix`).
    pub(crate) fn fix(self) -> PyDecimal {
        let n = digits(&self.coeff);
        if n <= PREC {
            return self;
        }
        let drop = (n - PREC) as u64;
        let (mut q, r) = self.coeff.divmod(&ten_pow(drop)).unwrap_or_default();
        let half = BigInt::from_i64(5).mul(&ten_pow(drop - 1));
        let odd = q.mag_mod(2) == 1;
        if r > half || (r == half && odd) {
            q = q.add(&BigInt::from_i64(1));
        }
        let mut exp = self.exp + drop as i64;
        if digits(&q) > PREC {
            q = q.divmod(&BigInt::from_i64(10)).unwrap_or_default().0;
            exp += 1;
        }
        PyDecimal::new(self.neg, q, exp)
    }

    /// Both coefficients at the smaller exponent.
    pub(crate) fn aligned(&self, o: &PyDecimal) -> (BigInt, BigInt, i64) {
        let exp = self.exp.min(o.exp);
        let a = self.signed().mul(&ten_pow((self.exp - exp) as u64));
        let b = o.signed().mul(&ten_pow((o.exp - exp) as u64));
        (a, b, exp)
    }

    pub(crate) fn cmp(&self, o: &PyDecimal) -> Ordering {
        let (a, b, _) = self.aligned(o);
        a.cmp(&b)
    }

    pub(crate) fn add(&self, o: &PyDecimal) -> PyDecimal {
        let (a, b, exp) = self.aligned(o);
        let sum = a.add(&b);
        let mut r = PyDecimal::from_signed(sum, exp);
        if r.is_zero() {
            r.neg = self.neg && o.neg;
        }
        r.fix()
    }

    pub(crate) fn mul(&self, o: &PyDecimal) -> PyDecimal {
        PyDecimal::new(
            self.neg != o.neg,
            self.coeff.mul(&o.coeff),
            self.exp + o.exp,
        )
        .fix()
    }

    pub(crate) fn div(&self, o: &PyDecimal) -> PyResult<PyDecimal> {
        let neg = self.neg != o.neg;
        if o.is_zero() {
            return Err(if self.is_zero() {
                signal(Exc::InvalidOperation, "DivisionUndefined")
            } else {
                signal(Exc::DivisionByZero, "DivisionByZero")
            });
        }
        if self.is_zero() {
            return Ok(PyDecimal::new(neg, BigInt::zero(), self.exp - o.exp));
        }
        let shift = digits(&o.coeff) as i64 - digits(&self.coeff) as i64 + PREC as i64 + 1;
        let mut exp = self.exp - o.exp - shift;
        let (mut coeff, rem) = if shift >= 0 {
            self.coeff
                .mul(&ten_pow(shift as u64))
                .divmod(&o.coeff)
                .unwrap_or_default()
        } else {
            self.coeff
                .divmod(&o.coeff.mul(&ten_pow((-shift) as u64)))
                .unwrap_or_default()
        };
        let ten = BigInt::from_i64(10);
        if !rem.is_zero() {
            if coeff
                .divmod(&BigInt::from_i64(5))
                .unwrap_or_default()
                .1
                .is_zero()
            {
                coeff = coeff.add(&BigInt::from_i64(1));
            }
        } else {
            let ideal = self.exp - o.exp;
            while exp < ideal {
                let (q, r) = coeff.divmod(&ten).unwrap_or_default();
                if !r.is_zero() {
                    break;
                }
                coeff = q;
                exp += 1;
            }
        }
        Ok(PyDecimal::new(neg, coeff, exp).fix())
    }

    /// Integer quotient (truncated toward zero) and remainder (sign of the dividend).
    pub(crate) fn divmod(&self, o: &PyDecimal) -> PyResult<(PyDecimal, PyDecimal)> {
        if o.is_zero() {
            return Err(if self.is_zero() {
                signal(Exc::InvalidOperation, "DivisionUndefined")
            } else {
                signal(Exc::DivisionByZero, "DivisionByZero")
            });
        }
        let (a, b, exp) = self.aligned(o);
        let q = a.abs().divmod(&b.abs()).unwrap_or_default().0;
        let q = if a.is_negative() != b.is_negative() {
            q.neg()
        } else {
            q
        };
        let r = a.sub(&q.mul(&b));
        let mut rem = PyDecimal::from_signed(r, exp);
        if rem.is_zero() {
            rem.neg = self.neg;
        }
        Ok((PyDecimal::from_signed(q, 0), rem.fix()))
    }

    /// `d.sqrt()`: correctly rounded to the context precision, exact results at the ideal
    /// exponent (half the operand's).
    pub fn sqrt(&self) -> PyResult<PyDecimal> {
        if self.neg && !self.is_zero() {
            return Err(signal(Exc::InvalidOperation, "InvalidOperation"));
        }
        let ideal = self.exp.div_euclid(2);
        if self.is_zero() {
            return Ok(PyDecimal::new(self.neg, BigInt::zero(), ideal));
        }
        let (mut c, mut e) = (self.coeff.clone(), self.exp);
        if e.rem_euclid(2) == 1 {
            c = c.mul(&BigInt::from_i64(10));
            e -= 1;
        }
        let shift = (2 * (PREC as i64 + 1) - digits(&c) as i64).max(0);
        let shift = shift + shift % 2;
        let scaled = c.mul(&ten_pow(shift as u64));
        let mut r = isqrt(&scaled);
        let mut exp = (e - shift) / 2;
        let exact = r.mul(&r) == scaled;
        if exact {
            let ten = BigInt::from_i64(10);
            while exp < ideal {
                let (q, rem) = r.divmod(&ten).unwrap_or_default();
                if !rem.is_zero() {
                    break;
                }
                r = q;
                exp += 1;
            }
        } else if r
            .divmod(&BigInt::from_i64(5))
            .unwrap_or_default()
            .1
            .is_zero()
        {
            r = r.add(&BigInt::from_i64(1));
        }
        Ok(PyDecimal::new(false, r, exp).fix())
    }

    /// A Decimal operand: another Decimal, an int or a bool.
    pub(crate) fn operand(v: &Value) -> Option<PyDecimal> {
        match v {
            Value::Int(i) => Some(PyDecimal::from_i64(*i)),
            Value::Bool(b) => Some(PyDecimal::from_i64(*b as i64)),
            Value::BigInt(b) => Some(PyDecimal::from_bigint(b)),
            other => other.downcast::<PyDecimal>().cloned(),
        }
    }

    pub(crate) fn pow(&self, o: &PyDecimal) -> PyResult<PyDecimal> {
        let integral = o.exp >= 0 || o.cmp(&o.quantize_unbounded(0)) == Ordering::Equal;
        if !integral {
            return PyDecimal::from_f64(self.to_f64().powf(o.to_f64()))
                .map(|d| d.fix())
                .ok_or_else(|| signal(Exc::InvalidOperation, "InvalidOperation"));
        }
        let n = o.trunc();
        let Some(k) = n.abs().to_i64().filter(|k| *k <= 10_000) else {
            return Err(signal(Exc::InvalidOperation, "Overflow"));
        };
        let mut acc = PyDecimal::from_i64(1);
        let base = if n.is_negative() {
            PyDecimal::from_i64(1).div(self)?
        } else {
            self.clone()
        };
        for _ in 0..k {
            acc = acc.mul(&base);
        }
        Ok(acc)
    }

    pub(crate) fn arith(&self, op: BinOp, o: &PyDecimal) -> PyResult<Option<PyDecimal>> {
        Ok(Some(match op {
            BinOp::Add => self.add(o),
            BinOp::Sub => self.add(&PyDecimal::new(!o.neg, o.coeff.clone(), o.exp)),
            BinOp::Mult => self.mul(o),
            BinOp::Div => self.div(o)?,
            BinOp::FloorDiv => self.divmod(o)?.0,
            BinOp::Mod => {
                if o.is_zero() {
                    return Err(signal(Exc::InvalidOperation, "InvalidOperation"));
                }
                self.divmod(o)?.1
            }
            BinOp::Pow => self.pow(o)?,
            _ => return Ok(None),
        }))
    }
}

/// The integer square root (floor) by Newton's method.
pub(crate) fn isqrt(n: &BigInt) -> BigInt {
    if n.is_zero() {
        return BigInt::zero();
    }
    let mut x = BigInt::from_i64(1).shl((n.bit_length() / 2 + 1) as usize);
    loop {
        let y = x.add(&n.divmod(&x).unwrap_or_default().0).shr(1);
        if y >= x {
            return x;
        }
        x = y;
    }
}

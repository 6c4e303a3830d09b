//! `decimal.Decimal`, as `db.Numeric` columns return it: sign, an integer coefficient and a
//! decimal exponent, with Python's default context (28 significant digits, round half to
//! even). Its `repr`, arithmetic and comparisons follow the `decimal` module.

mod arith;
mod object;

pub use object::decimal_hash;

use super::bigint::BigInt;
use super::exc::{Exc, PyErr};
use super::value::Value;
use super::PyResult;

/// Significant digits of arithmetic results (Python's default context).
pub(crate) const PREC: usize = 28;

/// A decimal number: `(-1)**neg * coeff * 10**exp`.
#[derive(Clone, Debug)]
pub struct PyDecimal {
    pub neg: bool,
    pub coeff: BigInt,
    pub exp: i64,
}

pub(crate) fn ten_pow(n: u64) -> BigInt {
    BigInt::from_i64(10).pow(n)
}

pub(crate) fn digits(b: &BigInt) -> usize {
    if b.is_zero() {
        1
    } else {
        b.to_string_radix(10).trim_start_matches('-').len()
    }
}

/// `decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]` and friends.
pub(crate) fn signal(kind: Exc, condition: &str) -> PyErr {
    PyErr::new(kind, format!("[<class 'decimal.{condition}'>]"))
}

impl PyDecimal {
    pub fn new(neg: bool, coeff: BigInt, exp: i64) -> PyDecimal {
        PyDecimal { neg, coeff, exp }
    }

    /// A Decimal value.
    pub fn value(d: PyDecimal) -> Value {
        Value::native(d)
    }

    pub fn from_i64(i: i64) -> PyDecimal {
        PyDecimal::new(i < 0, BigInt::from_i64(i).abs(), 0)
    }

    pub fn from_bigint(b: &BigInt) -> PyDecimal {
        PyDecimal::new(b.is_negative(), b.abs(), 0)
    }

    /// The exact value of a float (`Decimal(0.1)` has 55 digits).
    pub fn from_f64(x: f64) -> Option<PyDecimal> {
        if !x.is_finite() {
            return None;
        }
        let bits = x.abs().to_bits();
        let raw_exp = ((bits >> 52) & 0x7ff) as i64;
        let mut mantissa = bits & ((1 << 52) - 1);
        let mut exp2 = if raw_exp == 0 {
            -1074
        } else {
            mantissa |= 1 << 52;
            raw_exp - 1075
        };
        while mantissa != 0 && mantissa & 1 == 0 && exp2 < 0 {
            mantissa >>= 1;
            exp2 += 1;
        }
        let m = BigInt::from_i64(mantissa as i64);
        let neg = x.is_sign_negative();
        Some(if exp2 >= 0 {
            PyDecimal::new(neg, m.shl(exp2 as usize), 0)
        } else {
            let k = (-exp2) as u64;
            PyDecimal::new(neg, m.mul(&BigInt::from_i64(5).pow(k)), -(k as i64))
        })
    }

    /// Parses Python's decimal literal syntax (`'1.50'`, `'-2e3'`, `' 7 '`).
    pub fn parse(text: &str) -> PyResult<PyDecimal> {
        let bad = || signal(Exc::InvalidOperation, "ConversionSyntax");
        let t = text.trim();
        let (neg, rest) = match t.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (mantissa, exp_part) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], Some(&rest[i + 1..])),
            None => (rest, None),
        };
        let (int_part, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let valid = |s: &str| {
            s.chars().all(|c| c.is_ascii_digit() || c == '_')
                && !s.starts_with('_')
                && !s.ends_with('_')
                && !s.contains("__")
        };
        if (int_part.is_empty() && frac.is_empty()) || !valid(int_part) || !valid(frac) {
            return Err(bad());
        }
        let mut exp = match exp_part {
            Some(e) => {
                let e = e.strip_prefix('+').unwrap_or(e);
                if e.is_empty() || !valid(e.trim_start_matches('-')) {
                    return Err(bad());
                }
                e.replace('_', "").parse::<i64>().map_err(|_| bad())?
            }
            None => 0,
        };
        exp -= frac.replace('_', "").len() as i64;
        let all: String = format!("{int_part}{frac}").replace('_', "");
        let coeff = BigInt::parse(if all.is_empty() { "0" } else { &all }, 10).ok_or_else(bad)?;
        if coeff.bit_length() > 4096 {
            return Err(PyErr::limit(
                Exc::MemoryError,
                "a Decimal with that many digits is over the playground's limit",
            ));
        }
        Ok(PyDecimal::new(neg, coeff, exp))
    }

    pub fn is_zero(&self) -> bool {
        self.coeff.is_zero()
    }

    /// The signed coefficient.
    pub(crate) fn signed(&self) -> BigInt {
        if self.neg {
            self.coeff.neg()
        } else {
            self.coeff.clone()
        }
    }

    pub(crate) fn from_signed(v: BigInt, exp: i64) -> PyDecimal {
        PyDecimal::new(v.is_negative(), v.abs(), exp)
    }

    /// Rounds to exponent `exp` (half to even), as `quantize` and `round(d, n)` do.
    pub fn quantize(&self, exp: i64) -> PyResult<PyDecimal> {
        let r = if exp <= self.exp {
            PyDecimal::new(
                self.neg,
                self.coeff.mul(&ten_pow((self.exp - exp) as u64)),
                exp,
            )
        } else {
            let drop = (exp - self.exp) as u64;
            let (mut q, r) = self.coeff.divmod(&ten_pow(drop)).unwrap_or_default();
            let half = BigInt::from_i64(5).mul(&ten_pow(drop - 1));
            if r > half || (r == half && q.mag_mod(2) == 1) {
                q = q.add(&BigInt::from_i64(1));
            }
            PyDecimal::new(self.neg, q, exp)
        };
        if digits(&r.coeff) > PREC {
            return Err(signal(Exc::InvalidOperation, "InvalidOperation"));
        }
        Ok(r)
    }

    /// The integral value, truncated toward zero (`int(d)`).
    pub fn trunc(&self) -> BigInt {
        let v = if self.exp >= 0 {
            self.coeff.mul(&ten_pow(self.exp as u64))
        } else {
            self.coeff
                .divmod(&ten_pow((-self.exp) as u64))
                .unwrap_or_default()
                .0
        };
        if self.neg {
            v.neg()
        } else {
            v
        }
    }

    pub fn to_f64(&self) -> f64 {
        self.to_sci_string().parse().unwrap_or(f64::NAN)
    }

    /// Python's `str(Decimal)`: plain notation unless the exponent is positive or the
    /// number is very small, then `1.23E+5`.
    pub fn to_sci_string(&self) -> String {
        let c = self.coeff.to_string_radix(10);
        let sign = if self.neg { "-" } else { "" };
        let adjusted = self.exp + c.len() as i64 - 1;
        if self.exp <= 0 && adjusted >= -6 {
            if self.exp == 0 {
                return format!("{sign}{c}");
            }
            let point = c.len() as i64 + self.exp;
            return if point > 0 {
                let (a, b) = c.split_at(point as usize);
                format!("{sign}{a}.{b}")
            } else {
                format!("{sign}0.{}{c}", "0".repeat((-point) as usize))
            };
        }
        let (first, rest) = c.split_at(1);
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if adjusted >= 0 { "+" } else { "" };
        format!("{sign}{mant}E{esign}{adjusted}")
    }

    /// Fixed-point text with exactly `places` digits after the point (for `:.2f`).
    pub fn to_fixed(&self, places: usize) -> PyResult<String> {
        let q = self.quantize_unbounded(-(places as i64));
        let c = q.coeff.to_string_radix(10);
        let sign = if q.neg { "-" } else { "" };
        if places == 0 {
            return Ok(format!("{sign}{c}"));
        }
        let c = format!("{}{c}", "0".repeat((places + 1).saturating_sub(c.len())));
        let (a, b) = c.split_at(c.len() - places);
        Ok(format!("{sign}{a}.{b}"))
    }

    pub(crate) fn quantize_unbounded(&self, exp: i64) -> PyDecimal {
        if exp <= self.exp {
            return PyDecimal::new(
                self.neg,
                self.coeff.mul(&ten_pow((self.exp - exp).min(4096) as u64)),
                exp,
            );
        }
        let drop = (exp - self.exp).min(4096) as u64;
        let (mut q, r) = self.coeff.divmod(&ten_pow(drop)).unwrap_or_default();
        let half = BigInt::from_i64(5).mul(&ten_pow(drop - 1));
        if r > half || (r == half && q.mag_mod(2) == 1) {
            q = q.add(&BigInt::from_i64(1));
        }
        PyDecimal::new(self.neg, q, exp)
    }
}

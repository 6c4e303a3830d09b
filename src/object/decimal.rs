//! `decimal.Decimal`, as `db.Numeric` columns return it: sign, an integer coefficient and a
//! decimal exponent, with Python's default context (28 significant digits, round half to
//! even). Its `repr`, arithmetic and comparisons follow the `decimal` module.

use super::bigint::BigInt;
use super::dict::HashKey;
use super::exc::{Exc, PyErr};
use super::native::Object;
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use crate::python::ast::{BinOp, CmpOp, UnaryOp};
use std::cmp::Ordering;

/// Significant digits of arithmetic results (Python's default context).
const PREC: usize = 28;

/// A decimal number: `(-1)**neg * coeff * 10**exp`.
#[derive(Clone, Debug)]
pub struct PyDecimal {
    pub neg: bool,
    pub coeff: BigInt,
    pub exp: i64,
}

fn ten_pow(n: u64) -> BigInt {
    BigInt::from_i64(10).pow(n)
}

fn digits(b: &BigInt) -> usize {
    if b.is_zero() {
        1
    } else {
        b.to_string_radix(10).trim_start_matches('-').len()
    }
}

/// `decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]` and friends.
fn signal(kind: Exc, condition: &str) -> PyErr {
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
    fn signed(&self) -> BigInt {
        if self.neg {
            self.coeff.neg()
        } else {
            self.coeff.clone()
        }
    }

    fn from_signed(v: BigInt, exp: i64) -> PyDecimal {
        PyDecimal::new(v.is_negative(), v.abs(), exp)
    }

    /// Rounds to the context precision, half to even (CPython's `_fix`).
    fn fix(self) -> PyDecimal {
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
    fn aligned(&self, o: &PyDecimal) -> (BigInt, BigInt, i64) {
        let exp = self.exp.min(o.exp);
        let a = self.signed().mul(&ten_pow((self.exp - exp) as u64));
        let b = o.signed().mul(&ten_pow((o.exp - exp) as u64));
        (a, b, exp)
    }

    fn cmp(&self, o: &PyDecimal) -> Ordering {
        let (a, b, _) = self.aligned(o);
        a.cmp(&b)
    }

    fn add(&self, o: &PyDecimal) -> PyDecimal {
        let (a, b, exp) = self.aligned(o);
        let sum = a.add(&b);
        let mut r = PyDecimal::from_signed(sum, exp);
        if r.is_zero() {
            r.neg = self.neg && o.neg;
        }
        r.fix()
    }

    fn mul(&self, o: &PyDecimal) -> PyDecimal {
        PyDecimal::new(
            self.neg != o.neg,
            self.coeff.mul(&o.coeff),
            self.exp + o.exp,
        )
        .fix()
    }

    fn div(&self, o: &PyDecimal) -> PyResult<PyDecimal> {
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
    fn divmod(&self, o: &PyDecimal) -> PyResult<(PyDecimal, PyDecimal)> {
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

    fn quantize_unbounded(&self, exp: i64) -> PyDecimal {
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
    fn operand(v: &Value) -> Option<PyDecimal> {
        match v {
            Value::Int(i) => Some(PyDecimal::from_i64(*i)),
            Value::Bool(b) => Some(PyDecimal::from_i64(*b as i64)),
            Value::BigInt(b) => Some(PyDecimal::from_bigint(b)),
            other => other.downcast::<PyDecimal>().cloned(),
        }
    }

    fn pow(&self, o: &PyDecimal) -> PyResult<PyDecimal> {
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

    fn arith(&self, op: BinOp, o: &PyDecimal) -> PyResult<Option<PyDecimal>> {
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
        args: &mut super::native::Args,
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

/// The integer square root (floor) by Newton's method.
fn isqrt(n: &BigInt) -> BigInt {
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
    super::hash::hash_decimal(d.neg, &d.coeff, d.exp)
}

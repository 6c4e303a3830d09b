//! Integers beyond 64 bits (Python's ints are unbounded): sign and magnitude in base-2³²
//! limbs. Small and dependency-free; the interpreter keeps values that fit in `i64` as
//! `Value::Int` and uses this only past that range, so speed matters less than size.

mod mag;

use mag::{add_mag, cmp_mag, divrem_mag, divrem_small, mul_mag, shl_mag, shr_mag, sub_mag, trim};
use std::cmp::Ordering;

/// An arbitrary-precision integer. Invariant: no trailing zero limbs; zero is not negative.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct BigInt {
    neg: bool,
    /// Little-endian limbs of the magnitude.
    mag: Vec<u32>,
}

impl BigInt {
    pub fn zero() -> BigInt {
        BigInt::default()
    }

    fn from_parts(neg: bool, mag: Vec<u32>) -> BigInt {
        let mag = trim(mag);
        BigInt {
            neg: neg && !mag.is_empty(),
            mag,
        }
    }

    pub fn from_i64(v: i64) -> BigInt {
        BigInt::from_i128(v as i128)
    }

    pub fn from_i128(v: i128) -> BigInt {
        let mut m = v.unsigned_abs();
        let mut mag = Vec::new();
        while m > 0 {
            mag.push(m as u32);
            m >>= 32;
        }
        BigInt::from_parts(v < 0, mag)
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        if self.mag.len() > 2 {
            return None;
        }
        let m = self
            .mag
            .iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 32) | x as u64);
        if self.neg {
            if m <= i64::MAX as u64 + 1 {
                Some((m as i128).wrapping_neg() as i64)
            } else {
                None
            }
        } else {
            i64::try_from(m).ok()
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mag.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Number of bits of the magnitude (`int.bit_length()`).
    pub fn bit_length(&self) -> u64 {
        match self.mag.last() {
            None => 0,
            Some(top) => (self.mag.len() as u64 - 1) * 32 + (32 - top.leading_zeros() as u64),
        }
    }

    pub fn neg(&self) -> BigInt {
        BigInt::from_parts(!self.neg, self.mag.clone())
    }

    pub fn abs(&self) -> BigInt {
        BigInt::from_parts(false, self.mag.clone())
    }

    pub fn add(&self, o: &BigInt) -> BigInt {
        if self.neg == o.neg {
            return BigInt::from_parts(self.neg, add_mag(&self.mag, &o.mag));
        }
        match cmp_mag(&self.mag, &o.mag) {
            Ordering::Less => BigInt::from_parts(o.neg, sub_mag(&o.mag, &self.mag)),
            _ => BigInt::from_parts(self.neg, sub_mag(&self.mag, &o.mag)),
        }
    }

    pub fn sub(&self, o: &BigInt) -> BigInt {
        self.add(&o.neg())
    }

    pub fn mul(&self, o: &BigInt) -> BigInt {
        BigInt::from_parts(self.neg != o.neg, mul_mag(&self.mag, &o.mag))
    }

    /// Floor division and modulo as Python defines them; `None` for a zero divisor.
    pub fn divmod(&self, o: &BigInt) -> Option<(BigInt, BigInt)> {
        if o.is_zero() {
            return None;
        }
        let (q, r) = divrem_mag(&self.mag, &o.mag);
        let mut q = BigInt::from_parts(self.neg != o.neg, q);
        let mut r = BigInt::from_parts(self.neg, r);
        if !r.is_zero() && r.neg != o.neg {
            q = q.sub(&BigInt::from_i64(1));
            r = r.add(o);
        }
        Some((q, r))
    }

    /// `self ** exp` for a non-negative exponent.
    pub fn pow(&self, mut exp: u64) -> BigInt {
        let mut base = self.clone();
        let mut acc = BigInt::from_i64(1);
        while exp > 0 {
            if exp & 1 == 1 {
                acc = acc.mul(&base);
            }
            exp >>= 1;
            if exp > 0 {
                base = base.mul(&base);
            }
        }
        acc
    }

    pub fn shl(&self, bits: usize) -> BigInt {
        BigInt::from_parts(self.neg, shl_mag(&self.mag, bits))
    }

    /// Arithmetic shift right (rounds toward negative infinity, as Python's `>>`).
    pub fn shr(&self, bits: usize) -> BigInt {
        if !self.neg {
            return BigInt::from_parts(false, shr_mag(&self.mag, bits));
        }
        // -((|x| - 1) >> n) - 1
        let m1 = sub_mag(&self.mag, &[1]);
        BigInt::from_parts(false, shr_mag(&m1, bits))
            .add(&BigInt::from_i64(1))
            .neg()
    }

    /// Two's-complement limbs, sign-extended to `len` limbs.
    fn twos(&self, len: usize) -> Vec<u32> {
        let mut v = self.mag.clone();
        v.resize(len, 0);
        if self.neg {
            let mut carry = 1u64;
            for x in v.iter_mut() {
                let t = (!*x) as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
        }
        v
    }

    fn from_twos(v: Vec<u32>) -> BigInt {
        let neg = v.last().is_some_and(|x| x >> 31 == 1);
        if !neg {
            return BigInt::from_parts(false, v);
        }
        let mut m = v;
        let mut carry = 1u64;
        for x in m.iter_mut() {
            let t = (!*x) as u64 + carry;
            *x = t as u32;
            carry = t >> 32;
        }
        BigInt::from_parts(true, m)
    }

    /// `&`, `|`, `^` on two's-complement values (`op` is `b'&'`, `b'|'` or `b'^'`).
    pub fn bitop(&self, o: &BigInt, op: u8) -> BigInt {
        let len = self.mag.len().max(o.mag.len()) + 1;
        let (a, b) = (self.twos(len), o.twos(len));
        let out = a
            .iter()
            .zip(&b)
            .map(|(x, y)| match op {
                b'&' => x & y,
                b'|' => x | y,
                _ => x ^ y,
            })
            .collect();
        BigInt::from_twos(out)
    }

    /// Parses digits in `radix` (2..=36), with optional sign and `_` separators already
    /// validated by the caller; `None` if a digit is out of range.
    pub fn parse(text: &str, radix: u32) -> Option<BigInt> {
        let (neg, digits) = match text.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        if digits.is_empty() {
            return None;
        }
        let mut mag: Vec<u32> = Vec::new();
        for c in digits.chars().filter(|c| *c != '_') {
            let d = c.to_digit(radix)?;
            let mut carry = d as u64;
            for x in mag.iter_mut() {
                let t = *x as u64 * radix as u64 + carry;
                *x = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                mag.push(carry as u32);
            }
        }
        Some(BigInt::from_parts(neg, mag))
    }

    /// Digits in `radix` (2..=36), lowercase, with a leading `-` when negative.
    pub fn to_string_radix(&self, radix: u32) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let (chunk, width) = match radix {
            10 => (1_000_000_000u32, 9),
            16 => (1 << 28, 7),
            8 => (1 << 30, 10),
            2 => (1 << 31, 31),
            _ => (radix, 1),
        };
        let mut parts = Vec::new();
        let mut m = self.mag.clone();
        while !m.is_empty() {
            let (q, r) = divrem_small(&m, chunk);
            parts.push(r);
            m = q;
        }
        let mut out = String::new();
        if self.neg {
            out.push('-');
        }
        let digits = |mut v: u32| -> String {
            let mut s = Vec::new();
            while v > 0 {
                s.push(std::char::from_digit(v % radix, radix).unwrap_or('?'));
                v /= radix;
            }
            s.iter().rev().collect()
        };
        for (i, p) in parts.iter().rev().enumerate() {
            let d = digits(*p);
            if i > 0 {
                out.push_str(&"0".repeat(width - d.len()));
            }
            out.push_str(&d);
        }
        out
    }

    /// The nearest float (correctly rounded); infinite when out of range.
    pub fn to_f64(&self) -> f64 {
        self.to_string_radix(10).parse().unwrap_or(f64::NAN)
    }

    /// The integer part of a finite float.
    pub fn from_f64(x: f64) -> Option<BigInt> {
        if !x.is_finite() {
            return None;
        }
        let t = x.trunc();
        if t.abs() < 9.0e18 {
            return Some(BigInt::from_i64(t as i64));
        }
        let bits = t.abs().to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
        let m = BigInt::from_i64(mantissa as i64);
        let v = if exp >= 0 {
            m.shl(exp as usize)
        } else {
            m.shr((-exp) as usize)
        };
        Some(if t < 0.0 { v.neg() } else { v })
    }

    /// The magnitude modulo `m` (for Python's numeric hash).
    pub fn mag_mod(&self, m: u64) -> u64 {
        self.mag
            .iter()
            .rev()
            .fold(0u128, |acc, &x| ((acc << 32) | x as u128) % m as u128) as u64
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &BigInt) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigInt {
    fn cmp(&self, o: &BigInt) -> Ordering {
        match (self.neg, o.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => cmp_mag(&self.mag, &o.mag),
            (true, true) => cmp_mag(&o.mag, &self.mag),
        }
    }
}

impl std::fmt::Display for BigInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_radix(10))
    }
}

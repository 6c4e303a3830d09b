//! CPython's hash values (`hash()`), which also decide where a set stores its items and so
//! the order a set prints in. Numbers hash exactly as CPython's do (equal numbers of any type
//! hash alike, modulo 2⁶¹−1); tuples use CPython's xxHash-based combination. Strings and
//! bytes use a fixed hash of our own: CPython randomises theirs per process, so no program
//! can depend on it.

use super::bigint::BigInt;
use super::dict::HashKey;

/// CPython's `_PyHASH_MODULUS` (2⁶¹ − 1) and bit count.
const MODULUS: u64 = (1 << 61) - 1;
const BITS: u32 = 61;
const INF: i64 = 314_159;

fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(int)`.
pub fn hash_int(i: i64) -> i64 {
    let m = (i.unsigned_abs() % MODULUS) as i64;
    fix(if i < 0 { -m } else { m })
}

/// `hash(int)` for a big integer.
pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = b.mag_mod(MODULUS) as i64;
    fix(if b.is_negative() { -m } else { m })
}

/// `hash(float)` (`_Py_HashDouble`); NaN hashes to 0 here (CPython hashes it by identity).
pub fn hash_float(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { INF } else { -INF };
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | x >> (BITS - 28);
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS as i32
    } else {
        BITS as i32 - 1 - ((-1 - e) % BITS as i32)
    } as u32;
    x = ((x << e) & MODULUS) | x >> (BITS - e);
    fix((x as i64).wrapping_mul(sign))
}

/// C's `frexp`: `v = m * 2^e` with `0.5 <= |m| < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `hash(Decimal)` for `(-1)**negative * coeff * 10**exp` (CPython's `Decimal.__hash__`),
/// which agrees with the hash of an equal int or float.
pub fn hash_decimal(negative: bool, coeff: &BigInt, exp: i64) -> i64 {
    let p = MODULUS as u128;
    let factor = if exp >= 0 {
        pow_mod(10, exp as u128, p)
    } else {
        let inv10 = pow_mod(10, MODULUS as u128 - 2, p);
        pow_mod(inv10, exp.unsigned_abs() as u128, p)
    };
    let h = (coeff.mag_mod(MODULUS) as u128) * factor % p;
    let h = h as i64;
    fix(if negative { -h } else { h })
}

fn pow_mod(mut b: u128, mut e: u128, m: u128) -> u128 {
    let mut acc = 1u128;
    b %= m;
    while e > 0 {
        if e & 1 == 1 {
            acc = acc * b % m;
        }
        b = b * b % m;
        e >>= 1;
    }
    acc
}

/// CPython's tuple hash over the hashes of the items.
pub fn hash_tuple(items: impl ExactSizeIterator<Item = i64>) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let len = items.len() as u64;
    let mut acc = P5;
    for lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

/// A fixed FNV-1a hash for text and bytes (never -1).
pub fn hash_bytes(b: &[u8]) -> i64 {
    if b.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fix(h as i64)
}

/// CPython's `_Py_HashPointer`: an address rotated by 4 bits.
pub fn hash_pointer(addr: usize) -> i64 {
    fix((addr as u64).rotate_right(4) as i64)
}

/// `hash(x)` of a hashable value, from its dict key.
pub fn hash_key(k: &HashKey) -> i64 {
    match k {
        HashKey::None => 0x4f3c_2d1e,
        HashKey::Int(i) => hash_int(*i),
        HashKey::BigInt(b) => hash_bigint(b),
        HashKey::Float(bits) => hash_float(f64::from_bits(*bits)),
        HashKey::Str(s) => hash_bytes(s.as_bytes()),
        HashKey::Bytes(b) => hash_bytes(b),
        HashKey::Tuple(items) => hash_tuple(items.iter().map(hash_key)),
        HashKey::FrozenSet(f) => f.hash,
        HashKey::Decimal(text) => super::decimal::PyDecimal::parse(text)
            .map(|d| super::decimal::decimal_hash(&d))
            .unwrap_or(0),
        HashKey::Custom(h) => *h,
        HashKey::Object(addr) => hash_pointer(*addr),
        other => {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            other.hash(&mut h);
            fix(h.finish() as i64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_hash_as_in_cpython() {
        assert_eq!(hash_int(-1), -2);
        assert_eq!(hash_int(1 << 61), 1);
        assert_eq!(hash_float(1.5), 1_152_921_504_606_846_977);
        assert_eq!(hash_float(2.0), 2);
        assert_eq!(hash_float(-0.5), -1_152_921_504_606_846_976);
        assert_eq!(hash_float(f64::INFINITY), 314_159);
        assert_eq!(
            hash_decimal(false, &BigInt::from_i64(15), -1),
            hash_float(1.5)
        );
        assert_eq!(hash_decimal(false, &BigInt::from_i64(200), -2), 2);
        assert_eq!(hash_decimal(true, &BigInt::from_i64(3), 2), -300);
        assert_eq!(hash_bigint(&BigInt::from_i128(1 << 70)), hash_int(1 << 9));
    }

    #[test]
    fn tuples_hash_as_in_cpython() {
        // hash(()) and hash((1, 2)) in CPython 3.11 on 64-bit builds.
        assert_eq!(hash_tuple(std::iter::empty()), 5_740_354_900_026_072_187);
        assert_eq!(
            hash_tuple([1i64, 2].into_iter()),
            -3_550_055_125_485_641_917
        );
    }
}

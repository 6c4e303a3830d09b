//! Arithmetic on magnitudes: little-endian base-2³² limbs without sign (schoolbook
//! addition, subtraction and multiplication, Knuth's division, shifts).

use std::cmp::Ordering;

pub(super) fn trim(mut v: Vec<u32>) -> Vec<u32> {
    while v.last() == Some(&0) {
        v.pop();
    }
    v
}

pub(super) fn cmp_mag(a: &[u32], b: &[u32]) -> Ordering {
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

pub(super) fn add_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(long.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in long.iter().enumerate() {
        let s = x as u64 + *short.get(i).unwrap_or(&0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    if carry > 0 {
        out.push(carry as u32);
    }
    out
}

/// `a - b` for `|a| >= |b|`.
pub(super) fn sub_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let mut d = x as i64 - *b.get(i).unwrap_or(&0) as i64 - borrow;
        borrow = 0;
        if d < 0 {
            d += 1 << 32;
            borrow = 1;
        }
        out.push(d as u32);
    }
    trim(out)
}

pub(super) fn mul_mag(a: &[u32], b: &[u32]) -> Vec<u32> {
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.iter().enumerate() {
            let t = x as u64 * y as u64 + out[i + j] as u64 + carry;
            out[i + j] = t as u32;
            carry = t >> 32;
        }
        out[i + b.len()] = carry as u32;
    }
    trim(out)
}

/// Divides a magnitude by a small divisor: (quotient, remainder).
pub(super) fn divrem_small(a: &[u32], d: u32) -> (Vec<u32>, u32) {
    let mut q = vec![0u32; a.len()];
    let mut rem = 0u64;
    for i in (0..a.len()).rev() {
        let cur = (rem << 32) | a[i] as u64;
        q[i] = (cur / d as u64) as u32;
        rem = cur % d as u64;
    }
    (trim(q), rem as u32)
}

/// Knuth's algorithm D: (quotient, remainder) of magnitudes, `b` non-empty.
pub(super) fn divrem_mag(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    if cmp_mag(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    if b.len() == 1 {
        let (q, r) = divrem_small(a, b[0]);
        return (q, trim(vec![r]));
    }
    let shift = b[b.len() - 1].leading_zeros();
    let b = shl_mag(b, shift as usize);
    let len = a.len() + 1;
    let mut a = shl_mag(a, shift as usize);
    a.resize(len, 0);
    let n = b.len();
    let m = a.len() - n;
    let mut q = vec![0u32; m];
    let top = b[n - 1] as u64;
    let second = b[n - 2] as u64;
    for j in (0..m).rev() {
        let num = ((a[j + n] as u64) << 32) | a[j + n - 1] as u64;
        let mut qhat = num / top;
        let mut rhat = num % top;
        while qhat > u32::MAX as u64
            || qhat as u128 * second as u128 > (((rhat as u128) << 32) | a[j + n - 2] as u128)
        {
            qhat -= 1;
            rhat += top;
            if rhat > u32::MAX as u64 {
                break;
            }
        }
        let mut borrow = 0i64;
        let mut carry = 0u64;
        for i in 0..n {
            let p = qhat * b[i] as u64 + carry;
            carry = p >> 32;
            let t = a[i + j] as i64 - borrow - (p & 0xffff_ffff) as i64;
            a[i + j] = t as u32;
            borrow = if t < 0 { 1 } else { 0 };
        }
        let t = a[j + n] as i64 - borrow - carry as i64;
        a[j + n] = t as u32;
        if t < 0 {
            qhat -= 1;
            let mut c = 0u64;
            for i in 0..n {
                let s = a[i + j] as u64 + b[i] as u64 + c;
                a[i + j] = s as u32;
                c = s >> 32;
            }
            a[j + n] = a[j + n].wrapping_add(c as u32);
        }
        q[j] = qhat as u32;
    }
    a.truncate(n);
    let r = shr_mag(&trim(a), shift as usize);
    (trim(q), r)
}

pub(super) fn shl_mag(a: &[u32], bits: usize) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    let (limbs, rest) = (bits / 32, bits % 32);
    let mut out = vec![0u32; limbs];
    if rest == 0 {
        out.extend_from_slice(a);
    } else {
        let mut carry = 0u32;
        for &x in a {
            out.push((x << rest) | carry);
            carry = x >> (32 - rest);
        }
        out.push(carry);
    }
    trim(out)
}

pub(super) fn shr_mag(a: &[u32], bits: usize) -> Vec<u32> {
    let (limbs, rest) = (bits / 32, bits % 32);
    if limbs >= a.len() {
        return Vec::new();
    }
    let a = &a[limbs..];
    if rest == 0 {
        return a.to_vec();
    }
    let mut out = Vec::with_capacity(a.len());
    for i in 0..a.len() {
        let hi = a.get(i + 1).map(|h| h << (32 - rest)).unwrap_or(0);
        out.push((a[i] >> rest) | hi);
    }
    trim(out)
}

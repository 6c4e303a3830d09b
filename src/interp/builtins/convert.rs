//! Number parsing and rounding as CPython does them: `int(text, base)`, `float(text)`,
//! `round()`.

use super::super::ops::{as_int, int_ref};
use super::super::Interp;
use crate::object::{Args, BigInt, Exc, PyDecimal, PyErr, PyResult, Value};

/// `int(text, base)`: sign, optional base prefix, digits with single underscores between
/// them, surrounding whitespace. Base 0 reads the prefix (`0x`, `0o`, `0b`) like a literal.
pub(crate) fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let lower = body.to_ascii_lowercase();
    let prefixed = |p: &str| lower.starts_with(p).then(|| &body[2..]);
    let (radix, digits) = match base {
        0 => match (prefixed("0x"), prefixed("0o"), prefixed("0b")) {
            (Some(d), _, _) => (16, d),
            (_, Some(d), _) => (8, d),
            (_, _, Some(d)) => (2, d),
            _ => {
                // Base 0 rejects leading zeros in decimal ("010").
                if body.len() > 1
                    && body.starts_with('0')
                    && body.chars().any(|c| c != '0' && c != '_')
                {
                    return None;
                }
                (10, body)
            }
        },
        16 => (16, prefixed("0x").unwrap_or(body)),
        8 => (8, prefixed("0o").unwrap_or(body)),
        2 => (2, prefixed("0b").unwrap_or(body)),
        b => (b, body),
    };
    let had_prefix = digits.len() < body.len();
    let digits = if had_prefix {
        digits.strip_prefix('_').unwrap_or(digits)
    } else {
        digits
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    if !digits.chars().all(|c| c == '_' || c.is_digit(radix)) {
        return None;
    }
    let v = BigInt::parse(digits, radix)?;
    Some(if neg { v.neg() } else { v })
}

/// `float(text)`: decimal literals with underscores, `inf`, `nan`, surrounding whitespace.
pub(crate) fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase();
    let unsigned = t.trim_start_matches(['+', '-']);
    if t.len() - unsigned.len() > 1 {
        return None;
    }
    match unsigned {
        "inf" | "infinity" => {
            return Some(if t.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    let valid_underscores = t
        .split(|c: char| !c.is_ascii_digit() && c != '_')
        .all(|part| !part.starts_with('_') && !part.ends_with('_') && !part.contains("__"));
    if t.is_empty()
        || !valid_underscores
        || !t.chars().all(|c| c.is_ascii_digit() || "+-.e_".contains(c))
    {
        return None;
    }
    t.replace('_', "").parse().ok()
}

/// `round(x)` and `round(x, n)`.
pub(crate) fn b_round(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let v = a.take(0, "number").ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            "round() missing required argument 'number' (pos 1)",
        )
    })?;
    let nd = a.take(1, "ndigits").filter(|n| !n.is_none());
    if let Value::Instance(inst) = &v {
        if let Some(m) = inst.class.lookup("__round__") {
            let mut args = vec![v.clone()];
            args.extend(nd);
            return i.call_value_inner(&m, Args::new(args));
        }
    }
    let nd = match nd {
        Some(n) => Some(as_int(&n).ok_or_else(|| {
            PyErr::new(
                Exc::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    n.type_name()
                ),
            )
        })?),
        None => None,
    };
    if let Some(d) = v.downcast::<PyDecimal>() {
        return match nd {
            None => {
                let q = d.quantize(0.max(d.exp))?;
                Ok(Value::from_bigint(q.trunc()))
            }
            Some(n) => d.quantize(-n).map(PyDecimal::value),
        };
    }
    if let Some(x) = int_ref(&v) {
        let n = match nd {
            Some(n) if n < 0 => n,
            _ => {
                return Ok(match v {
                    Value::Bool(b) => Value::Int(b as i64),
                    other => other,
                })
            }
        };
        // Round to a multiple of 10**-n, half to even.
        let x = match x {
            super::super::ops::IntRef::Small(s) => BigInt::from_i64(s),
            super::super::ops::IntRef::Big(b) => b.clone(),
        };
        let m = BigInt::from_i64(10).pow(n.unsigned_abs().min(4000));
        let (q, r) = x.divmod(&m).unwrap_or_default();
        let twice = r.add(&r);
        let q = if twice > m || (twice == m && q.mag_mod(2) == 1) {
            q.add(&BigInt::from_i64(1))
        } else {
            q
        };
        return Ok(Value::from_bigint(q.mul(&m)));
    }
    let Value::Float(f) = v else {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("type {} doesn't define __round__ method", v.type_name()),
        ));
    };
    match nd {
        None => {
            if f.is_nan() {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "cannot convert float NaN to integer",
                ));
            }
            super::construct::float_to_int(f.round_ties_even())
        }
        Some(n) => {
            if !f.is_finite() || n > 330 {
                return Ok(Value::Float(f));
            }
            if n < -330 {
                return Ok(Value::Float(0.0f64.copysign(f)));
            }
            // CPython rounds the exact decimal value of the float (so round(2.675, 2) is
            // 2.67): format with many digits, then round half to even on that text.
            Ok(Value::Float(round_float(f, n as i32)))
        }
    }
}

/// `round(f, n)` on the exact binary value of `f`, half to even.
fn round_float(f: f64, n: i32) -> f64 {
    let exact = match PyDecimal::from_f64(f) {
        Some(d) => d,
        None => return f,
    };
    match exact.quantize(-(n as i64)) {
        Ok(q) => q.to_sci_string().parse().unwrap_or(f),
        Err(_) => f,
    }
}

//! Numeric builtins: `abs`, `pow` (also with a modulus), `hex`, `oct`, `bin`.

use super::super::ops::{as_int, int_ref, tp_name, IntRef};
use super::super::Interp;
use super::exactly_one;
use crate::object::{Args, BigInt, Exc, PyErr, PyResult, Value};
use crate::python::ast::BinOp;

pub(super) fn int_text(a: &Args, func: &str, radix: u32, prefix: &str) -> PyResult<Value> {
    let v = exactly_one(a, func)?;
    let n = match int_ref(&v) {
        Some(IntRef::Small(n)) => BigInt::from_i64(n),
        Some(IntRef::Big(b)) => b.clone(),
        None => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                ),
            ))
        }
    };
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::str(&format!(
        "{sign}{prefix}{}",
        n.abs().to_string_radix(radix)
    )))
}

pub(super) fn b_abs(i: &mut Interp, a: Args) -> PyResult<Value> {
    let v = exactly_one(&a, "abs")?;
    match &v {
        Value::Int(n) => Ok(n
            .checked_abs()
            .map(Value::Int)
            .unwrap_or_else(|| Value::from_bigint(BigInt::from_i64(*n).abs()))),
        Value::BigInt(b) => Ok(Value::from_bigint(b.abs())),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::TimeDelta(d) if d.total_micros() < 0 => crate::interp::datetime::negate(d),
        Value::TimeDelta(_) => Ok(v.clone()),
        Value::Native(n) if n.type_name() == "Decimal" => {
            i.call_method(&v, "copy_abs", Args::none())
        }
        Value::Instance(inst) if inst.class.lookup("__abs__").is_some() => {
            let m = inst.class.lookup("__abs__").unwrap_or(Value::None);
            i.call_value_inner(&m, Args::new(vec![v.clone()]))
        }
        other => Err(PyErr::new(
            Exc::TypeError,
            format!("bad operand type for abs(): '{}'", tp_name(other)),
        )),
    }
}

pub(super) fn b_pow(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let base = a.take(0, "base");
    let exp = a.take(1, "exp");
    let modulus = a.take(2, "mod").filter(|m| !m.is_none());
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(PyErr::new(
            Exc::TypeError,
            "pow() missing required argument 'exp' (pos 2)",
        ));
    };
    let Some(m) = modulus else {
        return i.binary_op(BinOp::Pow, &base, &exp);
    };
    let (Some(b), Some(e), Some(m)) = (as_int(&base), as_int(&exp), as_int(&m)) else {
        return Err(PyErr::new(
            Exc::TypeError,
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    };
    if m == 0 {
        return Err(PyErr::new(
            Exc::ValueError,
            "pow() 3rd argument cannot be 0",
        ));
    }
    if e < 0 {
        return Err(PyErr::new(
            Exc::ValueError,
            "base is not invertible for the given modulus",
        ));
    }
    let (mut acc, mut b, mut e, m128) = (1i128, (b as i128).rem_euclid(m as i128), e, m as i128);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc * b % m128;
        }
        b = b * b % m128;
        e >>= 1;
    }
    let r = acc.rem_euclid(m128);
    Ok(Value::Int(if m < 0 && r != 0 { r + m128 } else { r } as i64))
}

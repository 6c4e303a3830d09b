//! The `math` module's everyday functions and constants.

use super::ops::{as_float, int_ref, IntRef};
use crate::object::{Args, BigInt, Builtin, Exc, Module, PyErr, PyResult, Value, Vm};

fn real(v: Option<&Value>) -> PyResult<f64> {
    match v {
        Some(x) => match (int_ref(x), as_float(x)) {
            (Some(i), _) => i.to_f64(),
            (None, Some(f)) => Ok(f),
            _ => Err(PyErr::new(
                Exc::TypeError,
                format!("must be real number, not {}", x.type_name()),
            )),
        },
        None => Err(PyErr::new(
            Exc::TypeError,
            "math function takes exactly one argument (0 given)",
        )),
    }
}

fn domain(x: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        Err(PyErr::new(Exc::ValueError, "math domain error"))
    } else {
        Ok(Value::Float(r))
    }
}

fn float_fn(name: &'static str, f: fn(f64) -> f64) -> (&'static str, Value) {
    (
        name,
        Builtin::value(name, move |_, a| {
            let x = real(a.pos.first())?;
            domain(x, f(x))
        }),
    )
}

/// `floor`/`ceil`/`trunc`: ints stay ints, floats become ints.
fn to_int_fn(name: &'static str, f: fn(f64) -> f64) -> (&'static str, Value) {
    (
        name,
        Builtin::value(name, move |_, a| match a.pos.first() {
            Some(v) if int_ref(v).is_some() => Ok(match v {
                Value::Bool(b) => Value::Int(*b as i64),
                other => other.clone(),
            }),
            v => {
                let x = real(v)?;
                if x.is_nan() {
                    return Err(PyErr::new(
                        Exc::ValueError,
                        "cannot convert float NaN to integer",
                    ));
                }
                BigInt::from_f64(f(x))
                    .map(Value::from_bigint)
                    .ok_or_else(|| {
                        PyErr::new(
                            Exc::OverflowError,
                            "cannot convert float infinity to integer",
                        )
                    })
            }
        }),
    )
}

fn gcd(_vm: &mut dyn Vm, a: Args) -> PyResult<Value> {
    let mut g: i64 = 0;
    for v in &a.pos {
        let Some(IntRef::Small(mut n)) = int_ref(v) else {
            return Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                ),
            ));
        };
        n = n.abs();
        let mut m = g;
        while m != 0 {
            (n, m) = (m, n % m);
        }
        g = n;
    }
    Ok(Value::Int(g))
}

fn factorial(vm: &mut dyn Vm, a: Args) -> PyResult<Value> {
    let n = match a.pos.first().and_then(int_ref) {
        Some(IntRef::Small(n)) => n,
        _ => {
            return Err(PyErr::new(
                Exc::TypeError,
                "factorial() only accepts integral values",
            ))
        }
    };
    if n < 0 {
        return Err(PyErr::new(
            Exc::ValueError,
            "factorial() not defined for negative values",
        ));
    }
    if n > 3000 {
        return Err(PyErr::limit(
            Exc::MemoryError,
            "factorial of a number over 3000 is over the playground's limit",
        ));
    }
    let mut acc = BigInt::from_i64(1);
    for k in 2..=n {
        vm.tick()?;
        acc = acc.mul(&BigInt::from_i64(k));
    }
    Ok(Value::from_bigint(acc))
}

/// The `math` module.
pub(crate) fn module() -> Module {
    Module::new(
        "math",
        vec![
            ("pi", Value::Float(std::f64::consts::PI)),
            ("e", Value::Float(std::f64::consts::E)),
            ("tau", Value::Float(std::f64::consts::TAU)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
            float_fn("sqrt", f64::sqrt),
            float_fn("exp", f64::exp),
            float_fn("log10", f64::log10),
            float_fn("log2", f64::log2),
            float_fn("fabs", f64::abs),
            float_fn("sin", f64::sin),
            float_fn("cos", f64::cos),
            float_fn("tan", f64::tan),
            float_fn("atan", f64::atan),
            float_fn("radians", f64::to_radians),
            float_fn("degrees", f64::to_degrees),
            to_int_fn("floor", f64::floor),
            to_int_fn("ceil", f64::ceil),
            to_int_fn("trunc", f64::trunc),
            (
                "log",
                Builtin::value("log", |_, a| {
                    let x = real(a.pos.first())?;
                    if x <= 0.0 {
                        return Err(PyErr::new(Exc::ValueError, "math domain error"));
                    }
                    match a.pos.get(1) {
                        Some(b) => domain(x, x.ln() / real(Some(b))?.ln()),
                        None => domain(x, x.ln()),
                    }
                }),
            ),
            (
                "pow",
                Builtin::value("pow", |_, a| {
                    let (x, y) = (real(a.pos.first())?, real(a.pos.get(1))?);
                    domain(x, x.powf(y))
                }),
            ),
            (
                "isclose",
                Builtin::value("isclose", |_, mut a| {
                    let rel = match a.take_kw("rel_tol") {
                        Some(v) => real(Some(&v))?,
                        None => 1e-9,
                    };
                    let abs_tol = match a.take_kw("abs_tol") {
                        Some(v) => real(Some(&v))?,
                        None => 0.0,
                    };
                    let (x, y) = (real(a.pos.first())?, real(a.pos.get(1))?);
                    let close =
                        x == y || (x - y).abs() <= (rel * x.abs().max(y.abs())).max(abs_tol);
                    Ok(Value::Bool(close && !x.is_infinite() || x == y))
                }),
            ),
            (
                "isnan",
                Builtin::value("isnan", |_, a| {
                    Ok(Value::Bool(real(a.pos.first())?.is_nan()))
                }),
            ),
            (
                "isinf",
                Builtin::value("isinf", |_, a| {
                    Ok(Value::Bool(real(a.pos.first())?.is_infinite()))
                }),
            ),
            ("gcd", Builtin::value("gcd", gcd)),
            ("factorial", Builtin::value("factorial", factorial)),
        ],
    )
}

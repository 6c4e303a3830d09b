//! Arithmetic on dates, datetimes and timedeltas, with CPython's rounding (half to even
//! on microseconds) and range checks.

use crate::object::{Exc, PyDate, PyDateTime, PyErr, PyResult, PyTimeDelta, Value};
use crate::python::ast::BinOp;
use chrono::Datelike;

/// The largest timedelta in microseconds (999999999 days, 23:59:59.999999).
const MAX_DELTA: i128 = (999_999_999i128 * 86_400 + 86_399) * 1_000_000 + 999_999;
/// The smallest timedelta (-999999999 days).
const MIN_DELTA: i128 = -999_999_999i128 * 86_400_000_000;

fn out_of_range() -> PyErr {
    PyErr::new(Exc::OverflowError, "date value out of range")
}

/// A timedelta from microseconds, failing as CPython does beyond ±999999999 days.
pub(crate) fn delta(micros: i128) -> PyResult<Value> {
    let d = PyTimeDelta::from_micros(micros);
    if !(MIN_DELTA..=MAX_DELTA).contains(&micros) {
        return Err(PyErr::new(
            Exc::OverflowError,
            format!("days={}; must have magnitude <= 999999999", d.days),
        ));
    }
    Ok(Value::timedelta(d))
}

pub(crate) fn negate(d: &PyTimeDelta) -> PyResult<Value> {
    delta(-d.total_micros())
}

fn shift_datetime(dt: &PyDateTime, micros: i128) -> PyResult<Value> {
    let naive = i64::try_from(micros)
        .ok()
        .and_then(|us| {
            dt.naive
                .checked_add_signed(chrono::Duration::microseconds(us))
        })
        .filter(|n| (1..=9999).contains(&n.year()))
        .ok_or_else(out_of_range)?;
    Ok(Value::datetime(PyDateTime {
        naive,
        offset: dt.offset,
    }))
}

fn shift_date(d: &chrono::NaiveDate, days: i64) -> PyResult<Value> {
    d.checked_add_signed(chrono::Duration::try_days(days).ok_or_else(out_of_range)?)
        .filter(|n| (1..=9999).contains(&n.year()))
        .map(|d| Value::Date(PyDate(d)))
        .ok_or_else(out_of_range)
}

/// Floor division and a remainder with the divisor's sign (Python's `//` and `%`).
fn floor_divmod(x: i128, y: i128) -> (i128, i128) {
    let (q, r) = (x / y, x % y);
    if r != 0 && ((r < 0) != (y < 0)) {
        (q - 1, r + y)
    } else {
        (q, r)
    }
}

/// `x / y` rounded half to even (CPython's `_PyLong_DivmodNear`).
fn div_round_even(x: i128, y: i128) -> i128 {
    let (q, r) = floor_divmod(x, y);
    let (twice, y_abs) = (2 * r.abs(), y.abs());
    if twice > y_abs || (twice == y_abs && q % 2 != 0) {
        q + 1
    } else {
        q
    }
}

/// Microseconds times a float, rounded half to even as CPython does.
fn scale_micros(us: i128, f: f64) -> PyResult<Value> {
    if !f.is_finite() {
        return Err(PyErr::new(
            Exc::OverflowError,
            "cannot convert float infinity to integer",
        ));
    }
    let x = us as f64 * f;
    let r = x.round();
    let r = if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    };
    if r.abs() > 1e30 {
        return Err(out_of_range());
    }
    delta(r as i128)
}

/// Arithmetic on date/time values; `Ok(None)` when the operands are not for us.
pub(crate) fn binop(op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use Value::{Date, DateTime, TimeDelta};
    let int = |v: &Value| super::super::ops::as_int(v);
    Ok(Some(match (op, a, b) {
        (BinOp::Add, DateTime(dt), TimeDelta(d)) | (BinOp::Add, TimeDelta(d), DateTime(dt)) => {
            shift_datetime(dt, d.total_micros())?
        }
        (BinOp::Sub, DateTime(dt), TimeDelta(d)) => shift_datetime(dt, -d.total_micros())?,
        (BinOp::Sub, DateTime(x), DateTime(y)) => {
            if x.offset.is_some() != y.offset.is_some() {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "can't subtract offset-naive and offset-aware datetimes",
                ));
            }
            let diff = x.utc() - y.utc();
            delta(diff.num_microseconds().unwrap_or(0) as i128)?
        }
        (BinOp::Add, Date(PyDate(d)), TimeDelta(td))
        | (BinOp::Add, TimeDelta(td), Date(PyDate(d))) => shift_date(d, td.days)?,
        (BinOp::Sub, Date(PyDate(d)), TimeDelta(td)) => shift_date(d, -td.days)?,
        (BinOp::Sub, Date(PyDate(x)), Date(PyDate(y))) => {
            delta((*x - *y).num_days() as i128 * 86_400_000_000)?
        }
        (BinOp::Add, TimeDelta(x), TimeDelta(y)) => delta(x.total_micros() + y.total_micros())?,
        (BinOp::Sub, TimeDelta(x), TimeDelta(y)) => delta(x.total_micros() - y.total_micros())?,
        (BinOp::Mult, TimeDelta(d), n) | (BinOp::Mult, n, TimeDelta(d)) => match (int(n), n) {
            (Some(k), _) => delta(d.total_micros() * k as i128)?,
            (None, Value::Float(f)) => scale_micros(d.total_micros(), *f)?,
            _ => return Ok(None),
        },
        (BinOp::Div, TimeDelta(x), TimeDelta(y)) => {
            if y.total_micros() == 0 {
                return Err(PyErr::new(Exc::ZeroDivisionError, "division by zero"));
            }
            Value::Float(x.total_micros() as f64 / y.total_micros() as f64)
        }
        (BinOp::Div, TimeDelta(d), n) => match (int(n), n) {
            (Some(0), _) => return Err(PyErr::new(Exc::ZeroDivisionError, "division by zero")),
            (Some(k), _) => delta(div_round_even(d.total_micros(), k as i128))?,
            (None, Value::Float(f)) if *f == 0.0 => {
                return Err(PyErr::new(Exc::ZeroDivisionError, "division by zero"))
            }
            (None, Value::Float(f)) => scale_micros(d.total_micros(), 1.0 / f)?,
            _ => return Ok(None),
        },
        (BinOp::FloorDiv, TimeDelta(x), TimeDelta(y)) => {
            if y.total_micros() == 0 {
                return Err(PyErr::new(
                    Exc::ZeroDivisionError,
                    "integer division or modulo by zero",
                ));
            }
            Value::Int(floor_divmod(x.total_micros(), y.total_micros()).0 as i64)
        }
        (BinOp::FloorDiv, TimeDelta(d), n) => match int(n) {
            Some(0) => {
                return Err(PyErr::new(
                    Exc::ZeroDivisionError,
                    "integer division or modulo by zero",
                ))
            }
            Some(k) => delta(floor_divmod(d.total_micros(), k as i128).0)?,
            None => return Ok(None),
        },
        (BinOp::Mod, TimeDelta(x), TimeDelta(y)) => {
            if y.total_micros() == 0 {
                return Err(PyErr::new(
                    Exc::ZeroDivisionError,
                    "integer division or modulo by zero",
                ));
            }
            delta(floor_divmod(x.total_micros(), y.total_micros()).1)?
        }
        _ => return Ok(None),
    }))
}

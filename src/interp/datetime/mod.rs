//! The `datetime` module: `date`, `datetime`, `time`, `timedelta`, `timezone`, with CPython's
//! reprs, fields and methods; arithmetic, construction and `strftime`/`strptime` live in the
//! submodules.

mod arith;
mod construct;
mod strftime;
mod tz;

pub(crate) use arith::{binop, negate};
pub(crate) use construct::{class_attribute, construct};
pub(crate) use strftime::strftime;
use tz::{tz_repr, tz_suffix};
pub(crate) use tz::{TimeZone, TimeZoneClass};

use super::ops::as_int;
use crate::object::{
    Args, Builtin, Exc, Object, PyDate, PyDateTime, PyErr, PyResult, PyTime, PyTimeDelta, Value, Vm,
};
use chrono::{Datelike, NaiveTime, Timelike};

fn time_fields(t: &NaiveTime) -> (u32, u32, u32, u32) {
    (t.hour(), t.minute(), t.second(), t.nanosecond() / 1000)
}

pub(crate) fn delta_repr(d: &PyTimeDelta) -> String {
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.seconds != 0 {
        parts.push(format!("seconds={}", d.seconds));
    }
    if d.microseconds != 0 {
        parts.push(format!("microseconds={}", d.microseconds));
    }
    if parts.is_empty() {
        "datetime.timedelta(0)".into()
    } else {
        format!("datetime.timedelta({})", parts.join(", "))
    }
}

pub(crate) fn repr(v: &Value) -> String {
    match v {
        Value::Date(PyDate(d)) => {
            format!("datetime.date({}, {}, {})", d.year(), d.month(), d.day())
        }
        Value::DateTime(dt) => {
            let d = dt.naive.date();
            let (h, mi, s, us) = time_fields(&dt.naive.time());
            let mut out = format!(
                "datetime.datetime({}, {}, {}, {h}, {mi}",
                d.year(),
                d.month(),
                d.day()
            );
            if s != 0 || us != 0 {
                out.push_str(&format!(", {s}"));
            }
            if us != 0 {
                out.push_str(&format!(", {us}"));
            }
            if let Some(off) = dt.offset {
                out.push_str(&format!(", tzinfo={}", tz_repr(off)));
            }
            out.push(')');
            out
        }
        Value::Time(PyTime(t)) => {
            let (h, mi, s, us) = time_fields(t);
            let mut out = format!("datetime.time({h}, {mi}");
            if s != 0 || us != 0 {
                out.push_str(&format!(", {s}"));
            }
            if us != 0 {
                out.push_str(&format!(", {us}"));
            }
            out.push(')');
            out
        }
        Value::TimeDelta(d) => delta_repr(d),
        _ => String::new(),
    }
}

fn time_str(t: &NaiveTime) -> String {
    let (h, mi, s, us) = time_fields(t);
    if us != 0 {
        format!("{h:02}:{mi:02}:{s:02}.{us:06}")
    } else {
        format!("{h:02}:{mi:02}:{s:02}")
    }
}

fn date_str(d: &chrono::NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub(crate) fn str(v: &Value) -> String {
    match v {
        Value::Date(PyDate(d)) => date_str(d),
        Value::DateTime(dt) => isoformat_datetime(dt, ' '),
        Value::Time(PyTime(t)) => time_str(t),
        Value::TimeDelta(d) => {
            let (h, rest) = (d.seconds / 3600, d.seconds % 3600);
            let mut out = String::new();
            if d.days != 0 {
                out.push_str(&format!(
                    "{} day{}, ",
                    d.days,
                    if d.days.abs() == 1 { "" } else { "s" }
                ));
            }
            out.push_str(&format!("{h}:{:02}:{:02}", rest / 60, rest % 60));
            if d.microseconds != 0 {
                out.push_str(&format!(".{:06}", d.microseconds));
            }
            out
        }
        _ => String::new(),
    }
}

fn isoformat_datetime(dt: &PyDateTime, sep: char) -> String {
    let mut out = format!(
        "{}{sep}{}",
        date_str(&dt.naive.date()),
        time_str(&dt.naive.time())
    );
    if let Some(off) = dt.offset {
        out.push_str(&tz_suffix(off));
    }
    out
}

/// `-timedelta`.
fn tz_value(offset: Option<i32>) -> Value {
    match offset {
        Some(o) => Value::native(TimeZone { offset: o }),
        None => Value::None,
    }
}

/// Fields and methods of date/time values (`d.year`, `dt.isoformat()`).
pub(crate) fn attribute(v: &Value, name: &str) -> Option<PyResult<Value>> {
    let (date, time, offset) = match v {
        Value::Date(PyDate(d)) => (Some(*d), None, None),
        Value::DateTime(dt) => (Some(dt.naive.date()), Some(dt.naive.time()), dt.offset),
        Value::Time(PyTime(t)) => (None, Some(*t), None),
        Value::TimeDelta(d) => {
            return Some(Ok(match name {
                "days" => Value::Int(d.days),
                "seconds" => Value::Int(d.seconds),
                "microseconds" => Value::Int(d.microseconds),
                "total_seconds" => {
                    let d = **d;
                    Builtin::bound(name, v.clone(), move |_, _| {
                        Ok(Value::Float(d.total_micros() as f64 / 1e6))
                    })
                }
                _ => return None,
            }))
        }
        _ => return None,
    };
    let int = |x: u32| Some(Ok(Value::Int(x as i64)));
    match (name, date, time) {
        ("year", Some(d), _) => return Some(Ok(Value::Int(d.year() as i64))),
        ("month", Some(d), _) => return int(d.month()),
        ("day", Some(d), _) => return int(d.day()),
        ("hour", _, Some(t)) => return int(t.hour()),
        ("minute", _, Some(t)) => return int(t.minute()),
        ("second", _, Some(t)) => return int(t.second()),
        ("microsecond", _, Some(t)) => return int(t.nanosecond() / 1000),
        ("tzinfo", _, Some(_)) => return Some(Ok(tz_value(offset))),
        _ => {}
    }
    let this = v.clone();
    let method = move |f: fn(&Value, Args) -> PyResult<Value>| {
        let this = this.clone();
        Some(Ok(Builtin::bound(name, this.clone(), move |_, args| {
            f(&this, args)
        })))
    };
    let has_date = date.is_some();
    let has_both = date.is_some() && time.is_some();
    match name {
        "isoformat" => method(|v, args| {
            Ok(Value::str(&match v {
                Value::DateTime(dt) => {
                    let sep = match args.pos.first() {
                        Some(Value::Str(s)) => s.chars().next().unwrap_or('T'),
                        _ => 'T',
                    };
                    isoformat_datetime(dt, sep)
                }
                other => str(other),
            }))
        }),
        "strftime" => method(|v, args| match args.pos.first() {
            Some(Value::Str(f)) => Ok(Value::str(&strftime(v, f)?)),
            Some(other) => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "strftime() argument 1 must be str, not {}",
                    other.type_name()
                ),
            )),
            None => Err(PyErr::new(
                Exc::TypeError,
                "strftime() missing required argument 'format' (pos 1)",
            )),
        }),
        "date" if has_both => method(|v, _| match v {
            Value::DateTime(dt) => Ok(Value::Date(PyDate(dt.naive.date()))),
            _ => Ok(Value::None),
        }),
        "time" if has_both => method(|v, _| match v {
            Value::DateTime(dt) => Ok(Value::Time(PyTime(dt.naive.time()))),
            _ => Ok(Value::None),
        }),
        "weekday" | "isoweekday" | "toordinal" if has_date => {
            let d = date.unwrap_or_default();
            let n = match name {
                "weekday" => d.weekday().num_days_from_monday() as i64,
                "isoweekday" => d.weekday().number_from_monday() as i64,
                _ => d.num_days_from_ce() as i64,
            };
            Some(Ok(Builtin::bound(name, v.clone(), move |_, _| {
                Ok(Value::Int(n))
            })))
        }
        "timetuple" if has_date => method(|v, _| Ok(Value::native(StructTime::of(v)))),
        "replace" => method(construct::replace),
        "utcoffset" => method(|v, _| {
            Ok(match v {
                Value::DateTime(dt) => match dt.offset {
                    Some(o) => Value::timedelta(PyTimeDelta::from_micros(o as i128 * 1_000_000)),
                    None => Value::None,
                },
                _ => Value::None,
            })
        }),
        "tzname" => method(|v, _| {
            Ok(match v {
                Value::DateTime(dt) => match dt.offset {
                    Some(o) => Value::str(&TimeZone { offset: o }.name()),
                    None => Value::None,
                },
                _ => Value::None,
            })
        }),
        "astimezone" if has_both => method(construct::astimezone),
        "timestamp" if has_both => method(|v, _| match v {
            Value::DateTime(dt) => Ok(Value::Float(
                dt.utc().and_utc().timestamp_micros() as f64 / 1e6,
            )),
            _ => Ok(Value::None),
        }),
        _ => None,
    }
}

/// `date.timetuple()`: a `time.struct_time`.
struct StructTime {
    fields: [i64; 9],
}

const STRUCT_FIELDS: [&str; 9] = [
    "tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst",
];

impl StructTime {
    fn of(v: &Value) -> StructTime {
        let (d, t) = match v {
            Value::Date(PyDate(d)) => (*d, NaiveTime::MIN),
            Value::DateTime(dt) => (dt.naive.date(), dt.naive.time()),
            _ => (chrono::NaiveDate::MIN, NaiveTime::MIN),
        };
        StructTime {
            fields: [
                d.year() as i64,
                d.month() as i64,
                d.day() as i64,
                t.hour() as i64,
                t.minute() as i64,
                t.second() as i64,
                d.weekday().num_days_from_monday() as i64,
                d.ordinal() as i64,
                -1,
            ],
        }
    }
}

impl Object for StructTime {
    fn type_name(&self) -> &str {
        "struct_time"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        let parts: Vec<String> = STRUCT_FIELDS
            .iter()
            .zip(self.fields)
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        Ok(format!("time.struct_time({})", parts.join(", ")))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(STRUCT_FIELDS
            .iter()
            .position(|n| *n == name)
            .map(|i| Value::Int(self.fields[i])))
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let items: Vec<Value> = self.fields.iter().map(|x| Value::Int(*x)).collect();
        Some(super::ops::sequence_index(key, 9, "tuple").map(|i| items[i].clone()))
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(9))
    }
}

/// An int argument, or Python's "cannot be interpreted as an integer" TypeError.
fn int_arg(v: &Value) -> PyResult<i64> {
    as_int(v).ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )
    })
}

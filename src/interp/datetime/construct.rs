//! Building date/time values: the constructors, `replace`, `astimezone`, and the class
//! attributes (`datetime.now()`, `date.fromisoformat()`, `datetime.strptime()`,
//! `datetime.min`, ...).

use super::{int_arg, TimeZone};
use crate::object::{
    Args, Builtin, BuiltinType, Exc, PyDate, PyDateTime, PyErr, PyResult, PyTime, PyTimeDelta,
    Value, Vm,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

pub(crate) fn make_date(y: i64, m: i64, d: i64) -> PyResult<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return Err(PyErr::new(
            Exc::ValueError,
            format!("year {y} is out of range"),
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(PyErr::new(Exc::ValueError, "month must be in 1..12"));
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d.clamp(0, 99) as u32)
        .filter(|_| d >= 1)
        .ok_or_else(|| PyErr::new(Exc::ValueError, "day is out of range for month"))
}

pub(crate) fn make_time(h: i64, mi: i64, s: i64, us: i64) -> PyResult<NaiveTime> {
    let check = |v: i64, max: i64, what: &str| {
        if (0..max).contains(&v) {
            Ok(())
        } else {
            Err(PyErr::new(
                Exc::ValueError,
                format!("{what} must be in 0..{}", max - 1),
            ))
        }
    };
    check(h, 24, "hour")?;
    check(mi, 60, "minute")?;
    check(s, 60, "second")?;
    check(us, 1_000_000, "microsecond")?;
    NaiveTime::from_hms_micro_opt(h as u32, mi as u32, s as u32, us as u32)
        .ok_or_else(|| PyErr::new(Exc::ValueError, "invalid time"))
}

/// Positional-or-keyword integer arguments in order, with defaults.
fn int_args(args: &mut Args, names: &[&str], required: usize) -> PyResult<Vec<i64>> {
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match args.take(i, name) {
            Some(v) => out.push(int_arg(&v)?),
            None if i < required => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "function missing required argument '{name}' (pos {})",
                        i + 1
                    ),
                ))
            }
            None => out.push(0),
        }
    }
    Ok(out)
}

fn tz_arg(args: &mut Args, pos: usize) -> PyResult<Option<Option<i32>>> {
    match args.take(pos, "tzinfo") {
        None => Ok(None),
        Some(Value::None) => Ok(Some(None)),
        Some(v) => match v.downcast::<TimeZone>() {
            Some(tz) => Ok(Some(Some(tz.offset))),
            None => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
                    v.type_name()
                ),
            )),
        },
    }
}

/// Calls of the `date`, `datetime`, `time` and `timedelta` classes.
pub(crate) fn construct(t: BuiltinType, mut args: Args) -> PyResult<Value> {
    match t {
        BuiltinType::Date => {
            let v = int_args(&mut args, &["year", "month", "day"], 3)?;
            Ok(Value::Date(PyDate(make_date(v[0], v[1], v[2])?)))
        }
        BuiltinType::DateTime => {
            let names = [
                "year",
                "month",
                "day",
                "hour",
                "minute",
                "second",
                "microsecond",
            ];
            let v = int_args(&mut args, &names, 3)?;
            let offset = tz_arg(&mut args, 7)?.flatten();
            Ok(Value::datetime(PyDateTime {
                naive: NaiveDateTime::new(
                    make_date(v[0], v[1], v[2])?,
                    make_time(v[3], v[4], v[5], v[6])?,
                ),
                offset,
            }))
        }
        BuiltinType::Time => {
            let v = int_args(&mut args, &["hour", "minute", "second", "microsecond"], 0)?;
            Ok(Value::Time(PyTime(make_time(v[0], v[1], v[2], v[3])?)))
        }
        _ => {
            let mut total: f64 = 0.0;
            let mut exact: i128 = 0;
            let units = [
                ("days", 86_400_000_000i128),
                ("seconds", 1_000_000),
                ("microseconds", 1),
                ("milliseconds", 1_000),
                ("minutes", 60_000_000),
                ("hours", 3_600_000_000),
                ("weeks", 604_800_000_000),
            ];
            for (i, (name, scale)) in units.iter().enumerate() {
                let Some(v) = args.take(i, name) else {
                    continue;
                };
                match (&v, super::super::ops::as_int(&v)) {
                    (_, Some(n)) => exact += n as i128 * scale,
                    (Value::Float(f), _) => total += f * *scale as f64,
                    _ => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "unsupported type for timedelta {name} component: {}",
                                v.type_name()
                            ),
                        ))
                    }
                }
            }
            args.no_kwargs("__new__")?;
            if total.abs() > 1e30 || exact.abs() > 1i128 << 100 {
                return Err(PyErr::new(
                    Exc::OverflowError,
                    "days=1000000000; must have magnitude <= 999999999",
                ));
            }
            let frac = total.round_ties_even() as i128;
            super::arith::delta(exact + frac)
        }
    }
}

/// `d.replace(year=..., tzinfo=...)`.
pub(crate) fn replace(v: &Value, mut args: Args) -> PyResult<Value> {
    let mut take = |name: &str| -> PyResult<Option<i64>> {
        match args.take_kw(name) {
            None => Ok(None),
            Some(x) => int_arg(&x).map(Some),
        }
    };
    let (y, mo, d, h, mi, s, us) = (
        take("year")?,
        take("month")?,
        take("day")?,
        take("hour")?,
        take("minute")?,
        take("second")?,
        take("microsecond")?,
    );
    let tz = tz_arg(&mut args, usize::MAX)?;
    match v {
        Value::Date(PyDate(date)) => Ok(Value::Date(PyDate(make_date(
            y.unwrap_or(date.year() as i64),
            mo.unwrap_or(date.month() as i64),
            d.unwrap_or(date.day() as i64),
        )?))),
        Value::DateTime(dt) => {
            let date = dt.naive.date();
            let t = dt.naive.time();
            let naive = NaiveDateTime::new(
                make_date(
                    y.unwrap_or(date.year() as i64),
                    mo.unwrap_or(date.month() as i64),
                    d.unwrap_or(date.day() as i64),
                )?,
                make_time(
                    h.unwrap_or(t.hour() as i64),
                    mi.unwrap_or(t.minute() as i64),
                    s.unwrap_or(t.second() as i64),
                    us.unwrap_or((t.nanosecond() / 1000) as i64),
                )?,
            );
            Ok(Value::datetime(PyDateTime {
                naive,
                offset: tz.unwrap_or(dt.offset),
            }))
        }
        Value::Time(PyTime(t)) => Ok(Value::Time(PyTime(make_time(
            h.unwrap_or(t.hour() as i64),
            mi.unwrap_or(t.minute() as i64),
            s.unwrap_or(t.second() as i64),
            us.unwrap_or((t.nanosecond() / 1000) as i64),
        )?))),
        other => Ok(other.clone()),
    }
}

/// `dt.astimezone(tz)`: the same instant at another fixed offset.
pub(crate) fn astimezone(v: &Value, args: Args) -> PyResult<Value> {
    let Value::DateTime(dt) = v else {
        return Ok(v.clone());
    };
    let target = match args.pos.first() {
        Some(tz) => match tz.downcast::<TimeZone>() {
            Some(t) => t.offset,
            None => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "tzinfo argument must be None or of a tzinfo subclass",
                ))
            }
        },
        None => 0,
    };
    let naive = dt.utc() + chrono::Duration::seconds(target as i64);
    Ok(Value::datetime(PyDateTime {
        naive,
        offset: Some(target),
    }))
}

fn now_naive() -> NaiveDateTime {
    let ms = crate::clock::wall_ms();
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .map(|d| d.naive_utc())
        .unwrap_or_default()
}

fn str_arg(args: &Args, i: usize, func: &str) -> PyResult<std::rc::Rc<str>> {
    match args.pos.get(i) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyErr::new(
            Exc::TypeError,
            format!("{func}: argument must be str, not {}", other.type_name()),
        )),
        None => Err(PyErr::new(
            Exc::TypeError,
            format!("{func}() takes exactly one argument (0 given)"),
        )),
    }
}

fn parse_iso_datetime(s: &str) -> Option<NaiveDateTime> {
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H",
        "%Y-%m-%d %H",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return Some(n);
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| d.and_time(NaiveTime::MIN))
}

/// Class-level attributes: `datetime.now()`, `date.today()`, `datetime.fromisoformat(...)`.
pub(crate) fn class_attribute(t: BuiltinType, name: &str) -> Option<Value> {
    use BuiltinType::{Date, DateTime, Time, TimeDelta};
    let max_time = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN);
    let max_date = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
    let min_date = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
    match (t, name) {
        (DateTime, "min") => {
            return Some(Value::datetime(PyDateTime::naive(
                min_date.and_time(NaiveTime::MIN),
            )))
        }
        (DateTime, "max") => {
            return Some(Value::datetime(PyDateTime::naive(
                max_date.and_time(max_time),
            )))
        }
        (Date, "min") => return Some(Value::Date(PyDate(min_date))),
        (Date, "max") => return Some(Value::Date(PyDate(max_date))),
        (Time, "min") => return Some(Value::Time(PyTime(NaiveTime::MIN))),
        (Time, "max") => return Some(Value::Time(PyTime(max_time))),
        (TimeDelta, "max") => {
            return Some(Value::timedelta(PyTimeDelta {
                days: 999_999_999,
                seconds: 86_399,
                microseconds: 999_999,
            }))
        }
        (TimeDelta, "min") => {
            return Some(Value::timedelta(PyTimeDelta::from_micros(
                -999_999_999i128 * 86_400_000_000,
            )))
        }
        (TimeDelta, "resolution") => return Some(Value::timedelta(PyTimeDelta::from_micros(1))),
        _ => {}
    }
    let f: fn(&mut dyn Vm, Args) -> PyResult<Value> = match (t, name) {
        (DateTime, "now") => |_, mut args| {
            let offset = tz_arg(&mut args, 0)?.flatten();
            let naive = now_naive() + chrono::Duration::seconds(offset.unwrap_or(0) as i64);
            Ok(Value::datetime(PyDateTime { naive, offset }))
        },
        (DateTime, "utcnow") => |_, _| Ok(Value::datetime(PyDateTime::naive(now_naive()))),
        (DateTime, "today") => |_, _| Ok(Value::datetime(PyDateTime::naive(now_naive()))),
        (Date, "today") => |_, _| Ok(Value::Date(PyDate(now_naive().date()))),
        (DateTime, "fromisoformat") => |_, args| {
            let s = str_arg(&args, 0, "fromisoformat")?;
            parse_iso_datetime(&s)
                .map(|n| Value::datetime(PyDateTime::naive(n)))
                .ok_or_else(|| {
                    PyErr::new(Exc::ValueError, format!("Invalid isoformat string: '{s}'"))
                })
        },
        (Date, "fromisoformat") => |_, args| {
            let s = str_arg(&args, 0, "fromisoformat")?;
            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map(|d| Value::Date(PyDate(d)))
                .map_err(|_| {
                    PyErr::new(Exc::ValueError, format!("Invalid isoformat string: '{s}'"))
                })
        },
        (Date | DateTime, "fromordinal") => |_, args| {
            let n = int_arg(args.pos.first().unwrap_or(&Value::None))?;
            let d = i32::try_from(n)
                .ok()
                .filter(|n| *n >= 1)
                .and_then(NaiveDate::from_num_days_from_ce_opt)
                .filter(|d| d.year() <= 9999)
                .ok_or_else(|| PyErr::new(Exc::ValueError, "ordinal must be >= 1"))?;
            Ok(Value::Date(PyDate(d)))
        },
        (DateTime, "strptime") => |_, args| {
            let s = str_arg(&args, 0, "strptime")?;
            let f = str_arg(&args, 1, "strptime")?;
            super::strftime::strptime(&s, &f).map(|n| Value::datetime(PyDateTime::naive(n)))
        },
        (DateTime, "combine") => |_, args| match (args.pos.first(), args.pos.get(1)) {
            (Some(Value::Date(PyDate(d))), Some(Value::Time(PyTime(t)))) => {
                Ok(Value::datetime(PyDateTime::naive(d.and_time(*t))))
            }
            (Some(Value::DateTime(dt)), Some(Value::Time(PyTime(t)))) => Ok(Value::datetime(
                PyDateTime::naive(dt.naive.date().and_time(*t)),
            )),
            _ => Err(PyErr::new(
                Exc::TypeError,
                "combine() argument 1 must be datetime.date",
            )),
        },
        _ => return None,
    };
    Some(Builtin::value(name, f))
}

//! The `datetime` module: `date`, `datetime`, `time`, `timedelta`, `timezone`, with CPython's
//! reprs, arithmetic and `strftime`.

use super::ops::as_int;
use crate::object::{
    Args, Builtin, BuiltinType, Exc, Object, PyDate, PyDateTime, PyErr, PyResult, PyTime,
    PyTimeDelta, Value, Vm,
};
use crate::python::ast::BinOp;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

fn time_fields(t: &NaiveTime) -> (u32, u32, u32, u32) {
    (t.hour(), t.minute(), t.second(), t.nanosecond() / 1000)
}

fn tz_repr(offset: i32) -> String {
    if offset == 0 {
        "datetime.timezone.utc".into()
    } else {
        format!(
            "datetime.timezone(datetime.timedelta({}))",
            delta_args(&PyTimeDelta::from_micros(offset as i128 * 1_000_000))
        )
    }
}

fn tz_suffix(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    format!("{sign}{:02}:{:02}", a / 3600, (a % 3600) / 60)
}

fn delta_args(d: &PyTimeDelta) -> String {
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
        "0".into()
    } else {
        parts.join(", ")
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
        Value::TimeDelta(d) => format!("datetime.timedelta({})", delta_args(d)),
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

pub(crate) fn str(v: &Value) -> String {
    match v {
        Value::Date(PyDate(d)) => d.format("%Y-%m-%d").to_string(),
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
        dt.naive.date().format("%Y-%m-%d"),
        time_str(&dt.naive.time())
    );
    if let Some(off) = dt.offset {
        out.push_str(&tz_suffix(off));
    }
    out
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `strftime` with CPython's (C library's) directives.
pub(crate) fn strftime(v: &Value, fmt: &str) -> PyResult<String> {
    let (date, time, offset) = match v {
        Value::Date(PyDate(d)) => (Some(*d), NaiveTime::MIN, None),
        Value::DateTime(dt) => (Some(dt.naive.date()), dt.naive.time(), dt.offset),
        Value::Time(PyTime(t)) => (None, *t, None),
        _ => return Ok(String::new()),
    };
    let d = date.unwrap_or_else(|| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default());
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(k) = chars.next() else {
            out.push('%');
            break;
        };
        let (h, mi, s, us) = time_fields(&time);
        let wd = d.weekday().num_days_from_monday() as usize;
        let m = d.month0() as usize;
        match k {
            'Y' => out.push_str(&d.year().to_string()),
            'y' => out.push_str(&format!("{:02}", d.year().rem_euclid(100))),
            'm' => out.push_str(&format!("{:02}", d.month())),
            'd' => out.push_str(&format!("{:02}", d.day())),
            'e' => out.push_str(&format!("{:>2}", d.day())),
            'H' => out.push_str(&format!("{h:02}")),
            'I' => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            'M' => out.push_str(&format!("{mi:02}")),
            'S' => out.push_str(&format!("{s:02}")),
            'f' => out.push_str(&format!("{us:06}")),
            'p' => out.push_str(if h < 12 { "AM" } else { "PM" }),
            'a' => out.push_str(&DAYS[wd][..3]),
            'A' => out.push_str(DAYS[wd]),
            'w' => out.push_str(&((wd + 1) % 7).to_string()),
            'u' => out.push_str(&(wd + 1).to_string()),
            'b' | 'h' => out.push_str(&MONTHS[m][..3]),
            'B' => out.push_str(MONTHS[m]),
            'j' => out.push_str(&format!("{:03}", d.ordinal())),
            'z' => {
                if let Some(off) = offset {
                    out.push_str(&tz_suffix(off).replace(':', ""));
                }
            }
            'Z' => {
                if offset.is_some() {
                    out.push_str("UTC");
                }
            }
            'F' => out.push_str(&d.format("%Y-%m-%d").to_string()),
            'T' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            'D' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                d.month(),
                d.day(),
                d.year().rem_euclid(100)
            )),
            'c' => out.push_str(&format!(
                "{} {} {:>2} {h:02}:{mi:02}:{s:02} {}",
                &DAYS[wd][..3],
                &MONTHS[m][..3],
                d.day(),
                d.year()
            )),
            'x' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                d.month(),
                d.day(),
                d.year().rem_euclid(100)
            )),
            'X' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn shift_datetime(dt: &PyDateTime, micros: i128) -> PyResult<Value> {
    let naive = i64::try_from(micros)
        .ok()
        .and_then(|us| {
            dt.naive
                .checked_add_signed(chrono::Duration::microseconds(us))
        })
        .ok_or_else(|| PyErr::new(Exc::OverflowError, "date value out of range"))?;
    Ok(Value::DateTime(PyDateTime {
        naive,
        offset: dt.offset,
    }))
}

/// Arithmetic on date/time values; `Ok(None)` when the operands are not for us.
pub(crate) fn binop(op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    let micros_of = |d: &PyTimeDelta| d.total_micros();
    Ok(Some(match (op, a, b) {
        (BinOp::Add, Value::DateTime(dt), Value::TimeDelta(d))
        | (BinOp::Add, Value::TimeDelta(d), Value::DateTime(dt)) => {
            shift_datetime(dt, micros_of(d))?
        }
        (BinOp::Sub, Value::DateTime(dt), Value::TimeDelta(d)) => {
            shift_datetime(dt, -micros_of(d))?
        }
        (BinOp::Sub, Value::DateTime(x), Value::DateTime(y)) => {
            if x.offset.is_some() != y.offset.is_some() {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "can't subtract offset-naive and offset-aware datetimes",
                ));
            }
            let diff = x.utc() - y.utc();
            Value::TimeDelta(PyTimeDelta::from_micros(
                diff.num_microseconds().unwrap_or(0) as i128,
            ))
        }
        (BinOp::Add, Value::Date(PyDate(d)), Value::TimeDelta(td))
        | (BinOp::Add, Value::TimeDelta(td), Value::Date(PyDate(d))) => {
            let r = d
                .checked_add_signed(chrono::Duration::days(td.days))
                .ok_or_else(|| PyErr::new(Exc::OverflowError, "date value out of range"))?;
            Value::Date(PyDate(r))
        }
        (BinOp::Sub, Value::Date(PyDate(d)), Value::TimeDelta(td)) => {
            let r = d
                .checked_sub_signed(chrono::Duration::days(td.days))
                .ok_or_else(|| PyErr::new(Exc::OverflowError, "date value out of range"))?;
            Value::Date(PyDate(r))
        }
        (BinOp::Sub, Value::Date(PyDate(x)), Value::Date(PyDate(y))) => Value::TimeDelta(
            PyTimeDelta::from_micros((*x - *y).num_days() as i128 * 86_400_000_000),
        ),
        (BinOp::Add | BinOp::Sub, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            let (x, y) = (x.total_micros(), y.total_micros());
            Value::TimeDelta(PyTimeDelta::from_micros(if op == BinOp::Add {
                x + y
            } else {
                x - y
            }))
        }
        (BinOp::Mult, Value::TimeDelta(d), n) | (BinOp::Mult, n, Value::TimeDelta(d))
            if as_int(n).is_some() =>
        {
            Value::TimeDelta(PyTimeDelta::from_micros(
                d.total_micros() * as_int(n).unwrap_or(0) as i128,
            ))
        }
        (BinOp::Div, Value::TimeDelta(x), Value::TimeDelta(y)) => {
            if y.total_micros() == 0 {
                return Err(PyErr::new(Exc::ZeroDivisionError, "division by zero"));
            }
            Value::Float(x.total_micros() as f64 / y.total_micros() as f64)
        }
        _ => return Ok(None),
    }))
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
                    let d = *d;
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
        ("tzinfo", _, Some(_)) => {
            return Some(Ok(match offset {
                Some(o) => Value::native(TimeZone { offset: o }),
                None => Value::None,
            }))
        }
        _ => {}
    }
    let this = v.clone();
    let method = move |f: fn(&Value, Args) -> PyResult<Value>| {
        let this = this.clone();
        Some(Ok(Builtin::bound(name, this.clone(), move |_, args| {
            f(&this, args)
        })))
    };
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
            _ => Err(PyErr::new(
                Exc::TypeError,
                "strftime() argument 1 must be str",
            )),
        }),
        "date" if time.is_some() && date.is_some() => method(|v, _| match v {
            Value::DateTime(dt) => Ok(Value::Date(PyDate(dt.naive.date()))),
            _ => Ok(Value::None),
        }),
        "time" if date.is_some() && time.is_some() => method(|v, _| match v {
            Value::DateTime(dt) => Ok(Value::Time(PyTime(dt.naive.time()))),
            _ => Ok(Value::None),
        }),
        "weekday" | "isoweekday" if date.is_some() => {
            let d = date.unwrap_or_default();
            let n = d.weekday().num_days_from_monday() as i64
                + if name == "isoweekday" { 1 } else { 0 };
            Some(Ok(Builtin::bound(name, v.clone(), move |_, _| {
                Ok(Value::Int(n))
            })))
        }
        "replace" => method(replace),
        "timestamp" if date.is_some() && time.is_some() => method(|v, _| match v {
            Value::DateTime(dt) => Ok(Value::Float(
                dt.utc().and_utc().timestamp_micros() as f64 / 1e6,
            )),
            _ => Ok(Value::None),
        }),
        _ => None,
    }
}

fn replace(v: &Value, mut args: Args) -> PyResult<Value> {
    let mut take = |name: &str| -> PyResult<Option<i64>> {
        match args.take_kw(name) {
            None => Ok(None),
            Some(x) => as_int(&x)
                .map(Some)
                .ok_or_else(|| PyErr::new(Exc::TypeError, format!("'{name}' must be an integer"))),
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
            Ok(Value::DateTime(PyDateTime {
                naive,
                offset: dt.offset,
            }))
        }
        other => Ok(other.clone()),
    }
}

fn make_date(y: i64, m: i64, d: i64) -> PyResult<NaiveDate> {
    if !(1..=9999).contains(&y) {
        return Err(PyErr::new(
            Exc::ValueError,
            format!("year {y} is out of range"),
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(PyErr::new(Exc::ValueError, "month must be in 1..12"));
    }
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)
        .ok_or_else(|| PyErr::new(Exc::ValueError, "day is out of range for month"))
}

fn make_time(h: i64, mi: i64, s: i64, us: i64) -> PyResult<NaiveTime> {
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
fn int_args(args: &mut Args, names: &[&str], required: usize, func: &str) -> PyResult<Vec<i64>> {
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        match args.take(i, name) {
            Some(v) => out.push(as_int(&v).ok_or_else(|| {
                PyErr::new(
                    Exc::TypeError,
                    format!(
                        "'{}' object cannot be interpreted as an integer",
                        v.type_name()
                    ),
                )
            })?),
            None if i < required => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!(
                        "{func}() missing required argument '{name}' (pos {})",
                        i + 1
                    ),
                ))
            }
            None => out.push(0),
        }
    }
    Ok(out)
}

fn tz_arg(args: &mut Args, pos: usize) -> PyResult<Option<i32>> {
    let v = args.take(pos, "tzinfo");
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match v.downcast::<TimeZone>() {
            Some(tz) => Ok(Some(tz.offset)),
            None => Err(PyErr::new(
                Exc::TypeError,
                "tzinfo argument must be None or of a tzinfo subclass",
            )),
        },
    }
}

/// Calls of the `date`, `datetime`, `time` and `timedelta` classes.
pub(crate) fn construct(t: BuiltinType, mut args: Args) -> PyResult<Value> {
    match t {
        BuiltinType::Date => {
            let v = int_args(&mut args, &["year", "month", "day"], 3, "date")?;
            Ok(Value::Date(PyDate(make_date(v[0], v[1], v[2])?)))
        }
        BuiltinType::DateTime => {
            let v = int_args(
                &mut args,
                &[
                    "year",
                    "month",
                    "day",
                    "hour",
                    "minute",
                    "second",
                    "microsecond",
                ],
                3,
                "datetime",
            )?;
            let offset = tz_arg(&mut args, 7)?;
            Ok(Value::DateTime(PyDateTime {
                naive: NaiveDateTime::new(
                    make_date(v[0], v[1], v[2])?,
                    make_time(v[3], v[4], v[5], v[6])?,
                ),
                offset,
            }))
        }
        BuiltinType::Time => {
            let v = int_args(
                &mut args,
                &["hour", "minute", "second", "microsecond"],
                0,
                "time",
            )?;
            Ok(Value::Time(PyTime(make_time(v[0], v[1], v[2], v[3])?)))
        }
        _ => {
            let mut total: f64 = 0.0;
            for (i, (name, scale)) in [
                ("days", 86_400e6),
                ("seconds", 1e6),
                ("microseconds", 1.0),
                ("milliseconds", 1e3),
                ("minutes", 60e6),
                ("hours", 3_600e6),
                ("weeks", 604_800e6),
            ]
            .iter()
            .enumerate()
            {
                if let Some(v) = args.take(i, name) {
                    let x = super::ops::as_float(&v).ok_or_else(|| {
                        PyErr::new(
                            Exc::TypeError,
                            format!(
                                "unsupported type for timedelta {name} component: {}",
                                v.type_name()
                            ),
                        )
                    })?;
                    total += x * scale;
                }
            }
            args.no_kwargs("timedelta")?;
            if total.abs() > 8.64e21 {
                return Err(PyErr::new(Exc::OverflowError, "days out of range"));
            }
            Ok(Value::TimeDelta(PyTimeDelta::from_micros(
                total.round() as i128
            )))
        }
    }
}

fn now_naive() -> NaiveDateTime {
    let ms = crate::clock::wall_ms();
    chrono::DateTime::from_timestamp_millis(ms as i64)
        .map(|d| d.naive_utc())
        .unwrap_or_default()
}

/// Class-level attributes: `datetime.now()`, `date.today()`, `datetime.fromisoformat(...)`.
pub(crate) fn class_attribute(t: BuiltinType, name: &str) -> Option<Value> {
    let f: fn(&mut dyn Vm, Args) -> PyResult<Value> = match (t, name) {
        (BuiltinType::DateTime, "now") => |_, mut args| {
            let offset = tz_arg(&mut args, 0)?;
            let naive = now_naive() + chrono::Duration::seconds(offset.unwrap_or(0) as i64);
            Ok(Value::DateTime(PyDateTime { naive, offset }))
        },
        (BuiltinType::DateTime, "utcnow") => {
            |_, _| Ok(Value::DateTime(PyDateTime::naive(now_naive())))
        }
        (BuiltinType::DateTime | BuiltinType::Date, "today") => {
            if t == BuiltinType::Date {
                |_, _| Ok(Value::Date(PyDate(now_naive().date())))
            } else {
                |_, _| Ok(Value::DateTime(PyDateTime::naive(now_naive())))
            }
        }
        (BuiltinType::DateTime, "fromisoformat") => |_, args| {
            let s = match args.pos.first() {
                Some(Value::Str(s)) => s.clone(),
                _ => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        "fromisoformat: argument must be str",
                    ))
                }
            };
            let naive = NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S%.f")
                .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M:%S%.f"))
                .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M"))
                .or_else(|_| NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M"))
                .or_else(|_| {
                    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map(|d| d.and_time(NaiveTime::MIN))
                })
                .map_err(|_| {
                    PyErr::new(Exc::ValueError, format!("Invalid isoformat string: '{s}'"))
                })?;
            Ok(Value::DateTime(PyDateTime::naive(naive)))
        },
        (BuiltinType::Date, "fromisoformat") => |_, args| {
            let s = match args.pos.first() {
                Some(Value::Str(s)) => s.clone(),
                _ => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        "fromisoformat: argument must be str",
                    ))
                }
            };
            NaiveDate::parse_from_str(&s, "%Y-%m-%d")
                .map(|d| Value::Date(PyDate(d)))
                .map_err(|_| {
                    PyErr::new(Exc::ValueError, format!("Invalid isoformat string: '{s}'"))
                })
        },
        _ => return None,
    };
    Some(Builtin::value(name, f))
}

/// `datetime.timezone` values (only fixed offsets; `timezone.utc`).
pub(crate) struct TimeZone {
    pub offset: i32,
}

impl Object for TimeZone {
    fn type_name(&self) -> &str {
        "timezone"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(tz_repr(self.offset))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(if self.offset == 0 {
            "UTC".into()
        } else {
            format!("UTC{}", tz_suffix(self.offset))
        })
    }

    fn hash_key(&self) -> Option<crate::object::HashKey> {
        Some(crate::object::HashKey::Int(self.offset as i64))
    }
}

/// The `timezone` class: `timezone.utc`, `timezone(timedelta(hours=2))`.
pub(crate) struct TimeZoneClass;

impl Object for TimeZoneClass {
    fn type_name(&self) -> &str {
        "type"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<class 'datetime.timezone'>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "utc" => Some(Value::native(TimeZone { offset: 0 })),
            "__name__" => Some(Value::str("timezone")),
            _ => None,
        })
    }

    fn call(&self, _vm: &mut dyn Vm, _this: &Value, args: Args) -> PyResult<Value> {
        match args.pos.first() {
            Some(Value::TimeDelta(d)) => Ok(Value::native(TimeZone {
                offset: (d.total_micros() / 1_000_000) as i32,
            })),
            _ => Err(PyErr::new(
                Exc::TypeError,
                "timezone() argument 1 must be datetime.timedelta",
            )),
        }
    }
}

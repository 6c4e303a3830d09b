//! `strftime` and `strptime` with the C library directives CPython passes through (the
//! C locale's names and layouts).

use crate::object::{Exc, PyDate, PyErr, PyResult, PyTime, Value};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

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
        Value::Date(PyDate(d)) => (*d, NaiveTime::MIN, None),
        Value::DateTime(dt) => (dt.naive.date(), dt.naive.time(), dt.offset),
        Value::Time(PyTime(t)) => (
            NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
            *t,
            None,
        ),
        _ => return Ok(String::new()),
    };
    let d = date;
    let mut out = String::new();
    let mut chars = fmt.chars();
    let (h, mi, s, us) = (
        time.hour(),
        time.minute(),
        time.second(),
        time.nanosecond() / 1000,
    );
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    let yday = d.ordinal0() as i64;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(k) = chars.next() else {
            out.push('%');
            break;
        };
        match k {
            'Y' => out.push_str(&d.year().to_string()),
            'y' => out.push_str(&format!("{:02}", d.year().rem_euclid(100))),
            'C' => out.push_str(&format!("{:02}", d.year() / 100)),
            'm' => out.push_str(&format!("{:02}", d.month())),
            'd' => out.push_str(&format!("{:02}", d.day())),
            'e' => out.push_str(&format!("{:>2}", d.day())),
            'H' => out.push_str(&format!("{h:02}")),
            'k' => out.push_str(&format!("{h:>2}")),
            'I' => out.push_str(&format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 })),
            'l' => out.push_str(&format!("{:>2}", if h % 12 == 0 { 12 } else { h % 12 })),
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
            'U' => {
                let sunday_based = (wd as i64 + 1) % 7;
                out.push_str(&format!("{:02}", (yday + 7 - sunday_based) / 7));
            }
            'W' => out.push_str(&format!("{:02}", (yday + 7 - wd as i64) / 7)),
            'V' => out.push_str(&format!("{:02}", d.iso_week().week())),
            'G' => out.push_str(&d.iso_week().year().to_string()),
            'z' => {
                if let Some(off) = offset {
                    out.push_str(&super::tz_suffix(off).replace(':', ""));
                }
            }
            'Z' => {
                if let Some(off) = offset {
                    out.push_str(&super::TimeZone { offset: off }.name());
                }
            }
            'F' => out.push_str(&format!("{}-{:02}-{:02}", d.year(), d.month(), d.day())),
            'T' | 'X' => out.push_str(&format!("{h:02}:{mi:02}:{s:02}")),
            'R' => out.push_str(&format!("{h:02}:{mi:02}")),
            'D' | 'x' => out.push_str(&format!(
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
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Reads `width` digits at most (at least one).
fn number(s: &str, pos: &mut usize, width: usize) -> Option<i64> {
    let rest = s.get(*pos..)?;
    let n = rest
        .chars()
        .take(width)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 {
        return None;
    }
    let v = rest.get(..n)?.parse().ok()?;
    *pos += n;
    Some(v)
}

/// Reads one of `names` (or its 3-letter abbreviation), case-insensitively; its index.
fn name(s: &str, pos: &mut usize, names: &[&str]) -> Option<i64> {
    let rest = s.get(*pos..)?.to_ascii_lowercase();
    for full in [true, false] {
        for (i, n) in names.iter().enumerate() {
            let n = if full {
                n.to_string()
            } else {
                n[..3].to_string()
            };
            if rest.starts_with(&n.to_ascii_lowercase()) {
                *pos += n.len();
                return Some(i as i64);
            }
        }
    }
    None
}

/// `datetime.strptime(text, format)` for the common directives.
pub(crate) fn strptime(text: &str, fmt: &str) -> PyResult<NaiveDateTime> {
    let mismatch = || {
        PyErr::new(
            Exc::ValueError,
            format!("time data {} does not match format {}", py(text), py(fmt)),
        )
    };
    let (mut y, mut mo, mut d, mut h, mut mi, mut s, mut us) = (1900, 1, 1, 0, 0, 0, 0);
    let mut pm: Option<bool> = None;
    let mut pos = 0usize;
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            if c.is_whitespace() {
                while text
                    .get(pos..)
                    .unwrap_or("")
                    .starts_with(char::is_whitespace)
                {
                    pos += text
                        .get(pos..)
                        .unwrap_or("")
                        .chars()
                        .next()
                        .map_or(1, char::len_utf8);
                }
                continue;
            }
            if !text.get(pos..).unwrap_or("").starts_with(c) {
                return Err(mismatch());
            }
            pos += c.len_utf8();
            continue;
        }
        let k = chars.next().ok_or_else(mismatch)?;
        let v = match k {
            'Y' => number(text, &mut pos, 4),
            'y' => number(text, &mut pos, 2).map(|v| if v < 69 { 2000 + v } else { 1900 + v }),
            'm' | 'd' | 'H' | 'I' | 'M' | 'S' => number(text, &mut pos, 2),
            'j' => number(text, &mut pos, 3),
            'f' => {
                let start = pos;
                let v = number(text, &mut pos, 6);
                v.map(|v| v * 10i64.pow(6 - (pos - start) as u32))
            }
            'b' | 'B' | 'h' => name(text, &mut pos, &MONTHS).map(|i| i + 1),
            'a' | 'A' => name(text, &mut pos, &DAYS),
            'p' => {
                let rest = text.get(pos..).unwrap_or("").to_ascii_uppercase();
                if rest.starts_with("AM") || rest.starts_with("PM") {
                    pm = Some(rest.starts_with("PM"));
                    pos += 2;
                    Some(0)
                } else {
                    None
                }
            }
            '%' => text.get(pos..).unwrap_or("").starts_with('%').then(|| {
                pos += 1;
                0
            }),
            _ => {
                return Err(PyErr::new(
                    Exc::ValueError,
                    format!("'{k}' is a bad directive in format '%{k}'"),
                ))
            }
        }
        .ok_or_else(mismatch)?;
        match k {
            'Y' | 'y' => y = v,
            'm' | 'b' | 'B' | 'h' => mo = v,
            'd' => d = v,
            'H' | 'I' => h = v,
            'M' => mi = v,
            'S' => s = v,
            'f' => us = v,
            _ => {}
        }
    }
    if pos != text.len() {
        return Err(PyErr::new(
            Exc::ValueError,
            format!(
                "unconverted data remains: {}",
                text.get(pos..).unwrap_or("")
            ),
        ));
    }
    if let Some(pm) = pm {
        h = h % 12 + if pm { 12 } else { 0 };
    }
    let date = NaiveDate::from_ymd_opt(y as i32, mo as u32, d as u32).ok_or_else(mismatch)?;
    let time = NaiveTime::from_hms_micro_opt(h as u32, mi as u32, s as u32, us as u32)
        .ok_or_else(mismatch)?;
    Ok(date.and_time(time))
}

fn py(s: &str) -> String {
    super::super::format::python_str_repr(s)
}

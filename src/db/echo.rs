//! The echo log: every statement the database ran, in order, as the page's SQL log shows
//! it (SQLAlchemy's `echo=True`): the SQL text exactly as run, the parameters as SQLAlchemy
//! renders them, row count, time, the console line that caused it and the ORM's tag.

use gluesql::core::data::{Interval, Value};
use serde::Serialize;
use std::collections::VecDeque;

/// How many entries the log keeps (older ones are dropped; `seq` keeps counting).
pub const ECHO_LOG_CAPACITY: usize = 5000;

/// One statement run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EchoEntry {
    /// Position in the whole history, from 0.
    pub seq: u64,
    pub sql: String,
    /// The parameters as SQLAlchemy's echo prints them (`('Admin', 1)`); `None` for
    /// BEGIN/COMMIT/ROLLBACK, which SQLAlchemy logs without a parameter line.
    pub params: Option<String>,
    /// Rows returned (SELECT) or changed (INSERT/UPDATE/DELETE).
    pub rows: usize,
    pub elapsed_ms: f64,
    /// The console line (or page action) that caused it.
    pub cause: String,
    /// The ORM's mark, e.g. `lazy load`, so the page can flag N+1 patterns.
    pub tag: Option<String>,
    /// The error it raised, as `(sqlite3.Class) message`.
    pub error: Option<String>,
}

/// The log: the newest `ECHO_LOG_CAPACITY` entries.
#[derive(Clone, Debug, Default)]
pub struct EchoLog {
    entries: VecDeque<EchoEntry>,
    next_seq: u64,
}

impl EchoLog {
    pub(crate) fn push(&mut self, mut entry: EchoEntry) {
        entry.seq = self.next_seq;
        self.next_seq += 1;
        if self.entries.len() >= ECHO_LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// The kept entries, oldest first.
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &EchoEntry> {
        self.entries.iter()
    }

    /// Entries with `seq >= from` (what the page has not shown yet).
    pub fn since(&self, from: u64) -> impl Iterator<Item = &EchoEntry> {
        self.entries.iter().filter(move |e| e.seq >= from)
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no entry is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `seq` the next entry will get.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Drops every kept entry; `seq` keeps counting.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// SQLAlchemy's echo shows at most this many parameters of one statement.
const MAX_PARAMS: usize = 100;

/// A parameter tuple as SQLAlchemy's echo prints it: `()`, `('Admin',)`, `('Admin', 1)`;
/// beyond 100 parameters the first and last 50 with `... N parameters truncated ...`
/// between (which also keeps a multi-row INSERT's log entry small).
pub fn render_params(params: &[Value]) -> String {
    let show = |vs: &[Value]| -> String {
        vs.iter()
            .map(|v| truncate(bound_repr(v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match params {
        [one] => format!("({},)", show(std::slice::from_ref(one))),
        _ if params.len() > MAX_PARAMS => {
            let half = MAX_PARAMS / 2;
            format!(
                "({} ... {} parameters truncated ... {})",
                show(&params[..half]),
                params.len() - MAX_PARAMS,
                show(&params[params.len() - half..])
            )
        }
        _ => format!("({})", show(params)),
    }
}

/// SQLAlchemy shortens a long parameter: 150 characters, a note, the last 150.
fn truncate(repr: String) -> String {
    let count = repr.chars().count();
    if count <= 300 {
        return repr;
    }
    let head: String = repr.chars().take(150).collect();
    let tail: String = repr.chars().skip(count - 150).collect();
    format!(
        "{head} ... ({} characters truncated) ... {tail}",
        count - 300
    )
}

/// A value as the Python repr of what SQLAlchemy's SQLite dialect binds for it: booleans
/// as 1/0, dates and times as ISO strings, UUIDs as 32 hex digits.
pub fn bound_repr(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(b) => u8::from(*b).to_string(),
        Value::I8(v) => v.to_string(),
        Value::I16(v) => v.to_string(),
        Value::I32(v) => v.to_string(),
        Value::I64(v) => v.to_string(),
        Value::I128(v) => v.to_string(),
        Value::U8(v) => v.to_string(),
        Value::U16(v) => v.to_string(),
        Value::U32(v) => v.to_string(),
        Value::U64(v) => v.to_string(),
        Value::U128(v) => v.to_string(),
        Value::F32(v) => python_float(f64::from(*v)),
        Value::F64(v) => python_float(*v),
        Value::Decimal(d) => d.to_string(),
        Value::Str(s) => python_str(s),
        Value::Bytea(b) => python_bytes(b),
        Value::Date(d) => python_str(&d.format("%Y-%m-%d").to_string()),
        Value::Timestamp(t) => python_str(&t.format("%Y-%m-%d %H:%M:%S%.6f").to_string()),
        Value::Time(t) => python_str(&t.format("%H:%M:%S%.6f").to_string()),
        Value::Interval(Interval::Microsecond(us)) => {
            let epoch = gluesql::core::chrono::DateTime::UNIX_EPOCH.naive_utc();
            let at = epoch + gluesql::core::chrono::TimeDelta::microseconds(*us);
            python_str(&at.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
        }
        Value::Uuid(u) => python_str(&format!("{u:032x}")),
        other => python_str(&String::from(other)),
    }
}

/// Python's `repr(float)`: shortest round-trip digits, exponent form outside 1e-4..1e16.
pub fn python_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let plain = x.to_string();
        match plain.contains('.') {
            true => plain,
            false => format!("{plain}.0"),
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    }
}

/// Python's `repr(str)`: single quotes unless the text has one and no double quote.
pub fn python_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn python_bytes(bytes: &[u8]) -> String {
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let escaped = python_str(&text);
    let escaped = escaped.chars().map(|c| match c as u32 {
        0x80..=0xff => format!("\\x{:02x}", c as u32),
        _ => c.to_string(),
    });
    format!("b{}", escaped.collect::<String>())
}

/// Milliseconds from an arbitrary origin: `performance.now()` in the browser (where
/// `std::time::Instant` panics), `Instant` natively.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    browser_clock::performance_now()
}

#[cfg(target_arch = "wasm32")]
mod browser_clock {
    use wasm_bindgen::prelude::wasm_bindgen;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        pub fn performance_now() -> f64;
    }
}

/// Milliseconds from an arbitrary origin (see the wasm32 version).
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use gluesql::core::chrono::NaiveDate;

    #[test]
    fn params_render_like_sqlalchemy_echo() {
        assert_eq!(render_params(&[]), "()");
        assert_eq!(render_params(&[Value::Str("Admin".into())]), "('Admin',)");
        let d = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap_or_default();
        let t = d.and_hms_opt(3, 4, 0).unwrap_or_default();
        let params = [
            Value::Str("it's".into()),
            Value::I64(1),
            Value::Bool(true),
            Value::Null,
            Value::F64(12.5),
            Value::Timestamp(t),
            Value::Date(d),
        ];
        assert_eq!(
            render_params(&params),
            "(\"it's\", 1, 1, None, 12.5, '2024-01-02 03:04:00.000000', '2024-01-02')"
        );
        let many: Vec<Value> = (0..130).map(Value::I64).collect();
        let shown = render_params(&many);
        assert!(
            shown.starts_with("(0, 1, ") && shown.ends_with(", 128, 129)"),
            "{shown}"
        );
        assert!(
            shown.contains(", 49 ... 30 parameters truncated ... 80, "),
            "{shown}"
        );
        let long = "x".repeat(400);
        let shown = render_params(&[Value::Str(long)]);
        assert!(
            shown.contains(" ... (102 characters truncated) ... "),
            "{shown}"
        );
    }

    #[test]
    fn floats_and_strings_follow_python_repr() {
        let cases = [
            (0.0, "0.0"),
            (12.5, "12.5"),
            (1e16, "1e+16"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (-3.0, "-3.0"),
        ];
        for (x, repr) in cases {
            assert_eq!(python_float(x), repr);
        }
        assert_eq!(python_str("a\nb\\'"), "\"a\\nb\\\\'\"");
        assert_eq!(python_bytes(b"a\x00\xff'"), "b\"a\\x00\\xff'\"");
    }

    #[test]
    fn the_log_keeps_the_newest_entries_and_counts_on() {
        let mut log = EchoLog::default();
        let entry = EchoEntry {
            seq: 0,
            sql: "SELECT 1".into(),
            params: Some("()".into()),
            rows: 1,
            elapsed_ms: 0.0,
            cause: String::new(),
            tag: None,
            error: None,
        };
        for _ in 0..ECHO_LOG_CAPACITY + 2 {
            log.push(entry.clone());
        }
        assert_eq!(log.len(), ECHO_LOG_CAPACITY);
        assert_eq!(log.entries().next().map(|e| e.seq), Some(2));
        assert_eq!(log.since(ECHO_LOG_CAPACITY as u64 + 1).count(), 1);
    }
}

//! The `JSON` column type's storage: Python values are stored as the text `json.dumps`
//! writes (SQLAlchemy's serializer on SQLite) and read back with `json.loads`, so dicts keep
//! their key order and numbers their int/float kind.

use crate::object::{Dict, Exc, HashKey, PyErr, PyResult, Value};

/// How deep a document may nest (Python's `json` stops at its recursion limit).
const MAX_DEPTH: usize = 200;

/// `json.dumps(value)` with the default options (`ensure_ascii=True`, `', '` and `': '`).
pub fn dumps(v: &Value) -> PyResult<String> {
    let mut out = String::new();
    write_value(&mut out, v, 0)?;
    Ok(out)
}

fn not_serializable(v: &Value) -> PyErr {
    PyErr::new(
        Exc::StatementError,
        format!(
            "(builtins.TypeError) Object of type {} is not JSON serializable",
            v.type_name()
        ),
    )
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        crate::interp::format_float_repr(f)
    }
}

fn write_value(out: &mut String, v: &Value, depth: usize) -> PyResult<()> {
    if depth > MAX_DEPTH {
        return Err(PyErr::new(
            Exc::StatementError,
            "(builtins.ValueError) Circular reference detected",
        ));
    }
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&float_text(*f)),
        Value::Str(s) => write_str(out, s),
        Value::List(items) => write_array(out, &items.borrow(), depth)?,
        Value::Tuple(items) => write_array(out, items, depth)?,
        Value::Dict(d) => {
            out.push('{');
            for (i, (k, item)) in d.borrow().items().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let key = match k {
                    Value::Str(s) => s.to_string(),
                    Value::None => "null".into(),
                    Value::Bool(b) => if *b { "true" } else { "false" }.into(),
                    Value::Int(i) => i.to_string(),
                    Value::Float(f) => float_text(*f),
                    other => {
                        return Err(PyErr::new(
                            Exc::StatementError,
                            format!(
                                "(builtins.TypeError) keys must be str, int, float, bool or None, not {}",
                                other.type_name()
                            ),
                        ))
                    }
                };
                write_str(out, &key);
                out.push_str(": ");
                write_value(out, item, depth + 1)?;
            }
            out.push('}');
        }
        other => return Err(not_serializable(other)),
    }
    Ok(())
}

fn write_array(out: &mut String, items: &[Value], depth: usize) -> PyResult<()> {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_value(out, item, depth + 1)?;
    }
    out.push(']');
    Ok(())
}

fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{u:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `json.loads(text)`; `None` when the text is not JSON (the raw text is then shown).
pub fn loads(text: &str) -> Option<Value> {
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
    };
    let v = p.value(0)?;
    p.skip_ws();
    (p.at == p.chars.len()).then_some(v)
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while self
            .peek()
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            self.at += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        let matches = self
            .chars
            .get(self.at..self.at + n)
            .is_some_and(|s| s.iter().copied().eq(word.chars()));
        if matches {
            self.at += n;
        }
        matches
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_ws();
        match self.peek()? {
            '{' => self.object(depth),
            '[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_ws();
                if self.peek() == Some(']') {
                    self.at += 1;
                    return Some(Value::list(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_ws();
                    match self.peek()? {
                        ',' => self.at += 1,
                        ']' => {
                            self.at += 1;
                            return Some(Value::list(items));
                        }
                        _ => return None,
                    }
                }
            }
            '"' => self.string().map(|s| Value::str(&s)),
            _ if self.eat("null") => Some(Value::None),
            _ if self.eat("true") => Some(Value::Bool(true)),
            _ if self.eat("false") => Some(Value::Bool(false)),
            _ if self.eat("NaN") => Some(Value::Float(f64::NAN)),
            _ if self.eat("Infinity") => Some(Value::Float(f64::INFINITY)),
            _ if self.eat("-Infinity") => Some(Value::Float(f64::NEG_INFINITY)),
            _ => self.number(),
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        self.at += 1;
        let mut d = Dict::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.at += 1;
            return Some(Value::dict(d));
        }
        loop {
            self.skip_ws();
            let key = self.string()?;
            self.skip_ws();
            if self.peek()? != ':' {
                return None;
            }
            self.at += 1;
            let item = self.value(depth + 1)?;
            let key = Value::str(&key);
            let hk = HashKey::of(&key)?;
            d.insert(hk, key, item);
            self.skip_ws();
            match self.peek()? {
                ',' => self.at += 1,
                '}' => {
                    self.at += 1;
                    return Some(Value::dict(d));
                }
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        if self.peek()? != '"' {
            return None;
        }
        self.at += 1;
        let mut s = String::new();
        let mut pending_high: Option<u32> = None;
        loop {
            let c = self.peek()?;
            self.at += 1;
            match c {
                '"' => return Some(s),
                '\\' => {
                    let e = self.peek()?;
                    self.at += 1;
                    match e {
                        'u' => {
                            let hex: String =
                                self.chars.get(self.at..self.at + 4)?.iter().collect();
                            self.at += 4;
                            let unit = u32::from_str_radix(&hex, 16).ok()?;
                            match (pending_high.take(), unit) {
                                (Some(high), 0xDC00..=0xDFFF) => {
                                    let code = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                                    s.push(char::from_u32(code)?);
                                }
                                (_, 0xD800..=0xDBFF) => pending_high = Some(unit),
                                (_, unit) => s.push(char::from_u32(unit).unwrap_or('\u{fffd}')),
                            }
                        }
                        'n' => s.push('\n'),
                        'r' => s.push('\r'),
                        't' => s.push('\t'),
                        'b' => s.push('\u{8}'),
                        'f' => s.push('\u{c}'),
                        '/' => s.push('/'),
                        '\\' => s.push('\\'),
                        '"' => s.push('"'),
                        _ => return None,
                    }
                }
                c => s.push(c),
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
        {
            self.at += 1;
        }
        let text: String = self.chars.get(start..self.at)?.iter().collect();
        if text.is_empty() {
            return None;
        }
        if !text.contains(['.', 'e', 'E']) {
            if let Ok(i) = text.parse::<i64>() {
                return Some(Value::Int(i));
            }
        }
        text.parse::<f64>().ok().map(Value::Float)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_round_trip_with_key_order_and_number_kinds() {
        let text = r#"{"b": 1, "a": [1, 2.5, null, true], "c": {"z": "x\u00fc\n", "y": 1e+20}}"#;
        let v = loads(text).expect("valid JSON");
        assert_eq!(dumps(&v).expect("serialisable"), text);
        assert_eq!(
            dumps(&Value::str("ü😀")).expect("str"),
            r#""\u00fc\ud83d\ude00""#
        );
        assert_eq!(
            loads(r#""\ud83d\ude00""#).map(|v| dumps(&v).unwrap_or_default()),
            Some(r#""\ud83d\ude00""#.to_string())
        );
        assert!(loads("{").is_none());
        assert!(dumps(&Value::Bytes(b"x".as_slice().into())).is_err());
    }
}

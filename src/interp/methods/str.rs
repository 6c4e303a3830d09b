//! Methods of `str`.

use super::{arg_range, int_arg, no_args, one_arg};
use crate::interp::ops::as_int;
use crate::interp::Interp;
use crate::object::{Args, Exc, PyErr, PyResult, Value};
use std::rc::Rc;

pub(super) const METHODS: &[&str] = &[
    "upper",
    "lower",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "splitlines",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "format",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "istitle",
    "isprintable",
    "isascii",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "partition",
    "rpartition",
    "encode",
    "removeprefix",
    "removesuffix",
    "expandtabs",
];

fn text(x: String) -> PyResult<Value> {
    Ok(Value::Str(x.into()))
}

/// An optional str argument (`strip(None)`), else `must be str or None, not int`.
fn opt_str(args: &Args, n: usize) -> PyResult<Option<Rc<str>>> {
    match args.pos.get(n) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => Err(PyErr::new(
            Exc::TypeError,
            format!("must be str or None, not {}", other.type_name()),
        )),
    }
}

fn need_str(args: &Args, n: usize, method: &str, min: usize) -> PyResult<Rc<str>> {
    match args.pos.get(n) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyErr::new(
            Exc::TypeError,
            format!("must be str, not {}", other.type_name()),
        )),
        None => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{method} expected at least {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                args.pos.len()
            ),
        )),
    }
}

/// Python's line boundaries for `splitlines`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

pub(super) fn title(s: &str) -> String {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

fn split_whitespace(s: &str, maxsplit: Option<usize>, from_right: bool) -> Vec<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let Some(n) = maxsplit.filter(|n| *n < words.len()) else {
        return words.into_iter().map(String::from).collect();
    };
    if !from_right {
        let mut out: Vec<String> = Vec::new();
        let mut rest = s.trim_start();
        for _ in 0..n {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
        out.push(rest.to_string());
        out
    } else {
        let mut out: Vec<String> = Vec::new();
        let mut rest = s.trim_end();
        for _ in 0..n {
            let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            out.push(rest[start..].to_string());
            rest = rest[..start].trim_end();
        }
        out.push(rest.to_string());
        out.reverse();
        out
    }
}

pub(super) fn call(i: &mut Interp, s: &Rc<str>, name: &str, args: &mut Args) -> PyResult<Value> {
    let qual = format!("str.{name}");
    match name {
        "upper" | "lower" | "casefold" | "swapcase" | "title" | "capitalize" => {
            no_args(args, &qual)?;
            text(match name {
                "upper" => s.to_uppercase(),
                "lower" => s.to_lowercase(),
                "casefold" => s.to_lowercase().replace('ß', "ss"),
                "swapcase" => s
                    .chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<String>()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect(),
                "title" => title(s),
                _ => {
                    let mut cs = s.chars();
                    match cs.next() {
                        Some(f) => f
                            .to_uppercase()
                            .chain(cs.flat_map(|c| c.to_lowercase()))
                            .collect(),
                        None => String::new(),
                    }
                }
            })
        }
        "strip" | "lstrip" | "rstrip" => {
            arg_range(args, name, 0, 1)?;
            let chars = opt_str(args, 0)?;
            let pat = |c: char| match &chars {
                Some(cs) => cs.contains(c),
                None => c.is_whitespace(),
            };
            text(
                match name {
                    "strip" => s.trim_matches(pat),
                    "lstrip" => s.trim_start_matches(pat),
                    _ => s.trim_end_matches(pat),
                }
                .to_string(),
            )
        }
        "split" | "rsplit" => {
            let sep = match args.take_kw("sep") {
                Some(v) => {
                    args.pos.insert(0, v);
                    opt_str(args, 0)?
                }
                None => opt_str(args, 0)?,
            };
            let maxsplit = match args.take(1, "maxsplit") {
                Some(v) => Some(int_arg(&v)?).filter(|n| *n >= 0).map(|n| n as usize),
                None => None,
            };
            let parts: Vec<String> = match &sep {
                Some(sep) if sep.is_empty() => {
                    return Err(PyErr::new(Exc::ValueError, "empty separator"))
                }
                Some(sep) if name == "split" => match maxsplit {
                    Some(n) => s.splitn(n + 1, &**sep).map(String::from).collect(),
                    None => s.split(&**sep).map(String::from).collect(),
                },
                Some(sep) => {
                    let mut v: Vec<String> = match maxsplit {
                        Some(n) => s.rsplitn(n + 1, &**sep).map(String::from).collect(),
                        None => s.rsplit(&**sep).map(String::from).collect(),
                    };
                    v.reverse();
                    v
                }
                None => split_whitespace(s, maxsplit, name == "rsplit"),
            };
            i.check_len(parts.len())?;
            Ok(Value::list(parts.into_iter().map(Value::from).collect()))
        }
        "splitlines" => {
            let keep = match args.take(0, "keepends") {
                Some(v) => i.truth(&v)?,
                None => false,
            };
            let mut out = Vec::new();
            let mut line = String::new();
            let mut chars = s.chars().peekable();
            while let Some(c) = chars.next() {
                if is_line_break(c) {
                    let mut end = c.to_string();
                    if c == '\r' && chars.peek() == Some(&'\n') {
                        chars.next();
                        end.push('\n');
                    }
                    if keep {
                        line.push_str(&end);
                    }
                    out.push(Value::from(std::mem::take(&mut line)));
                } else {
                    line.push(c);
                }
            }
            if !line.is_empty() {
                out.push(Value::from(line));
            }
            Ok(Value::list(out))
        }
        "join" => {
            let arg = one_arg(args, "str.join")?;
            let items = i.collect_iterable(&arg).map_err(|e| {
                if e.is(Exc::TypeError) {
                    PyErr::new(Exc::TypeError, "can only join an iterable")
                } else {
                    e
                }
            })?;
            let mut out = String::new();
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(s);
                }
                match item {
                    Value::Str(x) => out.push_str(x),
                    other => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "sequence item {n}: expected str instance, {} found",
                                other.type_name()
                            ),
                        ))
                    }
                }
                i.check_len(out.len())?;
            }
            text(out)
        }
        "replace" => {
            arg_range(args, "replace", 2, 3)?;
            let old = need_str(args, 0, name, 2)?;
            let new = need_str(args, 1, name, 2)?;
            let count = match args.pos.get(2) {
                Some(v) => Some(int_arg(v)?).filter(|n| *n >= 0),
                None => None,
            };
            let estimate = if old.is_empty() {
                s.chars().count() + 1
            } else {
                s.matches(&*old).count()
            };
            i.check_len(s.len() + estimate.saturating_mul(new.len()))?;
            text(match count {
                Some(n) => s.replacen(&*old, &new, n as usize),
                None => s.replace(&*old, &new),
            })
        }
        "startswith" | "endswith" => {
            let prefixes: Vec<Rc<str>> = match args.pos.first() {
                Some(Value::Str(p)) => vec![p.clone()],
                Some(Value::Tuple(t)) => t
                    .iter()
                    .map(|v| match v {
                        Value::Str(p) => Ok(p.clone()),
                        other => Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "tuple for {name} must only contain str, not {}",
                                other.type_name()
                            ),
                        )),
                    })
                    .collect::<PyResult<_>>()?,
                Some(other) => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!(
                            "{name} first arg must be str or a tuple of str, not {}",
                            other.type_name()
                        ),
                    ))
                }
                None => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("{name}() takes at least 1 argument (0 given)"),
                    ))
                }
            };
            let sub = char_slice(s, args.pos.get(1), args.pos.get(2));
            Ok(Value::Bool(prefixes.iter().any(|p| {
                if name == "startswith" {
                    sub.starts_with(&**p)
                } else {
                    sub.ends_with(&**p)
                }
            })))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            arg_range(args, name, 1, 3)?;
            let sub = need_str(args, 0, name, 1)?;
            let start = args.pos.get(1).and_then(as_int).unwrap_or(0);
            let n = s.chars().count() as i64;
            let offset = if start < 0 {
                (start + n).max(0)
            } else {
                start.min(n)
            };
            let hay = char_slice(s, args.pos.get(1), args.pos.get(2));
            if name == "count" {
                return Ok(Value::Int(if sub.is_empty() {
                    hay.chars().count() as i64 + 1
                } else {
                    hay.matches(&*sub).count() as i64
                }));
            }
            let found = if name.starts_with('r') {
                hay.rfind(&*sub)
            } else {
                hay.find(&*sub)
            };
            match found {
                Some(b) => Ok(Value::Int(hay[..b].chars().count() as i64 + offset)),
                None if name.ends_with("find") => Ok(Value::Int(-1)),
                None => Err(PyErr::new(Exc::ValueError, "substring not found")),
            }
        }
        "format" => {
            let a = std::mem::take(args);
            text(i.str_format(s, &a)?)
        }
        _ => super::str_layout::call(i, s, name, args),
    }
}

/// `s[start:end]` by character positions (for `startswith(p, start, end)` and friends).
fn char_slice<'a>(s: &'a str, start: Option<&Value>, end: Option<&Value>) -> &'a str {
    let n = s.chars().count() as i64;
    let norm = |v: Option<&Value>, default: i64| -> usize {
        let x = v.and_then(as_int).unwrap_or(default);
        let x = if x < 0 { (x + n).max(0) } else { x.min(n) };
        x as usize
    };
    let (a, b) = (norm(start, 0), norm(end, n));
    if a >= b {
        return "";
    }
    let byte = |k: usize| s.char_indices().nth(k).map(|(i, _)| i).unwrap_or(s.len());
    &s[byte(a)..byte(b)]
}

//! Methods of `str` that test or lay out text: `isdigit` and the other predicates,
//! `center`/`ljust`/`rjust`/`zfill`, `partition`, `removeprefix`, `expandtabs`.

use super::str::title;
use super::{arg_range, int_arg, no_args, one_arg};
use crate::interp::Interp;
use crate::object::{Args, Exc, PyErr, PyResult, Value};
use std::rc::Rc;

fn text(x: String) -> PyResult<Value> {
    Ok(Value::Str(x.into()))
}

pub(super) fn call(i: &mut Interp, s: &Rc<str>, name: &str, args: &mut Args) -> PyResult<Value> {
    let qual = format!("str.{name}");
    match name {
        "isdigit" | "isdecimal" | "isnumeric" => {
            no_args(args, &qual)?;
            Ok(Value::Bool(
                !s.is_empty()
                    && s.chars().all(|c| match name {
                        "isnumeric" => c.is_numeric(),
                        // Vulgar fractions are numeric but not digits.
                        _ => c.is_numeric() && !('\u{bc}'..='\u{be}').contains(&c),
                    }),
            ))
        }
        "isalpha" | "isalnum" | "isspace" | "isascii" | "isprintable" => {
            no_args(args, &qual)?;
            Ok(Value::Bool(match name {
                "isalpha" => !s.is_empty() && s.chars().all(char::is_alphabetic),
                "isalnum" => !s.is_empty() && s.chars().all(char::is_alphanumeric),
                "isspace" => !s.is_empty() && s.chars().all(char::is_whitespace),
                "isascii" => s.is_ascii(),
                _ => s.chars().all(crate::interp::format::is_printable),
            }))
        }
        "isupper" | "islower" => {
            no_args(args, &qual)?;
            type CharTest = fn(char) -> bool;
            let (want, other): (CharTest, CharTest) = if name == "isupper" {
                (char::is_uppercase, char::is_lowercase)
            } else {
                (char::is_lowercase, char::is_uppercase)
            };
            Ok(Value::Bool(s.chars().any(want) && !s.chars().any(other)))
        }
        "istitle" => {
            no_args(args, &qual)?;
            Ok(Value::Bool(
                title(s) == **s && s.chars().any(char::is_alphabetic),
            ))
        }
        "isidentifier" => {
            no_args(args, &qual)?;
            Ok(Value::Bool(
                s.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && s.chars().all(|c| c.is_alphanumeric() || c == '_'),
            ))
        }
        "center" | "ljust" | "rjust" => {
            arg_range(args, name, 1, 2)?;
            let width = int_arg(&args.pos[0])?.max(0) as usize;
            i.check_len(width)?;
            let fill = match args.pos.get(1) {
                Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
                Some(Value::Str(_)) => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        "The fill character must be exactly one character long",
                    ))
                }
                Some(other) => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("{name}() argument 2 must be str, not {}", other.type_name()),
                    ))
                }
                None => ' ',
            };
            let len = s.chars().count();
            if len >= width {
                return text(s.to_string());
            }
            let n = width - len;
            let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
            text(match name {
                "ljust" => format!("{s}{}", f(n)),
                "rjust" => format!("{}{s}", f(n)),
                _ => {
                    let left = n / 2 + (n & width & 1);
                    format!("{}{s}{}", f(left), f(n - left))
                }
            })
        }
        "zfill" => {
            let width = int_arg(&one_arg(args, "str.zfill")?)?.max(0) as usize;
            i.check_len(width)?;
            let len = s.chars().count();
            if len >= width {
                return text(s.to_string());
            }
            let (sign, rest) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), &s[..]),
            };
            text(format!("{sign}{}{rest}", "0".repeat(width - len)))
        }
        "partition" | "rpartition" => {
            let sep = match one_arg(args, &qual)? {
                Value::Str(p) => p,
                other => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("must be str, not {}", other.type_name()),
                    ))
                }
            };
            if sep.is_empty() {
                return Err(PyErr::new(Exc::ValueError, "empty separator"));
            }
            let found = if name == "partition" {
                s.find(&*sep)
            } else {
                s.rfind(&*sep)
            };
            let parts = match found {
                Some(b) => [&s[..b], &*sep, &s[b + sep.len()..]],
                None if name == "partition" => [&s[..], "", ""],
                None => ["", "", &s[..]],
            };
            Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
        }
        "encode" => Ok(Value::Bytes(s.as_bytes().into())),
        "removeprefix" | "removesuffix" => {
            let p = match one_arg(args, &qual)? {
                Value::Str(p) => p,
                other => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("{name}() argument must be str, not {}", other.type_name()),
                    ))
                }
            };
            let r = if name == "removeprefix" {
                s.strip_prefix(&*p)
            } else {
                s.strip_suffix(&*p)
            };
            text(r.unwrap_or(s).to_string())
        }
        "expandtabs" => {
            let size = match args.take(0, "tabsize") {
                Some(v) => int_arg(&v)?.max(0) as usize,
                None => 8,
            };
            let mut out = String::new();
            let mut col = 0usize;
            for c in s.chars() {
                match c {
                    '\t' if size > 0 => {
                        let n = size - col % size;
                        out.push_str(&" ".repeat(n));
                        col += n;
                    }
                    '\t' => {}
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    c => {
                        out.push(c);
                        col += 1;
                    }
                }
                i.check_len(out.len())?;
            }
            text(out)
        }
        _ => Err(crate::interp::attr::no_attribute("str", name)),
    }
}

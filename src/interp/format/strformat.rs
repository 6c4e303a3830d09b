//! `str.format(*args, **kwargs)`: replacement fields with indexes, names, attributes, items,
//! conversions and nested specs, with CPython's errors.

use crate::interp::Interp;
use crate::object::{Args, Exc, PyErr, PyResult, Value};

/// How positional fields are being numbered (`{}` versus `{0}` may not be mixed).
#[derive(PartialEq, Clone, Copy)]
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

impl Interp {
    /// `fmt.format(*args, **kwargs)`.
    pub(crate) fn str_format(&mut self, fmt: &str, args: &Args) -> PyResult<String> {
        let mut numbering = Numbering::Unknown;
        self.str_format_inner(fmt, args, &mut numbering, 0)
    }

    fn str_format_inner(
        &mut self,
        fmt: &str,
        args: &Args,
        numbering: &mut Numbering,
        depth: usize,
    ) -> PyResult<String> {
        if depth > 2 {
            return Err(PyErr::new(Exc::ValueError, "Max string recursion exceeded"));
        }
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(PyErr::new(
                    Exc::ValueError,
                    "Single '}' encountered in format string",
                ));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            let mut depth_braces = 1;
            let mut j = i + 1;
            while j < chars.len() && depth_braces > 0 {
                match chars[j] {
                    '{' => depth_braces += 1,
                    '}' => depth_braces -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth_braces > 0 {
                let msg = if j == i + 1 {
                    "Single '{' encountered in format string"
                } else {
                    "expected '}' before end of string"
                };
                return Err(PyErr::new(Exc::ValueError, msg));
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            i = j;
            let (head, spec) = split_field(&field);
            let (name_part, conversion) = match head.split_once('!') {
                Some((n, c)) => {
                    let mut cs = c.chars();
                    let conv = cs.next();
                    if cs.next().is_some() || conv.is_none() {
                        return Err(PyErr::new(
                            Exc::ValueError,
                            "expected ':' after conversion specifier",
                        ));
                    }
                    (n.to_string(), conv)
                }
                None => (head.to_string(), None),
            };
            let value = self.format_field(&name_part, args, numbering)?;
            let spec = if spec.contains('{') {
                self.str_format_inner(spec, args, numbering, depth + 1)?
            } else {
                spec.to_string()
            };
            let value = match conversion {
                Some('r') => Value::Str(self.repr_value(&value)?.into()),
                Some('s') => Value::Str(self.str_value(&value)?.into()),
                Some('a') => Value::Str(super::ascii(&self.repr_value(&value)?).into()),
                Some(other) => {
                    return Err(PyErr::new(
                        Exc::ValueError,
                        format!("Unknown conversion specifier {other}"),
                    ))
                }
                None => value,
            };
            out.push_str(&self.format_value(&value, &spec)?);
            self.check_len(out.len())?;
        }
        Ok(out)
    }

    /// Resolves `0`, `name`, `0.attr`, `name[key]` in a `str.format` field.
    fn format_field(
        &mut self,
        field: &str,
        args: &Args,
        numbering: &mut Numbering,
    ) -> PyResult<Value> {
        let end = field.find(['.', '[']).unwrap_or(field.len());
        let (head, mut rest) = field.split_at(end);
        let index = |n: usize| {
            args.pos.get(n).cloned().ok_or_else(|| {
                PyErr::new(
                    Exc::IndexError,
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            })
        };
        let mut value = if head.is_empty() {
            let n = match *numbering {
                Numbering::Manual => return Err(PyErr::new(
                    Exc::ValueError,
                    "cannot switch from manual field specification to automatic field numbering",
                )),
                Numbering::Auto(n) => n,
                Numbering::Unknown => 0,
            };
            *numbering = Numbering::Auto(n + 1);
            index(n)?
        } else if let Ok(n) = head.parse::<usize>() {
            if let Numbering::Auto(_) = numbering {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            *numbering = Numbering::Manual;
            index(n)?
        } else {
            match args.kw.iter().find(|(k, _)| &**k == head) {
                Some((_, v)) => v.clone(),
                None => {
                    let key = Value::str(head);
                    return Err(self.key_error(&key)?);
                }
            }
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let (name, tail) = r.split_at(end);
                if name.is_empty() {
                    return Err(PyErr::new(
                        Exc::ValueError,
                        "Empty attribute in format string",
                    ));
                }
                value = self.get_attribute(&value, name)?;
                rest = tail;
            } else if let Some(r) = rest.strip_prefix('[') {
                let end = r
                    .find(']')
                    .ok_or_else(|| PyErr::new(Exc::ValueError, "Missing ']' in format string"))?;
                let key = &r[..end];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                value = self.get_item(&value, &k)?;
                rest = &r[end + 1..];
            } else {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        }
        Ok(value)
    }
}

/// Splits `name!r:spec` at the first `:` that is not inside brackets.
fn split_field(field: &str) -> (&str, &str) {
    let mut depth = 0;
    for (i, c) in field.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ':' if depth == 0 => return (&field[..i], &field[i + 1..]),
            _ => {}
        }
    }
    (field, "")
}

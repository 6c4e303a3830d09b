//! `fmt % args` (printf-style formatting), as the lessons' `'<Role %r>' % self.name` uses.

use super::spec::{format_float, format_int, pad, Spec};
use crate::interp::ops::{as_float, tp_name};
use crate::interp::Interp;
use crate::object::{BigInt, Exc, PyErr, PyResult, Value};

/// The flags of one conversion: `%-08.3f`.
struct Conversion {
    left: bool,
    zero: bool,
    sign: Option<char>,
    alternate: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

impl Interp {
    /// `fmt % args`.
    pub(crate) fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        let (items, mapping) = match args {
            Value::Tuple(t) => (t.to_vec(), None),
            Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
            other => (vec![other.clone()], None),
        };
        let mut next = 0usize;
        let mut take = |interp: &mut Interp| -> PyResult<Value> {
            let _ = interp;
            let v = items.get(next).cloned().ok_or_else(|| {
                PyErr::new(Exc::TypeError, "not enough arguments for format string")
            })?;
            next += 1;
            Ok(v)
        };
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            let mut key: Option<String> = None;
            if chars.get(i) == Some(&'(') {
                let mut depth = 0;
                let mut end = None;
                for (j, ch) in chars.iter().enumerate().skip(i) {
                    match ch {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                end = Some(j);
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let Some(end) = end else {
                    return Err(PyErr::new(Exc::ValueError, "incomplete format key"));
                };
                key = Some(chars[i + 1..end].iter().collect());
                i = end + 1;
            }
            let mut conv = Conversion {
                left: false,
                zero: false,
                sign: None,
                alternate: false,
                width: None,
                precision: None,
            };
            while let Some(&f) = chars.get(i) {
                match f {
                    '-' => conv.left = true,
                    '0' => conv.zero = true,
                    '+' => conv.sign = Some('+'),
                    ' ' => conv.sign = conv.sign.or(Some(' ')),
                    '#' => conv.alternate = true,
                    _ => break,
                }
                i += 1;
            }
            conv.width = self.percent_number(&chars, &mut i, &mut take)?;
            if chars.get(i) == Some(&'.') {
                i += 1;
                conv.precision = Some(self.percent_number(&chars, &mut i, &mut take)?.unwrap_or(0));
            }
            while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
                i += 1;
            }
            let Some(&kind) = chars.get(i) else {
                return Err(PyErr::new(Exc::ValueError, "incomplete format"));
            };
            i += 1;
            if kind == '%' {
                out.push('%');
                continue;
            }
            let value = match (&key, &mapping) {
                (Some(k), Some(m)) => self.get_item(m, &Value::str(k))?,
                (Some(_), None) => {
                    return Err(PyErr::new(Exc::TypeError, "format requires a mapping"))
                }
                (None, _) => take(self)?,
            };
            let piece = self.percent_one(kind, &value, &conv, i - 1)?;
            out.push_str(&piece);
            self.check_len(out.len())?;
        }
        if mapping.is_none() && next < items.len() {
            return Err(PyErr::new(
                Exc::TypeError,
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }

    /// A width or precision: digits, or `*` taken from the arguments.
    fn percent_number(
        &mut self,
        chars: &[char],
        i: &mut usize,
        take: &mut dyn FnMut(&mut Interp) -> PyResult<Value>,
    ) -> PyResult<Option<usize>> {
        if chars.get(*i) == Some(&'*') {
            *i += 1;
            let v = take(self)?;
            return match crate::interp::ops::as_int(&v) {
                Some(n) => Ok(Some(n.unsigned_abs() as usize)),
                None => Err(PyErr::new(Exc::TypeError, "* wants int")),
            };
        }
        let start = *i;
        while chars.get(*i).is_some_and(|c| c.is_ascii_digit()) {
            *i += 1;
        }
        if *i == start {
            return Ok(None);
        }
        let n: String = chars[start..*i].iter().collect();
        n.parse::<usize>()
            .ok()
            .filter(|n| *n <= 1_000_000)
            .map(Some)
            .ok_or_else(|| PyErr::new(Exc::ValueError, "width too big"))
    }

    fn percent_one(
        &mut self,
        kind: char,
        value: &Value,
        conv: &Conversion,
        at: usize,
    ) -> PyResult<String> {
        let spec = Spec {
            align: if conv.left { Some('<') } else { None },
            zero: conv.zero && !conv.left,
            sign: conv.sign,
            alternate: conv.alternate,
            width: conv.width.unwrap_or(0),
            precision: conv.precision,
            ..Spec::default()
        };
        let truncate = |s: String| match conv.precision {
            Some(p) => s.chars().take(p).collect(),
            None => s,
        };
        let text_spec = Spec {
            zero: false,
            ..spec.clone()
        };
        Ok(match kind {
            's' => pad(truncate(self.str_value(value)?), &text_spec, '>'),
            'r' => pad(truncate(self.repr_value(value)?), &text_spec, '>'),
            'a' => pad(
                truncate(super::ascii(&self.repr_value(value)?)),
                &text_spec,
                '>',
            ),
            'd' | 'i' | 'u' => {
                let n = match value {
                    Value::Float(f) if f.is_finite() => BigInt::from_f64(*f).unwrap_or_default(),
                    Value::Int(i) => BigInt::from_i64(*i),
                    Value::Bool(b) => BigInt::from_i64(*b as i64),
                    Value::BigInt(b) => (**b).clone(),
                    other => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "%{kind} format: a real number is required, not {}",
                                tp_name(other)
                            ),
                        ))
                    }
                };
                let with_precision = match conv.precision {
                    Some(p) => {
                        let digits = n.abs().to_string_radix(10);
                        let digits =
                            format!("{}{digits}", "0".repeat(p.saturating_sub(digits.len())));
                        let signed = if n.is_negative() {
                            format!("-{digits}")
                        } else {
                            digits
                        };
                        signed
                    }
                    None => String::new(),
                };
                if conv.precision.is_some() {
                    let body = match (n.is_negative(), conv.sign) {
                        (false, Some(s)) => format!("{s}{with_precision}"),
                        _ => with_precision,
                    };
                    pad(body, &spec, '>')
                } else {
                    format_int(
                        &n,
                        &Spec {
                            precision: None,
                            ..spec
                        },
                    )?
                }
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                let x = match (value, as_float(value)) {
                    (Value::Native(_), _) | (_, None) => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!("must be real number, not {}", tp_name(value)),
                        ))
                    }
                    (_, Some(x)) => x,
                };
                let spec = Spec {
                    kind: Some(kind),
                    precision: conv.precision.or(Some(6)),
                    ..spec
                };
                format_float(x, &spec)?
            }
            'x' | 'X' | 'o' => {
                let n = match value {
                    Value::Int(i) => BigInt::from_i64(*i),
                    Value::Bool(b) => BigInt::from_i64(*b as i64),
                    Value::BigInt(b) => (**b).clone(),
                    other => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "%{kind} format: an integer is required, not {}",
                                tp_name(other)
                            ),
                        ))
                    }
                };
                format_int(
                    &n,
                    &Spec {
                        kind: Some(kind),
                        precision: None,
                        ..spec
                    },
                )?
            }
            'c' => {
                let c = match value {
                    Value::Str(s) if s.chars().count() == 1 => s.to_string(),
                    Value::Str(_) => {
                        return Err(PyErr::new(Exc::TypeError, "%c requires int or char"))
                    }
                    other => match crate::interp::ops::as_int(other)
                        .and_then(|n| u32::try_from(n).ok())
                        .and_then(char::from_u32)
                    {
                        Some(c) => c.to_string(),
                        None if crate::interp::ops::as_int(other).is_some() => {
                            return Err(PyErr::new(
                                Exc::OverflowError,
                                "%c arg not in range(0x110000)",
                            ))
                        }
                        None => return Err(PyErr::new(Exc::TypeError, "%c requires int or char")),
                    },
                };
                pad(c, &text_spec, '>')
            }
            other => {
                return Err(PyErr::new(
                    Exc::ValueError,
                    format!(
                        "unsupported format character '{other}' (0x{:x}) at index {at}",
                        other as u32
                    ),
                ))
            }
        })
    }
}

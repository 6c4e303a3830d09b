//! Text formatting exactly as CPython does it: float and str reprs, `%` formatting, the
//! format-spec mini-language (f-strings, `format()`), and `str.format`.

use super::ops::{as_float, as_int};
use super::Interp;
use crate::object::{Args, Exc, PyErr, PyResult, Value};

/// `repr(float)`: the shortest text that round-trips, in Python's layout (`1.0`, `1e+16`,
/// `1.5e-05`, `inf`, `nan`).
pub fn format_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), digits)
        } else if point as usize >= digits.len() {
            format!("{}{}.0", digits, "0".repeat(point as usize - digits.len()))
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{a}.{b}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let mant = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", exp.abs())
    }
}

/// `repr(str)`: single quotes unless the text has a single quote and no double quote;
/// escapes as CPython prints them.
pub fn python_str_repr(s: &str) -> String {
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
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unprintable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_unprintable(c: char) -> bool {
    let n = c as u32;
    (0x80..0xa0).contains(&n)
        || n == 0xad
        || (0xd800..0xe000).contains(&n)
        || n == 0x2028
        || n == 0x2029
}

/// `ascii()`: the repr with non-ASCII characters escaped.
pub(crate) fn ascii(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
#[derive(Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if let Some(&c) = chars.get(i) {
        if matches!(c, '+' | '-' | ' ') {
            s.sign = Some(c);
            i += 1;
        }
    }
    if chars.get(i) == Some(&'#') {
        s.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
        i += 1;
    }
    s.width = chars[start..i]
        .iter()
        .collect::<String>()
        .parse()
        .unwrap_or(0);
    if let Some(&c) = chars.get(i) {
        if c == ',' || c == '_' {
            s.grouping = Some(c);
            i += 1;
        }
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        let start = i;
        while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        if start == i {
            return Err(PyErr::new(
                Exc::ValueError,
                "Format specifier missing precision",
            ));
        }
        s.precision = chars[start..i].iter().collect::<String>().parse().ok();
    }
    if let Some(&c) = chars.get(i) {
        s.kind = Some(c);
        i += 1;
    }
    if i != chars.len() {
        return Err(PyErr::new(Exc::ValueError, "Invalid format specifier"));
    }
    Ok(s)
}

fn pad(body: String, spec: &Spec, default_align: char) -> String {
    let len = body.chars().count();
    if len >= spec.width {
        return body;
    }
    let fill = spec.fill.unwrap_or(if spec.zero && spec.align.is_none() {
        '0'
    } else {
        ' '
    });
    let align = spec
        .align
        .unwrap_or(if spec.zero { '=' } else { default_align });
    let n = spec.width - len;
    let fills = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => body + &fills(n),
        '^' => fills(n / 2) + &body + &fills(n - n / 2),
        '=' => {
            let (sign, rest) = match body.chars().next() {
                Some(c @ ('-' | '+' | ' ')) => (c.to_string(), body[1..].to_string()),
                _ => (String::new(), body.clone()),
            };
            sign + &fills(n) + &rest
        }
        _ => fills(n) + &body,
    }
}

fn group_digits(int_part: &str, sep: char) -> String {
    let digits: Vec<char> = int_part.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn with_sign(negative: bool, body: String, spec: &Spec) -> String {
    if negative {
        format!("-{body}")
    } else {
        match spec.sign {
            Some('+') => format!("+{body}"),
            Some(' ') => format!(" {body}"),
            _ => body,
        }
    }
}

fn format_int(i: i64, spec: &Spec) -> PyResult<String> {
    let neg = i < 0;
    let mag = i.unsigned_abs();
    let body = match spec.kind {
        None | Some('d') | Some('n') => {
            let s = mag.to_string();
            match spec.grouping {
                Some(g) => group_digits(&s, g),
                None => s,
            }
        }
        Some('x') => format!("{}{mag:x}", if spec.alternate { "0x" } else { "" }),
        Some('X') => format!("{}{mag:X}", if spec.alternate { "0X" } else { "" }),
        Some('o') => format!("{}{mag:o}", if spec.alternate { "0o" } else { "" }),
        Some('b') => format!("{}{mag:b}", if spec.alternate { "0b" } else { "" }),
        Some('c') => char::from_u32(i as u32)
            .map(String::from)
            .unwrap_or_default(),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => return format_float(i as f64, spec),
        Some(k) => {
            return Err(PyErr::new(
                Exc::ValueError,
                format!("Unknown format code '{k}' for object of type 'int'"),
            ))
        }
    };
    Ok(pad(with_sign(neg, body, spec), spec, '>'))
}

fn format_float(x: f64, spec: &Spec) -> PyResult<String> {
    let neg = x.is_sign_negative() && x != 0.0 || (x == 0.0 && x.is_sign_negative());
    let mag = x.abs();
    let body = if mag.is_infinite() {
        "inf".to_string()
    } else if mag.is_nan() {
        "nan".to_string()
    } else {
        match spec.kind {
            None => match spec.precision {
                None => format_float_repr(mag),
                Some(p) => general(mag, p.max(1), true),
            },
            Some('f' | 'F') => format!("{:.*}", spec.precision.unwrap_or(6), mag),
            Some('e' | 'E') => {
                let s = sci(mag, spec.precision.unwrap_or(6));
                if spec.kind == Some('E') {
                    s.to_uppercase()
                } else {
                    s
                }
            }
            Some('g' | 'G') => general(mag, spec.precision.unwrap_or(6).max(1), false),
            Some('%') => format!("{:.*}%", spec.precision.unwrap_or(6), mag * 100.0),
            Some('n') => general(mag, spec.precision.unwrap_or(6).max(1), false),
            Some(k) => {
                return Err(PyErr::new(
                    Exc::ValueError,
                    format!("Unknown format code '{k}' for object of type 'float'"),
                ))
            }
        }
    };
    let body = match spec.grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{rest}", group_digits(int_part, g))
        }
        None => body,
    };
    Ok(pad(with_sign(neg, body, spec), spec, '>'))
}

/// `%e` layout: `1.500000e+03`.
fn sci(x: f64, precision: usize) -> String {
    let s = format!("{x:.precision$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g` layout (and the no-type layout with a precision, which keeps a `.0`-free mantissa
/// but switches to exponent form at the same thresholds).
fn general(x: f64, precision: usize, repr_style: bool) -> String {
    if x == 0.0 {
        return if repr_style { "0.0".into() } else { "0".into() };
    }
    let exp = x.abs().log10().floor() as i32;
    let rounded = format!("{:.*e}", precision - 1, x);
    let exp = rounded
        .split_once('e')
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(exp);
    let trim = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    };
    if exp < -4 || exp >= precision as i32 {
        let s = sci(x, precision - 1);
        let (m, e) = s.split_once('e').unwrap_or((&s, ""));
        format!("{}e{e}", trim(m.to_string()))
    } else {
        let decimals = (precision as i32 - 1 - exp).max(0) as usize;
        let s = trim(format!("{x:.decimals$}"));
        if repr_style && !s.contains('.') {
            format!("{s}.0")
        } else {
            s
        }
    }
}

impl Interp {
    /// `format(value, spec)`.
    pub(crate) fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match v {
            Value::Bool(_) if spec.is_empty() => self.str_value(v),
            Value::Int(_) | Value::Bool(_) => {
                format_int(as_int(v).unwrap_or(0), &parse_spec(spec)?)
            }
            Value::Float(f) => format_float(*f, &parse_spec(spec)?),
            Value::Str(s) => {
                let spec = parse_spec(spec)?;
                if let Some(k) = spec.kind.filter(|k| *k != 's') {
                    return Err(PyErr::new(
                        Exc::ValueError,
                        format!("Unknown format code '{k}' for object of type 'str'"),
                    ));
                }
                let body: String = match spec.precision {
                    Some(p) => s.chars().take(p).collect(),
                    None => s.to_string(),
                };
                Ok(pad(body, &spec, '<'))
            }
            Value::Date(_) | Value::DateTime(_) | Value::Time(_) if !spec.is_empty() => {
                super::datetime::strftime(v, spec)
            }
            Value::Instance(inst) if inst.class.lookup("__format__").is_some() => {
                let m = inst.class.lookup("__format__").unwrap_or(Value::None);
                let r = self.call_value_inner(&m, Args::new(vec![v.clone(), Value::str(spec)]))?;
                self.str_value(&r)
            }
            _ => {
                if spec.is_empty() {
                    return self.str_value(v);
                }
                let s = self.str_value(v)?;
                let parsed = parse_spec(spec);
                match (v, parsed) {
                    (Value::None | Value::List(_) | Value::Tuple(_) | Value::Dict(_), _)
                    | (_, Err(_)) => Err(PyErr::new(
                        Exc::TypeError,
                        format!(
                            "unsupported format string passed to {}.__format__",
                            v.type_name()
                        ),
                    )),
                    (_, Ok(p)) if p.kind.is_none() || p.kind == Some('s') => Ok(pad(s, &p, '<')),
                    _ => Err(PyErr::new(
                        Exc::TypeError,
                        format!(
                            "unsupported format string passed to {}.__format__",
                            v.type_name()
                        ),
                    )),
                }
            }
        }
    }

    /// `fmt % args`.
    pub(crate) fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        let (items, mapping) = match args {
            Value::Tuple(t) => (t.to_vec(), None),
            Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
            other => (vec![other.clone()], None),
        };
        let mut next = 0usize;
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
                let end = chars[i..].iter().position(|&c| c == ')').map(|p| p + i);
                let Some(end) = end else {
                    return Err(PyErr::new(Exc::ValueError, "incomplete format key"));
                };
                key = Some(chars[i + 1..end].iter().collect());
                i = end + 1;
            }
            let start = i;
            while chars
                .get(i)
                .is_some_and(|c| "-+ #0123456789.*".contains(*c))
            {
                i += 1;
            }
            let flags: String = chars[start..i].iter().collect();
            let Some(&conv) = chars.get(i) else {
                return Err(PyErr::new(Exc::ValueError, "incomplete format"));
            };
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let value = match (&key, &mapping) {
                (Some(k), Some(m)) => self.get_item(m, &Value::str(k))?,
                (Some(_), None) => {
                    return Err(PyErr::new(Exc::TypeError, "format requires a mapping"))
                }
                (None, _) => {
                    let v = items.get(next).cloned().ok_or_else(|| {
                        PyErr::new(Exc::TypeError, "not enough arguments for format string")
                    })?;
                    next += 1;
                    v
                }
            };
            let (align_left, zero, sign, width, precision) = parse_percent_flags(&flags);
            let spec = Spec {
                align: if align_left { Some('<') } else { None },
                zero,
                sign,
                width,
                precision,
                ..Spec::default()
            };
            let piece = match conv {
                's' => {
                    let s = self.str_value(&value)?;
                    pad(truncate(s, precision), &spec, '>')
                }
                'r' | 'a' => {
                    let s = self.repr_value(&value)?;
                    pad(truncate(s, precision), &spec, '>')
                }
                'd' | 'i' | 'u' => {
                    let n = match &value {
                        Value::Float(f) => f.trunc() as i64,
                        other => as_int(other).ok_or_else(|| {
                            PyErr::new(
                                Exc::TypeError,
                                format!(
                                    "%{conv} format: a real number is required, not {}",
                                    other.type_name()
                                ),
                            )
                        })?,
                    };
                    format_int(n, &spec)?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' => {
                    let x = as_float(&value).ok_or_else(|| {
                        PyErr::new(
                            Exc::TypeError,
                            format!("must be real number, not {}", value.type_name()),
                        )
                    })?;
                    let spec = Spec {
                        kind: Some(conv),
                        precision: precision.or(Some(6)),
                        ..spec
                    };
                    format_float(x, &spec)?
                }
                'x' | 'X' | 'o' | 'c' => {
                    let n = as_int(&value).ok_or_else(|| {
                        PyErr::new(
                            Exc::TypeError,
                            format!(
                                "%{conv} format: an integer is required, not {}",
                                value.type_name()
                            ),
                        )
                    })?;
                    format_int(
                        n,
                        &Spec {
                            kind: Some(conv),
                            ..spec
                        },
                    )?
                }
                other => {
                    return Err(PyErr::new(
                        Exc::ValueError,
                        format!(
                            "unsupported format character '{other}' (0x{:x}) at index {}",
                            other as u32,
                            i - 1
                        ),
                    ))
                }
            };
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

    /// `fmt.format(*args, **kwargs)`.
    pub(crate) fn str_format(&mut self, fmt: &str, args: &Args) -> PyResult<String> {
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        let mut auto = 0usize;
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
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                match chars[j] {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth > 0 {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "expected '}' before end of string",
                ));
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            i = j;
            let (name_part, spec) = match field.split_once(':') {
                Some((n, s)) => (n.to_string(), s.to_string()),
                None => (field.clone(), String::new()),
            };
            let (name_part, conversion) = match name_part.split_once('!') {
                Some((n, c)) => (n.to_string(), c.chars().next()),
                None => (name_part, None),
            };
            let spec = if spec.contains('{') {
                self.str_format(&spec, args)?
            } else {
                spec
            };
            let value = self.format_field(&name_part, args, &mut auto)?;
            let value = match conversion {
                Some('r') => Value::Str(self.repr_value(&value)?.into()),
                Some('s') => Value::Str(self.str_value(&value)?.into()),
                Some('a') => Value::Str(ascii(&self.repr_value(&value)?).into()),
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
    fn format_field(&mut self, field: &str, args: &Args, auto: &mut usize) -> PyResult<Value> {
        let end = field.find(['.', '[']).unwrap_or(field.len());
        let (head, mut rest) = field.split_at(end);
        let mut value = if head.is_empty() {
            let v = args.pos.get(*auto).cloned().ok_or_else(|| {
                PyErr::new(
                    Exc::IndexError,
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        *auto
                    ),
                )
            })?;
            *auto += 1;
            v
        } else if let Ok(n) = head.parse::<usize>() {
            args.pos.get(n).cloned().ok_or_else(|| {
                PyErr::new(
                    Exc::IndexError,
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            })?
        } else {
            args.kw
                .iter()
                .find(|(k, _)| &**k == head)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| PyErr::new(Exc::KeyError, format!("'{head}'")))?
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let end = r.find(['.', '[']).unwrap_or(r.len());
                let (name, tail) = r.split_at(end);
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

fn truncate(s: String, precision: Option<usize>) -> String {
    match precision {
        Some(p) => s.chars().take(p).collect(),
        None => s,
    }
}

fn parse_percent_flags(flags: &str) -> (bool, bool, Option<char>, usize, Option<usize>) {
    let mut left = false;
    let mut zero = false;
    let mut sign = None;
    let mut rest = flags;
    while let Some(c) = rest.chars().next() {
        match c {
            '-' => left = true,
            '0' => zero = true,
            '+' => sign = Some('+'),
            ' ' => sign = sign.or(Some(' ')),
            '#' => {}
            _ => break,
        }
        rest = &rest[1..];
    }
    let (w, p) = match rest.split_once('.') {
        Some((w, p)) => (w, Some(p.parse().unwrap_or(0))),
        None => (rest, None),
    };
    (left, zero && !left, sign, w.parse().unwrap_or(0), p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_cpython() {
        for (x, want) in [
            (1.0, "1.0"),
            (0.1, "0.1"),
            (12.5, "12.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (-0.0, "-0.0"),
            (123456789.123, "123456789.123"),
            (1e-7, "1e-07"),
            (2.5e100, "2.5e+100"),
            (f64::INFINITY, "inf"),
            (0.30000000000000004, "0.30000000000000004"),
        ] {
            assert_eq!(format_float_repr(x), want, "repr({x})");
        }
    }

    #[test]
    fn str_repr_chooses_quotes_like_cpython() {
        assert_eq!(python_str_repr("ann"), "'ann'");
        assert_eq!(python_str_repr("it's"), "\"it's\"");
        assert_eq!(python_str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(python_str_repr("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(python_str_repr("é\u{7}"), "'é\\x07'");
    }

    #[test]
    fn format_specs() {
        let f = |x: f64, s: &str| format_float(x, &parse_spec(s).unwrap()).unwrap();
        assert_eq!(f(9.5, ".2f"), "9.50");
        assert_eq!(f(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(f(0.25, ".1%"), "25.0%");
        assert_eq!(f(3.0, "8.3f"), "   3.000");
        assert_eq!(f(1234.5, "e"), "1.234500e+03");
        assert_eq!(f(0.00001234, "g"), "1.234e-05");
        assert_eq!(f(3.0, ".3"), "3.0");
        let i = |x: i64, s: &str| format_int(x, &parse_spec(s).unwrap()).unwrap();
        assert_eq!(i(42, "05d"), "00042");
        assert_eq!(i(-42, "<6"), "-42   ");
        assert_eq!(i(255, "#x"), "0xff");
        assert_eq!(i(1000000, ","), "1,000,000");
        assert_eq!(i(7, "^5"), "  7  ");
    }
}

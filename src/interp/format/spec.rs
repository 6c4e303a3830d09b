//! The format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`, `str.format`):
//! parsing `[[fill]align][sign][z][#][0][width][,|_][.precision][type]` and laying out
//! ints, floats, strings and Decimals exactly as CPython does.

use super::text::format_float_repr;
use crate::object::{BigInt, Exc, PyDecimal, PyErr, PyResult};

/// A parsed format spec.
#[derive(Default, Clone)]
pub(crate) struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    pub no_neg_zero: bool,
    pub alternate: bool,
    pub zero: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub kind: Option<char>,
}

fn invalid() -> PyErr {
    PyErr::new(Exc::ValueError, "Invalid format specifier")
}

pub(crate) fn parse_spec(spec: &str) -> PyResult<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if chars.first().is_some_and(|c| is_align(*c)) {
        s.align = chars.first().copied();
        i = 1;
    }
    if let Some(&c) = chars.get(i) {
        if matches!(c, '+' | '-' | ' ') {
            s.sign = Some(c);
            i += 1;
        }
    }
    if chars.get(i) == Some(&'z') {
        s.no_neg_zero = true;
        i += 1;
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
    if i - start > 6 {
        return Err(PyErr::new(
            Exc::ValueError,
            "Too many decimal digits in format string",
        ));
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
        if i - start > 6 {
            return Err(PyErr::new(
                Exc::ValueError,
                "Too many decimal digits in format string",
            ));
        }
        s.precision = chars[start..i].iter().collect::<String>().parse().ok();
    }
    if let Some(&c) = chars.get(i) {
        s.kind = Some(c);
        i += 1;
    }
    if i != chars.len() {
        return Err(invalid());
    }
    Ok(s)
}

pub(crate) fn pad(body: String, spec: &Spec, default_align: char) -> String {
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
            let sign_len = body
                .chars()
                .next()
                .filter(|c| matches!(c, '-' | '+' | ' '))
                .map_or(0, |_| 1);
            let prefix_len = sign_len
                + if body[sign_len..].starts_with("0x")
                    || body[sign_len..].starts_with("0X")
                    || body[sign_len..].starts_with("0o")
                    || body[sign_len..].starts_with("0b")
                {
                    2
                } else {
                    0
                };
            let (head, rest) = body.split_at(prefix_len);
            format!("{head}{}{rest}", fills(n))
        }
        _ => fills(n) + &body,
    }
}

fn group_digits(int_part: &str, sep: char, every: usize) -> String {
    let digits: Vec<char> = int_part.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(every) {
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

fn unknown_code(k: char, type_name: &str) -> PyErr {
    PyErr::new(
        Exc::ValueError,
        format!("Unknown format code '{k}' for object of type '{type_name}'"),
    )
}

/// Formats an int given as its sign and decimal digits (works for big ints too).
pub(crate) fn format_int(value: &BigInt, spec: &Spec) -> PyResult<String> {
    if spec.no_neg_zero {
        return Err(PyErr::new(
            Exc::ValueError,
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let neg = value.is_negative();
    let mag = value.abs();
    let prefixed = |radix: u32, prefix: &str| {
        let digits = mag.to_string_radix(radix);
        let digits = match spec.grouping {
            Some(g) => group_digits(&digits, g, 4),
            None => digits,
        };
        if spec.alternate {
            format!("{prefix}{digits}")
        } else {
            digits
        }
    };
    let body = match spec.kind {
        None | Some('d') | Some('n') => {
            let s = mag.to_string_radix(10);
            match spec.grouping {
                Some(g) => group_digits(&s, g, 3),
                None => s,
            }
        }
        Some('x') => prefixed(16, "0x"),
        Some('X') => prefixed(16, "0X").to_uppercase(),
        Some('o') => prefixed(8, "0o"),
        Some('b') => prefixed(2, "0b"),
        Some('c') => {
            let c = value
                .to_i64()
                .and_then(|n| u32::try_from(n).ok())
                .and_then(char::from_u32)
                .ok_or_else(|| PyErr::new(Exc::OverflowError, "%c arg not in range(0x110000)"))?;
            return Ok(pad(c.to_string(), spec, '<'));
        }
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => return format_float(value.to_f64(), spec),
        Some(k) => return Err(unknown_code(k, "int")),
    };
    Ok(pad(with_sign(neg, body, spec), spec, '>'))
}

pub(crate) fn format_float(x: f64, spec: &Spec) -> PyResult<String> {
    let mut neg = x.is_sign_negative() && !x.is_nan();
    let mag = x.abs();
    let upper = matches!(spec.kind, Some('E' | 'F' | 'G'));
    let mut body = if mag.is_infinite() {
        "inf".to_string()
    } else if mag.is_nan() {
        "nan".to_string()
    } else {
        match spec.kind {
            None => match spec.precision {
                None => format_float_repr(mag),
                Some(p) => general(mag, p.max(1), true, spec.alternate),
            },
            Some('f' | 'F') => format!("{:.*}", spec.precision.unwrap_or(6), mag),
            Some('e' | 'E') => sci(mag, spec.precision.unwrap_or(6)),
            Some('g' | 'G' | 'n') => general(
                mag,
                spec.precision.unwrap_or(6).max(1),
                false,
                spec.alternate,
            ),
            Some('%') => format!("{:.*}%", spec.precision.unwrap_or(6), mag * 100.0),
            Some(k) => return Err(unknown_code(k, "float")),
        }
    };
    if upper {
        body = body.to_uppercase();
    }
    if spec.alternate && !body.contains('.') && mag.is_finite() && spec.kind != Some('%') {
        match body.find(['e', 'E']) {
            Some(i) => body.insert(i, '.'),
            None => body.push('.'),
        }
    }
    if neg && spec.no_neg_zero && body.chars().all(|c| matches!(c, '0' | '.' | '%')) {
        neg = false;
    }
    let body = match spec.grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{rest}", group_digits(int_part, g, 3))
        }
        None => body,
    };
    Ok(pad(with_sign(neg, body, spec), spec, '>'))
}

/// `%e` layout: `1.500000e+03`.
pub(crate) fn sci(x: f64, precision: usize) -> String {
    let s = format!("{x:.precision$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g` layout (and the no-type layout with a precision, which keeps a `.0`).
fn general(x: f64, precision: usize, repr_style: bool, alternate: bool) -> String {
    if x == 0.0 {
        return if repr_style { "0.0".into() } else { "0".into() };
    }
    let rounded = format!("{:.*e}", precision - 1, x);
    let exp = rounded
        .split_once('e')
        .and_then(|(_, e)| e.parse::<i32>().ok())
        .unwrap_or(0);
    let trim = |s: String| -> String {
        if s.contains('.') && !alternate {
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

/// `format(Decimal, spec)` for the common types (`''`, `f`, `%`).
pub(crate) fn format_decimal(d: &PyDecimal, spec: &Spec) -> PyResult<String> {
    let neg = d.neg;
    let abs = PyDecimal::new(false, d.coeff.clone(), d.exp);
    let body = match (spec.kind, spec.precision) {
        (None, None) => abs.to_sci_string(),
        (Some('f' | 'F'), p) => abs.to_fixed(p.unwrap_or(0.max(-abs.exp) as usize))?,
        (None, Some(_)) | (Some('g' | 'G' | 'e' | 'E' | 'n'), _) => {
            return format_float(if neg { -abs.to_f64() } else { abs.to_f64() }, spec)
        }
        (Some('%'), p) => {
            let scaled = PyDecimal::new(false, abs.coeff.clone(), abs.exp + 2);
            format!("{}%", scaled.to_fixed(p.unwrap_or(6))?)
        }
        (Some(k), _) => return Err(unknown_code(k, "decimal.Decimal")),
    };
    let body = match spec.grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(|c: char| !c.is_ascii_digit()) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{rest}", group_digits(int_part, g, 3))
        }
        None => body,
    };
    Ok(pad(with_sign(neg, body, spec), spec, '>'))
}

/// A str laid out by a spec (`'{:>8}'.format(s)`).
pub(crate) fn format_str(s: &str, spec: &Spec) -> PyResult<String> {
    if let Some(k) = spec.kind.filter(|k| *k != 's') {
        return Err(unknown_code(k, "str"));
    }
    if spec.sign.is_some() {
        return Err(PyErr::new(
            Exc::ValueError,
            "Sign not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(PyErr::new(
            Exc::ValueError,
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == Some('=') {
        return Err(PyErr::new(
            Exc::ValueError,
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(body, spec, '<'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(x: f64, s: &str) -> String {
        format_float(x, &parse_spec(s).unwrap_or_default()).unwrap_or_default()
    }

    fn i(x: i64, s: &str) -> String {
        format_int(&BigInt::from_i64(x), &parse_spec(s).unwrap_or_default()).unwrap_or_default()
    }

    #[test]
    fn float_specs_match_cpython() {
        assert_eq!(f(9.5, ".2f"), "9.50");
        assert_eq!(f(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(f(0.25, ".1%"), "25.0%");
        assert_eq!(f(3.0, "8.3f"), "   3.000");
        assert_eq!(f(1234.5, "e"), "1.234500e+03");
        assert_eq!(f(0.00001234, "g"), "1.234e-05");
        assert_eq!(f(3.0, ".3"), "3.0");
        assert_eq!(f(-0.0, "z.1f"), "0.0");
        assert_eq!(f(f64::INFINITY, "F"), "INF");
    }

    #[test]
    fn int_specs_match_cpython() {
        assert_eq!(i(42, "05d"), "00042");
        assert_eq!(i(-42, "<6"), "-42   ");
        assert_eq!(i(255, "#x"), "0xff");
        assert_eq!(i(255, "#06x"), "0x00ff");
        assert_eq!(i(1000000, ","), "1,000,000");
        assert_eq!(i(7, "^5"), "  7  ");
        assert_eq!(i(-42, "=+6"), "-   42");
        assert_eq!(i(65535, "_x"), "ffff");
    }
}

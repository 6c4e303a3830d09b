//! How CPython spells strings and floats: `repr(str)` (quote choice, escapes of
//! unprintable characters), `ascii()`, and the shortest round-trip `repr(float)`.

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
            c if !is_printable(c) => escape_into(&mut out, c),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn escape_into(out: &mut String, c: char) {
    let n = c as u32;
    if n <= 0xff {
        out.push_str(&format!("\\x{n:02x}"));
    } else if n <= 0xffff {
        out.push_str(&format!("\\u{n:04x}"));
    } else {
        out.push_str(&format!("\\U{n:08x}"));
    }
}

/// Ranges of characters `str.isprintable()` rejects besides the ASCII controls: other
/// controls, format characters, separators other than space, private use and
/// noncharacters (Unicode categories Cc, Cf, Zs, Zl, Zp, Co and part of Cn).
const UNPRINTABLE: &[(u32, u32)] = &[
    (0x7f, 0xa0),
    (0xad, 0xad),
    (0x378, 0x379),
    (0x600, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70f, 0x70f),
    (0x890, 0x891),
    (0x8e2, 0x8e2),
    (0x1680, 0x1680),
    (0x180e, 0x180e),
    (0x2000, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x2064),
    (0x2066, 0x206f),
    (0x3000, 0x3000),
    (0xe000, 0xf8ff),
    (0xfdd0, 0xfdef),
    (0xfeff, 0xfeff),
    (0xfff0, 0xfffb),
    (0xfffe, 0xffff),
    (0x110bd, 0x110bd),
    (0x110cd, 0x110cd),
    (0x13430, 0x1343f),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0000, 0xe0fff),
    (0xf0000, 0x10ffff),
];

/// `str.isprintable()` for one character.
pub(crate) fn is_printable(c: char) -> bool {
    let n = c as u32;
    if n < 0x20 {
        return false;
    }
    if n < 0x7f {
        return true;
    }
    if (n & 0xfffe) == 0xfffe {
        return false;
    }
    !UNPRINTABLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&n))
}

/// `ascii()`: the repr with non-ASCII characters escaped.
pub(crate) fn ascii(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        if (c as u32) < 0x80 {
            out.push(c);
        } else {
            escape_into(&mut out, c);
        }
    }
    out
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
            (5e-324, "5e-324"),
        ] {
            assert_eq!(format_float_repr(x), want, "repr({x})");
        }
    }

    #[test]
    fn str_repr_chooses_quotes_and_escapes_like_cpython() {
        assert_eq!(python_str_repr("ann"), "'ann'");
        assert_eq!(python_str_repr("it's"), "\"it's\"");
        assert_eq!(python_str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(python_str_repr("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(python_str_repr("é\u{7}"), "'é\\x07'");
        assert_eq!(python_str_repr("\u{a0}\u{2028}😀"), "'\\xa0\\u2028😀'");
        assert_eq!(ascii("'é😀'"), "'\\xe9\\U0001f600'");
    }
}

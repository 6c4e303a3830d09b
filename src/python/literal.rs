//! Literal values: numbers, string and bytes escapes, and the concatenation of adjacent string
//! literals (f-string bodies are in `fstring.rs`).

use super::ast::{Constant, Expr, ExprKind, FStringPart};
use super::parser::{PResult, Parser};
use super::token::Tok;
use crate::diag::Span;

/// Why a number token has no value here.
pub(crate) enum NumberError {
    /// A kind of number the playground does not support (`"imaginary numbers are"`).
    Unsupported(&'static str),
    /// A message as CPython gives it.
    Invalid(String),
}

/// CPython's limit on decimal digits in an int literal (`sys.get_int_max_str_digits()`).
const MAX_DECIMAL_DIGITS: usize = 4300;
/// The interpreter's default bound on int size (`Limits::max_int_bits`).
const MAX_LITERAL_BITS: usize = 1 << 17;

/// The value of a number token, or what about it the playground does not support.
pub(crate) fn number(text: &str) -> Result<Constant, NumberError> {
    let clean: String = text
        .chars()
        .filter(|c| *c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    if clean.ends_with('j') {
        return Err(NumberError::Unsupported("imaginary numbers are"));
    }
    let (radix, bits_per_digit) = match clean.get(..2) {
        Some("0x") => (16, 4),
        Some("0o") => (8, 3),
        Some("0b") => (2, 1),
        _ => (10, 4),
    };
    if radix != 10 {
        let digits = clean.get(2..).unwrap_or("");
        if let Ok(i) = i64::from_str_radix(digits, radix) {
            return Ok(Constant::Int(i));
        }
        if digits.len() * bits_per_digit > MAX_LITERAL_BITS {
            return Err(NumberError::Unsupported("integers this large are"));
        }
        return Ok(Constant::BigInt(digits.into(), radix));
    }
    if clean.contains(['.', 'e']) {
        return clean
            .parse::<f64>()
            .map(Constant::Float)
            .map_err(|_| NumberError::Unsupported("this number is"));
    }
    if let Ok(i) = clean.parse::<i64>() {
        return Ok(Constant::Int(i));
    }
    if clean.len() > MAX_DECIMAL_DIGITS {
        return Err(NumberError::Invalid(format!(
            "Exceeds the limit ({MAX_DECIMAL_DIGITS} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
            clean.len()
        )));
    }
    Ok(Constant::BigInt(clean.into(), 10))
}

/// What one escape sequence stands for.
pub(crate) enum Escaped {
    Char(char),
    Byte(u8),
    /// A backslash-newline: nothing.
    Nothing,
    /// Not an escape (`\d`): the backslash stays.
    Verbatim,
}

/// Single-character escapes and what they stand for.
const SIMPLE: &[u8] = b"\\'\"abfnrtv";
const MEANING: &[u8] = b"\\'\"\x07\x08\x0c\n\r\t\x0b";

/// A decoding error: message and byte range in the source.
pub(crate) type LitError = (String, usize, usize);

/// Decodes the escape whose backslash is at `s[i]`; returns it and the index after it.
/// Positions in messages count from `base` (the string body's start), as CPython's do.
pub(crate) fn escape(
    s: &str,
    i: usize,
    base: usize,
    bytes: bool,
) -> Result<(Escaped, usize), LitError> {
    let b = s.as_bytes();
    let c = b.get(i + 1).copied().unwrap_or(0);
    let value = |v: u32, end: usize| {
        let e = if bytes {
            Escaped::Byte(v as u8)
        } else {
            Escaped::Char(char::from_u32(v).unwrap_or('?'))
        };
        Ok((e, end))
    };
    if let Some((_, &v)) = SIMPLE.iter().zip(MEANING).find(|(x, _)| **x == c) {
        return value(u32::from(v), i + 2);
    }
    let (n, radix) = match c {
        b'\n' => return Ok((Escaped::Nothing, i + 2)),
        b'\r' => {
            return Ok((
                Escaped::Nothing,
                i + 2 + usize::from(b.get(i + 2) == Some(&b'\n')),
            ))
        }
        b'0'..=b'7' => (3, 8),
        b'x' => (2, 16),
        b'u' if !bytes => (4, 16),
        b'U' if !bytes => (8, 16),
        b'N' if !bytes => {
            return Err((
                "\\N{...} escapes are not supported in the playground".into(),
                i,
                i + 2,
            ))
        }
        _ => return Ok((Escaped::Verbatim, i + 1)),
    };
    let from = i + 1 + usize::from(radix == 16);
    let digits = b
        .get(from..)
        .unwrap_or(&[])
        .iter()
        .take(n)
        .take_while(|d| (**d as char).is_digit(radix))
        .count();
    let end = from + digits;
    let codec = format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}",
        i - base,
        end - 1 - base
    );
    if radix == 16 && digits < n {
        let msg = match bytes {
            true => format!("(value error) invalid \\x escape at position {}", i - base),
            false => format!("{codec}: truncated \\{}{} escape", c as char, "X".repeat(n)),
        };
        return Err((msg, i, end));
    }
    let v = u32::from_str_radix(s.get(from..end).unwrap_or("0"), radix).unwrap_or(0);
    match char::from_u32(v) {
        None if !bytes && v <= 0x10ffff => Err((
            "surrogate characters are not supported in the playground".into(),
            i,
            end,
        )),
        None if !bytes => Err((format!("{codec}: illegal Unicode character"), i, end)),
        _ => value(v, end),
    }
}

/// Decodes a `str` literal's body (line breaks become `\n`, as Python reads source).
fn decode_str(body: &str, raw: bool) -> Result<String, LitError> {
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while let Some(c) = body.get(i..).and_then(|s| s.chars().next()) {
        if c == '\r' {
            out.push('\n');
            i += 1 + usize::from(body.as_bytes().get(i + 1) == Some(&b'\n'));
        } else if c == '\\' && !raw {
            let (e, next) = escape(body, i, 0, false)?;
            match e {
                Escaped::Char(ch) => out.push(ch),
                Escaped::Verbatim => out.push('\\'),
                Escaped::Byte(_) | Escaped::Nothing => {}
            }
            i = next;
        } else {
            out.push(c);
            i += c.len_utf8();
        }
    }
    Ok(out)
}

/// Decodes a `bytes` literal's body (which the caller checked is ASCII).
fn decode_bytes(body: &str, raw: bool, out: &mut Vec<u8>) -> Result<(), LitError> {
    let b = body.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'\r' {
            out.push(b'\n');
            i += 1 + usize::from(b.get(i + 1) == Some(&b'\n'));
        } else if c == b'\\' && !raw {
            let (e, next) = escape(body, i, 0, true)?;
            match e {
                Escaped::Byte(x) => out.push(x),
                Escaped::Verbatim => out.push(b'\\'),
                Escaped::Char(_) | Escaped::Nothing => {}
            }
            i = next;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(())
}

impl Parser<'_> {
    /// Adjacent string literals, concatenated; any f-string among them makes an `FString`.
    #[inline(never)]
    pub fn strings(&mut self) -> PResult<Expr> {
        let start = self.tok().span.start;
        let (mut text, mut parts, mut bytes) = (String::new(), Vec::new(), Vec::new());
        let (mut is_bytes, mut is_f) = (None, false);
        while self.tok().tok == Tok::String {
            let t = self.bump();
            let lit = self.text(t);
            let quote = lit.find(['\'', '"']).unwrap_or(0);
            let prefix = lit.get(..quote).unwrap_or("").to_ascii_lowercase();
            let q = if lit
                .get(quote..)
                .is_some_and(|s| s.starts_with("'''") || s.starts_with("\"\"\""))
            {
                3
            } else {
                1
            };
            let body_start = t.span.start as usize + quote + q;
            let body_end = (t.span.end as usize).saturating_sub(q).max(body_start);
            let body = self.src.get(body_start..body_end).unwrap_or("");
            let (raw, b) = (prefix.contains('r'), prefix.contains('b'));
            if *is_bytes.get_or_insert(b) != b {
                return self.fail("cannot mix bytes and nonbytes literals", t.span);
            }
            let fail =
                |(msg, a, z): LitError| self.error(msg, Span::new(body_start + a, body_start + z));
            if b && !body.is_ascii() {
                return self.fail("bytes can only contain ASCII literal characters", t.span);
            } else if b {
                decode_bytes(body, raw, &mut bytes).map_err(fail)?;
            } else if prefix.contains('f') {
                is_f = true;
                self.fstring_parts(body_start, body_end, raw, 0, &mut text, &mut parts)?;
            } else {
                text.push_str(&decode_str(body, raw).map_err(fail)?);
            }
        }
        let kind = if is_bytes == Some(true) {
            ExprKind::Constant(Constant::Bytes(bytes.into()))
        } else if is_f {
            if !text.is_empty() {
                parts.push(FStringPart::Literal(text.into()));
            }
            ExprKind::FString(parts)
        } else {
            ExprKind::Constant(Constant::Str(text.into()))
        };
        Ok(Expr {
            kind,
            span: self.since(start),
        })
    }
}

//! f-string bodies, with Python 3.11's rules: the lexer has already found the literal's end
//! (so quotes inside `{}` must differ from the outer ones), `{{`/`}}` are braces, a field is
//! `{expr[=][!conv][:spec]}` whose spec may hold fields nested one level deeper.

use super::ast::{Expr, ExprKind, FStringPart};
use super::lexer::{tokenize, MAX_BRACKETS};
use super::literal::{escape, Escaped};
use super::parser::{PResult, Parser};
use crate::diag::Span;

impl Parser<'_> {
    /// Literal text and fields of `src[i..end]`, appended to `text`/`parts`. In a format spec
    /// (`nest > 0`) it stops at the `}` closing the field and returns that index.
    pub fn fstring_parts(
        &mut self,
        mut i: usize,
        end: usize,
        raw: bool,
        nest: u32,
        text: &mut String,
        parts: &mut Vec<FStringPart>,
    ) -> PResult<usize> {
        let src = self.src;
        let body = src.get(..end).unwrap_or("");
        while let Some(c) = body.get(i..).and_then(|s| s.chars().next()) {
            let doubled = nest == 0 && body.as_bytes().get(i + 1) == Some(&(c as u8));
            match c {
                '{' | '}' if doubled => {
                    text.push(c);
                    i += 2;
                }
                '}' if nest > 0 => return Ok(i),
                '}' => {
                    return Err(
                        self.error("f-string: single '}' is not allowed", Span::new(i, i + 1))
                    )
                }
                '{' => {
                    if !text.is_empty() {
                        parts.push(FStringPart::Literal(std::mem::take(text).into()));
                    }
                    let (part, next) = self.field(i, end, raw, nest)?;
                    parts.push(part);
                    i = next;
                }
                '\\' if !raw => {
                    let (e, next) = escape(body, i, i, false)
                        .map_err(|(m, a, z)| self.error(m, Span::new(a, z)))?;
                    match e {
                        Escaped::Char(ch) => text.push(ch),
                        Escaped::Verbatim => text.push('\\'),
                        Escaped::Byte(_) | Escaped::Nothing => {}
                    }
                    i = next;
                }
                '\r' => {
                    text.push('\n');
                    i += 1 + usize::from(body.as_bytes().get(i + 1) == Some(&b'\n'));
                }
                c => {
                    text.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if nest > 0 {
            return self.fail("f-string: expecting '}'", Span::new(end, end));
        }
        Ok(i)
    }

    /// One `{...}` field starting at `open`; returns it and the index after its `}`.
    fn field(
        &mut self,
        open: usize,
        end: usize,
        raw: bool,
        nest: u32,
    ) -> PResult<(FStringPart, usize)> {
        let at = |i: usize| Span::new(i, i + 1);
        if nest >= 2 {
            return self.fail("f-string: expressions nested too deeply", at(open));
        }
        let b = self.src.as_bytes().get(..end).unwrap_or(&[]);
        let start = open + 1;
        let mut j = self.field_expression_end(start, end)?;
        let source = self.src.get(start..j).unwrap_or("");
        if source.trim().is_empty() {
            return self.fail("f-string: empty expression not allowed", at(j));
        }
        let value = self.fstring_expression(start, j)?;
        let mut debug_text = None;
        if b.get(j) == Some(&b'=') {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            debug_text = Some(self.src.get(start..j).unwrap_or("").into());
        }
        let mut conversion = None;
        if b.get(j) == Some(&b'!') {
            match b.get(j + 1) {
                Some(&c @ (b's' | b'r' | b'a')) => conversion = Some(c as char),
                _ => {
                    let msg = "f-string: invalid conversion character: expected 's', 'r', or 'a'";
                    return self.fail(msg, at(j + 1));
                }
            }
            j += 2;
        }
        let mut format_spec = None;
        if b.get(j) == Some(&b':') {
            let (mut text, mut spec) = (String::new(), Vec::new());
            j = self.fstring_parts(j + 1, end, raw, nest + 1, &mut text, &mut spec)?;
            if !text.is_empty() {
                spec.push(FStringPart::Literal(text.into()));
            }
            format_spec = Some(spec);
        }
        if b.get(j) != Some(&b'}') {
            return self.fail("f-string: expecting '}'", at(j));
        }
        if debug_text.is_some() && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        let part = FStringPart::Expr {
            expr: Box::new(value),
            conversion,
            format_spec,
            debug_text,
        };
        Ok((part, j + 1))
    }

    /// Where a field's expression ends: at `}`, `!`, `:` or a debug `=` outside brackets.
    fn field_expression_end(&self, mut j: usize, end: usize) -> PResult<usize> {
        let b = self.src.as_bytes().get(..end).unwrap_or(&[]);
        let mut stack: Vec<u8> = Vec::new();
        let err = |msg: &str, i: usize| self.error(msg, Span::new(i, i + 1));
        loop {
            let Some(&c) = b.get(j) else {
                return Err(err("f-string: expecting '}'", j));
            };
            let next = b.get(j + 1).copied();
            match c {
                b'\'' | b'"' => {
                    let triple = next == Some(c) && b.get(j + 2) == Some(&c);
                    let q = if triple { 3 } else { 1 };
                    let mut k = j + q;
                    loop {
                        match b.get(k) {
                            None => return Err(err("f-string: unterminated string", j)),
                            Some(b'\\') => {
                                return Err(err(
                                    "f-string expression part cannot include a backslash",
                                    k,
                                ))
                            }
                            Some(&x)
                                if x == c
                                    && (!triple
                                        || b.get(k + 1) == Some(&c)
                                            && b.get(k + 2) == Some(&c)) =>
                            {
                                break
                            }
                            Some(_) => k += 1,
                        }
                    }
                    j = k + q;
                    continue;
                }
                b'\\' => {
                    return Err(err(
                        "f-string expression part cannot include a backslash",
                        j,
                    ))
                }
                b'#' => return Err(err("f-string expression part cannot include '#'", j)),
                b'(' | b'[' | b'{' => {
                    if stack.len() >= MAX_BRACKETS {
                        return Err(err("f-string: too many nested parenthesis", j));
                    }
                    stack.push(c);
                }
                b'}' if stack.is_empty() => return Ok(j),
                b')' | b']' | b'}' => {
                    let Some(open) = stack.pop() else {
                        return Err(err(&format!("f-string: unmatched '{}'", c as char), j));
                    };
                    let expected = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if c != expected {
                        let msg = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        );
                        return Err(err(&msg, j));
                    }
                }
                b'!' | b'<' | b'>' | b'=' if next == Some(b'=') => j += 1,
                b'!' | b':' | b'=' if stack.is_empty() => return Ok(j),
                _ => {}
            }
            j += 1;
        }
    }

    /// Parses a field's expression `src[start..end]` as if parenthesised, as CPython 3.11 does.
    fn fstring_expression(&mut self, start: usize, end: usize) -> PResult<Expr> {
        let toks = tokenize(self.src, start, end, true).map_err(|e| Box::new(e.diag))?;
        let mut sub = Parser::new(self.src, toks);
        (
            sub.depth,
            sub.in_func,
            sub.in_loop,
            sub.fstring,
            sub.brackets,
        ) = (self.depth, self.in_func, self.in_loop, true, 1);
        sub.enter()?;
        if sub.at_kw("yield") {
            return Err(sub.unexpected());
        }
        let e = sub.star_expressions()?;
        if matches!(e.kind, ExprKind::Starred(_)) {
            return Err(sub.error("cannot use starred expression here", e.span));
        }
        if !sub.at_end() {
            return Err(sub.unexpected_after(&e));
        }
        Ok(e)
    }
}

//! Comprehensions and generator expressions (each in a scope of its own, as in Python 3)
//! and f-strings.

use super::Interp;
use crate::object::{PyResult, Scope, ScopeKind, Value};
use crate::python::ast::{self, FStringPart};
use std::rc::Rc;

impl Interp {
    pub(crate) fn eval_fstring(&mut self, parts: &[FStringPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FStringPart::Literal(s) => out.push_str(s),
                FStringPart::Expr {
                    expr,
                    conversion,
                    format_spec,
                    debug_text,
                } => {
                    let v = self.eval(expr)?;
                    if let Some(t) = debug_text {
                        out.push_str(t);
                    }
                    let conversion = conversion.or(match (debug_text, format_spec) {
                        (Some(_), None) => Some('r'),
                        _ => None,
                    });
                    let spec = match format_spec {
                        Some(s) => self.eval_fstring(s)?,
                        None => String::new(),
                    };
                    let v = match conversion {
                        Some('r') => Value::Str(self.repr_value(&v)?.into()),
                        Some('s') => Value::Str(self.str_value(&v)?.into()),
                        Some('a') => Value::Str(super::format::ascii(&self.repr_value(&v)?).into()),
                        _ => v,
                    };
                    out.push_str(&self.format_value(&v, &spec)?);
                    self.check_len(out.len())?;
                }
            }
        }
        Ok(out)
    }

    /// Runs the `for`/`if` clauses of a comprehension in a scope of its own, calling `body`
    /// for each combination. The first iterable is evaluated in the enclosing scope.
    pub(crate) fn comprehension(
        &mut self,
        generators: &[ast::Comprehension],
        body: &mut dyn FnMut(&mut Interp) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        let outer_iterable = self.eval(&first.iter)?;
        let locals = Rc::new(super::locals::comprehension_locals(generators));
        let scope = Scope::with_locals(
            ScopeKind::Function,
            Some(self.closure_scope()),
            Some(locals),
        );
        let saved = std::mem::replace(&mut self.frame.scope, scope);
        let result = self.comprehension_level(generators, 0, Some(outer_iterable), body);
        self.frame.scope = saved;
        result
    }

    fn comprehension_level(
        &mut self,
        generators: &[ast::Comprehension],
        level: usize,
        iterable: Option<Value>,
        body: &mut dyn FnMut(&mut Interp) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(g) = generators.get(level) else {
            return body(self);
        };
        let iterable = match iterable {
            Some(v) => v,
            None => self.eval(&g.iter)?,
        };
        let mut it = self.iter_of(&iterable)?;
        'items: while let Some(item) = self.iter_next(&mut it)? {
            self.step()?;
            self.assign(&g.target, item)?;
            for cond in &g.ifs {
                let c = self.eval(cond)?;
                if !self.truth(&c)? {
                    continue 'items;
                }
            }
            self.comprehension_level(generators, level + 1, None, body)?;
        }
        Ok(())
    }
}

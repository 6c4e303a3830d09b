//! Evaluating the arguments of a call: `*args` and `**kwargs` spread, keyword names,
//! and CPython's messages naming the callee (`models.f() argument after * must be ...`).

use super::Interp;
use crate::object::{Args, Exc, PyErr, PyResult, Value};
use crate::python::ast::{self, Expr, ExprKind};
use std::rc::Rc;

impl Interp {
    pub(crate) fn eval_call(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        keywords: &[ast::Keyword],
    ) -> PyResult<Value> {
        // `obj.method(...)`: call without materialising a bound method.
        if let ExprKind::Attribute { value, attr } = &func.kind {
            let obj = self.eval(value)?;
            let callee = || format!("{}.{}()", obj.type_name(), attr.name);
            let args = self.eval_args(args, keywords, &callee)?;
            self.call_span = Some(call.span);
            return self
                .call_method(&obj, &self.mangle(&attr.name), args)
                .map_err(|e| self.err_at(e, func.span.to(call.span)));
        }
        let f = self.eval(func)?;
        let callee = || function_str(&f);
        let args = self.eval_args(args, keywords, &callee)?;
        self.call_span = Some(call.span);
        self.call_value_inner(&f, args)
    }

    fn eval_args(
        &mut self,
        args: &[Expr],
        keywords: &[ast::Keyword],
        callee: &dyn Fn() -> String,
    ) -> PyResult<Args> {
        let mut pos = Vec::with_capacity(args.len());
        for a in args {
            if let ExprKind::Starred(inner) = &a.kind {
                let v = self.eval(inner)?;
                if self.iter_of(&v).is_err() {
                    return Err(type_error(format!(
                        "{} argument after * must be an iterable, not {}",
                        callee(),
                        v.type_name()
                    )));
                }
                pos.extend(self.collect_iterable(&v)?);
                self.check_len(pos.len())?;
            } else {
                pos.push(self.eval(a)?);
            }
        }
        let mut kw: Vec<(Rc<str>, Value)> = Vec::with_capacity(keywords.len());
        for k in keywords {
            let v = self.eval(&k.value)?;
            match &k.arg {
                Some(name) => kw.push((name.name.clone(), v)),
                None => {
                    let items = match &v {
                        Value::Dict(_) | Value::Instance(_) | Value::Native(_) => {
                            self.mapping_items(&v).ok()
                        }
                        _ => None,
                    };
                    let Some(items) = items else {
                        return Err(type_error(format!(
                            "{} argument after ** must be a mapping, not {}",
                            callee(),
                            v.type_name()
                        )));
                    };
                    for (key, value) in items {
                        let Value::Str(name) = key else {
                            return Err(type_error("keywords must be strings".into()));
                        };
                        if kw.iter().any(|(k, _)| *k == name) {
                            return Err(type_error(format!(
                                "{} got multiple values for keyword argument '{name}'",
                                callee()
                            )));
                        }
                        kw.push((name, value));
                    }
                }
            }
        }
        Ok(Args { pos, kw })
    }
}

/// How CPython names a callable in call errors: `models.f()`, `print()`, `int()`.
fn function_str(f: &Value) -> String {
    match f {
        Value::Function(func) => format!("{}.{}()", func.module, func.qualname),
        Value::Method(m) => function_str(&m.func),
        Value::Builtin(b) => format!("{}()", b.name),
        Value::Class(c) if &*c.module == "builtins" => format!("{}()", c.name),
        Value::Class(c) => format!("{}.{}()", c.module, c.name),
        other => format!("{} object", other.type_name()),
    }
}

fn type_error(msg: String) -> PyErr {
    PyErr::new(Exc::TypeError, msg)
}

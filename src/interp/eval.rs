//! Expressions.

use super::Interp;
use crate::object::{Args, Dict, Exc, PyErr, PyResult, Scope, ScopeKind, Slice, Value};
use crate::python::ast::{self, BoolOp, CmpOp, Constant, Expr, ExprKind, FStringPart};
use std::cell::RefCell;
use std::rc::Rc;

impl Interp {
    pub(crate) fn eval(&mut self, e: &Expr) -> PyResult<Value> {
        self.eval_inner(e).map_err(|err| self.err_at(err, e.span))
    }

    fn eval_inner(&mut self, e: &Expr) -> PyResult<Value> {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Constant(c) => Ok(constant(c)),
            ExprKind::FString(parts) => Ok(Value::Str(self.eval_fstring(parts)?.into())),
            ExprKind::List(items) => {
                let v = self.eval_items(items)?;
                Ok(Value::list(v))
            }
            ExprKind::Tuple(items) => {
                let v = self.eval_items(items)?;
                Ok(Value::tuple(v))
            }
            ExprKind::Set(items) => {
                let v = self.eval_items(items)?;
                self.make_set(v)
            }
            ExprKind::Dict(entries) => self.eval_dict(entries),
            ExprKind::Starred(_) => Err(PyErr::new(
                Exc::SyntaxError,
                "can't use starred expression here",
            )),
            ExprKind::Attribute { value, attr } => {
                let o = self.eval(value)?;
                self.get_attribute(&o, &attr.name)
            }
            ExprKind::Subscript { value, index } => {
                let o = self.eval(value)?;
                let k = self.eval(index)?;
                self.get_item(&o, &k)
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut part = |p: &Option<Box<Expr>>| -> PyResult<Value> {
                    match p {
                        Some(x) => self.eval(x),
                        None => Ok(Value::None),
                    }
                };
                Ok(Value::native(Slice {
                    start: part(lower)?,
                    stop: part(upper)?,
                    step: part(step)?,
                }))
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.eval_call(e, func, args, keywords),
            ExprKind::BinOp { left, op, right } => {
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                self.binary_op(*op, &l, &r)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.eval(operand)?;
                self.unary_op(*op, &v)
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, v) in values.iter().enumerate() {
                    last = self.eval(v)?;
                    if i + 1 == values.len() {
                        break;
                    }
                    let t = self.truth(&last)?;
                    if (*op == BoolOp::And && !t) || (*op == BoolOp::Or && t) {
                        break;
                    }
                }
                Ok(last)
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.eval_compare(left, ops, comparators),
            ExprKind::IfExp { test, body, orelse } => {
                let t = self.eval(test)?;
                if self.truth(&t)? {
                    self.eval(body)
                } else {
                    self.eval(orelse)
                }
            }
            ExprKind::Lambda(def) => self.make_function(def),
            ExprKind::ListComp { elt, generators } | ExprKind::GeneratorExp { elt, generators } => {
                let mut out = Vec::new();
                self.comprehension(generators, &mut |interp| {
                    let v = interp.eval(elt)?;
                    out.push(v);
                    interp.check_len(out.len())
                })?;
                if matches!(e.kind, ExprKind::GeneratorExp { .. }) {
                    Ok(super::iter::generator(out))
                } else {
                    Ok(Value::list(out))
                }
            }
            ExprKind::SetComp { elt, generators } => {
                let mut out = Vec::new();
                self.comprehension(generators, &mut |interp| {
                    let v = interp.eval(elt)?;
                    out.push(v);
                    interp.check_len(out.len())
                })?;
                self.make_set(out)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                let mut d = Dict::new();
                self.comprehension(generators, &mut |interp| {
                    let k = interp.eval(key)?;
                    let v = interp.eval(value)?;
                    let hk = interp.hash_key(&k)?;
                    d.insert(hk, k, v);
                    interp.check_len(d.len())
                })?;
                Ok(Value::dict(d))
            }
            ExprKind::NamedExpr { target, value } => {
                let v = self.eval(value)?;
                self.store_name(&target.name, v.clone());
                Ok(v)
            }
        }
    }

    pub(crate) fn load_name(&mut self, name: &str) -> PyResult<Value> {
        let redirect = self.frame.scope.redirects.borrow().get(name).copied();
        if redirect == Some(ScopeKind::Module) {
            if let Some(v) = self.globals.get(name) {
                return Ok(v);
            }
        } else {
            let mut scope = Some(self.frame.scope.clone());
            while let Some(s) = scope {
                if let Some(v) = s.get(name) {
                    return Ok(v);
                }
                scope = s.parent.clone();
            }
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        Err(PyErr::new(
            Exc::NameError,
            format!("name '{name}' is not defined"),
        ))
    }

    fn eval_items(&mut self, items: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if let ExprKind::Starred(inner) = &i.kind {
                let v = self.eval(inner)?;
                out.extend(self.collect_iterable(&v)?);
            } else {
                out.push(self.eval(i)?);
            }
        }
        self.check_len(out.len())?;
        Ok(out)
    }

    fn eval_dict(&mut self, entries: &[(Option<Expr>, Expr)]) -> PyResult<Value> {
        let mut d = Dict::new();
        for (k, v) in entries {
            match k {
                Some(k) => {
                    let key = self.eval(k)?;
                    let value = self.eval(v)?;
                    let hk = self.hash_key(&key)?;
                    d.insert(hk, key, value);
                }
                None => {
                    let other = self.eval(v)?;
                    for (key, value) in self.mapping_items(&other)? {
                        let hk = self.hash_key(&key)?;
                        d.insert(hk, key, value);
                    }
                }
            }
        }
        Ok(Value::dict(d))
    }

    pub(crate) fn make_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let mut d = Dict::new();
        for v in items {
            let hk = self.hash_key(&v)?;
            d.insert(hk, v, Value::None);
        }
        Ok(Value::Set(Rc::new(RefCell::new(d))))
    }

    /// The dict key of a value, or Python's "unhashable type" TypeError.
    pub(crate) fn hash_key(&mut self, v: &Value) -> PyResult<crate::object::HashKey> {
        v.hash_key().ok_or_else(|| {
            PyErr::new(
                Exc::TypeError,
                format!("unhashable type: '{}'", v.type_name()),
            )
        })
    }

    /// `(key, value)` pairs of a mapping (for `**kwargs` and `{**d}`).
    pub(crate) fn mapping_items(&mut self, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        match v {
            Value::Dict(d) => Ok(d
                .borrow()
                .items()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()),
            other => Err(PyErr::new(
                Exc::TypeError,
                format!("'{}' object is not a mapping", other.type_name()),
            )),
        }
    }

    fn eval_call(
        &mut self,
        call: &Expr,
        func: &Expr,
        args: &[Expr],
        keywords: &[ast::Keyword],
    ) -> PyResult<Value> {
        // `obj.method(...)`: call without materialising a bound method.
        if let ExprKind::Attribute { value, attr } = &func.kind {
            let obj = self.eval(value)?;
            let args = self.eval_args(args, keywords)?;
            self.call_span = Some(call.span);
            return self
                .call_method(&obj, &attr.name, args)
                .map_err(|e| self.err_at(e, func.span.to(call.span)));
        }
        let f = self.eval(func)?;
        let args = self.eval_args(args, keywords)?;
        self.call_span = Some(call.span);
        self.call_value_inner(&f, args)
    }

    fn eval_args(&mut self, args: &[Expr], keywords: &[ast::Keyword]) -> PyResult<Args> {
        let pos = self.eval_items(args)?;
        let mut kw: Vec<(Rc<str>, Value)> = Vec::with_capacity(keywords.len());
        for k in keywords {
            let v = self.eval(&k.value)?;
            match &k.arg {
                Some(name) => kw.push((name.name.clone(), v)),
                None => {
                    for (key, value) in self.mapping_items(&v)? {
                        let Value::Str(name) = key else {
                            return Err(PyErr::new(Exc::TypeError, "keywords must be strings"));
                        };
                        if kw.iter().any(|(k, _)| *k == name) {
                            return Err(PyErr::new(
                                Exc::TypeError,
                                format!("got multiple values for keyword argument '{name}'"),
                            ));
                        }
                        kw.push((name, value));
                    }
                }
            }
        }
        Ok(Args { pos, kw })
    }

    fn eval_compare(
        &mut self,
        left: &Expr,
        ops: &[CmpOp],
        comparators: &[Expr],
    ) -> PyResult<Value> {
        let mut l = self.eval(left)?;
        let mut result = Value::Bool(true);
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            let r = self.eval(right)?;
            result = self.compare_op(*op, &l, &r)?;
            if i + 1 < ops.len() {
                if !self.truth(&result)? {
                    return Ok(result);
                }
                l = r;
            }
        }
        Ok(result)
    }

    fn eval_fstring(&mut self, parts: &[FStringPart]) -> PyResult<String> {
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
    /// for each combination.
    fn comprehension(
        &mut self,
        generators: &[ast::Comprehension],
        body: &mut dyn FnMut(&mut Interp) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        let outer_iterable = self.eval(&first.iter)?;
        let scope = Scope::new(ScopeKind::Function, Some(self.frame.scope.clone()));
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

fn constant(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::Str(s.clone()),
        Constant::Bytes(b) => Value::Bytes(b.clone()),
        Constant::Ellipsis => super::builtins::ellipsis(),
    }
}

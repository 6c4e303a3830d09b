//! Calls: dispatch on the callee, binding arguments to parameters with Python's rules and
//! messages, instantiating classes, and method calls.

use super::exec::Flow;
use super::{Frame, Interp};
use crate::object::exc::Frame as TraceFrame;
use crate::object::{
    Args, BoundMethod, BuiltinType, Class, Dict, Exc, Function, Instance, PyErr, PyResult, Scope,
    ScopeKind, Value,
};
use std::rc::Rc;

impl Interp {
    pub(crate) fn call_value_inner(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        match f {
            Value::Function(func) => self.call_function(func, args),
            Value::Method(m) => {
                let mut args = args;
                args.pos.insert(0, m.this.clone());
                let func = m.func.clone();
                self.call_value_inner(&func, args)
            }
            Value::Builtin(b) => {
                let func = b.func.clone();
                func(self, args)
            }
            Value::Class(c) => self.instantiate(c, args),
            Value::Instance(inst) => match inst.class.lookup("__call__") {
                Some(call) => {
                    let mut args = args;
                    args.pos.insert(0, f.clone());
                    self.call_value_inner(&call, args)
                }
                None => Err(not_callable(f)),
            },
            Value::Native(n) => n.clone().call(self, f, args),
            other => Err(not_callable(other)),
        }
    }

    /// Runs a user-defined function in a new scope.
    fn call_function(&mut self, func: &Rc<Function>, args: Args) -> PyResult<Value> {
        if self.depth >= self.limits.max_depth {
            return Err(PyErr::new(
                Exc::RecursionError,
                "maximum recursion depth exceeded",
            ));
        }
        self.check_stack()?;
        self.step()?;
        let scope = Scope::with_locals(
            ScopeKind::Function,
            Some(func.env.clone()),
            Some(func.locals.clone()),
        );
        self.bind_arguments(func, args, &scope)?;
        let kept = scope.clone();
        let call_site = TraceFrame {
            source: self.frame.source.clone(),
            span: self.call_span.unwrap_or_default(),
            function: self.frame.function.clone(),
        };
        let saved = std::mem::replace(
            &mut self.frame,
            Frame {
                scope,
                source: func.source.clone(),
                function: func.name.clone(),
                echo: false,
                function_obj: Some(func.clone()),
                private: func.private.clone(),
            },
        );
        self.depth += 1;
        let result = self.exec_block(&func.def.body);
        self.depth -= 1;
        self.frame = saved;
        // Closures made by the call keep its scope: drop every local they cannot read.
        if Rc::strong_count(&kept) > 1 {
            kept.vars.borrow_mut().retain(|k, _| func.cells.contains(k));
        }
        match result {
            Ok(Flow::Return(v)) => Ok(v),
            Ok(_) => Ok(Value::None),
            Err(mut e) => {
                if e.inner().traceback.len() < 64 {
                    e.inner_mut().traceback.insert(0, call_site);
                }
                Err(e)
            }
        }
    }

    fn bind_arguments(&mut self, func: &Function, args: Args, scope: &Rc<Scope>) -> PyResult<()> {
        let params = &func.def.params;
        let qual = &func.qualname;
        let n_params = params.args.len();
        let mut slots: Vec<Option<Value>> = vec![None; n_params];
        let Args { pos, kw } = args;
        let given = pos.len();
        let mut extra = Vec::new();
        for (i, v) in pos.into_iter().enumerate() {
            if i < n_params {
                slots[i] = Some(v);
            } else {
                extra.push(v);
            }
        }
        let mut kwonly: Vec<Option<Value>> = vec![None; params.kwonly.len()];
        let mut kwargs = Dict::new();
        let mut posonly_as_kw = Vec::new();
        for (name, v) in kw {
            let found = params.args.iter().position(|p| p.name.name == name);
            match found {
                Some(i) if i < params.posonly => {
                    if params.kwarg.is_some() {
                        kwargs.set_str(&name, v);
                    } else {
                        posonly_as_kw.push(format!("'{name}'"));
                    }
                }
                Some(i) => {
                    if slots[i].is_some() {
                        return Err(type_error(format!(
                            "{qual}() got multiple values for argument '{name}'"
                        )));
                    }
                    slots[i] = Some(v);
                }
                None => {
                    if let Some(i) = params.kwonly.iter().position(|p| p.name.name == name) {
                        kwonly[i] = Some(v);
                    } else if params.kwarg.is_some() {
                        kwargs.set_str(&name, v);
                    } else if posonly_as_kw.is_empty() {
                        return Err(type_error(format!(
                            "{qual}() got an unexpected keyword argument '{name}'"
                        )));
                    }
                }
            }
        }
        if !posonly_as_kw.is_empty() {
            return Err(type_error(format!(
                "{qual}() got some positional-only arguments passed as keyword arguments: {}",
                posonly_as_kw.join(", ")
            )));
        }
        if !extra.is_empty() && params.vararg.is_none() {
            let required = n_params - func.defaults.len();
            let (sig, plural) = if required == n_params {
                (n_params.to_string(), n_params != 1)
            } else {
                (format!("from {required} to {n_params}"), true)
            };
            let kw_given = kwonly.iter().filter(|k| k.is_some()).count();
            let kw_sig = if kw_given > 0 {
                format!(
                    " positional argument{} (and {kw_given} keyword-only argument{})",
                    if given != 1 { "s" } else { "" },
                    if kw_given != 1 { "s" } else { "" }
                )
            } else {
                String::new()
            };
            let were = if given == 1 && kw_given == 0 {
                "was"
            } else {
                "were"
            };
            return Err(type_error(format!(
                "{qual}() takes {sig} positional argument{} but {given}{kw_sig} {were} given",
                if plural { "s" } else { "" }
            )));
        }
        let first_default = n_params - func.defaults.len();
        let mut missing = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate() {
            if slot.is_none() {
                if i >= first_default {
                    *slot = func.defaults.get(i - first_default).cloned();
                } else {
                    missing.push(params.args[i].name.name.clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_error(qual, "positional", &missing));
        }
        let mut missing_kw = Vec::new();
        for (i, slot) in kwonly.iter_mut().enumerate() {
            if slot.is_none() {
                match func.kw_defaults.get(i).cloned().flatten() {
                    Some(d) => *slot = Some(d),
                    None => missing_kw.push(params.kwonly[i].name.name.clone()),
                }
            }
        }
        if !missing_kw.is_empty() {
            return Err(missing_error(qual, "keyword-only", &missing_kw));
        }
        for (p, v) in params.args.iter().zip(slots) {
            scope.set(p.name.name.clone(), v.unwrap_or(Value::None));
        }
        for (p, v) in params.kwonly.iter().zip(kwonly) {
            scope.set(p.name.name.clone(), v.unwrap_or(Value::None));
        }
        if let Some(va) = &params.vararg {
            scope.set(va.name.name.clone(), Value::tuple(extra));
        }
        if let Some(ka) = &params.kwarg {
            scope.set(ka.name.name.clone(), Value::dict(kwargs));
        }
        Ok(())
    }

    /// `Class(...)`: built-in types convert, metaclass hooks map models, exceptions keep
    /// their arguments, other classes run `__init__`.
    pub(crate) fn instantiate(&mut self, class: &Rc<Class>, args: Args) -> PyResult<Value> {
        if let Some(hooks) = class.hooks.clone() {
            return hooks.instantiate(self, class, args);
        }
        match class.builtin {
            Some(BuiltinType::Exception) => return self.new_exception(class, args),
            Some(t) => return super::builtins::construct(self, t, class, args),
            None => {}
        }
        if let Some(base) = class
            .mro
            .iter()
            .find(|c| !matches!(c.builtin, None | Some(BuiltinType::Object)))
        {
            return Err(type_error(format!(
                "subclasses of the built-in type '{}' are not supported in the playground",
                base.name
            )));
        }
        let inst = Value::Instance(Rc::new(Instance::new(class.clone())));
        match class.lookup("__init__") {
            Some(init) => {
                let mut a = args;
                a.pos.insert(0, inst.clone());
                let r = self.call_value_inner(&init, a)?;
                if !r.is_none() {
                    return Err(type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            None if !args.pos.is_empty() || !args.kw.is_empty() => {
                return Err(type_error(format!("{}() takes no arguments", class.name)))
            }
            None => {}
        }
        Ok(inst)
    }

    /// `obj.name(args)`.
    pub(crate) fn call_method(
        &mut self,
        obj: &Value,
        name: &str,
        mut args: Args,
    ) -> PyResult<Value> {
        match obj {
            Value::Native(n) => {
                if let Some(r) = n.clone().call_method(self, obj, name, &mut args) {
                    return r;
                }
            }
            Value::Instance(inst) => {
                if !inst.dict.borrow().contains_key(name) {
                    if let Some(Value::Function(f)) = inst.class.lookup(name) {
                        args.pos.insert(0, obj.clone());
                        return self.call_function(&f, args);
                    }
                }
            }
            Value::Class(_) | Value::Function(_) | Value::Method(_) | Value::Builtin(_) => {}
            _ => {
                if let Some(r) = super::methods::call(self, obj, name, &mut args) {
                    return r;
                }
            }
        }
        let f = self.get_attribute(obj, name)?;
        self.call_value_inner(&f, args)
    }

    /// A user function bound to `this` (what `obj.method` evaluates to).
    pub(crate) fn bind(func: Value, this: Value) -> Value {
        Value::Method(Rc::new(BoundMethod { func, this }))
    }
}

fn type_error(msg: String) -> PyErr {
    PyErr::new(Exc::TypeError, msg)
}

fn not_callable(v: &Value) -> PyErr {
    type_error(format!("'{}' object is not callable", v.type_name()))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `f() missing 2 required positional arguments: 'a' and 'b'`.
fn missing_error(qual: &str, kind: &str, names: &[Rc<str>]) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    };
    type_error(format!(
        "{qual}() missing {} required {kind} argument{}: {list}",
        names.len(),
        plural(names.len())
    ))
}

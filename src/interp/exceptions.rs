//! Exceptions as Python sees them: `try`/`except`/`else`/`finally`, `raise` (also bare and
//! `from`), exception instances with `args`, `__cause__`, `__context__`, and `str()`/`repr()`
//! of exceptions.

use super::exec::Flow;
use super::Interp;
use crate::object::{Args, Exc, Instance, PyErr, PyResult, Value};
use crate::python::ast::{self, Stmt};
use std::rc::Rc;

impl Interp {
    pub(crate) fn exec_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ast::ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> PyResult<Flow> {
        let result = match self.exec_block(body) {
            Ok(Flow::Normal) => self.exec_block(orelse),
            Ok(flow) => Ok(flow),
            Err(err) if err.inner().uncatchable || handlers.is_empty() => Err(err),
            Err(err) => self.handle_exception(err, handlers),
        };
        if finalbody.is_empty() {
            return result;
        }
        match self.exec_block(finalbody)? {
            Flow::Normal => result,
            flow => Ok(flow),
        }
    }

    fn handle_exception(
        &mut self,
        mut err: PyErr,
        handlers: &[ast::ExceptHandler],
    ) -> PyResult<Flow> {
        for h in handlers {
            let matches = match &h.typ {
                None => true,
                Some(t) => {
                    let typ = self.eval(t)?;
                    self.exception_matches(&err, &typ)?
                }
            };
            if !matches {
                continue;
            }
            let value = self.exception_value(&err);
            err.inner_mut().value = Some(value.clone());
            if let Some(name) = &h.name {
                self.store_name(&name.name, value);
            }
            self.handling.push(err);
            let result = self.exec_block(&h.body);
            self.handling.pop();
            if let Some(name) = &h.name {
                self.unbind_name(&name.name);
            }
            return result;
        }
        Err(err)
    }

    fn exception_matches(&mut self, err: &PyErr, typ: &Value) -> PyResult<bool> {
        match typ {
            Value::Class(c) if c.is_subclass(&Exc::BaseException.class()) => {
                Ok(err.class().is_subclass(c))
            }
            Value::Tuple(items) => {
                for t in items.iter() {
                    if self.exception_matches(err, t)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(PyErr::new(
                Exc::TypeError,
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// The exception instance of an error (created on first need, e.g. `except ... as e`).
    pub(crate) fn exception_value(&mut self, err: &PyErr) -> Value {
        if let Some(v) = &err.inner().value {
            return v.clone();
        }
        let inst = Instance::new(err.class().clone());
        let args = match &err.inner().args {
            Some(a) => a.clone(),
            None if err.message().is_empty() => Vec::new(),
            None => vec![Value::str(err.message())],
        };
        inst.dict
            .borrow_mut()
            .insert("args".into(), Value::tuple(args));
        Value::Instance(Rc::new(inst))
    }

    pub(crate) fn exec_raise(
        &mut self,
        exc: Option<&ast::Expr>,
        cause: Option<&ast::Expr>,
    ) -> PyResult<PyErr> {
        let Some(exc) = exc else {
            return Ok(match self.handling.last() {
                Some(e) => e.clone(),
                None => PyErr::new(Exc::RuntimeError, "No active exception to reraise"),
            });
        };
        let v = self.eval(exc)?;
        let v = self.instantiate_exception(v)?;
        let cause = match cause {
            Some(c) => {
                let c = self.eval(c)?;
                match c {
                    Value::None => Some(Value::None),
                    other => Some(self.instantiate_exception(other).map_err(|_| {
                        PyErr::new(
                            Exc::TypeError,
                            "exception causes must derive from BaseException",
                        )
                    })?),
                }
            }
            None => None,
        };
        if let Value::Instance(inst) = &v {
            let mut d = inst.dict.borrow_mut();
            if let Some(c) = cause {
                d.insert("__cause__".into(), c);
                d.insert("__suppress_context__".into(), Value::Bool(true));
            }
            if let Some(ctx) = self.handling.last().and_then(|e| e.inner().value.clone()) {
                if !ctx.is(&v) {
                    d.insert("__context__".into(), ctx);
                }
            }
        }
        self.error_from_instance(v)
    }

    /// `raise X` accepts a class (called without arguments) or an instance.
    fn instantiate_exception(&mut self, v: Value) -> PyResult<Value> {
        let base = Exc::BaseException.class();
        match &v {
            Value::Class(c) if c.is_subclass(&base) => self.call_value_inner(&v, Args::none()),
            Value::Instance(i) if i.class.is_subclass(&base) => Ok(v),
            _ => Err(PyErr::new(
                Exc::TypeError,
                "exceptions must derive from BaseException",
            )),
        }
    }

    /// The error that raising an exception instance produces.
    pub(crate) fn error_from_instance(&mut self, v: Value) -> PyResult<PyErr> {
        let Value::Instance(inst) = &v else {
            return Ok(PyErr::new(
                Exc::TypeError,
                "exceptions must derive from BaseException",
            ));
        };
        let message = self.str_value(&v)?;
        let mut err = PyErr::of_class(inst.class.clone(), message);
        err.inner_mut().value = Some(v.clone());
        Ok(err)
    }

    /// `str(exception)` for classes that do not define `__str__`: its single argument, the
    /// repr of its argument tuple, or `''`; `KeyError` shows the repr of its key.
    pub(crate) fn exception_message(&mut self, v: &Value) -> PyResult<String> {
        let (args, class) = match v {
            Value::Instance(inst) => (inst.dict.borrow().get("args").cloned(), &inst.class),
            _ => return Ok(String::new()),
        };
        match args {
            Some(Value::Tuple(items)) if items.is_empty() => Ok(String::new()),
            Some(Value::Tuple(items)) if items.len() == 1 => {
                let item = items[0].clone();
                if class.is_subclass(&Exc::KeyError.class()) {
                    self.repr_value(&item)
                } else {
                    self.str_value(&item)
                }
            }
            Some(other) => self.repr_value(&other),
            None => Ok(String::new()),
        }
    }

    /// `repr(exception)`: `ValueError('bad')`, `KeyError('a', 'b')`, `AppError()`.
    pub(crate) fn exception_repr(&mut self, inst: &Rc<Instance>) -> PyResult<String> {
        let args = inst.dict.borrow().get("args").cloned();
        let inner = match args {
            Some(Value::Tuple(t)) if t.len() == 1 => self.repr_value(&t[0])?,
            Some(Value::Tuple(t)) => {
                let mut parts = Vec::new();
                for x in t.iter() {
                    parts.push(self.repr_value(x)?);
                }
                parts.join(", ")
            }
            _ => String::new(),
        };
        Ok(format!("{}({inner})", inst.class.name))
    }

    /// Creates an instance of an exception class (`ValueError('x')`): `args` holds the
    /// positional arguments, then the class's own `__init__` runs if it has one.
    pub(crate) fn new_exception(
        &mut self,
        class: &Rc<crate::object::Class>,
        args: Args,
    ) -> PyResult<Value> {
        let inst = Rc::new(Instance::new(class.clone()));
        let this = Value::Instance(inst.clone());
        inst.dict
            .borrow_mut()
            .insert("args".into(), Value::tuple(args.pos.clone()));
        let own_init = class
            .lookup("__init__")
            .filter(|f| matches!(f, Value::Function(_)));
        match own_init {
            Some(init) => {
                let mut a = args;
                a.pos.insert(0, this.clone());
                let r = self.call_value_inner(&init, a)?;
                if !r.is_none() {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("__init__() should return None, not '{}'", r.type_name()),
                    ));
                }
            }
            None if !args.kw.is_empty() => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!("{}() takes no keyword arguments", class.name),
                ));
            }
            None => {}
        }
        Ok(this)
    }
}

//! `repr()` and `str()` of every value, as CPython prints them.

use super::format::{format_float_repr, python_str_repr};
use super::Interp;
use crate::object::{Args, BuiltinType, Exc, PyErr, PyResult, Value};

thread_local! {
    /// Containers being printed right now (a list that contains itself prints `[...]`).
    static PRINTING: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

struct Guard(usize);

impl Guard {
    fn enter(id: usize) -> Option<Guard> {
        PRINTING.with(|p| {
            let mut p = p.borrow_mut();
            if p.contains(&id) {
                None
            } else {
                p.push(id);
                Some(Guard(id))
            }
        })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        PRINTING.with(|p| {
            let mut p = p.borrow_mut();
            if let Some(i) = p.iter().rposition(|x| *x == self.0) {
                p.remove(i);
            }
        });
    }
}

impl Interp {
    pub(crate) fn repr_value(&mut self, v: &Value) -> PyResult<String> {
        if self.check_stack().is_err() {
            return Err(PyErr::new(
                Exc::RecursionError,
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => self.int_to_str(b)?,
            Value::Float(f) => format_float_repr(*f),
            Value::Str(s) => python_str_repr(s),
            Value::Bytes(b) => bytes_repr(b),
            Value::List(l) => {
                let Some(_g) = Guard::enter(v.identity().unwrap_or(0)) else {
                    return Ok("[...]".into());
                };
                let items = l.borrow().clone();
                format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr_value(&t[0])?)
                } else {
                    format!("({})", self.join_reprs(t)?)
                }
            }
            Value::Dict(d) => {
                let Some(_g) = Guard::enter(v.identity().unwrap_or(0)) else {
                    return Ok("{...}".into());
                };
                let items: Vec<(Value, Value)> = d
                    .borrow()
                    .items()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                let mut out = String::from("{");
                for (i, (k, val)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr_value(k)?);
                    out.push_str(": ");
                    out.push_str(&self.repr_value(val)?);
                    self.check_len(out.len())?;
                }
                out.push('}');
                out
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.borrow().keys().cloned().collect();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::FrozenSet(s) => {
                let items: Vec<Value> = s.keys().cloned().collect();
                if items.is_empty() {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", self.join_reprs(&items)?)
                }
            }
            Value::Function(f) => format!(
                "<function {} at 0x{:x}>",
                f.qualname,
                v.identity().unwrap_or(0)
            ),
            Value::Builtin(b) => match &b.bound {
                Some(this) => format!(
                    "<built-in method {} of {} object at 0x{:x}>",
                    b.name,
                    this.type_name(),
                    this.identity().unwrap_or(0)
                ),
                None => format!("<built-in function {}>", b.name),
            },
            Value::Method(m) => {
                let name = match &m.func {
                    Value::Function(f) => f.qualname.to_string(),
                    other => other.type_name().to_string(),
                };
                let this = m.this.clone();
                format!("<bound method {name} of {}>", self.repr_value(&this)?)
            }
            Value::Class(c) => {
                if let Some(r) = c.hooks.as_ref().and_then(|h| h.class_repr(c)) {
                    return Ok(r);
                }
                let qual = match super::attr::qualname(c) {
                    Value::Str(s) => s,
                    _ => c.name.clone(),
                };
                if &*c.module == "builtins" {
                    format!("<class '{qual}'>")
                } else {
                    format!("<class '{}.{qual}'>", c.module)
                }
            }
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__repr__") {
                    let r = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(PyErr::new(
                            Exc::TypeError,
                            format!("__repr__ returned non-string (type {})", other.type_name()),
                        )),
                    };
                }
                if inst.class.builtin == Some(BuiltinType::Exception) {
                    let inst = inst.clone();
                    self.exception_repr(&inst)?
                } else {
                    format!(
                        "<{}.{} object at 0x{:x}>",
                        inst.class.module,
                        inst.class.name,
                        v.identity().unwrap_or(0)
                    )
                }
            }
            Value::Date(_) | Value::DateTime(_) | Value::Time(_) | Value::TimeDelta(_) => {
                super::datetime::repr(v)
            }
            Value::Native(n) => n.clone().repr(self)?,
        })
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut out = String::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr_value(x)?);
            self.check_len(out.len())?;
        }
        Ok(out)
    }

    pub(crate) fn str_value(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup("__str__") {
                    let r = self.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(PyErr::new(
                            Exc::TypeError,
                            format!("__str__ returned non-string (type {})", other.type_name()),
                        )),
                    };
                }
                if inst.class.builtin == Some(BuiltinType::Exception) {
                    return self.exception_message(v);
                }
                self.repr_value(v)
            }
            Value::Date(_) | Value::DateTime(_) | Value::Time(_) | Value::TimeDelta(_) => {
                Ok(super::datetime::str(v))
            }
            Value::Native(n) => n.clone().str(self),
            _ => self.repr_value(v),
        }
    }

    /// Decimal digits of a big integer, refusing (as CPython does) more than 4300 digits.
    pub(crate) fn int_to_str(&self, b: &crate::object::BigInt) -> PyResult<String> {
        let s = b.to_string_radix(10);
        if s.trim_start_matches('-').len() > 4300 {
            return Err(PyErr::new(
                Exc::ValueError,
                "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
            ));
        }
        Ok(s)
    }
}

pub(crate) fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

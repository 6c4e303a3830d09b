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
            if p.contains(&id) || p.len() > 200 {
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
        PRINTING.with(|p| p.borrow_mut().retain(|x| *x != self.0));
    }
}

impl Interp {
    pub(crate) fn repr_value(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
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
                let mut parts = Vec::with_capacity(items.len());
                for (k, val) in items {
                    parts.push(format!(
                        "{}: {}",
                        self.repr_value(&k)?,
                        self.repr_value(&val)?
                    ));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(d) => {
                let items: Vec<Value> = d.borrow().keys().cloned().collect();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
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
                format!(
                    "<bound method {name} of {}>",
                    self.repr_value(&m.this.clone())?
                )
            }
            Value::Class(c) => {
                if &*c.module == "builtins" {
                    format!("<class '{}'>", c.name)
                } else {
                    format!("<class '{}.{}'>", c.module, c.name)
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
                    let args = inst.dict.borrow().get("args").cloned();
                    let inner = match args {
                        Some(Value::Tuple(t)) if t.len() == 1 => self.repr_value(&t[0])?,
                        Some(Value::Tuple(t)) => self.join_reprs(&t)?,
                        _ => String::new(),
                    };
                    format!("{}({inner})", inst.class.name)
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
}

fn bytes_repr(b: &[u8]) -> String {
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

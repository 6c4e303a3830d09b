//! Built-in functions and types (`print`, `len`, `sorted`, `int`, `isinstance`, ...), with
//! CPython's argument checking and messages.

mod construct;
mod convert;
mod introspect;
mod numbers;
mod objects;
mod seq;
mod types;

pub(crate) use construct::construct;
pub(crate) use types::{constructor_class, type_class, type_of};

use super::ops::int_ref;
use super::Interp;
use crate::object::{Args, Builtin, BuiltinType, Exc, Object, PyErr, PyResult, Value, Vm};
use crate::python::ast::BinOp;
use std::collections::HashMap;
use std::rc::Rc;

pub(crate) fn ellipsis() -> Value {
    Value::native(Singleton("ellipsis", "Ellipsis"))
}

/// `Ellipsis`, `NotImplemented`.
struct Singleton(&'static str, &'static str);

impl Object for Singleton {
    fn type_name(&self) -> &str {
        self.0
    }
    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.1.into())
    }
}

/// Positional argument `i` (builtins that checked their arity already).
fn arg(args: &Args, i: usize, func: &str) -> PyResult<Value> {
    args.pos.get(i).cloned().ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            format!("{func}() missing required argument (pos {})", i + 1),
        )
    })
}

/// The single argument of `len(x)`, `repr(x)`, ... (`len() takes exactly one argument`).
fn exactly_one(args: &Args, func: &str) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("{func}() takes no keyword arguments"),
        ));
    }
    match args.pos.as_slice() {
        [v] => Ok(v.clone()),
        other => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{func}() takes exactly one argument ({} given)",
                other.len()
            ),
        )),
    }
}

/// `isinstance expected 2 arguments, got 1` and the like.
fn arity(args: &Args, func: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.pos.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    let msg = if n < min && min == max {
        format!("{func} expected {min} argument{}, got {n}", plural(min))
    } else if n < min {
        format!(
            "{func} expected at least {min} argument{}, got {n}",
            plural(min)
        )
    } else if n > max && min == max {
        format!("{func} expected {max} argument{}, got {n}", plural(max))
    } else if n > max {
        format!(
            "{func} expected at most {max} argument{}, got {n}",
            plural(max)
        )
    } else {
        return Ok(());
    };
    Err(PyErr::new(Exc::TypeError, msg))
}

fn attr_name(v: &Value) -> PyResult<Rc<str>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(PyErr::new(
            Exc::TypeError,
            format!("attribute name must be string, not '{}'", other.type_name()),
        )),
    }
}

/// `callable(v)`.
pub(crate) fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(i) => i.class.lookup("__call__").is_some(),
        Value::Native(n) => matches!(
            n.type_name(),
            "method_descriptor" | "staticmethod" | "classmethod" | "type"
        ),
        _ => false,
    }
}

type BuiltinFn = fn(&mut Interp, Args) -> PyResult<Value>;

const FUNCTIONS: &[(&str, BuiltinFn)] = &[
    ("print", b_print),
    ("len", seq::b_len),
    ("repr", |i, a| {
        Ok(Value::str(&i.repr_value(&exactly_one(&a, "repr")?)?))
    }),
    ("ascii", |i, a| {
        let r = i.repr_value(&exactly_one(&a, "ascii")?)?;
        Ok(Value::str(&super::format::ascii(&r)))
    }),
    ("sorted", seq::b_sorted),
    ("reversed", seq::b_reversed),
    ("enumerate", seq::b_enumerate),
    ("zip", seq::b_zip),
    ("map", seq::b_map),
    ("filter", seq::b_filter),
    ("sum", seq::b_sum),
    ("min", |i, a| seq::b_minmax(i, a, "min")),
    ("max", |i, a| seq::b_minmax(i, a, "max")),
    ("any", |i, a| seq::b_any_all(i, a, true)),
    ("all", |i, a| seq::b_any_all(i, a, false)),
    ("iter", |i, a| {
        let v = exactly_one(&a, "iter")?;
        i.make_iterator(&v)
    }),
    ("next", seq::b_next),
    ("abs", numbers::b_abs),
    ("round", convert::b_round),
    ("divmod", |i, a| {
        arity(&a, "divmod", 2, 2)?;
        let q = i
            .binary_op(BinOp::FloorDiv, &a.pos[0], &a.pos[1])
            .map_err(|e| {
                if e.is(Exc::ZeroDivisionError) && int_ref(&a.pos[0]).is_some() {
                    PyErr::new(Exc::ZeroDivisionError, "integer division or modulo by zero")
                } else {
                    e
                }
            })?;
        if let (Value::Float(_), _) | (_, Value::Float(_)) = (&a.pos[0], &a.pos[1]) {
            let (x, y) = (
                super::ops::as_float(&a.pos[0]).unwrap_or(0.0),
                super::ops::as_float(&a.pos[1]).unwrap_or(1.0),
            );
            let (q, r) = super::ops::float_divmod(x, y);
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
        let r = i.binary_op(BinOp::Mod, &a.pos[0], &a.pos[1])?;
        Ok(Value::tuple(vec![q, r]))
    }),
    ("pow", numbers::b_pow),
    ("isinstance", |_, a| {
        arity(&a, "isinstance", 2, 2)?;
        let v = a.pos[0].clone();
        Ok(Value::Bool(introspect::class_check(
            &a.pos[1],
            "isinstance",
            &|c| types::is_instance(&v, c),
        )?))
    }),
    ("issubclass", |_, a| {
        arity(&a, "issubclass", 2, 2)?;
        let Value::Class(sub) = &a.pos[0] else {
            return Err(PyErr::new(
                Exc::TypeError,
                "issubclass() arg 1 must be a class",
            ));
        };
        let object = type_class(BuiltinType::Object);
        Ok(Value::Bool(introspect::class_check(
            &a.pos[1],
            "issubclass",
            &|c| sub.is_subclass(c) || Rc::ptr_eq(c, &object),
        )?))
    }),
    ("getattr", |i, a| {
        arity(&a, "getattr", 2, 3)?;
        let name = attr_name(&a.pos[1])?;
        match (i.get_attribute(&a.pos[0], &name), a.pos.get(2)) {
            (Err(e), Some(default)) if e.is(Exc::AttributeError) && !e.inner().uncatchable => {
                Ok(default.clone())
            }
            (r, _) => r,
        }
    }),
    ("hasattr", |i, a| {
        arity(&a, "hasattr", 2, 2)?;
        let name = attr_name(&a.pos[1])?;
        Ok(Value::Bool(i.has_attribute(&a.pos[0], &name)?))
    }),
    ("setattr", |i, a| {
        arity(&a, "setattr", 3, 3)?;
        let name = attr_name(&a.pos[1])?;
        i.set_attribute(&a.pos[0], &name, a.pos[2].clone())?;
        Ok(Value::None)
    }),
    ("delattr", |i, a| {
        arity(&a, "delattr", 2, 2)?;
        let name = attr_name(&a.pos[1])?;
        i.del_attribute(&a.pos[0], &name)?;
        Ok(Value::None)
    }),
    ("id", |_, a| {
        let v = exactly_one(&a, "id")?;
        let key = v.identity().unwrap_or_else(|| {
            v.hash_key()
                .map(|k| k.py_hash() as usize)
                .unwrap_or_default()
        });
        Ok(Value::Int((key & (i64::MAX as usize)) as i64))
    }),
    ("hash", |i, a| {
        let v = exactly_one(&a, "hash")?;
        let k = i.hash_key(&v)?;
        Ok(Value::Int(k.py_hash()))
    }),
    ("callable", |_, a| {
        Ok(Value::Bool(is_callable(&exactly_one(&a, "callable")?)))
    }),
    ("chr", |_, a| {
        let v = exactly_one(&a, "chr")?;
        let n = construct::index_arg(&v)?;
        u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .map(|c| Value::str(&c.to_string()))
            .ok_or_else(|| PyErr::new(Exc::ValueError, "chr() arg not in range(0x110000)"))
    }),
    ("ord", |_, a| match exactly_one(&a, "ord")? {
        Value::Str(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
        }
        Value::Str(s) => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ),
        )),
        other => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "ord() expected string of length 1, but {} found",
                other.type_name()
            ),
        )),
    }),
    ("hex", |_, a| numbers::int_text(&a, "hex", 16, "0x")),
    ("oct", |_, a| numbers::int_text(&a, "oct", 8, "0o")),
    ("bin", |_, a| numbers::int_text(&a, "bin", 2, "0b")),
    ("format", |i, a| {
        arity(&a, "format", 1, 2)?;
        let spec = match a.pos.get(1) {
            Some(Value::Str(s)) => s.to_string(),
            Some(other) => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    format!("format() argument 2 must be str, not {}", other.type_name()),
                ))
            }
            None => String::new(),
        };
        Ok(Value::str(&i.format_value(&a.pos[0], &spec)?))
    }),
    ("vars", |i, a| match a.pos.first() {
        Some(v) => i.get_attribute(v, "__dict__").map_err(|_| {
            PyErr::new(
                Exc::TypeError,
                "vars() argument must have __dict__ attribute",
            )
        }),
        None => Ok(introspect::scope_dict(&i.frame.scope)),
    }),
    ("dir", introspect::b_dir),
    ("globals", |i, _| Ok(introspect::scope_dict(&i.globals))),
    ("locals", |i, _| Ok(introspect::scope_dict(&i.frame.scope))),
    ("super", objects::b_super),
    ("input", |i, a| {
        if let Some(p) = a.pos.first() {
            let text = i.str_value(p)?;
            i.out.push_str(&text);
        }
        Err(PyErr::new(Exc::EOFError, "EOF when reading a line"))
    }),
];

/// The builtins namespace.
pub(crate) fn table() -> HashMap<Rc<str>, Value> {
    let mut t: HashMap<Rc<str>, Value> = HashMap::new();
    for (name, f) in FUNCTIONS {
        let f = *f;
        t.insert(
            (*name).into(),
            Builtin::value(name, move |vm, args| {
                match vm.as_any_mut().downcast_mut::<Interp>() {
                    Some(i) => f(i, args),
                    None => Err(PyErr::new(
                        Exc::RuntimeError,
                        "builtins run only in the interpreter",
                    )),
                }
            }),
        );
    }
    for (name, c) in types::builtin_type_names() {
        t.insert(name.into(), Value::Class(c));
    }
    for (name, ctor) in [
        ("property", objects::make_property as BuiltinFn),
        ("staticmethod", objects::make_staticmethod),
        ("classmethod", objects::make_classmethod),
    ] {
        t.insert(name.into(), Value::Class(constructor_class(name, ctor)));
    }
    for c in Exc::all() {
        if &*c.module == "builtins" {
            t.insert(c.name.clone(), Value::Class(c));
        }
    }
    for (alias, target) in [("IOError", "OSError"), ("EnvironmentError", "OSError")] {
        if let Some(v) = t.get(target).cloned() {
            t.insert(alias.into(), v);
        }
    }
    t.insert("Ellipsis".into(), ellipsis());
    t.insert(
        "NotImplemented".into(),
        Value::native(Singleton("NotImplementedType", "NotImplemented")),
    );
    t.insert("__name__".into(), Value::str("builtins"));
    t.insert("__debug__".into(), Value::Bool(true));
    t
}

fn b_print(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let mut text_kw = |name: &str, default: &str| -> PyResult<String> {
        match a.take_kw(name) {
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(Value::None) | None => Ok(default.into()),
            Some(other) => Err(PyErr::new(
                Exc::TypeError,
                format!("{name} must be None or a string, not {}", other.type_name()),
            )),
        }
    };
    let sep = text_kw("sep", " ")?;
    let end = text_kw("end", "\n")?;
    a.take_kw("flush");
    a.take_kw("file");
    if let Some((k, _)) = a.kw.first() {
        return Err(PyErr::new(
            Exc::TypeError,
            format!("'{k}' is an invalid keyword argument for print()"),
        ));
    }
    let mut line = String::new();
    for (n, v) in a.pos.iter().enumerate() {
        if n > 0 {
            line.push_str(&sep);
        }
        line.push_str(&i.str_value(v)?);
        i.check_len(i.out.len() + line.len())?;
    }
    line.push_str(&end);
    i.check_len(i.out.len() + line.len())?;
    i.out.push_str(&line);
    Ok(Value::None)
}

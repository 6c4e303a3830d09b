//! Built-in functions and types (`print`, `len`, `sorted`, `int`, `isinstance`, ...).

use super::iter::{iterator, Range};
use super::ops::{as_float, as_int};
use super::Interp;
use crate::object::class::AttrMap;
use crate::object::{
    Args, Builtin, BuiltinType, Class, Dict, Exc, Object, PyErr, PyResult, Value, Vm,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

const TYPES: &[(BuiltinType, &str)] = &[
    (BuiltinType::Object, "object"),
    (BuiltinType::Type, "type"),
    (BuiltinType::NoneType, "NoneType"),
    (BuiltinType::Int, "int"),
    (BuiltinType::Bool, "bool"),
    (BuiltinType::Float, "float"),
    (BuiltinType::Str, "str"),
    (BuiltinType::Bytes, "bytes"),
    (BuiltinType::List, "list"),
    (BuiltinType::Tuple, "tuple"),
    (BuiltinType::Dict, "dict"),
    (BuiltinType::Set, "set"),
    (BuiltinType::FrozenSet, "frozenset"),
    (BuiltinType::Range, "range"),
    (BuiltinType::Function, "function"),
    (BuiltinType::Date, "date"),
    (BuiltinType::DateTime, "datetime"),
    (BuiltinType::Time, "time"),
    (BuiltinType::TimeDelta, "timedelta"),
];

thread_local! {
    static TYPE_CLASSES: Vec<Rc<Class>> = build_types();
    static NATIVE_TYPES: RefCell<HashMap<String, Rc<Class>>> = RefCell::new(HashMap::new());
}

fn build_types() -> Vec<Rc<Class>> {
    let mut out: Vec<Rc<Class>> = Vec::new();
    for (t, name) in TYPES {
        let module = match t {
            BuiltinType::Date
            | BuiltinType::DateTime
            | BuiltinType::Time
            | BuiltinType::TimeDelta => "datetime",
            _ => "builtins",
        };
        let bases = match t {
            BuiltinType::Bool => vec![out[3].clone()],
            BuiltinType::DateTime => vec![out[15].clone()],
            _ => Vec::new(),
        };
        let mut c = Class::new(name, module, bases, AttrMap::new());
        c.builtin = Some(*t);
        out.push(Rc::new(c));
    }
    out
}

/// The class object of a built-in type (`int`, `datetime`, ...).
pub(crate) fn type_class(t: BuiltinType) -> Rc<Class> {
    TYPE_CLASSES.with(|c| {
        let i = TYPES.iter().position(|(x, _)| *x == t).unwrap_or(0);
        c[i].clone()
    })
}

/// `type(v)`.
pub(crate) fn type_of(v: &Value) -> Rc<Class> {
    let t = match v {
        Value::None => BuiltinType::NoneType,
        Value::Bool(_) => BuiltinType::Bool,
        Value::Int(_) => BuiltinType::Int,
        Value::Float(_) => BuiltinType::Float,
        Value::Str(_) => BuiltinType::Str,
        Value::Bytes(_) => BuiltinType::Bytes,
        Value::List(_) => BuiltinType::List,
        Value::Tuple(_) => BuiltinType::Tuple,
        Value::Dict(_) => BuiltinType::Dict,
        Value::Set(_) => BuiltinType::Set,
        Value::Function(_) => BuiltinType::Function,
        Value::Date(_) => BuiltinType::Date,
        Value::DateTime(_) => BuiltinType::DateTime,
        Value::Time(_) => BuiltinType::Time,
        Value::TimeDelta(_) => BuiltinType::TimeDelta,
        Value::Class(c) => {
            return c
                .hooks
                .as_ref()
                .map(|_| native_type("DeclarativeMeta", "flask_sqlalchemy.model"))
                .unwrap_or_else(|| type_class(BuiltinType::Type))
        }
        Value::Instance(i) => return i.class.clone(),
        Value::Native(n) if n.type_name() == "range" => BuiltinType::Range,
        other => return native_type(&other.type_name(), "builtins"),
    };
    type_class(t)
}

/// A class object standing for a Rust-implemented type (so `type(q).__name__` works).
fn native_type(name: &str, module: &str) -> Rc<Class> {
    NATIVE_TYPES.with(|m| {
        m.borrow_mut()
            .entry(name.to_string())
            .or_insert_with(|| Rc::new(Class::new(name, module, Vec::new(), AttrMap::new())))
            .clone()
    })
}

/// `isinstance(v, class)` for one class.
pub(crate) fn is_instance(v: &Value, class: &Rc<Class>) -> bool {
    if class.builtin == Some(BuiltinType::Object) && &*class.module == "builtins" {
        return true;
    }
    let t = type_of(v);
    t.is_subclass(class)
        || (class.builtin.is_some() && t.builtin == class.builtin && t.name == class.name)
}

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

fn arg(args: &Args, i: usize, func: &str) -> PyResult<Value> {
    args.pos.get(i).cloned().ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            format!("{func}() missing required argument (pos {})", i + 1),
        )
    })
}

type BuiltinFn = fn(&mut Interp, Args) -> PyResult<Value>;

/// The builtins namespace.
pub(crate) fn table() -> HashMap<Rc<str>, Value> {
    let mut t: HashMap<Rc<str>, Value> = HashMap::new();
    let fns: &[(&str, BuiltinFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", |i, a| {
            Ok(Value::str(&i.repr_value(&arg(&a, 0, "repr")?)?))
        }),
        ("ascii", |i, a| {
            Ok(Value::str(&super::format::ascii(
                &i.repr_value(&arg(&a, 0, "ascii")?)?,
            )))
        }),
        ("sorted", b_sorted),
        ("reversed", |i, a| {
            let v = arg(&a, 0, "reversed")?;
            let mut items = match &v {
                Value::List(_) | Value::Tuple(_) | Value::Str(_) => i.collect_iterable(&v)?,
                // Sequences: anything with a length that iterates (InstrumentedList, Row).
                Value::Native(n) if n.type_name() == "range" || n.clone().len(i).is_some() => {
                    i.collect_iterable(&v)?
                }
                other => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("'{}' object is not reversible", other.type_name()),
                    ))
                }
            };
            items.reverse();
            Ok(iterator("list_reverseiterator", items))
        }),
        ("enumerate", |i, mut a| {
            let v = arg(&a, 0, "enumerate")?;
            let start = a.take(1, "start").and_then(|s| as_int(&s)).unwrap_or(0);
            let items = i.collect_iterable(&v)?;
            Ok(iterator(
                "enumerate",
                items
                    .into_iter()
                    .enumerate()
                    .map(|(n, x)| Value::tuple(vec![Value::Int(start + n as i64), x]))
                    .collect(),
            ))
        }),
        ("zip", |i, a| {
            let mut cols = Vec::new();
            for v in &a.pos {
                cols.push(i.collect_iterable(v)?);
            }
            let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
            let rows = (0..n)
                .map(|r| Value::tuple(cols.iter().map(|c| c[r].clone()).collect()))
                .collect();
            Ok(iterator("zip", rows))
        }),
        ("map", |i, a| {
            let f = arg(&a, 0, "map")?;
            let mut cols = Vec::new();
            for v in &a.pos[1..] {
                cols.push(i.collect_iterable(v)?);
            }
            let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
            let mut out = Vec::with_capacity(n);
            for r in 0..n {
                let args = Args::new(cols.iter().map(|c| c[r].clone()).collect());
                out.push(i.call_value_inner(&f, args)?);
            }
            Ok(iterator("map", out))
        }),
        ("filter", |i, a| {
            let f = arg(&a, 0, "filter")?;
            let items = i.collect_iterable(&arg(&a, 1, "filter")?)?;
            let mut out = Vec::new();
            for x in items {
                let keep = if f.is_none() {
                    i.truth(&x)?
                } else {
                    let r = i.call_value_inner(&f, Args::new(vec![x.clone()]))?;
                    i.truth(&r)?
                };
                if keep {
                    out.push(x);
                }
            }
            Ok(iterator("filter", out))
        }),
        ("sum", |i, mut a| {
            let items = i.collect_iterable(&arg(&a, 0, "sum")?)?;
            let mut total = a.take(1, "start").unwrap_or(Value::Int(0));
            if let Value::Str(_) = total {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            for x in items {
                total = i.binary_op(crate::python::ast::BinOp::Add, &total, &x)?;
            }
            Ok(total)
        }),
        ("min", |i, a| b_minmax(i, a, "min")),
        ("max", |i, a| b_minmax(i, a, "max")),
        ("any", |i, a| {
            let mut it = i.iter_of(&arg(&a, 0, "any")?)?;
            while let Some(x) = i.iter_next(&mut it)? {
                if i.truth(&x)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }),
        ("all", |i, a| {
            let mut it = i.iter_of(&arg(&a, 0, "all")?)?;
            while let Some(x) = i.iter_next(&mut it)? {
                if !i.truth(&x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }),
        ("abs", |i, a| {
            let v = arg(&a, 0, "abs")?;
            match v {
                Value::Int(n) => n
                    .checked_abs()
                    .map(Value::Int)
                    .ok_or_else(super::ops::overflow),
                Value::Bool(b) => Ok(Value::Int(b as i64)),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                Value::TimeDelta(d) => Ok(Value::TimeDelta(
                    crate::object::PyTimeDelta::from_micros(d.total_micros().abs()),
                )),
                other => {
                    let _ = i;
                    Err(PyErr::new(
                        Exc::TypeError,
                        format!("bad operand type for abs(): '{}'", other.type_name()),
                    ))
                }
            }
        }),
        ("round", b_round),
        ("divmod", |i, a| {
            let (x, y) = (arg(&a, 0, "divmod")?, arg(&a, 1, "divmod")?);
            let q = i.binary_op(crate::python::ast::BinOp::FloorDiv, &x, &y)?;
            let r = i.binary_op(crate::python::ast::BinOp::Mod, &x, &y)?;
            Ok(Value::tuple(vec![q, r]))
        }),
        ("pow", |i, a| {
            i.binary_op(
                crate::python::ast::BinOp::Pow,
                &arg(&a, 0, "pow")?,
                &arg(&a, 1, "pow")?,
            )
        }),
        ("isinstance", |_, a| {
            let v = arg(&a, 0, "isinstance")?;
            let c = arg(&a, 1, "isinstance")?;
            Ok(Value::Bool(class_check(&c, &|cls| is_instance(&v, cls))?))
        }),
        ("issubclass", |_, a| {
            let Value::Class(sub) = arg(&a, 0, "issubclass")? else {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "issubclass() arg 1 must be a class",
                ));
            };
            let c = arg(&a, 1, "issubclass")?;
            Ok(Value::Bool(class_check(&c, &|cls| sub.is_subclass(cls))?))
        }),
        ("getattr", |i, a| {
            let v = arg(&a, 0, "getattr")?;
            let Value::Str(name) = arg(&a, 1, "getattr")? else {
                return Err(PyErr::new(Exc::TypeError, "attribute name must be string"));
            };
            match (i.get_attribute(&v, &name), a.pos.get(2)) {
                (Err(e), Some(default)) if e.is(Exc::AttributeError) => Ok(default.clone()),
                (r, _) => r,
            }
        }),
        ("hasattr", |i, a| {
            let v = arg(&a, 0, "hasattr")?;
            let Value::Str(name) = arg(&a, 1, "hasattr")? else {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "hasattr(): attribute name must be string",
                ));
            };
            Ok(Value::Bool(i.has_attribute(&v, &name)?))
        }),
        ("setattr", |i, a| {
            let v = arg(&a, 0, "setattr")?;
            let Value::Str(name) = arg(&a, 1, "setattr")? else {
                return Err(PyErr::new(Exc::TypeError, "attribute name must be string"));
            };
            i.set_attribute(&v, &name, arg(&a, 2, "setattr")?)?;
            Ok(Value::None)
        }),
        ("delattr", |i, a| {
            let v = arg(&a, 0, "delattr")?;
            let Value::Str(name) = arg(&a, 1, "delattr")? else {
                return Err(PyErr::new(Exc::TypeError, "attribute name must be string"));
            };
            i.del_attribute(&v, &name)?;
            Ok(Value::None)
        }),
        ("id", |_, a| {
            Ok(Value::Int(arg(&a, 0, "id")?.identity().unwrap_or(0) as i64))
        }),
        ("hash", |i, a| {
            let v = arg(&a, 0, "hash")?;
            let k = i.hash_key(&v)?;
            Ok(Value::Int(match k {
                crate::object::HashKey::Int(n) => n,
                other => {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    other.hash(&mut h);
                    h.finish() as i64
                }
            }))
        }),
        ("callable", |_, a| {
            Ok(Value::Bool(matches!(
                arg(&a, 0, "callable")?,
                Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_)
            )))
        }),
        ("iter", |i, a| {
            let v = arg(&a, 0, "iter")?;
            let items = i.collect_iterable(&v)?;
            Ok(iterator(
                match v {
                    Value::List(_) => "list_iterator",
                    Value::Tuple(_) => "tuple_iterator",
                    Value::Str(_) => "str_ascii_iterator",
                    _ => "iterator",
                },
                items,
            ))
        }),
        ("next", |i, a| {
            let it = arg(&a, 0, "next")?;
            let r = match &it {
                Value::Native(n) => n.clone().next(i),
                _ => None,
            };
            match r {
                Some(Ok(Some(v))) => Ok(v),
                Some(Ok(None)) => match a.pos.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(PyErr::new(Exc::StopIteration, "")),
                },
                Some(Err(e)) => Err(e),
                None => Err(PyErr::new(
                    Exc::TypeError,
                    format!("'{}' object is not an iterator", it.type_name()),
                )),
            }
        }),
        ("chr", |_, a| {
            let n = as_int(&arg(&a, 0, "chr")?).unwrap_or(-1);
            char::from_u32(n as u32)
                .filter(|_| n >= 0)
                .map(|c| Value::str(&c.to_string()))
                .ok_or_else(|| PyErr::new(Exc::ValueError, "chr() arg not in range(0x110000)"))
        }),
        ("ord", |_, a| match arg(&a, 0, "ord")? {
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
        ("hex", |_, a| {
            int_text(&a, "hex", |n| {
                format!("{}0x{:x}", if n < 0 { "-" } else { "" }, n.unsigned_abs())
            })
        }),
        ("oct", |_, a| {
            int_text(&a, "oct", |n| {
                format!("{}0o{:o}", if n < 0 { "-" } else { "" }, n.unsigned_abs())
            })
        }),
        ("bin", |_, a| {
            int_text(&a, "bin", |n| {
                format!("{}0b{:b}", if n < 0 { "-" } else { "" }, n.unsigned_abs())
            })
        }),
        ("format", |i, a| {
            let v = arg(&a, 0, "format")?;
            let spec = match a.pos.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::str(&i.format_value(&v, &spec)?))
        }),
        ("vars", |i, a| {
            i.get_attribute(&arg(&a, 0, "vars")?, "__dict__")
        }),
        ("dir", b_dir),
        ("globals", |i, _| {
            let mut d = Dict::new();
            let vars = i.globals.vars.borrow();
            let mut names: Vec<_> = vars.keys().cloned().collect();
            names.sort();
            for n in names {
                if let Some(v) = vars.get(&n) {
                    d.set_str(&n, v.clone());
                }
            }
            Ok(Value::dict(d))
        }),
        ("super", b_super),
        ("property", |_, a| Ok(Value::native(Property::new(a)))),
        ("staticmethod", |_, a| {
            Ok(Value::native(MethodWrapper {
                func: arg(&a, 0, "staticmethod")?,
                class_method: false,
            }))
        }),
        ("classmethod", |_, a| {
            Ok(Value::native(MethodWrapper {
                func: arg(&a, 0, "classmethod")?,
                class_method: true,
            }))
        }),
    ];
    for (name, f) in fns {
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
    for (ty, name) in TYPES {
        if !matches!(
            ty,
            BuiltinType::NoneType
                | BuiltinType::Function
                | BuiltinType::Date
                | BuiltinType::DateTime
                | BuiltinType::Time
                | BuiltinType::TimeDelta
        ) {
            t.insert((*name).into(), Value::Class(type_class(*ty)));
        }
    }
    for c in Exc::all() {
        if &*c.module == "builtins" {
            t.insert(c.name.clone(), Value::Class(c));
        }
    }
    t.insert("Ellipsis".into(), ellipsis());
    t.insert(
        "NotImplemented".into(),
        Value::native(Singleton("NotImplementedType", "NotImplemented")),
    );
    t.insert("__name__".into(), Value::str("builtins"));
    t
}

fn class_check(c: &Value, test: &dyn Fn(&Rc<Class>) -> bool) -> PyResult<bool> {
    match c {
        Value::Class(cls) => Ok(test(cls)),
        Value::Tuple(items) => {
            for i in items.iter() {
                if class_check(i, test)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Native(n) if n.type_name() == "_GenericAlias" => Ok(false),
        _ => Err(PyErr::new(
            Exc::TypeError,
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn int_text(a: &Args, func: &str, f: fn(i64) -> String) -> PyResult<Value> {
    let v = arg(a, 0, func)?;
    as_int(&v).map(|n| Value::str(&f(n))).ok_or_else(|| {
        PyErr::new(
            Exc::TypeError,
            format!(
                "'{}' object cannot be interpreted as an integer",
                v.type_name()
            ),
        )
    })
}

fn b_print(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let sep = match a.take_kw("sep") {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => " ".into(),
        Some(other) => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("sep must be None or a string, not {}", other.type_name()),
            ))
        }
    };
    let end = match a.take_kw("end") {
        Some(Value::Str(s)) => s.to_string(),
        Some(Value::None) | None => "\n".into(),
        Some(other) => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("end must be None or a string, not {}", other.type_name()),
            ))
        }
    };
    a.take_kw("flush");
    a.take_kw("file");
    a.no_kwargs("print")?;
    let mut line = String::new();
    for (n, v) in a.pos.iter().enumerate() {
        if n > 0 {
            line.push_str(&sep);
        }
        line.push_str(&i.str_value(v)?);
    }
    line.push_str(&end);
    i.check_len(i.out.len() + line.len())?;
    i.out.push_str(&line);
    Ok(Value::None)
}

fn b_len(i: &mut Interp, a: Args) -> PyResult<Value> {
    a.expect_count("len", 1, 1)?;
    let v = &a.pos[0];
    let n = match v {
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) | Value::Set(d) => d.borrow().len(),
        Value::Native(n) => match n.clone().len(i) {
            Some(r) => r?,
            None => return Err(no_len(v)),
        },
        Value::Instance(inst) => match inst.class.lookup("__len__") {
            Some(m) => {
                let r = i.call_value_inner(&m, Args::new(vec![v.clone()]))?;
                return Ok(r);
            }
            None => return Err(no_len(v)),
        },
        _ => return Err(no_len(v)),
    };
    Ok(Value::Int(n as i64))
}

fn no_len(v: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!("object of type '{}' has no len()", v.type_name()),
    )
}

/// Sorts with Python's semantics: stable, `<` only, errors propagate.
pub(crate) fn sort_values(
    i: &mut Interp,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(k) if !k.is_none() => {
            let mut ks = Vec::with_capacity(items.len());
            for x in items.iter() {
                ks.push(i.call_value_inner(k, Args::new(vec![x.clone()]))?);
            }
            ks
        }
        _ => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut error = None;
    order.sort_by(|&a, &b| {
        if error.is_some() {
            return std::cmp::Ordering::Equal;
        }
        let (x, y) = if reverse {
            (&keys[b], &keys[a])
        } else {
            (&keys[a], &keys[b])
        };
        match i.less_than(x, y) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match i.less_than(y, x) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    error = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                error = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    let sorted: Vec<Value> = order.into_iter().map(|k| items[k].clone()).collect();
    *items = sorted;
    Ok(())
}

fn b_sorted(i: &mut Interp, mut a: Args) -> PyResult<Value> {
    let key = a.take_kw("key");
    let reverse = match a.take_kw("reverse") {
        Some(v) => i.truth(&v)?,
        None => false,
    };
    a.no_kwargs("sort")?;
    a.expect_count("sorted", 1, 1)?;
    let mut items = i.collect_iterable(&a.pos[0])?;
    sort_values(i, &mut items, key.as_ref(), reverse)?;
    Ok(Value::list(items))
}

fn b_minmax(i: &mut Interp, mut a: Args, name: &str) -> PyResult<Value> {
    let key = a.take_kw("key");
    let default = a.take_kw("default");
    a.no_kwargs(name)?;
    let items = match a.pos.len() {
        0 => {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("{name} expected at least 1 argument, got 0"),
            ))
        }
        1 => i.collect_iterable(&a.pos[0])?,
        _ => a.pos.clone(),
    };
    let mut best: Option<(Value, Value)> = None;
    for x in items {
        let k = match &key {
            Some(f) if !f.is_none() => i.call_value_inner(f, Args::new(vec![x.clone()]))?,
            _ => x.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                if name == "max" {
                    i.less_than(bk, &k)?
                } else {
                    i.less_than(&k, bk)?
                }
            }
        };
        if better {
            best = Some((k, x));
        }
    }
    match (best, default) {
        (Some((_, x)), _) => Ok(x),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(PyErr::new(
            Exc::ValueError,
            format!("{name}() arg is an empty sequence"),
        )),
    }
}

fn b_round(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let v = arg(&a, 0, "round")?;
    let nd = a.take(1, "ndigits").filter(|n| !n.is_none());
    match (&v, nd) {
        (Value::Int(_) | Value::Bool(_), None) => Ok(Value::Int(as_int(&v).unwrap_or(0))),
        (Value::Int(_) | Value::Bool(_), Some(_)) => Ok(Value::Int(as_int(&v).unwrap_or(0))),
        (Value::Float(f), None) => {
            if !f.is_finite() {
                return Err(PyErr::new(
                    Exc::OverflowError,
                    "cannot convert float infinity to integer",
                ));
            }
            let r = f.round();
            let r = if (f - f.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
                r - f.signum()
            } else {
                r
            };
            Ok(Value::Int(r as i64))
        }
        (Value::Float(f), Some(n)) => {
            let n = as_int(&n).unwrap_or(0);
            if n >= 0 {
                let s = format!("{:.*}", n.min(300) as usize, f);
                Ok(Value::Float(s.parse().unwrap_or(*f)))
            } else {
                let p = 10f64.powi((-n).min(300) as i32);
                Ok(Value::Float((f / p).round() * p))
            }
        }
        (other, _) => Err(PyErr::new(
            Exc::TypeError,
            format!("type {} doesn't define __round__ method", other.type_name()),
        )),
    }
}

fn b_dir(i: &mut Interp, a: Args) -> PyResult<Value> {
    let mut names: Vec<String> = match a.pos.first() {
        None => i
            .frame
            .scope
            .vars
            .borrow()
            .keys()
            .map(|k| k.to_string())
            .collect(),
        Some(Value::Instance(inst)) => {
            let mut n: Vec<String> = inst.dict.borrow().keys().map(|k| k.to_string()).collect();
            n.extend(class_names(&inst.class));
            n
        }
        Some(Value::Class(c)) => class_names(c),
        Some(Value::Native(n)) => n.dir(),
        Some(other) => super::methods::names(other),
    };
    names.sort();
    names.dedup();
    Ok(Value::list(
        names.into_iter().map(|s| Value::str(&s)).collect(),
    ))
}

fn class_names(c: &Rc<Class>) -> Vec<String> {
    let mut out: Vec<String> = c.dict.borrow().keys().map(|k| k.to_string()).collect();
    for b in &c.mro {
        out.extend(b.dict.borrow().keys().map(|k| k.to_string()));
    }
    out
}

fn b_super(i: &mut Interp, a: Args) -> PyResult<Value> {
    let (class, this) = if a.pos.len() >= 2 {
        match &a.pos[0] {
            Value::Class(c) => (c.clone(), a.pos[1].clone()),
            _ => {
                return Err(PyErr::new(
                    Exc::TypeError,
                    "super() argument 1 must be a type",
                ))
            }
        }
    } else {
        let func = i.frame.function_obj.clone();
        let class = func
            .as_ref()
            .and_then(|f| match f.attrs.borrow().get_str("__class__") {
                Some(Value::Class(c)) => Some(c.clone()),
                _ => None,
            });
        let first = func
            .as_ref()
            .and_then(|f| f.def.params.args.first().map(|p| p.name.name.clone()))
            .and_then(|n| i.frame.scope.get(&n));
        match (class, first) {
            (Some(c), Some(t)) => (c, t),
            _ => return Err(PyErr::new(Exc::RuntimeError, "super(): no arguments")),
        }
    };
    Ok(Value::native(Super { class, this }))
}

/// `super()`: attribute lookup that starts after `class` in the MRO of `this`'s class.
struct Super {
    class: Rc<Class>,
    this: Value,
}

impl Object for Super {
    fn type_name(&self) -> &str {
        "super"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!(
            "<super: <class '{}'>, <{} object>>",
            self.class.name,
            self.this.type_name()
        ))
    }

    fn getattr(&self, vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let owner = match &self.this {
            Value::Instance(inst) => inst.class.clone(),
            Value::Class(c) => c.clone(),
            _ => return Ok(None),
        };
        let mut chain = vec![owner.clone()];
        chain.extend(owner.mro.iter().cloned());
        let start = chain
            .iter()
            .position(|c| Rc::ptr_eq(c, &self.class))
            .map(|p| p + 1)
            .unwrap_or(chain.len());
        for c in &chain[start..] {
            let found = c.dict.borrow().get(name).cloned();
            if let Some(v) = found {
                return Ok(Some(match v {
                    f @ Value::Function(_) => Interp::bind(f, self.this.clone()),
                    Value::Builtin(b) => {
                        let this = self.this.clone();
                        let func = b.func.clone();
                        Builtin::bound(&b.name, this.clone(), move |vm, mut args| {
                            args.pos.insert(0, this.clone());
                            func(vm, args)
                        })
                    }
                    Value::Native(n) => {
                        let attr = Value::Native(n.clone());
                        match n.descr_get(vm, &attr, Some(&self.this), &owner) {
                            Some(r) => r?,
                            None => attr,
                        }
                    }
                    other => other,
                }));
            }
        }
        if name == "__init__" {
            return Ok(Some(Builtin::value("__init__", |_, _| Ok(Value::None))));
        }
        Ok(None)
    }
}

/// `property(fget, fset)`, usable as `@property` and `@x.setter`.
struct Property {
    fget: Value,
    fset: Value,
}

impl Property {
    fn new(mut a: Args) -> Property {
        Property {
            fget: a.take(0, "fget").unwrap_or(Value::None),
            fset: a.take(1, "fset").unwrap_or(Value::None),
        }
    }
}

impl Object for Property {
    fn type_name(&self) -> &str {
        "property"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<property object>".into())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let fget = self.fget.clone();
        Ok(match name {
            "setter" => Some(Builtin::value("setter", move |_, a| {
                Ok(Value::native(Property {
                    fget: fget.clone(),
                    fset: a.pos.first().cloned().unwrap_or(Value::None),
                }))
            })),
            "fget" => Some(self.fget.clone()),
            "fset" => Some(self.fset.clone()),
            _ => None,
        })
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descr_get(
        &self,
        vm: &mut dyn Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        match instance {
            None => Some(Ok(this.clone())),
            Some(inst) => Some(vm.call(&self.fget, Args::new(vec![inst.clone()]))),
        }
    }

    fn descr_set(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        if self.fset.is_none() {
            return Some(Err(PyErr::new(Exc::AttributeError, "can't set attribute")));
        }
        Some(
            vm.call(&self.fset, Args::new(vec![instance.clone(), value]))
                .map(|_| ()),
        )
    }
}

/// `staticmethod(f)` / `classmethod(f)`.
struct MethodWrapper {
    func: Value,
    class_method: bool,
}

impl Object for MethodWrapper {
    fn type_name(&self) -> &str {
        if self.class_method {
            "classmethod"
        } else {
            "staticmethod"
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("<{} object>", self.type_name()))
    }

    fn descr_get(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _instance: Option<&Value>,
        owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        Some(Ok(if self.class_method {
            Interp::bind(self.func.clone(), Value::Class(owner.clone()))
        } else {
            self.func.clone()
        }))
    }
}

/// Calls of built-in type objects: `int('5')`, `list(x)`, `dict(a=1)`, `datetime(...)`.
pub(crate) fn construct(
    i: &mut Interp,
    t: BuiltinType,
    class: &Rc<Class>,
    mut a: Args,
) -> PyResult<Value> {
    let first = a.pos.first().cloned();
    match t {
        BuiltinType::Int => {
            let base = a.take(1, "base");
            match (first, base) {
                (None, _) => Ok(Value::Int(0)),
                (Some(Value::Str(s)), base) => {
                    let b = base.as_ref().and_then(as_int).unwrap_or(10);
                    parse_int(&s, b as u32).map(Value::Int).ok_or_else(|| {
                        PyErr::new(
                            Exc::ValueError,
                            format!("invalid literal for int() with base {b}: {}", super::format::python_str_repr(&s)),
                        )
                    })
                }
                (Some(Value::Float(f)), _) => {
                    if !f.is_finite() {
                        return Err(PyErr::new(Exc::OverflowError, "cannot convert float infinity to integer"));
                    }
                    Ok(Value::Int(f.trunc() as i64))
                }
                (Some(v), _) => as_int(&v).map(Value::Int).ok_or_else(|| {
                    PyErr::new(
                        Exc::TypeError,
                        format!(
                            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                            v.type_name()
                        ),
                    )
                }),
            }
        }
        BuiltinType::Float => match first {
            None => Ok(Value::Float(0.0)),
            Some(Value::Str(s)) => parse_float(&s).map(Value::Float).ok_or_else(|| {
                PyErr::new(
                    Exc::ValueError,
                    format!(
                        "could not convert string to float: {}",
                        super::format::python_str_repr(&s)
                    ),
                )
            }),
            Some(v) => as_float(&v).map(Value::Float).ok_or_else(|| {
                PyErr::new(
                    Exc::TypeError,
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        v.type_name()
                    ),
                )
            }),
        },
        BuiltinType::Str => match first {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::str(&i.str_value(&v)?)),
        },
        BuiltinType::Bool => match first {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(i.truth(&v)?)),
        },
        BuiltinType::List => Ok(Value::list(match first {
            None => Vec::new(),
            Some(v) => i.collect_iterable(&v)?,
        })),
        BuiltinType::Tuple => Ok(Value::tuple(match first {
            None => Vec::new(),
            Some(v) => i.collect_iterable(&v)?,
        })),
        BuiltinType::Set | BuiltinType::FrozenSet => {
            let items = match first {
                None => Vec::new(),
                Some(v) => i.collect_iterable(&v)?,
            };
            i.make_set(items)
        }
        BuiltinType::Dict => {
            let mut d = Dict::new();
            if let Some(v) = first {
                let pairs: Vec<(Value, Value)> = match &v {
                    Value::Dict(_) => i.mapping_items(&v)?,
                    other => {
                        let mut out = Vec::new();
                        for item in i.collect_iterable(other)? {
                            let kv = i.collect_iterable(&item)?;
                            if kv.len() != 2 {
                                return Err(PyErr::new(
                                    Exc::ValueError,
                                    format!(
                                        "dictionary update sequence element #{} has length {}; 2 is required",
                                        out.len(),
                                        kv.len()
                                    ),
                                ));
                            }
                            out.push((kv[0].clone(), kv[1].clone()));
                        }
                        out
                    }
                };
                for (k, v) in pairs {
                    let hk = i.hash_key(&k)?;
                    d.insert(hk, k, v);
                }
            }
            for (k, v) in a.kw {
                d.set_str(&k, v);
            }
            Ok(Value::dict(d))
        }
        BuiltinType::Range => {
            let ints: Vec<i64> = a
                .pos
                .iter()
                .map(|v| {
                    as_int(v).ok_or_else(|| {
                        PyErr::new(
                            Exc::TypeError,
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                v.type_name()
                            ),
                        )
                    })
                })
                .collect::<PyResult<_>>()?;
            let (start, stop, step) = match ints.as_slice() {
                [stop] => (0, *stop, 1),
                [start, stop] => (*start, *stop, 1),
                [start, stop, step] => (*start, *stop, *step),
                _ => {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("range expected at most 3 arguments, got {}", ints.len()),
                    ))
                }
            };
            if step == 0 {
                return Err(PyErr::new(
                    Exc::ValueError,
                    "range() arg 3 must not be zero",
                ));
            }
            Ok(Value::native(Range { start, stop, step }))
        }
        BuiltinType::Type => match a.pos.len() {
            1 => Ok(Value::Class(type_of(&a.pos[0]))),
            _ => Err(PyErr::new(
                Exc::TypeError,
                "type() with three arguments is not supported in the playground",
            )),
        },
        BuiltinType::Object => Ok(Value::Instance(Rc::new(crate::object::Instance::new(
            class.clone(),
        )))),
        BuiltinType::Date | BuiltinType::DateTime | BuiltinType::Time | BuiltinType::TimeDelta => {
            super::datetime::construct(t, a)
        }
        _ => Err(PyErr::new(
            Exc::TypeError,
            format!("cannot create '{}' instances", class.name),
        )),
    }
}

fn parse_int(s: &str, base: u32) -> Option<i64> {
    let t = s.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let digits = if base == 16 {
        digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
            .unwrap_or(digits)
    } else {
        digits
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let n = i64::from_str_radix(&clean, base).ok()?;
    Some(if neg { -n } else { n })
}

fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim().to_ascii_lowercase();
    match t.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => {
            return Some(if t.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if t.is_empty()
        || t.contains("__")
        || !t.chars().all(|c| c.is_ascii_digit() || "+-.e_".contains(c))
    {
        return None;
    }
    t.replace('_', "").parse().ok()
}

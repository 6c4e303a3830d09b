//! Methods and attributes of built-in types: `str`, `list`, `dict`, `set`, `tuple`, numbers
//! and date/time values.

use super::builtins::sort_values;
use super::iter::iterator;
use super::ops::as_int;
use super::Interp;
use crate::object::{
    Args, Builtin, BuiltinType, Class, Dict, Exc, Object, PyErr, PyResult, Value, Vm,
};
use std::cell::RefCell;
use std::rc::Rc;

const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "title",
    "capitalize",
    "swapcase",
    "casefold",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "splitlines",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "format",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "istitle",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "partition",
    "rpartition",
    "encode",
    "removeprefix",
    "removesuffix",
];
const LIST_METHODS: &[&str] = &[
    "append", "extend", "insert", "remove", "pop", "clear", "index", "count", "sort", "reverse",
    "copy",
];
const DICT_METHODS: &[&str] = &[
    "get",
    "keys",
    "values",
    "items",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "clear",
    "copy",
];
const SET_METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "union",
    "intersection",
    "difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "update",
    "copy",
];

/// Method names of a built-in value (for `dir()` and completion).
pub(crate) fn names(v: &Value) -> Vec<String> {
    let list: &[&str] = match v {
        Value::Str(_) => STR_METHODS,
        Value::List(_) => LIST_METHODS,
        Value::Dict(_) => DICT_METHODS,
        Value::Set(_) => SET_METHODS,
        Value::Tuple(_) => &["count", "index"],
        _ => &[],
    };
    list.iter().map(|s| s.to_string()).collect()
}

/// `v.name` for built-in values: a bound method, or a data attribute.
pub(crate) fn attribute(_i: &mut Interp, v: &Value, name: &str) -> Option<PyResult<Value>> {
    if let Some(r) = super::datetime::attribute(v, name) {
        return Some(r);
    }
    match (v, name) {
        (Value::Int(_) | Value::Bool(_), "real" | "numerator") => {
            return Some(Ok(Value::Int(as_int(v).unwrap_or(0))))
        }
        (Value::Int(_) | Value::Bool(_), "imag") => return Some(Ok(Value::Int(0))),
        (Value::Int(_) | Value::Bool(_), "denominator") => return Some(Ok(Value::Int(1))),
        (Value::Float(f), "real") => return Some(Ok(Value::Float(*f))),
        (Value::Float(_), "imag") => return Some(Ok(Value::Float(0.0))),
        _ => {}
    }
    let known = names(v).iter().any(|n| n == name)
        || matches!(
            (v, name),
            (Value::Float(_), "is_integer")
                | (Value::Int(_), "bit_length")
                | (Value::Bytes(_), "decode")
        );
    if !known {
        return None;
    }
    let this = v.clone();
    let method = name.to_string();
    Some(Ok(Builtin::bound(name, v.clone(), move |vm, mut args| {
        let i = match vm.as_any_mut().downcast_mut::<Interp>() {
            Some(i) => i,
            None => {
                return Err(PyErr::new(
                    Exc::RuntimeError,
                    "methods run only in the interpreter",
                ))
            }
        };
        match call(i, &this, &method, &mut args) {
            Some(r) => r,
            None => Err(super::attr::no_attribute(&this.type_name(), &method)),
        }
    })))
}

/// Class-level attributes of built-in types: `datetime.now`, `dict.fromkeys`, `str.join`.
pub(crate) fn type_attribute(
    _i: &mut Interp,
    c: &Rc<Class>,
    name: &str,
) -> Option<PyResult<Value>> {
    let t = c.builtin?;
    if let Some(v) = super::datetime::class_attribute(t, name) {
        return Some(Ok(v));
    }
    match (t, name) {
        (BuiltinType::Dict, "fromkeys") => Some(Ok(Builtin::value("fromkeys", |vm, a| {
            let keys = vm.iterate(a.pos.first().unwrap_or(&Value::None))?;
            let value = a.pos.get(1).cloned().unwrap_or(Value::None);
            let mut d = Dict::new();
            for k in keys {
                let hk = k
                    .hash_key()
                    .ok_or_else(|| PyErr::new(Exc::TypeError, "unhashable type"))?;
                d.insert(hk, k, value.clone());
            }
            Ok(Value::dict(d))
        }))),
        _ => {
            let probe = match t {
                BuiltinType::Str => Value::str(""),
                BuiltinType::List => Value::list(vec![]),
                BuiltinType::Dict => Value::dict(Dict::new()),
                _ => return None,
            };
            if !names(&probe).iter().any(|n| n == name) {
                return None;
            }
            let method = name.to_string();
            Some(Ok(Builtin::value(name, move |vm, mut args| {
                let i = match vm.as_any_mut().downcast_mut::<Interp>() {
                    Some(i) => i,
                    None => {
                        return Err(PyErr::new(
                            Exc::RuntimeError,
                            "methods run only in the interpreter",
                        ))
                    }
                };
                if args.pos.is_empty() {
                    return Err(PyErr::new(
                        Exc::TypeError,
                        format!("unbound method {method}() needs an argument"),
                    ));
                }
                let this = args.pos.remove(0);
                match call(i, &this, &method, &mut args) {
                    Some(r) => r,
                    None => Err(super::attr::no_attribute(&this.type_name(), &method)),
                }
            })))
        }
    }
}

/// `v.name(args)` for built-in values; `None` if the type has no such method.
pub(crate) fn call(
    i: &mut Interp,
    v: &Value,
    name: &str,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    match v {
        Value::Str(s) => str_method(i, s, name, args),
        Value::List(l) => list_method(i, l, name, args),
        Value::Dict(d) => dict_method(i, v, d, name, args),
        Value::Set(d) => set_method(i, d, name, args),
        Value::Tuple(t) => match name {
            "count" | "index" => seq_count_index(i, t, name, args, "tuple"),
            _ => None,
        },
        Value::Float(f) if name == "is_integer" => Some(Ok(Value::Bool(f.fract() == 0.0))),
        Value::Int(n) if name == "bit_length" => {
            Some(Ok(Value::Int(64 - n.unsigned_abs().leading_zeros() as i64)))
        }
        Value::Bytes(b) if name == "decode" => Some(
            String::from_utf8(b.to_vec())
                .map(|s| Value::str(&s))
                .map_err(|_| PyErr::new(Exc::UnicodeError, "'utf-8' codec can't decode bytes")),
        ),
        _ => {
            let attr = super::datetime::attribute(v, name)?;
            Some(attr.and_then(|f| i.call_value_inner(&f, std::mem::take(args))))
        }
    }
}

fn str_arg(args: &Args, n: usize, method: &str) -> PyResult<Option<Rc<str>>> {
    match args.pos.get(n) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => Err(PyErr::new(
            Exc::TypeError,
            format!(
                "{method}() argument must be str or None, not {}",
                other.type_name()
            ),
        )),
    }
}

fn need_str(args: &Args, n: usize, method: &str) -> PyResult<Rc<str>> {
    match args.pos.get(n) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyErr::new(
            Exc::TypeError,
            format!("must be str, not {}", other.type_name()),
        )),
        None => Err(PyErr::new(
            Exc::TypeError,
            format!("{method}() takes at least 1 argument (0 given)"),
        )),
    }
}

fn str_method(i: &mut Interp, s: &Rc<str>, name: &str, args: &mut Args) -> Option<PyResult<Value>> {
    let r = (|| -> PyResult<Value> {
        let text = |x: String| Ok(Value::Str(x.into()));
        match name {
            "upper" => text(s.to_uppercase()),
            "lower" | "casefold" => text(s.to_lowercase()),
            "swapcase" => text(
                s.chars()
                    .map(|c| {
                        if c.is_uppercase() {
                            c.to_lowercase().collect::<String>()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect(),
            ),
            "title" => {
                let mut out = String::new();
                let mut prev_cased = false;
                for c in s.chars() {
                    if prev_cased {
                        out.extend(c.to_lowercase());
                    } else {
                        out.extend(c.to_uppercase());
                    }
                    prev_cased = c.is_alphabetic();
                }
                text(out)
            }
            "capitalize" => {
                let mut cs = s.chars();
                text(match cs.next() {
                    Some(f) => f
                        .to_uppercase()
                        .chain(cs.flat_map(|c| c.to_lowercase()))
                        .collect(),
                    None => String::new(),
                })
            }
            "strip" | "lstrip" | "rstrip" => {
                let chars = str_arg(args, 0, name)?;
                let pat = |c: char| match &chars {
                    Some(cs) => cs.contains(c),
                    None => c.is_whitespace(),
                };
                text(
                    match name {
                        "strip" => s.trim_matches(pat),
                        "lstrip" => s.trim_start_matches(pat),
                        _ => s.trim_end_matches(pat),
                    }
                    .to_string(),
                )
            }
            "split" | "rsplit" => {
                let sep = str_arg(args, 0, name)?.or(match args.take_kw("sep") {
                    Some(Value::Str(x)) => Some(x),
                    _ => None,
                });
                let maxsplit = args
                    .take(1, "maxsplit")
                    .and_then(|v| as_int(&v))
                    .filter(|n| *n >= 0)
                    .map(|n| n as usize);
                let parts: Vec<String> = match (&sep, name) {
                    (Some(sep), _) if sep.is_empty() => {
                        return Err(PyErr::new(Exc::ValueError, "empty separator"))
                    }
                    (Some(sep), "split") => match maxsplit {
                        Some(n) => s.splitn(n + 1, &**sep).map(String::from).collect(),
                        None => s.split(&**sep).map(String::from).collect(),
                    },
                    (Some(sep), _) => {
                        let mut v: Vec<String> = match maxsplit {
                            Some(n) => s.rsplitn(n + 1, &**sep).map(String::from).collect(),
                            None => s.rsplit(&**sep).map(String::from).collect(),
                        };
                        v.reverse();
                        v
                    }
                    (None, _) => {
                        let words: Vec<&str> = s.split_whitespace().collect();
                        match maxsplit {
                            Some(n) if n < words.len() && name == "split" => {
                                let mut out: Vec<String> =
                                    words[..n].iter().map(|w| w.to_string()).collect();
                                let mut rest = s.trim_start();
                                for _ in 0..n {
                                    rest = rest.trim_start();
                                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                                    rest = &rest[end..];
                                }
                                out.push(rest.trim_start().to_string());
                                out
                            }
                            _ => words.into_iter().map(String::from).collect(),
                        }
                    }
                };
                Ok(Value::list(
                    parts.into_iter().map(|p| Value::Str(p.into())).collect(),
                ))
            }
            "splitlines" => Ok(Value::list(s.lines().map(Value::str).collect())),
            "join" => {
                let items = i.collect_iterable(args.pos.first().unwrap_or(&Value::None))?;
                let mut out = String::new();
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push_str(s);
                    }
                    match item {
                        Value::Str(x) => out.push_str(x),
                        other => {
                            return Err(PyErr::new(
                                Exc::TypeError,
                                format!(
                                    "sequence item {n}: expected str instance, {} found",
                                    other.type_name()
                                ),
                            ))
                        }
                    }
                    i.check_len(out.len())?;
                }
                text(out)
            }
            "replace" => {
                let old = need_str(args, 0, name)?;
                let new = need_str(args, 1, name)?;
                let count = args.pos.get(2).and_then(as_int).filter(|n| *n >= 0);
                let out = match count {
                    Some(n) => s.replacen(&*old, &new, n as usize),
                    None => s.replace(&*old, &new),
                };
                i.check_len(out.len())?;
                text(out)
            }
            "startswith" | "endswith" => {
                let prefixes: Vec<Rc<str>> = match args.pos.first() {
                    Some(Value::Str(p)) => vec![p.clone()],
                    Some(Value::Tuple(t)) => t
                        .iter()
                        .filter_map(|v| match v {
                            Value::Str(p) => Some(p.clone()),
                            _ => None,
                        })
                        .collect(),
                    Some(other) => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!(
                                "{name} first arg must be str or a tuple of str, not {}",
                                other.type_name()
                            ),
                        ))
                    }
                    None => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            format!("{name}() takes at least 1 argument (0 given)"),
                        ))
                    }
                };
                let sub = char_slice(s, args.pos.get(1), args.pos.get(2));
                Ok(Value::Bool(prefixes.iter().any(|p| {
                    if name == "startswith" {
                        sub.starts_with(&**p)
                    } else {
                        sub.ends_with(&**p)
                    }
                })))
            }
            "find" | "rfind" | "index" | "rindex" | "count" => {
                let sub = need_str(args, 0, name)?;
                let hay = char_slice(s, args.pos.get(1), args.pos.get(2));
                let offset = s.chars().count() - hay.chars().count().min(s.chars().count());
                let offset = match args.pos.get(1).and_then(as_int) {
                    Some(_) => offset.min(s.chars().count()),
                    None => 0,
                };
                if name == "count" {
                    return Ok(Value::Int(if sub.is_empty() {
                        hay.chars().count() as i64 + 1
                    } else {
                        hay.matches(&*sub).count() as i64
                    }));
                }
                let found = if name.starts_with('r') {
                    hay.rfind(&*sub)
                } else {
                    hay.find(&*sub)
                };
                match found {
                    Some(b) => Ok(Value::Int((hay[..b].chars().count() + offset) as i64)),
                    None if name.ends_with("find") => Ok(Value::Int(-1)),
                    None => Err(PyErr::new(Exc::ValueError, "substring not found")),
                }
            }
            "format" => {
                let a = std::mem::take(args);
                text(i.str_format(s, &a)?)
            }
            "isdigit" | "isdecimal" | "isnumeric" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(|c| c.is_numeric()),
            )),
            "isalpha" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_alphabetic),
            )),
            "isalnum" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_alphanumeric),
            )),
            "isspace" => Ok(Value::Bool(
                !s.is_empty() && s.chars().all(char::is_whitespace),
            )),
            "isupper" => Ok(Value::Bool(
                s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
            )),
            "islower" => Ok(Value::Bool(
                s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
            )),
            "istitle" => {
                let t = str_method(i, s, "title", &mut Args::none());
                Ok(Value::Bool(
                    matches!(t, Some(Ok(Value::Str(ref x))) if **x == **s)
                        && s.chars().any(char::is_alphabetic),
                ))
            }
            "isidentifier" => Ok(Value::Bool(
                s.chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && s.chars().all(|c| c.is_alphanumeric() || c == '_'),
            )),
            "center" | "ljust" | "rjust" => {
                let width = args.pos.first().and_then(as_int).unwrap_or(0).max(0) as usize;
                i.check_len(width)?;
                let fill = match args.pos.get(1) {
                    Some(Value::Str(f)) if f.chars().count() == 1 => {
                        f.chars().next().unwrap_or(' ')
                    }
                    Some(_) => {
                        return Err(PyErr::new(
                            Exc::TypeError,
                            "The fill character must be exactly one character long",
                        ))
                    }
                    None => ' ',
                };
                let len = s.chars().count();
                if len >= width {
                    return text(s.to_string());
                }
                let n = width - len;
                let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
                text(match name {
                    "ljust" => format!("{s}{}", f(n)),
                    "rjust" => format!("{}{s}", f(n)),
                    _ => {
                        let left = n / 2 + (n & width & 1);
                        format!("{}{s}{}", f(left), f(n - left))
                    }
                })
            }
            "zfill" => {
                let width = args.pos.first().and_then(as_int).unwrap_or(0).max(0) as usize;
                i.check_len(width)?;
                let len = s.chars().count();
                if len >= width {
                    return text(s.to_string());
                }
                let (sign, rest) = match s.chars().next() {
                    Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                    _ => (String::new(), &s[..]),
                };
                text(format!("{sign}{}{rest}", "0".repeat(width - len)))
            }
            "partition" | "rpartition" => {
                let sep = need_str(args, 0, name)?;
                let found = if name == "partition" {
                    s.find(&*sep)
                } else {
                    s.rfind(&*sep)
                };
                let parts = match found {
                    Some(b) => [&s[..b], &*sep, &s[b + sep.len()..]],
                    None if name == "partition" => [&s[..], "", ""],
                    None => ["", "", &s[..]],
                };
                Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
            }
            "encode" => Ok(Value::Bytes(s.as_bytes().into())),
            "removeprefix" => {
                let p = need_str(args, 0, name)?;
                text(s.strip_prefix(&*p).unwrap_or(s).to_string())
            }
            "removesuffix" => {
                let p = need_str(args, 0, name)?;
                text(s.strip_suffix(&*p).unwrap_or(s).to_string())
            }
            _ => Err(super::attr::no_attribute("str", name)),
        }
    })();
    if STR_METHODS.contains(&name) {
        Some(r)
    } else {
        None
    }
}

/// `s[start:end]` by character positions (for `startswith(p, start, end)` and friends).
fn char_slice<'a>(s: &'a str, start: Option<&Value>, end: Option<&Value>) -> &'a str {
    let n = s.chars().count() as i64;
    let norm = |v: Option<&Value>, default: i64| -> usize {
        let x = v.and_then(as_int).unwrap_or(default);
        let x = if x < 0 { (x + n).max(0) } else { x.min(n) };
        x as usize
    };
    let (a, b) = (norm(start, 0), norm(end, n));
    if a >= b {
        return "";
    }
    let byte = |k: usize| s.char_indices().nth(k).map(|(i, _)| i).unwrap_or(s.len());
    &s[byte(a)..byte(b)]
}

fn seq_count_index(
    i: &mut Interp,
    items: &[Value],
    name: &str,
    args: &Args,
    kind: &str,
) -> Option<PyResult<Value>> {
    let Some(x) = args.pos.first().cloned() else {
        return Some(Err(PyErr::new(
            Exc::TypeError,
            format!("{name}() takes exactly one argument (0 given)"),
        )));
    };
    let r = (|| -> PyResult<Value> {
        let mut count = 0;
        for (n, item) in items.iter().enumerate() {
            if item.is(&x) || i.values_equal(item, &x)? {
                if name == "index" {
                    return Ok(Value::Int(n as i64));
                }
                count += 1;
            }
        }
        if name == "index" {
            let r = i.repr_value(&x)?;
            return Err(PyErr::new(
                Exc::ValueError,
                if kind == "list" {
                    format!("{r} is not in list")
                } else {
                    "tuple.index(x): x not in tuple".to_string()
                },
            ));
        }
        Ok(Value::Int(count))
    })();
    Some(r)
}

fn list_method(
    i: &mut Interp,
    l: &Rc<RefCell<Vec<Value>>>,
    name: &str,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    let r = (|| -> PyResult<Value> {
        match name {
            "append" => {
                args.expect_count("list.append", 1, 1)?;
                i.check_len(l.borrow().len() + 1)?;
                l.borrow_mut().push(args.pos[0].clone());
            }
            "extend" => {
                let items = i.collect_iterable(args.pos.first().unwrap_or(&Value::None))?;
                i.check_len(l.borrow().len() + items.len())?;
                l.borrow_mut().extend(items);
            }
            "insert" => {
                args.expect_count("insert", 2, 2)?;
                let len = l.borrow().len() as i64;
                let at = as_int(&args.pos[0]).unwrap_or(0);
                let at = if at < 0 {
                    (at + len).max(0)
                } else {
                    at.min(len)
                } as usize;
                l.borrow_mut().insert(at, args.pos[1].clone());
            }
            "remove" => {
                args.expect_count("list.remove", 1, 1)?;
                let items = l.borrow().clone();
                for (n, item) in items.iter().enumerate() {
                    if item.is(&args.pos[0]) || i.values_equal(item, &args.pos[0])? {
                        l.borrow_mut().remove(n);
                        return Ok(Value::None);
                    }
                }
                return Err(PyErr::new(Exc::ValueError, "list.remove(x): x not in list"));
            }
            "pop" => {
                let len = l.borrow().len();
                if len == 0 {
                    return Err(PyErr::new(Exc::IndexError, "pop from empty list"));
                }
                let at = match args.pos.first() {
                    Some(v) => {
                        let k = as_int(v).unwrap_or(0);
                        let k = if k < 0 { k + len as i64 } else { k };
                        if k < 0 || k >= len as i64 {
                            return Err(PyErr::new(Exc::IndexError, "pop index out of range"));
                        }
                        k as usize
                    }
                    None => len - 1,
                };
                return Ok(l.borrow_mut().remove(at));
            }
            "clear" => l.borrow_mut().clear(),
            "index" | "count" => {
                let items = l.borrow().clone();
                return seq_count_index(i, &items, name, args, "list").unwrap_or(Ok(Value::None));
            }
            "sort" => {
                let key = args.take_kw("key");
                let reverse = match args.take_kw("reverse") {
                    Some(v) => i.truth(&v)?,
                    None => false,
                };
                args.no_kwargs("sort")?;
                let mut items = l.borrow().clone();
                sort_values(i, &mut items, key.as_ref(), reverse)?;
                *l.borrow_mut() = items;
            }
            "reverse" => l.borrow_mut().reverse(),
            "copy" => return Ok(Value::list(l.borrow().clone())),
            _ => return Err(super::attr::no_attribute("list", name)),
        }
        Ok(Value::None)
    })();
    if LIST_METHODS.contains(&name) {
        Some(r)
    } else {
        None
    }
}

fn dict_method(
    i: &mut Interp,
    this: &Value,
    d: &Rc<RefCell<Dict>>,
    name: &str,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    let r = (|| -> PyResult<Value> {
        match name {
            "get" => {
                let k = args.pos.first().cloned().unwrap_or(Value::None);
                let hk = i.hash_key(&k)?;
                Ok(d.borrow()
                    .get(&hk)
                    .cloned()
                    .unwrap_or_else(|| args.pos.get(1).cloned().unwrap_or(Value::None)))
            }
            "keys" | "values" | "items" => Ok(Value::native(DictView {
                kind: match name {
                    "keys" => "dict_keys",
                    "values" => "dict_values",
                    _ => "dict_items",
                },
                dict: d.clone(),
            })),
            "pop" => {
                let k = args.pos.first().cloned().unwrap_or(Value::None);
                let hk = i.hash_key(&k)?;
                let removed = d.borrow_mut().remove(&hk);
                match (removed, args.pos.get(1)) {
                    (Some((_, v)), _) => Ok(v),
                    (None, Some(default)) => Ok(default.clone()),
                    (None, None) => Err(PyErr::new(Exc::KeyError, i.repr_value(&k)?)),
                }
            }
            "popitem" => {
                let last = d.borrow_mut().pop_last();
                last.map(|(k, v)| Value::tuple(vec![k, v]))
                    .ok_or_else(|| PyErr::new(Exc::KeyError, "'popitem(): dictionary is empty'"))
            }
            "setdefault" => {
                let k = args.pos.first().cloned().unwrap_or(Value::None);
                let hk = i.hash_key(&k)?;
                let existing = d.borrow().get(&hk).cloned();
                match existing {
                    Some(v) => Ok(v),
                    None => {
                        let v = args.pos.get(1).cloned().unwrap_or(Value::None);
                        d.borrow_mut().insert(hk, k, v.clone());
                        Ok(v)
                    }
                }
            }
            "update" => {
                if let Some(other) = args.pos.first().cloned() {
                    let pairs = match &other {
                        Value::Dict(_) => i.mapping_items(&other)?,
                        _ => {
                            let mut out = Vec::new();
                            for item in i.collect_iterable(&other)? {
                                let kv = i.collect_iterable(&item)?;
                                if kv.len() == 2 {
                                    out.push((kv[0].clone(), kv[1].clone()));
                                }
                            }
                            out
                        }
                    };
                    for (k, v) in pairs {
                        let hk = i.hash_key(&k)?;
                        d.borrow_mut().insert(hk, k, v);
                    }
                }
                for (k, v) in std::mem::take(&mut args.kw) {
                    d.borrow_mut().set_str(&k, v);
                }
                Ok(Value::None)
            }
            "clear" => {
                d.borrow_mut().clear();
                Ok(Value::None)
            }
            "copy" => Ok(Value::dict(d.borrow().clone())),
            _ => Err(super::attr::no_attribute(&this.type_name(), name)),
        }
    })();
    if DICT_METHODS.contains(&name) {
        Some(r)
    } else {
        None
    }
}

fn set_method(
    i: &mut Interp,
    d: &Rc<RefCell<Dict>>,
    name: &str,
    args: &mut Args,
) -> Option<PyResult<Value>> {
    let r = (|| -> PyResult<Value> {
        let arg = args.pos.first().cloned().unwrap_or(Value::None);
        match name {
            "add" => {
                let hk = i.hash_key(&arg)?;
                d.borrow_mut().insert(hk, arg, Value::None);
            }
            "remove" | "discard" => {
                let hk = i.hash_key(&arg)?;
                let removed = d.borrow_mut().remove(&hk);
                if removed.is_none() && name == "remove" {
                    return Err(PyErr::new(Exc::KeyError, i.repr_value(&arg)?));
                }
            }
            "pop" => {
                let first = d.borrow().keys().next().cloned();
                return match first {
                    Some(k) => {
                        let hk = i.hash_key(&k)?;
                        d.borrow_mut().remove(&hk);
                        Ok(k)
                    }
                    None => Err(PyErr::new(Exc::KeyError, "'pop from an empty set'")),
                };
            }
            "clear" => d.borrow_mut().clear(),
            "update" => {
                for x in i.collect_iterable(&arg)? {
                    let hk = i.hash_key(&x)?;
                    d.borrow_mut().insert(hk, x, Value::None);
                }
            }
            "copy" => return Ok(Value::Set(Rc::new(RefCell::new(d.borrow().clone())))),
            _ => {
                let other = i.collect_iterable(&arg)?;
                let other_set = match i.make_set(other)? {
                    Value::Set(s) => s,
                    _ => return Ok(Value::None),
                };
                let this = Value::Set(d.clone());
                let other_v = Value::Set(other_set.clone());
                use crate::python::ast::BinOp;
                return match name {
                    "union" => i.binary_op(BinOp::BitOr, &this, &other_v),
                    "intersection" => i.binary_op(BinOp::BitAnd, &this, &other_v),
                    "difference" => i.binary_op(BinOp::Sub, &this, &other_v),
                    "issubset" => Ok(Value::Bool(d.borrow().keys().all(|k| {
                        k.hash_key()
                            .is_some_and(|h| other_set.borrow().contains(&h))
                    }))),
                    "issuperset" => {
                        Ok(Value::Bool(other_set.borrow().keys().all(|k| {
                            k.hash_key().is_some_and(|h| d.borrow().contains(&h))
                        })))
                    }
                    _ => Ok(Value::Bool(!d.borrow().keys().any(|k| {
                        k.hash_key()
                            .is_some_and(|h| other_set.borrow().contains(&h))
                    }))),
                };
            }
        }
        Ok(Value::None)
    })();
    if SET_METHODS.contains(&name) {
        Some(r)
    } else {
        None
    }
}

/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict.
struct DictView {
    kind: &'static str,
    dict: Rc<RefCell<Dict>>,
}

impl DictView {
    fn items(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        match self.kind {
            "dict_keys" => d.keys().cloned().collect(),
            "dict_values" => d.values().cloned().collect(),
            _ => d
                .items()
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect(),
        }
    }
}

impl Object for DictView {
    fn type_name(&self) -> &str {
        self.kind
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let list = Value::list(self.items());
        Ok(format!("{}({})", self.kind, vm.repr(&list)?))
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.dict.borrow().len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(Ok(iterator("dict_keyiterator", self.items())))
    }

    fn contains(&self, vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        if self.kind == "dict_keys" {
            return Some(Ok(item
                .hash_key()
                .is_some_and(|h| self.dict.borrow().contains(&h))));
        }
        let items = self.items();
        Some((|| {
            for x in items {
                if vm.eq(&x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        })())
    }

    fn compare(
        &self,
        vm: &mut dyn Vm,
        _this: &Value,
        op: crate::python::ast::CmpOp,
        other: &Value,
        _reflected: bool,
    ) -> PyResult<Option<Value>> {
        let Some(o) = other.downcast::<DictView>() else {
            return Ok(None);
        };
        if op != crate::python::ast::CmpOp::Eq {
            return Ok(None);
        }
        let (a, b) = (Value::list(self.items()), Value::list(o.items()));
        Ok(Some(Value::Bool(vm.eq(&a, &b)?)))
    }
}

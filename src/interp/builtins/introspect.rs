//! Introspection builtins: `dir`, `vars`/`globals`/`locals` as dicts, and the class
//! checks of `isinstance`/`issubclass`.

use super::super::Interp;
use crate::object::{Args, Class, Dict, Exc, PyErr, PyResult, Value};
use std::rc::Rc;

pub(super) fn scope_dict(scope: &crate::object::Scope) -> Value {
    let mut d = Dict::new();
    let vars = scope.vars.borrow();
    let mut names: Vec<_> = vars.keys().cloned().collect();
    names.sort();
    for n in names {
        if let Some(v) = vars.get(&n) {
            d.set_str(&n, v.clone());
        }
    }
    Value::dict(d)
}

pub(super) fn class_check(
    c: &Value,
    func: &str,
    test: &dyn Fn(&Rc<Class>) -> bool,
) -> PyResult<bool> {
    match c {
        Value::Class(cls) => Ok(test(cls)),
        Value::Tuple(items) => {
            for i in items.iter() {
                if class_check(i, func, test)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Native(n) if n.type_name() == "_GenericAlias" => Ok(false),
        _ => Err(PyErr::new(
            Exc::TypeError,
            format!("{func}() arg 2 must be a type, a tuple of types, or a union"),
        )),
    }
}

pub(super) fn b_dir(i: &mut Interp, a: Args) -> PyResult<Value> {
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
        Some(other) => crate::interp::methods::names(other)
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };
    names.sort();
    names.dedup();
    Ok(Value::list(names.into_iter().map(Value::from).collect()))
}

fn class_names(c: &Rc<Class>) -> Vec<String> {
    let mut out: Vec<String> = c.dict.borrow().keys().map(|k| k.to_string()).collect();
    for b in &c.mro {
        out.extend(b.dict.borrow().keys().map(|k| k.to_string()));
    }
    out
}

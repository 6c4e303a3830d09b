//! The special methods of built-in values (`[].__len__()`, `'a'.__eq__('b')`), bound.

use super::interp;
use crate::interp::Interp;
use crate::object::{Builtin, Exc, PyErr, Value};

/// `[].__len__`, `'a'.__eq__`, ...: the special methods of built-in values, bound.
pub(super) fn dunder(v: &Value, name: &str) -> Option<Value> {
    use crate::python::ast::{BinOp, CmpOp};
    let applies = matches!(
        v,
        Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::FrozenSet(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Bool(_)
            | Value::Float(_)
            | Value::Bytes(_)
    );
    let known = [
        "__len__",
        "__contains__",
        "__getitem__",
        "__iter__",
        "__repr__",
        "__str__",
        "__eq__",
        "__ne__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__hash__",
        "__add__",
        "__mul__",
        "__bool__",
        "__format__",
    ];
    if !applies || !known.contains(&name) {
        return None;
    }
    let this = v.clone();
    let method = name.to_string();
    Some(Builtin::bound(name, v.clone(), move |vm, args| {
        let i = interp(vm)?;
        let arg = || args.pos.first().cloned().unwrap_or(Value::None);
        let cmp = |i: &mut Interp, op| i.compare_op(op, &this, &arg());
        match method.as_str() {
            "__len__" => Ok(Value::Int(i.length(&this)? as i64)),
            "__contains__" => Ok(Value::Bool(i.contains(&this, &arg())?)),
            "__getitem__" => i.get_item(&this, &arg()),
            "__iter__" => i.make_iterator(&this),
            "__repr__" => Ok(Value::str(&i.repr_value(&this)?)),
            "__str__" => Ok(Value::str(&i.str_value(&this)?)),
            "__eq__" => cmp(i, CmpOp::Eq),
            "__ne__" => cmp(i, CmpOp::NotEq),
            "__lt__" => cmp(i, CmpOp::Lt),
            "__le__" => cmp(i, CmpOp::LtE),
            "__gt__" => cmp(i, CmpOp::Gt),
            "__ge__" => cmp(i, CmpOp::GtE),
            "__hash__" => Ok(Value::Int(i.hash_key(&this)?.py_hash())),
            "__add__" => i.binary_op(BinOp::Add, &this, &arg()),
            "__mul__" => i.binary_op(BinOp::Mult, &this, &arg()),
            "__bool__" => Ok(Value::Bool(i.truth(&this)?)),
            _ => match arg() {
                Value::Str(spec) => Ok(Value::str(&i.format_value(&this, &spec)?)),
                other => Err(PyErr::new(
                    Exc::TypeError,
                    format!("format_spec must be a str, not {}", other.type_name()),
                )),
            },
        }
    }))
}

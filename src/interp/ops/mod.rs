//! Operators: arithmetic, comparison, truth, containment and subscripts, with Python's
//! rules for mixing types and its error messages. Objects that overload operators (ORM
//! columns build SQL expressions from `==`, `<`, `&`, `|`, `~`) are asked first.

mod compare;
mod items;
mod num;
mod seq;

pub(crate) use items::sequence_index;
pub(crate) use num::{as_float, as_index, as_int, float_divmod, int_ref, IntRef};

use super::Interp;
use crate::object::{Args, Exc, GenericAlias, PyErr, PyResult, PySet, Value};
use crate::python::ast::{BinOp, UnaryOp};
use std::rc::Rc;

impl Interp {
    pub(crate) fn binary_op(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(v) = self.overloaded_binop(op, a, b)? {
            return Ok(v);
        }
        if let Some(v) = self.numeric_binop(op, a, b)? {
            return Ok(v);
        }
        if let Some(v) = self.sequence_binop(op, a, b)? {
            return Ok(v);
        }
        if let Some(v) = super::datetime::binop(op, a, b)? {
            return Ok(v);
        }
        if op == BinOp::BitOr && is_type_like(a) && is_type_like(b) {
            return Ok(union_alias(a, b));
        }
        Err(unsupported(op, a, b))
    }

    fn overloaded_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let Value::Native(n) = a {
            if let Some(v) = n.clone().binop(self, a, op, b, false)? {
                return Ok(Some(v));
            }
        }
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup(dunder(op, false)) {
                let r = self.call_value_inner(&m, Args::new(vec![a.clone(), b.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        if let Value::Native(n) = b {
            if let Some(v) = n.clone().binop(self, b, op, a, true)? {
                return Ok(Some(v));
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup(dunder(op, true)) {
                let r = self.call_value_inner(&m, Args::new(vec![b.clone(), a.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    pub(crate) fn unary_op(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truth(v)?));
        }
        if let Value::Native(n) = v {
            if let Some(r) = n.clone().unary(self, v, op)? {
                return Ok(r);
            }
        }
        if let Value::Instance(inst) = v {
            let name = match op {
                UnaryOp::USub => "__neg__",
                UnaryOp::UAdd => "__pos__",
                _ => "__invert__",
            };
            if let Some(m) = inst.class.lookup(name) {
                return self.call_value_inner(&m, Args::new(vec![v.clone()]));
            }
        }
        if let Some(r) = num::unary(op, v) {
            return r;
        }
        if let (UnaryOp::USub, Value::TimeDelta(d)) = (op, v) {
            return super::datetime::negate(d);
        }
        let sym = match op {
            UnaryOp::USub => "-",
            UnaryOp::UAdd => "+",
            _ => "~",
        };
        Err(PyErr::new(
            Exc::TypeError,
            format!("bad operand type for unary {sym}: '{}'", tp_name(v)),
        ))
    }
}

/// A borrowed set or frozenset.
pub(crate) enum SetView<'a> {
    Mutable(std::cell::Ref<'a, PySet>),
    Frozen(&'a PySet),
}

impl std::ops::Deref for SetView<'_> {
    type Target = PySet;
    fn deref(&self) -> &PySet {
        match self {
            SetView::Mutable(r) => r,
            SetView::Frozen(s) => s,
        }
    }
}

/// A set operand of a binary operator (`set` or `frozenset`).
pub(crate) fn set_ref(v: &Value) -> Option<SetView<'_>> {
    match v {
        Value::Set(s) => Some(SetView::Mutable(s.borrow())),
        Value::FrozenSet(s) => Some(SetView::Frozen(s)),
        _ => None,
    }
}

/// `a op b` for two sets, as CPython builds the result (its order follows).
pub(crate) fn set_algebra(op: BinOp, a: &PySet, b: &PySet) -> Option<PySet> {
    Some(match op {
        BinOp::BitOr => {
            let mut r = a.copy();
            r.merge(b);
            r
        }
        BinOp::BitAnd => PySet::intersection(a, b),
        BinOp::Sub => PySet::difference(a, b),
        BinOp::BitXor => PySet::symmetric_difference(a, b),
        _ => return None,
    })
}

/// `a op= b` for sets, updating `a` in place as CPython does.
pub(crate) fn set_inplace(op: BinOp, a: &mut PySet, b: &PySet) {
    match op {
        BinOp::BitOr => a.merge(b),
        BinOp::Sub => a.difference_update(b),
        BinOp::BitXor => a.symmetric_difference_update(b),
        _ => *a = PySet::intersection(a, b),
    }
}

/// Whether `|` between these builds a typing union (`int | None`, `Mapped[str] | None`).
fn is_type_like(v: &Value) -> bool {
    matches!(v, Value::Class(_) | Value::None)
        || matches!(v, Value::Native(n) if matches!(n.type_name(), "_GenericAlias" | "_SpecialForm"))
}

fn union_alias(a: &Value, b: &Value) -> Value {
    let mut args = Vec::new();
    for v in [a, b] {
        match v.downcast::<GenericAlias>() {
            Some(g) if g.origin == "Union" => args.extend(g.args.iter().cloned()),
            _ => args.push(v.clone()),
        }
    }
    Value::native(GenericAlias {
        origin: "Union".into(),
        module: "typing".into(),
        args,
    })
}

/// The type's name as CPython's C-level messages print it: built-in types of modules are
/// qualified (`datetime.datetime`, `decimal.Decimal`).
pub(crate) fn tp_name(v: &Value) -> Rc<str> {
    match v {
        Value::Date(_) => "datetime.date".into(),
        Value::DateTime(_) => "datetime.datetime".into(),
        Value::Time(_) => "datetime.time".into(),
        Value::TimeDelta(_) => "datetime.timedelta".into(),
        Value::Native(n) if n.type_name() == "Decimal" => "decimal.Decimal".into(),
        other => other.type_name(),
    }
}

pub(crate) fn unsupported(op: BinOp, a: &Value, b: &Value) -> PyErr {
    PyErr::new(
        Exc::TypeError,
        format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            tp_name(a),
            tp_name(b)
        ),
    )
}

pub(crate) fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.type_name() == "NotImplementedType")
}

fn dunder(op: BinOp, reflected: bool) -> &'static str {
    let (normal, refl) = match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mult => ("__mul__", "__rmul__"),
        BinOp::MatMult => ("__matmul__", "__rmatmul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::BitOr => ("__or__", "__ror__"),
        BinOp::BitXor => ("__xor__", "__rxor__"),
        BinOp::BitAnd => ("__and__", "__rand__"),
    };
    if reflected {
        refl
    } else {
        normal
    }
}

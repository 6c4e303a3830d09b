//! What enum members and classes answer: `Enum`'s repr/str/format and `name`/`value`,
//! the value-based behaviour of mixed enums (`class X(str, Enum)`, `IntEnum`),
//! `Color.__members__` and `enum.unique`.

use super::{attr, is_enum_class, names_of, Mixin, BASES};
use crate::object::class::{AttrMap, Class};
use crate::object::exc::{Exc, PyErr};
use crate::object::native::{Args, NativeMethod, Object};
use crate::object::value::Value;
use crate::object::vm::Vm;
use crate::object::PyResult;
use crate::python::ast::{BinOp, CmpOp};
use std::rc::Rc;

pub(super) fn member_parts(member: &Value) -> (String, String, Value) {
    let class = match member {
        Value::Instance(i) => i.class.name.to_string(),
        _ => String::new(),
    };
    let name = match attr(member, "_name_") {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    (class, name, attr(member, "_value_").unwrap_or(Value::None))
}

pub(super) fn mixin_of(class: &Rc<Class>) -> Mixin {
    let replace = BASES.with(|b| class.is_subclass(&b[1]) || class.is_subclass(&b[2]));
    if replace {
        Mixin::Replace
    } else if class
        .mro
        .iter()
        .any(|c| &*c.module == "builtins" && c.builtin.is_some())
    {
        Mixin::Mixed
    } else {
        Mixin::None
    }
}

/// `Enum`'s methods: repr, str, format and the `name` / `value` properties.
pub(super) fn base_dict() -> AttrMap {
    let mut d = AttrMap::new();
    d.insert(
        "__repr__".into(),
        NativeMethod::value("__repr__", |vm, a| {
            let m = a.pos.first().cloned().unwrap_or(Value::None);
            let (class, name, value) = member_parts(&m);
            Ok(Value::str(&format!(
                "<{class}.{name}: {}>",
                vm.repr(&value)?
            )))
        }),
    );
    let text = |vm: &mut dyn Vm, a: Args| -> PyResult<Value> {
        let m = a.pos.first().cloned().unwrap_or(Value::None);
        let (class, name, value) = member_parts(&m);
        let replace = matches!(&m, Value::Instance(i) if mixin_of(&i.class) == Mixin::Replace);
        if replace {
            return Ok(Value::str(&vm.str(&value)?));
        }
        Ok(Value::str(&format!("{class}.{name}")))
    };
    d.insert("__str__".into(), NativeMethod::value("__str__", text));
    d.insert("__format__".into(), NativeMethod::value("__format__", text));
    d.insert("name".into(), Value::native(MemberAttr("_name_")));
    d.insert("value".into(), Value::native(MemberAttr("_value_")));
    d
}

/// Methods that make members of mixed enums compare, hash and behave as their values.
pub(super) fn mixin_dict(_kind: Mixin) -> AttrMap {
    let mut d = AttrMap::new();
    for (name, op) in [
        ("__eq__", CmpOp::Eq),
        ("__ne__", CmpOp::NotEq),
        ("__lt__", CmpOp::Lt),
        ("__le__", CmpOp::LtE),
        ("__gt__", CmpOp::Gt),
        ("__ge__", CmpOp::GtE),
    ] {
        d.insert(
            name.into(),
            NativeMethod::value(name, move |vm, a| {
                let v = value_of(a.pos.first());
                let o = value_of(a.pos.get(1));
                vm.compare(op, &v, &o)
            }),
        );
    }
    for (name, op, reflected) in [
        ("__add__", BinOp::Add, false),
        ("__radd__", BinOp::Add, true),
        ("__sub__", BinOp::Sub, false),
        ("__rsub__", BinOp::Sub, true),
        ("__mul__", BinOp::Mult, false),
        ("__rmul__", BinOp::Mult, true),
    ] {
        d.insert(
            name.into(),
            NativeMethod::value(name, move |vm, a| {
                let v = value_of(a.pos.first());
                let o = value_of(a.pos.get(1));
                if reflected {
                    vm.binop(op, &o, &v)
                } else {
                    vm.binop(op, &v, &o)
                }
            }),
        );
    }
    d.insert(
        "__hash__".into(),
        NativeMethod::value("__hash__", |vm, a| vm.hash(&value_of(a.pos.first()))),
    );
    d.insert(
        "__getattr__".into(),
        NativeMethod::value("__getattr__", |vm, a| {
            let v = value_of(a.pos.first());
            match a.pos.get(1) {
                Some(Value::Str(name)) => vm.getattr(&v, name),
                _ => Ok(Value::None),
            }
        }),
    );
    d
}

/// The value behind a member (other values are returned as they are).
fn value_of(v: Option<&Value>) -> Value {
    match v {
        Some(m @ Value::Instance(i)) if is_enum_class(&i.class) => {
            attr(m, "_value_").unwrap_or(Value::None)
        }
        Some(other) => other.clone(),
        None => Value::None,
    }
}

/// `member.name` / `member.value`.
struct MemberAttr(&'static str);

impl Object for MemberAttr {
    fn type_name(&self) -> &str {
        "property"
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok("<enum property>".into())
    }

    fn descr_get(
        &self,
        _vm: &mut dyn Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Class>,
    ) -> Option<PyResult<Value>> {
        Some(Ok(match instance {
            Some(m) => attr(m, self.0).unwrap_or(Value::None),
            None => this.clone(),
        }))
    }

    fn is_data_descriptor(&self) -> bool {
        true
    }

    fn descr_set(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        _instance: &Value,
        _value: Value,
    ) -> Option<PyResult<()>> {
        Some(Err(PyErr::new(
            Exc::AttributeError,
            format!(
                "<enum property '{}'> is read-only",
                self.0.trim_matches('_')
            ),
        )))
    }
}

/// `enum.unique`: fails if any member is an alias of another.
pub(super) fn unique(_vm: &mut dyn Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Class(c)) = args.pos.first() else {
        return Err(PyErr::new(Exc::TypeError, "unique() expects an enum class"));
    };
    let aliases: Vec<String> = names_of(c)
        .iter()
        .filter_map(|(n, m)| match attr(m, "_name_") {
            Some(Value::Str(canon)) if canon != *n => Some(format!("{n} -> {canon}")),
            _ => None,
        })
        .collect();
    if !aliases.is_empty() {
        return Err(PyErr::new(
            Exc::ValueError,
            format!(
                "duplicate values found in <enum '{}'>: {}",
                c.name,
                aliases.join(", ")
            ),
        ));
    }
    Ok(Value::Class(c.clone()))
}

/// A read-only view of a dict (`Color.__members__`).
pub(super) struct MappingProxy(pub(super) Value);

impl Object for MappingProxy {
    fn type_name(&self) -> &str {
        "mappingproxy"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("mappingproxy({})", vm.repr(&self.0)?))
    }

    fn getattr(&self, vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        match name {
            "keys" | "values" | "items" | "get" => vm.getattr(&self.0, name).map(Some),
            _ => Ok(None),
        }
    }

    fn len(&self, vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(vm.iterate(&self.0).map(|v| v.len()))
    }

    fn iter(&self, vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        Some(vm.iter_value(&self.0))
    }

    fn getitem(&self, vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        Some(vm.getitem(&self.0, key))
    }

    fn contains(&self, vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(vm.contains(&self.0, item))
    }
}

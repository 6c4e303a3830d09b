//! Python's `enum` module (`Enum`, `IntEnum`, `StrEnum`, `auto`, `unique`): the members of
//! `class Color(enum.Enum)` are built when the class is defined, print as
//! `<Color.RED: 'red'>`, and the class iterates, indexes and calls like CPython's `EnumType`.
//! The ORM reads the members of a class passed to `db.Enum(Color)` with `enum_members`.

mod members;

use super::class::{AttrMap, Class, ClassHooks, Instance};
use super::dict::Dict;
use super::exc::{Exc, PyErr};
use super::native::{Args, Builtin};
use super::value::Value;
use super::vm::Vm;
use super::PyResult;
use members::{base_dict, mixin_dict, mixin_of, unique, MappingProxy};
use std::rc::Rc;

/// What the members of one enum class are, by name (the member objects live in the class
/// dict; holding them here too would make a reference cycle through the class).
struct EnumData {
    /// Names of the canonical members in definition order (aliases excluded).
    members: Vec<Rc<str>>,
    /// Every member name, aliases included, in definition order.
    names: Vec<Rc<str>>,
}

/// The canonical members of an enum class, in definition order.
fn members_of(class: &Rc<Class>) -> Vec<Value> {
    let Some(data) = data_of(class) else {
        return Vec::new();
    };
    let dict = class.dict.borrow();
    data.members
        .iter()
        .filter_map(|n| dict.get(n).cloned())
        .collect()
}

/// The canonical members of an enum class as `(name, member)`, in definition order: what
/// the ORM stores (the name) and loads back (the member) for `db.Enum(Color)`.
pub fn enum_member_objects(class: &Rc<Class>) -> Vec<(Rc<str>, Value)> {
    members_of(class)
        .into_iter()
        .filter_map(|m| match attr(&m, "_name_") {
            Some(Value::Str(n)) => Some((n, m)),
            _ => None,
        })
        .collect()
}

/// Every member name (aliases included) with its member.
pub(crate) fn names_of(class: &Rc<Class>) -> Vec<(Rc<str>, Value)> {
    let Some(data) = data_of(class) else {
        return Vec::new();
    };
    let dict = class.dict.borrow();
    data.names
        .iter()
        .filter_map(|n| dict.get(n).map(|m| (n.clone(), m.clone())))
        .collect()
}

/// How members of an enum mixed with a built-in type behave.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Mixin {
    None,
    /// `class X(str, Enum)`: compares and hashes as its value, `str()` is `X.NAME`.
    Mixed,
    /// `IntEnum` / `StrEnum`: like `Mixed`, and `str()` is `str(value)`.
    Replace,
}

struct EnumHooks;

thread_local! {
    pub(crate) static BASES: [Rc<Class>; 4] = build_bases();
}

fn build_bases() -> [Rc<Class>; 4] {
    let hooks: Rc<dyn ClassHooks> = Rc::new(EnumHooks);
    let mut enum_class = Class::new("Enum", "enum", Vec::new(), base_dict());
    enum_class.hooks = Some(hooks.clone());
    let enum_class = Rc::new(enum_class);
    let mixed = |name: &str| {
        let mut c = Class::new(
            name,
            "enum",
            vec![enum_class.clone()],
            mixin_dict(Mixin::Replace),
        );
        c.hooks = Some(hooks.clone());
        Rc::new(c)
    };
    let int_enum = mixed("IntEnum");
    let str_enum = mixed("StrEnum");
    let auto = Rc::new(Class::new("auto", "enum", Vec::new(), AttrMap::new()));
    [enum_class, int_enum, str_enum, auto]
}

/// The `enum` module's names.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let [enum_class, int_enum, str_enum, auto] = BASES.with(|b| b.clone());
    vec![
        ("Enum", Value::Class(enum_class)),
        ("IntEnum", Value::Class(int_enum)),
        ("StrEnum", Value::Class(str_enum)),
        ("auto", Value::Class(auto)),
        ("unique", Builtin::value("unique", unique)),
    ]
}

/// Whether `class` is an enum class (`Color`, or `Enum` itself).
pub fn is_enum_class(class: &Rc<Class>) -> bool {
    let base = BASES.with(|b| b[0].clone());
    class.is_subclass(&base)
}

/// The members of an enum class as `(name, value)` pairs, in definition order (`None` if
/// `class` is not an enum). This is what `db.Enum(Color)` stores: the member names.
pub fn enum_members(class: &Rc<Class>) -> Option<Vec<(Rc<str>, Value)>> {
    data_of(class)?;
    Some(
        members_of(class)
            .iter()
            .filter_map(|m| Some((attr(m, "_name_")?, m.clone())))
            .filter_map(|(n, m)| match n {
                Value::Str(s) => Some((s, attr(&m, "_value_")?)),
                _ => None,
            })
            .collect(),
    )
}

fn data_of(class: &Rc<Class>) -> Option<Rc<EnumData>> {
    class.ext.get()?.clone().downcast::<EnumData>().ok()
}

pub(crate) fn attr(member: &Value, name: &str) -> Option<Value> {
    match member {
        Value::Instance(i) => i.dict.borrow().get(name).cloned(),
        _ => None,
    }
}

fn is_member_candidate(name: &str, value: &Value) -> bool {
    let dunder = name.starts_with("__") && name.ends_with("__");
    let sunder = name.len() > 2 && name.starts_with('_') && name.ends_with('_');
    let descriptor = match value {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) => true,
        Value::Native(n) => matches!(
            n.type_name(),
            "property" | "staticmethod" | "classmethod" | "method_descriptor"
        ),
        _ => false,
    };
    !dunder && !sunder && !descriptor
}

impl ClassHooks for EnumHooks {
    fn init_subclass(&self, vm: &mut dyn Vm, class: &Rc<Class>) -> PyResult<()> {
        let auto = BASES.with(|b| b[3].clone());
        let candidates: Vec<(Rc<str>, Value)> = class
            .dict
            .borrow()
            .iter()
            .filter(|(k, v)| is_member_candidate(k, v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if mixin_of(class) == Mixin::Mixed {
            let mut d = class.dict.borrow_mut();
            for (k, v) in mixin_dict(Mixin::Mixed) {
                if !d.contains_key(&k) {
                    d.insert(k, v);
                }
            }
        }
        let mut members: Vec<Value> = Vec::new();
        let mut member_names: Vec<Rc<str>> = Vec::new();
        let mut names: Vec<Rc<str>> = Vec::new();
        let mut last_int: i64 = 0;
        for (name, raw) in candidates {
            vm.tick()?;
            let value = match &raw {
                Value::Instance(i) if Rc::ptr_eq(&i.class, &auto) => Value::Int(last_int + 1),
                other => other.clone(),
            };
            if let Value::Int(i) = value {
                last_int = i;
            }
            let mut existing = None;
            for m in &members {
                let mv = attr(m, "_value_").unwrap_or(Value::None);
                if mv.is(&value) || vm.eq(&mv, &value)? {
                    existing = Some(m.clone());
                    break;
                }
            }
            let member = match existing {
                Some(m) => m,
                None => {
                    let inst = Instance::new(class.clone());
                    inst.dict
                        .borrow_mut()
                        .insert("_name_".into(), Value::Str(name.clone()));
                    inst.dict.borrow_mut().insert("_value_".into(), value);
                    let m = Value::Instance(Rc::new(inst));
                    members.push(m.clone());
                    member_names.push(name.clone());
                    m
                }
            };
            class.dict.borrow_mut().insert(name.clone(), member.clone());
            names.push(name);
        }
        let _ = class.ext.set(Rc::new(EnumData {
            members: member_names,
            names,
        }));
        Ok(())
    }

    fn instantiate(&self, vm: &mut dyn Vm, class: &Rc<Class>, args: Args) -> PyResult<Value> {
        let members = members_of(class);
        let Some(value) = args.pos.first().cloned() else {
            return Err(PyErr::new(
                Exc::TypeError,
                "EnumType.__call__() missing 1 required positional argument: 'value'",
            ));
        };
        if members.is_empty() {
            return Err(PyErr::new(
                Exc::TypeError,
                format!("<enum '{}'> has no members defined", class.name),
            ));
        }
        for m in &members {
            if m.is(&value) {
                return Ok(m.clone());
            }
        }
        for m in &members {
            let mv = attr(m, "_value_").unwrap_or(Value::None);
            if vm.eq(&mv, &value)? {
                return Ok(m.clone());
            }
        }
        Err(PyErr::new(
            Exc::ValueError,
            format!("{} is not a valid {}", vm.repr(&value)?, class.name),
        ))
    }

    fn class_getattr(
        &self,
        vm: &mut dyn Vm,
        class: &Rc<Class>,
        name: &str,
    ) -> Option<PyResult<Value>> {
        if name == "__members__" {
            let mut d = Dict::new();
            for (k, m) in names_of(class) {
                d.set_str(&k, m);
            }
            return Some(Ok(Value::native(MappingProxy(Value::dict(d)))));
        }
        let _ = vm;
        Some(Err(PyErr::new(Exc::AttributeError, name.to_string())))
    }

    fn class_setattr(
        &self,
        _vm: &mut dyn Vm,
        class: &Rc<Class>,
        name: &str,
        _value: &Value,
    ) -> Option<PyResult<()>> {
        let is_member = data_of(class).is_some_and(|d| d.names.iter().any(|n| &**n == name));
        is_member.then(|| {
            Err(PyErr::new(
                Exc::AttributeError,
                format!("cannot reassign member '{name}'"),
            ))
        })
    }

    fn metaclass_name(&self) -> Option<(&'static str, &'static str)> {
        Some(("enum", "EnumType"))
    }

    fn class_repr(&self, class: &Rc<Class>) -> Option<String> {
        Some(format!("<enum '{}'>", class.name))
    }

    fn class_iter(&self, _vm: &mut dyn Vm, class: &Rc<Class>) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(members_of(class)))
    }

    fn class_len(&self, class: &Rc<Class>) -> Option<usize> {
        Some(data_of(class).map(|d| d.members.len()).unwrap_or(0))
    }

    fn class_getitem(
        &self,
        vm: &mut dyn Vm,
        class: &Rc<Class>,
        key: &Value,
    ) -> Option<PyResult<Value>> {
        let found = match key {
            Value::Str(k) => names_of(class)
                .into_iter()
                .find(|(n, _)| n == k)
                .map(|(_, m)| m),
            _ => None,
        };
        Some(match found {
            Some(m) => Ok(m),
            None => vm
                .repr(key)
                .and_then(|r| Err(PyErr::with_args(Exc::KeyError, vec![key.clone()], r))),
        })
    }

    fn class_contains(
        &self,
        _vm: &mut dyn Vm,
        class: &Rc<Class>,
        item: &Value,
    ) -> Option<PyResult<bool>> {
        Some(match item {
            Value::Instance(i) if is_enum_class(&i.class) => Ok(i.class.is_subclass(class)),
            other => Err(PyErr::new(
                Exc::TypeError,
                format!(
                    "unsupported operand type(s) for 'in': '{}' and 'EnumType'",
                    other.type_name()
                ),
            )),
        })
    }
}

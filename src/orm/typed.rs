//! SQLAlchemy 2.0's typed declarations: what a `Mapped[...]` annotation says about an
//! attribute — a column type and nullability (`Mapped[Optional[str]]`, `Mapped[int | None]`),
//! or a relationship target and whether it is a collection (`Mapped[list['Post']]`,
//! `WriteOnlyMapped['Post']`, `DynamicMapped['Note']`).

use super::mapper::Lazy;
use super::table::Column;
use super::types::type_from_python_class;
use crate::object::{Exc, GenericAlias, PyErr, Value, Vm};
use crate::schema::SqlType;

/// What a `Mapped[...]` annotation says about an attribute.
pub struct Annotation {
    /// A Python type → a column type.
    pub column_type: Option<SqlType>,
    /// A Python class that is not a column type (a relationship target, or an error for
    /// a column).
    pub other_class: Option<Value>,
    pub optional: bool,
    /// A relationship target (class or string) and whether it is a collection.
    pub target: Option<Value>,
    pub collection: bool,
    pub lazy: Option<Lazy>,
    /// `Mapped`, `WriteOnlyMapped` or `DynamicMapped` (other annotations are left alone).
    pub mapped: bool,
    /// The annotated type (`<class 'object'>`), for messages.
    pub inner: Value,
}

fn is_none_type(v: &Value) -> bool {
    v.is_none() || matches!(v, Value::Class(c) if &*c.name == "NoneType")
}

/// Reads one class-body annotation.
pub fn read_annotation(ann: &Value) -> Annotation {
    let mut info = Annotation {
        column_type: None,
        other_class: None,
        optional: false,
        target: None,
        collection: false,
        lazy: None,
        mapped: false,
        inner: Value::None,
    };
    let Some(g) = ann.downcast::<GenericAlias>() else {
        return info;
    };
    match g.origin.as_str() {
        "Mapped" => info.mapped = true,
        "WriteOnlyMapped" => {
            info.mapped = true;
            info.collection = true;
            info.lazy = Some(Lazy::WriteOnly);
        }
        "DynamicMapped" => {
            info.mapped = true;
            info.collection = true;
            info.lazy = Some(Lazy::Dynamic);
        }
        _ => return info,
    }
    let mut inner = g.args.first().cloned().unwrap_or(Value::None);
    info.inner = inner.clone();
    // Optional[X], X | None, Union[X, None], list[X], List[X], set[X]: a few levels at most.
    for _ in 0..8 {
        let next = match inner.downcast::<GenericAlias>() {
            Some(u) if u.origin == "Union" => {
                let rest: Vec<Value> = u
                    .args
                    .iter()
                    .filter(|a| !is_none_type(a))
                    .cloned()
                    .collect();
                if rest.len() < u.args.len() {
                    info.optional = true;
                }
                rest.into_iter().next().unwrap_or(Value::None)
            }
            Some(l) if matches!(l.origin.as_str(), "list" | "List" | "set" | "Set") => {
                info.collection = true;
                l.args.first().cloned().unwrap_or(Value::None)
            }
            _ => break,
        };
        inner = next;
    }
    match &inner {
        Value::Class(c) if super::enums::is_enum_class(c) => {
            info.column_type = Some(super::enums::enum_type(c));
        }
        Value::Class(c) => match type_from_python_class(&c.name, &c.module) {
            Some(t) => info.column_type = Some(t),
            None => {
                info.target = Some(inner.clone());
                info.other_class = Some(inner.clone());
            }
        },
        Value::Str(_) => info.target = Some(inner.clone()),
        _ => {}
    }
    info
}

/// SQLAlchemy's error for a `Mapped[X]` column whose `X` maps to no column type.
pub fn no_core_type(vm: &mut dyn Vm, attr: &str, ann: &Annotation) -> PyErr {
    let shown = vm.repr(&ann.inner).unwrap_or_default();
    PyErr::new(
        Exc::MappedAnnotationError,
        format!(
            "Could not locate SQLAlchemy Core type when resolving for Python type indicated by '{shown}' inside the Mapped[] annotation for the '{attr}' attribute; the type object is not resolvable by the registry"
        ),
    )
}

/// Column type and nullability from `Mapped[...]` for `mapped_column` (and bare
/// annotations): the type when none was given, NOT NULL unless `Optional`.
pub fn apply_annotation(col: &Column, ann: Option<&Annotation>) {
    let Some(a) = ann.filter(|a| a.mapped) else {
        return;
    };
    if col.sql_type().is_none() {
        if let Some(t) = &a.column_type {
            *col.sql_type.borrow_mut() = Some(t.clone());
        }
    }
    if col.from_mapped_column && col.nullable.get().is_none() && !col.primary_key.get() {
        col.nullable.set(Some(a.optional));
    }
}

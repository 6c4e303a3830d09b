//! Python enum classes as column types: `db.Enum(Color)` and `Mapped[Color]` store a
//! member's name (`'green'`) and load it back as the member (`<Color.green: 2>`), as
//! SQLAlchemy's `Enum` does. Members are read from the class as the `enum` module builds
//! them (`object::enumtype`).

use crate::object::{Class, Value};
use crate::schema::SqlType;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

thread_local! {
    /// The enum classes given to `Enum(...)`, so that loaded names find their members.
    static CLASSES: RefCell<Vec<Weak<Class>>> = const { RefCell::new(Vec::new()) };
}

/// Whether `class` derives from `enum.Enum`.
pub fn is_enum_class(class: &Rc<Class>) -> bool {
    crate::object::enumtype::is_enum_class(class)
}

/// The canonical members of an enum class, `(name, member)`, in definition order.
fn members(class: &Rc<Class>) -> Vec<(Rc<str>, Value)> {
    crate::object::enumtype::enum_member_objects(class)
}

/// The column type of an enum class: its member names, named after the class in lower
/// case (`Enum('red', 'green', name='color')`).
pub fn enum_type(class: &Rc<Class>) -> SqlType {
    CLASSES.with(|c| {
        let mut classes = c.borrow_mut();
        classes.retain(|w| w.strong_count() > 0);
        if !classes
            .iter()
            .any(|w| w.upgrade().is_some_and(|k| Rc::ptr_eq(&k, class)))
        {
            classes.push(Rc::downgrade(class));
        }
    });
    SqlType::Enum {
        values: members(class)
            .into_iter()
            .map(|(n, _)| n.to_string())
            .collect(),
        name: Some(class.name.to_lowercase()),
        class: Some(class.name.to_string()),
    }
}

/// The stored name of an enum member (`Color.green` → `'green'`).
pub fn member_name(v: &Value) -> Option<Rc<str>> {
    let Value::Instance(i) = v else { return None };
    if !is_enum_class(&i.class) {
        return None;
    }
    match i.dict.borrow().get("_name_") {
        Some(Value::Str(n)) => Some(n.clone()),
        _ => None,
    }
}

/// The member a stored name stands for, for a column typed with enum class `class`.
pub fn member(class: &str, values: &[String], name: &str) -> Option<Value> {
    CLASSES.with(|c| {
        c.borrow().iter().rev().find_map(|w| {
            let k = w.upgrade()?;
            let m = members(&k);
            let same = *k.name == *class
                && m.len() == values.len()
                && m.iter().zip(values).all(|((n, _), v)| **n == **v);
            if !same {
                return None;
            }
            m.into_iter().find(|(n, _)| &**n == name).map(|(_, v)| v)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Source;
    use crate::interp::Interp;

    #[test]
    fn members_are_stored_by_name_and_loaded_as_members() {
        let code =
            "import enum\nclass Color(enum.Enum):\n    red = 1\n    green = 2\n    crimson = 1\n";
        let module = crate::python::parse_module(code).expect("parses");
        let mut interp = Interp::new("models");
        interp
            .run_module(&module, Source::Models)
            .expect("defines Color");
        let color = interp
            .global("Color")
            .and_then(|v| v.as_class().cloned())
            .expect("class");
        assert!(is_enum_class(&color));
        let t = enum_type(&color);
        let SqlType::Enum {
            values,
            name,
            class,
        } = &t
        else {
            panic!("not an Enum: {t:?}")
        };
        // Aliases (`crimson`) are not stored names.
        assert_eq!(values, &["red", "green"]);
        assert_eq!(name.as_deref(), Some("color"));
        let green = color.dict.borrow().get("green").cloned().expect("green");
        assert_eq!(member_name(&green).as_deref(), Some("green"));
        let loaded = member(class.as_deref().unwrap_or(""), values, "green").expect("member");
        assert!(
            matches!((&loaded, &green), (Value::Instance(a), Value::Instance(b)) if Rc::ptr_eq(a, b))
        );
        assert!(member("Color", values, "purple").is_none());
        assert!(member_name(&Value::str("green")).is_none());
        assert!(member_name(&Value::Int(1)).is_none());
    }
}

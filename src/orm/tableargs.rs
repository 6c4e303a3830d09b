//! Table-level constraints and indexes: `__table_args__` of a model and the constraint
//! arguments of `db.Table(...)`, checked as SQLAlchemy checks them when they attach to
//! their table (every named column must exist).

use super::decl::ConstraintObj;
use super::table::{Constraint, Table};
use crate::object::{Class, Exc, PyErr, PyResult, Value, Vm};
use std::rc::Rc;

/// `__table_args__`: a tuple of constraints and indexes, optionally ending with a dict of
/// options, or a dict alone.
pub fn apply(vm: &mut dyn Vm, class: &Rc<Class>, table: &Rc<Table>) -> PyResult<()> {
    let Some(args) = class.lookup("__table_args__") else {
        return Ok(());
    };
    let items = match &args {
        Value::Dict(_) | Value::None => return Ok(()),
        Value::Tuple(items) => items.to_vec(),
        _ => {
            return Err(PyErr::new(
                Exc::ArgumentError,
                "__table_args__ value must be a tuple, dict, or None",
            ))
        }
    };
    let last = items.len().saturating_sub(1);
    for (i, item) in items.into_iter().enumerate() {
        match item.downcast::<ConstraintObj>() {
            Some(c) => attach(table, c.0.clone())?,
            None if i == last && matches!(item, Value::Dict(_)) => {}
            None => return Err(not_a_schema_item(vm, &item)),
        }
    }
    Ok(())
}

/// SQLAlchemy's error for something that is neither a column nor a constraint.
pub fn not_a_schema_item(vm: &mut dyn Vm, item: &Value) -> PyErr {
    let r = vm.repr(item).unwrap_or_default();
    PyErr::new(
        Exc::ArgumentError,
        format!("'SchemaItem' object, such as a 'Column' or a 'Constraint' expected, got {r}"),
    )
}

/// Adds a constraint to its table once every column it names is there (an unnamed
/// `Index(None, 'col')` is named by SQLAlchemy's default convention, `ix_<table>_<col>`).
pub fn attach(table: &Rc<Table>, mut c: Constraint) -> PyResult<()> {
    if let Constraint::Index { name, columns, .. } = &mut c {
        if let (true, Some(first)) = (name.is_empty(), columns.first()) {
            *name = crate::schema::naming::column_index_name(&table.name, first);
        }
    }
    let (kind, names): (&str, &[String]) = match &c {
        Constraint::Unique { columns, .. } => ("UniqueConstraint", columns),
        Constraint::PrimaryKey(columns) => ("PrimaryKeyConstraint", columns),
        Constraint::ForeignKey { columns, .. } => ("ForeignKeyConstraint", columns),
        Constraint::Index { columns, .. } => ("Index", columns),
        Constraint::Check(_) => ("CheckConstraint", &[]),
    };
    if let Some(missing) = names.iter().find(|n| table.column(n).is_none()) {
        return Err(PyErr::new(
            Exc::ConstraintColumnNotFoundError,
            format!(
                "Can't create {kind} on table '{}': no column named '{missing}' is present.",
                table.name
            ),
        ));
    }
    if let Constraint::PrimaryKey(columns) = &c {
        for name in columns {
            if let Some(col) = table.column(name) {
                col.primary_key.set(true);
            }
        }
    }
    table.constraints.borrow_mut().push(c);
    Ok(())
}

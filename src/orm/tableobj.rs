//! `db.Table(...)` and the table-level objects: the `Table` value (`.c`, `.columns`,
//! `.indexes`, `.primary_key`), its column collection, and constraints and indexes
//! (`UniqueConstraint`, `PrimaryKeyConstraint`, `ForeignKeyConstraint`, `Index`,
//! `CheckConstraint`).

use super::ctx::OrmCtx;
use super::decl::{column_of, column_repr, ColumnObj};
use super::exprobj;
use super::table::{Constraint, Table};
use crate::object::{Args, Exc, Object, PyErr, PyResult, Value, Vm};
use std::rc::{Rc, Weak};

/// A table-level constraint or index object from `__table_args__` / `db.Table(...)`.
pub struct ConstraintObj(pub Constraint);

fn column_names(vm: &mut dyn Vm, items: &[Value]) -> PyResult<Vec<String>> {
    let mut out = Vec::new();
    for v in items {
        match v {
            Value::Str(s) => out.push(s.to_string()),
            other => match column_of(other) {
                Some(c) => out.push(
                    c.name()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| c.key().to_string()),
                ),
                None => {
                    let r = vm.repr(other)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("Can't create constraint on {r}"),
                    ));
                }
            },
        }
    }
    Ok(out)
}

/// `UniqueConstraint(...)`, `PrimaryKeyConstraint(...)`, `ForeignKeyConstraint(...)`,
/// `Index(...)`, `CheckConstraint(...)`.
pub fn make_constraint(vm: &mut dyn Vm, kind: &str, mut args: Args) -> PyResult<Value> {
    let name = match args.take_kw("name") {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    };
    let c = match kind {
        "UniqueConstraint" => Constraint::Unique {
            name,
            columns: column_names(vm, &args.pos)?,
        },
        "PrimaryKeyConstraint" => Constraint::PrimaryKey(column_names(vm, &args.pos)?),
        "ForeignKeyConstraint" => {
            let cols = args.take(0, "columns").unwrap_or(Value::None);
            let refs = args.take(1, "refcolumns").unwrap_or(Value::None);
            let cols = vm.iterate(&cols)?;
            let refs = vm.iterate(&refs)?;
            let mut refcolumns = Vec::new();
            for r in refs {
                match r {
                    Value::Str(s) => refcolumns.push(s.to_string()),
                    other => match column_of(&other) {
                        Some(c) => refcolumns.push(c.qualified()),
                        None => {
                            return Err(PyErr::new(
                                Exc::ArgumentError,
                                "ForeignKeyConstraint expects column names",
                            ))
                        }
                    },
                }
            }
            let text = |v: Option<Value>| match v {
                Some(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            };
            Constraint::ForeignKey {
                columns: column_names(vm, &cols)?,
                refcolumns,
                ondelete: text(args.take_kw("ondelete")),
                onupdate: text(args.take_kw("onupdate")),
            }
        }
        "Index" => {
            let mut pos = args.pos.clone().into_iter();
            let index_name = match pos.next() {
                Some(Value::Str(s)) => s.to_string(),
                Some(Value::None) | None => String::new(),
                Some(other) => {
                    let r = vm.repr(&other)?;
                    return Err(PyErr::new(
                        Exc::ArgumentError,
                        format!("Index name expected, got {r}"),
                    ));
                }
            };
            let rest: Vec<Value> = pos.collect();
            let unique = match args.take_kw("unique") {
                Some(v) => vm.truthy(&v)?,
                None => false,
            };
            Constraint::Index {
                name: index_name,
                columns: column_names(vm, &rest)?,
                unique,
            }
        }
        _ => Constraint::Check(match args.pos.first() {
            Some(v) => vm.str(v)?,
            None => String::new(),
        }),
    };
    Ok(Value::native(ConstraintObj(c)))
}

impl Object for ConstraintObj {
    fn type_name(&self) -> &str {
        match &self.0 {
            Constraint::Unique { .. } => "UniqueConstraint",
            Constraint::PrimaryKey(_) => "PrimaryKeyConstraint",
            Constraint::ForeignKey { .. } => "ForeignKeyConstraint",
            Constraint::Index { .. } => "Index",
            Constraint::Check(_) => "CheckConstraint",
        }
    }

    fn repr(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(format!("{}(...)", self.type_name()))
    }
}

/// `db.Table(name, [metadata,] *columns_and_constraints)`: registered at once.
pub fn make_table(vm: &mut dyn Vm, ctx: &Weak<OrmCtx>, args: Args) -> PyResult<Value> {
    let Some(ctx) = ctx.upgrade() else {
        return Err(PyErr::new(Exc::RuntimeError, "the database is gone"));
    };
    let mut pos = args.pos.into_iter();
    let name = match pos.next() {
        Some(Value::Str(s)) => s,
        _ => {
            return Err(PyErr::new(
                Exc::TypeError,
                "Table() missing 1 required positional argument: 'name'",
            ))
        }
    };
    if ctx.metadata.borrow().table(&name).is_some() {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            format!("Table '{name}' is already defined for this MetaData instance.  Specify 'extend_existing=True' to redefine options and columns on an existing Table object."),
        ));
    }
    let table = Rc::new(Table::new(&name, vm.span()));
    let mut constraints = Vec::new();
    for item in pos {
        if &*item.type_name() == "MetaData" {
            continue;
        }
        if let Some(c) = item.downcast::<ColumnObj>() {
            if c.0.table().is_some() {
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    format!(
                        "Column object '{}' already assigned to Table '{}'",
                        c.0.key(),
                        c.0.table().unwrap_or_default()
                    ),
                ));
            }
            if c.0.name().is_none() {
                return Err(PyErr::new(
                    Exc::ArgumentError,
                    "Column must be constructed with a non-blank name or assign a non-blank .name before adding to a Table.",
                ));
            }
            table.add_column(c.0.clone());
        } else if let Some(k) = item.downcast::<ConstraintObj>() {
            constraints.push(k.0.clone());
        } else {
            return Err(super::tableargs::not_a_schema_item(vm, &item));
        }
    }
    for c in constraints {
        super::tableargs::attach(&table, c)?;
    }
    let mut meta = ctx.metadata.borrow_mut();
    meta.tables.push(table.clone());
    meta.resolve_foreign_key_types();
    Ok(Value::native(TableObj(table)))
}

/// A `Table` as a Python value: `.name`, `.c.column`, `.columns`.
pub struct TableObj(pub Rc<Table>);

impl Object for TableObj {
    fn type_name(&self) -> &str {
        "Table"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = vec![
            crate::interp::python_str_repr(&self.0.name),
            "MetaData()".to_string(),
        ];
        for c in self.0.columns.borrow().iter() {
            parts.push(column_repr(vm, c)?);
        }
        parts.push("schema=None".into());
        Ok(format!("Table({})", parts.join(", ")))
    }

    fn str(&self, _vm: &mut dyn Vm) -> PyResult<String> {
        Ok(self.0.name.to_string())
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let columns = |cols: Vec<Rc<super::table::Column>>| {
            Value::list(
                cols.into_iter()
                    .map(|c| Value::native(ColumnObj(c)))
                    .collect(),
            )
        };
        Ok(Some(match name {
            "name" | "fullname" => Value::Str(self.0.name.clone()),
            "c" | "columns" => Value::native(ColumnCollection(self.0.clone())),
            "primary_key" => columns(self.0.primary_key()),
            "indexes" => Value::list(indexes_of(&self.0).into_iter().map(Value::native).collect()),
            "foreign_keys" => {
                let mut keys = Vec::new();
                for c in self.0.columns.borrow().iter() {
                    for fk in c.foreign_keys.borrow().iter() {
                        keys.push(Value::native(super::decl::ForeignKeyObj(fk.clone())));
                    }
                }
                Value::list(keys)
            }
            "schema" => Value::None,
            _ => return Ok(None),
        }))
    }
}

/// `Index('ix_users_email', Column(...), unique=True)`: an index of a table.
pub struct IndexObj {
    pub name: String,
    pub columns: Vec<Rc<super::table::Column>>,
    pub unique: bool,
}

impl Object for IndexObj {
    fn type_name(&self) -> &str {
        "Index"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = vec![crate::interp::python_str_repr(&self.name)];
        for c in &self.columns {
            parts.push(column_repr(vm, c)?);
        }
        if self.unique {
            parts.push("unique=True".into());
        }
        Ok(format!("Index({})", parts.join(", ")))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "name" => Value::str(&self.name),
            "unique" => Value::Bool(self.unique),
            "columns" | "expressions" => Value::list(
                self.columns
                    .iter()
                    .map(|c| Value::native(ColumnObj(c.clone())))
                    .collect(),
            ),
            _ => return Ok(None),
        }))
    }
}

/// A table's indexes: `index=True` columns (`ix_<table>_<column>`, unique when the column
/// is) and `Index(...)` entries.
pub fn indexes_of(t: &Table) -> Vec<IndexObj> {
    let mut out = Vec::new();
    for c in t.columns.borrow().iter().filter(|c| c.is_indexed()) {
        let name = c.name().unwrap_or_default();
        out.push(IndexObj {
            name: crate::schema::naming::column_index_name(&t.name, &name),
            columns: vec![c.clone()],
            unique: c.is_unique(),
        });
    }
    for k in t.constraints.borrow().iter() {
        if let Constraint::Index {
            name,
            columns,
            unique,
        } = k
        {
            out.push(IndexObj {
                name: name.clone(),
                columns: columns.iter().filter_map(|n| t.column(n)).collect(),
                unique: *unique,
            });
        }
    }
    out
}

/// `table.c`: columns by key, iterable in table order.
pub struct ColumnCollection(pub Rc<Table>);

impl Object for ColumnCollection {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }

    fn repr(&self, vm: &mut dyn Vm) -> PyResult<String> {
        let mut parts = Vec::new();
        for c in self.0.columns.borrow().iter() {
            parts.push(format!("'{}'", c.qualified()));
            let _ = &vm;
        }
        Ok(format!("ReadOnlyColumnCollection({})", parts.join(", ")))
    }

    fn getattr(&self, _vm: &mut dyn Vm, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(self
            .0
            .column_by_key(name)
            .map(|c| Value::native(ColumnObj(c))))
    }

    fn getattr_error(&self, name: &str) -> Option<String> {
        Some(name.to_string())
    }

    fn call_method(
        &self,
        _vm: &mut dyn Vm,
        _this: &Value,
        name: &str,
        _args: &mut Args,
    ) -> Option<PyResult<Value>> {
        let cols = self.0.columns.borrow();
        match name {
            "keys" => Some(Ok(Value::list(
                cols.iter().map(|c| Value::Str(c.key())).collect(),
            ))),
            "values" => Some(Ok(Value::list(
                cols.iter()
                    .map(|c| Value::native(ColumnObj(c.clone())))
                    .collect(),
            ))),
            "items" => Some(Ok(Value::list(
                cols.iter()
                    .map(|c| {
                        Value::tuple(vec![
                            Value::Str(c.key()),
                            Value::native(ColumnObj(c.clone())),
                        ])
                    })
                    .collect(),
            ))),
            _ => None,
        }
    }

    fn getitem(&self, _vm: &mut dyn Vm, _this: &Value, key: &Value) -> Option<PyResult<Value>> {
        let found = match key {
            Value::Str(s) => self.0.column_by_key(s),
            Value::Int(i) => {
                let cols = self.0.columns.borrow();
                let n = cols.len() as i64;
                let i = if *i < 0 { i + n } else { *i };
                cols.get(i as usize).cloned()
            }
            _ => None,
        };
        Some(match found {
            Some(c) => Ok(Value::native(ColumnObj(c))),
            None => Err(PyErr::new(Exc::KeyError, format!("{key:?}"))),
        })
    }

    fn len(&self, _vm: &mut dyn Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.0.columns.borrow().len()))
    }

    fn iter(&self, _vm: &mut dyn Vm, _this: &Value) -> Option<PyResult<Value>> {
        let items: Vec<Value> = self
            .0
            .columns
            .borrow()
            .iter()
            .map(|c| Value::native(ColumnObj(c.clone())))
            .collect();
        Some(Ok(exprobj::list_iterator(items)))
    }

    fn contains(&self, _vm: &mut dyn Vm, _this: &Value, item: &Value) -> Option<PyResult<bool>> {
        Some(Ok(match item {
            Value::Str(s) => self.0.column_by_key(s).is_some(),
            other => column_of(other)
                .is_some_and(|c| self.0.columns.borrow().iter().any(|x| Rc::ptr_eq(x, &c))),
        }))
    }

    fn dir(&self) -> Vec<String> {
        self.0
            .columns
            .borrow()
            .iter()
            .map(|c| c.key().to_string())
            .collect()
    }
}

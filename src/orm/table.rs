//! Tables and columns as the ORM holds them at run time: `db.Column(...)`, `db.ForeignKey`,
//! `db.Table(...)`, constraints, and the metadata that collects them.
//!
//! A `Column` is one shared object from the moment `db.Column(...)` is evaluated: expressions
//! built in a class body (`primaryjoin=(followers.c.follower_id == id)`) refer to it before it
//! is attached to its table, as in SQLAlchemy.

use crate::diag::{Source, Span};
use crate::object::{Exc, PyErr, PyResult, Value, Vm};
use crate::schema::SqlType;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

thread_local! {
    static CREATION: Cell<u64> = const { Cell::new(0) };
}

fn next_creation_order() -> u64 {
    CREATION.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    })
}

/// Where a foreign key points: `'roles.id'` as text, or a column object (`User.id`).
#[derive(Clone)]
pub enum FkTarget {
    Text(Rc<str>),
    Column(Rc<Column>),
}

#[derive(Clone)]
pub struct ForeignKeyRef {
    pub target: FkTarget,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
}

impl ForeignKeyRef {
    /// `(table, column)` the key points to, once the target column is attached.
    pub fn target_names(&self) -> Option<(Rc<str>, Rc<str>)> {
        match &self.target {
            FkTarget::Text(t) => {
                let (table, col) = t.rsplit_once('.')?;
                Some((table.into(), col.into()))
            }
            FkTarget::Column(c) => Some((c.table()?, c.name()?)),
        }
    }
}

/// `server_default=`: literal text (quoted in DDL) or `db.text(...)` (raw SQL).
#[derive(Clone, Debug, PartialEq)]
pub enum ServerDefault {
    Literal(String),
    Sql(String),
}

impl ServerDefault {
    /// The SQL expression text, as SQLAlchemy renders it in DDL.
    pub fn sql(&self) -> String {
        match self {
            ServerDefault::Literal(s) => format!("'{}'", s.replace('\'', "''")),
            ServerDefault::Sql(s) => s.clone(),
        }
    }
}

pub struct Column {
    /// Creation order (SQLAlchemy sorts declarative columns by it).
    pub order: u64,
    pub name: RefCell<Option<Rc<str>>>,
    pub key: RefCell<Option<Rc<str>>>,
    pub table: RefCell<Weak<Table>>,
    pub sql_type: RefCell<Option<SqlType>>,
    pub primary_key: Cell<bool>,
    pub nullable: Cell<Option<bool>>,
    /// `unique=` / `index=` as given (`None` when not given, as SQLAlchemy shows it).
    pub unique: Cell<Option<bool>>,
    pub index: Cell<Option<bool>>,
    pub autoincrement: Cell<Option<bool>>,
    pub default: RefCell<Option<Value>>,
    pub onupdate: RefCell<Option<Value>>,
    pub server_default: RefCell<Option<ServerDefault>>,
    pub foreign_keys: RefCell<Vec<ForeignKeyRef>>,
    /// Set by `mapped_column` (nullability then follows the annotation).
    pub from_mapped_column: bool,
    /// Where `db.Column(...)` was written (errors found later point there).
    pub span: Option<Span>,
    pub source: Option<Source>,
}

impl Column {
    pub fn new(span: Option<Span>, from_mapped_column: bool) -> Column {
        Column {
            order: next_creation_order(),
            name: RefCell::new(None),
            key: RefCell::new(None),
            table: RefCell::new(Weak::new()),
            sql_type: RefCell::new(None),
            primary_key: Cell::new(false),
            nullable: Cell::new(None),
            unique: Cell::new(None),
            index: Cell::new(None),
            autoincrement: Cell::new(None),
            default: RefCell::new(None),
            onupdate: RefCell::new(None),
            server_default: RefCell::new(None),
            foreign_keys: RefCell::new(Vec::new()),
            from_mapped_column,
            span,
            source: None,
        }
    }

    pub fn name(&self) -> Option<Rc<str>> {
        self.name.borrow().clone()
    }

    pub fn key(&self) -> Rc<str> {
        self.key
            .borrow()
            .clone()
            .or_else(|| self.name())
            .unwrap_or_else(|| "?".into())
    }

    /// The name of the table the column is attached to.
    pub fn table(&self) -> Option<Rc<str>> {
        self.table_ref().map(|t| t.name.clone())
    }

    pub fn table_ref(&self) -> Option<Rc<Table>> {
        self.table.borrow().upgrade()
    }

    /// `table.column` for messages (`roles.name`).
    pub fn qualified(&self) -> String {
        format!(
            "{}.{}",
            self.table().as_deref().unwrap_or("?"),
            self.name().as_deref().unwrap_or("?")
        )
    }

    pub fn sql_type(&self) -> Option<SqlType> {
        self.sql_type.borrow().clone()
    }

    pub fn is_unique(&self) -> bool {
        self.unique.get().unwrap_or(false)
    }

    pub fn is_indexed(&self) -> bool {
        self.index.get().unwrap_or(false)
    }

    /// Effective nullability: explicit, else false for primary keys, true otherwise.
    pub fn is_nullable(&self) -> bool {
        self.nullable.get().unwrap_or(!self.primary_key.get())
    }

    /// A copy for another table (columns declared on mixins are copied per model).
    pub fn copy(&self) -> Column {
        let mut c = Column::new(self.span, self.from_mapped_column);
        c.source = self.source.clone();
        *c.name.borrow_mut() = self.name();
        *c.key.borrow_mut() = self.key.borrow().clone();
        *c.sql_type.borrow_mut() = self.sql_type();
        c.primary_key.set(self.primary_key.get());
        c.nullable.set(self.nullable.get());
        c.unique.set(self.unique.get());
        c.index.set(self.index.get());
        c.autoincrement.set(self.autoincrement.get());
        *c.default.borrow_mut() = self.default.borrow().clone();
        *c.onupdate.borrow_mut() = self.onupdate.borrow().clone();
        *c.server_default.borrow_mut() = self.server_default.borrow().clone();
        *c.foreign_keys.borrow_mut() = self.foreign_keys.borrow().clone();
        c
    }
}

/// Table-level constraints from `__table_args__` or `db.Table(...)` arguments.
#[derive(Clone)]
pub enum Constraint {
    Unique {
        name: Option<String>,
        columns: Vec<String>,
    },
    PrimaryKey(Vec<String>),
    ForeignKey {
        columns: Vec<String>,
        refcolumns: Vec<String>,
        ondelete: Option<String>,
        onupdate: Option<String>,
    },
    Index {
        name: String,
        columns: Vec<String>,
        unique: bool,
    },
    /// Accepted and shown, not enforced.
    Check(String),
}

pub struct Table {
    pub name: Rc<str>,
    pub columns: RefCell<Vec<Rc<Column>>>,
    pub constraints: RefCell<Vec<Constraint>>,
    /// The mapped class's name (`None` for association tables).
    pub model: RefCell<Option<Rc<str>>>,
    pub span: Option<Span>,
}

impl Table {
    pub fn new(name: &str, span: Option<Span>) -> Table {
        Table {
            name: name.into(),
            columns: RefCell::new(Vec::new()),
            constraints: RefCell::new(Vec::new()),
            model: RefCell::new(None),
            span,
        }
    }

    /// Attaches a column (names it after its key when it has no name yet).
    pub fn add_column(self: &Rc<Table>, c: Rc<Column>) {
        *c.table.borrow_mut() = Rc::downgrade(self);
        self.columns.borrow_mut().push(c);
    }

    pub fn column(&self, name: &str) -> Option<Rc<Column>> {
        self.columns
            .borrow()
            .iter()
            .find(|c| c.name().as_deref() == Some(name))
            .cloned()
    }

    pub fn column_by_key(&self, key: &str) -> Option<Rc<Column>> {
        self.columns
            .borrow()
            .iter()
            .find(|c| &*c.key() == key)
            .cloned()
    }

    /// Primary-key columns, in table order (from `primary_key=True` or a constraint).
    pub fn primary_key(&self) -> Vec<Rc<Column>> {
        let cols = self.columns.borrow();
        let from_constraint: Vec<String> = self
            .constraints
            .borrow()
            .iter()
            .find_map(|c| match c {
                Constraint::PrimaryKey(names) => Some(names.clone()),
                _ => None,
            })
            .unwrap_or_default();
        cols.iter()
            .filter(|c| {
                c.primary_key.get()
                    || c.name()
                        .is_some_and(|n| from_constraint.iter().any(|x| *x == *n))
            })
            .cloned()
            .collect()
    }
}

/// Everything `db.metadata` holds: tables in definition order.
#[derive(Default)]
pub struct Metadata {
    pub tables: Vec<Rc<Table>>,
}

impl Metadata {
    pub fn table(&self, name: &str) -> Option<Rc<Table>> {
        self.tables.iter().find(|t| &*t.name == name).cloned()
    }

    /// The column `table.column` names, once both exist.
    pub fn resolve(&self, table: &str, column: &str) -> Option<Rc<Column>> {
        self.table(table)?.column(column)
    }

    /// A column declared without a type takes the type of the column its foreign key
    /// references, once that column exists (`db.Column(db.ForeignKey('user.id'))`,
    /// `mapped_column(ForeignKey('user.id'))`), as SQLAlchemy sets it when the key resolves.
    pub fn resolve_foreign_key_types(&self) {
        for t in &self.tables {
            for c in t.columns.borrow().iter() {
                if c.sql_type().is_some() {
                    continue;
                }
                let found = c.foreign_keys.borrow().iter().find_map(|fk| {
                    let (table, column) = fk.target_names()?;
                    self.resolve(&table, &column)?.sql_type()
                });
                if let Some(t) = found {
                    *c.sql_type.borrow_mut() = Some(t);
                }
            }
        }
    }

    /// SQLAlchemy's error for a foreign key whose table or column does not exist (raised
    /// by `create_all()`), with the span of the column that holds it.
    pub fn check_references(&self) -> PyResult<()> {
        let broken = |kind: Exc, message: String, c: &Column| {
            let e = PyErr::new(kind, message);
            match (c.span, &c.source) {
                (Some(span), Some(source)) => e.with_span(span, source),
                _ => e,
            }
        };
        for t in &self.tables {
            for c in t.columns.borrow().iter() {
                for fk in c.foreign_keys.borrow().iter() {
                    let Some((table, column)) = fk.target_names() else {
                        continue;
                    };
                    let Some(target) = self.table(&table) else {
                        return Err(broken(
                            Exc::NoReferencedTableError,
                            format!(
                                "Foreign key associated with column '{}' could not find table '{table}' with which to generate a foreign key to target column '{column}'",
                                c.qualified()
                            ),
                            c,
                        ));
                    };
                    if target.column(&column).is_none() {
                        return Err(broken(
                            Exc::NoReferencedColumnError,
                            format!(
                                "Could not initialize target column for ForeignKey '{table}.{column}' on table '{}': table '{table}' has no column named '{column}'",
                                t.name
                            ),
                            c,
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Renders a default for the schema description: a literal's repr, or `name()`.
pub fn describe_default(vm: &mut dyn Vm, v: &Value) -> String {
    match v {
        Value::Function(f) => format!("{}()", f.name),
        Value::Builtin(b) => format!("{}()", b.name),
        other => vm.repr(other).unwrap_or_else(|_| "…".into()),
    }
}

//! `Schema`: what the model compiler produced, as plain data.
//!
//! The DDL generator, the diagram, the Data tab and `ormpg schema --json` all read this one
//! structure. It holds no Python values (defaults are described, not stored): the ORM keeps the
//! callables beside it.

use crate::diag::Span;
use serde::Serialize;

/// Every table of the metadata (model tables and association tables, in definition order)
/// and every configured relationship end.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Schema {
    pub tables: Vec<Table>,
    pub relationships: Vec<Relationship>,
}

impl Schema {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The relationship ends declared on (or added by a backref to) one model.
    pub fn relationships_of<'a>(
        &'a self,
        model: &'a str,
    ) -> impl Iterator<Item = &'a Relationship> {
        self.relationships.iter().filter(move |r| r.model == model)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Table {
    pub name: String,
    /// The mapped class (`None` for a `db.Table` association table).
    pub model: Option<String>,
    pub columns: Vec<Column>,
    /// Primary-key column names, in table order.
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Multi-column `UniqueConstraint`s (single-column `unique=True` is on the column).
    pub unique_constraints: Vec<UniqueConstraint>,
    /// `CheckConstraint` texts (shown, not enforced).
    pub check_constraints: Vec<String>,
    /// Indexes: `index=True` columns (named `ix_<table>_<column>` as SQLAlchemy names them)
    /// and `db.Index(...)` entries.
    pub indexes: Vec<Index>,
    /// The class or `db.Table(...)` statement that defined it.
    pub span: Option<Span>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The foreign key that `column` belongs to, if any.
    pub fn foreign_key_of(&self, column: &str) -> Option<&ForeignKey> {
        self.foreign_keys
            .iter()
            .find(|fk| fk.columns.iter().any(|c| c == column))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// The SQL column name.
    pub name: String,
    /// The Python attribute name on the model (differs from `name` for
    /// `username = db.Column('user_name', ...)`; equal for table-only columns).
    pub key: String,
    pub sql_type: SqlType,
    pub primary_key: bool,
    pub nullable: bool,
    pub unique: bool,
    pub index: bool,
    /// SQLAlchemy's autoincrement column: the single integer primary key without a foreign
    /// key or default (`autoincrement='auto'`), or one marked `autoincrement=True`.
    pub autoincrement: bool,
    /// `default=`: a literal shown as its Python repr, or a callable shown as `name()`.
    pub default: Option<String>,
    /// `server_default=`: the SQL text.
    pub server_default: Option<String>,
    /// `onupdate=`, described like `default`.
    pub onupdate: Option<String>,
    pub span: Option<Span>,
}

/// Column types, named as SQLAlchemy names them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum SqlType {
    Integer,
    SmallInteger,
    BigInteger,
    String {
        length: Option<u32>,
    },
    Text,
    Unicode {
        length: Option<u32>,
    },
    UnicodeText,
    Boolean,
    Float,
    Double,
    Numeric {
        precision: Option<u32>,
        scale: Option<u32>,
    },
    Date,
    DateTime {
        timezone: bool,
    },
    Time,
    Interval,
    LargeBinary,
    Enum {
        values: Vec<String>,
        /// `name=` (a Python enum class's name, lowercased, when given one).
        name: Option<String>,
        /// The Python enum class whose members the column holds (`Color`), if any.
        class: Option<String>,
    },
    Json,
    Uuid,
}

impl SqlType {
    /// How SQLAlchemy prints the type (`str(column.type)` on SQLite): `VARCHAR(64)`, `INTEGER`.
    pub fn sql_name(&self) -> String {
        match self {
            SqlType::Integer => "INTEGER".into(),
            SqlType::SmallInteger => "SMALLINT".into(),
            SqlType::BigInteger => "BIGINT".into(),
            SqlType::String { length: Some(n) } | SqlType::Unicode { length: Some(n) } => {
                format!("VARCHAR({n})")
            }
            SqlType::String { length: None } | SqlType::Unicode { length: None } => {
                "VARCHAR".into()
            }
            SqlType::Text | SqlType::UnicodeText => "TEXT".into(),
            SqlType::Boolean => "BOOLEAN".into(),
            SqlType::Float => "FLOAT".into(),
            SqlType::Double => "DOUBLE".into(),
            SqlType::Numeric {
                precision: Some(p),
                scale: Some(s),
            } => format!("NUMERIC({p}, {s})"),
            SqlType::Numeric {
                precision: Some(p),
                scale: None,
            } => format!("NUMERIC({p})"),
            SqlType::Numeric { .. } => "NUMERIC".into(),
            SqlType::Date => "DATE".into(),
            SqlType::DateTime { .. } => "DATETIME".into(),
            SqlType::Time => "TIME".into(),
            SqlType::Interval => "DATETIME".into(),
            SqlType::LargeBinary => "BLOB".into(),
            SqlType::Enum { values, .. } => {
                let longest = values.iter().map(|v| v.chars().count()).max().unwrap_or(0);
                format!("VARCHAR({longest})")
            }
            SqlType::Json => "JSON".into(),
            SqlType::Uuid => "CHAR(32)".into(),
        }
    }

    /// The type as a learner wrote it (`String(64)`, `Integer`), for the diagram.
    pub fn python_name(&self) -> String {
        match self {
            SqlType::String { length: Some(n) } => format!("String({n})"),
            SqlType::Unicode { length: Some(n) } => format!("Unicode({n})"),
            SqlType::Numeric {
                precision: Some(p),
                scale: Some(s),
            } => format!("Numeric({p}, {s})"),
            SqlType::Numeric {
                precision: Some(p),
                scale: None,
            } => format!("Numeric({p})"),
            SqlType::DateTime { timezone: true } => "DateTime(timezone=True)".into(),
            other => other.kind_name().into(),
        }
    }

    /// The bare class name: `String`, `Integer`, `DateTime`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            SqlType::Integer => "Integer",
            SqlType::SmallInteger => "SmallInteger",
            SqlType::BigInteger => "BigInteger",
            SqlType::String { .. } => "String",
            SqlType::Text => "Text",
            SqlType::Unicode { .. } => "Unicode",
            SqlType::UnicodeText => "UnicodeText",
            SqlType::Boolean => "Boolean",
            SqlType::Float => "Float",
            SqlType::Double => "Double",
            SqlType::Numeric { .. } => "Numeric",
            SqlType::Date => "Date",
            SqlType::DateTime { .. } => "DateTime",
            SqlType::Time => "Time",
            SqlType::Interval => "Interval",
            SqlType::LargeBinary => "LargeBinary",
            SqlType::Enum { .. } => "Enum",
            SqlType::Json => "JSON",
            SqlType::Uuid => "Uuid",
        }
    }

    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForeignKey {
    /// Local columns (one for `db.ForeignKey`, several for a `ForeignKeyConstraint`).
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    /// `ondelete=` as written (`'CASCADE'`, `'SET NULL'`), honoured by the ORM.
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UniqueConstraint {
    pub name: Option<String>,
    pub columns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Index {
    pub name: String,
    pub columns: Vec<String>,
    pub unique: bool,
}

/// One end of a relationship: an attribute on a model (`Role.users`), with where its other
/// end is and how it joins.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relationship {
    /// The class that has the attribute, and its table.
    pub model: String,
    pub table: String,
    pub attr: String,
    pub target_model: String,
    pub target_table: String,
    pub direction: Direction,
    /// `False` for scalar ends (many-to-one, or `uselist=False`).
    pub uselist: bool,
    /// The association table of a many-to-many.
    pub secondary: Option<String>,
    /// `select`, `joined`, `subquery`, `selectin`, `dynamic`, `write_only`, `noload`, `raise`.
    pub lazy: String,
    /// The attribute at the other end (from `backref=` or `back_populates=`), if any.
    pub other_end: Option<String>,
    /// How this end came to be.
    pub origin: Origin,
    /// The column pairs of the join: `(local "table.col", remote "table.col")`; for a
    /// many-to-many, the pairs of the primary join (parent ↔ association table).
    pub pairs: Vec<(String, String)>,
    /// For a many-to-many, the pairs of the secondary join (association table ↔ target).
    pub secondary_pairs: Vec<(String, String)>,
    pub viewonly: bool,
    pub cascade: Vec<String>,
    /// `order_by=`, as SQL (`song.title`, `song.plays DESC`).
    pub order_by: Option<String>,
    /// The join condition as SQL (`roles.id = users.role_id`), given or found from the
    /// foreign keys; for a many-to-many, the parent ↔ association table part.
    pub primaryjoin: String,
    /// For a many-to-many, the association table ↔ target part.
    pub secondaryjoin: Option<String>,
    /// The columns that hold the foreign key of the join (`users.role_id`).
    pub foreign_keys: Vec<String>,
    pub passive_deletes: bool,
    pub span: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Direction {
    OneToMany,
    ManyToOne,
    ManyToMany,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Origin {
    /// `x = db.relationship(...)` / `x: Mapped[...] = relationship(...)`.
    Declared,
    /// Created on the other class by `backref=`.
    Backref,
}

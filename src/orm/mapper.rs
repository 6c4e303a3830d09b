//! Mappers (one per model class) and relationship properties, with what configuration
//! resolved for them (target, direction, join columns, backref pairing).

use super::sql::SqlExpr;
use super::table::{Column, Table};
use crate::diag::{Source, Span};
use crate::object::{Class, Value};
use crate::schema::joins::{ColumnRef, Condition};
use crate::schema::Direction;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// How a relationship loads (`lazy=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lazy {
    Select,
    Joined,
    Subquery,
    Selectin,
    Dynamic,
    WriteOnly,
    NoLoad,
    Raise,
}

impl Lazy {
    pub fn parse(s: &str) -> Option<Lazy> {
        Some(match s {
            "select" | "True" => Lazy::Select,
            "joined" | "False" => Lazy::Joined,
            "subquery" => Lazy::Subquery,
            "selectin" => Lazy::Selectin,
            "dynamic" => Lazy::Dynamic,
            "write_only" => Lazy::WriteOnly,
            "noload" => Lazy::NoLoad,
            "raise" | "raise_on_sql" => Lazy::Raise,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Lazy::Select => "select",
            Lazy::Joined => "joined",
            Lazy::Subquery => "subquery",
            Lazy::Selectin => "selectin",
            Lazy::Dynamic => "dynamic",
            Lazy::WriteOnly => "write_only",
            Lazy::NoLoad => "noload",
            Lazy::Raise => "raise",
        }
    }

    /// Loaded together with the parent rows rather than on first access.
    pub fn is_eager(self) -> bool {
        matches!(self, Lazy::Joined | Lazy::Subquery | Lazy::Selectin)
    }
}

/// `cascade=` flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cascade {
    pub save_update: bool,
    pub delete: bool,
    pub delete_orphan: bool,
}

impl Cascade {
    pub const DEFAULT: Cascade = Cascade {
        save_update: true,
        delete: false,
        delete_orphan: false,
    };

    /// Parses `'all, delete-orphan'` and friends; unknown words are an error message.
    pub fn parse(s: &str) -> Result<Cascade, String> {
        let mut c = Cascade {
            save_update: false,
            delete: false,
            delete_orphan: false,
        };
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word {
                "all" => {
                    c.save_update = true;
                    c.delete = true;
                }
                "save-update" => c.save_update = true,
                "delete" => c.delete = true,
                "delete-orphan" => c.delete_orphan = true,
                "merge" | "refresh-expire" | "expunge" => {}
                other => return Err(format!("Invalid cascade option(s): '{other}'")),
            }
        }
        Ok(c)
    }

    pub fn words(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.save_update {
            out.push("save-update".to_string());
        }
        if self.delete {
            out.push("delete".to_string());
        }
        if self.delete_orphan {
            out.push("delete-orphan".to_string());
        }
        out
    }
}

/// What `relationship(...)` (or a backref) was given, before configuration.
#[derive(Clone)]
pub struct RelSpec {
    /// The target: a class name string, a class, or a callable returning one.
    pub argument: Option<Value>,
    pub secondary: Option<Value>,
    pub primaryjoin: Option<Value>,
    pub secondaryjoin: Option<Value>,
    pub foreign_keys: Option<Value>,
    pub remote_side: Option<Value>,
    pub backref: Option<Value>,
    pub back_populates: Option<Rc<str>>,
    pub lazy: Lazy,
    pub uselist: Option<bool>,
    pub order_by: Option<Value>,
    pub cascade: Cascade,
    pub viewonly: bool,
    pub passive_deletes: bool,
    pub single_parent: bool,
    /// A `lazy=` value no loader strategy has (its repr): SQLAlchemy raises
    /// `LoaderStrategyException` for it when the mapper configures, not at definition.
    pub bad_lazy: Option<String>,
    /// For a backref: the join of the relationship that created it.
    pub inherited: Option<Rc<InheritedJoin>>,
    /// Where `relationship(...)` was written (configuration errors point there).
    pub span: Option<Span>,
    pub source: Option<Source>,
}

/// What a backref takes over from the relationship that declares it: the join conditions
/// (the same primary join; a many-to-many's joins swapped) and its `foreign_keys=`.
pub struct InheritedJoin {
    pub primaryjoin: Condition,
    pub secondaryjoin: Option<Condition>,
    /// Criteria of a custom `primaryjoin` beyond column comparisons.
    pub extra: Vec<SqlExpr>,
    pub foreign_keys: Option<Vec<ColumnRef>>,
}

/// The outcome of configuring one relationship.
pub struct Resolved {
    pub target: Rc<Mapper>,
    pub direction: Direction,
    pub uselist: bool,
    pub secondary: Option<Rc<Table>>,
    /// Primary join: `(column on the parent's table, column on the target's table — or on the
    /// association table for a many-to-many)`.
    pub pairs: Vec<(Rc<Column>, Rc<Column>)>,
    /// Secondary join of a many-to-many: `(column on the target's table, association column)`.
    pub secondary_pairs: Vec<(Rc<Column>, Rc<Column>)>,
    /// Non-equality parts of a custom `primaryjoin` (`Song.hidden == False`).
    pub extra: Vec<SqlExpr>,
    pub order_by: Vec<SqlExpr>,
    /// The join conditions as resolved (for the schema description).
    pub primaryjoin: Condition,
    pub secondaryjoin: Option<Condition>,
    /// The other end (`backref` / `back_populates`).
    pub reverse: RefCell<Option<Weak<RelProp>>>,
}

/// A relationship attribute on a mapper.
pub struct RelProp {
    pub key: Rc<str>,
    pub parent: Weak<Mapper>,
    pub spec: RelSpec,
    /// Created by another relationship's `backref=`.
    pub is_backref: bool,
    pub resolved: RefCell<Option<Rc<Resolved>>>,
}

impl RelProp {
    pub fn resolved(&self) -> Option<Rc<Resolved>> {
        self.resolved.borrow().clone()
    }

    pub fn parent(&self) -> Option<Rc<Mapper>> {
        self.parent.upgrade()
    }

    /// `Role.users` for messages.
    pub fn qualified(&self) -> String {
        let owner = self
            .parent()
            .map(|m| m.class_name.to_string())
            .unwrap_or_default();
        format!("{owner}.{}", self.key)
    }

    pub fn reverse(&self) -> Option<Rc<RelProp>> {
        self.resolved()?.reverse.borrow().as_ref()?.upgrade()
    }
}

/// The mapping of one model class to its table.
pub struct Mapper {
    pub class: Weak<Class>,
    pub class_name: Rc<str>,
    pub table: Rc<Table>,
    /// Mapped column attributes `(attribute key, column)`, in table order.
    pub columns: Vec<(Rc<str>, Rc<Column>)>,
    pub relationships: RefCell<Vec<Rc<RelProp>>>,
}

impl Mapper {
    pub fn class(&self) -> Option<Rc<Class>> {
        self.class.upgrade()
    }

    /// `Mapper[Role(roles)]`, as SQLAlchemy names mappers in messages.
    pub fn describe(&self) -> String {
        format!("Mapper[{}({})]", self.class_name, self.table.name)
    }

    pub fn primary_key(&self) -> Vec<Rc<Column>> {
        self.table.primary_key()
    }

    pub fn column_attr(&self, key: &str) -> Option<Rc<Column>> {
        self.columns
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, c)| c.clone())
    }

    /// The attribute key mapping a column of this table.
    pub fn key_of(&self, column: &Rc<Column>) -> Option<Rc<str>> {
        self.columns
            .iter()
            .find(|(_, c)| Rc::ptr_eq(c, column))
            .map(|(k, _)| k.clone())
    }

    pub fn relationship(&self, key: &str) -> Option<Rc<RelProp>> {
        self.relationships
            .borrow()
            .iter()
            .find(|r| &*r.key == key)
            .cloned()
    }
}

//! The SQL the ORM builds before it becomes text: expressions and SELECT statements,
//! referring to live columns, tables, mappers and aliases.

use super::mapper::{Mapper, RelProp};
use super::table::{Column, Table};
use crate::object::{Instance, Value};
use crate::schema::SqlType;
use std::cell::Cell;
use std::rc::Rc;

thread_local! {
    static ALIAS_IDS: Cell<u64> = const { Cell::new(0) };
}

/// `aliased(User)` or an anonymous alias of a table: compiled as `user AS user_1`.
pub struct Alias {
    pub id: u64,
    pub table: Rc<Table>,
    pub mapper: Option<Rc<Mapper>>,
    /// `aliased(User, name='author')`.
    pub name: Option<Rc<str>>,
}

impl Alias {
    pub fn new(table: Rc<Table>, mapper: Option<Rc<Mapper>>, name: Option<Rc<str>>) -> Rc<Alias> {
        let id = ALIAS_IDS.with(|c| {
            let n = c.get() + 1;
            c.set(n);
            n
        });
        Rc::new(Alias {
            id,
            table,
            mapper,
            name,
        })
    }
}

/// A column as it appears in a statement: possibly through an alias of its table.
#[derive(Clone)]
pub struct ColRef {
    pub column: Rc<Column>,
    pub alias: Option<Rc<Alias>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Concat,
}

impl SqlOp {
    pub fn text(self) -> &'static str {
        match self {
            SqlOp::Eq => "=",
            SqlOp::Ne => "!=",
            SqlOp::Lt => "<",
            SqlOp::Le => "<=",
            SqlOp::Gt => ">",
            SqlOp::Ge => ">=",
            SqlOp::Add => "+",
            SqlOp::Sub => "-",
            SqlOp::Mul => "*",
            SqlOp::Div => "/",
            SqlOp::Mod => "%",
            SqlOp::Concat => "||",
        }
    }

    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            SqlOp::Eq | SqlOp::Ne | SqlOp::Lt | SqlOp::Le | SqlOp::Gt | SqlOp::Ge
        )
    }
}

#[derive(Clone)]
pub enum SqlExpr {
    Col(ColRef),
    /// A bound parameter, with the type it binds as.
    Param(Value, Option<SqlType>),
    /// A value read from an instance when the statement runs (an object's primary key may
    /// only exist after the autoflush that precedes the query).
    InstanceParam(Rc<Instance>, Rc<Column>),
    Null,
    Bool(bool),
    Binary(Box<SqlExpr>, SqlOp, Box<SqlExpr>),
    IsNull(Box<SqlExpr>, bool),
    And(Vec<SqlExpr>),
    Or(Vec<SqlExpr>),
    Not(Box<SqlExpr>),
    Neg(Box<SqlExpr>),
    Func(Rc<str>, Vec<SqlExpr>),
    /// `count(*)`'s star.
    Star,
    Distinct(Box<SqlExpr>),
    Label(Rc<str>, Box<SqlExpr>),
    /// A reference to a label by name (`order_by(db.desc('total'))`).
    LabelRef(Rc<str>),
    Desc(Box<SqlExpr>),
    Asc(Box<SqlExpr>),
    In(Box<SqlExpr>, Vec<SqlExpr>, bool),
    InSelect(Box<SqlExpr>, Rc<SelectStmt>, bool),
    Between(Box<SqlExpr>, Box<SqlExpr>, Box<SqlExpr>),
    Like {
        expr: Box<SqlExpr>,
        pattern: Box<SqlExpr>,
        ilike: bool,
        negated: bool,
    },
    Exists(Rc<SelectStmt>),
    ScalarSubquery(Rc<SelectStmt>),
    /// `db.text(...)`: raw SQL.
    Text(Rc<str>),
    /// `CASE WHEN ... THEN ... ELSE ... END`.
    Case(Vec<(SqlExpr, SqlExpr)>, Option<Box<SqlExpr>>),
    /// A whole entity where an expression is expected (`group_by(Post)`): its columns.
    Entity(Entity),
}

impl SqlExpr {
    pub fn col(column: Rc<Column>, alias: Option<Rc<Alias>>) -> SqlExpr {
        SqlExpr::Col(ColRef { column, alias })
    }

    pub fn binary(a: SqlExpr, op: SqlOp, b: SqlExpr) -> SqlExpr {
        SqlExpr::Binary(Box::new(a), op, Box::new(b))
    }

    pub fn and(mut parts: Vec<SqlExpr>) -> SqlExpr {
        if parts.len() == 1 {
            parts.remove(0)
        } else {
            SqlExpr::And(parts)
        }
    }

    /// The SQL type this expression produces, when known (for binding parameters).
    pub fn sql_type(&self) -> Option<SqlType> {
        match self {
            SqlExpr::Col(c) => c.column.sql_type(),
            SqlExpr::Param(_, t) => t.clone(),
            SqlExpr::InstanceParam(_, c) => c.sql_type(),
            SqlExpr::Label(_, e) | SqlExpr::Distinct(e) | SqlExpr::Neg(e) => e.sql_type(),
            SqlExpr::Func(name, args) => match name.to_ascii_lowercase().as_str() {
                "count" => Some(SqlType::Integer),
                "avg" => Some(SqlType::Float),
                "lower" | "upper" | "trim" => Some(SqlType::String { length: None }),
                "length" => Some(SqlType::Integer),
                "now" | "current_timestamp" => Some(SqlType::DateTime { timezone: false }),
                _ => args.first().and_then(SqlExpr::sql_type),
            },
            SqlExpr::Binary(a, op, b) if !op.is_comparison() => {
                a.sql_type().or_else(|| b.sql_type())
            }
            SqlExpr::Binary(..)
            | SqlExpr::IsNull(..)
            | SqlExpr::And(_)
            | SqlExpr::Or(_)
            | SqlExpr::Not(_)
            | SqlExpr::In(..)
            | SqlExpr::InSelect(..)
            | SqlExpr::Between(..)
            | SqlExpr::Like { .. }
            | SqlExpr::Exists(_)
            | SqlExpr::Bool(_) => Some(SqlType::Boolean),
            SqlExpr::ScalarSubquery(s) => s.items.first().and_then(|i| match i {
                SelectItem::Expr(e) => e.sql_type(),
                SelectItem::Entity(_) => None,
            }),
            _ => None,
        }
    }

    /// The label a result column gets (`Row.name` access): a label, or the column's key.
    pub fn result_name(&self) -> Option<Rc<str>> {
        match self {
            SqlExpr::Label(n, _) => Some(n.clone()),
            SqlExpr::Col(c) => Some(c.column.key()),
            SqlExpr::Distinct(e) => e.result_name(),
            SqlExpr::Func(name, _) => Some(name.clone()),
            _ => None,
        }
    }
}

/// A mapped class in a statement, possibly aliased.
#[derive(Clone)]
pub struct Entity {
    pub mapper: Rc<Mapper>,
    pub alias: Option<Rc<Alias>>,
}

impl Entity {
    pub fn columns(&self) -> Vec<SqlExpr> {
        self.mapper
            .columns
            .iter()
            .map(|(_, c)| SqlExpr::col(c.clone(), self.alias.clone()))
            .collect()
    }

    pub fn same_as(&self, other: &Entity) -> bool {
        Rc::ptr_eq(&self.mapper, &other.mapper)
            && match (&self.alias, &other.alias) {
                (None, None) => true,
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                _ => false,
            }
    }
}

#[derive(Clone)]
pub enum SelectItem {
    Entity(Entity),
    Expr(SqlExpr),
}

/// Something to select from or join to.
#[derive(Clone)]
pub enum FromItem {
    Table(Rc<Table>, Option<Rc<Alias>>),
    Subquery(Rc<SelectStmt>, Rc<Alias>),
}

impl FromItem {
    pub fn same_as(&self, other: &FromItem) -> bool {
        match (self, other) {
            (FromItem::Table(a, x), FromItem::Table(b, y)) => {
                Rc::ptr_eq(a, b)
                    && match (x, y) {
                        (None, None) => true,
                        (Some(p), Some(q)) => Rc::ptr_eq(p, q),
                        _ => false,
                    }
            }
            (FromItem::Subquery(_, a), FromItem::Subquery(_, b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

#[derive(Clone)]
pub struct Join {
    pub target: FromItem,
    pub on: Option<SqlExpr>,
    pub outer: bool,
    /// Why the ON clause could not be worked out: raised when the statement runs (as
    /// SQLAlchemy resolves joins at compile time, not when `join()` is called).
    pub error: Option<crate::object::PyErr>,
}

/// A SELECT statement (legacy `Query` and 2.0 `select()` both build one).
#[derive(Clone, Default)]
pub struct SelectStmt {
    pub items: Vec<SelectItem>,
    /// Explicit `select_from(...)`; otherwise FROM is inferred from the items and criteria.
    pub from: Vec<FromItem>,
    pub joins: Vec<Join>,
    pub where_: Vec<SqlExpr>,
    pub group_by: Vec<SqlExpr>,
    pub having: Vec<SqlExpr>,
    pub order_by: Vec<SqlExpr>,
    pub limit: Option<SqlExpr>,
    pub offset: Option<SqlExpr>,
    pub distinct: bool,
    /// Relationship joins already made (so `filter` on the target needs no second join).
    pub joined_rels: Vec<Rc<RelProp>>,
}

impl SelectStmt {
    /// The entity of the first item, if it is one (`Query(User)` → User).
    pub fn first_entity(&self) -> Option<&Entity> {
        match self.items.first()? {
            SelectItem::Entity(e) => Some(e),
            SelectItem::Expr(_) => None,
        }
    }

    /// True when the statement selects exactly one mapped entity.
    pub fn is_single_entity(&self) -> bool {
        self.items.len() == 1 && self.first_entity().is_some()
    }
}

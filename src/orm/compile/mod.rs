//! SQL text from statements, in the dialect GlueSQL executes: identifiers quoted where
//! needed, values bound as `$n` parameters. The text produced here is exactly what runs and
//! what the SQL log shows.

mod expr;
mod select;
pub use select::collect_tables;

use super::mapper::Mapper;
use super::sql::{Alias, Entity, FromItem, SelectStmt, SqlExpr};
use super::table::{Column, Table};
use crate::object::{Instance, PyResult, Value};
use crate::schema::SqlType;
use gluesql::core::data::Value as SqlValue;
use std::rc::Rc;

const RESERVED: &[&str] = &[
    "all",
    "and",
    "as",
    "asc",
    "between",
    "by",
    "case",
    "check",
    "column",
    "constraint",
    "create",
    "cross",
    "current",
    "default",
    "delete",
    "desc",
    "distinct",
    "drop",
    "else",
    "end",
    "exists",
    "false",
    "foreign",
    "from",
    "full",
    "group",
    "having",
    "in",
    "index",
    "inner",
    "insert",
    "interval",
    "into",
    "is",
    "join",
    "key",
    "left",
    "like",
    "limit",
    "not",
    "null",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "primary",
    "references",
    "right",
    "select",
    "set",
    "table",
    "then",
    "to",
    "true",
    "union",
    "unique",
    "update",
    "user",
    "using",
    "values",
    "when",
    "where",
    "with",
];

/// An identifier as SQL text: quoted when it is a reserved word or not plain lowercase.
pub fn ident(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain && !RESERVED.contains(&name) {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// Where each selected item's values are in a result row.
#[derive(Clone)]
pub enum Slot {
    /// An entity's columns, in mapper order, starting at `start`.
    Entity { entity: Entity, start: usize },
    /// One value, with the type it reads back as and the name `Row` exposes.
    Value {
        index: usize,
        sql_type: Option<SqlType>,
        name: Option<Rc<str>>,
    },
}

pub struct Compiled {
    pub sql: String,
    pub params: Vec<SqlValue>,
    pub slots: Vec<Slot>,
}

/// Reads an instance's attribute for an `InstanceParam` (the ORM loads it if expired).
pub type InstanceValue<'a> = dyn FnMut(&Rc<Instance>, &Rc<Column>) -> PyResult<Value> + 'a;

/// How an expression's truth value is used: GlueSQL makes `x OR y` NULL whenever either side
/// is NULL (and `x AND y` likewise), where SQL gives TRUE for `NULL OR TRUE` and FALSE for
/// `NULL AND FALSE`. Where only truth matters (WHERE, ON, HAVING), the compiler coalesces
/// possibly-NULL operands to the value that keeps SQL's answer.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Truth {
    /// A value is wanted (select list, function arguments): rendered as is.
    Value,
    /// Rows pass when TRUE (NULL counts as FALSE).
    Positive,
    /// Under a NOT in a positive context (NULL counts as TRUE).
    Negative,
}

pub(super) struct Compiler<'a, 'b> {
    params: Vec<SqlValue>,
    aliases: Vec<(Rc<Alias>, String)>,
    instance_value: &'a mut InstanceValue<'b>,
    truth: Truth,
    /// Tables reached through LEFT OUTER JOIN: their columns may be NULL.
    outer_joined: Vec<FromItem>,
}

/// Compiles a SELECT.
pub fn compile_select(
    stmt: &SelectStmt,
    instance_value: &mut InstanceValue<'_>,
) -> PyResult<Compiled> {
    let mut c = Compiler {
        params: Vec::new(),
        aliases: Vec::new(),
        instance_value,
        truth: Truth::Value,
        outer_joined: Vec::new(),
    };
    let mut slots = Vec::new();
    let sql = c.select(stmt, &[], Some(&mut slots))?;
    Ok(Compiled {
        sql,
        params: c.params,
        slots,
    })
}

/// `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)` for rows of already-converted values.
pub fn insert(table: &Table, columns: &[Rc<Column>], rows: Vec<Vec<SqlValue>>) -> Compiled {
    let mut params = Vec::new();
    let mut values = Vec::new();
    for row in rows {
        let mut marks = Vec::new();
        for v in row {
            params.push(v);
            marks.push(format!("${}", params.len()));
        }
        values.push(format!("({})", marks.join(", ")));
    }
    let names: Vec<String> = columns
        .iter()
        .map(|c| ident(&c.name().unwrap_or_default()))
        .collect();
    Compiled {
        sql: format!(
            "INSERT INTO {} ({}) VALUES {}",
            ident(&table.name),
            names.join(", "),
            values.join(", ")
        ),
        params,
        slots: Vec::new(),
    }
}

/// `UPDATE t SET a=$1 WHERE t.id = $2` for one row identified by its primary key.
pub fn update_row(
    table: &Table,
    set: &[(Rc<Column>, SqlValue)],
    key: &[(Rc<Column>, SqlValue)],
) -> Compiled {
    let mut params = Vec::new();
    let mut sets = Vec::new();
    for (c, v) in set {
        params.push(v.clone());
        sets.push(format!(
            "{} = ${}",
            ident(&c.name().unwrap_or_default()),
            params.len()
        ));
    }
    let mut conds = Vec::new();
    for (c, v) in key {
        params.push(v.clone());
        conds.push(format!(
            "{}.{} = ${}",
            ident(&table.name),
            ident(&c.name().unwrap_or_default()),
            params.len()
        ));
    }
    Compiled {
        sql: format!(
            "UPDATE {} SET {} WHERE {}",
            ident(&table.name),
            sets.join(", "),
            conds.join(" AND ")
        ),
        params,
        slots: Vec::new(),
    }
}

/// `DELETE FROM t WHERE t.a = $1 AND t.b = $2` for one row (by key or by all given columns).
pub fn delete_row(table: &Table, key: &[(Rc<Column>, SqlValue)]) -> Compiled {
    let mut params = Vec::new();
    let mut conds = Vec::new();
    for (c, v) in key {
        let col = format!(
            "{}.{}",
            ident(&table.name),
            ident(&c.name().unwrap_or_default())
        );
        if matches!(v, SqlValue::Null) {
            conds.push(format!("{col} IS NULL"));
        } else {
            params.push(v.clone());
            conds.push(format!("{col} = ${}", params.len()));
        }
    }
    Compiled {
        sql: format!(
            "DELETE FROM {} WHERE {}",
            ident(&table.name),
            conds.join(" AND ")
        ),
        params,
        slots: Vec::new(),
    }
}

/// `UPDATE t SET ... WHERE <criteria>` / `DELETE FROM t WHERE <criteria>` (bulk, from a query).
pub fn bulk(
    table: &Table,
    set: Option<&[(Rc<Column>, SqlExpr)]>,
    criteria: &[SqlExpr],
    instance_value: &mut InstanceValue<'_>,
) -> PyResult<Compiled> {
    let mut c = Compiler {
        params: Vec::new(),
        aliases: Vec::new(),
        instance_value,
        truth: Truth::Value,
        outer_joined: Vec::new(),
    };
    let mut sql = match set {
        Some(pairs) => {
            let mut parts = Vec::new();
            for (col, e) in pairs {
                let v = c.expr(e, &[])?;
                parts.push(format!("{} = {v}", ident(&col.name().unwrap_or_default())));
            }
            format!("UPDATE {} SET {}", ident(&table.name), parts.join(", "))
        }
        None => format!("DELETE FROM {}", ident(&table.name)),
    };
    if !criteria.is_empty() {
        let w = c.condition(&SqlExpr::and(criteria.to_vec()), &[])?;
        sql.push_str(&format!(" WHERE {w}"));
    }
    Ok(Compiled {
        sql,
        params: c.params,
        slots: Vec::new(),
    })
}

/// The mapper of an entity-only statement, for loading rows.
pub fn single_mapper(stmt: &SelectStmt) -> Option<Rc<Mapper>> {
    stmt.first_entity().map(|e| e.mapper.clone())
}

/// An expression as SQL text with `$n` placeholders (what `str(expression)` shows).
pub fn expr_text(e: &SqlExpr) -> String {
    let mut read = |_: &Rc<Instance>, _: &Rc<Column>| -> PyResult<Value> { Ok(Value::None) };
    let mut c = Compiler {
        params: Vec::new(),
        aliases: Vec::new(),
        instance_value: &mut read,
        truth: Truth::Value,
        outer_joined: Vec::new(),
    };
    c.expr(e, &[]).unwrap_or_default()
}

/// A statement as SQL text (what `str(query)` shows), without running it.
pub fn select_text(stmt: &SelectStmt) -> String {
    let mut read = |_: &Rc<Instance>, _: &Rc<Column>| -> PyResult<Value> { Ok(Value::None) };
    compile_select(stmt, &mut read)
        .map(|c| c.sql)
        .unwrap_or_default()
}

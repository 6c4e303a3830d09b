//! SQL text from statements, in the dialect GlueSQL executes: identifiers quoted where
//! needed, values bound as `$n` parameters. The text produced here is exactly what runs and
//! what the SQL log shows.

use super::mapper::Mapper;
use super::sql::{Alias, ColRef, Entity, FromItem, SelectItem, SelectStmt, SqlExpr};
use super::table::{Column, Table};
use super::types::to_sql;
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
enum Truth {
    /// A value is wanted (select list, function arguments): rendered as is.
    Value,
    /// Rows pass when TRUE (NULL counts as FALSE).
    Positive,
    /// Under a NOT in a positive context (NULL counts as TRUE).
    Negative,
}

struct Compiler<'a, 'b> {
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

impl Compiler<'_, '_> {
    fn alias_name(&mut self, a: &Rc<Alias>) -> String {
        if let Some((_, n)) = self.aliases.iter().find(|(x, _)| Rc::ptr_eq(x, a)) {
            return n.clone();
        }
        let name = match &a.name {
            Some(n) => n.to_string(),
            None => {
                let base = if a.table.name.is_empty() {
                    "anon"
                } else {
                    &a.table.name
                };
                let n = self
                    .aliases
                    .iter()
                    .filter(|(x, _)| x.name.is_none() && x.table.name == a.table.name)
                    .count()
                    + 1;
                format!("{base}_{n}")
            }
        };
        self.aliases.push((a.clone(), name.clone()));
        name
    }

    fn col(&mut self, c: &ColRef) -> String {
        let table = match &c.alias {
            Some(a) => self.alias_name(a),
            None => c.column.table().map(|t| t.to_string()).unwrap_or_default(),
        };
        let name = c.column.name().unwrap_or_default();
        if table.is_empty() {
            ident(&name)
        } else {
            format!("{}.{}", ident(&table), ident(&name))
        }
    }

    fn param(&mut self, v: &Value, t: Option<&SqlType>) -> PyResult<String> {
        let sv = to_sql(v, t)?;
        if matches!(sv, SqlValue::Null) {
            return Ok("NULL".into());
        }
        self.params.push(sv);
        Ok(format!("${}", self.params.len()))
    }

    /// An expression whose truth filters rows (WHERE, ON, HAVING).
    fn condition(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        let saved = std::mem::replace(&mut self.truth, Truth::Positive);
        let r = self.expr(e, outer);
        self.truth = saved;
        r
    }

    /// An expression in value position (operands, arguments, the select list).
    fn value(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        let saved = std::mem::replace(&mut self.truth, Truth::Value);
        let r = self.expr(e, outer);
        self.truth = saved;
        r
    }

    /// Whether a predicate may evaluate to NULL (a nullable or outer-joined column, a NULL).
    fn maybe_null(&self, e: &SqlExpr) -> bool {
        match e {
            SqlExpr::Col(c) => {
                c.column.is_nullable()
                    || self.outer_joined.iter().any(|f| match (f, &c.alias) {
                        (FromItem::Table(t, Some(a)), Some(b)) => {
                            Rc::ptr_eq(a, b)
                                && c.column.table_ref().is_some_and(|ct| Rc::ptr_eq(&ct, t))
                        }
                        (FromItem::Table(t, None), None) => {
                            c.column.table_ref().is_some_and(|ct| Rc::ptr_eq(&ct, t))
                        }
                        _ => false,
                    })
            }
            SqlExpr::Param(v, _) => v.is_none(),
            SqlExpr::InstanceParam(..) => true,
            SqlExpr::Null
            | SqlExpr::Text(_)
            | SqlExpr::Func(..)
            | SqlExpr::ScalarSubquery(_)
            | SqlExpr::InSelect(..)
            | SqlExpr::Case(..) => true,
            SqlExpr::Bool(_) | SqlExpr::IsNull(..) | SqlExpr::Exists(_) | SqlExpr::Star => false,
            SqlExpr::Binary(a, _, b) => self.maybe_null(a) || self.maybe_null(b),
            SqlExpr::And(parts) | SqlExpr::Or(parts) => parts.iter().any(|p| self.maybe_null(p)),
            SqlExpr::Not(x)
            | SqlExpr::Neg(x)
            | SqlExpr::Distinct(x)
            | SqlExpr::Label(_, x)
            | SqlExpr::Desc(x)
            | SqlExpr::Asc(x) => self.maybe_null(x),
            SqlExpr::In(x, items, _) => {
                self.maybe_null(x) || items.iter().any(|i| self.maybe_null(i))
            }
            SqlExpr::Between(a, b, c) => {
                self.maybe_null(a) || self.maybe_null(b) || self.maybe_null(c)
            }
            SqlExpr::Like { expr, pattern, .. } => {
                self.maybe_null(expr) || self.maybe_null(pattern)
            }
            SqlExpr::LabelRef(_) | SqlExpr::Entity(_) => true,
        }
    }

    fn expr(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        Ok(match e {
            SqlExpr::Col(c) => self.col(c),
            SqlExpr::Param(v, t) => self.param(v, t.as_ref())?,
            SqlExpr::InstanceParam(inst, col) => {
                let v = (self.instance_value)(inst, col)?;
                self.param(&v, col.sql_type().as_ref())?
            }
            SqlExpr::Null => "NULL".into(),
            SqlExpr::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            SqlExpr::Binary(a, op, b) => {
                let l = self.operand(a, outer)?;
                let r = self.operand(b, outer)?;
                format!("{l} {} {r}", op.text())
            }
            SqlExpr::IsNull(a, negated) => {
                let l = self.operand(a, outer)?;
                format!("{l} IS {}NULL", if *negated { "NOT " } else { "" })
            }
            SqlExpr::And(parts) | SqlExpr::Or(parts) => {
                let sep = if matches!(e, SqlExpr::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                if parts.is_empty() {
                    return Ok(if matches!(e, SqlExpr::And(_)) {
                        "TRUE"
                    } else {
                        "FALSE"
                    }
                    .into());
                }
                let is_or = matches!(e, SqlExpr::Or(_));
                let coalesce = match (self.truth, is_or) {
                    (Truth::Positive, true) => Some("FALSE"),
                    (Truth::Negative, false) => Some("TRUE"),
                    _ => None,
                };
                let mut out = Vec::new();
                for p in parts {
                    let s = self.expr(p, outer)?;
                    match coalesce {
                        Some(fill) if self.maybe_null(p) => {
                            out.push(format!("COALESCE({s}, {fill})"))
                        }
                        _ => {
                            let needs_parens = matches!(
                                (e, p),
                                (SqlExpr::And(_), SqlExpr::Or(_))
                                    | (SqlExpr::Or(_), SqlExpr::And(_))
                            );
                            out.push(if needs_parens { format!("({s})") } else { s });
                        }
                    }
                }
                out.join(sep)
            }
            SqlExpr::Not(inner) => {
                let flipped = match self.truth {
                    Truth::Positive => Truth::Negative,
                    Truth::Negative => Truth::Positive,
                    Truth::Value => Truth::Value,
                };
                let saved = std::mem::replace(&mut self.truth, flipped);
                let s = self.expr(inner, outer);
                self.truth = saved;
                format!("NOT ({})", s?)
            }
            SqlExpr::Neg(inner) => format!("-{}", self.operand(inner, outer)?),
            SqlExpr::Func(name, args) => {
                let mut parts = Vec::new();
                for a in args {
                    parts.push(self.value(a, outer)?);
                }
                if parts.is_empty() && name.eq_ignore_ascii_case("count") {
                    "count(*)".into()
                } else if parts.is_empty() && name.eq_ignore_ascii_case("now") {
                    "NOW()".into()
                } else {
                    format!("{name}({})", parts.join(", "))
                }
            }
            SqlExpr::Star => "*".into(),
            SqlExpr::Distinct(inner) => format!("DISTINCT {}", self.value(inner, outer)?),
            SqlExpr::Label(name, inner) => {
                format!("{} AS {}", self.value(inner, outer)?, ident(name))
            }
            SqlExpr::LabelRef(name) => ident(name),
            SqlExpr::Desc(inner) => format!("{} DESC", self.value(inner, outer)?),
            SqlExpr::Asc(inner) => format!("{} ASC", self.value(inner, outer)?),
            SqlExpr::In(a, items, negated) => {
                if items.is_empty() {
                    return Ok(if *negated { "TRUE" } else { "FALSE" }.into());
                }
                let l = self.operand(a, outer)?;
                let mut parts = Vec::new();
                for i in items {
                    parts.push(self.value(i, outer)?);
                }
                format!(
                    "{l} {}IN ({})",
                    if *negated { "NOT " } else { "" },
                    parts.join(", ")
                )
            }
            SqlExpr::InSelect(a, stmt, negated) => {
                let l = self.operand(a, outer)?;
                let sub = self.select(stmt, outer, None)?;
                format!("{l} {}IN ({sub})", if *negated { "NOT " } else { "" })
            }
            SqlExpr::Between(a, lo, hi) => {
                let l = self.operand(a, outer)?;
                let lo = self.operand(lo, outer)?;
                let hi = self.operand(hi, outer)?;
                format!("{l} BETWEEN {lo} AND {hi}")
            }
            SqlExpr::Like {
                expr,
                pattern,
                ilike,
                negated,
            } => {
                let l = self.operand(expr, outer)?;
                let p = self.operand(pattern, outer)?;
                format!(
                    "{l} {}{} {p}",
                    if *negated { "NOT " } else { "" },
                    if *ilike { "ILIKE" } else { "LIKE" }
                )
            }
            SqlExpr::Exists(stmt) => format!("EXISTS ({})", self.select(stmt, outer, None)?),
            SqlExpr::ScalarSubquery(stmt) => format!("({})", self.select(stmt, outer, None)?),
            SqlExpr::Text(t) => t.to_string(),
            SqlExpr::Case(whens, otherwise) => {
                let mut out = String::from("CASE");
                for (cond, then) in whens {
                    let c = self.condition(cond, outer)?;
                    let t = self.value(then, outer)?;
                    out.push_str(&format!(" WHEN {c} THEN {t}"));
                }
                if let Some(e) = otherwise {
                    out.push_str(&format!(" ELSE {}", self.value(e, outer)?));
                }
                out.push_str(" END");
                out
            }
            SqlExpr::Entity(ent) => {
                let mut parts = Vec::new();
                for c in ent.columns() {
                    parts.push(self.expr(&c, outer)?);
                }
                parts.join(", ")
            }
        })
    }

    /// An operand of a binary operator: parenthesised when it is itself compound.
    fn operand(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        let s = self.value(e, outer)?;
        Ok(match e {
            SqlExpr::Binary(..) | SqlExpr::And(_) | SqlExpr::Or(_) | SqlExpr::Between(..) => {
                format!("({s})")
            }
            _ => s,
        })
    }

    fn render_from(&mut self, f: &FromItem, outer: &[FromItem]) -> PyResult<String> {
        Ok(match f {
            FromItem::Table(t, None) => ident(&t.name),
            FromItem::Table(t, Some(a)) => {
                let n = self.alias_name(a);
                format!("{} AS {}", ident(&t.name), ident(&n))
            }
            FromItem::Subquery(stmt, a) => {
                let sub = self.select(stmt, outer, None)?;
                let n = self.alias_name(a);
                format!("({sub}) AS {}", ident(&n))
            }
        })
    }

    fn select(
        &mut self,
        stmt: &SelectStmt,
        outer: &[FromItem],
        slots: Option<&mut Vec<Slot>>,
    ) -> PyResult<String> {
        // The statement's own FROMs come first: subqueries in the select list correlate
        // against them.
        let froms = self.froms(stmt, outer);
        let mut item_scope: Vec<FromItem> = outer.to_vec();
        item_scope.extend(froms.iter().cloned());
        item_scope.extend(stmt.joins.iter().map(|j| j.target.clone()));
        let mut cols = Vec::new();
        let mut layout = Vec::new();
        let mut position = 0;
        for item in &stmt.items {
            match item {
                SelectItem::Entity(ent) => {
                    layout.push(Slot::Entity {
                        entity: ent.clone(),
                        start: position,
                    });
                    for c in ent.columns() {
                        cols.push(self.value(&c, &item_scope)?);
                        position += 1;
                    }
                }
                SelectItem::Expr(e) => {
                    layout.push(Slot::Value {
                        index: position,
                        sql_type: e.sql_type(),
                        name: e.result_name(),
                    });
                    cols.push(self.value(e, &item_scope)?);
                    position += 1;
                }
            }
        }
        if let Some(s) = slots {
            *s = layout;
        }
        let saved_outer = std::mem::replace(
            &mut self.outer_joined,
            stmt.joins
                .iter()
                .filter(|j| j.outer)
                .map(|j| j.target.clone())
                .collect(),
        );
        let sql = self.select_body(stmt, outer, cols, froms);
        self.outer_joined = saved_outer;
        sql
    }

    fn select_body(
        &mut self,
        stmt: &SelectStmt,
        outer: &[FromItem],
        cols: Vec<String>,
        froms: Vec<FromItem>,
    ) -> PyResult<String> {
        let mut sql = format!(
            "SELECT {}{}",
            if stmt.distinct { "DISTINCT " } else { "" },
            cols.join(", ")
        );
        let mut scope: Vec<FromItem> = outer.to_vec();
        scope.extend(froms.iter().cloned());
        scope.extend(stmt.joins.iter().map(|j| j.target.clone()));
        if !froms.is_empty() {
            let mut parts = Vec::new();
            for f in &froms {
                parts.push(self.render_from(f, &scope)?);
            }
            sql.push_str(" FROM ");
            sql.push_str(&parts.join(" JOIN "));
            for j in &stmt.joins {
                if let Some(e) = &j.error {
                    return Err(e.clone());
                }
                let target = self.render_from(&j.target, &scope)?;
                sql.push_str(if j.outer {
                    " LEFT OUTER JOIN "
                } else {
                    " JOIN "
                });
                sql.push_str(&target);
                if let Some(on) = &j.on {
                    sql.push_str(" ON ");
                    sql.push_str(&self.condition(on, &scope)?);
                }
            }
        }
        if !stmt.where_.is_empty() {
            let w = self.condition(&SqlExpr::and(stmt.where_.clone()), &scope)?;
            sql.push_str(&format!(" WHERE {w}"));
        }
        if !stmt.group_by.is_empty() {
            let mut parts = Vec::new();
            for g in &stmt.group_by {
                parts.push(self.value(g, &scope)?);
            }
            sql.push_str(&format!(" GROUP BY {}", parts.join(", ")));
        }
        if !stmt.having.is_empty() {
            let h = self.condition(&SqlExpr::and(stmt.having.clone()), &scope)?;
            sql.push_str(&format!(" HAVING {h}"));
        }
        if !stmt.order_by.is_empty() {
            let mut parts = Vec::new();
            for o in &stmt.order_by {
                parts.push(self.value(o, &scope)?);
            }
            sql.push_str(&format!(" ORDER BY {}", parts.join(", ")));
        }
        if let Some(l) = &stmt.limit {
            sql.push_str(&format!(" LIMIT {}", self.literal_int(l)?));
        }
        if let Some(o) = &stmt.offset {
            sql.push_str(&format!(" OFFSET {}", self.literal_int(o)?));
        }
        Ok(sql)
    }

    fn literal_int(&mut self, e: &SqlExpr) -> PyResult<String> {
        match e {
            SqlExpr::Param(Value::Int(n), _) => Ok(n.to_string()),
            other => self.expr(other, &[]),
        }
    }

    /// FROM items: explicit ones, else every table the statement refers to that is neither
    /// joined nor provided by an enclosing statement (correlation), in order of appearance.
    fn froms(&self, stmt: &SelectStmt, outer: &[FromItem]) -> Vec<FromItem> {
        if !stmt.from.is_empty() {
            return stmt.from.clone();
        }
        let mut found: Vec<FromItem> = Vec::new();
        let mut add = |f: FromItem| {
            if !found.iter().any(|x| x.same_as(&f)) {
                found.push(f);
            }
        };
        for item in &stmt.items {
            match item {
                SelectItem::Entity(e) => {
                    add(FromItem::Table(e.mapper.table.clone(), e.alias.clone()))
                }
                SelectItem::Expr(e) => collect_tables(e, &mut add),
            }
        }
        for e in stmt
            .where_
            .iter()
            .chain(&stmt.group_by)
            .chain(&stmt.having)
            .chain(&stmt.order_by)
        {
            collect_tables(e, &mut add);
        }
        let joined: Vec<FromItem> = stmt.joins.iter().map(|j| j.target.clone()).collect();
        let result: Vec<FromItem> = found
            .into_iter()
            .filter(|f| !joined.iter().any(|j| j.same_as(f)))
            .collect();
        // Auto-correlation: tables the enclosing statement provides are not repeated, unless
        // that would leave the subquery without any FROM.
        let own: Vec<FromItem> = result
            .iter()
            .filter(|f| !outer.iter().any(|o| o.same_as(f)))
            .cloned()
            .collect();
        if own.is_empty() {
            result
        } else {
            own
        }
    }
}

/// Every table (or alias) an expression refers to, outside nested SELECTs.
pub fn collect_tables(e: &SqlExpr, add: &mut dyn FnMut(FromItem)) {
    match e {
        SqlExpr::Col(c) => {
            if let Some(a) = &c.alias {
                add(FromItem::Table(a.table.clone(), Some(a.clone())));
            } else if let Some(table) = c.column.table_ref() {
                add(FromItem::Table(table, None));
            }
        }
        SqlExpr::Binary(a, _, b) => {
            collect_tables(a, add);
            collect_tables(b, add);
        }
        SqlExpr::IsNull(a, _)
        | SqlExpr::Not(a)
        | SqlExpr::Neg(a)
        | SqlExpr::Distinct(a)
        | SqlExpr::Label(_, a)
        | SqlExpr::Desc(a)
        | SqlExpr::Asc(a)
        | SqlExpr::InSelect(a, _, _) => collect_tables(a, add),
        SqlExpr::And(parts) | SqlExpr::Or(parts) | SqlExpr::Func(_, parts) => {
            parts.iter().for_each(|p| collect_tables(p, add))
        }
        SqlExpr::In(a, items, _) => {
            collect_tables(a, add);
            items.iter().for_each(|p| collect_tables(p, add));
        }
        SqlExpr::Between(a, b, c) => {
            collect_tables(a, add);
            collect_tables(b, add);
            collect_tables(c, add);
        }
        SqlExpr::Like { expr, pattern, .. } => {
            collect_tables(expr, add);
            collect_tables(pattern, add);
        }
        SqlExpr::Case(whens, otherwise) => {
            for (c, t) in whens {
                collect_tables(c, add);
                collect_tables(t, add);
            }
            if let Some(o) = otherwise {
                collect_tables(o, add);
            }
        }
        SqlExpr::Entity(ent) => add(FromItem::Table(ent.mapper.table.clone(), ent.alias.clone())),
        _ => {}
    }
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

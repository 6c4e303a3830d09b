//! SELECT statements as SQL text: the select list, FROM (inferred, correlated), joins,
//! criteria, grouping, ordering, limits.

use super::*;
use crate::object::{PyResult, Value};
use crate::orm::sql::{FromItem, SelectItem, SelectStmt, SqlExpr};

impl Compiler<'_, '_> {
    pub(super) fn render_from(&mut self, f: &FromItem, outer: &[FromItem]) -> PyResult<String> {
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
    pub(super) fn select(
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
    pub(super) fn select_body(
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
    pub(super) fn literal_int(&mut self, e: &SqlExpr) -> PyResult<String> {
        match e {
            SqlExpr::Param(Value::Int(n), _) => Ok(n.to_string()),
            other => self.expr(other, &[]),
        }
    }
    /// FROM items: explicit ones, else every table the statement refers to that is neither
    /// joined nor provided by an enclosing statement (correlation), in order of appearance.
    pub(super) fn froms(&self, stmt: &SelectStmt, outer: &[FromItem]) -> Vec<FromItem> {
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

//! Expressions as SQL text: columns, parameters, operators, and SQL's three-valued logic
//! kept where GlueSQL differs.

use super::*;
use crate::object::{PyResult, Value};
use crate::orm::sql::{Alias, ColRef, FromItem, SqlExpr};
use crate::orm::types::to_sql;
use crate::schema::SqlType;
use gluesql::core::data::Value as SqlValue;
use std::rc::Rc;

impl Compiler<'_, '_> {
    pub(super) fn alias_name(&mut self, a: &Rc<Alias>) -> String {
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
    pub(super) fn col(&mut self, c: &ColRef) -> String {
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
    pub(super) fn param(&mut self, v: &Value, t: Option<&SqlType>) -> PyResult<String> {
        let sv = to_sql(v, t, self.params.len() + 1)?;
        if matches!(sv, SqlValue::Null) {
            return Ok("NULL".into());
        }
        self.params.push(sv);
        Ok(format!("${}", self.params.len()))
    }
    /// An expression whose truth filters rows (WHERE, ON, HAVING).
    pub(super) fn condition(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        let saved = std::mem::replace(&mut self.truth, Truth::Positive);
        let r = self.expr(e, outer);
        self.truth = saved;
        r
    }
    /// An expression in value position (operands, arguments, the select list).
    pub(super) fn value(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        let saved = std::mem::replace(&mut self.truth, Truth::Value);
        let r = self.expr(e, outer);
        self.truth = saved;
        r
    }
    /// Whether a predicate may evaluate to NULL (a nullable or outer-joined column, a NULL).
    pub(super) fn maybe_null(&self, e: &SqlExpr) -> bool {
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
    pub(super) fn expr(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
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
    pub(super) fn operand(&mut self, e: &SqlExpr, outer: &[FromItem]) -> PyResult<String> {
        let s = self.value(e, outer)?;
        Ok(match e {
            SqlExpr::Binary(..) | SqlExpr::And(_) | SqlExpr::Or(_) | SqlExpr::Between(..) => {
                format!("({s})")
            }
            _ => s,
        })
    }
}

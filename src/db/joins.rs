//! Comma joins and CROSS JOIN, which GlueSQL 0.20 does not translate, rewritten as inner
//! joins it runs well. SQLAlchemy writes a many-to-many lazy load or `.any()` as
//! `FROM tag, tags WHERE ? = tags.post_id AND tag.id = tags.tag_id`: each table after the
//! first becomes `JOIN <table> ON <the WHERE equalities linking it to the tables before>`
//! (so GlueSQL can plan a hash join), `ON TRUE` when there are none. The FROM order, and so
//! the row order, is kept. Subqueries are rewritten too; the SQL text shown is not.

use gluesql::core::sqlparser::ast::{
    BinaryOperator, Expr, Join, JoinConstraint, JoinOperator, Query, SelectItem, SetExpr,
    Statement, TableFactor, TableWithJoins, Value,
};

/// Rewrites every comma join and CROSS JOIN in `statement`.
pub(crate) fn rewrite(statement: &mut Statement) {
    match statement {
        Statement::Query(query) => query_mut(query),
        Statement::Insert(insert) => {
            if let Some(source) = insert.source.as_mut() {
                query_mut(source);
            }
        }
        Statement::Update { selection, .. } => opt_expr(selection),
        Statement::Delete(delete) => opt_expr(&mut delete.selection),
        _ => {}
    }
}

fn query_mut(query: &mut Query) {
    set_expr(&mut query.body);
}

fn set_expr(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => {
            for twj in &mut select.from {
                factor(&mut twj.relation);
                for join in &mut twj.joins {
                    factor(&mut join.relation);
                }
            }
            for item in &mut select.projection {
                if let SelectItem::UnnamedExpr(e) | SelectItem::ExprWithAlias { expr: e, .. } = item
                {
                    expr(e);
                }
            }
            opt_expr(&mut select.selection);
            opt_expr(&mut select.having);
            let tables = std::mem::take(&mut select.from);
            select.from = join_all(tables, &mut select.selection);
        }
        SetExpr::Query(query) => query_mut(query),
        SetExpr::SetOperation { left, right, .. } => {
            set_expr(left);
            set_expr(right);
        }
        _ => {}
    }
}

fn factor(relation: &mut TableFactor) {
    if let TableFactor::Derived { subquery, .. } = relation {
        query_mut(subquery);
    }
}

fn opt_expr(e: &mut Option<Expr>) {
    if let Some(e) = e.as_mut() {
        expr(e);
    }
}

/// Finds the subqueries inside an expression.
fn expr(e: &mut Expr) {
    match e {
        Expr::Exists { subquery, .. } | Expr::Subquery(subquery) => query_mut(subquery),
        Expr::InSubquery {
            expr: e, subquery, ..
        } => {
            expr(e);
            query_mut(subquery);
        }
        Expr::BinaryOp { left, right, .. } => {
            expr(left);
            expr(right);
        }
        Expr::UnaryOp { expr: e, .. }
        | Expr::Nested(e)
        | Expr::IsNull(e)
        | Expr::IsNotNull(e)
        | Expr::Cast { expr: e, .. } => expr(e),
        Expr::Between {
            expr: e, low, high, ..
        } => {
            expr(e);
            expr(low);
            expr(high);
        }
        Expr::InList { expr: e, list, .. } => {
            expr(e);
            list.iter_mut().for_each(expr);
        }
        _ => {}
    }
}

/// One FROM item: the first table, each later one joined on the WHERE equalities that link
/// it to the tables before it (taken out of `selection`).
fn join_all(tables: Vec<TableWithJoins>, selection: &mut Option<Expr>) -> Vec<TableWithJoins> {
    let crossing = tables.len() > 1
        || tables.iter().any(|t| {
            t.joins
                .iter()
                .any(|j| j.join_operator == JoinOperator::CrossJoin)
        });
    if !crossing {
        return tables;
    }
    let mut conjuncts = Vec::new();
    if let Some(where_) = selection.take() {
        split_and(where_, &mut conjuncts);
    }
    let mut items = tables.into_iter();
    let Some(mut first) = items.next() else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    let mut pending: Vec<Join> = std::mem::take(&mut first.joins);
    seen.push(alias(&first.relation));
    for item in items {
        pending.push(Join {
            relation: item.relation,
            global: false,
            join_operator: JoinOperator::CrossJoin,
        });
        pending.extend(item.joins);
    }
    for mut join in pending {
        let name = alias(&join.relation);
        if join.join_operator == JoinOperator::CrossJoin {
            let (on, rest): (Vec<Expr>, Vec<Expr>) =
                conjuncts.into_iter().partition(|c| links(c, &name, &seen));
            conjuncts = rest;
            let on = and_all(on).unwrap_or(Expr::Value(Value::Boolean(true)));
            join.join_operator = JoinOperator::Inner(JoinConstraint::On(on));
        }
        seen.push(name);
        first.joins.push(join);
    }
    *selection = and_all(conjuncts);
    vec![first]
}

/// The name columns of a FROM item are qualified with.
fn alias(relation: &TableFactor) -> String {
    match relation {
        TableFactor::Table { alias: Some(a), .. } | TableFactor::Derived { alias: Some(a), .. } => {
            a.name.value.clone()
        }
        TableFactor::Table { name, .. } => {
            name.0.last().map(|i| i.value.clone()).unwrap_or_default()
        }
        _ => String::new(),
    }
}

fn split_and(e: Expr, out: &mut Vec<Expr>) {
    match e {
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            split_and(*left, out);
            split_and(*right, out);
        }
        e => out.push(e),
    }
}

fn and_all(conjuncts: Vec<Expr>) -> Option<Expr> {
    conjuncts.into_iter().reduce(|left, right| Expr::BinaryOp {
        left: Box::new(left),
        op: BinaryOperator::And,
        right: Box::new(right),
    })
}

/// `a.x = b.y` where one side is a column of `table` and the other of a table before it.
fn links(e: &Expr, table: &str, before: &[String]) -> bool {
    let Expr::BinaryOp {
        left,
        op: BinaryOperator::Eq,
        right,
    } = e
    else {
        return false;
    };
    let qualifier = |e: &Expr| match e {
        Expr::CompoundIdentifier(parts) if parts.len() == 2 => {
            parts.first().map(|i| i.value.clone())
        }
        _ => None,
    };
    match (qualifier(left), qualifier(right)) {
        (Some(l), Some(r)) => {
            (l == table && before.contains(&r)) || (r == table && before.contains(&l))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::sql::parse;

    fn rewritten(sql: &str) -> String {
        let mut statements = parse(sql).unwrap_or_default();
        statements.iter_mut().for_each(rewrite);
        statements
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    }

    #[test]
    fn comma_joins_become_joins_on_the_linking_equalities() {
        assert_eq!(
            rewritten(
                "SELECT tag.id FROM tag, tags WHERE $1 = tags.post_id AND tag.id = tags.tag_id"
            ),
            "SELECT tag.id FROM tag JOIN tags ON tag.id = tags.tag_id WHERE $1 = tags.post_id"
        );
        assert_eq!(
            rewritten("SELECT * FROM a CROSS JOIN b"),
            "SELECT * FROM a JOIN b ON true"
        );
        assert_eq!(
            rewritten("SELECT p.id FROM post AS p WHERE EXISTS (SELECT 1 FROM tags, tag WHERE p.id = tags.post_id AND tag.id = tags.tag_id AND tag.name = $1)"),
            "SELECT p.id FROM post AS p WHERE EXISTS (SELECT 1 FROM tags JOIN tag ON tag.id = tags.tag_id WHERE p.id = tags.post_id AND tag.name = $1)"
        );
        let plain = "SELECT a.id FROM a JOIN b ON a.id = b.a_id WHERE a.id = 1";
        assert_eq!(rewritten(plain), plain);
    }
}

//! Secondary indexes: an ordered set of (column keys, row key) entries kept beside a table's
//! rows, so that equality and range lookups, ordered scans and UNIQUE checks cost O(log n)
//! instead of a table scan. Persistent (`im`), so snapshots share them.

use gluesql::core::{
    ast::{Expr, IndexOperator},
    data::{Key, Row, Value},
    error::Result,
    executor::{evaluate_stateless, RowContext},
    plan::{plan_scalar_expr, ExprPlan},
};
use im::OrdSet;
use serde::{Deserialize, Serialize};
use std::{borrow::Cow, ops::Bound, rc::Rc, sync::Arc};

/// Where an entry sits among the entries that share its column keys: real rows sit between
/// the two sentinels, which only ever appear in range bounds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Slot {
    First,
    Row(Key),
    Last,
}

type Entry = (Vec<Key>, Slot);

/// One index over one or more columns of a table, or over an expression (`id + num`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Index {
    pub name: String,
    /// Column positions in the table (none for an expression index).
    pub columns: Vec<usize>,
    pub expr: Option<Expr>,
    pub unique: bool,
    /// Backs a UNIQUE or PRIMARY KEY constraint, so DROP INDEX may not remove it.
    pub constraint: bool,
    /// What evaluating `expr` on a row needs (see `bind`).
    #[serde(skip)]
    bound: Option<Arc<Evaluator>>,
    /// Rebuilt from the rows after loading, never saved. Shared entries: copying a tree
    /// node (after a snapshot) copies pointers.
    #[serde(skip)]
    entries: OrdSet<Arc<Entry>>,
}

/// An expression index's table name, column names and planned expression.
#[derive(Debug)]
struct Evaluator {
    table: String,
    names: Vec<String>,
    plan: ExprPlan,
}

impl Index {
    pub fn new(name: String, columns: Vec<usize>, unique: bool) -> Index {
        Index {
            name,
            columns,
            expr: None,
            unique,
            constraint: false,
            bound: None,
            entries: OrdSet::new(),
        }
    }

    /// An index over an expression of the table's columns.
    pub fn on_expr(name: String, expr: Expr) -> Index {
        Index {
            expr: Some(expr),
            ..Index::new(name, Vec::new(), false)
        }
    }

    /// Prepares an expression index to evaluate rows of `table` with these columns.
    pub fn bind(&mut self, table: &str, names: &[String]) {
        self.bound = self.expr.as_ref().map(|expr| {
            Arc::new(Evaluator {
                table: table.to_owned(),
                names: names.to_vec(),
                plan: plan_scalar_expr(expr.clone()),
            })
        });
    }

    /// The keys of a row's indexed columns (or of the expression's value).
    pub fn keys_of(&self, row: &[Value]) -> Result<Vec<Key>> {
        if let Some(b) = &self.bound {
            let row = Row {
                columns: Rc::from(b.names.as_slice()),
                values: row.to_vec(),
            };
            let context = RowContext::new(&b.table, Cow::Owned(row), None);
            return Ok(vec![Key::try_from(evaluate_stateless(
                Some(context),
                &b.plan,
            )?)?]);
        }
        self.columns
            .iter()
            .map(|&c| Key::try_from(row.get(c).unwrap_or(&Value::Null)))
            .collect()
    }

    /// The row already holding `keys` under a UNIQUE index, other than `row_key` itself.
    /// Entries with a NULL key never conflict (SQL's rule).
    pub fn conflict(&self, keys: &[Key], row_key: &Key) -> Option<&Key> {
        if !self.unique || keys.contains(&Key::None) {
            return None;
        }
        self.rows_with(keys).find(|k| *k != row_key)
    }

    pub fn insert(&mut self, keys: Vec<Key>, row_key: Key) {
        self.entries.insert(Arc::new((keys, Slot::Row(row_key))));
    }

    pub fn remove(&mut self, keys: Vec<Key>, row_key: Key) {
        self.entries.remove(&(keys, Slot::Row(row_key)));
    }

    pub fn clear(&mut self) {
        self.entries = OrdSet::new();
    }

    /// Row keys whose indexed columns equal `keys`, in row-key order.
    pub fn rows_with<'a>(&'a self, keys: &[Key]) -> impl Iterator<Item = &'a Key> + 'a {
        let lo = (keys.to_vec(), Slot::First);
        let hi = (keys.to_vec(), Slot::Last);
        let range = (Bound::Included(lo), Bound::Included(hi));
        self.entries
            .range::<_, Entry>(range)
            .filter_map(|e| slot_row(e))
    }

    /// Row keys in index order (descending when `asc` is false), limited to the entries
    /// whose first column compares to `cmp` as `op` says. NULL sorts last, as `Key::None`
    /// does; `Eq NULL` (IS NULL) and `Lt NULL` (IS NOT NULL) are what GlueSQL's planner asks.
    pub fn scan<'a>(
        &'a self,
        asc: bool,
        cmp: Option<(&IndexOperator, Key)>,
    ) -> Box<dyn Iterator<Item = &'a Key> + 'a> {
        let bound = |key: &Key, slot| Some((vec![key.clone()], slot));
        let (lo, hi, skip_null) = match &cmp {
            None => (None, None, false),
            Some((op, key)) => match op {
                IndexOperator::Eq => (bound(key, Slot::First), bound(key, Slot::Last), false),
                IndexOperator::Lt => (None, bound(key, Slot::First), false),
                IndexOperator::LtEq => (None, bound(key, Slot::Last), false),
                IndexOperator::Gt => (bound(key, Slot::Last), None, true),
                IndexOperator::GtEq => (bound(key, Slot::First), None, true),
            },
        };
        let lo = lo.map_or(Bound::Unbounded, Bound::Included);
        let hi = hi.map_or(Bound::Unbounded, Bound::Included);
        let range = self.entries.range::<_, Entry>((lo, hi));
        let not_null = move |e: &&Arc<Entry>| !(skip_null && e.0.first() == Some(&Key::None));
        if asc {
            Box::new(range.filter(not_null).filter_map(|e| slot_row(e)))
        } else {
            Box::new(range.rev().filter(not_null).filter_map(|e| slot_row(e)))
        }
    }
}

fn slot_row(entry: &Entry) -> Option<&Key> {
    match &entry.1 {
        Slot::Row(key) => Some(key),
        Slot::First | Slot::Last => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(values: &[Option<i64>]) -> Index {
        let mut ix = Index::new("ix".into(), vec![0], false);
        for (i, v) in values.iter().enumerate() {
            let k = v.map_or(Key::None, Key::I64);
            ix.insert(vec![k], Key::I64(i as i64));
        }
        ix
    }

    fn rows<'a>(it: impl Iterator<Item = &'a Key>) -> Vec<i64> {
        it.map(|k| match k {
            Key::I64(i) => *i,
            _ => -1,
        })
        .collect()
    }

    #[test]
    fn ranges_follow_the_operator_and_skip_nulls_for_greater_than() {
        let ix = index(&[Some(5), None, Some(3), Some(5), Some(9)]);
        let scan = |op, v| rows(ix.scan(true, Some((&op, Key::I64(v)))));
        assert_eq!(scan(IndexOperator::Eq, 5), vec![0, 3]);
        assert_eq!(scan(IndexOperator::Lt, 5), vec![2]);
        assert_eq!(scan(IndexOperator::LtEq, 5), vec![2, 0, 3]);
        assert_eq!(scan(IndexOperator::Gt, 5), vec![4]);
        assert_eq!(scan(IndexOperator::GtEq, 5), vec![0, 3, 4]);
        assert_eq!(
            rows(ix.scan(true, Some((&IndexOperator::Eq, Key::None)))),
            vec![1]
        );
        assert_eq!(
            rows(ix.scan(true, Some((&IndexOperator::Lt, Key::None)))),
            vec![2, 0, 3, 4]
        );
        assert_eq!(rows(ix.scan(false, None)), vec![1, 4, 3, 0, 2]);
    }

    #[test]
    fn unique_conflicts_ignore_nulls_and_the_row_itself() {
        let mut ix = Index::new("uq".into(), vec![0, 1], true);
        ix.insert(vec![Key::I64(1), Key::I64(2)], Key::I64(10));
        ix.insert(vec![Key::I64(1), Key::None], Key::I64(11));
        let pair = [Key::I64(1), Key::I64(2)];
        assert_eq!(ix.conflict(&pair, &Key::I64(12)), Some(&Key::I64(10)));
        assert_eq!(ix.conflict(&pair, &Key::I64(10)), None);
        assert_eq!(ix.conflict(&[Key::I64(1), Key::None], &Key::I64(12)), None);
        ix.remove(pair.to_vec(), Key::I64(10));
        assert_eq!(ix.conflict(&pair, &Key::I64(12)), None);
    }
}

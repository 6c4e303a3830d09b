//! How GlueSQL reaches rows through indexes: `scan_indexed_data` (equality, ranges and
//! ordered scans), CREATE/DROP INDEX, and the planner with GlueSQL's index pass added.

use super::index::Index as TableIndex;
use super::store::Store;
use super::table::{fail, Table};
use gluesql::core::{
    ast::{Expr, IndexOperator, OrderByExpr},
    data::{Key, SchemaIndex, Tribool, Value},
    error::{IndexError, Result},
    plan::StatementPlan,
    planner::{
        fetch_schema_map, plan_aggregate, plan_hash_join, plan_index, plan_primary_key,
        plan_schemaless, validate,
    },
    store::{Index, IndexMut, Planner, RowIter},
};

impl Index for Store {
    fn scan_indexed_data<'a>(
        &'a self,
        table_name: &str,
        index_name: &str,
        asc: Option<bool>,
        cmp_value: Option<(&IndexOperator, Value)>,
    ) -> Result<RowIter<'a>> {
        let t = self.table(table_name)?;
        let index = t.indexes.iter().find(|ix| ix.name == index_name);
        let index = index.ok_or_else(|| IndexError::IndexNameDoesNotExist(index_name.into()))?;
        let row = move |k: &Key| t.rows.get(k).map(|r| Ok((k.clone(), r.to_vec())));
        let column = match index.columns.as_slice() {
            [column] => *column,
            // An expression index: its keys have the expression's own type.
            _ => {
                let cmp = cmp_value.map(|(op, v)| Key::try_from(v).map(|k| (op, k)));
                let scan = index.scan(asc != Some(false), cmp.transpose()?);
                return Ok(Box::new(scan.filter_map(row)));
            }
        };
        let cmp = match cmp_value {
            None => None,
            Some((op, value)) => match index_key(t, column, &value) {
                Some(key) => Some((op, key)),
                // A value of another type: compare as GlueSQL's evaluator would.
                None => {
                    let op = op.clone();
                    let rows = t.rows.iter().filter(move |(_, r)| {
                        r.get(column).is_some_and(|v| compares(v, &op, &value))
                    });
                    return Ok(Box::new(rows.map(|(k, r)| Ok((k.clone(), r.to_vec())))));
                }
            },
        };
        Ok(Box::new(
            index.scan(asc != Some(false), cmp).filter_map(row),
        ))
    }
}

/// `value` as a key of `column`'s type, when the conversion loses nothing.
fn index_key(t: &Table, column: usize, value: &Value) -> Option<Key> {
    if value.is_null() {
        return Some(Key::None);
    }
    let data_type = &t.column_defs().get(column)?.data_type;
    let cast = value.cast(data_type).ok()?;
    let same = cast.evaluate_eq(value) == Tribool::True;
    same.then(|| Key::try_from(cast).ok()).flatten()
}

fn compares(v: &Value, op: &IndexOperator, target: &Value) -> bool {
    use std::cmp::Ordering::*;
    let ord = v.evaluate_cmp(target);
    match op {
        IndexOperator::Eq => v.evaluate_eq(target) == Tribool::True,
        IndexOperator::Lt => ord == Some(Less),
        IndexOperator::LtEq => matches!(ord, Some(Less | Equal)),
        IndexOperator::Gt => ord == Some(Greater),
        IndexOperator::GtEq => matches!(ord, Some(Greater | Equal)),
    }
}

impl IndexMut for Store {
    fn create_index(&mut self, table: &str, name: &str, column: &OrderByExpr) -> Result<()> {
        let column = match &column.expr {
            Expr::Identifier(c) => c.clone(),
            Expr::CompoundIdentifier { alias, ident } if alias == table => ident.clone(),
            expr => {
                let index = TableIndex::on_expr(name.to_owned(), expr.clone());
                return self.change(table, |_, t| t.build_index(index));
            }
        };
        self.add_index(table, name, &[column], false)
    }

    fn drop_index(&mut self, table: &str, name: &str) -> Result<()> {
        if !self.tables.contains_key(table) {
            return Err(IndexError::TableNotFound(table.to_owned()).into());
        }
        self.change(table, |_, t| {
            let at = t.indexes.iter().position(|ix| ix.name == name);
            let at = at.ok_or_else(|| IndexError::IndexNameDoesNotExist(name.to_owned()))?;
            if t.indexes.get(at).is_some_and(|ix| ix.constraint) {
                let msg =
                    "index associated with UNIQUE or PRIMARY KEY constraint cannot be dropped";
                return Err(fail("OperationalError", msg));
            }
            t.indexes.remove(at);
            Ok(())
        })
    }
}

impl Planner for Store {
    /// GlueSQL's default passes plus the index pass. Each index is also offered under the
    /// table's name (`users.username`), as the ORM qualifies every column.
    fn plan(&self, statement: StatementPlan) -> Result<StatementPlan> {
        let mut schema_map = fetch_schema_map(self, &statement)?;
        validate(&schema_map, &statement)?;
        let statement = plan_schemaless(&schema_map, statement)?;
        let statement = plan_primary_key(&schema_map, statement);
        for schema in schema_map.values_mut() {
            let qualified: Vec<SchemaIndex> = schema
                .indexes
                .iter()
                .filter_map(|ix| match &ix.expr {
                    Expr::Identifier(ident) => Some(SchemaIndex {
                        expr: Expr::CompoundIdentifier {
                            alias: schema.table_name.clone(),
                            ident: ident.clone(),
                        },
                        ..ix.clone()
                    }),
                    _ => None,
                })
                .collect();
            schema.indexes.extend(qualified);
        }
        let statement = plan_index(&schema_map, statement);
        let statement = plan_hash_join(&schema_map, statement);
        Ok(plan_aggregate(statement))
    }
}

//! `Store`: our own GlueSQL storage. Persistent maps (`im`) make a snapshot a pointer copy,
//! which gives real transactions (BEGIN keeps the tables as they were; ROLLBACK puts them
//! back, DDL included), statement atomicity (each write works on a copy of its table that
//! replaces the original only on success) and cheap `Database::snapshot`s. Scans iterate
//! lazily in primary-key order (insertion order without one); secondary indexes serve
//! GlueSQL's index planner; constraints are enforced here with SQLite's messages.

use super::table::{fail, integrity, Constraints, Table};
use gluesql::core::{
    ast::{Expr, IndexOperator, OrderByExpr},
    chrono::NaiveDateTime,
    data::{Key, Schema, SchemaIndex, SchemaIndexOrd, Value},
    error::{IndexError, Result},
    plan::StatementPlan,
    planner::{
        fetch_schema_map, plan_aggregate, plan_hash_join, plan_index, plan_primary_key,
        plan_schemaless, validate,
    },
    store::{
        CustomFunction, CustomFunctionMut, Index, IndexMut, Metadata, Planner, RowIter,
        Store as GlueStore, StoreMut, Transaction,
    },
};
use im::OrdMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

type Tables = OrdMap<String, Table>;

/// The whole database: tables by name, plus the tables as they were at BEGIN.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(into = "Saved", try_from = "Saved")]
pub struct Store {
    pub(crate) tables: Tables,
    begun: Option<Tables>,
    last_row_id: Option<i64>,
}

/// What is saved: the tables without index entries (rebuilt on load) or transaction state.
#[derive(Serialize, Deserialize)]
struct Saved {
    tables: Tables,
}

impl From<Store> for Saved {
    fn from(store: Store) -> Saved {
        Saved {
            tables: store.tables,
        }
    }
}

impl TryFrom<Saved> for Store {
    type Error = String;
    fn try_from(saved: Saved) -> Result<Store, String> {
        let mut tables = saved.tables;
        for name in tables.keys().cloned().collect::<Vec<_>>() {
            if let Some(table) = tables.get_mut(&name) {
                table.reindex().map_err(|e| e.to_string())?;
            }
        }
        Ok(Store {
            tables,
            ..Store::default()
        })
    }
}

impl Store {
    pub(crate) fn table(&self, name: &str) -> Result<&Table> {
        self.tables
            .get(name)
            .ok_or_else(|| fail("OperationalError", format!("no such table: {name}")))
    }

    /// Runs `change` on a copy of one table and keeps the copy only if it succeeds.
    fn change<T>(
        &mut self,
        name: &str,
        change: impl FnOnce(&Store, &mut Table) -> Result<T>,
    ) -> Result<T> {
        let mut table = self.table(name)?.clone();
        let out = change(self, &mut table)?;
        self.tables.insert(name.to_owned(), table);
        Ok(out)
    }

    /// Adds constraints GlueSQL's CREATE TABLE cannot carry (composite keys, multi-column
    /// UNIQUE, any FOREIGN KEY), checking the rows already there.
    pub fn add_constraints(&mut self, table: &str, constraints: Constraints) -> Result<()> {
        self.change(table, |store, t| {
            t.add_constraints(constraints)?;
            let keys: Vec<Key> = t.rows.keys().cloned().collect();
            store.check_references(t, &keys)
        })
    }

    /// Creates an index over `columns` (several, or UNIQUE: what GlueSQL cannot create).
    pub fn add_index(
        &mut self,
        table: &str,
        name: &str,
        columns: &[String],
        unique: bool,
    ) -> Result<()> {
        self.change(table, |_, t| {
            let cols = columns
                .iter()
                .map(|c| t.position(c))
                .collect::<Result<_>>()?;
            t.add_index(name.to_owned(), cols, unique)
        })
    }

    /// `t.id` (or `t.a, t.b`): the primary key as constraint messages name it.
    pub fn primary_key_label(&self, table: &str) -> Option<String> {
        let t = self.tables.get(table)?;
        (!t.primary_key.is_empty()).then(|| t.label(&t.primary_key))
    }

    pub fn table_names(&self) -> Vec<String> {
        self.tables.keys().cloned().collect()
    }

    /// Column names and every row, in scan order (for the Data tab).
    pub fn rows(&self, table: &str) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
        let labels = self.table(table)?.column_defs().iter();
        let labels = labels.map(|c| c.name.clone()).collect();
        let rows = self.scan_data(table)?.map(|r| r.map(|(_, v)| v));
        Ok((labels, rows.collect::<Result<_>>()?))
    }

    pub fn in_transaction(&self) -> bool {
        self.begun.is_some()
    }

    /// The rowid of the last row an INSERT added (SQLite's `lastrowid`).
    pub fn last_row_id(&self) -> Option<i64> {
        self.last_row_id
    }

    fn note_row_id(&mut self, key: Option<&Key>) {
        if let Some(Key::I64(id)) = key {
            self.last_row_id = Some(*id);
        }
    }

    /// Every row `keys` names in `t` must find the row its foreign keys reference.
    fn check_references(&self, t: &Table, keys: &[Key]) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        for fk in &t.foreign_keys {
            let cols = t.fk_positions(fk)?;
            let parent = match fk.ref_table == t.name() {
                true => t,
                false => self
                    .tables
                    .get(&fk.ref_table)
                    .ok_or_else(|| fail("OperationalError", no_table(&fk.ref_table)))?,
            };
            let ref_cols = parent.ref_positions(fk)?;
            for row in keys.iter().filter_map(|k| t.rows.get(k)) {
                let Some(vals) = Table::keys_of(&cols, row)? else {
                    continue;
                };
                match parent.find(&ref_cols, &vals) {
                    None => return Err(mismatch(t.name(), parent.name())),
                    Some(found) if found.is_empty() => {
                        return Err(integrity("FOREIGN KEY constraint failed"));
                    }
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }

    /// No row anywhere may still reference a value `t` no longer holds.
    fn check_orphans(&self, t: &Table, removed: &[super::table::Row]) -> Result<()> {
        if removed.is_empty() {
            return Ok(());
        }
        let others = self.tables.values().filter(|c| c.name() != t.name());
        for child in std::iter::once(t).chain(others) {
            for fk in child
                .foreign_keys
                .iter()
                .filter(|fk| fk.ref_table == t.name())
            {
                let ref_cols = t.ref_positions(fk)?;
                let cols = child.fk_positions(fk)?;
                for row in removed {
                    let Some(vals) = Table::keys_of(&ref_cols, row)? else {
                        continue;
                    };
                    if holds(t, &ref_cols, &vals)? || !holds(child, &cols, &vals)? {
                        continue;
                    }
                    return Err(integrity("FOREIGN KEY constraint failed"));
                }
            }
        }
        Ok(())
    }
}

/// Whether some row of `t` holds `vals` in `cols` (by index, else by scanning).
fn holds(t: &Table, cols: &[usize], vals: &[Key]) -> Result<bool> {
    if let Some(found) = t.find(cols, vals) {
        return Ok(!found.is_empty());
    }
    for row in t.rows.values() {
        if Table::keys_of(cols, row)?.as_deref() == Some(vals) {
            return Ok(true);
        }
    }
    Ok(false)
}

fn no_table(name: &str) -> String {
    format!("no such table: main.{name}")
}

fn mismatch(child: &str, parent: &str) -> gluesql::core::error::Error {
    let msg = format!("foreign key mismatch - \"{child}\" referencing \"{parent}\"");
    fail("OperationalError", msg)
}

impl GlueStore for Store {
    fn fetch_schema(&self, table_name: &str) -> Result<Option<Schema>> {
        Ok(self.tables.get(table_name).map(visible_schema))
    }

    fn fetch_all_schemas(&self) -> Result<Vec<Schema>> {
        Ok(self.tables.values().map(visible_schema).collect())
    }

    fn fetch_data(&self, table_name: &str, key: &Key) -> Result<Option<Vec<Value>>> {
        let row = self.tables.get(table_name).and_then(|t| t.rows.get(key));
        Ok(row.map(|r| r.to_vec()))
    }

    fn scan_data<'a>(&'a self, table_name: &str) -> Result<RowIter<'a>> {
        let Some(t) = self.tables.get(table_name) else {
            return Ok(Box::new(std::iter::empty()));
        };
        let row = |k: &Key| t.rows.get(k).map(|r| Ok((k.clone(), r.to_vec())));
        Ok(match t.order_index() {
            Some(index) => Box::new(index.scan(true, None).filter_map(row)),
            None => Box::new(t.rows.iter().map(|(k, r)| Ok((k.clone(), r.to_vec())))),
        })
    }
}

/// GlueSQL's view of a table: single-column indexes offered to the planner.
fn visible_schema(t: &Table) -> Schema {
    let defs = t.column_defs();
    let indexes = t.indexes.iter().filter_map(|ix| {
        let expr = match (&ix.expr, ix.columns.as_slice()) {
            (Some(expr), _) => expr.clone(),
            (None, [column]) => Expr::Identifier(defs.get(*column)?.name.clone()),
            _ => return None,
        };
        Some(SchemaIndex {
            name: ix.name.clone(),
            expr,
            order: SchemaIndexOrd::Both,
            created: NaiveDateTime::default(),
        })
    });
    Schema {
        indexes: indexes.collect(),
        ..t.schema.clone()
    }
}

impl StoreMut for Store {
    fn insert_schema(&mut self, schema: &Schema) -> Result<()> {
        let table = Table::new(schema.clone())?;
        self.tables.insert(schema.table_name.clone(), table);
        Ok(())
    }

    fn delete_schema(&mut self, table_name: &str) -> Result<()> {
        self.tables.remove(table_name);
        Ok(())
    }

    fn append_data(&mut self, table_name: &str, rows: Vec<Vec<Value>>) -> Result<()> {
        let added = self.change(table_name, |store, t| {
            let added = rows
                .into_iter()
                .map(|values| t.insert(None, values))
                .collect::<Result<Vec<_>>>()?;
            store.check_references(t, &added)?;
            Ok(added)
        })?;
        self.note_row_id(added.last());
        Ok(())
    }

    /// INSERT into a table with a (GlueSQL-visible) primary key, and every UPDATE.
    fn insert_data(&mut self, table_name: &str, rows: Vec<(Key, Vec<Value>)>) -> Result<()> {
        let last = self.change(table_name, |store, t| {
            let (mut inserted, mut changed, mut removed) = (BTreeSet::new(), vec![], vec![]);
            for (key, values) in rows {
                if t.rows.contains_key(&key) && !inserted.contains(&key) {
                    removed.push(t.update(key.clone(), values)?);
                    changed.push(key);
                } else {
                    let key = t.insert(Some(key), values)?;
                    inserted.insert(key.clone());
                    changed.push(key);
                }
            }
            store.check_references(t, &changed)?;
            store.check_orphans(t, &removed)?;
            Ok(changed.into_iter().rev().find(|k| inserted.contains(k)))
        })?;
        self.note_row_id(last.as_ref());
        Ok(())
    }

    fn delete_data(&mut self, table_name: &str, keys: Vec<Key>) -> Result<()> {
        self.change(table_name, |store, t| {
            let removed = keys
                .iter()
                .map(|k| t.remove(k))
                .collect::<Result<Vec<_>>>()?;
            store.check_orphans(t, &removed)
        })
    }
}

impl Transaction for Store {
    fn begin(&mut self, autocommit: bool) -> Result<bool> {
        if autocommit {
            return Ok(false);
        }
        if self.begun.is_some() {
            let msg = "cannot start a transaction within a transaction";
            return Err(fail("OperationalError", msg));
        }
        self.begun = Some(self.tables.clone());
        Ok(false)
    }

    fn rollback(&mut self) -> Result<()> {
        if let Some(tables) = self.begun.take() {
            self.tables = tables;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.begun = None;
        Ok(())
    }
}

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
    let same = cast.evaluate_eq(value) == gluesql::core::data::Tribool::True;
    same.then(|| Key::try_from(cast).ok()).flatten()
}

fn compares(v: &Value, op: &IndexOperator, target: &Value) -> bool {
    use std::cmp::Ordering::*;
    let ord = v.evaluate_cmp(target);
    match op {
        IndexOperator::Eq => v.evaluate_eq(target) == gluesql::core::data::Tribool::True,
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
                let index = super::index::Index::on_expr(name.to_owned(), expr.clone());
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

impl Metadata for Store {}
impl CustomFunction for Store {}
impl CustomFunctionMut for Store {}

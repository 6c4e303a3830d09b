//! `Store`: our own GlueSQL storage. Persistent maps (`im`) make a snapshot a pointer copy,
//! which gives real transactions (BEGIN keeps the tables as they were; ROLLBACK puts them
//! back, DDL included), statement atomicity (each write works on a copy of its table that
//! replaces the original only on success) and cheap `Database::snapshot`s. Scans iterate
//! lazily in primary-key order (insertion order without one); secondary indexes serve
//! GlueSQL's index planner; constraints are enforced here with SQLite's messages.

use super::table::{fail, Constraints, Table};
use gluesql::core::{
    ast::Expr,
    chrono::NaiveDateTime,
    data::{Key, Schema, SchemaIndex, SchemaIndexOrd, Value},
    error::Result,
    store::{
        CustomFunction, CustomFunctionMut, Metadata, RowIter, Store as GlueStore, StoreMut,
        Transaction,
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
    /// A table, or SQLite's `no such table` error.
    pub(crate) fn table(&self, name: &str) -> Result<&Table> {
        self.tables
            .get(name)
            .ok_or_else(|| fail("OperationalError", format!("no such table: {name}")))
    }

    /// Runs `change` on a copy of one table and keeps the copy only if it succeeds.
    pub(crate) fn change<T>(
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

    /// The primary-key column names of a table (none if it has no key or does not exist).
    pub fn primary_key_columns(&self, table: &str) -> Vec<String> {
        let Some(t) = self.tables.get(table) else {
            return Vec::new();
        };
        let defs = t.column_defs();
        let names = t.primary_key.iter().filter_map(|&c| defs.get(c));
        names.map(|d| d.name.clone()).collect()
    }

    /// The table that has an index called `name`.
    pub fn index_owner(&self, name: &str) -> Option<String> {
        let mut tables = self.tables.values();
        let owner = tables.find(|t| t.indexes.iter().any(|ix| ix.name == name))?;
        Some(owner.name().to_owned())
    }

    /// Every table's name, in name order.
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

    /// Whether a BEGIN is open.
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
        self.delete_cascading(table_name, keys)
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

impl Metadata for Store {}
impl CustomFunction for Store {}
impl CustomFunctionMut for Store {}

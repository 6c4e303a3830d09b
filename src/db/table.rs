//! One table of the store: GlueSQL's schema, the constraints the store enforces itself, the
//! rows and their indexes, and the row operations that keep them consistent.
//!
//! GlueSQL is shown a schema without UNIQUE, NOT NULL or FOREIGN KEY (its UNIQUE check scans
//! the whole table per statement, its NOT NULL error names no column, and its FOREIGN KEY
//! cannot be composite, target a non-key column or point forward); only a single-column
//! PRIMARY KEY stays visible, so that GlueSQL keys rows by it and plans `id = ?` lookups.
//! The store enforces the rest with SQLite's messages.

use super::index::Index;
use gluesql::core::{
    ast::{ColumnDef, ColumnUniqueOption, DataType},
    data::{Key, Schema, Value},
    error::{Error, IndexError, Result},
};
use im::OrdMap;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A stored row: shared, so that copying a tree node for a snapshot copies pointers.
pub(crate) type Row = Arc<[Value]>;

/// An error that carries the DB-API exception class before SQLite's message; `DbError`
/// splits it again (`IntegrityError: UNIQUE constraint failed: t.c`).
pub(crate) fn fail(class: &str, message: impl std::fmt::Display) -> Error {
    Error::StorageMsg(format!("{class}: {message}"))
}

pub(crate) fn integrity(message: impl std::fmt::Display) -> Error {
    fail("IntegrityError", message)
}

/// What happens to referencing rows when a referenced row goes away.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OnDelete {
    NoAction,
    Cascade,
    SetNull,
}

/// A FOREIGN KEY as the store enforces it (any arity, any unique target).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForeignKeyRule {
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub on_delete: OnDelete,
}

/// Constraints found in a CREATE TABLE that the store enforces itself.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Constraints {
    /// A PRIMARY KEY of several columns (a single-column one stays in GlueSQL's schema).
    pub primary_key: Vec<String>,
    pub unique: Vec<Vec<String>>,
    pub not_null: Vec<String>,
    pub foreign_keys: Vec<ForeignKeyRule>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Table {
    /// The schema GlueSQL sees (see the module comment); `indexes` are filled on fetch.
    pub schema: Schema,
    /// Primary-key column positions (one: rows are keyed by its value; several: rows are
    /// keyed by rowid and scanned through the `pk` index; none: rowid, insertion order).
    pub primary_key: Vec<usize>,
    pub not_null: Vec<usize>,
    pub foreign_keys: Vec<ForeignKeyRule>,
    pub indexes: Vec<Index>,
    #[serde(with = "pairs")]
    pub rows: OrdMap<Key, Row>,
    pub next_rowid: i64,
}

/// Rows saved as a list of (key, row) pairs: formats such as JSON want string map keys.
mod pairs {
    use super::{Key, OrdMap, Row};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(rows: &OrdMap<Key, Row>, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(rows.iter())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OrdMap<Key, Row>, D::Error> {
        Ok(Vec::<(Key, Row)>::deserialize(d)?.into_iter().collect())
    }
}

impl Table {
    /// Takes GlueSQL's schema apart: what the store enforces leaves the schema.
    pub fn new(mut schema: Schema) -> Result<Table> {
        let mut table = Table {
            schema: Schema {
                foreign_keys: Vec::new(),
                indexes: Vec::new(),
                ..schema.clone()
            },
            primary_key: Vec::new(),
            not_null: Vec::new(),
            foreign_keys: Vec::new(),
            indexes: Vec::new(),
            rows: OrdMap::new(),
            next_rowid: 0,
        };
        let mut found = Constraints::default();
        for def in table.schema.column_defs.iter_mut().flatten() {
            match def.unique {
                Some(ColumnUniqueOption { is_primary: true }) => {
                    found.primary_key.push(def.name.clone())
                }
                Some(ColumnUniqueOption { is_primary: false }) => {
                    found.unique.push(vec![def.name.clone()])
                }
                None => {}
            }
            if !def.nullable {
                found.not_null.push(def.name.clone());
            }
            def.nullable = true;
            def.unique = None;
        }
        for fk in schema.foreign_keys.drain(..) {
            found.foreign_keys.push(ForeignKeyRule {
                columns: vec![fk.referencing_column_name],
                ref_table: fk.referenced_table_name,
                ref_columns: vec![fk.referenced_column_name],
                on_delete: OnDelete::NoAction,
            });
        }
        table.add_constraints(found)?;
        Ok(table)
    }

    pub fn name(&self) -> &str {
        &self.schema.table_name
    }

    pub fn column_defs(&self) -> &[ColumnDef] {
        self.schema.column_defs.as_deref().unwrap_or_default()
    }

    pub fn position(&self, column: &str) -> Result<usize> {
        self.column_defs()
            .iter()
            .position(|c| c.name == column)
            .ok_or_else(|| fail("OperationalError", format!("no such column: {column}")))
    }

    fn positions(&self, columns: &[String]) -> Result<Vec<usize>> {
        columns.iter().map(|c| self.position(c)).collect()
    }

    /// `t.a, t.b`: how SQLite names the columns of a failed constraint.
    pub fn label(&self, columns: &[usize]) -> String {
        let defs = self.column_defs();
        let name = |&c: &usize| defs.get(c).map_or("?", |d| d.name.as_str());
        let t = self.name();
        columns
            .iter()
            .map(|c| format!("{t}.{}", name(c)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Adds constraints (from CREATE TABLE, or found by the DDL pre-pass), with the indexes
    /// that enforce them. Fails (and the caller drops this copy) on existing violations.
    pub fn add_constraints(&mut self, c: Constraints) -> Result<()> {
        let t = self.name().to_owned();
        if !c.primary_key.is_empty() {
            if !self.primary_key.is_empty() {
                let msg = format!("table \"{t}\" has more than one primary key");
                return Err(fail("OperationalError", msg));
            }
            self.primary_key = self.positions(&c.primary_key)?;
            if self.primary_key.len() > 1 {
                self.add_index(format!("pk_{t}"), self.primary_key.clone(), true)?;
                self.mark_constraint();
            } else {
                // GlueSQL keys rows by a single primary key: make it visible to GlueSQL.
                let pk = self.primary_key.first().copied().unwrap_or_default();
                if let Some(def) = self.column_defs_mut().get_mut(pk) {
                    def.unique = Some(ColumnUniqueOption { is_primary: true });
                }
            }
            for &p in &self.primary_key.clone() {
                let integer_key = self.primary_key.len() == 1 && self.is_integer(p);
                if !integer_key && !self.not_null.contains(&p) {
                    self.not_null.push(p);
                }
            }
        }
        for columns in c.not_null {
            let p = self.position(&columns)?;
            if !self.not_null.contains(&p) {
                self.not_null.push(p);
            }
        }
        for columns in c.unique {
            let cols = self.positions(&columns)?;
            let name = format!("uq_{t}_{}", columns.join("_"));
            self.add_index(name, cols, true)?;
            self.mark_constraint();
        }
        for fk in c.foreign_keys {
            let cols = self.positions(&fk.columns)?;
            if fk.ref_columns.len() != cols.len() {
                let msg = format!(
                    "foreign key mismatch - \"{t}\" referencing \"{}\"",
                    fk.ref_table
                );
                return Err(fail("OperationalError", msg));
            }
            let keyed = cols.len() == 1 && cols == self.primary_key;
            if !keyed && !self.indexes.iter().any(|ix| ix.columns == cols) {
                self.add_index(format!("fk_{t}_{}", fk.columns.join("_")), cols, false)?;
            }
            self.foreign_keys.push(fk);
        }
        Ok(())
    }

    fn mark_constraint(&mut self) {
        if let Some(index) = self.indexes.last_mut() {
            index.constraint = true;
        }
    }

    fn column_defs_mut(&mut self) -> &mut [ColumnDef] {
        self.schema.column_defs.as_deref_mut().unwrap_or_default()
    }

    fn is_integer(&self, column: usize) -> bool {
        self.column_defs()
            .get(column)
            .is_some_and(|d| d.data_type == DataType::Int)
    }

    /// Builds an index over the existing rows.
    pub fn add_index(&mut self, name: String, columns: Vec<usize>, unique: bool) -> Result<()> {
        self.build_index(Index::new(name, columns, unique))
    }

    /// Fills a new index from the existing rows and adds it.
    pub fn build_index(&mut self, mut index: Index) -> Result<()> {
        let name = &index.name;
        if self.indexes.iter().any(|ix| ix.name == *name) {
            return Err(IndexError::IndexNameAlreadyExists(name.clone()).into());
        }
        index.bind(self.name(), &self.column_names());
        for (key, row) in self.rows.iter() {
            let keys = index.keys_of(row)?;
            if index.conflict(&keys, key).is_some() {
                let label = self.label(&index.columns);
                return Err(integrity(format!("UNIQUE constraint failed: {label}")));
            }
            index.insert(keys, key.clone());
        }
        self.indexes.push(index);
        Ok(())
    }

    fn column_names(&self) -> Vec<String> {
        self.column_defs().iter().map(|c| c.name.clone()).collect()
    }

    /// Rebuilds every index from the rows (after loading a saved store, or after ALTER
    /// TABLE changed what expression indexes see).
    pub fn reindex(&mut self) -> Result<()> {
        let mut indexes = std::mem::take(&mut self.indexes);
        let names = self.column_names();
        for index in &mut indexes {
            index.bind(self.name(), &names);
            index.clear();
            for (key, row) in self.rows.iter() {
                index.insert(index.keys_of(row)?, key.clone());
            }
        }
        self.indexes = indexes;
        Ok(())
    }

    /// The index scanned for row order: the composite primary key's.
    pub fn order_index(&self) -> Option<&Index> {
        (self.primary_key.len() > 1)
            .then(|| {
                self.indexes
                    .iter()
                    .find(|ix| ix.columns == self.primary_key)
            })
            .flatten()
    }

    /// Adds a new row. `key` is GlueSQL's (the single primary key's value) or `None` for
    /// rowid tables; an integer primary key given as NULL takes the next id (SQLite's rule).
    pub fn insert(&mut self, key: Option<Key>, values: Vec<Value>) -> Result<Key> {
        let mut values = values;
        let key = match (key, self.primary_key.as_slice()) {
            (Some(Key::None) | None, &[pk]) if self.is_integer(pk) => {
                let next = match self.rows.get_max() {
                    Some((Key::I64(max), _)) => max.saturating_add(1),
                    _ => 1,
                };
                if let Some(v) = values.get_mut(pk) {
                    *v = Value::I64(next);
                }
                Key::I64(next)
            }
            (Some(key), _) => key,
            (None, _) => {
                self.next_rowid += 1;
                Key::I64(self.next_rowid)
            }
        };
        self.check_row(&values)?;
        if self.rows.contains_key(&key) {
            let label = self.label(&self.primary_key);
            return Err(integrity(format!("UNIQUE constraint failed: {label}")));
        }
        self.index_row(&key, &values)?;
        self.rows.insert(key.clone(), Arc::from(values));
        Ok(key)
    }

    /// Replaces the row under `key` (UPDATE); returns the old row.
    pub fn update(&mut self, key: Key, values: Vec<Value>) -> Result<Row> {
        let old = self.remove(&key)?;
        self.check_row(&values)?;
        self.index_row(&key, &values)?;
        self.rows.insert(key, Arc::from(values));
        Ok(old)
    }

    /// Removes the row under `key` and its index entries.
    pub fn remove(&mut self, key: &Key) -> Result<Row> {
        let row = self
            .rows
            .remove(key)
            .ok_or_else(|| fail("InternalError", "row vanished during the statement"))?;
        for index in &mut self.indexes {
            let keys = index.keys_of(&row)?;
            index.remove(keys, key.clone());
        }
        Ok(row)
    }

    fn check_row(&self, values: &[Value]) -> Result<()> {
        let schemaful = self.schema.column_defs.is_some();
        if schemaful && values.len() != self.column_defs().len() {
            let msg = format!(
                "table {} has {} columns",
                self.name(),
                self.column_defs().len()
            );
            return Err(fail("OperationalError", msg));
        }
        for &c in &self.not_null {
            if values.get(c).is_none_or(Value::is_null) {
                let label = self.label(&[c]);
                return Err(integrity(format!("NOT NULL constraint failed: {label}")));
            }
        }
        Ok(())
    }

    fn index_row(&mut self, key: &Key, values: &[Value]) -> Result<()> {
        let mut all = Vec::with_capacity(self.indexes.len());
        for index in &self.indexes {
            let keys = index.keys_of(values)?;
            if index.conflict(&keys, key).is_some() {
                let label = self.label(&index.columns);
                return Err(integrity(format!("UNIQUE constraint failed: {label}")));
            }
            all.push(keys);
        }
        for (index, keys) in self.indexes.iter_mut().zip(all) {
            index.insert(keys, key.clone());
        }
        Ok(())
    }

    /// Row keys whose `columns` hold `keys`: through the primary key or an index on exactly
    /// those columns. `None` when no such access path exists.
    pub fn find(&self, columns: &[usize], keys: &[Key]) -> Option<Vec<Key>> {
        if columns == self.primary_key.as_slice() && columns.len() == 1 {
            let key = keys.first()?;
            return Some(
                self.rows
                    .get(key)
                    .map(|_| key.clone())
                    .into_iter()
                    .collect(),
            );
        }
        let index = self.indexes.iter().find(|ix| ix.columns == columns)?;
        Some(index.rows_with(keys).cloned().collect())
    }

    /// The keys of `columns` in a row, or `None` when one of them is NULL.
    pub fn keys_of(columns: &[usize], row: &[Value]) -> Result<Option<Vec<Key>>> {
        let keys = columns
            .iter()
            .map(|&c| Key::try_from(row.get(c).unwrap_or(&Value::Null)))
            .collect::<Result<Vec<_>>>()?;
        Ok((!keys.contains(&Key::None)).then_some(keys))
    }

    pub fn fk_positions(&self, fk: &ForeignKeyRule) -> Result<Vec<usize>> {
        self.positions(&fk.columns)
    }

    pub fn ref_positions(&self, fk: &ForeignKeyRule) -> Result<Vec<usize>> {
        self.positions(&fk.ref_columns)
    }
}

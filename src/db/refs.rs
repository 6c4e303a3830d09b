//! Foreign keys, as SQLite enforces them with `PRAGMA foreign_keys=ON`: a referencing row
//! must find its referenced row; a referenced row may not go while rows still reference it,
//! unless the key says ON DELETE CASCADE (they go too) or SET NULL (their key is cleared).
//! NO ACTION is checked once the whole statement is done, so a statement that removes a
//! parent together with its children (`DELETE FROM node`) succeeds.

use super::store::Store;
use super::table::{fail, integrity, ForeignKeyRule, OnDelete, Row, Table};
use gluesql::core::{
    data::{Key, Value},
    error::{Error, Result},
};

/// The most cascade steps one DELETE may take (each step removes rows, so it ends anyway).
const MAX_CASCADE_STEPS: usize = 100_000;

impl Store {
    /// Every row `keys` names in `t` must find the row its foreign keys reference.
    pub(crate) fn check_references(&self, t: &Table, keys: &[Key]) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        for fk in &t.foreign_keys {
            let cols = t.fk_positions(fk)?;
            let parent = match fk.ref_table == t.name() {
                true => t,
                false => self.tables.get(&fk.ref_table).ok_or_else(|| {
                    let msg = format!("no such table: main.{}", fk.ref_table);
                    fail("OperationalError", msg)
                })?,
            };
            let ref_cols = parent.ref_positions(fk)?;
            for row in keys.iter().filter_map(|k| t.rows.get(k)) {
                let Some(vals) = Table::keys_of(&cols, row)? else {
                    continue;
                };
                match parent.find(&ref_cols, &vals) {
                    None => return Err(mismatch(t.name(), parent.name())),
                    Some(found) if found.is_empty() => return Err(fk_failed()),
                    Some(_) => {}
                }
            }
        }
        Ok(())
    }

    /// No row anywhere may still reference a value `t` no longer holds.
    pub(crate) fn check_orphans(&self, t: &Table, removed: &[Row]) -> Result<()> {
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
                if !orphans(t, child, fk, removed)?.is_empty() {
                    return Err(fk_failed());
                }
            }
        }
        Ok(())
    }

    /// DELETE: removes rows, then applies the ON DELETE actions of the keys that reference
    /// them, then checks NO ACTION keys; all or nothing.
    pub(crate) fn delete_cascading(&mut self, table: &str, keys: Vec<Key>) -> Result<()> {
        let mut store = self.clone();
        let mut queue = vec![(table.to_owned(), keys)];
        let mut done: Vec<(String, Vec<Row>)> = Vec::new();
        while let Some((name, keys)) = queue.pop() {
            if done.len() >= MAX_CASCADE_STEPS {
                return Err(fail("OperationalError", "too many cascading deletes"));
            }
            let removed = store.change(&name, |_, t| {
                let present: Vec<&Key> = keys.iter().filter(|k| t.rows.contains_key(*k)).collect();
                present
                    .into_iter()
                    .map(|k| t.remove(k))
                    .collect::<Result<Vec<_>>>()
            })?;
            let referencing: Vec<(String, ForeignKeyRule)> = store
                .tables
                .values()
                .flat_map(|c| c.foreign_keys.iter().map(move |fk| (c.name(), fk)))
                .filter(|(_, fk)| fk.ref_table == name && fk.on_delete != OnDelete::NoAction)
                .map(|(c, fk)| (c.to_owned(), fk.clone()))
                .collect();
            for (child, fk) in referencing {
                let hits = orphans(store.table(&name)?, store.table(&child)?, &fk, &removed)?;
                match fk.on_delete {
                    OnDelete::Cascade if !hits.is_empty() => queue.push((child, hits)),
                    OnDelete::SetNull => store.change(&child, |_, c| set_null(c, &fk, hits))?,
                    _ => {}
                }
            }
            done.push((name, removed));
        }
        for (name, removed) in &done {
            store.check_orphans(store.table(name)?, removed)?;
        }
        *self = store;
        Ok(())
    }
}

/// Keys of the rows of `child` that reference, through `fk`, a value among `removed` rows
/// of `parent` that `parent` no longer holds.
fn orphans(
    parent: &Table,
    child: &Table,
    fk: &ForeignKeyRule,
    removed: &[Row],
) -> Result<Vec<Key>> {
    let ref_cols = parent.ref_positions(fk)?;
    let cols = child.fk_positions(fk)?;
    let mut found = Vec::new();
    for row in removed {
        let Some(vals) = Table::keys_of(&ref_cols, row)? else {
            continue;
        };
        if rows_holding(parent, &ref_cols, &vals)?.is_empty() {
            found.extend(rows_holding(child, &cols, &vals)?);
        }
    }
    Ok(found)
}

/// Keys of the rows of `t` holding `vals` in `cols` (by index, else by scanning).
fn rows_holding(t: &Table, cols: &[usize], vals: &[Key]) -> Result<Vec<Key>> {
    if let Some(found) = t.find(cols, vals) {
        return Ok(found);
    }
    let mut found = Vec::new();
    for (key, row) in t.rows.iter() {
        if Table::keys_of(cols, row)?.as_deref() == Some(vals) {
            found.push(key.clone());
        }
    }
    Ok(found)
}

/// ON DELETE SET NULL: clears the key columns of the rows `keys` names.
fn set_null(child: &mut Table, fk: &ForeignKeyRule, keys: Vec<Key>) -> Result<()> {
    let cols = child.fk_positions(fk)?;
    for key in keys {
        let Some(row) = child.rows.get(&key) else {
            continue;
        };
        let mut values = row.to_vec();
        for &c in &cols {
            if let Some(v) = values.get_mut(c) {
                *v = Value::Null;
            }
        }
        child.update(key, values)?;
    }
    Ok(())
}

fn fk_failed() -> Error {
    integrity("FOREIGN KEY constraint failed")
}

fn mismatch(child: &str, parent: &str) -> Error {
    let msg = format!("foreign key mismatch - \"{child}\" referencing \"{parent}\"");
    fail("OperationalError", msg)
}

//! ALTER TABLE on the store: rename a table or column, add a column, drop a column, keeping
//! the store's constraints and indexes (which name columns by position) right. What SQLite
//! refuses (adding a UNIQUE or PRIMARY KEY column, dropping a key or indexed column) is
//! refused with its words.

use super::store::Store;
use super::table::{fail, Row, Table};
use gluesql::core::{
    ast::ColumnDef,
    data::{Key, Value},
    error::{AlterTableError, Result},
    executor::evaluate_stateless,
    plan::plan_scalar_expr,
    store::AlterTable,
};
use im::OrdMap;
use std::sync::Arc;

impl Store {
    /// A copy of the table to alter.
    fn altered(&self, name: &str) -> Result<Table> {
        let table = self.tables.get(name).cloned();
        table.ok_or_else(|| AlterTableError::TableNotFound(name.to_owned()).into())
    }

    /// Applies `change` to every foreign key (in any table) that references `table`.
    fn retarget(&mut self, table: &str, change: impl Fn(&mut super::table::ForeignKeyRule)) {
        for name in self.table_names() {
            if let Some(t) = self.tables.get_mut(&name) {
                let fks = t.foreign_keys.iter_mut().filter(|fk| fk.ref_table == table);
                fks.for_each(&change);
            }
        }
    }
}

impl Store {
    /// Refuses, as SQLite does, to drop a column a key, a UNIQUE constraint, a multi-column
    /// index or a foreign key needs. (GlueSQL drops a column's own indexes first, so this
    /// runs before GlueSQL sees the statement.)
    pub(crate) fn check_drop_column(&self, table_name: &str, column_name: &str) -> Result<()> {
        let table = self.table(table_name)?;
        let Ok(at) = table.position(column_name) else {
            return Ok(());
        };
        let refuse = |what: &str| {
            let msg = format!("cannot drop {what} column: \"{column_name}\"");
            Err(fail("OperationalError", msg))
        };
        if table.primary_key.contains(&at) {
            return refuse("PRIMARY KEY");
        }
        let indexes = table.indexes.iter().filter(|ix| ix.columns.contains(&at));
        for ix in indexes {
            if ix.unique {
                return refuse("UNIQUE");
            }
            if ix.columns.len() > 1 {
                return refuse("indexed");
            }
        }
        let referenced = self.tables.values().any(|t| {
            t.foreign_keys.iter().any(|fk| {
                fk.ref_table == table_name && fk.ref_columns.iter().any(|c| c == column_name)
            })
        });
        let referencing = table.foreign_keys.iter();
        if referenced
            || referencing
                .flat_map(|fk| &fk.columns)
                .any(|c| c == column_name)
        {
            return refuse("FOREIGN KEY");
        }
        Ok(())
    }
}

impl AlterTable for Store {
    fn rename_schema(&mut self, table_name: &str, new_table_name: &str) -> Result<()> {
        if self.tables.contains_key(new_table_name) {
            let msg =
                format!("there is already another table or index with this name: {new_table_name}");
            return Err(fail("OperationalError", msg));
        }
        let mut table = self.altered(table_name)?;
        new_table_name.clone_into(&mut table.schema.table_name);
        for fk in table
            .foreign_keys
            .iter_mut()
            .filter(|fk| fk.ref_table == table_name)
        {
            new_table_name.clone_into(&mut fk.ref_table);
        }
        rebind(&mut table)?;
        self.tables.remove(table_name);
        self.tables.insert(new_table_name.to_owned(), table);
        self.retarget(table_name, |fk| {
            new_table_name.clone_into(&mut fk.ref_table)
        });
        Ok(())
    }

    fn rename_column(&mut self, table_name: &str, old: &str, new: &str) -> Result<()> {
        let mut table = self.altered(table_name)?;
        if table.position(new).is_ok() {
            return Err(AlterTableError::AlreadyExistingColumn(new.to_owned()).into());
        }
        let at = table
            .position(old)
            .map_err(|_| AlterTableError::RenamingColumnNotFound)?;
        if let Some(def) = table
            .schema
            .column_defs
            .as_mut()
            .and_then(|d| d.get_mut(at))
        {
            new.clone_into(&mut def.name);
        }
        let rename = |names: &mut Vec<String>| {
            for name in names.iter_mut().filter(|n| *n == old) {
                new.clone_into(name);
            }
        };
        for fk in table.foreign_keys.iter_mut() {
            rename(&mut fk.columns);
        }
        rebind(&mut table)?;
        self.tables.insert(table_name.to_owned(), table);
        self.retarget(table_name, |fk| rename(&mut fk.ref_columns));
        Ok(())
    }

    fn add_column(&mut self, table_name: &str, column_def: &ColumnDef) -> Result<()> {
        let mut table = self.altered(table_name)?;
        let refuse = |what| {
            Err(fail(
                "OperationalError",
                format!("Cannot add a {what} column"),
            ))
        };
        match column_def.unique {
            Some(u) if u.is_primary => return refuse("PRIMARY KEY"),
            Some(_) => return refuse("UNIQUE"),
            None => {}
        }
        if table.position(&column_def.name).is_ok() {
            let name = column_def.name.clone();
            return Err(AlterTableError::AlreadyExistingColumn(name).into());
        }
        let value = match &column_def.default {
            Some(expr) => evaluate_stateless(None, &plan_scalar_expr(expr.clone()))?
                .try_into_value(&column_def.data_type, true)?,
            None => Value::Null,
        };
        if !column_def.nullable && value.is_null() {
            return Err(AlterTableError::DefaultValueRequired(column_def.clone()).into());
        }
        let at = table.column_defs().len();
        if !column_def.nullable {
            table.not_null.push(at);
        }
        let defs = table.schema.column_defs.get_or_insert_with(Vec::new);
        defs.push(ColumnDef {
            nullable: true,
            ..column_def.clone()
        });
        table.rows = map_rows(&table, |row| row.iter().chain([&value]).cloned().collect());
        rebind(&mut table)?;
        self.tables.insert(table_name.to_owned(), table);
        Ok(())
    }

    fn drop_column(&mut self, table_name: &str, column_name: &str, if_exists: bool) -> Result<()> {
        let mut table = self.altered(table_name)?;
        let at = match table.position(column_name) {
            Ok(at) => at,
            Err(_) if if_exists => return Ok(()),
            Err(_) => {
                let name = column_name.to_owned();
                return Err(AlterTableError::DroppingColumnNotFound(name).into());
            }
        };
        self.check_drop_column(table_name, column_name)?;
        shift_after_drop(&mut table, at);
        rebind(&mut table)?;
        self.tables.insert(table_name.to_owned(), table);
        Ok(())
    }
}

/// Expression indexes see rows through the table's name and column names: rebuild them.
fn rebind(table: &mut Table) -> Result<()> {
    match table.indexes.iter().any(|ix| ix.expr.is_some()) {
        true => table.reindex(),
        false => Ok(()),
    }
}

/// Removes column `at` from the schema and every row, and renumbers the later columns.
fn shift_after_drop(table: &mut Table, at: usize) {
    if let Some(defs) = table.schema.column_defs.as_mut() {
        defs.remove(at);
    }
    let shift = |c: &mut usize| *c -= usize::from(*c > at);
    table.not_null.retain(|&c| c != at);
    table.not_null.iter_mut().for_each(shift);
    table.primary_key.iter_mut().for_each(shift);
    for ix in table.indexes.iter_mut() {
        ix.columns.iter_mut().for_each(shift);
    }
    table.rows = map_rows(table, |row| {
        let kept = row.iter().enumerate().filter(|(i, _)| *i != at);
        kept.map(|(_, v)| v.clone()).collect()
    });
}

fn map_rows(table: &Table, f: impl Fn(&[Value]) -> Vec<Value>) -> OrdMap<Key, Row> {
    let rows = table.rows.iter();
    rows.map(|(k, row)| (k.clone(), Arc::from(f(row))))
        .collect()
}

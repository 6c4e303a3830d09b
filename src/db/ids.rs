//! The next integer key of a table, so the ORM can give new objects their ids before it
//! INSERTs them (as SQLite gives a rowid of max + 1), keeping foreign keys computable up
//! front.

use super::Database;
use gluesql::core::data::{Key, Value};

impl Database {
    /// The largest integer stored in `column` of `table` (`None` for an empty table or an
    /// unknown table/column). Served from the key order when `column` is the primary key.
    pub fn max_integer(&self, table: &str, column: &str) -> Option<i64> {
        let t = self.store().tables.get(table)?;
        let position = t
            .schema
            .column_defs
            .as_ref()?
            .iter()
            .position(|c| c.name == column)?;
        if t.primary_key == [position] {
            return match t.rows.get_max()?.0 {
                Key::I64(n) => Some(n),
                Key::I32(n) => Some(n as i64),
                _ => None,
            };
        }
        t.rows
            .values()
            .filter_map(|row| match row.get(position) {
                Some(Value::I64(n)) => Some(*n),
                Some(Value::I32(n)) => Some(*n as i64),
                _ => None,
            })
            .max()
    }
}

//! GlueSQL: our own storage (transactions, secondary indexes, snapshots), DDL from a
//! `Schema`, running statements, and the echo log. Knows nothing of Python syntax or the UI.
//!
//! - `store`: the GlueSQL storage (`Store`), with `table` (rows, constraints), `index`
//!   (secondary indexes), `access` (index scans and the planner), `refs` (foreign keys)
//!   and `alter` (ALTER TABLE);
//! - `sql`: the pre-pass that hands GlueSQL only what it handles well, with `joins`
//!   (comma joins and CROSS JOIN as inner joins);
//! - `ddl`: CREATE TABLE / INDEX text from a `Schema`, and creation order;
//! - `database`: `Database`, the handle the ORM and the façade use, and `result`
//!   (`QueryResult`);
//! - `echo`: the echo log; `error`: `DbError` in SQLite's words.

mod access;
mod alter;
mod database;
pub mod ddl;
pub mod echo;
mod error;
mod ids;
mod index;
mod joins;
mod refs;
mod result;
mod sql;
mod store;
mod table;

pub use database::{Database, RawOutcome, Snapshot};
pub use echo::{EchoEntry, EchoLog};
pub use error::DbError;
pub use result::{QueryResult, StatementKind};
pub use store::Store;
pub use table::{Constraints, ForeignKeyRule, OnDelete};

#[cfg(test)]
mod tests;

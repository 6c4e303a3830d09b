//! The ORM's handle on the database: runs compiled statements inside the session's
//! transaction and turns database errors into the SQLAlchemy exceptions they raise.

use super::compile::Compiled;
use crate::db::{Database, DbError, QueryResult};
use crate::object::{Exc, PyErr, PyResult};

pub struct Engine {
    pub db: Database,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    pub fn new() -> Engine {
        Engine {
            db: Database::new(),
        }
    }

    /// Runs a statement (beginning the session's transaction first if none is open).
    pub fn run(&mut self, c: &Compiled, tag: Option<&str>) -> PyResult<QueryResult> {
        if !self.db.in_transaction() {
            self.db.begin().map_err(db_error)?;
        }
        let r = match tag {
            Some(t) => self.db.execute_tagged(&c.sql, &c.params, t),
            None => self.db.execute(&c.sql, &c.params),
        };
        r.map_err(db_error)
    }

    pub fn commit(&mut self) -> PyResult<()> {
        if self.db.in_transaction() {
            self.db.commit().map_err(db_error)?;
        }
        Ok(())
    }

    pub fn rollback(&mut self) -> PyResult<()> {
        if self.db.in_transaction() {
            self.db.rollback().map_err(db_error)?;
        }
        Ok(())
    }
}

/// A database error as the SQLAlchemy exception it surfaces as
/// (`sqlalchemy.exc.IntegrityError: (sqlite3.IntegrityError) UNIQUE constraint failed: ...`).
pub fn db_error(e: DbError) -> PyErr {
    let kind = match e.class.as_str() {
        "IntegrityError" => Exc::IntegrityError,
        "ProgrammingError" => Exc::ProgrammingError,
        "DataError" => Exc::DataError,
        "InterfaceError" => Exc::InterfaceError,
        "DatabaseError" => Exc::DatabaseError,
        _ => Exc::OperationalError,
    };
    PyErr::new(kind, e.sqlalchemy_message())
}

//! `Database`: the one handle the ORM and the façade use. It runs SQL text with `$n`
//! parameters through GlueSQL on our `Store`, makes each statement atomic, maps errors to
//! SQLite's words and records every statement in the echo log.

use super::echo::{now_ms, render_params, EchoEntry, EchoLog};
use super::error::{from_glue, DbError, Failed};
use super::result::{param_literal, QueryResult, StatementKind};
use super::sql::{self, Extra};
use super::{ddl, Store};
use crate::schema::Schema;
use gluesql::core::{
    ast::Statement,
    data::Value,
    executor::execute,
    sqlparser::ast::Statement as SqlStatement,
    store::{IndexMut, Planner, Transaction},
    translate::{translate_with_params, ParamLiteral},
};
use serde::Serialize;
use std::{collections::HashMap, sync::Arc};

/// The most statements one SQL-tab submission runs.
const MAX_RAW_STATEMENTS: usize = 1000;

/// One statement typed in the SQL tab and what it gave.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RawOutcome {
    pub sql: String,
    pub result: Result<QueryResult, DbError>,
}

/// The whole database at one moment; restoring it is O(1).
#[derive(Clone, Debug, Default)]
pub struct Snapshot(Store);

/// The database handle: the store, the echo log and the cause of what runs next.
#[derive(Clone, Debug, Default)]
pub struct Database {
    store: Store,
    log: EchoLog,
    cause: String,
    /// Parsed statements by SQL text: parsing is most of a small statement's cost, and the
    /// ORM sends the same texts again with other parameters.
    parsed: HashMap<String, Arc<[SqlStatement]>>,
}

/// How many SQL texts keep their parse (the cache empties when full).
const PARSE_CACHE: usize = 256;

impl Database {
    /// An empty database.
    pub fn new() -> Database {
        Database::default()
    }

    /// A database over a store loaded from a saved state (serde).
    pub fn from_store(store: Store) -> Database {
        Database {
            store,
            ..Database::default()
        }
    }

    /// The store, for saving (it is `Serialize`).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs SQL text with `$1`, `$2`, ... parameters; several statements run in order and
    /// the last one's result is returned. A failed statement changes nothing.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        self.run_logged(sql, params, None)
    }

    /// `execute` with a tag for the echo log (`lazy load`, `autoflush`, ...).
    pub fn execute_tagged(
        &mut self,
        sql: &str,
        params: &[Value],
        tag: &str,
    ) -> Result<QueryResult, DbError> {
        self.run_logged(sql, params, Some(tag))
    }

    /// Sets the console line (or page action) recorded with the statements that follow.
    pub fn set_cause(&mut self, cause: impl Into<String>) {
        self.cause = cause.into();
    }

    /// Every statement run so far (the newest `ECHO_LOG_CAPACITY`).
    pub fn echo_log(&self) -> &EchoLog {
        &self.log
    }

    /// Empties the echo log (sequence numbers keep counting).
    pub fn clear_log(&mut self) {
        self.log.clear();
    }

    /// BEGIN: everything until COMMIT or ROLLBACK can be undone, DDL included. Logged as
    /// SQLAlchemy logs the transaction pysqlite begins for it.
    pub fn begin(&mut self) -> Result<(), DbError> {
        let at = now_ms();
        let result = self.store.begin(false).map(|_| ());
        self.end_transaction_step("BEGIN (implicit)", at, result)
    }

    /// COMMIT: keeps what the transaction did (no-op outside one).
    pub fn commit(&mut self) -> Result<(), DbError> {
        let at = now_ms();
        let result = self.store.commit();
        self.end_transaction_step("COMMIT", at, result)
    }

    /// ROLLBACK: puts back rows and tables as they were at BEGIN (no-op outside one).
    pub fn rollback(&mut self) -> Result<(), DbError> {
        let at = now_ms();
        let result = Transaction::rollback(&mut self.store);
        self.end_transaction_step("ROLLBACK", at, result)
    }

    fn end_transaction_step(
        &mut self,
        sql: &str,
        at: f64,
        result: gluesql::core::error::Result<()>,
    ) -> Result<(), DbError> {
        let failed = Failed {
            table: None,
            primary_key: None,
        };
        let result = result.map_err(|e| from_glue(e, &failed));
        let logged = result.clone().map(|()| QueryResult::default());
        self.record(sql, None, at, &logged, None);
        result
    }

    /// Whether BEGIN has not yet been followed by COMMIT or ROLLBACK.
    pub fn in_transaction(&self) -> bool {
        self.store.in_transaction()
    }

    /// The whole database now (O(1)); the echo log is not part of it.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot(self.store.clone())
    }

    /// Puts the whole database back as `snapshot` saw it (O(1)).
    pub fn restore(&mut self, snapshot: &Snapshot) {
        self.store = snapshot.0.clone();
    }

    /// Every table's name, in name order.
    pub fn table_names(&self) -> Vec<String> {
        self.store.table_names()
    }

    /// A table's columns and rows in scan order, for the Data tab (not logged).
    pub fn table_rows(&self, table: &str) -> Result<QueryResult, DbError> {
        let failed = Failed {
            table: Some(table),
            primary_key: None,
        };
        let (labels, rows) = self.store.rows(table).map_err(|e| from_glue(e, &failed))?;
        Ok(QueryResult {
            labels,
            rows,
            ..QueryResult::of(StatementKind::Select)
        })
    }

    /// Runs what a visitor typed in the SQL tab, statement by statement, stopping at the
    /// first error. Errors are values, never panics.
    pub fn run_raw_sql(&mut self, text: &str) -> Vec<RawOutcome> {
        let at = now_ms();
        let statements = match sql::parse_each(text) {
            Ok(statements) => statements,
            Err(e) => {
                let result = Err(e);
                self.record(text.trim(), Some("()".into()), at, &result, None);
                let sql = text.trim().to_owned();
                return vec![RawOutcome { sql, result }];
            }
        };
        let mut outcomes = Vec::new();
        for (sql, statement) in statements.into_iter().take(MAX_RAW_STATEMENTS) {
            let at = now_ms();
            let result = self.run_statement(&statement, &[]);
            self.record(&sql, Some("()".into()), at, &result, None);
            let failed = result.is_err();
            outcomes.push(RawOutcome { sql, result });
            if failed {
                break;
            }
        }
        outcomes
    }

    /// Creates the schema's missing tables (targets of foreign keys first) and their
    /// indexes; returns the statements it ran.
    pub fn create_all(&mut self, schema: &Schema) -> Result<Vec<String>, DbError> {
        let mut ran = Vec::new();
        for table in ddl::creation_order(schema) {
            if self.store.tables.contains_key(&table.name) {
                continue;
            }
            let statements = std::iter::once(ddl::create_table(table));
            for statement in statements.chain(ddl::create_indexes(table)) {
                self.execute(&statement, &[])?;
                ran.push(statement);
            }
        }
        Ok(ran)
    }

    /// Drops the schema's tables that exist, in reverse creation order; returns the
    /// statements it ran.
    pub fn drop_all(&mut self, schema: &Schema) -> Result<Vec<String>, DbError> {
        let mut ran = Vec::new();
        for table in ddl::creation_order(schema).into_iter().rev() {
            if self.store.tables.contains_key(&table.name) {
                let statement = ddl::drop_table(table);
                self.execute(&statement, &[])?;
                ran.push(statement);
            }
        }
        Ok(ran)
    }

    fn run_logged(
        &mut self,
        sql: &str,
        params: &[Value],
        tag: Option<&str>,
    ) -> Result<QueryResult, DbError> {
        let at = now_ms();
        let result = self.run_text(sql, params);
        self.record(sql, Some(render_params(params)), at, &result, tag);
        result
    }

    fn record(
        &mut self,
        sql: &str,
        params: Option<String>,
        at: f64,
        result: &Result<QueryResult, DbError>,
        tag: Option<&str>,
    ) {
        self.log.push(EchoEntry {
            seq: 0,
            sql: sql.to_owned(),
            params,
            rows: result.as_ref().map_or(0, QueryResult::row_count),
            elapsed_ms: now_ms() - at,
            cause: self.cause.clone(),
            tag: tag.map(str::to_owned),
            error: result.as_ref().err().map(DbError::sqlalchemy_message),
        });
    }

    fn run_text(&mut self, sql: &str, params: &[Value]) -> Result<QueryResult, DbError> {
        let literals = params
            .iter()
            .enumerate()
            .map(|(i, v)| param_literal(i, v))
            .collect::<Result<Vec<_>, _>>()?;
        let statements = match self.parsed.get(sql) {
            Some(statements) => Arc::clone(statements),
            None => {
                let statements: Arc<[SqlStatement]> = sql::parse(sql)?.into();
                if self.parsed.len() >= PARSE_CACHE {
                    self.parsed.clear();
                }
                self.parsed.insert(sql.to_owned(), Arc::clone(&statements));
                statements
            }
        };
        let mut last = QueryResult::default();
        for statement in statements.iter() {
            last = self.run_statement(statement, &literals)?;
        }
        Ok(last)
    }

    /// Runs one statement; on failure the store is put back as it was.
    fn run_statement(
        &mut self,
        statement: &SqlStatement,
        params: &[ParamLiteral],
    ) -> Result<QueryResult, DbError> {
        let before = self.store.clone();
        let result = self.apply(statement, params);
        if result.is_err() {
            self.store = before;
        }
        result
    }

    fn apply(
        &mut self,
        statement: &SqlStatement,
        params: &[ParamLiteral],
    ) -> Result<QueryResult, DbError> {
        let (changed, extra) = sql::prepare(statement, &self.store)?;
        let translated = translate_with_params(changed.as_ref().unwrap_or(statement), params);
        let target = translated.as_ref().ok().and_then(target_table);
        let failed = |store: &Store, e| {
            let failed = Failed {
                table: target.as_deref(),
                primary_key: target.as_deref().and_then(|t| store.primary_key_label(t)),
            };
            from_glue(e, &failed)
        };
        if let Extra::Index(table, name, columns, unique) = &extra {
            let added = self.store.add_index(table, name, columns, *unique);
            added.map_err(|e| failed(&self.store, e))?;
            return Ok(QueryResult::of(StatementKind::CreateIndex));
        }
        if let Extra::DropIndexes(drops) = &extra {
            for (table, name) in drops {
                let dropped = IndexMut::drop_index(&mut self.store, table, name);
                dropped.map_err(|e| failed(&self.store, e))?;
            }
            return Ok(QueryResult::of(StatementKind::DropIndex));
        }
        let translated = translated.map_err(|e| failed(&self.store, e))?;
        let plan = self.store.plan(translated.into());
        let plan = plan.map_err(|e| failed(&self.store, e))?;
        let payload = execute(&mut self.store, &plan).map_err(|e| failed(&self.store, e))?;
        if let Extra::Constraints(table, constraints) = extra {
            let added = self.store.add_constraints(&table, constraints);
            added.map_err(|e| failed(&self.store, e))?;
        }
        Ok(QueryResult::from_payload(payload, self.store.last_row_id()))
    }
}

/// The table an INSERT, UPDATE or DELETE writes to.
fn target_table(statement: &Statement) -> Option<String> {
    match statement {
        Statement::Insert { table_name, .. }
        | Statement::Update { table_name, .. }
        | Statement::Delete { table_name, .. } => Some(table_name.clone()),
        _ => None,
    }
}

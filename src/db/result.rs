//! What running a statement gives back (`QueryResult`), and parameters converted for
//! GlueSQL.

use super::DbError;
use gluesql::core::{
    data::Value,
    executor::Payload,
    translate::{IntoParamLiteral, ParamLiteral},
};
use serde::Serialize;

/// What kind of statement produced a result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum StatementKind {
    Select,
    Insert,
    Update,
    Delete,
    CreateTable,
    DropTable,
    AlterTable,
    CreateIndex,
    DropIndex,
    Begin,
    Commit,
    Rollback,
    #[default]
    Other,
}

/// The outcome of one statement: column labels and rows (SELECT), or a row count.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueryResult {
    pub kind: StatementKind,
    pub labels: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Rows an INSERT/UPDATE/DELETE changed (DB-API `rowcount`), tables DROP removed.
    pub affected: usize,
    /// After an INSERT: the rowid (integer primary key) of the last row it added
    /// (DB-API `lastrowid`). Ids given by one multi-row INSERT are consecutive.
    pub last_row_id: Option<i64>,
}

impl QueryResult {
    /// Rows returned or changed, as the echo log counts them.
    pub fn row_count(&self) -> usize {
        match self.kind {
            StatementKind::Select => self.rows.len(),
            _ => self.affected,
        }
    }

    pub(crate) fn of(kind: StatementKind) -> QueryResult {
        QueryResult {
            kind,
            ..QueryResult::default()
        }
    }

    pub(crate) fn from_payload(payload: Payload, last_row_id: Option<i64>) -> QueryResult {
        use StatementKind as K;
        let changed = |kind, affected| QueryResult {
            affected,
            ..QueryResult::of(kind)
        };
        match payload {
            Payload::Select { labels, rows } => QueryResult {
                labels,
                rows,
                ..QueryResult::of(K::Select)
            },
            Payload::SelectMap(maps) => QueryResult {
                labels: vec!["_doc".into()],
                rows: maps.into_iter().map(|m| vec![Value::Map(m)]).collect(),
                ..QueryResult::of(K::Select)
            },
            Payload::ShowColumns(columns) => QueryResult {
                labels: vec!["Field".into(), "Type".into()],
                rows: columns
                    .into_iter()
                    .map(|(n, t)| vec![Value::Str(n), Value::Str(t.to_string())])
                    .collect(),
                ..QueryResult::of(K::Select)
            },
            Payload::Insert(n) => QueryResult {
                last_row_id,
                ..changed(K::Insert, n)
            },
            Payload::Update(n) => changed(K::Update, n),
            Payload::Delete(n) => changed(K::Delete, n),
            Payload::DropTable(n) => changed(K::DropTable, n),
            Payload::Create => QueryResult::of(K::CreateTable),
            Payload::AlterTable => QueryResult::of(K::AlterTable),
            Payload::CreateIndex => QueryResult::of(K::CreateIndex),
            Payload::DropIndex => QueryResult::of(K::DropIndex),
            Payload::StartTransaction => QueryResult::of(K::Begin),
            Payload::Commit => QueryResult::of(K::Commit),
            Payload::Rollback => QueryResult::of(K::Rollback),
            Payload::DropFunction | Payload::ShowVariable(_) => QueryResult::of(K::Other),
        }
    }
}

/// A parameter for GlueSQL (which takes Rust values, not `Value`s).
pub(crate) fn param_literal(at: usize, value: &Value) -> Result<ParamLiteral, DbError> {
    Ok(match value.clone() {
        Value::Null => ParamLiteral::null(),
        Value::Bool(v) => v.into_param_literal(),
        Value::I8(v) => v.into_param_literal(),
        Value::I16(v) => v.into_param_literal(),
        Value::I32(v) => v.into_param_literal(),
        Value::I64(v) => v.into_param_literal(),
        Value::I128(v) => v.into_param_literal(),
        Value::U8(v) => v.into_param_literal(),
        Value::U16(v) => v.into_param_literal(),
        Value::U32(v) => v.into_param_literal(),
        Value::U64(v) => v.into_param_literal(),
        Value::U128(v) => v.into_param_literal(),
        Value::F32(v) => v.into_param_literal(),
        Value::F64(v) => v.into_param_literal(),
        Value::Decimal(v) => v.into_param_literal(),
        Value::Str(v) => v.into_param_literal(),
        Value::Bytea(v) => v.into_param_literal(),
        Value::Inet(v) => v.into_param_literal(),
        Value::Date(v) => v.into_param_literal(),
        Value::Timestamp(v) => v.into_param_literal(),
        Value::Time(v) => v.into_param_literal(),
        Value::Interval(v) => v.into_param_literal(),
        Value::Point(v) => v.into_param_literal(),
        Value::Uuid(u) => uuid::Uuid::from_u128(u).into_param_literal(),
        Value::Map(_) | Value::List(_) => {
            let kind = if matches!(value, Value::Map(_)) {
                "dict"
            } else {
                "list"
            };
            let msg = format!(
                "Error binding parameter {}: type '{kind}' is not supported",
                at + 1
            );
            return Err(DbError::new("ProgrammingError", msg));
        }
    })
}

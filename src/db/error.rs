//! `DbError`: a failed statement as sqlite3 would report it, so the ORM can raise
//! `sqlalchemy.exc.<class>: (sqlite3.<class>) <message>` with SQLite's own words.

use gluesql::core::error::{
    AlterError, AlterTableError, Error, EvaluateError, ExecuteError, FetchError, IndexError,
    InsertError, PlannerError, TranslateError, UpdateError, ValidateError, ValueError,
};
use serde::Serialize;

/// A DB-API exception class (`IntegrityError`, `OperationalError`, ...) and SQLite's message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DbError {
    pub class: String,
    pub message: String,
}

impl DbError {
    /// An error of DB-API class `class` (`IntegrityError`, ...).
    pub fn new(class: &str, message: impl Into<String>) -> DbError {
        DbError {
            class: class.to_owned(),
            message: message.into(),
        }
    }

    /// A store error (which carries its class) outside any statement.
    pub(crate) fn from_store(error: Error) -> DbError {
        let failed = Failed {
            table: None,
            primary_key: None,
        };
        from_glue(error, &failed)
    }

    /// How SQLAlchemy words it after the exception class: `(sqlite3.IntegrityError) ...`.
    pub fn sqlalchemy_message(&self) -> String {
        format!("(sqlite3.{}) {}", self.class, self.message)
    }
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.class, self.message)
    }
}

/// What the error mapping needs to know about the failed statement.
pub(crate) struct Failed<'a> {
    /// The table an INSERT/UPDATE/DELETE wrote to.
    pub table: Option<&'a str>,
    /// That table's primary key as SQLite names it (`t.id`).
    pub primary_key: Option<String>,
}

const CLASSES: [&str; 6] = [
    "IntegrityError",
    "OperationalError",
    "ProgrammingError",
    "NotSupportedError",
    "InternalError",
    "DataError",
];

/// Maps GlueSQL's errors to SQLite's words (best effort: what SQLite says where it has a
/// counterpart, GlueSQL's own message otherwise).
pub(crate) fn from_glue(error: Error, failed: &Failed) -> DbError {
    let table = failed.table.unwrap_or("?");
    let op = |m: String| DbError::new("OperationalError", m);
    let no_table = |t: &str| op(format!("no such table: {t}"));
    let unique = |label: String| {
        DbError::new(
            "IntegrityError",
            format!("UNIQUE constraint failed: {label}"),
        )
    };
    let not_null = |c: &str| {
        DbError::new(
            "IntegrityError",
            format!("NOT NULL constraint failed: {table}.{c}"),
        )
    };
    match error {
        Error::StorageMsg(m) => match m.split_once(": ") {
            Some((class, message)) if CLASSES.contains(&class) => DbError::new(class, message),
            _ => op(m),
        },
        Error::Fetch(FetchError::TableNotFound(t))
        | Error::Execute(ExecuteError::TableNotFound(t))
        | Error::Insert(InsertError::TableNotFound(t))
        | Error::AlterTable(AlterTableError::TableNotFound(t))
        | Error::Index(IndexError::TableNotFound(t)) => no_table(&t),
        Error::AlterTable(e) => match e {
            AlterTableError::AlreadyExistingColumn(c) => op(format!("duplicate column name: {c}")),
            AlterTableError::DefaultValueRequired(_) => {
                op("Cannot add a NOT NULL column with default value NULL".into())
            }
            AlterTableError::RenamingColumnNotFound => op("no such column".into()),
            AlterTableError::DroppingColumnNotFound(c) => op(format!("no such column: \"{c}\"")),
            e => op(e.to_string()),
        },
        Error::Index(IndexError::IndexNameAlreadyExists(n)) => {
            op(format!("index {n} already exists"))
        }
        Error::Index(IndexError::IndexNameDoesNotExist(n)) => op(format!("no such index: {n}")),
        Error::Alter(e) => match *e {
            AlterError::TableNotFound(t) => no_table(&t),
            AlterError::TableAlreadyExists(t) => op(format!("table {t} already exists")),
            AlterError::DuplicateColumnName(c) => op(format!("duplicate column name: {c}")),
            e => op(e.to_string()),
        },
        Error::Evaluate(EvaluateError::IdentifierNotFound(c))
        | Error::Update(UpdateError::ColumnNotFound(c)) => op(format!("no such column: {c}")),
        Error::Evaluate(EvaluateError::CompoundIdentifierNotFound {
            table_alias,
            column_name,
        }) => op(format!("no such column: {table_alias}.{column_name}")),
        Error::Insert(InsertError::WrongColumnName(c)) => {
            op(format!("table {table} has no column named {c}"))
        }
        Error::Insert(InsertError::LackOfRequiredColumn(c)) => not_null(&c),
        Error::Value(e) if *e == ValueError::NullValueOnNotNullField => not_null("?"),
        Error::Validate(ValidateError::DuplicateEntryOnPrimaryKeyField(_)) => unique(
            failed
                .primary_key
                .clone()
                .unwrap_or_else(|| format!("{table}.?")),
        ),
        Error::Validate(ValidateError::DuplicateEntryOnUniqueField(_, c)) => {
            unique(format!("{table}.{c}"))
        }
        Error::Planner(PlannerError::ColumnReferenceAmbiguous(c)) => {
            op(format!("ambiguous column name: {c}"))
        }
        Error::Translate(e @ TranslateError::ParameterIndexOutOfRange { .. }) => DbError::new(
            "ProgrammingError",
            format!("Incorrect number of bindings supplied: {e}"),
        ),
        e => op(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_messages_keep_their_class_and_gluesql_errors_get_sqlite_words() {
        let failed = Failed {
            table: Some("roles"),
            primary_key: Some("roles.id".into()),
        };
        let map = |e| from_glue(e, &failed);
        let e = map(Error::StorageMsg(
            "IntegrityError: UNIQUE constraint failed: roles.name".into(),
        ));
        assert_eq!(
            e,
            DbError::new("IntegrityError", "UNIQUE constraint failed: roles.name")
        );
        assert_eq!(
            e.sqlalchemy_message(),
            "(sqlite3.IntegrityError) UNIQUE constraint failed: roles.name"
        );
        let e = map(FetchError::TableNotFound("x".into()).into());
        assert_eq!(e.message, "no such table: x");
        let e = map(
            ValidateError::DuplicateEntryOnPrimaryKeyField(gluesql::core::data::Key::I64(1)).into(),
        );
        assert_eq!(e.message, "UNIQUE constraint failed: roles.id");
        let e = map(EvaluateError::IdentifierNotFound("nope".into()).into());
        assert_eq!(
            (e.class.as_str(), e.message.as_str()),
            ("OperationalError", "no such column: nope")
        );
    }
}

//! Behaviour of `Database` over the store: constraints and their messages (`constraints`),
//! transactions, snapshots, the echo log, raw SQL, saving and ALTER (`state`), indexes, row
//! order and the SQL shapes the ORM sends (`queries`).

mod constraints;
mod queries;
mod state;

use super::*;
use gluesql::core::data::Value;

pub(super) fn db(sql: &str) -> Database {
    let mut db = Database::new();
    for outcome in db.run_raw_sql(sql) {
        assert!(
            outcome.result.is_ok(),
            "{}: {:?}",
            outcome.sql,
            outcome.result
        );
    }
    db
}

pub(super) fn s(v: &str) -> Value {
    Value::Str(v.into())
}

pub(super) fn rows(db: &mut Database, sql: &str) -> Vec<Vec<Value>> {
    match db.execute(sql, &[]) {
        Ok(r) => r.rows,
        Err(e) => panic!("{sql}: {e}"),
    }
}

pub(super) fn ints(db: &mut Database, sql: &str) -> Vec<i64> {
    let rows = rows(db, sql);
    rows.iter()
        .map(|r| match r.first() {
            Some(Value::I64(i)) => *i,
            other => panic!("{sql}: {other:?}"),
        })
        .collect()
}

pub(super) fn err(db: &mut Database, sql: &str, params: &[Value]) -> String {
    match db.execute(sql, params) {
        Ok(r) => panic!("{sql} succeeded: {r:?}"),
        Err(e) => e.message,
    }
}

pub(super) const ROLES: &str = r#"
    CREATE TABLE "roles" ("id" INTEGER NOT NULL, "name" TEXT, PRIMARY KEY ("id"), UNIQUE ("name"));
    CREATE TABLE "users" ("id" INTEGER NOT NULL, "username" TEXT NOT NULL, "role_id" INTEGER,
        PRIMARY KEY ("id"), FOREIGN KEY("role_id") REFERENCES "roles" ("id"));
    CREATE UNIQUE INDEX "ix_users_username" ON "users" ("username");
"#;

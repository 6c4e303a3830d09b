//! Behaviour of `Database` over the store: constraints and their messages, transactions,
//! snapshots, indexes, row order, the echo log, raw SQL, saving and loading.

use super::*;
use gluesql::core::{data::Value, plan::StatementPlan, store::Planner};

fn db(sql: &str) -> Database {
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

fn s(v: &str) -> Value {
    Value::Str(v.into())
}

fn rows(db: &mut Database, sql: &str) -> Vec<Vec<Value>> {
    match db.execute(sql, &[]) {
        Ok(r) => r.rows,
        Err(e) => panic!("{sql}: {e}"),
    }
}

fn ints(db: &mut Database, sql: &str) -> Vec<i64> {
    let rows = rows(db, sql);
    rows.iter()
        .map(|r| match r.first() {
            Some(Value::I64(i)) => *i,
            other => panic!("{sql}: {other:?}"),
        })
        .collect()
}

fn err(db: &mut Database, sql: &str, params: &[Value]) -> String {
    match db.execute(sql, params) {
        Ok(r) => panic!("{sql} succeeded: {r:?}"),
        Err(e) => e.message,
    }
}

const ROLES: &str = r#"
    CREATE TABLE "roles" ("id" INTEGER NOT NULL, "name" TEXT, PRIMARY KEY ("id"), UNIQUE ("name"));
    CREATE TABLE "users" ("id" INTEGER NOT NULL, "username" TEXT NOT NULL, "role_id" INTEGER,
        PRIMARY KEY ("id"), FOREIGN KEY("role_id") REFERENCES "roles" ("id"));
    CREATE UNIQUE INDEX "ix_users_username" ON "users" ("username");
"#;

#[test]
fn integer_primary_keys_count_up_and_report_last_row_id() {
    let mut db = db(ROLES);
    let r = db.execute(r#"INSERT INTO "roles" ("name") VALUES ($1)"#, &[s("Admin")]);
    assert_eq!(r.map(|r| (r.affected, r.last_row_id)), Ok((1, Some(1))));
    let r = db.execute(
        r#"INSERT INTO "roles" ("name") VALUES ($1), ($2)"#,
        &[s("A"), s("B")],
    );
    assert_eq!(r.map(|r| r.last_row_id), Ok(Some(3)));
    assert_eq!(ints(&mut db, r#"SELECT "id" FROM "roles""#), vec![1, 2, 3]);
    db.execute(r#"DELETE FROM "roles" WHERE "id" = 3"#, &[])
        .ok();
    let r = db.execute(r#"INSERT INTO "roles" ("name") VALUES ('C')"#, &[]);
    assert_eq!(
        r.map(|r| r.last_row_id),
        Ok(Some(3)),
        "SQLite reuses the highest id"
    );
}

#[test]
fn constraint_failures_use_sqlite_messages_and_change_nothing() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('Admin')"#, &[])
        .ok();
    let unique = err(
        &mut db,
        r#"INSERT INTO "roles" ("name") VALUES ($1)"#,
        &[s("Admin")],
    );
    assert_eq!(unique, "UNIQUE constraint failed: roles.name");
    let pk = err(
        &mut db,
        r#"INSERT INTO "roles" ("id", "name") VALUES (1, 'X')"#,
        &[],
    );
    assert_eq!(pk, "UNIQUE constraint failed: roles.id");
    let batch = err(
        &mut db,
        r#"INSERT INTO "roles" VALUES (5, 'P'), (5, 'Q')"#,
        &[],
    );
    assert_eq!(batch, "UNIQUE constraint failed: roles.id");
    let index = r#"INSERT INTO "users" ("username") VALUES ('u'), ('u')"#;
    assert_eq!(
        err(&mut db, index, &[]),
        "UNIQUE constraint failed: users.username"
    );
    let null = err(
        &mut db,
        r#"INSERT INTO "users" ("role_id") VALUES (1)"#,
        &[],
    );
    assert_eq!(null, "NOT NULL constraint failed: users.username");
    let fk = err(
        &mut db,
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('a', 9)"#,
        &[],
    );
    assert_eq!(fk, "FOREIGN KEY constraint failed");
    let e = db
        .execute(r#"INSERT INTO "roles" ("name") VALUES ('Admin')"#, &[])
        .err();
    assert_eq!(e.map(|e| e.class), Some("IntegrityError".to_owned()));
    assert_eq!(ints(&mut db, r#"SELECT "id" FROM "roles""#), vec![1]);
    assert_eq!(rows(&mut db, r#"SELECT * FROM "users""#).len(), 0);
}

#[test]
fn updates_keep_unique_values_and_check_them() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('A'), ('B')"#, &[])
        .ok();
    let same = db.execute(r#"UPDATE "roles" SET "name" = 'A' WHERE "id" = 1"#, &[]);
    assert_eq!(
        same.map(|r| r.affected),
        Ok(1),
        "an unchanged unique value is no conflict"
    );
    let clash = err(
        &mut db,
        r#"UPDATE "roles" SET "name" = 'B' WHERE "id" = 1"#,
        &[],
    );
    assert_eq!(clash, "UNIQUE constraint failed: roles.name");
    let null = db.execute(r#"UPDATE "roles" SET "name" = NULL"#, &[]);
    assert_eq!(null.map(|r| r.affected), Ok(2), "NULLs never clash");
    db.execute(
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('u', 1)"#,
        &[],
    )
    .ok();
    let orphan = err(&mut db, r#"UPDATE "users" SET "role_id" = 7"#, &[]);
    assert_eq!(orphan, "FOREIGN KEY constraint failed");
    let gone = err(&mut db, r#"DELETE FROM "roles" WHERE "id" = 1"#, &[]);
    assert_eq!(gone, "FOREIGN KEY constraint failed");
    db.execute(r#"UPDATE "users" SET "role_id" = NULL"#, &[])
        .ok();
    assert!(db
        .execute(r#"DELETE FROM "roles" WHERE "id" = 1"#, &[])
        .is_ok());
}

#[test]
fn foreign_keys_gluesql_cannot_express_are_enforced() {
    let mut db = db(r#"
        CREATE TABLE "a" ("x" INTEGER, "y" INTEGER, "code" TEXT UNIQUE, PRIMARY KEY ("x", "y"));
        CREATE TABLE "b" ("id" INTEGER PRIMARY KEY, "x" INTEGER, "y" INTEGER, "code" TEXT,
            FOREIGN KEY ("x", "y") REFERENCES "a" ("x", "y"),
            FOREIGN KEY ("code") REFERENCES "a" ("code"));
        CREATE TABLE "node" ("id" INTEGER PRIMARY KEY, "parent_id" INTEGER REFERENCES "node" ("id"));
    "#);
    db.execute(r#"INSERT INTO "a" VALUES (1, 2, 'k')"#, &[])
        .ok();
    assert!(db
        .execute(
            r#"INSERT INTO "b" ("x", "y", "code") VALUES (1, 2, 'k')"#,
            &[]
        )
        .is_ok());
    let wrong_pair = r#"INSERT INTO "b" ("x", "y") VALUES (2, 1)"#;
    assert_eq!(
        err(&mut db, wrong_pair, &[]),
        "FOREIGN KEY constraint failed"
    );
    let wrong_code = r#"INSERT INTO "b" ("code") VALUES ('nope')"#;
    assert_eq!(
        err(&mut db, wrong_code, &[]),
        "FOREIGN KEY constraint failed"
    );
    let dup = err(&mut db, r#"INSERT INTO "a" VALUES (1, 2, 'other')"#, &[]);
    assert_eq!(dup, "UNIQUE constraint failed: a.x, a.y");
    let tree = r#"INSERT INTO "node" VALUES (1, NULL), (2, 1), (3, 2)"#;
    assert!(
        db.execute(tree, &[]).is_ok(),
        "a row may reference one inserted with it"
    );
    let parent = err(&mut db, r#"DELETE FROM "node" WHERE "id" = 1"#, &[]);
    assert_eq!(parent, "FOREIGN KEY constraint failed");
    assert_eq!(
        db.execute(r#"DELETE FROM "node""#, &[]).map(|r| r.affected),
        Ok(3)
    );
}

#[test]
fn create_all_orders_tables_and_builds_indexes() {
    use crate::schema::{Column, ForeignKey, Schema, SqlType, Table};
    let col = |name: &str, pk: bool| Column {
        name: name.into(),
        key: name.into(),
        sql_type: SqlType::Integer,
        primary_key: pk,
        nullable: !pk,
        unique: false,
        index: !pk,
        autoincrement: pk,
        default: None,
        server_default: None,
        onupdate: None,
        span: None,
    };
    let table = |name: &str, fk: Option<&str>| Table {
        name: name.into(),
        model: None,
        columns: vec![col("id", true), col("other_id", false)],
        primary_key: vec!["id".into()],
        foreign_keys: fk
            .map(|t| ForeignKey {
                columns: vec!["other_id".into()],
                ref_table: t.into(),
                ref_columns: vec!["id".into()],
                ondelete: None,
                onupdate: None,
            })
            .into_iter()
            .collect(),
        unique_constraints: vec![],
        indexes: vec![],
        span: None,
    };
    let schema = Schema {
        tables: vec![
            table("user", Some("order")),
            table("order", Some("user")),
            table("group", None),
        ],
        relationships: vec![],
    };
    let mut db = Database::new();
    let ran = db.create_all(&schema);
    let ran = ran.unwrap_or_else(|e| panic!("{e}"));
    let heads: Vec<&str> = ran.iter().filter_map(|s| s.lines().next()).collect();
    assert_eq!(
        heads,
        [
            r#"CREATE TABLE "group" ("#,
            r#"CREATE INDEX "ix_group_other_id" ON "group" ("other_id")"#,
            r#"CREATE TABLE "user" ("#,
            r#"CREATE INDEX "ix_user_other_id" ON "user" ("other_id")"#,
            r#"CREATE TABLE "order" ("#,
            r#"CREATE INDEX "ix_order_other_id" ON "order" ("other_id")"#,
        ]
    );
    assert_eq!(
        db.create_all(&schema),
        Ok(vec![]),
        "existing tables are left alone"
    );
    let cyclic = r#"INSERT INTO "user" VALUES (1, NULL); INSERT INTO "order" VALUES (1, 1);
        UPDATE "user" SET "other_id" = 1"#;
    assert!(db.execute(cyclic, &[]).is_ok());
    let dropped = db.drop_all(&schema).map(|d| d.join("; "));
    assert_eq!(
        dropped.as_deref(),
        Ok(r#"DROP TABLE "order"; DROP TABLE "user"; DROP TABLE "group""#)
    );
    assert!(db.table_names().is_empty());
}

#[test]
fn rollback_undoes_rows_and_ddl_commit_keeps_them() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('kept')"#, &[])
        .ok();
    assert_eq!(db.begin(), Ok(()));
    assert!(db.in_transaction());
    let begin_again = db.begin().map_err(|e| e.message);
    assert_eq!(
        begin_again,
        Err("cannot start a transaction within a transaction".into())
    );
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('gone')"#, &[])
        .ok();
    db.execute(r#"CREATE TABLE "tmp" ("id" INTEGER PRIMARY KEY)"#, &[])
        .ok();
    db.execute(r#"DROP TABLE "users""#, &[]).ok();
    db.execute(r#"CREATE INDEX "ix_roles_name" ON "roles" ("name")"#, &[])
        .ok();
    assert_eq!(db.table_names(), ["roles", "tmp"]);
    assert_eq!(db.rollback(), Ok(()));
    assert!(!db.in_transaction());
    assert_eq!(db.table_names(), ["roles", "users"]);
    assert_eq!(
        rows(&mut db, r#"SELECT "name" FROM "roles""#),
        vec![vec![s("kept")]]
    );
    assert!(db
        .execute(r#"CREATE INDEX "ix_roles_name" ON "roles" ("name")"#, &[])
        .is_ok());
    db.begin().ok();
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('saved')"#, &[])
        .ok();
    db.commit().ok();
    db.rollback().ok();
    assert_eq!(rows(&mut db, r#"SELECT "name" FROM "roles""#).len(), 2);
    let raw = db.run_raw_sql(r#"BEGIN; DELETE FROM "roles"; ROLLBACK; SELECT * FROM "roles""#);
    assert_eq!(
        raw.last().map(|o| o.result.as_ref().map(|r| r.rows.len())),
        Some(Ok(2))
    );
}

#[test]
fn snapshots_restore_everything() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('A')"#, &[])
        .ok();
    let snap = db.snapshot();
    db.execute(r#"DELETE FROM "roles""#, &[]).ok();
    db.execute(r#"DROP TABLE "users""#, &[]).ok();
    db.restore(&snap);
    assert_eq!(db.table_names(), ["roles", "users"]);
    assert_eq!(
        rows(&mut db, r#"SELECT "name" FROM "roles""#),
        vec![vec![s("A")]]
    );
    let again = err(&mut db, r#"INSERT INTO "roles" ("name") VALUES ('A')"#, &[]);
    assert_eq!(
        again, "UNIQUE constraint failed: roles.name",
        "indexes come back too"
    );
}

/// The plan GlueSQL would run, as text.
fn plan(db: &Database, sql: &str, params: &[Value]) -> String {
    let mut parsed = sql::parse(sql).unwrap_or_default();
    let Some(statement) = parsed.pop() else {
        return String::new();
    };
    let params: Vec<_> = params
        .iter()
        .enumerate()
        .filter_map(|(i, v)| result::param_literal(i, v).ok())
        .collect();
    let translated = gluesql::core::translate::translate_with_params(&statement, &params);
    let planned = translated.and_then(|t| db.store().plan(StatementPlan::from(t)));
    format!("{planned:?}")
}

#[test]
fn indexed_lookups_do_not_scan_and_stay_right_through_changes() {
    let mut db = db(ROLES);
    let by_name = r#"SELECT "users"."id" FROM "users" WHERE "users"."username" = $1"#;
    assert!(plan(&db, by_name, &[s("x")]).contains("ix_users_username"));
    let by_role = r#"SELECT "id" FROM "users" WHERE "role_id" = $1"#;
    assert!(plan(&db, by_role, &[Value::I64(1)]).contains("fk_users_role_id"));
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('r1'), ('r2')"#, &[])
        .ok();
    let users =
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('a', 1), ('b', 2), ('c', 1)"#;
    db.execute(users, &[]).ok();
    let lookup = |db: &mut Database, name: &str| -> Vec<Vec<Value>> {
        db.execute(by_name, &[s(name)])
            .map(|r| r.rows)
            .unwrap_or_default()
    };
    assert_eq!(lookup(&mut db, "b"), vec![vec![Value::I64(2)]]);
    db.execute(
        r#"UPDATE "users" SET "username" = 'bb' WHERE "id" = 2"#,
        &[],
    )
    .ok();
    assert!(lookup(&mut db, "b").is_empty());
    assert_eq!(lookup(&mut db, "bb"), vec![vec![Value::I64(2)]]);
    db.begin().ok();
    db.execute(r#"DELETE FROM "users" WHERE "id" = 2"#, &[])
        .ok();
    assert!(lookup(&mut db, "bb").is_empty());
    db.rollback().ok();
    assert_eq!(lookup(&mut db, "bb"), vec![vec![Value::I64(2)]]);
    let of_role = db.execute(by_role, &[Value::I64(1)]).map(|r| r.rows.len());
    assert_eq!(of_role, Ok(2));
}

#[test]
fn ordered_and_range_scans_through_an_index() {
    let mut db = db(
        r#"CREATE TABLE "p" ("id" INTEGER PRIMARY KEY, "price" FLOAT, "n" INTEGER);
        CREATE INDEX "ix_p_price" ON "p" ("price"); CREATE INDEX "ix_p_n" ON "p" ("n");
        INSERT INTO "p" VALUES (1, 5.5, 3), (2, NULL, 1), (3, 1.0, 2), (4, 9.0, NULL)"#,
    );
    let desc = r#"SELECT "id" FROM "p" ORDER BY "price" DESC"#;
    assert!(plan(&db, desc, &[]).contains("ix_p_price"));
    assert_eq!(ints(&mut db, desc), vec![2, 4, 1, 3]);
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "p" WHERE "price" > 1"#),
        vec![1, 4]
    );
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "p" WHERE "price" <= 5.5"#),
        vec![3, 1]
    );
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "p" WHERE "n" >= 2"#),
        vec![3, 1]
    );
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "p" WHERE "n" < 2"#),
        vec![2]
    );
    let mixed = db.execute(
        r#"SELECT "id" FROM "p" WHERE "price" < $1"#,
        &[Value::I64(6)],
    );
    assert_eq!(
        mixed.map(|r| r.rows.len()),
        Ok(2),
        "an integer compared with a FLOAT index"
    );
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "p" WHERE "n" IS NULL"#),
        vec![4]
    );
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "p" WHERE "n" IS NOT NULL"#),
        vec![2, 3, 1]
    );
}

#[test]
fn rows_come_in_primary_key_order_else_insertion_order() {
    let mut db = db(r#"CREATE TABLE "k" ("id" INTEGER PRIMARY KEY);
        CREATE TABLE "free" ("v" INTEGER);
        CREATE TABLE "pair" ("a" INTEGER, "b" INTEGER, PRIMARY KEY ("a", "b"));
        INSERT INTO "k" VALUES (3), (1), (2); INSERT INTO "free" VALUES (3), (1), (2);
        INSERT INTO "pair" VALUES (2, 1), (1, 2), (1, 1)"#);
    assert_eq!(ints(&mut db, r#"SELECT * FROM "k""#), vec![1, 2, 3]);
    assert_eq!(ints(&mut db, r#"SELECT * FROM "free""#), vec![3, 1, 2]);
    let pairs = rows(&mut db, r#"SELECT * FROM "pair""#);
    let pairs: Vec<String> = pairs.iter().map(|r| format!("{r:?}")).collect();
    assert_eq!(
        pairs,
        ["[I64(1), I64(1)]", "[I64(1), I64(2)]", "[I64(2), I64(1)]"]
    );
    let null_key = err(&mut db, r#"INSERT INTO "pair" VALUES (NULL, 1)"#, &[]);
    assert_eq!(null_key, "NOT NULL constraint failed: pair.a");
    let table = db.table_rows("pair").map(|r| (r.labels, r.rows.len()));
    assert_eq!(table, Ok((vec!["a".to_owned(), "b".to_owned()], 3)));
}

#[test]
fn unknown_names_and_bad_syntax_read_like_sqlite() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('A')"#, &[])
        .ok();
    assert_eq!(
        err(&mut db, r#"SELECT * FROM "nope""#, &[]),
        "no such table: nope"
    );
    assert_eq!(
        err(&mut db, r#"SELECT "nope" FROM "roles""#, &[]),
        "no such column: nope"
    );
    let insert = r#"INSERT INTO "roles" ("nope") VALUES (1)"#;
    assert_eq!(
        err(&mut db, insert, &[]),
        "table roles has no column named nope"
    );
    assert_eq!(
        err(&mut db, "SELECT * FORM roles", &[]),
        "near \"FORM\": syntax error"
    );
    let e = db.execute(r#"SELECT * FROM "roles" WHERE "id" = $2"#, &[Value::I64(1)]);
    assert_eq!(e.map_err(|e| e.class), Err("ProgrammingError".to_owned()));
}

#[test]
fn the_echo_log_records_what_ran() {
    let mut db = db(ROLES);
    db.clear_log();
    db.set_cause(">>> db.session.commit()");
    db.begin().ok();
    let insert = r#"INSERT INTO "roles" ("name") VALUES ($1)"#;
    db.execute(insert, &[s("Admin")]).ok();
    db.execute(insert, &[s("Admin")]).ok();
    db.execute_tagged(
        r#"SELECT * FROM "roles" WHERE "id" = $1"#,
        &[Value::I64(1)],
        "lazy load",
    )
    .ok();
    db.rollback().ok();
    let log: Vec<_> = db.echo_log().entries().collect();
    let shown: Vec<(&str, Option<&str>, usize)> = log
        .iter()
        .map(|e| (e.sql.as_str(), e.params.as_deref(), e.rows))
        .collect();
    assert_eq!(
        shown,
        [
            ("BEGIN (implicit)", None, 0),
            (insert, Some("('Admin',)"), 1),
            (insert, Some("('Admin',)"), 0),
            (r#"SELECT * FROM "roles" WHERE "id" = $1"#, Some("(1,)"), 1),
            ("ROLLBACK", None, 0),
        ]
    );
    let error = log.get(2).and_then(|e| e.error.as_deref());
    assert_eq!(
        error,
        Some("(sqlite3.IntegrityError) UNIQUE constraint failed: roles.name")
    );
    assert_eq!(log.get(3).and_then(|e| e.tag.as_deref()), Some("lazy load"));
    assert!(log
        .iter()
        .all(|e| e.cause == ">>> db.session.commit()" && e.elapsed_ms >= 0.0));
    let seqs: Vec<u64> = log.iter().map(|e| e.seq).collect();
    assert_eq!(db.echo_log().since(seqs[3]).count(), 2);
}

#[test]
fn raw_sql_runs_until_the_first_error() {
    let mut db = Database::new();
    let out = db.run_raw_sql("CREATE TABLE t (a INTEGER UNIQUE); INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (1); SELECT * FROM t");
    let results: Vec<_> = out
        .iter()
        .map(|o| o.result.as_ref().map(QueryResult::row_count))
        .collect();
    let failure = DbError::new("IntegrityError", "UNIQUE constraint failed: t.a");
    assert_eq!(results, [Ok(0), Ok(2), Err(&failure)]);
    let out = db.run_raw_sql("SELEC nonsense; '");
    assert_eq!(out.len(), 1);
    assert!(out.iter().all(|o| o.result.is_err()));
    assert_eq!(db.run_raw_sql("").len(), 0);
}

#[test]
fn a_saved_store_loads_with_its_indexes_and_constraints() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('A'), ('B')"#, &[])
        .ok();
    db.execute(
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('u', 2)"#,
        &[],
    )
    .ok();
    let json = serde_json::to_string(db.store()).unwrap_or_default();
    let store: Store = match serde_json::from_str(&json) {
        Ok(store) => store,
        Err(e) => panic!("{e}: {json}"),
    };
    let mut loaded = Database::from_store(store);
    let by_name = r#"SELECT "id" FROM "users" WHERE "username" = 'u'"#;
    assert_eq!(ints(&mut loaded, by_name), vec![1]);
    let dup = err(
        &mut loaded,
        r#"INSERT INTO "users" ("username") VALUES ('u')"#,
        &[],
    );
    assert_eq!(dup, "UNIQUE constraint failed: users.username");
    let fk = err(&mut loaded, r#"DELETE FROM "roles" WHERE "id" = 2"#, &[]);
    assert_eq!(fk, "FOREIGN KEY constraint failed");
    let next = loaded.execute(r#"INSERT INTO "roles" ("name") VALUES ('C')"#, &[]);
    assert_eq!(next.map(|r| r.last_row_id), Ok(Some(3)));
}

#[test]
fn alter_table_keeps_constraints_in_step() {
    let mut db = db(ROLES);
    db.execute(r#"INSERT INTO "roles" ("name") VALUES ('A')"#, &[])
        .ok();
    let add = r#"ALTER TABLE "roles" ADD COLUMN "level" INTEGER DEFAULT 3"#;
    assert!(db.execute(add, &[]).is_ok());
    assert_eq!(
        rows(&mut db, r#"SELECT "level" FROM "roles""#),
        vec![vec![Value::I64(3)]]
    );
    let rename = r#"ALTER TABLE "roles" RENAME COLUMN "id" TO "role_id""#;
    assert!(db.execute(rename, &[]).is_ok());
    db.execute(
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('u', 1)"#,
        &[],
    )
    .ok();
    let orphan = err(
        &mut db,
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('v', 5)"#,
        &[],
    );
    assert_eq!(orphan, "FOREIGN KEY constraint failed");
    let drop = r#"ALTER TABLE "roles" DROP COLUMN "name""#;
    assert_eq!(
        err(&mut db, drop, &[]),
        "cannot drop UNIQUE column: \"name\""
    );
    assert!(db
        .execute(r#"ALTER TABLE "roles" DROP COLUMN "level""#, &[])
        .is_ok());
    let dup = err(&mut db, r#"INSERT INTO "roles" ("name") VALUES ('A')"#, &[]);
    assert_eq!(dup, "UNIQUE constraint failed: roles.name");
    assert!(db
        .execute(r#"ALTER TABLE "roles" RENAME TO "groups""#, &[])
        .is_ok());
    let orphan = err(
        &mut db,
        r#"INSERT INTO "users" ("username", "role_id") VALUES ('w', 5)"#,
        &[],
    );
    assert_eq!(orphan, "FOREIGN KEY constraint failed");
}

#[test]
fn value_types_round_trip() {
    let mut db = db(
        r#"CREATE TABLE "v" ("id" INTEGER PRIMARY KEY, "b" BOOLEAN, "f" FLOAT, "d" DECIMAL,
        "day" DATE, "at" TIMESTAMP, "t" TIME, "span" INTERVAL, "bin" BYTEA, "u" UUID, "j" TEXT,
        "s" TEXT DEFAULT 'open', "n" INTEGER DEFAULT 3)"#,
    );
    use gluesql::core::chrono::NaiveDate;
    let day = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap_or_default();
    let at = day.and_hms_opt(3, 4, 5).unwrap_or_default();
    let values = vec![
        Value::I64(1),
        Value::Bool(true),
        Value::F64(12.5),
        Value::Decimal(12.into()),
        Value::Date(day),
        Value::Timestamp(at),
        Value::Time(at.time()),
        Value::Interval(gluesql::core::data::Interval::Microsecond(5_000_000)),
        Value::Bytea(vec![0, 255]),
        Value::Uuid(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef),
        s(r#"{"b": 1, "a": [1, 2]}"#),
    ];
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("${i}")).collect();
    let insert = format!(
        r#"INSERT INTO "v" ("id", "b", "f", "d", "day", "at", "t", "span", "bin", "u", "j") VALUES ({})"#,
        placeholders.join(", ")
    );
    let inserted = db.execute(&insert, &values);
    assert!(inserted.is_ok(), "{inserted:?}");
    let mut expected = values;
    expected.extend([s("open"), Value::I64(3)]);
    assert_eq!(rows(&mut db, r#"SELECT * FROM "v""#), vec![expected]);
}

#[test]
fn on_delete_cascade_and_set_null_follow_the_key() {
    let mut db = db(r#"
        CREATE TABLE "post" ("id" INTEGER PRIMARY KEY);
        CREATE TABLE "comment" ("id" INTEGER PRIMARY KEY, "post_id" INTEGER,
            FOREIGN KEY ("post_id") REFERENCES "post" ("id") ON DELETE CASCADE);
        CREATE TABLE "reply" ("id" INTEGER PRIMARY KEY, "comment_id" INTEGER,
            FOREIGN KEY ("comment_id") REFERENCES "comment" ("id") ON DELETE SET NULL);
        CREATE TABLE "pin" ("id" INTEGER PRIMARY KEY, "comment_id" INTEGER NOT NULL,
            FOREIGN KEY ("comment_id") REFERENCES "comment" ("id"));
        INSERT INTO "post" VALUES (1), (2);
        INSERT INTO "comment" VALUES (10, 1), (11, 1), (20, 2);
        INSERT INTO "reply" VALUES (100, 10), (200, 20);
        INSERT INTO "pin" VALUES (1, 20);
    "#);
    assert_eq!(
        db.execute(r#"DELETE FROM "post" WHERE "id" = 1"#, &[])
            .map(|r| r.affected),
        Ok(1)
    );
    assert_eq!(ints(&mut db, r#"SELECT "id" FROM "comment""#), vec![20]);
    let replies = rows(&mut db, r#"SELECT "comment_id" FROM "reply""#);
    assert_eq!(replies, vec![vec![Value::Null], vec![Value::I64(20)]]);
    let pinned = err(&mut db, r#"DELETE FROM "post" WHERE "id" = 2"#, &[]);
    assert_eq!(
        pinned, "FOREIGN KEY constraint failed",
        "NO ACTION below a cascade"
    );
    assert_eq!(
        ints(&mut db, r#"SELECT "id" FROM "comment""#),
        vec![20],
        "all or nothing"
    );
    assert_eq!(
        ints(
            &mut db,
            r#"SELECT "comment_id" FROM "reply" WHERE "id" = 200"#
        ),
        vec![20]
    );
}

#[test]
fn the_database_can_move_between_threads() {
    fn send<T: Send>(_: &T) {}
    send(&Database::new());
}

/// Statement shapes SQLAlchemy emits, with what they return here.
#[test]
fn sqlalchemy_shaped_statements_run() {
    let mut db = db(r#"
        CREATE TABLE "roles" ("id" INTEGER NOT NULL, "name" TEXT, PRIMARY KEY ("id"), UNIQUE ("name"));
        CREATE TABLE "users" ("id" INTEGER NOT NULL, "username" TEXT, "role_id" INTEGER,
            PRIMARY KEY ("id"), FOREIGN KEY("role_id") REFERENCES "roles" ("id"));
        CREATE TABLE "tag" ("id" INTEGER NOT NULL, "name" TEXT, PRIMARY KEY ("id"));
        CREATE TABLE "post" ("id" INTEGER NOT NULL, "title" TEXT, PRIMARY KEY ("id"));
        CREATE TABLE "tags" ("tag_id" INTEGER NOT NULL, "post_id" INTEGER NOT NULL,
            PRIMARY KEY ("tag_id", "post_id"), FOREIGN KEY("tag_id") REFERENCES "tag" ("id"),
            FOREIGN KEY("post_id") REFERENCES "post" ("id"));
        INSERT INTO "roles" ("name") VALUES ('Admin'), ('User');
        INSERT INTO "users" ("username", "role_id") VALUES ('john', 1), ('susan', 2), ('david', 2);
        INSERT INTO "tag" ("name") VALUES ('a'), ('b'), ('c');
        INSERT INTO "post" ("title") VALUES ('p1'), ('p2');
        INSERT INTO "tags" VALUES (3, 1), (1, 1), (2, 2);
    "#);
    let i = Value::I64;
    let cases: Vec<(&str, Vec<Value>, Vec<i64>)> = vec![
        ("SELECT roles.id AS roles_id, roles.name AS roles_name FROM roles WHERE roles.name = $1 LIMIT $2 OFFSET $3", vec![s("User"), i(1), i(0)], vec![2]),
        ("SELECT count(*) AS count_1 FROM (SELECT roles.id AS roles_id, roles.name AS roles_name FROM roles) AS anon_1", vec![], vec![2]),
        ("SELECT users.id AS users_id FROM users JOIN roles ON roles.id = users.role_id WHERE roles.name = $1", vec![s("User")], vec![2, 3]),
        ("SELECT tag.id AS tag_id, tag.name AS tag_name FROM tag, tags WHERE $1 = tags.post_id AND tag.id = tags.tag_id", vec![i(1)], vec![1, 3]),
        ("SELECT post.id FROM post WHERE EXISTS (SELECT 1 FROM tags, tag WHERE post.id = tags.post_id AND tag.id = tags.tag_id AND tag.name = $1)", vec![s("b")], vec![2]),
        ("SELECT users.id FROM users LEFT OUTER JOIN roles ON roles.id = users.role_id WHERE roles.id IS NULL", vec![], vec![]),
        ("SELECT users.id FROM users WHERE users.role_id IN ($1, $2) ORDER BY users.username DESC", vec![i(1), i(2)], vec![2, 1, 3]),
        ("SELECT users.id FROM users WHERE lower(users.username) LIKE lower($1)", vec![s("%A%")], vec![2, 3]),
        ("SELECT count(users.id) AS n FROM roles JOIN users ON roles.id = users.role_id GROUP BY roles.name HAVING count(users.id) > $1 ORDER BY n DESC", vec![i(0)], vec![2, 1]),
        ("SELECT roles.id FROM roles WHERE EXISTS (SELECT 1 FROM users WHERE roles.id = users.role_id AND users.username = $1)", vec![s("john")], vec![1]),
        ("SELECT users_1.id FROM users AS users_1 WHERE users_1.username = $1", vec![s("susan")], vec![2]),
        ("SELECT users.id FROM users WHERE users.role_id NOT IN (SELECT roles.id FROM roles WHERE roles.name = $1)", vec![s("Admin")], vec![2, 3]),
    ];
    for (sql, params, expected) in cases {
        let got = db.execute(sql, &params).map(|r| {
            let firsts = r.rows.iter().filter_map(|row| row.first());
            firsts
                .map(|v| match v {
                    Value::I64(n) => *n,
                    _ => -1,
                })
                .collect::<Vec<_>>()
        });
        assert_eq!(got, Ok(expected), "{sql}");
    }
}

//! Transactions, snapshots, the echo log, raw SQL, saving and loading, ALTER TABLE, types.

use super::*;

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

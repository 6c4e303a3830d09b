//! Keys, UNIQUE, NOT NULL and FOREIGN KEY with SQLite's messages; create/drop order.

use super::*;

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
    let bare = db.execute(r#"INSERT INTO "roles" DEFAULT VALUES"#, &[]);
    assert_eq!(bare.map(|r| r.last_row_id), Ok(Some(4)), "DEFAULT VALUES");
    db.execute(r#"DELETE FROM "roles" WHERE "id" >= 3"#, &[])
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
        CREATE TABLE "node" ("id" INTEGER PRIMARY KEY, "parent_id" INTEGER REFERENCES "node");
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
        check_constraints: vec![],
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

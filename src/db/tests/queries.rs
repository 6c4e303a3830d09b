//! Index use, ranges and ordered scans, row order, errors for unknown names, SQL shapes.

use super::*;

use gluesql::core::{plan::StatementPlan, store::Planner};

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

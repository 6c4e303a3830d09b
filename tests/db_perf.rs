//! Figures for the db layer (printed, not asserted): batched inserts into a table with a
//! unique indexed column, equality lookups through that index, lookups by a foreign-key
//! column and by a plain column, and where the time of one small statement goes (parse,
//! translate, plan, execute). Run with
//! `cargo test --release --test db_perf -- --ignored --nocapture`.

use gluesql::core::{
    data::Value,
    executor::execute,
    plan::StatementPlan,
    sqlparser::{dialect::PostgreSqlDialect, parser::Parser},
    store::Planner,
    translate::{translate_with_params, IntoParamLiteral},
};
use orm_playground::db::Database;
use std::time::Instant;

const ROWS: usize = 20_000;
const BATCH: usize = 500;
const LOOKUPS: usize = 1_000;

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn setup() -> Database {
    let mut db = Database::new();
    let ddl = r#"
        CREATE TABLE "roles" ("id" INTEGER NOT NULL, "name" TEXT, PRIMARY KEY ("id"));
        CREATE TABLE "users" ("id" INTEGER NOT NULL, "username" TEXT NOT NULL, "age" INTEGER,
            "role_id" INTEGER, PRIMARY KEY ("id"), FOREIGN KEY("role_id") REFERENCES "roles" ("id"));
        CREATE UNIQUE INDEX "ix_users_username" ON "users" ("username");
    "#;
    for outcome in db.run_raw_sql(ddl) {
        assert!(outcome.result.is_ok(), "{outcome:?}");
    }
    for r in 1..=100 {
        let insert = r#"INSERT INTO "roles" ("name") VALUES ($1)"#;
        assert!(db
            .execute(insert, &[Value::Str(format!("role{r}"))])
            .is_ok());
    }
    db
}

fn insert_users(db: &mut Database) -> f64 {
    let placeholders: Vec<String> = (0..BATCH)
        .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
        .collect();
    let sql = format!(
        r#"INSERT INTO "users" ("username", "age", "role_id") VALUES {}"#,
        placeholders.join(", ")
    );
    let start = Instant::now();
    for batch in 0..ROWS / BATCH {
        let mut params = Vec::with_capacity(BATCH * 3);
        for i in 0..BATCH {
            let n = batch * BATCH + i;
            params.push(Value::Str(format!("user{n}")));
            params.push(Value::I64((n % 90) as i64));
            params.push(Value::I64((n % 100 + 1) as i64));
        }
        let result = db.execute(&sql, &params);
        assert_eq!(result.map(|r| r.affected), Ok(BATCH));
    }
    ms(start)
}

fn lookups(db: &mut Database, sql: &str, param: impl Fn(usize) -> Value) -> (f64, usize) {
    let start = Instant::now();
    let mut found = 0;
    for i in 0..LOOKUPS {
        let result = db.execute(sql, &[param(i)]);
        found += result.map(|r| r.rows.len()).unwrap_or_default();
    }
    (ms(start), found)
}

#[test]
#[ignore = "prints timings; run explicitly with --release"]
fn db_perf_figures() {
    let mut db = setup();
    let insert_ms = insert_users(&mut db);
    println!("insert {ROWS} rows in batches of {BATCH}: {insert_ms:.1} ms");

    let by_name = r#"SELECT "users"."id", "users"."username", "users"."age", "users"."role_id" FROM "users" WHERE "users"."username" = $1"#;
    let (t, n) = lookups(&mut db, by_name, |i| {
        Value::Str(format!("user{}", i * 19 % ROWS))
    });
    println!("{LOOKUPS} lookups by unique indexed column: {t:.1} ms ({n} rows)");

    let by_fk =
        r#"SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."role_id" = $1"#;
    let (t, n) = lookups(&mut db, by_fk, |i| Value::I64((i % 100 + 1) as i64));
    println!("{LOOKUPS} lookups by foreign-key column (store-made index): {t:.1} ms ({n} rows)");

    let by_age = r#"SELECT "users"."id" FROM "users" WHERE "users"."age" = $1"#;
    let (t, n) = lookups(&mut db, by_age, |i| Value::I64((i % 90) as i64));
    println!("{LOOKUPS} lookups by a non-indexed column (table scan): {t:.1} ms ({n} rows)");

    let by_pk = r#"SELECT "users"."id", "users"."username" FROM "users" WHERE "users"."id" = $1"#;
    let (t, n) = lookups(&mut db, by_pk, |i| Value::I64((i * 7 % ROWS + 1) as i64));
    println!("{LOOKUPS} lookups by primary key: {t:.1} ms ({n} rows)");

    let one = r#"INSERT INTO "users" ("username", "age", "role_id") VALUES ($1, $2, $3)"#;
    let start = Instant::now();
    for i in 0..LOOKUPS {
        let params = [
            Value::Str(format!("single{i}")),
            Value::I64(1),
            Value::I64(1),
        ];
        assert!(db.execute(one, &params).is_ok());
    }
    println!("{LOOKUPS} single-row INSERTs: {:.1} ms", ms(start));

    phases(&db, by_name, |_| vec![Value::Str("user77".into())]);
    phases(&db, by_fk, |_| vec![Value::I64(5)]);
    phases(&db, one, |i| {
        vec![
            Value::Str(format!("phase{i}")),
            Value::I64(1),
            Value::I64(1),
        ]
    });
}

/// Splits one small statement's cost into parse, translate, plan and execute.
fn phases(db: &Database, sql: &str, params: impl Fn(usize) -> Vec<Value>) {
    let mut store = db.store().clone();
    let dialect = PostgreSqlDialect {};
    let (mut parse, mut translate, mut plan, mut run) = (0.0, 0.0, 0.0, 0.0);
    for i in 0..LOOKUPS {
        let t = Instant::now();
        let parsed = Parser::parse_sql(&dialect, sql).unwrap_or_default();
        parse += ms(t);
        let t = Instant::now();
        let params: Vec<_> = params(i)
            .into_iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(s.into_param_literal()),
                Value::I64(i) => Some(i.into_param_literal()),
                _ => None,
            })
            .collect();
        let Some(Ok(statement)) = parsed.first().map(|p| translate_with_params(p, &params)) else {
            panic!("translate failed: {sql}");
        };
        translate += ms(t);
        let t = Instant::now();
        let planned = store.plan(StatementPlan::from(statement));
        plan += ms(t);
        let t = Instant::now();
        let result = planned.and_then(|p| execute(&mut store, &p));
        assert!(result.is_ok(), "{result:?}");
        run += ms(t);
    }
    let n = LOOKUPS as f64;
    println!(
        "per statement (µs): parse {:.1}, translate {:.1}, plan {:.1}, execute {:.1} — {sql}",
        parse * 1000.0 / n,
        translate * 1000.0 / n,
        plan * 1000.0 / n,
        run * 1000.0 / n
    );
}

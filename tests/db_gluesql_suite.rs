//! GlueSQL's storage-agnostic test suite run against our `Store` through plain `Glue` (without
//! `Database`'s pre-pass). Ignored by default; run it with
//! `cargo test --test db_gluesql_suite -- --ignored`. 205 of 216 cases pass; the 11 that fail
//! do so by design: they expect GlueSQL's own error values where the store reports SQLite's
//! (UNIQUE / NOT NULL / FOREIGN KEY: alter_table_add_drop, foreign_key, insert, nullable,
//! validate_types, validate_unique, values), a NULL into an INTEGER PRIMARY KEY to fail where
//! SQLite assigns the next id (primary_key), NOT NULL and UNIQUE to show in the schema GlueSQL
//! sees (dictionary, store_insert_schema), and `x > 2` through an index to return NULLs
//! (index_null; SQL says NULL compares as unknown).

use gluesql::core::prelude::Glue;
use orm_playground::db::Store;
use test_suite::*;

struct StoreTester {
    glue: Glue<Store>,
}

impl Tester<Store> for StoreTester {
    fn new(_: &str) -> Self {
        StoreTester {
            glue: Glue::new(Store::default()),
        }
    }

    fn get_glue(&mut self) -> &mut Glue<Store> {
        &mut self.glue
    }
}

generate_store_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);
generate_alter_table_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);
generate_index_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);
generate_transaction_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);
generate_alter_table_index_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);
generate_transaction_alter_table_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);
generate_transaction_index_tests!(
    cfg_attr(all(), test, ignore = "GlueSQL's suite"),
    StoreTester
);

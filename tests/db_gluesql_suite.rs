//! GlueSQL's storage-agnostic test suite run against our `Store` through plain `Glue` (without
//! `Database`'s pre-pass). Cases that check GlueSQL's own error values for constraints fail by
//! design: the store reports SQLite's messages instead (see the db layer's notes).

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

generate_store_tests!(test, StoreTester);
generate_alter_table_tests!(test, StoreTester);
generate_index_tests!(test, StoreTester);
generate_transaction_tests!(test, StoreTester);
generate_alter_table_index_tests!(test, StoreTester);
generate_transaction_alter_table_tests!(test, StoreTester);
generate_transaction_index_tests!(test, StoreTester);

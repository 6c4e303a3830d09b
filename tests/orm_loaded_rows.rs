//! Rows a query loads keep no copy of their committed values until something changes them
//! (`orm::state::Committed::clean`, which saves a vector per loaded row): the flush must
//! still see exactly the columns that changed, through every way a column changes.

use orm_playground::playground::Playground;

const MODELS: &str = "class Role(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    users = db.relationship('User', backref='role')


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    score = db.Column(db.Float)
    role_id = db.Column(db.Integer, db.ForeignKey('role.id'))
";

/// The UPDATE statements the database ran for `input`, as `sql  params`.
fn updates(pg: &mut Playground, input: &str) -> Vec<String> {
    let from = pg.database().map_or(0, |d| d.echo_log().next_seq());
    let out = pg.run(input);
    assert!(out.error.is_none(), "{input}: {}", out.text);
    let db = pg.database();
    let log = db.as_ref().map(|d| d.echo_log());
    log.map(|l| {
        l.since(from)
            .filter(|e| e.sql.starts_with("UPDATE"))
            .map(|e| format!("{}  {}", e.sql, e.params.clone().unwrap_or_default()))
            .collect()
    })
    .unwrap_or_default()
}

fn loaded() -> Playground {
    let mut pg = Playground::new();
    let report = pg.load_models(MODELS);
    assert!(report.error.is_none(), "{:?}", report.error);
    for line in [
        "db.session.add_all([Role(name='a'), Role(name='b'), User(name='x', score=1.0), User(name='y', score=2.0)])",
        "db.session.commit()",
        "users = User.query.order_by(User.id).all()",
    ] {
        let out = pg.run(line);
        assert!(out.error.is_none(), "{line}: {}", out.text);
    }
    pg
}

#[test]
fn only_changed_columns_of_loaded_rows_are_updated() {
    let mut pg = loaded();
    let ran = updates(
        &mut pg,
        "users[0].name = 'x'\nusers[1].score = 3.0\ndb.session.commit()",
    );
    assert_eq!(
        ran,
        ["UPDATE \"user\" SET score = $1 WHERE \"user\".id = $2  (3.0, 2)"]
    );
    // Expired by the commit, reloaded on access, changed again.
    let ran = updates(
        &mut pg,
        "users[1].score = users[1].score + 1\ndb.session.commit()",
    );
    assert_eq!(
        ran,
        ["UPDATE \"user\" SET score = $1 WHERE \"user\".id = $2  (4.0, 2)"]
    );
    assert_eq!(
        pg.run("[(u.name, u.score) for u in User.query.order_by(User.id)]")
            .text,
        "[('x', 1.0), ('y', 4.0)]\n"
    );
}

#[test]
fn a_foreign_key_set_by_the_flush_on_a_loaded_row_is_updated() {
    let mut pg = loaded();
    let ran = updates(
        &mut pg,
        "r = db.session.get(Role, 2)\nr.users.append(users[0])\ndb.session.commit()",
    );
    assert_eq!(
        ran,
        ["UPDATE \"user\" SET role_id = $1 WHERE \"user\".id = $2  (2, 1)"]
    );
    assert_eq!(pg.run("users[0].role.name").text, "'b'\n");
}

#[test]
fn setting_a_loaded_row_back_to_its_value_updates_nothing() {
    let mut pg = loaded();
    let ran = updates(
        &mut pg,
        "users[0].name = 'changed'\nusers[0].name = 'x'\ndb.session.commit()",
    );
    assert_eq!(ran, Vec::<String>::new());
}

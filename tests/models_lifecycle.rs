//! The models' tables over a session: what `create_all()` builds, `db.drop_all()` and
//! `db.create_all()` typed in the console, recompiling edited models (the tables are rebuilt
//! from the new models, the old data goes), and `ondelete=` kept in the Schema, the DDL and
//! the store.

use orm_playground::playground::Playground;

fn sorted_tables(pg: &Playground) -> Vec<String> {
    let mut names = pg.database().map(|d| d.table_names()).unwrap_or_default();
    names.sort();
    names
}

fn count(pg: &mut Playground, table: &str) -> String {
    let outcomes = pg.run_sql(&format!("SELECT COUNT(*) FROM {table}"));
    match outcomes.first().map(|o| &o.result) {
        Some(Ok(r)) => format!("{:?}", r.rows),
        Some(Err(e)) => format!("error: {e}"),
        None => "nothing ran".into(),
    }
}

const LIBRARY: &str = "class Author(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), unique=True, index=True)
    books = db.relationship('Book', backref='author')


class Book(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(100))
    author_id = db.Column(db.Integer, db.ForeignKey('author.id'))
";

#[test]
fn create_all_builds_tables_indexes_in_dependency_order() {
    let mut pg = Playground::new();
    let report = pg.load_models(LIBRARY);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.ddl.len(), 3, "{:#?}", report.ddl);
    assert!(report.ddl[0].starts_with("CREATE TABLE \"author\""));
    assert_eq!(
        report.ddl[1],
        "CREATE UNIQUE INDEX \"ix_author_name\" ON \"author\" (\"name\")"
    );
    assert!(report.ddl[2].contains("FOREIGN KEY(\"author_id\") REFERENCES \"author\" (\"id\")"));
    assert_eq!(sorted_tables(&pg), ["author", "book"]);
}

#[test]
fn drop_all_and_create_all_from_the_console() {
    let mut pg = Playground::new();
    pg.load_models(LIBRARY);
    let out = pg.run("db.session.add(Author(name='ann', books=[Book(title='a')]))");
    assert_eq!(out.error, None);
    assert_eq!(pg.run("db.session.commit()").error, None);
    assert_eq!(count(&mut pg, "book"), "[[I64(1)]]");
    assert_eq!(pg.run("db.drop_all()").text, "");
    assert!(sorted_tables(&pg).is_empty());
    let failed = pg.run("Author.query.all()");
    assert_eq!(
        failed.error.map(|e| e.headline()),
        Some(
            "sqlalchemy.exc.OperationalError: (sqlite3.OperationalError) no such table: author"
                .into()
        )
    );
    pg.run("db.session.rollback()");
    assert_eq!(pg.run("db.create_all()").text, "");
    assert_eq!(sorted_tables(&pg), ["author", "book"]);
    assert_eq!(pg.run("Author.query.all()").text, "[]\n");
    // The unique index came back too.
    pg.run("db.session.add_all([Author(name='x'), Author(name='x')])");
    let dup = pg.run("db.session.commit()").error.map(|e| e.exception);
    assert_eq!(dup.as_deref(), Some("sqlalchemy.exc.IntegrityError"));
}

#[test]
fn recompiling_edited_models_rebuilds_the_tables() {
    let mut pg = Playground::new();
    pg.load_models(LIBRARY);
    pg.run("db.session.add(Author(name='ann'))");
    pg.run("db.session.commit()");
    assert_eq!(count(&mut pg, "author"), "[[I64(1)]]");
    let edited = LIBRARY
        .replace("class Book", "class Novel")
        .replace("'Book'", "'Novel'")
        .replace(
            "    title = db.Column(db.String(100))\n",
            "    title = db.Column(db.String(100))\n    pages = db.Column(db.Integer, default=0)\n",
        );
    let report = pg.load_models(&edited);
    assert!(report.error.is_none(), "{:?}", report.error);
    assert!(report
        .ddl
        .iter()
        .any(|s| s.starts_with("CREATE TABLE \"novel\"")));
    assert_eq!(sorted_tables(&pg), ["author", "novel"]);
    assert_eq!(count(&mut pg, "author"), "[[I64(0)]]");
    let schema = pg.schema().expect("a schema");
    let novel = schema.table("novel").expect("the novel table");
    assert!(novel.column("pages").is_some());
    assert!(schema.table("book").is_none());
    assert_eq!(pg.run("Novel(title='t').pages").text, "");
    assert_eq!(pg.run("Author(name='b').books").text, "[]\n");
    // A broken edit reports its error and leaves no tables behind from the old models.
    let report = pg.load_models("class Broken(db.Model):\n    name = db.Column(db.String)\n");
    assert!(report.error.is_some());
    assert!(sorted_tables(&pg).is_empty());
}

const CASCADES: &str = "class Parent(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    kids = db.relationship('Kid', backref='parent', passive_deletes=True)
    pets = db.relationship('Pet', backref='owner', passive_deletes=True)


class Kid(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    parent_id = db.Column(db.Integer, db.ForeignKey('parent.id', ondelete='CASCADE'))


class Pet(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    owner_id = db.Column(db.Integer, db.ForeignKey('parent.id', ondelete='SET NULL'))
";

#[test]
fn ondelete_is_recorded_and_applied_by_the_store() {
    let mut pg = Playground::new();
    let report = pg.load_models(CASCADES);
    let schema = pg.schema().expect("a schema");
    let kid_fk = &schema.table("kid").expect("kid").foreign_keys[0];
    assert_eq!(kid_fk.ondelete.as_deref(), Some("CASCADE"));
    let pet_fk = &schema.table("pet").expect("pet").foreign_keys[0];
    assert_eq!(pet_fk.ondelete.as_deref(), Some("SET NULL"));
    assert!(report
        .ddl
        .iter()
        .any(|s| s.contains("REFERENCES \"parent\" (\"id\") ON DELETE CASCADE")));
    assert!(report
        .ddl
        .iter()
        .any(|s| s.contains("REFERENCES \"parent\" (\"id\") ON DELETE SET NULL")));
    let kids = schema
        .relationships_of("Parent")
        .find(|r| r.attr == "kids")
        .expect("Parent.kids");
    assert!(kids.passive_deletes);
    for line in [
        "p = Parent(kids=[Kid(), Kid()], pets=[Pet()])",
        "db.session.add(p)",
        "db.session.commit()",
        "db.session.delete(p)",
        "db.session.commit()",
    ] {
        assert_eq!(pg.run(line).error, None, "{line}");
    }
    assert_eq!(
        pg.run("Kid.query.count(), Pet.query.count(), Pet.query.first().owner_id")
            .text,
        "(0, 1, None)\n"
    );
}

//! Ready-made console input: the statement that lists a table's rows, which the page offers
//! when the visitor clicks a table in the diagram.

use crate::schema::Schema;

/// A console statement listing the rows of `table`, written the way a learner would with
/// the names the models define: `Role.query.all()` for a mapped class,
/// `db.session.execute(db.select(followers)).all()` for a `db.Table` bound to a global of its
/// own name, else through `db.metadata.tables[...]`. `None` for a table the schema lacks or
/// when the namespace has no `db`.
pub fn rows_query(schema: &Schema, globals: &[(String, String)], table: &str) -> Option<String> {
    let t = schema.tables.iter().find(|t| t.name == table)?;
    let defined = |name: &str| globals.iter().any(|(g, _)| g == name);
    if let Some(model) = t.model.as_deref().filter(|m| defined(m)) {
        return Some(format!("{model}.query.all()"));
    }
    if !defined("db") {
        return None;
    }
    let is_table_global = globals
        .iter()
        .any(|(g, ty)| g == table && ty == "Table" && is_identifier(g));
    let target = if is_table_global {
        table.to_string()
    } else {
        format!("db.metadata.tables[{}]", quoted(table))
    };
    Some(format!("db.session.execute(db.select({target})).all()"))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// `text` as a Python string literal.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use crate::playground::Playground;

    const MODELS: &str = "\
followers = db.Table('followers',
    db.Column('follower_id', db.Integer, db.ForeignKey('user.id')),
    db.Column('followed_id', db.Integer, db.ForeignKey('user.id')))

links = db.Table('user links',
    db.Column('a_id', db.Integer, db.ForeignKey('user.id')),
    db.Column('b_id', db.Integer, db.ForeignKey('user.id')))

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
";

    fn loaded() -> Playground {
        let mut pg = Playground::new();
        let report = pg.load_models(MODELS);
        assert!(report.error.is_none(), "{:?}", report.error);
        pg
    }

    fn query(pg: &Playground, table: &str) -> Option<String> {
        let schema = pg.schema()?;
        super::rows_query(schema, &pg.globals(), table)
    }

    #[test]
    fn each_kind_of_table_gets_a_query_that_lists_its_rows() {
        let mut pg = loaded();
        pg.run("db.session.add(User(name='ann'))");
        pg.run("db.session.commit()");
        let sql = pg.run_sql(
            "INSERT INTO followers VALUES (1, 1); INSERT INTO \"user links\" VALUES (1, 1);",
        );
        assert!(sql.iter().all(|o| o.result.is_ok()), "{sql:?}");
        let user = query(&pg, "user");
        assert_eq!(user.as_deref(), Some("User.query.all()"));
        assert!(pg.run("User.query.all()").error.is_none());

        let followers = query(&pg, "followers");
        assert_eq!(
            followers.as_deref(),
            Some("db.session.execute(db.select(followers)).all()")
        );
        let out = pg.run(followers.as_deref().unwrap_or_default());
        assert_eq!(out.text, "[(1, 1)]\n", "{:?}", out.error);

        // Bound to a global of another name, and not an identifier: through the metadata.
        let links = query(&pg, "user links");
        assert_eq!(
            links.as_deref(),
            Some("db.session.execute(db.select(db.metadata.tables['user links'])).all()")
        );
        let out = pg.run(links.as_deref().unwrap_or_default());
        assert_eq!(out.text, "[(1, 1)]\n", "{:?}", out.error);
    }

    #[test]
    fn an_unknown_table_has_no_query() {
        assert_eq!(query(&loaded(), "nope"), None);
    }

    #[test]
    fn names_are_quoted_as_python_literals() {
        assert_eq!(super::quoted("it's"), r"'it\'s'");
        assert_eq!(super::quoted("a\\b\n"), r"'a\\b\n'");
    }
}

//! DDL from a `Schema`: `CREATE TABLE` / `CREATE INDEX` / `DROP TABLE` text laid out as
//! SQLAlchemy's SQLite dialect lays it out, with GlueSQL's types and quoted identifiers
//! (tables are called `order` and `user`), and the order `create_all` creates tables in.
//!
//! Types: every integer type is INTEGER (INT64); String, Text, Unicode and Enum are TEXT;
//! Float and Double are FLOAT (f64); Numeric is DECIMAL; DateTime is TIMESTAMP; LargeBinary
//! is BYTEA; Uuid is UUID. JSON is TEXT holding the JSON text, as SQLAlchemy stores it on
//! SQLite: the ORM dumps and loads it, so key order and number forms round-trip exactly
//! (GlueSQL's MAP would sort keys, and a parameter cannot be a MAP or LIST).

use crate::schema::{Schema, SqlType, Table};

/// A quoted SQL identifier: `"order"`.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn quote_all(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The GlueSQL type a column is stored as.
pub fn glue_type(sql_type: &SqlType) -> &'static str {
    match sql_type {
        SqlType::Integer | SqlType::SmallInteger | SqlType::BigInteger => "INTEGER",
        SqlType::String { .. }
        | SqlType::Text
        | SqlType::Unicode { .. }
        | SqlType::UnicodeText
        | SqlType::Enum { .. }
        | SqlType::Json => "TEXT",
        SqlType::Boolean => "BOOLEAN",
        SqlType::Float | SqlType::Double => "FLOAT",
        SqlType::Numeric { .. } => "DECIMAL",
        SqlType::Date => "DATE",
        SqlType::DateTime { .. } => "TIMESTAMP",
        SqlType::Time => "TIME",
        SqlType::Interval => "INTERVAL",
        SqlType::LargeBinary => "BYTEA",
        SqlType::Uuid => "UUID",
    }
}

/// A unique column that SQLAlchemy enforces with a `CREATE UNIQUE INDEX` (`unique=True,
/// index=True`) rather than a `UNIQUE` clause.
fn has_unique_index(table: &Table, column: &str) -> bool {
    indexes(table)
        .iter()
        .any(|(_, cols, unique)| *unique && matches!(cols.as_slice(), [only] if only == column))
}

/// A `server_default` as GlueSQL takes it. SQLite converts `DEFAULT '3'` to the column's
/// type (type affinity); GlueSQL does not convert text to numbers or booleans, so a quoted
/// number or boolean loses its quotes here.
fn server_default(text: &str, sql_type: &SqlType) -> String {
    let inner = text
        .strip_prefix('\'')
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(text);
    let numeric = matches!(
        sql_type,
        SqlType::Float | SqlType::Double | SqlType::Numeric { .. }
    ) || sql_type.is_integer();
    match sql_type {
        SqlType::Boolean => match inner.to_ascii_lowercase().as_str() {
            "1" | "true" => "TRUE".into(),
            "0" | "false" => "FALSE".into(),
            _ => text.into(),
        },
        _ if numeric && inner.parse::<f64>().is_ok() => inner.into(),
        _ => text.into(),
    }
}

/// `CREATE TABLE` for one table.
pub fn create_table(table: &Table) -> String {
    let mut lines = Vec::new();
    for c in &table.columns {
        let mut line = format!("{} {}", quote(&c.name), glue_type(&c.sql_type));
        if let Some(default) = &c.server_default {
            line += &format!(" DEFAULT {}", server_default(default, &c.sql_type));
        }
        if !c.nullable || c.primary_key {
            line += " NOT NULL";
        }
        lines.push(line);
    }
    if !table.primary_key.is_empty() {
        lines.push(format!("PRIMARY KEY ({})", quote_all(&table.primary_key)));
    }
    for c in &table.columns {
        if c.unique && !c.primary_key && !has_unique_index(table, &c.name) {
            lines.push(format!("UNIQUE ({})", quote(&c.name)));
        }
    }
    for u in &table.unique_constraints {
        let name = u.name.as_ref().map(|n| format!("CONSTRAINT {} ", quote(n)));
        let cols = quote_all(&u.columns);
        lines.push(format!("{}UNIQUE ({cols})", name.unwrap_or_default()));
    }
    for fk in &table.foreign_keys {
        let mut line = format!(
            "FOREIGN KEY({}) REFERENCES {} ({})",
            quote_all(&fk.columns),
            quote(&fk.ref_table),
            quote_all(&fk.ref_columns)
        );
        if let Some(action) = &fk.ondelete {
            line += &format!(" ON DELETE {}", action.to_uppercase());
        }
        if let Some(action) = &fk.onupdate {
            line += &format!(" ON UPDATE {}", action.to_uppercase());
        }
        lines.push(line);
    }
    format!(
        "CREATE TABLE {} (\n\t{}\n)",
        quote(&table.name),
        lines.join(", \n\t")
    )
}

/// (name, columns, unique) of every index: `Table.indexes`, plus `ix_<table>_<column>` for
/// an `index=True` column the model compiler did not list.
fn indexes(table: &Table) -> Vec<(String, Vec<String>, bool)> {
    let mut all: Vec<_> = table
        .indexes
        .iter()
        .map(|ix| (ix.name.clone(), ix.columns.clone(), ix.unique))
        .collect();
    for c in table.columns.iter().filter(|c| c.index) {
        let name = format!("ix_{}_{}", table.name, c.name);
        if !all.iter().any(|(n, _, _)| *n == name) {
            all.push((name, vec![c.name.clone()], c.unique));
        }
    }
    for (_, columns, unique) in all.iter_mut() {
        if let [only] = columns.as_slice() {
            *unique |= table.column(only).is_some_and(|c| c.unique && c.index);
        }
    }
    all
}

/// The `CREATE [UNIQUE] INDEX` statements of one table.
pub fn create_indexes(table: &Table) -> Vec<String> {
    indexes(table)
        .into_iter()
        .map(|(name, columns, unique)| {
            let unique = if unique { "UNIQUE " } else { "" };
            let (name, on, cols) = (quote(&name), quote(&table.name), quote_all(&columns));
            format!("CREATE {unique}INDEX {name} ON {on} ({cols})")
        })
        .collect()
}

/// `DROP TABLE` for one table.
pub fn drop_table(table: &Table) -> String {
    format!("DROP TABLE {}", quote(&table.name))
}

/// Tables in the order `create_all` creates them, as SQLAlchemy sorts them: in rounds, each
/// round taking (in definition order) every table whose referenced tables already exist.
/// Self-references do not count; a cycle is broken at its first table in definition order
/// (the store accepts a FOREIGN KEY to a table that does not exist yet).
pub fn creation_order(schema: &Schema) -> Vec<&Table> {
    let mut done: Vec<&Table> = Vec::with_capacity(schema.tables.len());
    let mut todo: Vec<&Table> = schema.tables.iter().collect();
    while !todo.is_empty() {
        let ready = |t: &&Table| {
            t.foreign_keys.iter().all(|fk| {
                fk.ref_table == t.name || !todo.iter().any(|other| other.name == fk.ref_table)
            })
        };
        let round: Vec<&Table> = todo.iter().copied().filter(ready).collect();
        let round = match round.is_empty() {
            true => todo.iter().copied().take(1).collect(),
            false => round,
        };
        todo.retain(|t| !round.iter().any(|r| std::ptr::eq(*r, *t)));
        done.extend(round);
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{Column, ForeignKey, Index, UniqueConstraint};

    fn column(name: &str, sql_type: SqlType) -> Column {
        Column {
            name: name.into(),
            key: name.into(),
            sql_type,
            primary_key: false,
            nullable: true,
            unique: false,
            index: false,
            autoincrement: false,
            default: None,
            server_default: None,
            onupdate: None,
            span: None,
        }
    }

    pub(crate) fn table(name: &str, columns: Vec<Column>) -> Table {
        Table {
            name: name.into(),
            model: None,
            primary_key: columns
                .iter()
                .filter(|c| c.primary_key)
                .map(|c| c.name.clone())
                .collect(),
            columns,
            foreign_keys: vec![],
            unique_constraints: vec![],
            check_constraints: vec![],
            indexes: vec![],
            span: None,
        }
    }

    fn fk(column: &str, target: &str) -> ForeignKey {
        ForeignKey {
            columns: vec![column.into()],
            ref_table: target.into(),
            ref_columns: vec!["id".into()],
            ondelete: None,
            onupdate: None,
        }
    }

    #[test]
    fn create_table_quotes_names_and_maps_types() {
        let mut id = column("id", SqlType::Integer);
        id.primary_key = true;
        id.nullable = false;
        let mut name = column("name", SqlType::String { length: Some(64) });
        name.unique = true;
        let mut n = column("n", SqlType::Integer);
        n.server_default = Some("'3'".into());
        let mut flag = column("flag", SqlType::Boolean);
        flag.server_default = Some("'0'".into());
        let mut status = column(
            "status",
            SqlType::Enum {
                values: vec!["a".into()],
                name: None,
                class: None,
            },
        );
        status.server_default = Some("'a'".into());
        status.nullable = false;
        let mut t = table(
            "order",
            vec![id, name, n, flag, status, column("data", SqlType::Json)],
        );
        t.unique_constraints.push(UniqueConstraint {
            name: None,
            columns: vec!["name".into(), "status".into()],
        });
        assert_eq!(
            create_table(&t),
            "CREATE TABLE \"order\" (\n\t\"id\" INTEGER NOT NULL, \n\t\"name\" TEXT, \n\t\
             \"n\" INTEGER DEFAULT 3, \n\t\"flag\" BOOLEAN DEFAULT FALSE, \n\t\
             \"status\" TEXT DEFAULT 'a' NOT NULL, \n\t\"data\" TEXT, \n\tPRIMARY KEY (\"id\"), \n\t\
             UNIQUE (\"name\"), \n\tUNIQUE (\"name\", \"status\")\n)"
        );
    }

    #[test]
    fn composite_keys_foreign_keys_and_indexes() {
        let mut a = column("post_id", SqlType::Integer);
        a.primary_key = true;
        let mut b = column("tag_id", SqlType::Integer);
        b.primary_key = true;
        let mut t = table("tags", vec![a, b]);
        t.foreign_keys = vec![fk("post_id", "post"), fk("tag_id", "tag")];
        t.foreign_keys[0].ondelete = Some("cascade".into());
        let ddl = create_table(&t);
        assert!(
            ddl.contains("PRIMARY KEY (\"post_id\", \"tag_id\")"),
            "{ddl}"
        );
        assert!(
            ddl.contains("FOREIGN KEY(\"post_id\") REFERENCES \"post\" (\"id\") ON DELETE CASCADE"),
            "{ddl}"
        );
        let mut u = column("username", SqlType::String { length: None });
        (u.unique, u.index) = (true, true);
        let mut users = table("user", vec![u, column("email", SqlType::Text)]);
        users.indexes.push(Index {
            name: "ix_pair".into(),
            columns: vec!["username".into(), "email".into()],
            unique: false,
        });
        assert!(!create_table(&users).contains("UNIQUE"));
        assert_eq!(
            create_indexes(&users),
            vec![
                "CREATE INDEX \"ix_pair\" ON \"user\" (\"username\", \"email\")".to_owned(),
                "CREATE UNIQUE INDEX \"ix_user_username\" ON \"user\" (\"username\")".to_owned(),
            ]
        );
    }

    #[test]
    fn creation_order_puts_targets_first_and_survives_cycles() {
        let mut tags = table("tags", vec![]);
        tags.foreign_keys = vec![fk("post_id", "post"), fk("tag_id", "tag")];
        let mut node = table("node", vec![]);
        node.foreign_keys = vec![fk("parent_id", "node")];
        let mut a = table("a", vec![]);
        a.foreign_keys = vec![fk("b_id", "b")];
        let mut b = table("b", vec![]);
        b.foreign_keys = vec![fk("a_id", "a")];
        let schema = Schema {
            tables: vec![
                tags,
                table("post", vec![]),
                node,
                a,
                b,
                table("tag", vec![]),
            ],
            relationships: vec![],
        };
        let names: Vec<&str> = creation_order(&schema)
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(names, ["post", "node", "tag", "tags", "a", "b"]);
    }
}

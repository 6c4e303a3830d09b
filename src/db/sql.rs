//! The statement pre-pass: parses SQL text and takes out of each statement what GlueSQL 0.20
//! cannot translate or would enforce badly (table-level PRIMARY KEY and UNIQUE, every
//! FOREIGN KEY, column UNIQUE, CREATE UNIQUE INDEX, multi-column indexes), so the store
//! does it instead. The SQL text shown in the echo log stays as written.

use super::store::Store;
use super::table::{Constraints, ForeignKeyRule, OnDelete};
use super::{joins, DbError};
use gluesql::core::sqlparser::{
    ast::{
        AlterTableOperation, ColumnOption, ColumnOptionDef, CreateIndex, CreateTable, Expr, Ident,
        ObjectName, ObjectType, ReferentialAction, Statement, TableConstraint,
    },
    dialect::PostgreSqlDialect,
    parser::{Parser, ParserError},
};

/// Work the store does beside (or instead of) GlueSQL for one statement.
#[derive(Debug, PartialEq)]
pub(crate) enum Extra {
    None,
    /// Constraints to add once GlueSQL has created the table.
    Constraints(String, Constraints),
    /// An index only the store can build: (table, name, columns, unique).
    Index(String, String, Vec<String>, bool),
    /// SQLite's `DROP INDEX name` (GlueSQL wants `table.name`): (table, name) pairs.
    DropIndexes(Vec<(String, String)>),
}

/// Splits SQL text into statements (GlueSQL's dialect: PostgreSQL), in the form GlueSQL
/// runs (see `joins`).
pub(crate) fn parse(sql: &str) -> Result<Vec<Statement>, DbError> {
    let mut statements =
        Parser::parse_sql(&PostgreSqlDialect {}, sql).map_err(|e| syntax_error(&e))?;
    statements.iter_mut().for_each(joins::rewrite);
    Ok(statements)
}

/// `parse`, keeping each statement's text as written.
pub(crate) fn parse_each(sql: &str) -> Result<Vec<(String, Statement)>, DbError> {
    let statements = Parser::parse_sql(&PostgreSqlDialect {}, sql).map_err(|e| syntax_error(&e))?;
    let each = statements.into_iter().map(|mut s| {
        let text = s.to_string();
        joins::rewrite(&mut s);
        (text, s)
    });
    Ok(each.collect())
}

/// SQLite's wording for a syntax error: `near "FORM": syntax error`.
fn syntax_error(e: &ParserError) -> DbError {
    let text = match e {
        ParserError::TokenizerError(m) | ParserError::ParserError(m) => m.as_str(),
        ParserError::RecursionLimitExceeded => "",
    };
    let message = match text.split_once("found: ") {
        Some((_, rest)) => {
            let token = rest.split(" at Line:").next().unwrap_or(rest);
            match token {
                "EOF" => "incomplete input".to_owned(),
                token => format!("near \"{token}\": syntax error"),
            }
        }
        None if e == &ParserError::RecursionLimitExceeded => "parser stack overflow".to_owned(),
        None => format!("unrecognized token: {text}"),
    };
    DbError::new("OperationalError", message)
}

fn name_of(name: &ObjectName) -> String {
    name.0.last().map(|i| i.value.clone()).unwrap_or_default()
}

fn names(idents: &[Ident]) -> Vec<String> {
    idents.iter().map(|i| i.value.clone()).collect()
}

fn on_delete(action: &Option<ReferentialAction>) -> OnDelete {
    match action {
        Some(ReferentialAction::Cascade) => OnDelete::Cascade,
        Some(ReferentialAction::SetNull) => OnDelete::SetNull,
        _ => OnDelete::NoAction,
    }
}

/// Says what the store will do for `statement`, and gives the statement GlueSQL should run
/// instead when that differs.
pub(crate) fn prepare(
    statement: &Statement,
    store: &Store,
) -> Result<(Option<Statement>, Extra), DbError> {
    match statement {
        Statement::CreateTable(create) => {
            let mut create = create.clone();
            let extra = prepare_table(&mut create, store)?;
            Ok((Some(Statement::CreateTable(create)), extra))
        }
        Statement::Insert(insert) if insert.source.is_none() && insert.columns.is_empty() => Ok((
            default_values(&name_of(&insert.table_name), store)?,
            Extra::None,
        )),
        statement => Ok((None, prepare_other(statement, store)?)),
    }
}

fn prepare_other(statement: &Statement, store: &Store) -> Result<Extra, DbError> {
    match statement {
        Statement::CreateIndex(CreateIndex {
            name,
            table_name,
            columns,
            unique,
            ..
        }) if *unique || columns.len() > 1 => {
            let name = name.as_ref().map(name_of).unwrap_or_default();
            let columns = columns
                .iter()
                .map(|c| match &c.expr {
                    Expr::Identifier(i) => Ok(i.value.clone()),
                    Expr::CompoundIdentifier(i) => Ok(names(i).pop().unwrap_or_default()),
                    _ => Err(DbError::new("NotSupportedError", "indexes on expressions")),
                })
                .collect::<Result<_, _>>()?;
            Ok(Extra::Index(name_of(table_name), name, columns, *unique))
        }
        Statement::Drop {
            object_type: ObjectType::Index,
            names,
            if_exists,
            ..
        } if names.iter().all(|n| n.0.len() == 1) => {
            let mut drops = Vec::new();
            for name in names.iter().map(name_of) {
                match store.index_owner(&name) {
                    Some(table) => drops.push((table, name)),
                    None if *if_exists => {}
                    None => {
                        let msg = format!("no such index: {name}");
                        return Err(DbError::new("OperationalError", msg));
                    }
                }
            }
            Ok(Extra::DropIndexes(drops))
        }
        Statement::AlterTable {
            name, operations, ..
        } => {
            for op in operations.iter() {
                if let AlterTableOperation::DropColumn { column_name, .. } = op {
                    let refused = store.check_drop_column(&name_of(name), &column_name.value);
                    refused.map_err(DbError::from_store)?;
                }
            }
            Ok(Extra::None)
        }
        _ => Ok(Extra::None),
    }
}

fn prepare_table(create: &mut CreateTable, store: &Store) -> Result<Extra, DbError> {
    let table = name_of(&create.name);
    let mut found = Constraints::default();
    let own_key = own_primary_key(create);
    // A foreign key without columns references the primary key of its table.
    let resolve = |target: &str, columns: &[Ident]| -> Result<Vec<String>, DbError> {
        if !columns.is_empty() {
            return Ok(names(columns));
        }
        let pk = match target == table {
            true => own_key.clone(),
            false => store.primary_key_columns(target),
        };
        match pk.is_empty() {
            true => Err(DbError::new(
                "OperationalError",
                format!("foreign key mismatch - \"{table}\" referencing \"{target}\""),
            )),
            false => Ok(pk),
        }
    };
    for column in &mut create.columns {
        let mut kept = Vec::new();
        for def in column.options.drain(..) {
            match &def.option {
                ColumnOption::Unique {
                    is_primary: false, ..
                } => found.unique.push(vec![column.name.value.clone()]),
                ColumnOption::ForeignKey {
                    foreign_table,
                    referred_columns,
                    on_delete: action,
                    ..
                } => found.foreign_keys.push(ForeignKeyRule {
                    columns: vec![column.name.value.clone()],
                    ref_table: name_of(foreign_table),
                    ref_columns: resolve(&name_of(foreign_table), referred_columns)?,
                    on_delete: on_delete(action),
                }),
                _ => kept.push(def),
            }
        }
        column.options = kept;
    }
    let mut kept = Vec::new();
    for constraint in create.constraints.drain(..) {
        match &constraint {
            TableConstraint::PrimaryKey { columns, .. } => match columns.as_slice() {
                [one] => {
                    let column = create
                        .columns
                        .iter_mut()
                        .find(|c| c.name.value == one.value);
                    let Some(column) = column else {
                        let msg = format!("no such column: {}", one.value);
                        return Err(DbError::new("OperationalError", msg));
                    };
                    column.options.push(ColumnOptionDef {
                        name: None,
                        option: ColumnOption::Unique {
                            is_primary: true,
                            characteristics: None,
                        },
                    });
                }
                several => found.primary_key = names(several),
            },
            TableConstraint::Unique { columns, .. } => found.unique.push(names(columns)),
            TableConstraint::ForeignKey {
                columns,
                foreign_table,
                referred_columns,
                on_delete: action,
                ..
            } => found.foreign_keys.push(ForeignKeyRule {
                columns: names(columns),
                ref_table: name_of(foreign_table),
                ref_columns: resolve(&name_of(foreign_table), referred_columns)?,
                on_delete: on_delete(action),
            }),
            _ => kept.push(constraint),
        }
    }
    create.constraints = kept;
    Ok(match found == Constraints::default() {
        true => Extra::None,
        false => Extra::Constraints(table, found),
    })
}

/// `INSERT INTO t DEFAULT VALUES` (which SQLAlchemy sends for an object without values and
/// GlueSQL cannot translate) as `INSERT INTO t ("id") VALUES (NULL)`: the key takes the
/// next id, every other column its default.
fn default_values(table: &str, store: &Store) -> Result<Option<Statement>, DbError> {
    let Some(key) = store.primary_key_columns(table).into_iter().next() else {
        return Ok(None);
    };
    let (table, key) = (super::ddl::quote(table), super::ddl::quote(&key));
    let rewritten = parse(&format!("INSERT INTO {table} ({key}) VALUES (NULL)"))?;
    Ok(rewritten.into_iter().next())
}

/// The PRIMARY KEY columns a CREATE TABLE declares (for `REFERENCES` itself).
fn own_primary_key(create: &CreateTable) -> Vec<String> {
    let in_columns = create.columns.iter().filter(|c| {
        c.options.iter().any(|o| {
            matches!(
                o.option,
                ColumnOption::Unique {
                    is_primary: true,
                    ..
                }
            )
        })
    });
    let mut key: Vec<String> = in_columns.map(|c| c.name.value.clone()).collect();
    for constraint in &create.constraints {
        if let TableConstraint::PrimaryKey { columns, .. } = constraint {
            key.extend(names(columns));
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(sql: &str) -> (String, Extra) {
        let statements = parse(sql).unwrap_or_default();
        let Some(statement) = statements.first() else {
            return (String::new(), Extra::None);
        };
        let prepared = prepare(statement, &Store::default());
        let (changed, extra) = prepared.unwrap_or((None, Extra::None));
        (changed.as_ref().unwrap_or(statement).to_string(), extra)
    }

    #[test]
    fn create_table_keeps_only_what_gluesql_handles() {
        let (sql, extra) = prepared(
            r#"CREATE TABLE "t" ("a" INTEGER NOT NULL, "b" TEXT UNIQUE, "c" INTEGER REFERENCES "p" ("id"),
               PRIMARY KEY ("a"), UNIQUE ("b", "c"), FOREIGN KEY ("c") REFERENCES "q" ("id") ON DELETE CASCADE)"#,
        );
        assert_eq!(
            sql,
            r#"CREATE TABLE "t" ("a" INTEGER NOT NULL PRIMARY KEY, "b" TEXT, "c" INTEGER)"#
        );
        let fk = |t: &str, on_delete| ForeignKeyRule {
            columns: vec!["c".into()],
            ref_table: t.into(),
            ref_columns: vec!["id".into()],
            on_delete,
        };
        let expected = Constraints {
            primary_key: vec![],
            unique: vec![vec!["b".into()], vec!["b".into(), "c".into()]],
            not_null: vec![],
            foreign_keys: vec![fk("p", OnDelete::NoAction), fk("q", OnDelete::Cascade)],
        };
        assert_eq!(extra, Extra::Constraints("t".into(), expected));
    }

    #[test]
    fn composite_primary_key_and_unique_index_go_to_the_store() {
        let (sql, extra) =
            prepared(r#"CREATE TABLE "x" ("a" INTEGER, "b" INTEGER, PRIMARY KEY ("a", "b"))"#);
        assert_eq!(sql, r#"CREATE TABLE "x" ("a" INTEGER, "b" INTEGER)"#);
        let Extra::Constraints(_, c) = extra else {
            panic!("no constraints: {extra:?}");
        };
        assert_eq!(c.primary_key, vec!["a".to_owned(), "b".to_owned()]);
        let (_, extra) = prepared(r#"CREATE UNIQUE INDEX "ix" ON "x" ("a")"#);
        assert_eq!(
            extra,
            Extra::Index("x".into(), "ix".into(), vec!["a".into()], true)
        );
        let (_, extra) = prepared(r#"CREATE INDEX "ix" ON "x" ("a")"#);
        assert_eq!(extra, Extra::None);
    }

    #[test]
    fn syntax_errors_use_sqlite_words() {
        let message = |sql| parse(sql).err().map(|e| e.message);
        assert_eq!(
            message("SELEC 1").as_deref(),
            Some("near \"SELEC\": syntax error")
        );
        assert_eq!(
            message("SELECT * FROM").as_deref(),
            Some("incomplete input")
        );
    }
}

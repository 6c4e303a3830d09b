//! The ORM's live metadata and mappers as a plain `schema::Schema` (for DDL, the diagram,
//! the Data tab and `ormpg schema --json`).

use super::ctx::OrmCtx;
use super::table::{describe_default, Column, Constraint, Metadata, Table};
use crate::object::{PyResult, Vm};
use crate::schema::{self, SqlType};
use std::rc::Rc;

/// A column's type, taking a foreign key's target type when none was given (as
/// SQLAlchemy does for `db.Column(db.ForeignKey('user.id'))`).
pub fn effective_type(meta: &Metadata, c: &Column) -> SqlType {
    if let Some(t) = c.sql_type() {
        return t;
    }
    for fk in c.foreign_keys.borrow().iter() {
        if let Some((t, col)) = fk.target_names() {
            if let Some(target) = meta.resolve(&t, &col) {
                if let Some(tt) = target.sql_type() {
                    return tt;
                }
            }
        }
    }
    SqlType::String { length: None }
}

/// SQLAlchemy's `Table.autoincrement_column`: a primary-key column marked
/// `autoincrement=True`, or the only primary-key column when it is an integer without a
/// foreign key or default (`autoincrement='auto'`).
fn autoincrement_column(meta: &Metadata, pk: &[Rc<Column>]) -> Option<Rc<Column>> {
    if let Some(c) = pk.iter().find(|c| c.autoincrement.get() == Some(true)) {
        return Some(c.clone());
    }
    let [c] = pk else { return None };
    let auto = c.autoincrement.get().is_none()
        && effective_type(meta, c).is_integer()
        && c.foreign_keys.borrow().is_empty()
        && c.default.borrow().is_none()
        && c.server_default.borrow().is_none();
    auto.then(|| c.clone())
}

fn export_table(vm: &mut dyn Vm, meta: &Metadata, t: &Table) -> schema::Table {
    let pk: Vec<Rc<Column>> = t.primary_key();
    let auto = autoincrement_column(meta, &pk);
    let mut columns = Vec::new();
    let foreign_keys = foreign_keys_of(t);
    let mut indexes = Vec::new();
    for c in t.columns.borrow().iter() {
        let name = c.name().map(|n| n.to_string()).unwrap_or_default();
        let is_pk = pk.iter().any(|p| Rc::ptr_eq(p, c));
        let default = c.default.borrow().clone().map(|d| describe_default(vm, &d));
        let onupdate = c
            .onupdate
            .borrow()
            .clone()
            .map(|d| describe_default(vm, &d));
        columns.push(schema::Column {
            name: name.clone(),
            key: c.key().to_string(),
            sql_type: effective_type(meta, c),
            primary_key: is_pk,
            nullable: if is_pk { false } else { c.is_nullable() },
            unique: c.is_unique(),
            index: c.is_indexed(),
            autoincrement: auto.as_ref().is_some_and(|a| Rc::ptr_eq(a, c)),
            default,
            server_default: c.server_default.borrow().as_ref().map(|s| s.sql()),
            onupdate,
            span: c.span,
        });
        if c.is_indexed() {
            indexes.push(schema::Index {
                name: crate::schema::naming::column_index_name(&t.name, &name),
                columns: vec![name.clone()],
                unique: c.is_unique(),
            });
        }
    }
    let mut unique_constraints = Vec::new();
    let mut check_constraints = Vec::new();
    for k in t.constraints.borrow().iter() {
        match k {
            Constraint::Unique { name, columns } => {
                unique_constraints.push(schema::UniqueConstraint {
                    name: name.clone(),
                    columns: columns.clone(),
                })
            }
            Constraint::Index {
                name,
                columns,
                unique,
            } => indexes.push(schema::Index {
                name: name.clone(),
                columns: columns.clone(),
                unique: *unique,
            }),
            Constraint::Check(text) => check_constraints.push(text.clone()),
            Constraint::PrimaryKey(_) | Constraint::ForeignKey { .. } => {}
        }
    }
    schema::Table {
        name: t.name.to_string(),
        model: t.model.borrow().as_ref().map(|m| m.to_string()),
        primary_key: pk
            .iter()
            .filter_map(|c| c.name().map(|n| n.to_string()))
            .collect(),
        columns,
        foreign_keys,
        unique_constraints,
        check_constraints,
        indexes,
        span: t.span,
    }
}

/// The foreign keys of a table: its columns' `ForeignKey`s, then its
/// `ForeignKeyConstraint`s (those whose target is not attached yet are left out).
pub fn foreign_keys_of(t: &Table) -> Vec<schema::ForeignKey> {
    let mut out = Vec::new();
    for c in t.columns.borrow().iter() {
        let name = c.name().map(|n| n.to_string()).unwrap_or_default();
        for fk in c.foreign_keys.borrow().iter() {
            if let Some((rt, rc)) = fk.target_names() {
                out.push(schema::ForeignKey {
                    columns: vec![name.clone()],
                    ref_table: rt.to_string(),
                    ref_columns: vec![rc.to_string()],
                    ondelete: fk.ondelete.clone(),
                    onupdate: fk.onupdate.clone(),
                });
            }
        }
    }
    for k in t.constraints.borrow().iter() {
        if let Constraint::ForeignKey {
            columns,
            refcolumns,
            ondelete,
            onupdate,
        } = k
        {
            let (ref_table, ref_columns) = split_refs(refcolumns);
            out.push(schema::ForeignKey {
                columns: columns.clone(),
                ref_table,
                ref_columns,
                ondelete: ondelete.clone(),
                onupdate: onupdate.clone(),
            });
        }
    }
    out
}

fn split_refs(refs: &[String]) -> (String, Vec<String>) {
    let mut table = String::new();
    let mut cols = Vec::new();
    for r in refs {
        match r.rsplit_once('.') {
            Some((t, c)) => {
                table = t.to_string();
                cols.push(c.to_string());
            }
            None => cols.push(r.clone()),
        }
    }
    (table, cols)
}

/// SQLAlchemy's `NoReferencedTableError` / `NoReferencedColumnError` for a foreign key
/// that points nowhere (what `create_all()` raises), at the column that holds it.
pub fn check_references(ctx: &OrmCtx) -> PyResult<()> {
    ctx.metadata.borrow().check_references()
}

/// The columns holding the join's foreign key: the target's for a one-to-many, the
/// parent's for a many-to-one, the association table's for a many-to-many.
fn foreign_columns(r: &super::mapper::Resolved) -> Vec<String> {
    let mut out: Vec<String> = match r.direction {
        schema::Direction::ManyToOne => r.pairs.iter().map(|(l, _)| l.qualified()).collect(),
        schema::Direction::OneToMany => r.pairs.iter().map(|(_, t)| t.qualified()).collect(),
        schema::Direction::ManyToMany => r
            .pairs
            .iter()
            .chain(&r.secondary_pairs)
            .map(|(_, a)| a.qualified())
            .collect(),
    };
    out.dedup();
    out
}

/// Tables of the metadata and every resolved relationship end.
pub fn schema_of(vm: &mut dyn Vm, ctx: &OrmCtx) -> schema::Schema {
    let meta = ctx.metadata.borrow();
    let tables = meta
        .tables
        .iter()
        .map(|t| export_table(vm, &meta, t))
        .collect();
    let mut relationships = Vec::new();
    for m in ctx.registry.borrow().mappers.iter() {
        for prop in m.relationships.borrow().iter() {
            let Some(r) = prop.resolved() else { continue };
            let q = |c: &Rc<Column>| c.qualified();
            let pairs = r.pairs.iter().map(|(a, b)| (q(a), q(b))).collect();
            let secondary_pairs = r
                .secondary_pairs
                .iter()
                .map(|(a, b)| (q(a), q(b)))
                .collect();
            let other_end = prop
                .reverse()
                .map(|p| p.key.to_string())
                .or_else(|| prop.spec.back_populates.as_ref().map(|s| s.to_string()));
            let order_by = if r.order_by.is_empty() {
                None
            } else {
                Some(
                    r.order_by
                        .iter()
                        .map(super::compile::expr_text)
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            };
            relationships.push(schema::Relationship {
                model: m.class_name.to_string(),
                table: m.table.name.to_string(),
                attr: prop.key.to_string(),
                target_model: r.target.class_name.to_string(),
                target_table: r.target.table.name.to_string(),
                direction: r.direction,
                uselist: r.uselist,
                secondary: r.secondary.as_ref().map(|t| t.name.to_string()),
                lazy: prop.spec.lazy.name().to_string(),
                other_end,
                origin: if prop.is_backref {
                    schema::Origin::Backref
                } else {
                    schema::Origin::Declared
                },
                pairs,
                secondary_pairs,
                viewonly: prop.spec.viewonly,
                cascade: prop.spec.cascade.words(),
                order_by,
                primaryjoin: r.primaryjoin.text.clone(),
                secondaryjoin: r.secondaryjoin.as_ref().map(|c| c.text.clone()),
                foreign_keys: foreign_columns(&r),
                passive_deletes: prop.spec.passive_deletes,
                span: prop.spec.span,
            });
        }
    }
    schema::Schema {
        tables,
        relationships,
    }
}

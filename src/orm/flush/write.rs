//! The INSERT, UPDATE and DELETE statements of a flush.

use crate::object::{HashKey, Instance, PyResult, Value, Vm};
use crate::orm::compile::{self, Compiled};
use crate::orm::ctx::{state_of, OrmCtx};
use crate::orm::mapper::RelProp;
use crate::orm::state::{CommittedValue, InstanceState, Status};
use crate::orm::table::{Column, Table};
use crate::orm::types::to_sql;
use crate::schema::Direction;
use gluesql::core::data::Value as SqlValue;
use std::rc::Rc;

use super::*;

/// Multi-row INSERTs for this table's new objects, grouped by the columns they set.
pub(super) fn insert_rows(
    ctx: &Rc<OrmCtx>,
    table: &Rc<Table>,
    new: &[Rc<Instance>],
) -> PyResult<()> {
    let rows: Vec<(Rc<Instance>, Rc<InstanceState>)> = new
        .iter()
        .filter_map(|i| state_of(i).map(|s| (i.clone(), s)))
        .filter(|(_, s)| Rc::ptr_eq(&s.mapper.table, table) && s.status() == Status::Pending)
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let mapper = rows[0].1.mapper.clone();
    let mut batch: Vec<Vec<SqlValue>> = Vec::new();
    let mut batch_cols: Vec<Rc<Column>> = Vec::new();
    for (inst, _) in &rows {
        let mut cols = Vec::new();
        let mut vals = Vec::new();
        for (key, col) in &mapper.columns {
            let v = dict_get(inst, key).unwrap_or(Value::None);
            if v.is_none() && col.server_default.borrow().is_some() {
                continue;
            }
            vals.push(to_sql(&v, col.sql_type().as_ref(), vals.len() + 1)?);
            cols.push(col.clone());
        }
        let same = batch_cols.len() == cols.len()
            && batch_cols.iter().zip(&cols).all(|(a, b)| Rc::ptr_eq(a, b));
        if !same && !batch.is_empty() {
            exec_stmt(
                ctx,
                compile::insert(table, &batch_cols, std::mem::take(&mut batch)),
            )?;
        }
        batch_cols = cols;
        batch.push(vals);
        if batch.len() >= 500 {
            exec_stmt(
                ctx,
                compile::insert(table, &batch_cols, std::mem::take(&mut batch)),
            )?;
        }
    }
    if !batch.is_empty() {
        exec_stmt(ctx, compile::insert(table, &batch_cols, batch))?;
    }
    Ok(())
}

pub(super) fn exec_stmt(ctx: &OrmCtx, c: Compiled) -> PyResult<()> {
    ctx.engine.borrow_mut().run(&c, None).map(|_| ())
}

/// UPDATE statements for changed persistent objects of this table (plus `onupdate=`).
pub(super) fn update_rows(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    table: &Rc<Table>,
    dirty: &[Rc<Instance>],
    undo: &mut Undo,
) -> PyResult<()> {
    for inst in dirty {
        let Some(st) = state_of(inst) else { continue };
        if !Rc::ptr_eq(&st.mapper.table, table)
            || st.status() != Status::Persistent
            || st.marked_deleted.get()
        {
            continue;
        }
        let mut changed: Vec<(Rc<str>, Rc<Column>)> = Vec::new();
        for (key, col) in &st.mapper.columns {
            let Some(now) = dict_get(inst, key) else {
                continue;
            };
            let differs = match st.committed.borrow().get(&st.mapper, key) {
                CommittedValue::Clean => false,
                CommittedValue::Known(old) => !same_value(old, &now),
                CommittedValue::Unknown => true,
            };
            if differs {
                changed.push((key.clone(), col.clone()));
            }
        }
        if changed.is_empty() {
            continue;
        }
        for (key, col) in &st.mapper.columns {
            if changed.iter().any(|(k, _)| k == key) {
                continue;
            }
            let onupdate = col.onupdate.borrow().clone();
            if let Some(f) = onupdate {
                let v = evaluate_default(vm, &f)?;
                undo.set(inst, key, v);
                changed.push((key.clone(), col.clone()));
            }
        }
        let mut set = Vec::new();
        for (key, col) in &changed {
            let v = dict_get(inst, key).unwrap_or(Value::None);
            set.push((
                col.clone(),
                to_sql(&v, col.sql_type().as_ref(), set.len() + 1)?,
            ));
        }
        let key_values = identity_values(&st)?;
        exec_stmt(ctx, compile::update_row(table, &set, &key_values))?;
    }
    Ok(())
}

pub(super) fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::None, Value::None) => true,
        (Value::None, _) | (_, Value::None) => false,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Bool(_), _) | (_, Value::Bool(_)) => false,
        _ => match (HashKey::of(a), HashKey::of(b)) {
            (Some(x), Some(y)) => x == y,
            _ => a.is(b),
        },
    }
}

/// The primary-key `(column, value)` pairs identifying an object's row.
pub(super) fn identity_values(st: &InstanceState) -> PyResult<Vec<(Rc<Column>, SqlValue)>> {
    let pk = st.mapper.primary_key();
    let key = st.key.borrow().clone().unwrap_or_default();
    let mut out = Vec::new();
    for (col, v) in pk.iter().zip(key) {
        out.push((
            col.clone(),
            to_sql(&v, col.sql_type().as_ref(), out.len() + 1)?,
        ));
    }
    Ok(out)
}

/// Before deleting parents: children along one-to-many relationships get a NULL foreign key
/// (unless they are being deleted too); then DELETEs, children's tables first.
pub(super) fn delete_rows(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    order: &[Rc<Table>],
    deleted: &[Rc<Instance>],
    undo: &mut Undo,
) -> PyResult<()> {
    if deleted.is_empty() {
        return Ok(());
    }
    let mut nullified: Vec<Rc<Instance>> = Vec::new();
    for inst in deleted {
        let Some(st) = state_of(inst) else { continue };
        // Like SQLAlchemy, load an expired object before deleting its row (it keeps its
        // values once detached).
        if st
            .mapper
            .columns
            .iter()
            .any(|(k, _)| !inst.dict.borrow().contains_key(k))
        {
            crate::orm::load::refresh(vm, ctx, inst, &st)?;
        }
        let props: Vec<Rc<RelProp>> = st.mapper.relationships.borrow().clone();
        for prop in props {
            let Some(r) = prop.resolved() else { continue };
            if r.direction != Direction::OneToMany
                || r.secondary.is_some()
                || prop.spec.viewonly
                || prop.spec.passive_deletes
            {
                continue;
            }
            let v = crate::orm::load::get_relationship(vm, ctx, inst, &prop)?;
            for child in crate::orm::collection::items_of(&v) {
                let Value::Instance(c) = &child else { continue };
                let Some(cst) = state_of(c) else { continue };
                if cst.marked_deleted.get() || cst.status() != Status::Persistent {
                    continue;
                }
                for (_, remote) in &r.pairs {
                    if let Some(key) = cst.mapper.key_of(remote) {
                        undo.set(c, &key, Value::None);
                    }
                }
                nullified.push(c.clone());
            }
        }
    }
    for table in order {
        update_rows(vm, ctx, table, &nullified, undo)?;
    }
    for table in order.iter().rev() {
        let mut rows: Vec<(Rc<Instance>, Rc<InstanceState>)> = deleted
            .iter()
            .filter_map(|i| state_of(i).map(|s| (i.clone(), s)))
            .filter(|(_, s)| Rc::ptr_eq(&s.mapper.table, table))
            .collect();
        order_self_references(&mut rows);
        rows.reverse();
        for (_, st) in rows {
            let key = identity_values(&st)?;
            exec_stmt(ctx, compile::delete_row(table, &key))?;
        }
    }
    Ok(())
}

//! Rows of many-to-many association tables follow the collections that changed.

use crate::object::{HashKey, Instance, PyResult, Value, Vm};
use crate::orm::compile::{self};
use crate::orm::ctx::{state_of, OrmCtx};
use crate::orm::mapper::RelProp;
use crate::orm::table::{Column, Table};
use crate::orm::types::to_sql;
use std::collections::HashSet;
use std::rc::Rc;

use super::*;

/// INSERT/DELETE of association rows for many-to-many collections that changed.
pub(super) fn association_rows(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    objects: &[Rc<Instance>],
    deleted: &[Rc<Instance>],
) -> PyResult<()> {
    let mut done: HashSet<(Rc<str>, Vec<HashKey>)> = HashSet::new();
    // (association table, (column, value) per column, insert?)
    type AssocOp = (Rc<Table>, Vec<(Rc<Column>, Value)>, bool);
    let mut ops: Vec<AssocOp> = Vec::new();
    let mut consider = |inst: &Rc<Instance>, removing_all: bool, vm: &mut dyn Vm| -> PyResult<()> {
        let Some(st) = state_of(inst) else {
            return Ok(());
        };
        let props: Vec<Rc<RelProp>> = st.mapper.relationships.borrow().clone();
        for prop in props {
            let Some(r) = prop.resolved() else { continue };
            let Some(sec) = r.secondary.clone() else {
                continue;
            };
            if prop.spec.viewonly {
                continue;
            }
            let mut current: Vec<Value> = dict_get(inst, &prop.key)
                .map(|v| crate::orm::collection::items_of(&v))
                .unwrap_or_default();
            let committed: Vec<Value> = if removing_all {
                let v = crate::orm::load::get_relationship(vm, ctx, inst, &prop)?;
                current.clear();
                crate::orm::collection::items_of(&v)
            } else {
                st.committed_rels
                    .borrow()
                    .get(&prop.key)
                    .cloned()
                    .unwrap_or_default()
            };
            let mut pending_ops = st.pending_ops(&prop.key);
            let added: Vec<Value> = current
                .iter()
                .filter(|x| !committed.iter().any(|c| c.is(x)))
                .cloned()
                .chain(
                    pending_ops
                        .iter()
                        .filter(|(_, add)| *add)
                        .map(|(v, _)| v.clone()),
                )
                .collect();
            let removed: Vec<Value> = committed
                .iter()
                .filter(|x| {
                    !current.iter().any(|c| c.is(x)) && dict_get(inst, &prop.key).is_some()
                        || removing_all
                })
                .cloned()
                .chain(
                    pending_ops
                        .drain(..)
                        .filter(|(_, add)| !*add)
                        .map(|(v, _)| v),
                )
                .collect();
            for (child, adding) in added
                .iter()
                .map(|c| (c, true))
                .chain(removed.iter().map(|c| (c, false)))
            {
                let Value::Instance(c) = child else { continue };
                let Some(cst) = state_of(c) else { continue };
                let mut row = Vec::new();
                for (local, assoc) in &r.pairs {
                    row.push((
                        assoc.clone(),
                        current_value(vm, ctx, inst, &st.mapper, local)?,
                    ));
                }
                for (target, assoc) in &r.secondary_pairs {
                    row.push((
                        assoc.clone(),
                        current_value(vm, ctx, c, &cst.mapper, target)?,
                    ));
                }
                let mut sorted: Vec<(Rc<str>, HashKey)> = row
                    .iter()
                    .map(|(c, v)| {
                        (
                            c.name().unwrap_or_default(),
                            HashKey::of(v).unwrap_or(HashKey::None),
                        )
                    })
                    .collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                let mut key = vec![HashKey::Int(adding as i64)];
                key.extend(sorted.into_iter().map(|(_, h)| h));
                if done.insert((sec.name.clone(), key)) {
                    ops.push((sec.clone(), row, adding));
                }
            }
        }
        Ok(())
    };
    for inst in objects {
        consider(inst, false, vm)?;
    }
    for inst in deleted {
        consider(inst, true, vm)?;
    }
    for (table, row, adding) in ops {
        let mut vals = Vec::new();
        for (c, v) in &row {
            vals.push((c.clone(), to_sql(v, c.sql_type().as_ref(), vals.len() + 1)?));
        }
        let c = if adding {
            let cols: Vec<Rc<Column>> = vals.iter().map(|(c, _)| c.clone()).collect();
            compile::insert(
                &table,
                &cols,
                vec![vals.into_iter().map(|(_, v)| v).collect()],
            )
        } else {
            compile::delete_row(&table, &vals)
        };
        exec_stmt(ctx, c)?;
    }
    Ok(())
}

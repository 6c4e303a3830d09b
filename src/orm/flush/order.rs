//! The order of a flush: tables by dependency, new objects (parents before children in
//! self-referencing tables), and the ids they get.

use crate::object::{HashKey, Instance, PyResult, Value};
use crate::orm::ctx::{state_of, OrmCtx};
use crate::orm::state::InstanceState;
use crate::orm::table::{Column, Table};
use crate::schema::Direction;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::rc::Rc;

use super::*;

/// Tables in dependency order (referenced tables first), definition order breaking ties.
pub(super) fn table_order(ctx: &OrmCtx) -> Vec<Rc<Table>> {
    let tables = ctx.metadata.borrow().tables.clone();
    let deps = |t: &Table| -> Vec<Rc<str>> {
        let mut out = Vec::new();
        for c in t.columns.borrow().iter() {
            for fk in c.foreign_keys.borrow().iter() {
                if let Some((target, _)) = fk.target_names() {
                    if target != t.name {
                        out.push(target);
                    }
                }
            }
        }
        for k in t.constraints.borrow().iter() {
            if let crate::orm::table::Constraint::ForeignKey { refcolumns, .. } = k {
                for r in refcolumns {
                    if let Some((target, _)) = r.rsplit_once('.') {
                        if *target != *t.name {
                            out.push(target.into());
                        }
                    }
                }
            }
        }
        out
    };
    let mut done: Vec<Rc<Table>> = Vec::new();
    let mut remaining = tables.clone();
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|t| {
            deps(t).iter().all(|d| {
                done.iter().any(|x| x.name == *d) || !remaining.iter().any(|x| x.name == *d)
            })
        });
        let i = ready.unwrap_or(0);
        done.push(remaining.remove(i));
    }
    done
}

/// New objects in INSERT order: session order, except that an object comes after the new
/// objects of its own table it depends on (a manager before the employees it manages), as
/// SQLAlchemy's per-row dependency sort orders self-referencing rows.
pub(super) fn insert_order(new: &[Rc<Instance>]) -> Vec<Rc<Instance>> {
    let index: HashMap<usize, usize> = new
        .iter()
        .enumerate()
        .map(|(i, x)| (Rc::as_ptr(x) as usize, i))
        .collect();
    let position = |x: &Rc<Instance>| index.get(&(Rc::as_ptr(x) as usize)).copied();
    // children[p]: the objects that wait for p; waiting[i]: how many parents i waits for.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); new.len()];
    let mut waiting = vec![0usize; new.len()];
    for (i, inst) in new.iter().enumerate() {
        let Some(st) = state_of(inst) else { continue };
        for prop in st.mapper.relationships.borrow().iter() {
            let Some(r) = prop.resolved() else { continue };
            if prop.spec.viewonly
                || r.secondary.is_some()
                || !Rc::ptr_eq(&r.target.table, &st.mapper.table)
            {
                continue;
            }
            let Some(v) = dict_get(inst, &prop.key) else {
                continue;
            };
            for item in crate::orm::collection::items_of(&v) {
                let Value::Instance(other) = &item else {
                    continue;
                };
                let Some(j) = position(other) else { continue };
                let (parent, child) = match r.direction {
                    Direction::ManyToOne => (j, i),
                    _ => (i, j),
                };
                if parent != child {
                    children[parent].push(child);
                    waiting[child] += 1;
                }
            }
        }
    }
    // Repeatedly the first object (in session order) whose parents are all placed; in a
    // cycle, the first one not placed. A heap of the ready ones keeps this O(n log n).
    let mut ready: BinaryHeap<Reverse<usize>> = (0..new.len())
        .filter(|&i| waiting[i] == 0)
        .map(Reverse)
        .collect();
    let mut placed = vec![false; new.len()];
    let mut first_unplaced = 0;
    let mut out = Vec::with_capacity(new.len());
    while out.len() < new.len() {
        let next = match ready.pop() {
            Some(Reverse(i)) if placed[i] => continue,
            Some(Reverse(i)) => i,
            None => {
                while placed.get(first_unplaced) == Some(&true) {
                    first_unplaced += 1;
                }
                first_unplaced
            }
        };
        let Some(inst) = new.get(next) else { break };
        placed[next] = true;
        out.push(inst.clone());
        for &c in &children[next] {
            waiting[c] = waiting[c].saturating_sub(1);
            if waiting[c] == 0 && !placed[c] {
                ready.push(Reverse(c));
            }
        }
    }
    out
}

/// Gives new objects their integer primary keys (max + 1, in session order, as SQLite's
/// rowids are assigned).
pub(super) fn assign_keys(ctx: &OrmCtx, new: &[Rc<Instance>], undo: &mut Undo) -> PyResult<()> {
    let mut next: HashMap<Rc<str>, i64> = HashMap::new();
    for inst in new {
        let Some(st) = state_of(inst) else { continue };
        let pk = st.mapper.primary_key();
        if pk.len() != 1 {
            continue;
        }
        let col = &pk[0];
        let auto =
            col.autoincrement.get() != Some(false) && col.sql_type().is_none_or(|t| t.is_integer());
        let Some(key) = st.mapper.key_of(col) else {
            continue;
        };
        let table = st.mapper.table.name.clone();
        let current = dict_get(inst, &key).filter(|v| !v.is_none());
        let entry = match next.get(&table) {
            Some(n) => *n,
            None => {
                let max = ctx
                    .engine
                    .borrow()
                    .db
                    .max_integer(&table, &col.name().unwrap_or_default())
                    .unwrap_or(0);
                max + 1
            }
        };
        match current {
            Some(Value::Int(given)) => {
                next.insert(table, entry.max(given + 1));
            }
            Some(_) => {}
            None if auto => {
                undo.set(inst, &key, Value::Int(entry));
                next.insert(table, entry + 1);
            }
            None => {}
        }
    }
    Ok(())
}

/// Rows of a self-referencing table go in after the rows they reference.
pub(super) fn order_self_references(rows: &mut Vec<(Rc<Instance>, Rc<InstanceState>)>) {
    let Some((_, st)) = rows.first() else { return };
    let mapper = st.mapper.clone();
    let pk = mapper.primary_key();
    let self_fks: Vec<(Rc<Column>, Rc<Column>)> = mapper
        .table
        .columns
        .borrow()
        .iter()
        .flat_map(|c| {
            c.foreign_keys
                .borrow()
                .iter()
                .filter_map(|fk| {
                    let (t, col) = fk.target_names()?;
                    (t == mapper.table.name)
                        .then(|| mapper.table.column(&col).map(|target| (c.clone(), target)))?
                })
                .collect::<Vec<_>>()
        })
        .collect();
    if self_fks.is_empty() || pk.is_empty() {
        return;
    }
    let key_of = |inst: &Instance, col: &Rc<Column>| {
        column_value(inst, &mapper, col).and_then(|v| HashKey::of(&v))
    };
    let mut placed: Vec<(Rc<Instance>, Rc<InstanceState>)> = Vec::new();
    let mut pending = std::mem::take(rows);
    let mut guard = 0;
    while !pending.is_empty() && guard < 10_000 {
        guard += 1;
        let pos = pending.iter().position(|(inst, _)| {
            self_fks.iter().all(|(fk, target)| {
                let Some(want) = key_of(inst, fk) else {
                    return true;
                };
                !pending.iter().any(|(other, _)| {
                    !Rc::ptr_eq(other, inst) && key_of(other, target).as_ref() == Some(&want)
                })
            })
        });
        placed.push(pending.remove(pos.unwrap_or(0)));
    }
    placed.extend(pending);
    *rows = placed;
}

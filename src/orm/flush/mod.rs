//! The unit of work: turns the session's pending, dirty and deleted objects into INSERT,
//! UPDATE and DELETE statements in dependency order, keeping foreign keys in sync with
//! relationships, applying defaults, and maintaining association rows.

mod assoc;
mod order;
mod sync;
mod write;
use assoc::*;
use order::*;
use sync::*;
use write::*;

use super::ctx::{state_of, OrmCtx};
use super::mapper::Mapper;
use super::state::{Committed, InstanceState, Status};
use super::table::Column;
use crate::object::{Exc, Instance, PyResult, Value, Vm};
use std::rc::Rc;

/// Attribute changes made by a flush, undone if it fails.
#[derive(Default)]
struct Undo {
    changes: Vec<(Rc<Instance>, Rc<str>, Option<Value>)>,
}

impl Undo {
    fn set(&mut self, inst: &Rc<Instance>, key: &Rc<str>, v: Value) {
        if let Some(st) = state_of(inst) {
            st.before_change(inst);
        }
        let old = inst.dict.borrow_mut().insert(key.clone(), v);
        self.changes.push((inst.clone(), key.clone(), old));
    }

    fn revert(self) {
        for (inst, key, old) in self.changes.into_iter().rev() {
            match old {
                Some(v) => {
                    inst.dict.borrow_mut().insert(key, v);
                }
                None => {
                    inst.dict.borrow_mut().shift_remove(&key);
                }
            }
        }
    }
}

/// `session.flush()`.
pub fn flush(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<()> {
    ctx.check_not_failed()?;
    {
        let s = ctx.session.borrow();
        if s.flushing || (s.new.is_empty() && s.dirty.is_empty() && s.deleted.is_empty()) {
            return Ok(());
        }
    }
    super::configure::configure(vm, ctx)?;
    ctx.session.borrow_mut().flushing = true;
    let mut undo = Undo::default();
    let result = run(vm, ctx, &mut undo);
    ctx.session.borrow_mut().flushing = false;
    if let Err(e) = &result {
        undo.revert();
        if e.is(Exc::DBAPIError) {
            let _ = ctx.engine.borrow_mut().rollback();
            let dirty = {
                let mut s = ctx.session.borrow_mut();
                s.failed = Some(e.message().to_string());
                s.dirty.clone()
            };
            // As SQLAlchemy restores its snapshot: changed objects are expired, so reading
            // them now needs the database (and raises PendingRollbackError).
            for inst in dirty {
                if let Some(st) = state_of(&inst) {
                    super::session::expire(&inst, &st, None);
                }
            }
        }
    }
    result
}

fn dict_get(inst: &Instance, key: &str) -> Option<Value> {
    inst.dict.borrow().get(key).cloned()
}

/// The value of a mapped column on an instance (loaded values only).
fn column_value(inst: &Instance, mapper: &Mapper, col: &Rc<Column>) -> Option<Value> {
    let key = mapper.key_of(col)?;
    dict_get(inst, &key)
}

/// The value of a mapped column, refreshing it from the database if it has expired.
fn current_value(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    inst: &Rc<Instance>,
    mapper: &Mapper,
    col: &Rc<Column>,
) -> PyResult<Value> {
    match mapper.key_of(col) {
        Some(key) => super::load::get_column(vm, ctx, inst, &key),
        None => Ok(Value::None),
    }
}

fn run(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, undo: &mut Undo) -> PyResult<()> {
    cascade_pending(vm, ctx)?;
    let (new, dirty, deleted) = {
        let s = ctx.session.borrow();
        (s.new.clone(), s.dirty.clone(), s.deleted.clone())
    };
    let order = table_order(ctx);
    let new = insert_order(&new);
    assign_keys(ctx, &new, undo)?;
    let mut touched: Vec<Rc<Instance>> = new.iter().chain(dirty.iter()).cloned().collect();
    sync_relationships(vm, ctx, &touched, undo, &mut touched.clone())?;
    // Children whose foreign key the sync changed become dirty.
    let mut seen: std::collections::HashSet<usize> =
        touched.iter().map(|i| Rc::as_ptr(i) as usize).collect();
    for inst in ctx.session.borrow().dirty.iter() {
        if seen.insert(Rc::as_ptr(inst) as usize) {
            touched.push(inst.clone());
        }
    }
    apply_defaults(vm, &new, undo)?;
    let dirty_now: Vec<Rc<Instance>> = ctx.session.borrow().dirty.clone();
    for table in &order {
        update_rows(vm, ctx, table, &dirty_now, undo)?;
        insert_rows(ctx, table, &new)?;
    }
    // Orphans found while syncing were marked for deletion just now.
    let deleted = {
        let mut all = deleted;
        for d in ctx.session.borrow().deleted.iter() {
            if !all.iter().any(|x| Rc::ptr_eq(x, d)) {
                all.push(d.clone());
            }
        }
        all
    };
    association_rows(vm, ctx, &touched, &deleted)?;
    delete_rows(vm, ctx, &order, &deleted, undo)?;
    finish(ctx, &new, &touched, &deleted);
    Ok(())
}

/// Objects reachable from pending/dirty ones along save-update cascades join the session.
fn cascade_pending(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<()> {
    let roots: Vec<Rc<Instance>> = {
        let s = ctx.session.borrow();
        s.new.iter().chain(s.dirty.iter()).cloned().collect()
    };
    for inst in roots {
        if let Some(st) = state_of(&inst) {
            for child in super::session::related_for_cascade(&inst, &st.mapper, |c| c.save_update) {
                if state_of(&child).is_some_and(|c| c.status() == Status::Transient) {
                    super::session::add(vm, ctx, &child)?;
                }
            }
        }
    }
    Ok(())
}

/// After a successful flush: new objects become persistent, deleted ones deleted; the
/// committed state is what the database now holds.
fn finish(
    ctx: &Rc<OrmCtx>,
    new: &[Rc<Instance>],
    touched: &[Rc<Instance>],
    deleted: &[Rc<Instance>],
) {
    let mut session = ctx.session.borrow_mut();
    for inst in new {
        let Some(st) = state_of(inst) else { continue };
        if st.status() != Status::Pending {
            continue;
        }
        st.status.set(Status::Persistent);
        st.inserted_in_txn.set(true);
        let pk: Vec<Value> = st
            .mapper
            .primary_key()
            .iter()
            .map(|c| column_value(inst, &st.mapper, c).unwrap_or(Value::None))
            .collect();
        st.set_key(pk);
        if let Some(key) = st.identity() {
            session.remember(key, inst);
        }
        session.inserted.push(inst.clone());
        // Server-side defaults were filled in by the database: load them on next access.
        for (key, col) in &st.mapper.columns {
            if col.server_default.borrow().is_some()
                && dict_get(inst, key).is_none_or(|v| v.is_none())
            {
                inst.dict.borrow_mut().shift_remove(key);
            }
        }
    }
    for inst in touched.iter().chain(new) {
        if let Some(st) = state_of(inst) {
            if st.status() == Status::Persistent {
                snapshot(inst, &st);
            }
        }
    }
    for inst in deleted {
        let Some(st) = state_of(inst) else { continue };
        st.marked_deleted.set(false);
        st.status.set(Status::Deleted);
        if let Some(key) = st.identity() {
            session.identity.remove(&key);
        }
        session.removed.push(inst.clone());
    }
    session.new.clear();
    session.clear_dirty();
    session.deleted.clear();
}

/// Records an object's current column and relationship values as its committed state.
pub fn snapshot(inst: &Instance, st: &InstanceState) {
    let dict = inst.dict.borrow();
    // The dict now holds what the row holds: clean, as a loaded row is (no copy).
    *st.committed.borrow_mut() = Committed::clean();
    let mut rels = st.committed_rels.borrow_mut();
    for prop in st.mapper.relationships.borrow().iter() {
        if let Some(v) = dict.get(&prop.key) {
            rels.insert(prop.key.clone(), super::collection::items_of(v));
        }
    }
    st.clear_pending_ops();
    let pk: Vec<Value> = st
        .mapper
        .primary_key()
        .iter()
        .filter_map(|c| st.mapper.key_of(c).and_then(|k| dict.get(&k).cloned()))
        .collect();
    if !pk.is_empty() && pk.iter().all(|v| !v.is_none()) {
        st.set_key(pk);
    }
}

//! The unit of work: turns the session's pending, dirty and deleted objects into INSERT,
//! UPDATE and DELETE statements in dependency order, keeping foreign keys in sync with
//! relationships, applying defaults, and maintaining association rows.

use super::compile::{self, Compiled};
use super::ctx::{state_of, OrmCtx};
use super::mapper::{Mapper, RelProp};
use super::state::{InstanceState, Status};
use super::table::{Column, Table};
use super::types::to_sql;
use crate::object::{Args, Exc, HashKey, Instance, PyErr, PyResult, Value, Vm};
use crate::schema::Direction;
use gluesql::core::data::Value as SqlValue;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Attribute changes made by a flush, undone if it fails.
#[derive(Default)]
struct Undo {
    changes: Vec<(Rc<Instance>, Rc<str>, Option<Value>)>,
}

impl Undo {
    fn set(&mut self, inst: &Rc<Instance>, key: &Rc<str>, v: Value) {
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

/// Tables in dependency order (referenced tables first), definition order breaking ties.
fn table_order(ctx: &OrmCtx) -> Vec<Rc<Table>> {
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
            if let super::table::Constraint::ForeignKey { refcolumns, .. } = k {
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
fn insert_order(new: &[Rc<Instance>]) -> Vec<Rc<Instance>> {
    let position = |x: &Rc<Instance>| new.iter().position(|n| Rc::ptr_eq(n, x));
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); new.len()];
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
            for item in super::collection::items_of(&v) {
                let Value::Instance(other) = &item else {
                    continue;
                };
                let Some(j) = position(other) else { continue };
                match r.direction {
                    Direction::ManyToOne => parents[i].push(j),
                    _ => parents[j].push(i),
                }
            }
        }
    }
    let mut placed = vec![false; new.len()];
    let mut out = Vec::with_capacity(new.len());
    while out.len() < new.len() {
        let next = (0..new.len())
            .find(|&i| !placed[i] && parents[i].iter().all(|&p| placed[p] || p == i))
            .or_else(|| (0..new.len()).find(|&i| !placed[i]));
        let Some(i) = next else { break };
        placed[i] = true;
        out.push(new[i].clone());
    }
    out
}

/// Gives new objects their integer primary keys (max + 1, in session order, as SQLite's
/// rowids are assigned).
fn assign_keys(ctx: &OrmCtx, new: &[Rc<Instance>], undo: &mut Undo) -> PyResult<()> {
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

/// Copies primary keys into foreign keys along every loaded relationship of the objects
/// being flushed; children removed from collections lose their foreign key (or are deleted
/// with `delete-orphan`).
fn sync_relationships(
    vm: &mut dyn Vm,
    ctx: &Rc<OrmCtx>,
    objects: &[Rc<Instance>],
    undo: &mut Undo,
    _seen: &mut Vec<Rc<Instance>>,
) -> PyResult<()> {
    for inst in objects {
        let Some(st) = state_of(inst) else { continue };
        let props: Vec<Rc<RelProp>> = st.mapper.relationships.borrow().clone();
        for prop in props {
            if prop.spec.viewonly {
                continue;
            }
            let Some(r) = prop.resolved() else { continue };
            if r.secondary.is_some() {
                continue;
            }
            let loaded = dict_get(inst, &prop.key);
            match r.direction {
                Direction::ManyToOne => {
                    let Some(target) = loaded else { continue };
                    let previously: Option<Vec<Value>> =
                        st.committed_rels.borrow().get(&prop.key).cloned();
                    // Unchanged since it was loaded: the foreign key is the user's to set.
                    let unchanged =
                        previously
                            .as_ref()
                            .is_some_and(|p| match (&target, p.as_slice()) {
                                (Value::None, []) => true,
                                (t, [one]) => t.is(one),
                                _ => false,
                            });
                    if unchanged {
                        continue;
                    }
                    match &target {
                        Value::Instance(t) => {
                            let Some(tst) = state_of(t) else { continue };
                            for (local, remote) in &r.pairs {
                                let v = current_value(vm, ctx, t, &tst.mapper, remote)?;
                                set_fk(ctx, inst, &st, local, v, undo)?;
                            }
                        }
                        Value::None => {
                            // Loaded as None: nothing changed; set to None: release the key.
                            let loaded_empty = previously.is_some_and(|p| p.is_empty());
                            if !loaded_empty {
                                for (local, _) in &r.pairs {
                                    set_fk(ctx, inst, &st, local, Value::None, undo)?;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Direction::OneToMany => {
                    let ops = st.pending_ops(&prop.key);
                    let mut current: Vec<Value> = match &loaded {
                        Some(v) => super::collection::items_of(v),
                        None => Vec::new(),
                    };
                    current.extend(
                        ops.iter()
                            .filter(|(_, added)| *added)
                            .map(|(v, _)| v.clone()),
                    );
                    for (child, added) in &ops {
                        let Value::Instance(c) = child else { continue };
                        let Some(cst) = state_of(c) else { continue };
                        if !*added {
                            if prop.spec.cascade.delete_orphan {
                                super::session::delete(vm, ctx, c)?;
                            } else {
                                for (_, remote) in &r.pairs {
                                    set_fk(ctx, c, &cst, remote, Value::None, undo)?;
                                }
                            }
                        }
                    }
                    let committed: Vec<Value> = st
                        .committed_rels
                        .borrow()
                        .get(&prop.key)
                        .cloned()
                        .unwrap_or_default();
                    for child in &current {
                        if committed.iter().any(|x| x.is(child)) {
                            continue;
                        }
                        let Value::Instance(c) = child else { continue };
                        let Some(cst) = state_of(c) else { continue };
                        for (local, remote) in &r.pairs {
                            let v = current_value(vm, ctx, inst, &st.mapper, local)?;
                            set_fk(ctx, c, &cst, remote, v, undo)?;
                        }
                    }
                    for old in committed {
                        let Value::Instance(c) = &old else { continue };
                        if current.iter().any(|x| x.is(&old)) {
                            continue;
                        }
                        let Some(cst) = state_of(c) else { continue };
                        if cst.marked_deleted.get() {
                            continue;
                        }
                        if prop.spec.cascade.delete_orphan {
                            // Moved to another parent: not an orphan.
                            let reparented = prop.reverse().is_some_and(|rev| {
                                matches!(c.dict.borrow().get(&*rev.key), Some(Value::Instance(p)) if !Rc::ptr_eq(p, inst))
                            });
                            if !reparented {
                                super::session::delete(vm, ctx, c)?;
                            }
                            continue;
                        }
                        // Only release the child if it still points at this parent.
                        let still_ours = r.pairs.iter().all(|(local, remote)| {
                            let mine = column_value(inst, &st.mapper, local);
                            let theirs = column_value(c, &cst.mapper, remote);
                            match (mine, theirs) {
                                (Some(a), Some(b)) => HashKey::of(&a) == HashKey::of(&b),
                                _ => false,
                            }
                        });
                        if still_ours {
                            for (_, remote) in &r.pairs {
                                set_fk(ctx, c, &cst, remote, Value::None, undo)?;
                            }
                        }
                    }
                }
                Direction::ManyToMany => {}
            }
        }
    }
    Ok(())
}

/// Sets a foreign-key column on an object being flushed (marking persistent ones dirty).
fn set_fk(
    ctx: &OrmCtx,
    inst: &Rc<Instance>,
    st: &InstanceState,
    col: &Rc<Column>,
    v: Value,
    undo: &mut Undo,
) -> PyResult<()> {
    let Some(key) = st.mapper.key_of(col) else {
        return Ok(());
    };
    let current = dict_get(inst, &key);
    if current
        .as_ref()
        .is_some_and(|c| HashKey::of(c) == HashKey::of(&v) && c.is_none() == v.is_none())
    {
        return Ok(());
    }
    undo.set(inst, &key, v);
    if st.status() == Status::Persistent {
        ctx.session.borrow_mut().mark_dirty(inst);
    }
    Ok(())
}

/// Python-side `default=` values for columns a new object leaves unset (or sets to None).
fn apply_defaults(vm: &mut dyn Vm, new: &[Rc<Instance>], undo: &mut Undo) -> PyResult<()> {
    for inst in new {
        let Some(st) = state_of(inst) else { continue };
        for (key, col) in &st.mapper.columns {
            let unset = dict_get(inst, key).is_none_or(|v| v.is_none());
            if !unset {
                continue;
            }
            let default = col.default.borrow().clone();
            if let Some(d) = default {
                let v = evaluate_default(vm, &d)?;
                undo.set(inst, key, v);
            }
        }
    }
    Ok(())
}

fn evaluate_default(vm: &mut dyn Vm, d: &Value) -> PyResult<Value> {
    match d {
        Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Class(_) => {
            vm.call(d, Args::none())
        }
        Value::Native(_) => match super::exprobj::as_expr(d) {
            Some(_) => Ok(Value::None),
            None => vm.call(d, Args::none()),
        },
        other => Ok(other.clone()),
    }
}

/// Multi-row INSERTs for this table's new objects, grouped by the columns they set.
fn insert_rows(ctx: &Rc<OrmCtx>, table: &Rc<Table>, new: &[Rc<Instance>]) -> PyResult<()> {
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
            vals.push(to_sql(&v, col.sql_type().as_ref())?);
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

fn exec_stmt(ctx: &OrmCtx, c: Compiled) -> PyResult<()> {
    ctx.engine.borrow_mut().run(&c, None).map(|_| ())
}

/// Rows of a self-referencing table go in after the rows they reference.
fn order_self_references(rows: &mut Vec<(Rc<Instance>, Rc<InstanceState>)>) {
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

/// UPDATE statements for changed persistent objects of this table (plus `onupdate=`).
fn update_rows(
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
                Some(old) => !same_value(old, &now),
                None => true,
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
            set.push((col.clone(), to_sql(&v, col.sql_type().as_ref())?));
        }
        let key_values = identity_values(&st)?;
        exec_stmt(ctx, compile::update_row(table, &set, &key_values))?;
    }
    Ok(())
}

fn same_value(a: &Value, b: &Value) -> bool {
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
fn identity_values(st: &InstanceState) -> PyResult<Vec<(Rc<Column>, SqlValue)>> {
    let pk = st.mapper.primary_key();
    let key = st.key.borrow().clone().unwrap_or_default();
    let mut out = Vec::new();
    for (col, v) in pk.iter().zip(key) {
        out.push((col.clone(), to_sql(&v, col.sql_type().as_ref())?));
    }
    Ok(out)
}

/// INSERT/DELETE of association rows for many-to-many collections that changed.
fn association_rows(
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
                .map(|v| super::collection::items_of(&v))
                .unwrap_or_default();
            let committed: Vec<Value> = if removing_all {
                let v = super::load::get_relationship(vm, ctx, inst, &prop)?;
                current.clear();
                super::collection::items_of(&v)
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
            vals.push((c.clone(), to_sql(v, c.sql_type().as_ref())?));
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

/// Before deleting parents: children along one-to-many relationships get a NULL foreign key
/// (unless they are being deleted too); then DELETEs, children's tables first.
fn delete_rows(
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
            super::load::refresh(vm, ctx, inst, &st)?;
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
            let v = super::load::get_relationship(vm, ctx, inst, &prop)?;
            for child in super::collection::items_of(&v) {
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
        *st.key.borrow_mut() = Some(pk);
        if let Some(key) = st.identity() {
            session.identity.insert(key, Rc::downgrade(inst));
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
    let mut committed = st.committed.borrow_mut();
    for (key, _) in &st.mapper.columns {
        if let Some(v) = dict.get(key) {
            committed.set(&st.mapper, key, v.clone());
        }
    }
    let mut rels = st.committed_rels.borrow_mut();
    for prop in st.mapper.relationships.borrow().iter() {
        if let Some(v) = dict.get(&*prop.key) {
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
        *st.key.borrow_mut() = Some(pk);
    }
}

/// Message helpers shared with the session.
pub fn not_persisted(class_name: &str, inst: &Rc<Instance>) -> PyErr {
    PyErr::new(
        Exc::InvalidRequestError,
        format!(
            "Instance '<{class_name} at 0x{:x}>' is not persisted",
            Rc::as_ptr(inst) as usize
        ),
    )
}

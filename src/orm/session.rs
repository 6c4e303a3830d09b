//! The session: identity map, pending/dirty/deleted sets, object state transitions,
//! cascades on `add`/`delete`, expiry, commit and rollback.

use super::ctx::{state_of, OrmCtx};
use super::mapper::Mapper;
use super::state::{Committed, IdentityKey, InstanceState, Status};
use crate::object::{Exc, Instance, PyErr, PyResult, Value, Vm};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

#[derive(Default)]
pub struct Session {
    /// One object per row (weak: objects nobody holds may go, as in SQLAlchemy).
    pub identity: HashMap<IdentityKey, Weak<Instance>>,
    /// Pending objects, in the order they joined the session.
    pub new: Vec<Rc<Instance>>,
    /// Persistent objects marked for deletion.
    pub deleted: Vec<Rc<Instance>>,
    /// Persistent objects with changed attributes.
    pub dirty: Vec<Rc<Instance>>,
    /// Objects a flush of the current transaction inserted (rollback makes them transient).
    pub inserted: Vec<Rc<Instance>>,
    /// Objects a flush of the current transaction deleted (detached at commit).
    pub removed: Vec<Rc<Instance>>,
    /// After a failed flush: the original error, until `rollback()`.
    pub failed: Option<String>,
    pub seq: u64,
    pub flushing: bool,
    /// Depth of `with db.session.no_autoflush:` blocks.
    pub no_autoflush: u32,
    /// Size of the identity map at which `remember` next drops the entries of objects
    /// that are gone (a dead entry still holds its key and the object's allocation).
    prune_at: usize,
}

impl Session {
    /// Enters `inst` in the identity map under `key`. Entries of objects nobody holds any
    /// more are dropped whenever the map has doubled since the last sweep (amortised O(1)),
    /// so that inserting 100,000 rows and letting them go does not keep 100,000 entries.
    pub fn remember(&mut self, key: IdentityKey, inst: &Rc<Instance>) {
        self.identity.insert(key, Rc::downgrade(inst));
        if self.identity.len() >= self.prune_at {
            self.identity.retain(|_, w| w.strong_count() > 0);
            self.prune_at = (self.identity.len() * 2).max(1024);
        }
    }

    pub fn lookup(&self, key: &IdentityKey) -> Option<Rc<Instance>> {
        self.identity.get(key).and_then(Weak::upgrade)
    }

    /// Every persistent object still alive.
    pub fn persistent(&self) -> Vec<Rc<Instance>> {
        let mut out: Vec<Rc<Instance>> = self.identity.values().filter_map(Weak::upgrade).collect();
        out.sort_by_key(|i| state_of(i).map(|s| s.seq.get()).unwrap_or(0));
        out
    }

    pub fn mark_dirty(&mut self, inst: &Rc<Instance>) {
        let Some(st) = state_of(inst) else { return };
        if !st.dirty.replace(true) {
            self.dirty.push(inst.clone());
        }
    }

    /// Empties the dirty list (and the objects' flags).
    pub fn clear_dirty(&mut self) {
        for inst in self.dirty.drain(..) {
            if let Some(st) = state_of(&inst) {
                st.dirty.set(false);
            }
        }
    }

    pub fn contains(&self, inst: &Rc<Instance>) -> bool {
        match state_of(inst) {
            Some(st) => match st.status() {
                Status::Pending => self.new.iter().any(|x| Rc::ptr_eq(x, inst)),
                Status::Persistent => true,
                _ => false,
            },
            None => false,
        }
    }

    fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// Removes an object from the session (`expunge`): pending objects become transient,
    /// persistent ones detached.
    pub fn expunge(&mut self, inst: &Rc<Instance>, st: &InstanceState) {
        self.new.retain(|x| !Rc::ptr_eq(x, inst));
        self.dirty.retain(|x| !Rc::ptr_eq(x, inst));
        st.dirty.set(false);
        self.deleted.retain(|x| !Rc::ptr_eq(x, inst));
        if let Some(key) = st.identity() {
            if self.lookup(&key).is_some_and(|x| Rc::ptr_eq(&x, inst)) {
                self.identity.remove(&key);
            }
        }
        st.marked_deleted.set(false);
        st.status.set(match st.status() {
            Status::Pending | Status::Transient => Status::Transient,
            _ => Status::Detached,
        });
    }
}

/// `session.add(obj)`, cascading along `save-update` relationships to related objects
/// (depth first, in collection order, as SQLAlchemy's cascade iterator visits them: that
/// order becomes the INSERT order).
pub fn add(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, inst: &Rc<Instance>) -> PyResult<()> {
    let Some(st) = state_of(inst) else {
        return Err(unmapped(vm, inst));
    };
    let mut stack = vec![(inst.clone(), st)];
    let mut visited: std::collections::HashSet<usize> = std::collections::HashSet::new();
    while let Some((inst, st)) = stack.pop() {
        vm.tick()?;
        if !visited.insert(Rc::as_ptr(&inst) as usize) {
            continue;
        }
        let mut session = ctx.session.borrow_mut();
        match st.status() {
            Status::Transient => {
                let seq = session.next_seq();
                st.seq.set(seq);
                st.status.set(Status::Pending);
                session.new.push(inst.clone());
            }
            Status::Detached => {
                if let Some(key) = st.identity() {
                    if let Some(other) = session.lookup(&key) {
                        if !Rc::ptr_eq(&other, &inst) {
                            return Err(PyErr::new(
                                Exc::InvalidRequestError,
                                format!(
                                    "Can't attach instance <{} at 0x{:x}>; another instance with key {} is already present in this session.",
                                    st.mapper.class_name,
                                    Rc::as_ptr(&inst) as usize,
                                    "(…)"
                                ),
                            ));
                        }
                    }
                    session.remember(key, &inst);
                }
                st.status.set(Status::Persistent);
            }
            Status::Pending | Status::Persistent | Status::Deleted => {}
        }
        drop(session);
        let children: Vec<_> = related_for_cascade(&inst, &st.mapper, |c| c.save_update)
            .into_iter()
            .filter_map(|child| state_of(&child).map(|cst| (child, cst)))
            .collect();
        stack.extend(children.into_iter().rev());
    }
    Ok(())
}

/// Related objects currently loaded on `inst` along relationships whose cascade passes
/// `want`.
pub fn related_for_cascade(
    inst: &Rc<Instance>,
    mapper: &Mapper,
    want: impl Fn(&super::mapper::Cascade) -> bool,
) -> Vec<Rc<Instance>> {
    let mut out = Vec::new();
    for prop in mapper.relationships.borrow().iter() {
        if !want(&prop.spec.cascade) || prop.spec.viewonly {
            continue;
        }
        let mut items = match inst.dict.borrow().get(&prop.key).cloned() {
            Some(v) => super::collection::items_of(&v),
            None => Vec::new(),
        };
        // Appends to dynamic/write-only collections wait as pending operations.
        if let Some(st) = state_of(inst) {
            items.extend(
                st.pending_ops(&prop.key)
                    .into_iter()
                    .filter(|(_, added)| *added)
                    .map(|(v, _)| v),
            );
        }
        for item in items {
            if let Value::Instance(child) = item {
                out.push(child);
            }
        }
    }
    out
}

/// `session.delete(obj)`, cascading `delete` to related objects. The whole cascade is
/// gathered (loading collections, which autoflushes) before anything is marked, so no flush
/// sees a half-deleted graph.
pub fn delete(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>, inst: &Rc<Instance>) -> PyResult<()> {
    let Some(st) = state_of(inst) else {
        return Err(unmapped(vm, inst));
    };
    if st.status() == Status::Transient {
        return Err(PyErr::new(
            Exc::InvalidRequestError,
            format!(
                "Instance '<{} at 0x{:x}>' is not persisted",
                st.mapper.class_name,
                Rc::as_ptr(inst) as usize
            ),
        ));
    }
    let mut gathered: Vec<Rc<Instance>> = Vec::new();
    let mut stack = vec![inst.clone()];
    while let Some(obj) = stack.pop() {
        vm.tick()?;
        if gathered.iter().any(|g| Rc::ptr_eq(g, &obj)) {
            continue;
        }
        let Some(ost) = state_of(&obj) else { continue };
        if ost.status() != Status::Persistent || ost.marked_deleted.get() {
            if ost.status() == Status::Pending {
                gathered.push(obj.clone());
            }
            continue;
        }
        gathered.push(obj.clone());
        let props: Vec<_> = ost.mapper.relationships.borrow().clone();
        let mut children = Vec::new();
        for prop in props {
            if !prop.spec.cascade.delete || prop.spec.viewonly {
                continue;
            }
            let v = super::load::get_relationship(vm, ctx, &obj, &prop)?;
            for item in super::collection::items_of(&v) {
                if let Value::Instance(child) = item {
                    children.push(child);
                }
            }
        }
        stack.extend(children.into_iter().rev());
    }
    let mut session = ctx.session.borrow_mut();
    for obj in gathered {
        let Some(ost) = state_of(&obj) else { continue };
        match ost.status() {
            Status::Pending => session.expunge(&obj, &ost),
            Status::Persistent if !ost.marked_deleted.get() => {
                ost.marked_deleted.set(true);
                session.deleted.push(obj.clone());
            }
            _ => {}
        }
    }
    Ok(())
}

fn unmapped(vm: &mut dyn Vm, inst: &Rc<Instance>) -> PyErr {
    let _ = vm;
    PyErr::new(
        Exc::UnmappedInstanceError,
        format!(
            "Class '{}.{}' is not mapped",
            inst.class.module, inst.class.name
        ),
    )
}

/// Forgets the loaded state of an object so its attributes load again on access.
pub fn expire(inst: &Rc<Instance>, st: &InstanceState, only: Option<&[String]>) {
    let mapper = &st.mapper;
    let mut dict = inst.dict.borrow_mut();
    let mut committed = st.committed.borrow_mut();
    if only.is_none() {
        *committed = Committed::clean();
    }
    for (i, (key, _)) in mapper.columns.iter().enumerate() {
        if only.is_none_or(|o| o.iter().any(|k| **k == **key)) {
            dict.shift_remove(key);
            // Its database value is unknown now: setting it again writes it, as
            // SQLAlchemy does for an expired attribute.
            committed.forget_at(i);
        }
    }
    for prop in mapper.relationships.borrow().iter() {
        if only.is_none_or(|o| o.iter().any(|k| **k == *prop.key)) {
            dict.shift_remove(&prop.key);
            st.committed_rels.borrow_mut().remove(&prop.key);
        }
    }
}

/// `session.commit()`: flush, commit the database transaction, expire everything.
pub fn commit(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<()> {
    ctx.check_not_failed()?;
    super::flush::flush(vm, ctx)?;
    ctx.engine.borrow_mut().commit()?;
    let mut session = ctx.session.borrow_mut();
    for inst in std::mem::take(&mut session.removed) {
        if let Some(st) = state_of(&inst) {
            st.status.set(Status::Detached);
        }
    }
    for inst in std::mem::take(&mut session.inserted) {
        if let Some(st) = state_of(&inst) {
            st.inserted_in_txn.set(false);
        }
    }
    session.clear_dirty();
    let alive = session.persistent();
    drop(session);
    for inst in alive {
        if let Some(st) = state_of(&inst) {
            expire(&inst, &st, None);
        }
    }
    Ok(())
}

/// `session.rollback()`: undo the database transaction; pending and newly inserted objects
/// become transient, deleted ones come back, everything persistent is expired.
pub fn rollback(ctx: &Rc<OrmCtx>) -> PyResult<()> {
    ctx.engine.borrow_mut().rollback()?;
    let mut session = ctx.session.borrow_mut();
    session.failed = None;
    for inst in std::mem::take(&mut session.new) {
        if let Some(st) = state_of(&inst) {
            st.status.set(Status::Transient);
        }
    }
    for inst in std::mem::take(&mut session.inserted) {
        if let Some(st) = state_of(&inst) {
            if let Some(key) = st.identity() {
                session.identity.remove(&key);
            }
            st.status.set(Status::Transient);
            st.inserted_in_txn.set(false);
            *st.key.borrow_mut() = None;
            st.committed.borrow_mut().clear();
            st.committed_rels.borrow_mut().clear();
        }
    }
    for inst in std::mem::take(&mut session.removed) {
        if let Some(st) = state_of(&inst) {
            st.status.set(Status::Persistent);
            if let Some(key) = st.identity() {
                session.remember(key, &inst);
            }
        }
    }
    for inst in std::mem::take(&mut session.deleted) {
        if let Some(st) = state_of(&inst) {
            st.marked_deleted.set(false);
        }
    }
    session.clear_dirty();
    let alive = session.persistent();
    drop(session);
    for inst in alive {
        if let Some(st) = state_of(&inst) {
            expire(&inst, &st, None);
        }
    }
    Ok(())
}

/// Flushes pending changes before a query or lazy load, unless inside `no_autoflush`.
pub fn autoflush(vm: &mut dyn Vm, ctx: &Rc<OrmCtx>) -> PyResult<()> {
    let skip = {
        let s = ctx.session.borrow();
        s.flushing || s.no_autoflush > 0
    };
    if skip {
        return Ok(());
    }
    super::flush::flush(vm, ctx)
}

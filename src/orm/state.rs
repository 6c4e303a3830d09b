//! The ORM's bookkeeping for one mapped instance: its state in the session, its identity,
//! and the values last seen in the database (for dirty checks and history).

use super::mapper::Mapper;
use crate::object::{HashKey, Instance, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// SQLAlchemy's object states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not in a session, never persisted.
    Transient,
    /// Added to the session, not flushed yet.
    Pending,
    /// Has a database row and is in the session.
    Persistent,
    /// Deleted by a flush; becomes detached at commit.
    Deleted,
    /// Has (or had) a row but is no longer in a session.
    Detached,
}

/// `(table, primary-key value)`: one object per row (a tuple key for composite keys).
pub type IdentityKey = (Rc<str>, HashKey);

/// Column values as last loaded or flushed, by the mapper's column position (`None`: not
/// known). A freshly loaded row is *clean*: its dict holds exactly the committed values, so
/// they are not copied (one object per row may mean 100,000 of these); the copy is taken by
/// `InstanceState::before_change` before the first change to the dict.
pub struct Committed(Option<Vec<Option<Value>>>);

/// What a dirty check learns about one column.
pub enum CommittedValue<'a> {
    /// Unchanged since loaded: the dict's value is the committed one.
    Clean,
    Known(&'a Value),
    Unknown,
}

impl Default for Committed {
    fn default() -> Committed {
        Committed(Some(Vec::new()))
    }
}

impl Committed {
    /// The state of a row just loaded into the dict.
    pub fn clean() -> Committed {
        Committed(None)
    }

    pub fn get(&self, mapper: &Mapper, key: &str) -> CommittedValue<'_> {
        let Some(values) = &self.0 else {
            return CommittedValue::Clean;
        };
        let known = mapper
            .columns
            .iter()
            .position(|(k, _)| &**k == key)
            .and_then(|i| values.get(i)?.as_ref());
        match known {
            Some(v) => CommittedValue::Known(v),
            None => CommittedValue::Unknown,
        }
    }

    /// Records the database's value of a column (a clean row's dict gets the same value
    /// from the caller, so it stays clean).
    pub fn set(&mut self, mapper: &Mapper, key: &str, v: Value) {
        if let Some(i) = mapper.columns.iter().position(|(k, _)| &**k == key) {
            self.set_at(i, v);
        }
    }

    pub fn set_at(&mut self, i: usize, v: Value) {
        let Some(values) = &mut self.0 else { return };
        if values.len() <= i {
            values.resize(i + 1, None);
        }
        values[i] = Some(v);
    }

    /// Forgets one column's committed value (a clean row has none to forget).
    pub fn forget_at(&mut self, i: usize) {
        if let Some(slot) = self.0.as_mut().and_then(|values| values.get_mut(i)) {
            *slot = None;
        }
    }

    /// Forgets every committed value.
    pub fn clear(&mut self) {
        self.0 = Some(Vec::new());
    }
}

/// Relationship values as last loaded or flushed (collections as lists of objects).
#[derive(Default)]
pub struct RelSnapshots(Vec<(Rc<str>, Vec<Value>)>);

impl RelSnapshots {
    pub fn get(&self, key: &str) -> Option<&Vec<Value>> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, v)| v)
    }

    pub fn insert(&mut self, key: Rc<str>, items: Vec<Value>) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = items,
            None => self.0.push((key, items)),
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| &**k != key);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

pub struct InstanceState {
    pub mapper: Rc<Mapper>,
    pub status: Cell<Status>,
    /// Primary-key values of the row this instance is (once persistent).
    pub key: RefCell<Option<Vec<Value>>>,
    /// Column values as last loaded or flushed (empty for never-persisted objects).
    pub committed: RefCell<Committed>,
    /// Relationship values as last loaded or flushed (collections as lists of instances).
    pub committed_rels: RefCell<RelSnapshots>,
    /// Marked for deletion (`session.delete`), not yet flushed.
    pub marked_deleted: Cell<bool>,
    /// In the session's dirty list.
    pub dirty: Cell<bool>,
    /// Order in which the object joined the session (INSERT order follows it).
    pub seq: Cell<u64>,
    /// Inserted during the current transaction (rollback makes it transient again).
    pub inserted_in_txn: Cell<bool>,
    /// Appends/removes on collections that are not loaded (dynamic and write-only
    /// relationships): `(relationship key, object, added?)`, applied at flush.
    pub pending: RefCell<Vec<(Rc<str>, Value, bool)>>,
}

impl InstanceState {
    pub fn new(mapper: Rc<Mapper>) -> InstanceState {
        InstanceState {
            mapper,
            status: Cell::new(Status::Transient),
            key: RefCell::new(None),
            committed: RefCell::new(Committed::default()),
            committed_rels: RefCell::new(RelSnapshots::default()),
            marked_deleted: Cell::new(false),
            dirty: Cell::new(false),
            seq: Cell::new(0),
            inserted_in_txn: Cell::new(false),
            pending: RefCell::new(Vec::new()),
        }
    }

    /// Records an append (`added`) or remove on an unloaded collection.
    pub fn push_op(&self, key: &Rc<str>, item: Value, added: bool) {
        let mut ops = self.pending.borrow_mut();
        // Appending then removing the same object cancels out (and vice versa).
        if let Some(i) = ops
            .iter()
            .position(|(k, v, a)| k == key && v.is(&item) && *a != added)
        {
            ops.remove(i);
        } else {
            ops.push((key.clone(), item, added));
        }
    }

    /// The pending operations of one relationship.
    pub fn pending_ops(&self, key: &str) -> Vec<(Value, bool)> {
        self.pending
            .borrow()
            .iter()
            .filter(|(k, _, _)| &**k == key)
            .map(|(_, v, a)| (v.clone(), *a))
            .collect()
    }

    pub fn clear_pending_ops(&self) {
        self.pending.borrow_mut().clear();
    }

    pub fn status(&self) -> Status {
        self.status.get()
    }

    pub fn is_in_session(&self) -> bool {
        matches!(self.status(), Status::Pending | Status::Persistent)
    }

    /// Copies a clean row's column values out of `inst`'s dict before something changes it
    /// (every change to a column in the dict of a persistent object goes through here).
    pub fn before_change(&self, inst: &Instance) {
        let mut committed = self.committed.borrow_mut();
        if committed.0.is_none() {
            let dict = inst.dict.borrow();
            let values = self
                .mapper
                .columns
                .iter()
                .map(|(k, _)| dict.get(k).cloned());
            committed.0 = Some(values.collect());
        }
    }

    /// Records the primary-key values of the row this instance is. Trimmed to size: a
    /// collected one-value key had room for four, 48 wasted bytes on each loaded row.
    pub fn set_key(&self, mut pk: Vec<Value>) {
        pk.shrink_to_fit();
        *self.key.borrow_mut() = Some(pk);
    }

    /// The identity-map key of the row (once persistent).
    pub fn identity(&self) -> Option<IdentityKey> {
        let key = self.key.borrow();
        identity_for(&self.mapper, key.as_ref()?)
    }
}

/// The identity key of a row of `mapper`'s table with these primary-key values.
pub fn identity_for(mapper: &Mapper, pk: &[Value]) -> Option<IdentityKey> {
    let key = match pk {
        [one] => HashKey::of(one)?,
        many => HashKey::Tuple(many.iter().map(HashKey::of).collect::<Option<Rc<[_]>>>()?),
    };
    Some((mapper.table.name.clone(), key))
}

/// The current value of a column attribute held in the instance dict, if loaded.
pub fn loaded_value(inst: &Instance, key: &str) -> Option<Value> {
    inst.dict.borrow().get(key).cloned()
}

//! The ORM's bookkeeping for one mapped instance: its state in the session, its identity,
//! and the values last seen in the database (for dirty checks and history).

use super::mapper::Mapper;
use crate::object::{HashKey, Instance, Value};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
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

/// `(table, primary-key values)`: one object per row.
pub type IdentityKey = (Rc<str>, Vec<HashKey>);

pub struct InstanceState {
    pub mapper: Rc<Mapper>,
    pub status: Cell<Status>,
    /// Primary-key values of the row this instance is (once persistent).
    pub key: RefCell<Option<Vec<Value>>>,
    /// Column values as last loaded or flushed (absent for never-persisted objects).
    pub committed: RefCell<HashMap<Rc<str>, Value>>,
    /// Relationship values as last loaded or flushed (collections as lists of instances).
    pub committed_rels: RefCell<HashMap<Rc<str>, Vec<Value>>>,
    /// Marked for deletion (`session.delete`), not yet flushed.
    pub marked_deleted: Cell<bool>,
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
            committed: RefCell::new(HashMap::new()),
            committed_rels: RefCell::new(HashMap::new()),
            marked_deleted: Cell::new(false),
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

    /// The identity-map key of the row (once persistent).
    pub fn identity(&self) -> Option<IdentityKey> {
        let key = self.key.borrow();
        let values = key.as_ref()?;
        let hashed: Option<Vec<HashKey>> = values.iter().map(HashKey::of).collect();
        Some((self.mapper.table.name.clone(), hashed?))
    }
}

/// The identity key of a row of `mapper`'s table with these primary-key values.
pub fn identity_for(mapper: &Mapper, pk: &[Value]) -> Option<IdentityKey> {
    let hashed: Option<Vec<HashKey>> = pk.iter().map(HashKey::of).collect();
    Some((mapper.table.name.clone(), hashed?))
}

/// The current value of a column attribute held in the instance dict, if loaded.
pub fn loaded_value(inst: &Instance, key: &str) -> Option<Value> {
    inst.dict.borrow().get(key).cloned()
}

//! Python's dict (and set): insertion-ordered, keyed by the value's hash identity.

use super::datetime::{PyDate, PyDateTime, PyTime, PyTimeDelta};
use super::value::Value;
use indexmap::IndexMap;
use std::rc::Rc;

/// What makes two keys the same dict entry: equal hashable values (`1 == 1.0 == True`),
/// or the same object for values hashed by identity (instances, classes, functions).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HashKey {
    None,
    /// ints, bools and integral floats share one key space, as `hash(1) == hash(1.0)`.
    Int(i64),
    Float(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<HashKey>),
    Date(PyDate),
    DateTime(PyDateTime),
    Time(PyTime),
    TimeDelta(PyTimeDelta),
    /// Hashed by identity.
    Object(usize),
}

impl HashKey {
    /// The key of a hashable value; `None` for unhashable ones (list, dict, set).
    pub fn of(value: &Value) -> Option<HashKey> {
        Some(match value {
            Value::None => HashKey::None,
            Value::Bool(b) => HashKey::Int(*b as i64),
            Value::Int(i) => HashKey::Int(*i),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.2e18 {
                    HashKey::Int(*f as i64)
                } else if f.is_nan() {
                    HashKey::Float(f64::NAN.to_bits())
                } else {
                    HashKey::Float(f.to_bits())
                }
            }
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Bytes(b) => HashKey::Bytes(b.clone()),
            Value::Tuple(items) => {
                HashKey::Tuple(items.iter().map(HashKey::of).collect::<Option<Vec<_>>>()?)
            }
            Value::Date(d) => HashKey::Date(*d),
            Value::DateTime(d) => HashKey::DateTime(*d),
            Value::Time(t) => HashKey::Time(*t),
            Value::TimeDelta(t) => HashKey::TimeDelta(*t),
            Value::List(_) | Value::Dict(_) | Value::Set(_) => return None,
            Value::Native(n) => match n.hash_key() {
                Some(k) => k,
                None if n.hashable() => HashKey::Object(value.identity().unwrap_or(0)),
                None => return None,
            },
            other => HashKey::Object(other.identity().unwrap_or(0)),
        })
    }
}

/// An insertion-ordered mapping from hashable values to values (also backs `set`).
#[derive(Clone, Default)]
pub struct Dict {
    entries: IndexMap<HashKey, (Value, Value)>,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, key: &HashKey) -> Option<&Value> {
        self.entries.get(key).map(|(_, v)| v)
    }

    pub fn contains(&self, key: &HashKey) -> bool {
        self.entries.contains_key(key)
    }

    /// Inserts or replaces (an existing key keeps its position and its original key object).
    pub fn insert(&mut self, hk: HashKey, key: Value, value: Value) {
        match self.entries.get_mut(&hk) {
            Some(slot) => slot.1 = value,
            None => {
                self.entries.insert(hk, (key, value));
            }
        }
    }

    /// Inserts under a string key (attribute dicts, keyword arguments).
    pub fn set_str(&mut self, key: &str, value: Value) {
        let k: Rc<str> = key.into();
        self.insert(HashKey::Str(k.clone()), Value::Str(k), value);
    }

    pub fn get_str(&self, key: &str) -> Option<&Value> {
        self.entries.get(&HashKey::Str(key.into())).map(|(_, v)| v)
    }

    /// Removes a key, keeping the order of the others.
    pub fn remove(&mut self, key: &HashKey) -> Option<(Value, Value)> {
        self.entries.shift_remove(key)
    }

    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.entries.pop().map(|(_, kv)| kv)
    }

    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.entries.values().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.values().map(|(_, v)| v)
    }

    pub fn items(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.entries.values().map(|(k, v)| (k, v))
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

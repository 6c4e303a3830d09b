//! Python's dict: insertion-ordered, keyed by the value's hash identity.

use super::bigint::BigInt;
use super::datetime::{PyDate, PyDateTime, PyTime, PyTimeDelta};
use super::trash;
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
    /// Integers outside `i64` (and integral floats that large).
    BigInt(Rc<BigInt>),
    /// Non-integral floats, by their bits.
    Float(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[HashKey]>),
    FrozenSet(Rc<FrozenKey>),
    Date(PyDate),
    /// Aware datetimes are keyed by their UTC instant (equal instants are equal keys).
    DateTime(Rc<PyDateTime>),
    Time(PyTime),
    TimeDelta(Rc<PyTimeDelta>),
    /// A non-integral `Decimal` that no float equals, by its normalised text.
    Decimal(Rc<str>),
    /// An object whose class defines `__hash__` (objects with equal hashes are one key: the
    /// playground does not call `__eq__` to tell colliding keys apart).
    Custom(i64),
    /// Hashed by identity.
    Object(usize),
}

// Every dict entry and identity-map entry pays this size: wide payloads stay behind an
// `Rc` (16 bytes on wasm32, 24 natively).
const _: () = assert!(
    std::mem::size_of::<HashKey>()
        == if cfg!(target_pointer_width = "64") {
            24
        } else {
            16
        }
);

/// The key of a frozenset: equal when the element sets are equal, whatever their order.
#[derive(Clone, Debug)]
pub struct FrozenKey {
    pub keys: Vec<HashKey>,
    /// CPython's `hash(frozenset)`.
    pub hash: i64,
}

impl PartialEq for FrozenKey {
    fn eq(&self, other: &FrozenKey) -> bool {
        self.keys.len() == other.keys.len() && self.keys.iter().all(|k| other.keys.contains(k))
    }
}

impl Eq for FrozenKey {}

impl std::hash::Hash for FrozenKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash.hash(state)
    }
}

impl HashKey {
    /// The key of a hashable value; `None` for unhashable ones (list, dict, set). Instances
    /// are keyed by identity here; the interpreter honours a class's `__hash__` first.
    pub fn of(value: &Value) -> Option<HashKey> {
        Some(match value {
            Value::None => HashKey::None,
            Value::Bool(b) => HashKey::Int(*b as i64),
            Value::Int(i) => HashKey::Int(*i),
            Value::BigInt(b) => HashKey::BigInt(b.clone()),
            Value::Float(f) => HashKey::of_float(*f),
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Bytes(b) => HashKey::Bytes(b.clone()),
            Value::Tuple(items) => {
                HashKey::Tuple(items.iter().map(HashKey::of).collect::<Option<Rc<[_]>>>()?)
            }
            Value::FrozenSet(s) => HashKey::FrozenSet(Rc::new(FrozenKey {
                keys: s.hash_keys().cloned().collect(),
                hash: s.frozen_hash(),
            })),
            Value::Date(d) => HashKey::Date(*d),
            Value::DateTime(d) => HashKey::DateTime(Rc::new(PyDateTime {
                naive: d.utc(),
                offset: d.offset.map(|_| 0),
            })),
            Value::Time(t) => HashKey::Time(*t),
            Value::TimeDelta(t) => HashKey::TimeDelta(t.clone()),
            Value::List(_) | Value::Dict(_) | Value::Set(_) => return None,
            Value::Native(n) => match n.hash_key() {
                Some(k) => k,
                None if n.hashable() => HashKey::Object(value.identity().unwrap_or(0)),
                None => return None,
            },
            other => HashKey::Object(other.identity().unwrap_or(0)),
        })
    }

    /// The key of a float: integral floats share the keys of ints.
    pub fn of_float(f: f64) -> HashKey {
        if f.fract() == 0.0 && f.abs() < 9.2e18 {
            HashKey::Int(f as i64)
        } else if f.is_finite() && f.fract() == 0.0 {
            match BigInt::from_f64(f) {
                Some(b) => HashKey::BigInt(Rc::new(b)),
                None => HashKey::Float(f.to_bits()),
            }
        } else if f.is_nan() {
            HashKey::Float(f64::NAN.to_bits())
        } else {
            HashKey::Float(f.to_bits())
        }
    }

    /// CPython's `hash()` of the value this key stands for.
    pub fn py_hash(&self) -> i64 {
        super::hash::hash_key(self)
    }
}

/// An insertion-ordered mapping from hashable values to values.
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

    /// The `i`-th item in insertion order (dict iterators walk by position).
    pub fn item_at(&self, i: usize) -> Option<(&Value, &Value)> {
        self.entries.get_index(i).map(|(_, (k, v))| (k, v))
    }

    /// Keys with their dict keys, in insertion order.
    pub fn hashed_keys(&self) -> impl Iterator<Item = (&HashKey, &Value)> {
        self.entries.iter().map(|(h, (k, _))| (h, k))
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl Drop for Dict {
    fn drop(&mut self) {
        if self.entries.is_empty() {
            return;
        }
        let entries = std::mem::take(&mut self.entries);
        if trash::shallow() {
            trash::nested(|| drop(entries));
        } else {
            trash::dispose(entries.into_values().flat_map(|(k, v)| [k, v]).collect());
        }
    }
}

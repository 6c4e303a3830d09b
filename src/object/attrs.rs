//! `AttrMap`: the attributes of a class or an instance (`__dict__`), in insertion order.
//!
//! Most objects have a handful (a model row has one per column, and there may be 100,000
//! rows), so up to `SMALL` entries live in a plain vector searched linearly: no hashing, no
//! index table, no per-map hasher state (an `IndexMap` of 4 entries took ~400 bytes; this
//! takes the entries alone). Bigger maps (classes with many methods, objects given many
//! attributes in a loop) switch to an `IndexMap` once, so lookups stay O(1).

use super::value::Value;
use indexmap::IndexMap;
use std::rc::Rc;

/// Entries kept in the linear vector before switching to a hash index.
const SMALL: usize = 16;

#[derive(Clone)]
enum Repr {
    Small(Vec<(Rc<str>, Value)>),
    Large(Box<IndexMap<Rc<str>, Value>>),
}

/// Attribute names to values, in insertion order, with `IndexMap`'s method names.
#[derive(Clone)]
pub struct AttrMap(Repr);

impl Default for AttrMap {
    fn default() -> AttrMap {
        AttrMap::new()
    }
}

impl AttrMap {
    pub fn new() -> AttrMap {
        AttrMap(Repr::Small(Vec::new()))
    }

    /// A map with room for `n` entries (a loaded row: exactly its columns).
    pub fn with_capacity(n: usize) -> AttrMap {
        if n > SMALL {
            AttrMap(Repr::Large(Box::new(IndexMap::with_capacity(n))))
        } else {
            AttrMap(Repr::Small(Vec::with_capacity(n)))
        }
    }

    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Small(v) => v.len(),
            Repr::Large(m) => m.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        match &self.0 {
            Repr::Small(v) => v.iter().find(|(k, _)| &**k == name).map(|(_, x)| x),
            Repr::Large(m) => m.get(name),
        }
    }

    pub fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        match &mut self.0 {
            Repr::Small(v) => v.iter_mut().find(|(k, _)| &**k == name).map(|(_, x)| x),
            Repr::Large(m) => m.get_mut(name),
        }
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets `name` (keeping its place if present); the previous value.
    pub fn insert(&mut self, name: Rc<str>, value: Value) -> Option<Value> {
        match &mut self.0 {
            Repr::Small(v) => {
                if let Some((_, slot)) = v.iter_mut().find(|(k, _)| *k == name) {
                    return Some(std::mem::replace(slot, value));
                }
                if v.len() < SMALL {
                    v.push((name, value));
                    return None;
                }
                let mut m: IndexMap<Rc<str>, Value> = std::mem::take(v).into_iter().collect();
                m.insert(name, value);
                self.0 = Repr::Large(Box::new(m));
                None
            }
            Repr::Large(m) => m.insert(name, value),
        }
    }

    /// Sets `name` by its text, allocating the key only when it is new (an assignment to an
    /// existing attribute, the common case, allocates nothing); the previous value.
    pub fn set(&mut self, name: &str, value: Value) -> Option<Value> {
        match self.get_mut(name) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => self.insert(name.into(), value),
        }
    }

    /// Removes `name`, keeping the order of the others; its value.
    pub fn shift_remove(&mut self, name: &str) -> Option<Value> {
        match &mut self.0 {
            Repr::Small(v) => {
                let i = v.iter().position(|(k, _)| &**k == name)?;
                Some(v.remove(i).1)
            }
            Repr::Large(m) => m.shift_remove(name),
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Small(v) => Iter::Small(v.iter()),
            Repr::Large(m) => Iter::Large(m.iter()),
        }
    }

    pub fn keys(&self) -> impl Iterator<Item = &Rc<str>> + '_ {
        self.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> + '_ {
        self.iter().map(|(_, v)| v)
    }

    pub fn into_values(self) -> impl Iterator<Item = Value> {
        self.into_iter().map(|(_, v)| v)
    }
}

impl IntoIterator for AttrMap {
    type Item = (Rc<str>, Value);
    type IntoIter = std::vec::IntoIter<(Rc<str>, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        match self.0 {
            Repr::Small(v) => v.into_iter(),
            Repr::Large(m) => m.into_iter().collect::<Vec<_>>().into_iter(),
        }
    }
}

impl Extend<(Rc<str>, Value)> for AttrMap {
    fn extend<I: IntoIterator<Item = (Rc<str>, Value)>>(&mut self, items: I) {
        for (k, v) in items {
            self.insert(k, v);
        }
    }
}

/// The entries of an `AttrMap`, in order.
pub enum Iter<'a> {
    Small(std::slice::Iter<'a, (Rc<str>, Value)>),
    Large(indexmap::map::Iter<'a, Rc<str>, Value>),
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Rc<str>, &'a Value);

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Small(it) => it.next().map(|(k, v)| (k, v)),
            Iter::Large(it) => it.next(),
        }
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Iter::Small(it) => it.next_back().map(|(k, v)| (k, v)),
            Iter::Large(it) => it.next_back(),
        }
    }
}

impl FromIterator<(Rc<str>, Value)> for AttrMap {
    fn from_iter<I: IntoIterator<Item = (Rc<str>, Value)>>(items: I) -> AttrMap {
        let mut map = AttrMap::new();
        map.extend(items);
        map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_insertion_order_and_replaces_in_place_across_the_switch() {
        for n in [3, SMALL, SMALL + 5] {
            let mut m = AttrMap::new();
            for i in 0..n {
                assert!(m
                    .insert(format!("a{i}").into(), Value::Int(i as i64))
                    .is_none());
            }
            assert_eq!(
                m.insert("a1".into(), Value::Int(-1))
                    .map(|v| v.is(&Value::Int(1))),
                Some(true)
            );
            assert_eq!(m.len(), n);
            let keys: Vec<String> = m.keys().map(|k| k.to_string()).collect();
            let want: Vec<String> = (0..n).map(|i| format!("a{i}")).collect();
            assert_eq!(keys, want);
            assert!(matches!(m.get("a1"), Some(Value::Int(-1))));
            assert!(m.shift_remove("a0").is_some());
            assert!(!m.contains_key("a0"));
            assert_eq!(
                m.keys().next().map(|k| k.to_string()),
                Some("a1".to_string())
            );
            assert_eq!(m.len(), n - 1);
            assert!(m.get("missing").is_none());
        }
    }
}

//! Python's set and frozenset, stored the way CPython stores them (an open-addressing table
//! with linear probing, CPython's growth rule and dummies for deleted slots), so a set
//! iterates and prints in CPython's order: `{3, 1, 2}` prints `{1, 2, 3}`.

use super::dict::HashKey;
use super::value::Value;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Default)]
enum Slot {
    #[default]
    Empty,
    /// A deleted item (CPython's `dummy`, hash -1).
    Dummy,
    Active {
        hash: i64,
        key: HashKey,
        value: Value,
    },
}

/// The items of a set in CPython's table layout.
#[derive(Clone)]
pub struct PySet {
    table: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop()` starts looking.
    finger: usize,
}

impl Default for PySet {
    fn default() -> PySet {
        PySet::new()
    }
}

impl PySet {
    pub fn new() -> PySet {
        PySet {
            table: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The slot holding `key`, if present (CPython's `set_lookkey`).
    fn find(&self, key: &HashKey, hash: i64) -> Option<usize> {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => return None,
                    Slot::Active {
                        hash: h, key: k, ..
                    } if *h == hash && k == key => return Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    pub fn contains(&self, key: &HashKey) -> bool {
        self.find(key, key.py_hash()).is_some()
    }

    /// Adds an item (no-op if an equal one is present), as `set.add` does.
    pub fn add(&mut self, key: HashKey, value: Value) {
        let hash = key.py_hash();
        self.add_hashed(hash, key, value);
    }

    fn add_hashed(&mut self, hash: i64, key: HashKey, value: Value) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        let mut freeslot = None;
        let empty = 'search: loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                match &self.table[j] {
                    Slot::Empty => break 'search j,
                    Slot::Active {
                        hash: h, key: k, ..
                    } if *h == hash && *k == key => return,
                    Slot::Dummy => freeslot = Some(j),
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        let slot = Slot::Active { hash, key, value };
        if let Some(f) = freeslot {
            self.used += 1;
            self.table[f] = slot;
            return;
        }
        self.fill += 1;
        self.used += 1;
        self.table[empty] = slot;
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    /// Rebuilds the table with room for more than `minused` items, dropping dummies.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MIN_SIZE && self.table.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; size]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active { hash, key, value } = slot {
                self.insert_clean(hash, key, value);
            }
        }
    }

    /// Places an item known to be absent in a table without dummies.
    fn insert_clean(&mut self, hash: i64, key: HashKey, value: Value) {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = hash as u64 as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in i..=i + probes {
                if matches!(self.table[j], Slot::Empty) {
                    self.table[j] = Slot::Active { hash, key, value };
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// Removes an item; returns it if it was present (`set.discard`).
    pub fn discard(&mut self, key: &HashKey) -> Option<Value> {
        let j = self.find(key, key.py_hash())?;
        let old = std::mem::replace(&mut self.table[j], Slot::Dummy);
        self.used -= 1;
        match old {
            Slot::Active { value, .. } => Some(value),
            _ => None,
        }
    }

    /// `set.pop()`: the first item from the search finger on.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let n = self.table.len();
        let mut j = self.finger & self.mask();
        while !matches!(self.table[j], Slot::Active { .. }) {
            j = (j + 1) % n;
        }
        let old = std::mem::replace(&mut self.table[j], Slot::Dummy);
        self.used -= 1;
        self.finger = j + 1;
        match old {
            Slot::Active { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn clear(&mut self) {
        *self = PySet::new();
    }

    /// Items in table order (the order Python iterates and prints them).
    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.entries().map(|(_, _, v)| v)
    }

    /// The dict keys of the items, in table order.
    pub fn hash_keys(&self) -> impl Iterator<Item = &HashKey> {
        self.entries().map(|(_, k, _)| k)
    }

    fn entries(&self) -> impl Iterator<Item = (i64, &HashKey, &Value)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active { hash, key, value } => Some((*hash, key, value)),
            _ => None,
        })
    }

    /// The `i`-th item in table order (set iterators walk by position).
    pub fn item_at(&self, i: usize) -> Option<&Value> {
        self.keys().nth(i)
    }

    /// `set_merge`: adds every item of another set, as `set.update(other_set)` does.
    pub fn merge(&mut self, other: &PySet) {
        if other.used == 0 {
            return;
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 && self.table.len() == other.table.len() && other.fill == other.used {
            self.table = other.table.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (hash, key, value) in other.entries() {
                self.insert_clean(hash, key.clone(), value.clone());
            }
            return;
        }
        for (hash, key, value) in other.entries() {
            self.add_hashed(hash, key.clone(), value.clone());
        }
    }

    /// Adds the keys of a dict (one resize first, as CPython does for `set(dict)`).
    pub fn merge_keys<'a>(
        &mut self,
        keys: impl ExactSizeIterator<Item = (&'a HashKey, &'a Value)>,
    ) {
        let n = keys.len();
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
        for (k, v) in keys {
            self.add(k.clone(), v.clone());
        }
    }

    /// A new set with the same items (`set.copy()`).
    pub fn copy(&self) -> PySet {
        let mut s = PySet::new();
        s.merge(self);
        s
    }

    /// `a & b` (CPython iterates the smaller set and adds in its order).
    pub fn intersection(a: &PySet, b: &PySet) -> PySet {
        let (small, large) = if b.len() > a.len() { (a, b) } else { (b, a) };
        let mut out = PySet::new();
        for (hash, key, value) in small.entries() {
            if large.find(key, hash).is_some() {
                out.add_hashed(hash, key.clone(), value.clone());
            }
        }
        out
    }

    /// `set.intersection(iterable)`: the items of the iterable (in its order) that are in
    /// the set, stopping once every item of the set was found.
    pub fn intersection_with(&self, items: Vec<(HashKey, Value)>) -> PySet {
        let mut out = PySet::new();
        for (key, value) in items {
            let hash = key.py_hash();
            if self.find(&key, hash).is_some() {
                out.add_hashed(hash, key, value);
                if out.len() >= self.len() {
                    break;
                }
            }
        }
        out
    }

    /// `a - b`.
    pub fn difference(a: &PySet, b: &PySet) -> PySet {
        if (a.len() >> 2) > b.len() {
            let mut out = a.copy();
            out.difference_update(b);
            return out;
        }
        let mut out = PySet::new();
        for (hash, key, value) in a.entries() {
            if b.find(key, hash).is_none() {
                out.add_hashed(hash, key.clone(), value.clone());
            }
        }
        out
    }

    /// `a -= b`.
    pub fn difference_update(&mut self, other: &PySet) {
        let smaller;
        let other = if (other.len() >> 3) > self.len() {
            smaller = PySet::intersection(self, other);
            &smaller
        } else {
            other
        };
        let keys: Vec<HashKey> = other.hash_keys().cloned().collect();
        for k in keys {
            self.discard(&k);
        }
        if self.fill - self.used > self.mask() / 4 {
            self.resize(if self.used > 50_000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    /// `a ^= b`.
    pub fn symmetric_difference_update(&mut self, other: &PySet) {
        for (hash, key, value) in other.entries() {
            if self.discard(key).is_none() {
                self.add_hashed(hash, key.clone(), value.clone());
            }
        }
    }

    /// `a ^ b`: a copy of `b` updated with `a`, as CPython computes it.
    pub fn symmetric_difference(a: &PySet, b: &PySet) -> PySet {
        let mut out = b.copy();
        out.symmetric_difference_update(a);
        out
    }

    pub fn is_subset(&self, other: &PySet) -> bool {
        self.len() <= other.len() && self.entries().all(|(h, k, _)| other.find(k, h).is_some())
    }

    /// CPython's `hash(frozenset)`.
    pub fn frozen_hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
        }
        let mut hash: u64 = 0;
        for s in &self.table {
            hash ^= shuffle(match s {
                Slot::Empty => 0,
                Slot::Dummy => u64::MAX,
                Slot::Active { hash, .. } => *hash as u64,
            });
        }
        if (self.table.len() - self.fill) & 1 == 1 {
            hash ^= shuffle(0);
        }
        if (self.fill - self.used) & 1 == 1 {
            hash ^= shuffle(u64::MAX);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1_927_868_237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907_133_923);
        if hash == u64::MAX {
            590_923_713
        } else {
            hash as i64
        }
    }
}

impl Drop for PySet {
    fn drop(&mut self) {
        if self.used == 0 {
            return;
        }
        let items: Vec<Value> = std::mem::take(&mut self.table)
            .into_iter()
            .filter_map(|s| match s {
                Slot::Active { value, .. } => Some(value),
                _ => None,
            })
            .collect();
        super::trash::dispose(items);
    }
}

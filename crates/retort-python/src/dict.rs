//! Hashable keys with Python's equality (`1 == 1.0 == True`) and the ordered
//! containers built on them: [`Dict`] and [`Set`].

use std::hash::{DefaultHasher, Hash, Hasher};

use indexmap::{IndexMap, IndexSet};

use crate::value::Value;

/// A value usable as a dict key or set element, with its hash precomputed.
/// A key may carry a stand-in that is hashed and compared in its place
/// (for objects whose class defines `__hash__` and `__eq__`).
#[derive(Clone, Debug)]
pub struct HashKey {
    hash: u64,
    value: Value,
    shadow: Option<Value>,
}

/// The error for an unhashable value: the offending type's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhashable(pub String);

impl HashKey {
    /// Computes the key for `value`, failing for mutable containers.
    pub fn new(value: Value) -> Result<HashKey, Unhashable> {
        let hash = hash_value(&value)?;
        Ok(HashKey {
            hash,
            value,
            shadow: None,
        })
    }

    /// The key for `value`, hashed and compared as `shadow`.
    pub fn with_shadow(value: Value, shadow: Value) -> Result<HashKey, Unhashable> {
        let hash = hash_value(&shadow)?;
        Ok(HashKey {
            hash,
            value,
            shadow: Some(shadow),
        })
    }

    /// What the key is compared as.
    fn compared(&self) -> &Value {
        self.shadow.as_ref().unwrap_or(&self.value)
    }

    /// The wrapped value.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Unwraps the value.
    pub fn into_value(self) -> Value {
        self.value
    }
}

impl Hash for HashKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for HashKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && keys_equal(self.compared(), other.compared())
    }
}

impl Eq for HashKey {}

fn float_as_int(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() < 9.2e18).then_some(x as i64)
}

/// The deepest tuple nesting hashed or compared as a key; deeper keys are
/// rejected so that key handling never exhausts the native stack.
pub const MAX_KEY_NESTING: usize = 100;

/// Python's `hash()` for the values that support it natively.
pub fn hash_value(value: &Value) -> Result<u64, Unhashable> {
    hash_nested(value, 0)
}

fn hash_nested(value: &Value, depth: usize) -> Result<u64, Unhashable> {
    if depth > MAX_KEY_NESTING {
        return Err(Unhashable("tuple nested too deeply".into()));
    }
    let mut hasher = DefaultHasher::new();
    match value {
        Value::None => 0x4e6f6e65u64.hash(&mut hasher),
        Value::Bool(b) => i64::from(*b).hash(&mut hasher),
        Value::Int(i) => i.hash(&mut hasher),
        Value::Float(x) => match float_as_int(*x) {
            Some(i) => i.hash(&mut hasher),
            None => x.to_bits().hash(&mut hasher),
        },
        Value::Str(s) => s.hash(&mut hasher),
        Value::Tuple(items) => {
            for item in items.iter() {
                hash_nested(item, depth + 1)?.hash(&mut hasher);
            }
            items.len().hash(&mut hasher);
        }
        Value::FrozenSet(set) => {
            let mut combined = 0u64;
            for item in set.iter() {
                combined ^= item.hash;
            }
            combined.hash(&mut hasher);
        }
        Value::Range(range) => (range.start, range.stop, range.step).hash(&mut hasher),
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => {
            return Err(Unhashable(value.type_name()));
        }
        Value::Native(object) => match object.hash_key() {
            Some(hash) => hash.hash(&mut hasher),
            None => value.identity().hash(&mut hasher),
        },
        other => other.identity().hash(&mut hasher),
    }
    Ok(hasher.finish())
}

/// Python equality for hashable values, without calling user code.
pub fn keys_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| keys_equal(p, q))
        }
        (Value::FrozenSet(x), Value::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|k| y.contains(k))
        }
        (Value::Range(x), Value::Range(y)) => x == y,
        (Value::Native(x), other) => x.key_equals(other).unwrap_or_else(|| a.is(b)),
        (_, Value::Native(_)) => keys_equal(b, a),
        _ => match (numeric(a), numeric(b)) {
            (Some(x), Some(y)) => x.same(&y),
            _ => a.is(b),
        },
    }
}

enum Numeric {
    Int(i64),
    Float(f64),
}

impl Numeric {
    fn same(&self, other: &Numeric) -> bool {
        match (self, other) {
            (Numeric::Int(x), Numeric::Int(y)) => x == y,
            (Numeric::Float(x), Numeric::Float(y)) => x == y,
            (Numeric::Int(i), Numeric::Float(f)) | (Numeric::Float(f), Numeric::Int(i)) => {
                float_as_int(*f) == Some(*i)
            }
        }
    }
}

fn numeric(value: &Value) -> Option<Numeric> {
    match value {
        Value::Bool(b) => Some(Numeric::Int(i64::from(*b))),
        Value::Int(i) => Some(Numeric::Int(*i)),
        Value::Float(x) => Some(Numeric::Float(*x)),
        _ => None,
    }
}

/// Python's `dict`: insertion-ordered.
#[derive(Clone, Debug, Default)]
pub struct Dict {
    entries: IndexMap<HashKey, Value>,
}

impl Dict {
    /// An empty dict.
    pub fn new() -> Dict {
        Dict::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Inserts or replaces; an existing key keeps its position and original key object.
    pub fn insert(&mut self, key: HashKey, value: Value) {
        if let Some(slot) = self.entries.get_mut(&key) {
            *slot = value;
        } else {
            self.entries.insert(key, value);
        }
    }

    /// Looks a key up.
    pub fn get(&self, key: &HashKey) -> Option<&Value> {
        self.entries.get(key)
    }

    /// Removes a key, keeping the order of the others.
    pub fn remove(&mut self, key: &HashKey) -> Option<Value> {
        self.entries.shift_remove(key)
    }

    /// Removes and returns the last entry.
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.entries.pop().map(|(k, v)| (k.into_value(), v))
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Whether the key is present.
    pub fn contains(&self, key: &HashKey) -> bool {
        self.entries.contains_key(key)
    }

    /// The keys in order.
    pub fn keys(&self) -> Vec<Value> {
        self.entries.keys().map(|k| k.value.clone()).collect()
    }

    /// The values in order.
    pub fn values(&self) -> Vec<Value> {
        self.entries.values().cloned().collect()
    }

    /// The entries in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.entries
            .iter()
            .map(|(k, v)| (k.value.clone(), v.clone()))
            .collect()
    }

    /// Empties the dict, returning its keys and values.
    pub fn drain_values(&mut self) -> Vec<Value> {
        let mut values = Vec::with_capacity(self.entries.len() * 2);
        for (key, value) in self.entries.drain(..) {
            values.push(key.into_value());
            values.push(value);
        }
        values
    }

    /// Convenience lookup by string key.
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        HashKey::new(Value::str(key))
            .ok()
            .and_then(|k| self.entries.get(&k))
    }
}

/// Simulates CPython 3.11's set table, starting at `size` slots, for
/// elements of these hashes inserted in order, returning their indexes in
/// table (iteration) order and the table's final size.
fn cpython_set_order(hashes: &[i64], size: usize) -> (Vec<usize>, usize) {
    const LINEAR_PROBES: usize = 9;
    const PERTURB_SHIFT: u32 = 5;
    let hash_of = |hash: i64| -> u64 { hash as u64 };
    let insert = |table: &mut Vec<Option<usize>>, index: usize, hash: u64| {
        let mask = table.len() - 1;
        let mut slot = (hash as usize) & mask;
        let mut perturb = hash;
        loop {
            let probes = if slot + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for offset in 0..=probes {
                if let Some(entry) = table.get_mut(slot + offset)
                    && entry.is_none()
                {
                    *entry = Some(index);
                    return;
                }
            }
            perturb >>= PERTURB_SHIFT;
            slot = (slot
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    };
    let mut table: Vec<Option<usize>> = vec![None; size];
    let mut used = 0usize;
    for (index, value) in hashes.iter().enumerate() {
        insert(&mut table, index, hash_of(*value));
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minimum = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8;
            while size <= minimum {
                size <<= 1;
            }
            let old: Vec<usize> = table.iter().flatten().copied().collect();
            table = vec![None; size];
            for entry in old {
                if let Some(value) = hashes.get(entry) {
                    insert(&mut table, entry, hash_of(*value));
                }
            }
        }
    }
    let size = table.len();
    (table.into_iter().flatten().collect(), size)
}

impl Drop for Dict {
    fn drop(&mut self) {
        if !self.entries.is_empty() {
            crate::value::release(self.drain_values());
        }
    }
}

/// Python's `set`, kept in insertion order for deterministic output.
#[derive(Clone, Debug, Default)]
pub struct Set {
    /// In the order CPython inserted them into its table.
    items: IndexSet<HashKey>,
    /// The size of CPython's table before the first insertion (8, or
    /// larger when the set was made by merging a big one into an empty
    /// one); 0 means 8.
    initial_size: usize,
}

impl Set {
    /// An empty set.
    pub fn new() -> Set {
        Set::default()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds an element; returns whether it was new.
    pub fn insert(&mut self, key: HashKey) -> bool {
        self.items.insert(key)
    }

    /// Removes an element; returns whether it was present.
    pub fn remove(&mut self, key: &HashKey) -> bool {
        self.items.shift_remove(key)
    }

    /// Whether the element is present.
    pub fn contains(&self, key: &HashKey) -> bool {
        self.items.contains(key)
    }

    /// Iterates over the keys.
    pub fn iter(&self) -> impl Iterator<Item = &HashKey> {
        self.items.iter()
    }

    /// The elements in order.
    pub fn values(&self) -> Vec<Value> {
        self.items.iter().map(|k| k.value.clone()).collect()
    }

    /// The elements in the order CPython would iterate them: CPython's
    /// hash table simulated with its hashes under `PYTHONHASHSEED=0`
    /// ([`crate::cpython_hash`]) when every element has one that does not
    /// depend on an address; insertion order otherwise.
    pub fn iteration_order(&self) -> Vec<Value> {
        match self.cpython_order() {
            Some(order) => order
                .into_iter()
                .filter_map(|index| self.items.get_index(index).map(|k| k.value.clone()))
                .collect(),
            None => self.values(),
        }
    }

    /// The insertion indexes in CPython's iteration order, when every
    /// element has a CPython hash that does not depend on an address.
    fn cpython_order(&self) -> Option<Vec<usize>> {
        self.cpython_layout().map(|(order, _)| order)
    }

    /// [`Self::cpython_order`] and the size CPython's table has.
    fn cpython_layout(&self) -> Option<(Vec<usize>, usize)> {
        let hashes: Option<Vec<i64>> = self
            .items
            .iter()
            .map(|k| crate::cpython_hash::hash(&k.value))
            .collect();
        hashes
            .filter(|h| !h.is_empty())
            .map(|h| cpython_set_order(&h, self.initial_size.max(8)))
    }

    /// Inserts the elements again in their iteration order, into a table
    /// of the minimum size.
    fn reinsert_in_iteration_order(&mut self) {
        if let Some(order) = self.cpython_order() {
            self.items = order
                .into_iter()
                .filter_map(|i| self.items.get_index(i).cloned())
                .collect();
            self.initial_size = 0;
        }
    }

    /// A set display of constants, built from these elements in source
    /// order: CPython folds it into a frozenset constant, which the
    /// compiler rebuilds in its own iteration order (`merge_consts`), and
    /// once more when interning replaced one of its strings — one made
    /// only of ASCII letters, digits and `_` — by the interned one already
    /// there (an identifier's, which we assume); the set is made by
    /// merging that constant into an empty set.
    pub fn as_constant_display(mut self) -> Set {
        let interned = self.items.iter().any(|k| {
            k.value.as_str().is_some_and(|s| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
        });
        self.reinsert_in_iteration_order();
        if interned {
            self.reinsert_in_iteration_order();
        }
        self.merged_into_empty()
    }

    /// `set(other)`, `frozenset(other)`, `other.copy()`: CPython's
    /// `set_merge` into an empty set. A big set presizes the table and
    /// inserts in iteration order; a small one with the same table keeps
    /// its layout.
    pub fn merged_into_empty(&self) -> Set {
        let used = self.items.len();
        let mut target = 8;
        if used * 5 >= 7 * 3 {
            while target <= used * 2 {
                target <<= 1;
            }
        }
        let mut copy = self.clone();
        match self.cpython_layout() {
            // The same table size: CPython copies the table as it is.
            Some((_, size)) if size == target => {}
            Some(_) => {
                copy.reinsert_in_iteration_order();
                copy.initial_size = target;
            }
            None => {}
        }
        copy
    }

    /// Removes and returns the first element.
    pub fn pop_first(&mut self) -> Option<Value> {
        self.items.shift_remove_index(0).map(HashKey::into_value)
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        self.items.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(value: Value) -> HashKey {
        HashKey::new(value).unwrap()
    }

    #[test]
    fn one_one_point_zero_and_true_are_the_same_key() {
        let mut dict = Dict::new();
        dict.insert(key(Value::Int(1)), Value::str("int"));
        dict.insert(key(Value::Float(1.0)), Value::str("float"));
        dict.insert(key(Value::Bool(true)), Value::str("bool"));
        assert_eq!(dict.len(), 1);
        assert!(matches!(dict.keys()[0], Value::Int(1)));
        assert_eq!(dict.values()[0].as_str(), Some("bool"));
    }

    #[test]
    fn lists_are_unhashable() {
        assert_eq!(
            HashKey::new(Value::list(vec![])).unwrap_err(),
            Unhashable("list".into())
        );
    }

    #[test]
    fn integer_sets_iterate_like_cpython() {
        let order = |values: &[i64]| -> Vec<i64> {
            let hashes: Vec<i64> = values
                .iter()
                .map(|v| crate::cpython_hash::int_hash(*v))
                .collect();
            cpython_set_order(&hashes, 8)
                .0
                .into_iter()
                .map(|i| values[i])
                .collect()
        };
        assert_eq!(order(&[3, 1, 2]), vec![1, 2, 3]);
        assert_eq!(order(&[2, 3, 4, 9]), vec![9, 2, 3, 4]);
        assert_eq!(order(&[2, 3, 4, 10]), vec![10, 2, 3, 4]);
        assert_eq!(order(&[10, 20, 30, 40, 50]), vec![40, 10, 50, 20, 30]);
        assert_eq!(order(&[100, 5, 33, -1]), vec![33, 100, 5, -1]);
    }

    #[test]
    fn string_sets_iterate_like_cpython_with_hash_seed_zero() {
        // `PYTHONHASHSEED=0 python3.11`: `set([...])` inserts in order; a
        // display of constants is rebuilt from a frozenset constant.
        let words = ["id", "name", "email", "age"];
        let mut set = Set::new();
        for word in words {
            set.insert(key(Value::str(word)));
        }
        let shown = |set: &Set| -> Vec<String> {
            set.iteration_order()
                .iter()
                .map(|v| v.as_str().unwrap_or_default().to_owned())
                .collect()
        };
        assert_eq!(shown(&set), ["age", "id", "email", "name"]);
        let display = set.clone().as_constant_display();
        assert_eq!(shown(&display), ["id", "email", "age", "name"]);
        // Five or more: the merge presizes the table.
        let mut big = Set::new();
        for word in ["user", "post", "z", "age", "x", "alpha"] {
            big.insert(key(Value::str(word)));
        }
        assert_eq!(
            shown(&big.as_constant_display()),
            ["alpha", "x", "age", "z", "post", "user"]
        );
    }

    #[test]
    fn removal_keeps_order() {
        let mut dict = Dict::new();
        for i in 0..4 {
            dict.insert(key(Value::Int(i)), Value::None);
        }
        dict.remove(&key(Value::Int(1)));
        let keys: Vec<i64> = dict.keys().iter().filter_map(Value::as_int).collect();
        assert_eq!(keys, vec![0, 2, 3]);
    }
}

//! [`AttrMap`] and [`AttrSet`]: the per-object maps of an
//! [`InstanceState`](crate::state::InstanceState) (loaded values, committed
//! values, expired names), keyed by attribute name and iterated in name
//! order as the `BTreeMap` and `BTreeSet` they replace were.
//!
//! An object has a few attributes, nearly always looked up by the mapper's
//! own [`AttrKey`]: each map is a small vector sorted by name, searched
//! first by that key's identity (no text compared), and emptying it keeps
//! its room, so an object's flush, commit and expiry allocate nothing for
//! the maps themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::state::AttrKey;

/// Where `name` is among names sorted by text: `Ok` with its index when
/// present, `Err` with the index it would be inserted at otherwise. A name
/// that is one of the stored keys themselves is found without comparing
/// text.
#[inline]
fn position<T>(items: &[T], key: fn(&T) -> &AttrKey, name: &str) -> Result<usize, usize> {
    if let Some(index) = items
        .iter()
        .position(|item| std::ptr::eq(key(item).as_str(), name))
    {
        return Ok(index);
    }
    items.binary_search_by(|item| key(item).as_str().cmp(name))
}

/// Attribute name → value, in name order.
#[derive(Clone, PartialEq)]
pub struct AttrMap<V> {
    entries: Vec<(AttrKey, V)>,
}

impl<V> Default for AttrMap<V> {
    fn default() -> Self {
        AttrMap {
            entries: Vec::new(),
        }
    }
}

impl<V> AttrMap<V> {
    pub fn new() -> Self {
        AttrMap::default()
    }

    #[inline]
    fn find(&self, name: &str) -> Result<usize, usize> {
        position(&self.entries, |(k, _)| k, name)
    }

    /// The map of `entries` already in name order without repeats.
    pub(crate) fn from_sorted(entries: Vec<(AttrKey, V)>) -> Self {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        AttrMap { entries }
    }

    /// The map of `entries` given in any order (a row's values in column
    /// order), sorted once instead of searched entry by entry; a repeated
    /// name keeps its first key and last value, as inserting them one by
    /// one would.
    pub fn from_entries(mut entries: Vec<(AttrKey, V)>) -> Self {
        retort_sort::sort_by(&mut entries, |(a, _), (b, _)| a.cmp(b));
        entries.dedup_by(|(later_key, later), (key, value)| {
            let repeated = later_key == key;
            if repeated {
                std::mem::swap(later, value);
            }
            repeated
        });
        AttrMap { entries }
    }

    /// The value of `key`.
    #[inline]
    pub fn get<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> Option<&V> {
        let index = self.find(key.as_ref()).ok()?;
        Some(&self.entries[index].1)
    }

    /// The value of `key`, to change it.
    pub fn get_mut<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<&mut V> {
        let index = self.find(key.as_ref()).ok()?;
        Some(&mut self.entries[index].1)
    }

    #[inline]
    pub fn contains_key<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.find(key.as_ref()).is_ok()
    }

    /// Sets `key`'s value, returning the one it replaces (the stored key
    /// is kept then, as `BTreeMap::insert` keeps it).
    #[inline]
    pub fn insert(&mut self, key: AttrKey, value: V) -> Option<V> {
        match self.find(key.as_str()) {
            Ok(index) => Some(std::mem::replace(&mut self.entries[index].1, value)),
            Err(index) => {
                self.entries.insert(index, (key, value));
                None
            }
        }
    }

    /// [`AttrMap::insert`] with a borrowed key, cloned only when the map
    /// does not have it yet.
    #[inline]
    pub fn insert_key(&mut self, key: &AttrKey, value: V) -> Option<V> {
        match self.find(key.as_str()) {
            Ok(index) => Some(std::mem::replace(&mut self.entries[index].1, value)),
            Err(index) => {
                self.entries.insert(index, (key.clone(), value));
                None
            }
        }
    }

    /// Sets `key` to `make()` unless it has a value already; one search.
    #[inline]
    pub fn insert_if_absent(&mut self, key: &AttrKey, make: impl FnOnce() -> V) {
        if let Err(index) = self.find(key.as_str()) {
            self.entries.insert(index, (key.clone(), make()));
        }
    }

    /// Removes `key`, returning its value.
    #[inline]
    pub fn remove<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<V> {
        let index = self.find(key.as_ref()).ok()?;
        Some(self.entries.remove(index).1)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Empties the map, keeping its room.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Makes room for `additional` more entries.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
    }

    /// The entries in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&AttrKey, &V)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The names in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &AttrKey> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in name order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Keeps only the entries `keep` accepts.
    pub fn retain(&mut self, mut keep: impl FnMut(&AttrKey, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }
}

impl<V> Extend<(AttrKey, V)> for AttrMap<V> {
    fn extend<I: IntoIterator<Item = (AttrKey, V)>>(&mut self, entries: I) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }
}

impl<V> FromIterator<(AttrKey, V)> for AttrMap<V> {
    fn from_iter<I: IntoIterator<Item = (AttrKey, V)>>(entries: I) -> Self {
        let mut map = AttrMap::new();
        map.extend(entries);
        map
    }
}

impl<'a, V> IntoIterator for &'a AttrMap<V> {
    type Item = (&'a AttrKey, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (AttrKey, V)>,
        fn(&'a (AttrKey, V)) -> (&'a AttrKey, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V: fmt::Debug> fmt::Debug for AttrMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for AttrMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for AttrMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::<AttrKey, V>::deserialize(deserializer).map(|map| AttrMap {
            entries: map.into_iter().collect(),
        })
    }
}

/// A set of attribute names, in name order.
#[derive(Clone, Default, PartialEq)]
pub struct AttrSet {
    keys: Vec<AttrKey>,
}

impl AttrSet {
    pub fn new() -> Self {
        AttrSet::default()
    }

    #[inline]
    fn find(&self, name: &str) -> Result<usize, usize> {
        position(&self.keys, |k| k, name)
    }

    #[inline]
    pub fn contains<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.find(key.as_ref()).is_ok()
    }

    /// Adds `key`; false when it was already there.
    #[inline]
    pub fn insert(&mut self, key: AttrKey) -> bool {
        match self.find(key.as_str()) {
            Ok(_) => false,
            Err(index) => {
                self.keys.insert(index, key);
                true
            }
        }
    }

    /// Makes the set `keys`, given in name order without repeats (keeping
    /// the set's room).
    pub(crate) fn assign_sorted(&mut self, keys: &[AttrKey]) {
        debug_assert!(keys.windows(2).all(|w| w[0] < w[1]));
        self.keys.clear();
        self.keys.extend_from_slice(keys);
    }

    /// Removes `key`; false when it was not there.
    #[inline]
    pub fn remove<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> bool {
        match self.find(key.as_ref()) {
            Ok(index) => {
                self.keys.remove(index);
                true
            }
            Err(_) => false,
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Empties the set, keeping its room.
    pub fn clear(&mut self) {
        self.keys.clear();
    }

    /// The names in order.
    pub fn iter(&self) -> std::slice::Iter<'_, AttrKey> {
        self.keys.iter()
    }
}

impl Extend<AttrKey> for AttrSet {
    fn extend<I: IntoIterator<Item = AttrKey>>(&mut self, keys: I) {
        for key in keys {
            self.insert(key);
        }
    }
}

impl FromIterator<AttrKey> for AttrSet {
    fn from_iter<I: IntoIterator<Item = AttrKey>>(keys: I) -> Self {
        let mut set = AttrSet::new();
        set.extend(keys);
        set
    }
}

impl<'a> IntoIterator for &'a AttrSet {
    type Item = &'a AttrKey;
    type IntoIter = std::slice::Iter<'a, AttrKey>;
    fn into_iter(self) -> Self::IntoIter {
        self.keys.iter()
    }
}

impl fmt::Debug for AttrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for AttrSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for AttrSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeSet::<AttrKey>::deserialize(deserializer).map(|set| AttrSet {
            keys: set.into_iter().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_keeps_name_order_and_finds_by_text_or_shared_key() {
        let name = AttrKey::from("name");
        let mut map = AttrMap::new();
        assert_eq!(map.insert(name.clone(), 1), None);
        assert_eq!(map.insert(AttrKey::from("email"), 2), None);
        assert_eq!(map.insert(AttrKey::from("id"), 3), None);
        assert_eq!(map.insert(AttrKey::from("name"), 4), Some(1));
        let keys: Vec<&str> = map.keys().map(AttrKey::as_str).collect();
        assert_eq!(keys, ["email", "id", "name"]);
        assert_eq!(map.get(&name), Some(&4));
        assert_eq!(map.get("id"), Some(&3));
        assert_eq!(map.get(&"email".to_owned()), Some(&2));
        assert!(!map.contains_key("zip"));
        assert_eq!(map.remove("id"), Some(3));
        assert_eq!(map.len(), 2);
        assert_eq!(format!("{map:?}"), r#"{"email": 2, "name": 4}"#);
        let btree: BTreeMap<AttrKey, i32> =
            [(AttrKey::from("name"), 4), (AttrKey::from("email"), 2)].into();
        assert_eq!(format!("{map:?}"), format!("{btree:?}"));
        map.clear();
        assert!(map.is_empty());
    }

    #[test]
    fn a_map_from_unordered_entries_is_the_map_of_their_inserts() {
        let entries = vec![
            (AttrKey::from("id"), 1),
            (AttrKey::from("name"), 2),
            (AttrKey::from("email"), 3),
            (AttrKey::from("id"), 4),
        ];
        let inserted: AttrMap<i32> = entries.iter().cloned().collect();
        let sorted = AttrMap::from_entries(entries);
        assert_eq!(sorted, inserted);
        assert_eq!(format!("{sorted:?}"), r#"{"email": 3, "id": 4, "name": 2}"#);
    }

    #[test]
    fn a_set_keeps_name_order() {
        let mut set: AttrSet = ["b", "c", "a"].into_iter().map(AttrKey::from).collect();
        assert!(!set.insert(AttrKey::from("a")));
        assert!(set.contains("c"));
        assert!(set.remove("b"));
        assert!(!set.remove("b"));
        let btree: BTreeSet<AttrKey> = ["c", "a"].into_iter().map(AttrKey::from).collect();
        assert_eq!(format!("{set:?}"), format!("{btree:?}"));
        assert_eq!(set.len(), 2);
    }
}

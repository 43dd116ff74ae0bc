//! [`LazyMap`]: an ordered map that is one pointer while empty, for the
//! per-object relationship bookkeeping of an
//! [`InstanceState`](crate::state::InstanceState) that most objects (every
//! row of a query of a model without relationships) never fill.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::collections::btree_map;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `BTreeMap` allocated on its first entry; compares, prints and
/// serializes as the map it holds (an empty one when none).
///
/// The box is the point: an empty `BTreeMap` is 24 bytes inline, an absent
/// box 8, and the map allocates anyway once it has an entry.
#[allow(clippy::box_collection)]
#[derive(Clone)]
pub struct LazyMap<K, V>(Option<Box<BTreeMap<K, V>>>);

impl<K, V> Default for LazyMap<K, V> {
    fn default() -> Self {
        LazyMap(None)
    }
}

impl<K: Ord, V> LazyMap<K, V> {
    pub fn new() -> Self {
        LazyMap::default()
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.0.as_ref()?.get(key)
    }

    /// The value of `key`, to change it.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.0.as_mut()?.get_mut(key)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.get(key).is_some()
    }

    /// Sets `key`'s value, returning the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.map_mut().insert(key, value)
    }

    /// Removes the value under `key`, if any.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
    {
        self.0.as_mut()?.remove(key)
    }

    /// `BTreeMap::entry` (the map is made if there is none yet).
    pub fn entry(&mut self, key: K) -> btree_map::Entry<'_, K, V> {
        self.map_mut().entry(key)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().flat_map(|map| map.values())
    }

    /// The values in key order, to change them.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.0.iter_mut().flat_map(|map| map.values_mut())
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().flat_map(|map| map.iter())
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |map| map.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every entry (and the map).
    pub fn clear(&mut self) {
        self.0 = None;
    }

    fn map_mut(&mut self) -> &mut BTreeMap<K, V> {
        self.0.get_or_insert_with(Box::default)
    }
}

impl<K: Ord, V: PartialEq> PartialEq for LazyMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<K: Ord + fmt::Debug, V: fmt::Debug> fmt::Debug for LazyMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Ord + Serialize, V: Serialize> Serialize for LazyMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for LazyMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<K, V>::deserialize(deserializer)?;
        Ok(LazyMap((!map.is_empty()).then(|| Box::new(map))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_the_map_it_holds() {
        let mut map: LazyMap<String, i32> = LazyMap::new();
        assert!(map.is_empty() && map.get("a").is_none());
        assert_eq!(std::mem::size_of_val(&map), 8);
        *map.entry("b".into()).or_default() += 2;
        assert_eq!(map.insert("a".into(), 1), None);
        assert_eq!(map.insert("a".into(), 3), Some(1));
        assert!(map.contains_key("b"));
        for value in map.values_mut() {
            *value *= 10;
        }
        assert_eq!(map.values().copied().collect::<Vec<_>>(), [30, 20]);
        assert_eq!(format!("{map:?}"), r#"{"a": 30, "b": 20}"#);
        let json = serde_json::to_string(&map).unwrap();
        assert_eq!(json, r#"{"a":30,"b":20}"#);
        assert_eq!(
            serde_json::from_str::<LazyMap<String, i32>>(&json).unwrap(),
            map
        );
        map.clear();
        assert_eq!(map, LazyMap::new());
        let empty: LazyMap<String, i32> = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, map);
    }
}

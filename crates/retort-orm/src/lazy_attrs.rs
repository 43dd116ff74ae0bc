//! [`LazyAttrMap`] and [`LazyAttrSet`]: an [`AttrMap`] and an [`AttrSet`]
//! that are one pointer until their first entry, for the per-object
//! history of an [`InstanceState`](crate::state::InstanceState) (committed
//! values, expired names) that an object loaded by a query and never
//! changed or expired does not fill. They behave, compare, print and
//! serialize as the map and set they hold (an empty one when none), and
//! once made, emptying them keeps their room as the map and set do.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::attr_map::{AttrMap, AttrSet};
use crate::state::AttrKey;

/// An [`AttrMap`] allocated on its first entry.
#[derive(Clone)]
pub struct LazyAttrMap<V>(Option<Box<AttrMap<V>>>);

impl<V> Default for LazyAttrMap<V> {
    fn default() -> Self {
        LazyAttrMap(None)
    }
}

impl<V> LazyAttrMap<V> {
    pub fn new() -> Self {
        LazyAttrMap::default()
    }

    /// The map, made if there is none yet.
    fn map_mut(&mut self) -> &mut AttrMap<V> {
        self.0.get_or_insert_with(Box::default)
    }

    /// The value of `key`.
    #[inline]
    pub fn get<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> Option<&V> {
        self.0.as_ref()?.get(key)
    }

    /// The value of `key`, to change it.
    pub fn get_mut<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<&mut V> {
        self.0.as_mut()?.get_mut(key)
    }

    #[inline]
    pub fn contains_key<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.0.as_ref().is_some_and(|map| map.contains_key(key))
    }

    /// Sets `key`'s value, returning the one it replaces.
    pub fn insert(&mut self, key: AttrKey, value: V) -> Option<V> {
        self.map_mut().insert(key, value)
    }

    /// Sets `key` to `make()` unless it has a value already; one search.
    #[inline]
    pub fn insert_if_absent(&mut self, key: &AttrKey, make: impl FnOnce() -> V) {
        self.map_mut().insert_if_absent(key, make);
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<V> {
        self.0.as_mut()?.remove(key)
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |map| map.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Empties the map, keeping its room.
    pub fn clear(&mut self) {
        if let Some(map) = &mut self.0 {
            map.clear();
        }
    }

    /// The entries in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&AttrKey, &V)> {
        self.0.iter().flat_map(|map| map.iter())
    }

    /// The names in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &AttrKey> {
        self.0.iter().flat_map(|map| map.keys())
    }

    /// Keeps only the entries `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&AttrKey, &mut V) -> bool) {
        if let Some(map) = &mut self.0 {
            map.retain(keep);
        }
    }
}

impl<V: PartialEq> PartialEq for LazyAttrMap<V> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<V: fmt::Debug> fmt::Debug for LazyAttrMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for LazyAttrMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for LazyAttrMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = AttrMap::<V>::deserialize(deserializer)?;
        Ok(LazyAttrMap((!map.is_empty()).then(|| Box::new(map))))
    }
}

/// An [`AttrSet`] allocated on its first name.
#[derive(Clone, Default)]
pub struct LazyAttrSet(Option<Box<AttrSet>>);

impl LazyAttrSet {
    pub fn new() -> Self {
        LazyAttrSet::default()
    }

    #[inline]
    pub fn contains<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.0.as_ref().is_some_and(|set| set.contains(key))
    }

    /// Adds `key`; false when it was already there.
    pub fn insert(&mut self, key: AttrKey) -> bool {
        self.0.get_or_insert_with(Box::default).insert(key)
    }

    /// Makes the set `keys`, given in name order without repeats (keeping
    /// the set's room).
    pub(crate) fn assign_sorted(&mut self, keys: &[AttrKey]) {
        match &mut self.0 {
            Some(set) => set.assign_sorted(keys),
            None if keys.is_empty() => {}
            None => {
                let mut set = AttrSet::new();
                set.assign_sorted(keys);
                self.0 = Some(Box::new(set));
            }
        }
    }

    /// Removes `key`; false when it was not there.
    pub fn remove<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> bool {
        self.0.as_mut().is_some_and(|set| set.remove(key))
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |set| set.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Empties the set, keeping its room.
    pub fn clear(&mut self) {
        if let Some(set) = &mut self.0 {
            set.clear();
        }
    }

    /// The names in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &AttrKey> {
        self.0.iter().flat_map(|set| set.iter())
    }
}

impl PartialEq for LazyAttrSet {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for LazyAttrSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for LazyAttrSet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for LazyAttrSet {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let set = AttrSet::deserialize(deserializer)?;
        Ok(LazyAttrSet((!set.is_empty()).then(|| Box::new(set))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lazy_map_is_one_pointer_and_behaves_as_its_map() {
        let mut lazy: LazyAttrMap<i32> = LazyAttrMap::new();
        assert_eq!(std::mem::size_of_val(&lazy), 8);
        assert!(lazy.is_empty() && lazy.get("a").is_none() && lazy.remove("a").is_none());
        lazy.retain(|_, _| false);
        lazy.clear();
        assert_eq!(lazy, LazyAttrMap::new());
        let name = AttrKey::from("name");
        lazy.insert_if_absent(&name, || 1);
        lazy.insert_if_absent(&name, || 2);
        assert_eq!(lazy.insert(AttrKey::from("id"), 3), None);
        let mut plain = AttrMap::new();
        plain.insert(AttrKey::from("name"), 1);
        plain.insert(AttrKey::from("id"), 3);
        assert_eq!(format!("{lazy:?}"), format!("{plain:?}"));
        assert_eq!(
            serde_json::to_string(&lazy).unwrap(),
            serde_json::to_string(&plain).unwrap()
        );
        let json = serde_json::to_string(&lazy).unwrap();
        assert_eq!(
            serde_json::from_str::<LazyAttrMap<i32>>(&json).unwrap(),
            lazy
        );
        assert!(lazy.contains_key("id") && lazy.len() == 2);
        *lazy.get_mut("id").unwrap() += 1;
        assert_eq!(
            lazy.keys().map(AttrKey::as_str).collect::<Vec<_>>(),
            ["id", "name"]
        );
        lazy.retain(|key, _| key == "name");
        assert_eq!(lazy.remove("name"), Some(1));
        // Emptied, it equals a map never filled.
        assert_eq!(lazy, LazyAttrMap::new());
        assert_eq!(serde_json::to_string(&lazy).unwrap(), "{}");
    }

    #[test]
    fn a_lazy_set_is_one_pointer_and_behaves_as_its_set() {
        let mut lazy = LazyAttrSet::new();
        assert_eq!(std::mem::size_of_val(&lazy), 8);
        assert!(!lazy.contains("a") && !lazy.remove("a"));
        lazy.assign_sorted(&[]);
        assert_eq!(lazy, LazyAttrSet::new());
        lazy.assign_sorted(&[AttrKey::from("id"), AttrKey::from("name")]);
        assert!(!lazy.insert(AttrKey::from("id")));
        assert!(lazy.insert(AttrKey::from("email")));
        let plain: AttrSet = ["name", "email", "id"]
            .into_iter()
            .map(AttrKey::from)
            .collect();
        assert_eq!(format!("{lazy:?}"), format!("{plain:?}"));
        let json = serde_json::to_string(&lazy).unwrap();
        assert_eq!(json, serde_json::to_string(&plain).unwrap());
        assert_eq!(serde_json::from_str::<LazyAttrSet>(&json).unwrap(), lazy);
        assert!(lazy.remove("id") && lazy.len() == 2);
        lazy.clear();
        assert!(lazy.is_empty() && lazy.iter().next().is_none());
        assert_eq!(lazy, LazyAttrSet::new());
    }
}

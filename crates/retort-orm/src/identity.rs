//! The identity map: one object per mapper and primary key in a session.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

use crate::mapper::MapperId;
use crate::state::ObjectId;
use crate::types::OrmValue;

/// One primary-key value as the identity map compares it: `True` and `1`
/// are the same key (as in Python, where `hash(True) == hash(1)` and they
/// compare equal); a string never equals a number. Texts are boxed so a
/// part, and a whole key, is 24 bytes: the identity map's entries stay
/// small.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum KeyPart {
    Int(i64),
    Str(Box<str>),
    /// Any other value, by its debug text (floats, dates, decimals, ...).
    Other(Box<str>),
}

impl KeyPart {
    fn of(value: &OrmValue) -> KeyPart {
        match value {
            OrmValue::Bool(b) => KeyPart::Int(i64::from(*b)),
            OrmValue::Int(i) => KeyPart::Int(*i),
            OrmValue::Str(s) => KeyPart::Str(s.as_str().into()),
            other => KeyPart::Other(other.identity_text().into()),
        }
    }
}

/// A whole primary key; the single-column case (nearly every model) needs
/// no vector.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    Single(KeyPart),
    Composite(Box<[KeyPart]>),
}

/// The hashable form of a primary key (or of any tuple of column values
/// compared as the identity map compares them).
pub(crate) fn key(pk: &[OrmValue]) -> Key {
    match pk {
        [single] => Key::Single(KeyPart::of(single)),
        parts => Key::Composite(parts.iter().map(KeyPart::of).collect()),
    }
}

/// `(mapper, primary key)` → object.
#[derive(Debug, Clone, Default)]
pub struct IdentityMap {
    objects: HashMap<(MapperId, Key), ObjectId, BuildHasherDefault<FxHasher>>,
}

impl IdentityMap {
    /// The object with this identity.
    pub fn get(&self, mapper: MapperId, pk: &[OrmValue]) -> Option<ObjectId> {
        self.objects.get(&(mapper, key(pk))).copied()
    }

    /// Records an object under its identity, returning any object it replaced.
    pub fn insert(
        &mut self,
        mapper: MapperId,
        pk: &[OrmValue],
        object: ObjectId,
    ) -> Option<ObjectId> {
        self.objects.insert((mapper, key(pk)), object)
    }

    /// The object with this identity if there is one; otherwise records
    /// `object` under it and answers `None` (one search of the map).
    pub fn get_or_insert(
        &mut self,
        mapper: MapperId,
        pk: &[OrmValue],
        object: ObjectId,
    ) -> Option<ObjectId> {
        match self.objects.entry((mapper, key(pk))) {
            Entry::Occupied(found) => Some(*found.get()),
            Entry::Vacant(vacant) => {
                vacant.insert(object);
                None
            }
        }
    }

    /// Forgets the identity if it belongs to `object`.
    pub fn remove(&mut self, mapper: MapperId, pk: &[OrmValue], object: ObjectId) {
        let key = (mapper, key(pk));
        if self.objects.get(&key) == Some(&object) {
            self.objects.remove(&key);
        }
    }

    /// Every object in the map, in handle order.
    pub fn all(&self) -> Vec<ObjectId> {
        let mut all: Vec<ObjectId> = self.objects.values().copied().collect();
        retort_sort::sort(&mut all);
        all
    }

    /// Makes room for `additional` more identities.
    pub fn reserve(&mut self, additional: usize) {
        self.objects.reserve(additional);
    }

    /// Empties the map.
    pub fn clear(&mut self) {
        self.objects.clear();
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_per_identity() {
        let mut map = IdentityMap::default();
        let pk = [OrmValue::Int(1)];
        assert_eq!(map.insert(MapperId(0), &pk, ObjectId(5)), None);
        assert_eq!(map.get(MapperId(0), &pk), Some(ObjectId(5)));
        assert_eq!(map.get(MapperId(1), &pk), None);
        assert_eq!(
            map.get_or_insert(MapperId(0), &pk, ObjectId(6)),
            Some(ObjectId(5))
        );
        assert_eq!(map.get_or_insert(MapperId(1), &pk, ObjectId(7)), None);
        assert_eq!(map.get(MapperId(1), &pk), Some(ObjectId(7)));
        map.remove(MapperId(1), &pk, ObjectId(7));
        map.remove(MapperId(0), &pk, ObjectId(6));
        assert_eq!(map.len(), 1);
        map.remove(MapperId(0), &pk, ObjectId(5));
        assert!(map.is_empty());
    }

    #[test]
    fn true_is_one_and_strings_are_not_numbers() {
        let mut map = IdentityMap::default();
        map.insert(MapperId(0), &[OrmValue::Int(1)], ObjectId(1));
        assert_eq!(
            map.get(MapperId(0), &[OrmValue::Bool(true)]),
            Some(ObjectId(1))
        );
        assert_eq!(map.get(MapperId(0), &[OrmValue::Str("1".into())]), None);
        map.insert(
            MapperId(0),
            &[OrmValue::Int(1), OrmValue::Str("a".into())],
            ObjectId(2),
        );
        assert_eq!(
            map.get(MapperId(0), &[OrmValue::Int(1), OrmValue::Str("a".into())]),
            Some(ObjectId(2))
        );
        assert_eq!(map.get(MapperId(0), &[OrmValue::Int(1)]), Some(ObjectId(1)));
    }

    #[test]
    fn keys_are_small() {
        assert_eq!(std::mem::size_of::<KeyPart>(), 24);
        assert_eq!(std::mem::size_of::<Key>(), 24);
    }
}

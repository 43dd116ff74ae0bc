//! The identity map: one object per mapper and primary key in a session.

use std::collections::HashMap;

use crate::mapper::MapperId;
use crate::state::ObjectId;
use crate::types::OrmValue;

/// `(mapper, primary key)` → object.
#[derive(Debug, Clone, Default)]
pub struct IdentityMap {
    objects: HashMap<(MapperId, String), ObjectId>,
}

/// The hashable form of a primary key.
fn key_text(pk: &[OrmValue]) -> String {
    pk.iter()
        .map(OrmValue::identity_text)
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

impl IdentityMap {
    /// The object with this identity.
    pub fn get(&self, mapper: MapperId, pk: &[OrmValue]) -> Option<ObjectId> {
        self.objects.get(&(mapper, key_text(pk))).copied()
    }

    /// Records an object under its identity, returning any object it replaced.
    pub fn insert(
        &mut self,
        mapper: MapperId,
        pk: &[OrmValue],
        object: ObjectId,
    ) -> Option<ObjectId> {
        self.objects.insert((mapper, key_text(pk)), object)
    }

    /// Forgets the identity if it belongs to `object`.
    pub fn remove(&mut self, mapper: MapperId, pk: &[OrmValue], object: ObjectId) {
        let key = (mapper, key_text(pk));
        if self.objects.get(&key) == Some(&object) {
            self.objects.remove(&key);
        }
    }

    /// Every object in the map, in handle order.
    pub fn all(&self) -> Vec<ObjectId> {
        let mut all: Vec<ObjectId> = self.objects.values().copied().collect();
        all.sort();
        all
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
        map.remove(MapperId(0), &pk, ObjectId(6));
        assert_eq!(map.len(), 1);
        map.remove(MapperId(0), &pk, ObjectId(5));
        assert!(map.is_empty());
    }
}

//! Per-object state (SQLAlchemy's `InstanceState`): the mapper, the loaded
//! attribute values, the committed values of modified attributes
//! (history), the expired attributes, the identity key and the object's
//! place in the session.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

pub use crate::attr_map::{AttrMap, AttrSet};
pub use crate::lazy_attrs::{LazyAttrMap, LazyAttrSet};
pub use crate::lazy_map::LazyMap;
use crate::mapper::MapperId;
use crate::types::OrmValue;

/// A mapped object, by the handle the host keeps next to its own object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObjectId(pub u64);

/// An attribute name as the per-object maps key it: shared text, so the
/// mapper's names are handed to every loaded object without copying them.
/// Compares, orders and hashes as the text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AttrKey(Rc<str>);

impl AttrKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both are the same shared name (not just equal text).
    #[inline]
    pub fn same(&self, other: &AttrKey) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Deref for AttrKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for AttrKey {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for AttrKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AttrKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for AttrKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for AttrKey {
    fn from(text: &str) -> AttrKey {
        AttrKey(Rc::from(text))
    }
}

impl From<String> for AttrKey {
    fn from(text: String) -> AttrKey {
        AttrKey(Rc::from(text))
    }
}

impl From<&String> for AttrKey {
    fn from(text: &String) -> AttrKey {
        AttrKey(Rc::from(text.as_str()))
    }
}

impl From<AttrKey> for String {
    fn from(key: AttrKey) -> String {
        key.0.to_string()
    }
}

impl PartialEq<str> for AttrKey {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for AttrKey {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for AttrKey {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<AttrKey> for str {
    fn eq(&self, other: &AttrKey) -> bool {
        self == &*other.0
    }
}

impl PartialEq<AttrKey> for &str {
    fn eq(&self, other: &AttrKey) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<AttrKey> for String {
    fn eq(&self, other: &AttrKey) -> bool {
        **self == *other.0
    }
}

impl Serialize for AttrKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AttrKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<AttrKey, D::Error> {
        String::deserialize(deserializer).map(AttrKey::from)
    }
}

/// Every object's state, by handle: a slab indexed by the handle's number
/// (handles are dense and increasing), iterated in handle order as a
/// `BTreeMap` keyed by handle would be.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ObjectStore {
    slots: Vec<Option<InstanceState>>,
}

impl ObjectStore {
    pub fn new() -> ObjectStore {
        ObjectStore::default()
    }

    #[inline]
    fn index(id: ObjectId) -> Option<usize> {
        usize::try_from(id.0).ok()
    }

    #[inline]
    pub fn get(&self, id: &ObjectId) -> Option<&InstanceState> {
        self.slots.get(Self::index(*id)?)?.as_ref()
    }

    #[inline]
    pub fn get_mut(&mut self, id: &ObjectId) -> Option<&mut InstanceState> {
        self.slots.get_mut(Self::index(*id)?)?.as_mut()
    }

    /// Makes room for `additional` more objects from the handle `next`
    /// on (handles start at 1, so the slab's length trails the next
    /// handle: room counted from its length alone would be one short and
    /// the last object would move every state to a slab twice the size).
    pub fn reserve(&mut self, next: ObjectId, additional: usize) {
        let end = Self::index(next)
            .unwrap_or(usize::MAX)
            .saturating_add(additional);
        self.slots.reserve(end.saturating_sub(self.slots.len()));
    }

    /// The state of `id`, or SQLAlchemy's error for an object the session
    /// does not know.
    pub(crate) fn require_mut(
        &mut self,
        id: ObjectId,
    ) -> Result<&mut InstanceState, crate::error::OrmError> {
        self.get_mut(&id).ok_or_else(|| {
            crate::error::OrmError::UnmappedInstanceError(format!("unknown object #{}", id.0))
        })
    }

    /// The state of `id`, read-only (see [`ObjectStore::require_mut`]).
    pub(crate) fn require(&self, id: ObjectId) -> Result<&InstanceState, crate::error::OrmError> {
        self.get(&id).ok_or_else(|| {
            crate::error::OrmError::UnmappedInstanceError(format!("unknown object #{}", id.0))
        })
    }

    pub fn contains_key(&self, id: &ObjectId) -> bool {
        self.get(id).is_some()
    }

    /// Stores `state` under `id`, returning the state it replaces.
    #[inline]
    pub fn insert(&mut self, id: ObjectId, state: InstanceState) -> Option<InstanceState> {
        let index = Self::index(id).expect("object handles fit in memory");
        if index == self.slots.len() {
            // The usual case: the next handle.
            self.slots.push(Some(state));
            return None;
        }
        self.insert_elsewhere(index, state)
    }

    /// [`ObjectStore::insert`] at a handle other than the next one.
    #[cold]
    fn insert_elsewhere(&mut self, index: usize, state: InstanceState) -> Option<InstanceState> {
        if index > self.slots.len() {
            self.slots.resize_with(index + 1, || None);
        }
        self.slots[index].replace(state)
    }

    /// Forgets every object from the handle `first` on.
    pub(crate) fn truncate(&mut self, first: ObjectId) {
        if let Some(index) = Self::index(first) {
            self.slots.truncate(index);
        }
    }

    /// The objects in handle order.
    pub fn iter(&self) -> impl Iterator<Item = (ObjectId, &InstanceState)> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.as_ref().map(|s| (ObjectId(i as u64), s)))
    }
}

/// SQLAlchemy's object states (`inspect(obj).transient`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObjectStatus {
    /// Not in a session and never saved.
    Transient,
    /// Added to a session, not yet flushed.
    Pending,
    /// In the session with a database identity.
    Persistent,
    /// Deleted by a flush; the transaction has not ended.
    Deleted,
    /// Has a database identity but belongs to no session.
    Detached,
}

/// An object's primary key values: a single-column key (nearly every
/// model) is kept inline, so loading or flushing an object allocates
/// nothing for it.
pub type IdentityKey = smallvec::SmallVec<[OrmValue; 1]>;

/// The value an attribute had when it was last loaded or committed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Committed {
    Value(OrmValue),
    /// The attribute was not loaded when it changed (expired or never read).
    NoValue,
}

/// One object's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceState {
    pub mapper: MapperId,
    /// Loaded values by attribute name (`obj.__dict__`).
    pub dict: AttrMap<OrmValue>,
    /// The committed value of each attribute modified since the last load
    /// (one pointer until the first change: a loaded object rarely has any).
    pub committed: LazyAttrMap<Committed>,
    /// Attributes to load from the database on the next access.
    pub expired: LazyAttrSet,
    /// The identity key: primary key values, once persistent.
    pub key: Option<IdentityKey>,
    /// Whether the object belongs to the session.
    pub attached: bool,
    /// Whether a flush deleted the row.
    pub deleted: bool,
    /// The order in which the object was added, for the flush.
    pub insert_order: u64,
    /// Relationship attributes by name; absent means not loaded and
    /// unchanged.
    pub rels: LazyMap<String, RelState>,
    /// SQLAlchemy's "has parent" flags: whether the object is currently
    /// attached to a parent through a relationship (by [`parent_token`]),
    /// and to which.
    pub parents: LazyMap<String, HasParent>,
    /// Removed from a delete-orphan collection while not in a session.
    pub orphaned_outside_session: bool,
    /// Loader strategies the query that loaded the object chose, by
    /// relationship key (`*` for all).
    #[serde(default)]
    pub load_options: LazyMap<String, crate::relationship::Lazy>,
    /// The index of the query statement whose row last loaded the object.
    #[serde(default)]
    pub loaded_by: RecordIndex,
}

/// An index into the session's statement record, or none: an `Option<u64>`
/// kept in 8 bytes (no record reaches `u64::MAX` statements), so an
/// object's state stays small. Prints and serializes as the option.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct RecordIndex(u64);

impl RecordIndex {
    /// No statement.
    pub const NONE: RecordIndex = RecordIndex(u64::MAX);

    /// `index` as kept (`u64::MAX` itself cannot be a record's index).
    pub fn new(index: Option<u64>) -> RecordIndex {
        RecordIndex(index.unwrap_or(u64::MAX))
    }

    /// The index, if there is one.
    pub fn get(self) -> Option<u64> {
        (self != RecordIndex::NONE).then_some(self.0)
    }
}

impl Default for RecordIndex {
    fn default() -> Self {
        RecordIndex::NONE
    }
}

impl fmt::Debug for RecordIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.get(), f)
    }
}

impl Serialize for RecordIndex {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RecordIndex {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RecordIndex, D::Error> {
        Option::<u64>::deserialize(deserializer).map(RecordIndex::new)
    }
}

/// One "has parent" flag (SQLAlchemy's `state.parents[token]`): the parent
/// that last took the object in through the relationship, or none since
/// it was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HasParent {
    Parent(ObjectId),
    No,
}

impl HasParent {
    pub fn yes(self) -> bool {
        matches!(self, HasParent::Parent(_))
    }
}

/// The key of a relationship in [`InstanceState::parents`].
pub fn parent_token(mapper: MapperId, key: &str) -> String {
    format!("{}.{key}", mapper.0)
}

/// A relationship attribute's value and history on one object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RelState {
    /// The loaded value: the related objects in order (a scalar holds at
    /// most one); `None` when not loaded.
    pub current: Option<Vec<ObjectId>>,
    /// The value when last loaded or flushed; `None` when unknown.
    pub committed: Option<Vec<ObjectId>>,
    /// Appends made while the collection was not loaded (SQLAlchemy's
    /// pending mutations), merged in when it loads.
    pub pending_added: Vec<ObjectId>,
    /// Removals made while the collection was not loaded.
    pub pending_removed: Vec<ObjectId>,
    /// Whether the attribute changed since the last flush.
    pub modified: bool,
}

/// What changed in a relationship attribute since the last flush.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelHistory {
    pub added: Vec<ObjectId>,
    pub deleted: Vec<ObjectId>,
    pub unchanged: Vec<ObjectId>,
    /// A scalar was set to `None` (its history's `added` is `[None]`).
    pub set_to_none: bool,
}

impl RelHistory {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.deleted.is_empty() && !self.set_to_none
    }
}

impl RelState {
    /// An attribute loaded with `value` and no history.
    pub fn loaded(value: Vec<ObjectId>) -> RelState {
        RelState {
            current: Some(value.clone()),
            committed: Some(value),
            ..RelState::default()
        }
    }

    /// The attribute's history.
    pub fn history(&self) -> RelHistory {
        let Some(current) = &self.current else {
            return RelHistory {
                added: self.pending_added.clone(),
                deleted: self.pending_removed.clone(),
                ..RelHistory::default()
            };
        };
        if !self.modified {
            return RelHistory {
                unchanged: current.clone(),
                ..RelHistory::default()
            };
        }
        match &self.committed {
            None => RelHistory {
                added: current.clone(),
                set_to_none: current.is_empty(),
                ..RelHistory::default()
            },
            Some(committed) => RelHistory {
                added: current
                    .iter()
                    .filter(|o| !committed.contains(o))
                    .copied()
                    .collect(),
                deleted: committed
                    .iter()
                    .filter(|o| !current.contains(o))
                    .copied()
                    .collect(),
                unchanged: current
                    .iter()
                    .filter(|o| committed.contains(o))
                    .copied()
                    .collect(),
                set_to_none: current.is_empty() && !committed.is_empty(),
            },
        }
    }

    /// Marks the current value as committed (after a flush).
    pub fn commit(&mut self) {
        if self.current.is_some() {
            self.committed = self.current.clone();
        }
        self.pending_added.clear();
        self.pending_removed.clear();
        self.modified = false;
    }
}

impl InstanceState {
    /// A transient object of `mapper`.
    pub fn new(mapper: MapperId) -> InstanceState {
        InstanceState {
            mapper,
            dict: AttrMap::new(),
            committed: LazyAttrMap::new(),
            expired: LazyAttrSet::new(),
            key: None,
            attached: false,
            deleted: false,
            insert_order: 0,
            rels: LazyMap::new(),
            parents: LazyMap::new(),
            orphaned_outside_session: false,
            load_options: LazyMap::new(),
            loaded_by: RecordIndex::NONE,
        }
    }

    /// A persistent object of `mapper` just made from a row of the query
    /// statement `loaded_by`, with its identity `key` and loaded values
    /// `dict`: nothing modified or expired.
    pub(crate) fn loaded(
        mapper: MapperId,
        key: IdentityKey,
        dict: AttrMap<OrmValue>,
        loaded_by: RecordIndex,
    ) -> InstanceState {
        InstanceState {
            mapper,
            dict,
            committed: LazyAttrMap::new(),
            expired: LazyAttrSet::new(),
            key: Some(key),
            attached: true,
            deleted: false,
            insert_order: 0,
            rels: LazyMap::new(),
            parents: LazyMap::new(),
            orphaned_outside_session: false,
            load_options: LazyMap::new(),
            loaded_by,
        }
    }

    /// Whether any relationship attribute changed since the last flush.
    pub fn rels_modified(&self) -> bool {
        self.rels.values().any(|r| r.modified)
    }

    /// Forgets every relationship value (expiry).
    pub fn expire_relationships(&mut self) {
        self.rels.clear();
    }

    /// The state in SQLAlchemy's terms.
    pub fn status(&self) -> ObjectStatus {
        match (&self.key, self.attached, self.deleted) {
            (None, false, _) => ObjectStatus::Transient,
            (None, true, _) => ObjectStatus::Pending,
            (Some(_), true, true) => ObjectStatus::Deleted,
            (Some(_), true, false) => ObjectStatus::Persistent,
            (Some(_), false, _) => ObjectStatus::Detached,
        }
    }

    /// Sets an attribute, recording the committed value the first time.
    pub fn set(&mut self, attr: &str, value: OrmValue) {
        self.set_key(&AttrKey::from(attr), value);
    }

    /// [`InstanceState::set`] with the mapper's key for the attribute.
    pub fn set_key(&mut self, attr: &AttrKey, value: OrmValue) {
        // A pending object has no committed state to compare with, but
        // SQLAlchemy still records the change; only persistent objects use
        // it for UPDATEs.
        let (dict, expired) = (&self.dict, &self.expired);
        self.committed
            .insert_if_absent(attr, || match dict.get(attr) {
                Some(v) if !expired.contains(attr) => Committed::Value(v.clone()),
                _ => Committed::NoValue,
            });
        if !self.expired.is_empty() {
            self.expired.remove(attr);
        }
        self.dict.insert_key(attr, value);
    }

    /// The attributes whose value differs from the committed one, in
    /// attribute-name order.
    pub fn changed_attributes(&self) -> Vec<AttrKey> {
        self.committed
            .iter()
            .filter(|(attr, original)| match original {
                Committed::NoValue => true,
                Committed::Value(v) => self.dict.get(*attr) != Some(v),
            })
            .map(|(attr, _)| attr.clone())
            .collect()
    }

    /// Expires the given attributes: forgets their values and history.
    pub fn expire(&mut self, attrs: &[AttrKey]) {
        for attr in attrs {
            self.dict.remove(attr);
            if !self.committed.is_empty() {
                self.committed.remove(attr);
            }
            self.expired.insert(attr.clone());
        }
    }

    /// [`InstanceState::expire`] for names in name order without repeats
    /// (a mapper's columns, sorted once): each map is filtered in one pass
    /// and an object with nothing expired takes the names as they are.
    pub fn expire_sorted(&mut self, attrs: &[AttrKey]) {
        debug_assert!(attrs.windows(2).all(|w| w[0] < w[1]));
        self.dict.retain(|name, _| !attrs.contains(name));
        if !self.committed.is_empty() {
            self.committed.retain(|name, _| !attrs.contains(name));
        }
        if self.expired.is_empty() {
            self.expired.assign_sorted(attrs);
        } else {
            for attr in attrs {
                self.expired.insert(attr.clone());
            }
        }
    }

    /// Marks the current values as committed (after a load or a flush).
    pub fn commit_all(&mut self) {
        self.committed.clear();
    }

    /// Marks relationship values as committed (after a flush).
    pub fn commit_relationships(&mut self) {
        for rel in self.rels.values_mut() {
            rel.commit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_follow_sqlalchemy_definitions() {
        let mut s = InstanceState::new(MapperId(0));
        assert_eq!(s.status(), ObjectStatus::Transient);
        s.attached = true;
        assert_eq!(s.status(), ObjectStatus::Pending);
        s.key = Some([OrmValue::Int(1)].into());
        assert_eq!(s.status(), ObjectStatus::Persistent);
        s.deleted = true;
        assert_eq!(s.status(), ObjectStatus::Deleted);
        s.attached = false;
        assert_eq!(s.status(), ObjectStatus::Detached);
    }

    #[test]
    fn a_loaded_object_state_stays_small() {
        // Every row of a query writes one state into the store: the
        // history and the record index are kept compact for it.
        assert!(std::mem::size_of::<InstanceState>() <= 144);
        let index = RecordIndex::new(Some(7));
        assert_eq!(index.get(), Some(7));
        assert_eq!(RecordIndex::default().get(), None);
        assert_eq!(format!("{index:?}"), "Some(7)");
        assert_eq!(serde_json::to_string(&RecordIndex::NONE).unwrap(), "null");
        let read: RecordIndex = serde_json::from_str("7").unwrap();
        assert_eq!(read, index);
    }

    #[test]
    fn history_keeps_the_first_committed_value() {
        let mut s = InstanceState::new(MapperId(0));
        s.dict.insert("name".into(), OrmValue::from("a"));
        s.set("name", OrmValue::from("b"));
        s.set("name", OrmValue::from("c"));
        assert_eq!(
            s.committed.get("name"),
            Some(&Committed::Value(OrmValue::from("a")))
        );
        assert_eq!(s.changed_attributes(), vec![AttrKey::from("name")]);
        s.set("name", OrmValue::from("a"));
        assert!(s.changed_attributes().is_empty());
        s.expire(&[AttrKey::from("size")]);
        let mut sorted = s.clone();
        sorted.expire_sorted(&[AttrKey::from("name"), AttrKey::from("size")]);
        let mut one_by_one = s.clone();
        one_by_one.expire(&[AttrKey::from("size"), AttrKey::from("name")]);
        assert_eq!(sorted, one_by_one);
        let mut fresh = InstanceState::new(MapperId(0));
        fresh.dict.insert("name".into(), OrmValue::from("x"));
        let mut fresh_one_by_one = fresh.clone();
        fresh.expire_sorted(&[AttrKey::from("id"), AttrKey::from("name")]);
        fresh_one_by_one.expire(&[AttrKey::from("name"), AttrKey::from("id")]);
        assert_eq!(fresh, fresh_one_by_one);
        assert!(fresh.dict.is_empty() && fresh.expired.len() == 2);
        s.set("size", OrmValue::Int(3));
        assert_eq!(s.committed.get("size"), Some(&Committed::NoValue));
        assert_eq!(s.changed_attributes(), vec![AttrKey::from("size")]);
    }

    #[test]
    fn relationship_history_compares_with_the_committed_value() {
        let (a, b, c) = (ObjectId(1), ObjectId(2), ObjectId(3));
        let mut rel = RelState::loaded(vec![a, b]);
        assert!(rel.history().is_empty());
        rel.current = Some(vec![b, c]);
        rel.modified = true;
        let history = rel.history();
        assert_eq!(history.added, vec![c]);
        assert_eq!(history.deleted, vec![a]);
        assert_eq!(history.unchanged, vec![b]);
        rel.commit();
        assert!(rel.history().is_empty());
        // Unloaded: the queued changes are the history.
        let mut queued = RelState {
            pending_added: vec![a],
            ..RelState::default()
        };
        assert_eq!(queued.history().added, vec![a]);
        queued.commit();
        assert!(queued.pending_added.is_empty());
        // A scalar set to None over an unknown value.
        let scalar = RelState {
            current: Some(Vec::new()),
            modified: true,
            ..RelState::default()
        };
        assert!(scalar.history().set_to_none);
    }
}

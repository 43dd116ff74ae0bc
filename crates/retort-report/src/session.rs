//! [`SessionSnapshot`]: the session's objects after a step.

use serde::{Deserialize, Serialize};

use crate::Shown;

/// The session as `inspect()` would describe it after a step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionSnapshot {
    /// Objects in the identity map, pending or deleted, and transient or
    /// detached objects the script still holds, in creation order.
    pub objects: Vec<ObjectSnapshot>,
    /// Whether `BEGIN (implicit)` has been issued and not yet ended.
    pub in_transaction: bool,
    /// `session.is_active`: false between a failed flush and `rollback()`.
    pub active: bool,
}

/// SQLAlchemy's object states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ObjectStatus {
    Transient,
    Pending,
    Persistent,
    Deleted,
    Detached,
}

/// One mapped object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectSnapshot {
    /// A handle stable across the run's steps.
    pub id: u64,
    pub class_name: String,
    /// `repr(obj)` as the script would print it, or `<User #1>` (the class
    /// and `id`) when that would need SQL (expired attributes) or raised.
    pub repr: String,
    /// `repr` is the fallback, not the object's own `__repr__`.
    pub repr_fallback: bool,
    pub status: ObjectStatus,
    /// The identity key's values, once the object has one.
    pub identity: Option<Vec<Shown>>,
    /// In `session.deleted`: marked by `delete()`, not yet flushed.
    pub marked_deleted: bool,
    /// Loaded column attributes, in mapping order.
    pub attributes: Vec<AttributeValue>,
    /// Attributes changed since the last load or flush.
    pub changed: Vec<ChangedAttribute>,
    /// Attributes the next access loads from the database.
    pub expired: Vec<String>,
}

/// A loaded attribute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub name: String,
    pub value: Shown,
}

/// An attribute whose value differs from its committed one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangedAttribute {
    pub name: String,
    /// `None` when the old value was not loaded (expired or never read).
    pub old: Option<Shown>,
    pub new: Shown,
}

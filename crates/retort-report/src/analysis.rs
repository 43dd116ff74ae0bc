//! What the run's statements and cascades add up to: relationship loads,
//! the N+1 pattern and cascade effects.

use serde::{Deserialize, Serialize};

use crate::Span;

/// What a relationship-load statement loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipLoad {
    /// `Parent.attribute`.
    pub attribute: String,
    /// The object whose attribute loaded (`None` for an eager load of
    /// several parents).
    pub object: Option<u64>,
    /// The loader strategy: `select`, `selectin`, `subquery`, ...
    pub strategy: String,
    /// The statement index of the query that loaded the object.
    pub parent_query: Option<u64>,
}

/// One relationship lazily loaded for several objects of one query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NPlusOne {
    /// `Parent.attribute`.
    pub attribute: String,
    /// The statement index of the query whose objects loaded one by one.
    pub query_index: u64,
    /// The statement indices of the lazy loads.
    pub loads: Vec<u64>,
    /// The loader option that loads them at once: `selectinload(Parent.attribute)`.
    pub suggestion: String,
}

/// What a cascade did to an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CascadeOp {
    /// `save-update`: added to the session with its parent.
    SaveUpdate,
    /// `delete`: deleted with its parent.
    Delete,
    /// `delete-orphan`: deleted because it lost its parent.
    DeleteOrphan,
    /// A pending orphan left the session.
    ExpungeOrphan,
    /// Its foreign key was set to NULL.
    Nullify,
    /// Its foreign key was copied from a parent.
    SetForeignKey,
    /// An association row linking it was inserted.
    LinkInsert,
    /// An association row linking it was deleted.
    LinkDelete,
}

/// One cascade effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeEffect {
    pub op: CascadeOp,
    /// The object it happened to ([`crate::ObjectSnapshot::id`]).
    pub object: u64,
    /// `Parent.attribute` that carried it.
    pub via: String,
    /// The object it came from.
    pub from: Option<u64>,
    /// The source line whose execution caused it.
    pub span: Option<Span>,
}

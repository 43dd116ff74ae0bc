//! What cascades and relationship rules did, for the page's cascade panel:
//! each effect names the operation, the object it reached, the
//! relationship that carried it and the object it came from.

use serde::{Deserialize, Serialize};

use crate::session::Session;
use crate::state::ObjectId;

/// The kind of a cascade effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CascadeOp {
    /// `save-update`: added to the session with its parent.
    SaveUpdate,
    /// `delete`: deleted with its parent.
    Delete,
    /// `delete-orphan`: deleted because it lost its parent.
    DeleteOrphan,
    /// A pending orphan left the session.
    ExpungeOrphan,
    /// Its foreign key was set to NULL (parent deleted or it was removed).
    Nullify,
    /// Its foreign key was copied from a parent.
    SetForeignKey,
    /// An association row linking it was inserted.
    LinkInsert,
    /// An association row linking it was deleted.
    LinkDelete,
}

/// One effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CascadeEffect {
    pub op: CascadeOp,
    pub object: ObjectId,
    /// `Parent.attribute` that carried it.
    pub via: String,
    /// The object it came from.
    pub from: Option<ObjectId>,
    /// The host's cause token when it happened (a source line).
    pub caused_by: Option<u64>,
}

impl Session {
    /// Records an effect under the current cause.
    pub(crate) fn record_effect(
        &mut self,
        op: CascadeOp,
        object: ObjectId,
        via: String,
        from: Option<ObjectId>,
    ) {
        let caused_by = self.engine.log.caused_by;
        self.effects.push(CascadeEffect {
            op,
            object,
            via,
            from,
            caused_by,
        });
    }

    /// Takes the effects recorded so far.
    pub fn take_effects(&mut self) -> Vec<CascadeEffect> {
        std::mem::take(&mut self.effects)
    }

    /// The effects recorded so far.
    pub fn effects(&self) -> &[CascadeEffect] {
        &self.effects
    }
}

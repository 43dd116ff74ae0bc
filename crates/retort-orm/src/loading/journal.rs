//! [`LoadJournal`]: what loading a query's rows changed in the session,
//! kept while the statement is still being stepped. SQLAlchemy fetches
//! every row before it makes an object of any, so a statement that fails
//! after some rows leaves the session untouched; a [`Loader`] that makes
//! objects as the rows come undoes its work instead.

use super::Loader;
use crate::state::{AttrKey, ObjectId, RecordIndex};
use crate::types::OrmValue;

/// The session as a load found it, and each change it made since to an
/// object that was already there, in order.
pub(crate) struct LoadJournal {
    /// The first handle the load gave a new object: every object from
    /// there on is new.
    first_new: ObjectId,
    /// How many objects awaited their `load` event.
    loaded_new: usize,
    /// How many objects awaited their `refresh` event.
    refreshed: usize,
    changes: Vec<Change>,
}

/// One change to an object that was in the session before the load.
enum Change {
    /// The statement that last loaded it, before this one.
    LoadedBy(ObjectId, RecordIndex),
    /// An unloaded or expired attribute filled: its value before, and
    /// whether it was expired.
    Filled {
        obj: ObjectId,
        attr: AttrKey,
        previous: Option<OrmValue>,
        expired: bool,
    },
}

impl LoadJournal {
    /// Notes that `obj` was last loaded by `previous` until now.
    pub(super) fn loaded_by(&mut self, obj: ObjectId, previous: RecordIndex) {
        self.changes.push(Change::LoadedBy(obj, previous));
    }

    /// Notes that `attr` of `obj` was filled over `previous`.
    pub(super) fn filled(
        &mut self,
        obj: ObjectId,
        attr: &AttrKey,
        previous: Option<OrmValue>,
        expired: bool,
    ) {
        self.changes.push(Change::Filled {
            obj,
            attr: attr.clone(),
            previous,
            expired,
        });
    }
}

impl Loader<'_> {
    /// This loader, noting what it changes so that [`Loader::undo`] can
    /// put the session back as it is now.
    pub(crate) fn journaled(mut self) -> Self {
        self.journal = Some(LoadJournal {
            first_new: ObjectId(*self.next_object),
            loaded_new: self.loaded_new.len(),
            refreshed: self.refreshed.len(),
            changes: Vec::new(),
        });
        self
    }

    /// Puts the session back as it was when the loader was
    /// [journaled](Loader::journaled): the objects the load made are
    /// forgotten (their handles given again), and the objects it found
    /// get back their values and expired attributes.
    pub(crate) fn undo(mut self) {
        let Some(journal) = self.journal.take() else {
            return;
        };
        for change in journal.changes.into_iter().rev() {
            match change {
                Change::LoadedBy(obj, previous) => {
                    if let Some(state) = self.objects.get_mut(&obj) {
                        state.loaded_by = previous;
                    }
                }
                Change::Filled {
                    obj,
                    attr,
                    previous,
                    expired,
                } => {
                    let Some(state) = self.objects.get_mut(&obj) else {
                        continue;
                    };
                    match previous {
                        Some(value) => {
                            state.dict.insert(attr.clone(), value);
                        }
                        None => {
                            state.dict.remove(&attr);
                        }
                    }
                    if expired {
                        state.expired.insert(attr);
                    }
                }
            }
        }
        for id in journal.first_new.0..*self.next_object {
            let obj = ObjectId(id);
            if let Some(state) = self.objects.get(&obj)
                && let Some(key) = &state.key
            {
                self.identity.remove(state.mapper, key, obj);
            }
        }
        self.objects.truncate(journal.first_new);
        *self.next_object = journal.first_new.0;
        self.loaded_new.truncate(journal.loaded_new);
        self.refreshed.truncate(journal.refreshed);
    }
}

//! [`SessionCell`]: where the run's ORM session lives. A call into the
//! ORM takes the session out of the cell for its duration (so Python code
//! that runs meanwhile finds it busy instead of aliasing it); an event
//! listener the ORM dispatches gets it lent back ([`SessionCell::lend`]),
//! so the listener's own session calls work on the very same session
//! while the ORM waits, and no `RefCell` borrow is ever held across
//! Python code.

use std::cell::{Ref, RefCell, RefMut};

use retort_orm::Session;

/// The session is in use by an ORM call that did not lend it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// The run's session, present unless an ORM call holds it.
#[derive(Debug)]
pub struct SessionCell {
    slot: RefCell<Option<Box<Session>>>,
    /// A stand-in the ORM call's `&mut Session` points at while the real
    /// session is lent out (made at the first lend, then reused).
    spare: RefCell<Option<Box<Session>>>,
}

impl SessionCell {
    pub fn new(session: Session) -> SessionCell {
        SessionCell {
            slot: RefCell::new(Some(Box::new(session))),
            spare: RefCell::new(None),
        }
    }

    /// Reads the session, unless an ORM call holds it.
    pub fn try_borrow(&self) -> Result<Ref<'_, Session>, Busy> {
        let slot = self.slot.try_borrow().map_err(|_| Busy)?;
        Ref::filter_map(slot, |s| s.as_deref()).map_err(|_| Busy)
    }

    /// Changes the session, unless an ORM call holds it.
    pub fn try_borrow_mut(&self) -> Result<RefMut<'_, Session>, Busy> {
        let slot = self.slot.try_borrow_mut().map_err(|_| Busy)?;
        RefMut::filter_map(slot, |s| s.as_deref_mut()).map_err(|_| Busy)
    }

    /// Takes the session for an ORM call; give it back with [`Self::put`].
    pub(crate) fn take(&self) -> Option<Box<Session>> {
        self.slot.try_borrow_mut().ok()?.take()
    }

    /// Returns the session an ORM call took.
    pub(crate) fn put(&self, session: Box<Session>) {
        if let Ok(mut slot) = self.slot.try_borrow_mut() {
            *slot = Some(session);
        }
    }

    /// Runs `f` with `session` (which an ORM call took and is working on)
    /// back in the cell, then hands it back to the ORM call, changed by
    /// whatever `f` did.
    pub(crate) fn lend<T>(&self, session: &mut Session, f: impl FnOnce() -> T) -> Result<T, Busy> {
        let spare = self.spare.try_borrow_mut().map_err(|_| Busy)?.take();
        let mut holder = match spare {
            Some(spare) => spare,
            None => Box::new(Session::in_memory().map_err(|_| Busy)?),
        };
        {
            let mut slot = self.slot.try_borrow_mut().map_err(|_| Busy)?;
            if slot.is_some() {
                return Err(Busy);
            }
            std::mem::swap(session, &mut holder);
            *slot = Some(holder);
        }
        let out = f();
        let back = self.slot.try_borrow_mut().ok().and_then(|mut s| s.take());
        let Some(mut real) = back else {
            return Err(Busy);
        };
        std::mem::swap(session, &mut real);
        if let Ok(mut spare) = self.spare.try_borrow_mut() {
            *spare = Some(real);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_session_is_busy_until_lent_or_put_back() {
        let cell = SessionCell::new(Session::in_memory().unwrap());
        let mut taken = cell.take().unwrap();
        assert!(cell.try_borrow().is_err());
        taken.set_autoflush(false);
        let seen = cell
            .lend(&mut taken, || {
                let mut lent = cell.try_borrow_mut().unwrap();
                let seen = lent.autoflush_enabled();
                lent.set_autoflush(true);
                seen
            })
            .unwrap();
        assert!(!seen);
        assert!(taken.autoflush_enabled());
        assert!(cell.try_borrow().is_err());
        cell.put(taken);
        assert!(cell.try_borrow().unwrap().autoflush_enabled());
    }
}

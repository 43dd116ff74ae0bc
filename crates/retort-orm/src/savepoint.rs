//! `Session.begin_nested()`: SQLAlchemy's nested `SessionTransaction`. It
//! flushes, then opens a savepoint whose `SAVEPOINT sa_savepoint_N` runs
//! before its first statement ([`crate::engine::Engine::begin`]). Its
//! commit flushes and `RELEASE`s it, its changes becoming the enclosing
//! transaction's; its rollback (`ROLLBACK TO SAVEPOINT`) makes the objects
//! it inserted or added transient, those it deleted persistent again, and
//! expires only the objects it changed. A flush failing inside it rolls
//! back to it alone and leaves it inactive until it is rolled back or
//! closed; the enclosing transaction carries on.

use crate::error::OrmError;
use crate::events::SessionEventKind;
use crate::host::Host;
use crate::session::{Session, TransactionSnapshot};

/// One open nested transaction.
#[derive(Debug)]
pub(crate) struct Savepoint {
    id: u64,
    /// The enclosing transaction's changes, set aside while this one
    /// collects its own in `Session::snapshot`.
    outer: TransactionSnapshot,
    /// False once a failed flush rolled it back.
    pub(crate) active: bool,
}

impl Session {
    /// `begin_nested()`: the id of the new savepoint.
    pub fn begin_nested(&mut self, host: &mut dyn Host) -> Result<u64, OrmError> {
        self.check_active()?;
        self.autobegun = true;
        self.flush(host)?;
        let id = self.next_savepoint;
        self.next_savepoint += 1;
        let outer = std::mem::take(&mut self.snapshot);
        self.savepoints.push(Savepoint {
            id,
            outer,
            active: true,
        });
        self.engine.begin_nested();
        Ok(id)
    }

    /// `SessionTransaction.is_active` of a savepoint.
    pub fn savepoint_is_active(&self, id: u64) -> bool {
        self.savepoints.iter().any(|s| s.id == id && s.active)
    }

    /// Whether a savepoint is neither committed nor rolled back.
    pub fn savepoint_is_open(&self, id: u64) -> bool {
        self.savepoints.iter().any(|s| s.id == id)
    }

    /// `in_nested_transaction()`.
    pub fn in_nested_transaction(&self) -> bool {
        !self.savepoints.is_empty()
    }

    fn savepoint_position(&self, id: u64) -> Result<usize, OrmError> {
        self.savepoints
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| OrmError::ResourceClosedError("This transaction is closed".to_owned()))
    }

    /// The savepoint's `commit()`: flush, then `RELEASE` it and those
    /// opened inside it.
    pub fn commit_savepoint(&mut self, host: &mut dyn Host, id: u64) -> Result<(), OrmError> {
        let position = self.savepoint_position(id)?;
        self.check_active()?;
        self.dispatch_session_event(host, SessionEventKind::BeforeCommit)?;
        if !self.flushing {
            self.flush(host)?;
        }
        while self.savepoints.len() > position {
            self.end_savepoint(true)?;
        }
        self.dispatch_session_event(host, SessionEventKind::AfterCommit)
    }

    /// The savepoint's `rollback()` (or `close()`): those opened inside
    /// it, then it, each rolled back unless a failed flush already did.
    pub fn rollback_savepoint(&mut self, host: &mut dyn Host, id: u64) -> Result<(), OrmError> {
        let position = self.savepoint_position(id)?;
        let mut rolled_back = false;
        while self.savepoints.len() > position {
            rolled_back |= self.savepoints.last().is_some_and(|s| s.active);
            self.end_savepoint(false)?;
        }
        self.failed = None;
        if rolled_back {
            self.dispatch_session_event(host, SessionEventKind::AfterRollback)?;
        }
        Ok(())
    }

    /// Ends the innermost savepoint: released (its changes join the
    /// enclosing transaction's) or rolled back (undone).
    fn end_savepoint(&mut self, commit: bool) -> Result<(), OrmError> {
        let Some(savepoint) = self.savepoints.pop() else {
            return Ok(());
        };
        if savepoint.active {
            self.engine.end_savepoint(commit)?;
            if !commit {
                self.restore_snapshot(true)?;
            }
        }
        let inner = std::mem::replace(&mut self.snapshot, savepoint.outer);
        self.snapshot.absorb(inner);
        Ok(())
    }

    /// Ends every savepoint as the whole transaction ends: released before
    /// its `COMMIT`, or folded into the transaction its `ROLLBACK` undoes.
    pub(crate) fn end_savepoints(&mut self, commit: bool) -> Result<(), OrmError> {
        while let Some(savepoint) = self.savepoints.pop() {
            if commit && savepoint.active {
                self.engine.end_savepoint(true)?;
            }
            let inner = std::mem::replace(&mut self.snapshot, savepoint.outer);
            self.snapshot.absorb(inner);
        }
        Ok(())
    }

    /// After a failed flush: `ROLLBACK TO SAVEPOINT` when one is open
    /// (the savepoint becomes inactive), else `ROLLBACK`; the session
    /// side of what was rolled back is undone.
    pub(crate) fn roll_back_failed_flush(&mut self) -> Result<(), OrmError> {
        match self.savepoints.last_mut() {
            Some(savepoint) if savepoint.active => {
                savepoint.active = false;
                self.engine.end_savepoint(false)?;
                self.restore_snapshot(true)
            }
            _ => {
                self.engine.rollback(crate::log::Origin::Session)?;
                self.restore_snapshot(false)?;
                self.autobegun = false;
                Ok(())
            }
        }
    }
}

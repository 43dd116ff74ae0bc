//! The run's live event stream while it runs: what the script printed and
//! warned, each tagged with how many statements had been recorded at that
//! moment (so a step can interleave output with its SQL), and the driver's
//! trace of every statement (for row counts). Muted while the report takes
//! a snapshot: nothing a snapshot's `repr` does reaches the run.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use retort_driver::{StatementOutcome, StatementTrace};
use retort_python::Warning;
use retort_report::{Event, WarningEvent};

use crate::ctx::Ctx;

/// One statement as SQLite ran it.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    pub sql: String,
    pub outcome: StatementOutcome,
}

/// Shared by the runner's output and warning sinks, the driver's observer
/// and the report collector.
#[derive(Debug, Default)]
pub struct Timeline {
    muted: Cell<bool>,
    /// Weak: the session's driver holds this timeline (its observer).
    ctx: RefCell<Weak<Ctx>>,
    /// Statements recorded so far, as last seen.
    position: Cell<u64>,
    events: RefCell<Vec<(u64, Event)>>,
    traces: RefCell<Vec<Trace>>,
}

impl Timeline {
    /// Starts reading statement positions from the run's session.
    pub fn watch(&self, ctx: &Rc<Ctx>) {
        *self.ctx.borrow_mut() = Rc::downgrade(ctx);
    }

    /// Whether a snapshot is being taken.
    pub fn muted(&self) -> bool {
        self.muted.get()
    }

    pub fn set_muted(&self, muted: bool) {
        self.muted.set(muted);
    }

    /// How many statements the session has recorded (the last known count
    /// while the session is busy, e.g. inside a flush).
    fn position(&self) -> u64 {
        let seen = self.ctx.try_borrow().ok().and_then(|ctx| {
            let ctx = ctx.upgrade()?;
            let session = ctx.session.try_borrow().ok()?;
            Some(session.records().last().map_or(0, |r| r.index + 1))
        });
        if let Some(seen) = seen {
            self.position.set(seen);
        }
        self.position.get()
    }

    fn push(&self, event: Event) {
        let position = self.position();
        if let Ok(mut events) = self.events.try_borrow_mut() {
            events.push((position, event));
        }
    }

    /// Notes printed text; false when muted (the text must be dropped).
    pub fn stdout(&self, text: &str) -> bool {
        if self.muted() {
            return false;
        }
        self.push(Event::Stdout {
            text: text.to_owned(),
        });
        true
    }

    /// Notes text written to `sys.stderr`; false when muted.
    pub fn stderr(&self, text: &str) -> bool {
        if self.muted() {
            return false;
        }
        self.push(Event::Stderr {
            text: text.to_owned(),
        });
        true
    }

    /// Notes a warning; false when muted.
    pub fn warning(&self, warning: &Warning) -> bool {
        if self.muted() {
            return false;
        }
        self.push(Event::Warning(WarningEvent {
            category: warning.category.clone(),
            message: warning.message.clone(),
            line: (warning.line > 0).then_some(warning.line),
        }));
        true
    }

    /// Notes a statement SQLite ran (the driver's observer).
    pub fn trace(&self, trace: &StatementTrace) {
        if self.muted() {
            return;
        }
        if let Ok(mut traces) = self.traces.try_borrow_mut() {
            traces.push(Trace {
                sql: trace.sql.clone(),
                outcome: trace.outcome.clone(),
            });
        }
    }

    /// The output and warning events since the last call, with positions.
    pub fn take_events(&self) -> Vec<(u64, Event)> {
        self.events
            .try_borrow_mut()
            .map(|mut events| std::mem::take(&mut *events))
            .unwrap_or_default()
    }

    /// The traces since the last call.
    pub fn take_traces(&self) -> Vec<Trace> {
        self.traces
            .try_borrow_mut()
            .map(|mut traces| std::mem::take(&mut *traces))
            .unwrap_or_default()
    }
}

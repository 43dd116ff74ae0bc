//! The run report: everything the page shows about one run of a script,
//! as plain serde data. `retort-flask` builds it in the same pass as the
//! run record (`run_script_with_report`); the engine worker sends it to the
//! page, which renders it and never recomputes ORM logic.
//!
//! A run is cut into [`Step`]s, one per executed top-level statement (a
//! top-level `for` loop is one step), plus a failed step for the statement
//! that raised and a teardown step for what popping the app context did.
//! Each step holds its [`Event`]s in the order they happened — SQL
//! statements (by index into [`RunReport::statements`]), stdout, warnings,
//! the error — then a [`SessionSnapshot`] and a [`TableSnapshot`] of every
//! table whose rows the step changed, and after DDL a [`SchemaSnapshot`].
//!
//! Extending it without breaking readers: enums are `#[non_exhaustive]`
//! (a reader matches with a wildcard arm) and new fields get
//! `#[serde(default)]`. Statements have a run-wide index that later
//! entries refer to ([`NPlusOne::loads`], [`Event::Statement`]).
//!
//! The engine worker sends reports to the page as postcard bytes, a format
//! that does not describe itself: every type here must read back from the
//! order of its fields alone. So no `skip_serializing_if`, and enums keep
//! serde's external tagging (`{"stdout": {...}}`): internally, adjacently
//! or untagged enums need the format to name what it holds.

mod analysis;
mod console;
mod event;
mod listeners;
pub mod migration;
mod outcome;
mod schema;
mod session;
mod span;
mod table;
mod value;

use serde::{Deserialize, Serialize};

pub use analysis::{CascadeEffect, CascadeOp, NPlusOne, RelationshipLoad};
pub use console::ConsoleInput;
pub use event::{ErrorEvent, Event, Origin, Phase, StatementEvent, StatementKind, WarningEvent};
pub use listeners::ListenerCall;
pub use outcome::StepOutcome;
pub use schema::{ForeignKeyLink, SchemaColumn, SchemaSnapshot, SchemaTable};
pub use session::{
    AttributeValue, ChangedAttribute, ObjectSnapshot, ObjectStatus, SessionSnapshot,
};
pub use span::Span;
pub use table::TableSnapshot;
pub use value::{Shown, TypedValue};

/// The version of this format; bumped only for changes old readers
/// cannot ignore.
pub const FORMAT: u32 = 1;

/// Everything one run did, step by step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// [`FORMAT`] of the writer.
    #[serde(default)]
    pub format: u32,
    pub steps: Vec<Step>,
    /// Every statement of the run, teardown included; `statements[i].index
    /// == i`, the same order as the run record's statements.
    pub statements: Vec<StatementEvent>,
    /// Relationships lazily loaded one object at a time.
    #[serde(default)]
    pub n_plus_one: Vec<NPlusOne>,
    /// What cascades did (save-update, delete, delete-orphan, NULLing, ...).
    #[serde(default)]
    pub effects: Vec<CascadeEffect>,
    /// Every event listener call, in order.
    #[serde(default)]
    pub listener_calls: Vec<ListenerCall>,
    /// The tables the script's models and `Table`s declare (its
    /// `MetaData`), in the order `create_all` creates them.
    #[serde(default)]
    pub declared_tables: Vec<String>,
    /// The exception that ended the run (also the last event of the
    /// failed step, when it was raised by a statement that ran).
    pub error: Option<ErrorEvent>,
}

impl RunReport {
    /// The statement with this run-wide index.
    pub fn statement(&self, index: u64) -> Option<&StatementEvent> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.statements.get(i))
            .filter(|s| s.index == index)
            .or_else(|| self.statements.iter().find(|s| s.index == index))
    }

    /// Everything the script printed, in order.
    pub fn stdout(&self) -> String {
        self.steps
            .iter()
            .flat_map(|step| &step.events)
            .filter_map(|event| match event {
                Event::Stdout { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// What a step stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepKind {
    /// A top-level statement that completed.
    #[default]
    Statement,
    /// The top-level statement that raised the run's error.
    Failed,
    /// Popping the app context after the script (its final `ROLLBACK`).
    Teardown,
    /// A line typed in the console after the run ([`Step::console`]).
    Console,
    /// A line typed in the Migrations terminal (`flask db upgrade`,
    /// `python seed.py`), run on the project's database
    /// ([`Step::command`]).
    Command,
}

/// One moment of the run: a top-level statement, what it did, and the
/// state after it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The step's position in [`RunReport::steps`].
    pub index: u64,
    pub kind: StepKind,
    /// The top-level statement's source span (`None` for the teardown).
    pub span: Option<Span>,
    /// What happened, in order.
    pub events: Vec<Event>,
    /// The session after the step.
    pub session: SessionSnapshot,
    /// The tables whose rows changed in this step, after it.
    pub tables: Vec<TableSnapshot>,
    /// The database's tables after this step, when it ran DDL.
    #[serde(default)]
    pub schema: Option<SchemaSnapshot>,
    /// For a console step: the input and the REPL's answer.
    #[serde(default)]
    pub console: Option<ConsoleInput>,
    /// For a terminal step: the line as typed.
    #[serde(default)]
    pub command: Option<String>,
}

impl Step {
    /// The run-wide indices of the statements this step emitted.
    pub fn statement_indices(&self) -> impl Iterator<Item = u64> + '_ {
        self.events.iter().filter_map(|event| match event {
            Event::Statement { index } => Some(*index),
            _ => None,
        })
    }

    /// What this step printed.
    pub fn stdout(&self) -> String {
        self.events
            .iter()
            .filter_map(|event| match event {
                Event::Stdout { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// What this step printed and wrote to `sys.stderr`, interleaved as a
    /// terminal shows them.
    pub fn output(&self) -> String {
        self.events
            .iter()
            .filter_map(|event| match event {
                Event::Stdout { text } | Event::Stderr { text } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;

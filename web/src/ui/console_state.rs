//! What the console and persistent mode do to [`App`]'s state: sending a
//! console line and appending its answer to the run's report (a new step,
//! selected), the notes when a namespace ends (Stop, a new run, a reset),
//! and the kept database's switch, Reset, Export and Import.

use std::rc::Rc;

use retort_report::StepOutcome;

use super::app::{App, EngineState};
use super::browser;
use super::console::ConsoleEntry;
use super::database::{DatabaseNote, download};
use super::panels::Report;
use crate::i18n::Key;
use crate::protocol::{DatabaseOutcome, ToEngine};

/// Where persistent mode's choice is kept.
const KEEP_KEY: &str = "retort.keep";

/// The name an exported database downloads as.
const EXPORT_NAME: &str = "retort.sqlite";

/// What the learner asked of the kept database.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseAction {
    Reset,
    Export,
    Import(Vec<u8>),
}

/// Persistent mode as the learner left it (off by default).
pub fn stored_keep() -> bool {
    browser::load(KEEP_KEY).as_deref() == Some("on")
}

impl App {
    /// Sends a request made with a fresh request number, when the engine
    /// is idle; the page then waits for its answer as for a run.
    fn send_request(&mut self, make: impl FnOnce(u64) -> ToEngine) -> bool {
        if self.state != EngineState::Idle {
            return false;
        }
        let Some(client) = &self.client else {
            return false;
        };
        self.next_request += 1;
        let request = self.next_request;
        match client.send(&make(request)) {
            Ok(()) => {
                self.state = EngineState::Running { request };
                true
            }
            Err(error) => {
                self.notice = Some(super::app::Notice::EngineFailed(error));
                true
            }
        }
    }

    /// A line typed in the console.
    pub(super) fn send_console(&mut self, line: String) -> bool {
        if !self.console_alive {
            self.console.push(ConsoleEntry::Answered {
                input: retort_report::ConsoleInput {
                    source: line,
                    ..Default::default()
                },
                stdout: String::new(),
            });
            self.console.push(ConsoleEntry::Note(Key::ConsoleNoRun));
            return true;
        }
        let text = line.clone();
        if self.send_request(|request| ToEngine::Console { request, line }) {
            self.console.push(ConsoleEntry::Pending(text));
        }
        true
    }

    /// The engine's answer to a console line: the transcript, and the
    /// input's step appended to the report and selected.
    pub(super) fn console_ran(&mut self, request: u64, outcome: Option<Box<StepOutcome>>) -> bool {
        if self.state != (EngineState::Running { request }) {
            return false;
        }
        self.state = EngineState::Idle;
        let typed = match self.console.last() {
            Some(ConsoleEntry::Pending(line)) => Some(line.clone()),
            _ => None,
        };
        if typed.is_some() {
            self.console.pop();
        }
        let (Some(outcome), Some(report)) = (outcome, &self.report) else {
            self.console_alive = false;
            self.console.push(ConsoleEntry::Answered {
                input: retort_report::ConsoleInput {
                    source: typed.unwrap_or_default(),
                    ..Default::default()
                },
                stdout: String::new(),
            });
            self.console.push(ConsoleEntry::Note(Key::ConsoleNoRun));
            return true;
        };
        let stdout = outcome.step.output();
        let input = outcome.step.console.clone().unwrap_or_default();
        let mut extended = (*report.0).clone();
        extended.push_step(*outcome);
        self.step = extended.steps.len().checked_sub(1);
        self.report = Some(Report(Rc::new(extended)));
        self.showing_project = false;
        self.filter_line = None;
        self.focus_line = None;
        self.console.push(ConsoleEntry::Answered { input, stdout });
        true
    }

    /// The namespace the console used is gone (Stop, a crashed engine).
    pub(super) fn console_ended(&mut self, why: Key) {
        if matches!(self.console.last(), Some(ConsoleEntry::Pending(_))) {
            self.console.pop();
        }
        if self.console_alive {
            self.console.push(ConsoleEntry::Note(why));
        }
        self.console_alive = false;
    }

    /// A run answered: the console now works in its namespace.
    pub(super) fn console_new_run(&mut self) {
        if !self.console.is_empty() {
            self.console.push(ConsoleEntry::Note(Key::ConsoleNewRun));
        }
        self.console_alive = true;
    }

    /// Tells the engine where runs keep their data (after it starts).
    pub(super) fn send_keep(&self) {
        if let Some(client) = &self.client {
            let _ = client.send(&ToEngine::KeepDatabase { keep: self.keep });
        }
    }

    /// The "Keep the database" switch.
    pub(super) fn set_keep(&mut self, keep: bool) -> bool {
        browser::save(KEEP_KEY, if keep { "on" } else { "off" });
        self.keep = keep;
        self.db_note = None;
        // The engine ends the namespace when the place changes.
        self.console_ended(Key::ConsoleDatabaseChanged);
        self.send_keep();
        true
    }

    /// Reset, Export or Import of the kept database.
    pub(super) fn database(&mut self, action: DatabaseAction) -> bool {
        self.db_note = None;
        let sent = self.send_request(|request| match action {
            DatabaseAction::Reset => ToEngine::ResetDatabase { request },
            DatabaseAction::Export => ToEngine::ExportDatabase { request },
            DatabaseAction::Import(bytes) => ToEngine::ImportDatabase { request, bytes },
        });
        if sent {
            self.console_ended(Key::ConsoleDatabaseChanged);
        }
        sent
    }

    /// The engine's answer to Reset, Export or Import.
    pub(super) fn database_done(&mut self, request: u64, outcome: DatabaseOutcome) -> bool {
        if self.state != (EngineState::Running { request }) {
            return false;
        }
        self.state = EngineState::Idle;
        self.db_note = Some(match outcome {
            DatabaseOutcome::Reset => DatabaseNote::Done(Key::DatabaseReset),
            DatabaseOutcome::Imported => DatabaseNote::Done(Key::DatabaseImported),
            DatabaseOutcome::Exported { bytes } => match download(&bytes, EXPORT_NAME) {
                Ok(()) => DatabaseNote::Done(Key::DatabaseExported),
                Err(reason) => DatabaseNote::Failed(reason),
            },
            DatabaseOutcome::Failed { reason } => DatabaseNote::Failed(reason),
        });
        true
    }
}

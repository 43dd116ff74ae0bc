//! [`ConsoleInput`]: a `>>>` line typed after the run, evaluated in the
//! namespace the run left behind. Its step ([`crate::StepKind::Console`])
//! and statements are appended to the run's report, so the panels show
//! them as any other moment; the step refers to console input `number`
//! instead of an editor line.

use serde::{Deserialize, Serialize};

use crate::{ErrorEvent, RunReport, StatementEvent, Step};

/// One console input and what the REPL answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsoleInput {
    /// 1-based, counted over the run's console session.
    pub number: u32,
    /// What the learner typed.
    pub source: String,
    /// The `repr` of a trailing expression's value, as the REPL echoes it
    /// (`None` for statements and for a value of `None`).
    pub echo: Option<String>,
    /// The exception the input raised; the console lives on.
    pub error: Option<ErrorEvent>,
}

/// What evaluating one console input adds to the run's report: its step
/// (kind `Console`) and the statements it caused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsoleOutcome {
    pub step: Step,
    pub statements: Vec<StatementEvent>,
}

impl RunReport {
    /// Appends a console input's step and statements, renumbering the step
    /// to follow the report's last one.
    pub fn push_console(&mut self, outcome: ConsoleOutcome) {
        let ConsoleOutcome {
            mut step,
            statements,
        } = outcome;
        let index = self.steps.len() as u64;
        step.index = index;
        self.statements
            .extend(statements.into_iter().map(|statement| StatementEvent {
                step: index,
                ..statement
            }));
        self.steps.push(step);
    }
}

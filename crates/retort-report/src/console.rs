//! [`ConsoleInput`]: a `>>>` line typed after the run, evaluated in the
//! namespace the run left behind. Its step ([`crate::StepKind::Console`])
//! and statements are appended to the run's report
//! ([`crate::StepOutcome`]), so the panels show them as any other moment;
//! the step refers to console input `number` instead of an editor line.

use serde::{Deserialize, Serialize};

use crate::ErrorEvent;

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

//! The error that ended a run, as the report shows it.

use retort_python::ScriptError;
use retort_report::{ErrorEvent, Span};

use crate::ctx::Ctx;

/// `error` as an event; `statement` is the span of the top-level
/// statement that raised, when one did.
pub fn error_event(ctx: &Ctx, error: &ScriptError, statement: Option<Span>) -> ErrorEvent {
    let located = error.line > 0;
    let span = statement.or_else(|| {
        // A syntax error: nothing ran; point at the offending position.
        located.then_some(Span {
            line: error.line,
            col: error.col,
            end_line: error.line,
            end_col: error.col + 1,
        })
    });
    ErrorEvent {
        class_name: error.class_name.clone(),
        qualified_class: ctx.exceptions.qualified(&error.class_name),
        message: error.message.clone(),
        line: located.then_some(error.line),
        col: located.then_some(error.col),
        span,
        traceback: error
            .format_traceback()
            .lines()
            .map(str::to_owned)
            .collect(),
        execution_limit: error.is_execution_limit,
    }
}

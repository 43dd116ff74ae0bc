//! Checking a script's syntax without running it: the interpreter's parser
//! (ruff's, behind `retort_python::parse`) and CPython's classes, messages
//! and positions, so the editor can underline a mistake as it is typed.

use retort_python::parse::parse_module;

use crate::protocol::SyntaxProblem;

/// The first syntax error in `source`, if any.
pub fn check_syntax(source: &str) -> Option<SyntaxProblem> {
    let failure = parse_module(source).err()?;
    Some(SyntaxProblem {
        class_name: failure.class.name().to_owned(),
        message: failure.message,
        line: failure.loc.line,
        col: failure.loc.col,
        end_line: failure.loc.end_line,
        end_col: failure.loc.end_col,
    })
}

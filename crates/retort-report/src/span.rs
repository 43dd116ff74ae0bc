//! [`Span`]: a place in the script's source.

use serde::{Deserialize, Serialize};

/// A source range: 1-based lines and columns, as the interpreter reports
/// them (`end_col` is one past the last character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Span {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Span {
    /// Whether `line` lies within the span.
    pub fn contains_line(&self, line: u32) -> bool {
        (self.line..=self.end_line).contains(&line)
    }
}

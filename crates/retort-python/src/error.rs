//! Python exceptions as Rust errors ([`PyErr`]), traceback entries, and the
//! structured [`ScriptError`] the host receives for an uncaught exception.

use std::rc::Rc;

use crate::ast::Loc;
use crate::value::{Class, Value};

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

/// One line of a traceback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TracebackEntry {
    pub file: String,
    pub function: String,
    pub line: u32,
    pub col: u32,
    pub source_line: String,
}

/// Which class a not-yet-materialised exception belongs to.
#[derive(Debug, Clone)]
pub enum ErrorClass {
    /// A built-in exception class, by name (`"ValueError"`).
    Builtin(String),
    /// Any class object, including host-defined exception classes.
    Class(Rc<Class>),
}

/// What was raised.
#[derive(Debug, Clone)]
pub enum Raised {
    /// An exception described by class and arguments, turned into an
    /// instance only when Python code needs to see it.
    Pending { class: ErrorClass, args: Vec<Value> },
    /// An exception instance.
    Object(Value),
}

/// A raised Python exception travelling up the Rust stack.
#[derive(Debug, Clone)]
pub struct PyErr(Box<PyErrInner>);

#[derive(Debug, Clone)]
struct PyErrInner {
    raised: Raised,
    traceback: Option<Vec<TracebackEntry>>,
    limit: bool,
    cause: Option<Value>,
    chained: Option<(PyErr, bool)>,
}

impl PyErr {
    /// Raises the built-in exception `class_name` with a message.
    pub fn new(class_name: &str, message: impl Into<String>) -> PyErr {
        PyErr::with_args(
            ErrorClass::Builtin(class_name.to_string()),
            vec![Value::str(message.into())],
        )
    }

    /// Raises an exception of `class` (e.g. a host-defined exception class) with a message.
    pub fn from_class(class: &Rc<Class>, message: impl Into<String>) -> PyErr {
        PyErr::with_args(
            ErrorClass::Class(class.clone()),
            vec![Value::str(message.into())],
        )
    }

    /// Raises an exception of `class` with arbitrary constructor arguments.
    pub fn with_args(class: ErrorClass, args: Vec<Value>) -> PyErr {
        PyErr(Box::new(PyErrInner {
            raised: Raised::Pending { class, args },
            traceback: None,
            limit: false,
            cause: None,
            chained: None,
        }))
    }

    /// Raises an existing exception instance.
    pub fn from_value(exception: Value) -> PyErr {
        PyErr(Box::new(PyErrInner {
            raised: Raised::Object(exception),
            traceback: None,
            limit: false,
            cause: None,
            chained: None,
        }))
    }

    /// `TypeError(message)`.
    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new("TypeError", message)
    }

    /// `ValueError(message)`.
    pub fn value_error(message: impl Into<String>) -> PyErr {
        PyErr::new("ValueError", message)
    }

    /// `AttributeError(message)`.
    pub fn attribute_error(message: impl Into<String>) -> PyErr {
        PyErr::new("AttributeError", message)
    }

    /// `KeyError(key)`.
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(ErrorClass::Builtin("KeyError".into()), vec![key])
    }

    /// `IndexError(message)`.
    pub fn index_error(message: impl Into<String>) -> PyErr {
        PyErr::new("IndexError", message)
    }

    /// `MemoryError(message)`.
    pub fn memory_error(message: impl Into<String>) -> PyErr {
        PyErr::new("MemoryError", message)
    }

    /// `OverflowError(message)`.
    pub fn overflow_error(message: impl Into<String>) -> PyErr {
        PyErr::new("OverflowError", message)
    }

    /// `ZeroDivisionError(message)`.
    pub fn zero_division(message: impl Into<String>) -> PyErr {
        PyErr::new("ZeroDivisionError", message)
    }

    /// An execution-limit error: `except` clauses never catch it.
    pub fn execution_limit(message: impl Into<String>) -> PyErr {
        let mut error = PyErr::new("ExecutionLimitError", message);
        error.0.limit = true;
        error
    }

    /// Whether this error is an execution limit that Python code cannot catch.
    pub fn is_execution_limit(&self) -> bool {
        self.0.limit
    }

    /// What was raised.
    pub fn raised(&self) -> &Raised {
        &self.0.raised
    }

    /// Replaces what was raised (after materialisation).
    pub fn set_raised(&mut self, raised: Raised) {
        self.0.raised = raised;
    }

    /// The traceback, once the interpreter has recorded it.
    pub fn traceback(&self) -> Option<&[TracebackEntry]> {
        self.0.traceback.as_deref()
    }

    /// Records the traceback if none is recorded yet.
    pub fn fill_traceback(&mut self, make: impl FnOnce() -> Vec<TracebackEntry>) {
        if self.0.traceback.is_none() {
            self.0.traceback = Some(make());
        }
    }

    /// Drops the outermost `frames` traceback entries: a caught exception's
    /// traceback starts at the frame that caught it, as in CPython.
    pub fn trim_traceback(&mut self, frames: usize) {
        if let Some(traceback) = &mut self.0.traceback {
            traceback.drain(..frames.min(traceback.len()));
        }
    }

    /// Drops the recorded traceback (used when an exception is raised anew).
    pub fn clear_traceback(&mut self) {
        self.0.traceback = None;
    }

    /// Sets `__cause__` (`raise X from Y`).
    pub fn set_cause(&mut self, cause: Value) {
        self.0.cause = Some(cause);
    }

    /// Links the exception this one was raised from (`direct`, for
    /// `raise X from Y`) or while handling (`__context__`).
    pub fn set_chained(&mut self, previous: PyErr, direct: bool) {
        if self.0.chained.is_none() {
            self.0.chained = Some((previous, direct));
        }
    }

    /// The chained exception and whether it is a direct cause.
    pub fn chained(&self) -> Option<(&PyErr, bool)> {
        self.0
            .chained
            .as_ref()
            .map(|(error, direct)| (error, *direct))
    }

    /// The `__cause__`, if any.
    pub fn cause(&self) -> Option<&Value> {
        self.0.cause.as_ref()
    }

    /// The class name without materialising.
    pub fn class_name(&self) -> String {
        match &self.0.raised {
            Raised::Pending {
                class: ErrorClass::Builtin(name),
                ..
            } => name.clone(),
            Raised::Pending {
                class: ErrorClass::Class(class),
                ..
            } => class.name.to_string(),
            Raised::Object(value) => value.type_name(),
        }
    }
}

/// An uncaught exception or a syntax error, as the host receives it.
#[derive(Debug, Clone)]
pub struct ScriptError {
    /// `type(e).__name__`, e.g. `"ValueError"`.
    pub class_name: String,
    /// `str(e)`.
    pub message: String,
    /// 1-based line of the statement or expression that raised.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
    /// Outermost frame first, as CPython prints it.
    pub traceback: Vec<TracebackEntry>,
    /// The exception instance, when one exists (not for syntax errors).
    pub exception: Option<Value>,
    /// Whether this is a step, memory or time budget stop rather than a Python error.
    pub is_execution_limit: bool,
    /// For syntax errors: the offending source line.
    pub syntax_source_line: Option<String>,
    /// For syntax errors: where the offending range ends (1-based line and
    /// exclusive column), CPython's `end_lineno`/`end_offset`.
    pub syntax_end: Option<(u32, u32)>,
    /// The exception this one was raised from (`true`: `raise ... from`)
    /// or during whose handling it occurred (`false`).
    pub chained: Option<(Box<ScriptError>, bool)>,
}

impl ScriptError {
    /// A syntax error at `loc`.
    pub fn syntax(message: String, loc: Loc, file: &str, source: &str) -> ScriptError {
        Self::syntax_of_class("SyntaxError", message, loc, file, source)
    }

    /// The error for source text that does not parse: `SyntaxError`,
    /// `IndentationError` or `TabError`, located as CPython locates it.
    pub fn from_parse_failure(
        failure: crate::parse::ParseFailure,
        file: &str,
        source: &str,
    ) -> ScriptError {
        Self::syntax_of_class(
            failure.class.name(),
            failure.message,
            failure.loc,
            file,
            source,
        )
    }

    fn syntax_of_class(
        class_name: &str,
        message: String,
        loc: Loc,
        file: &str,
        source: &str,
    ) -> ScriptError {
        let source_line = source
            .lines()
            .nth(loc.line.saturating_sub(1) as usize)
            .unwrap_or_default()
            .to_string();
        ScriptError {
            class_name: class_name.into(),
            message,
            line: loc.line,
            col: loc.col,
            traceback: vec![TracebackEntry {
                file: file.to_string(),
                function: "<module>".into(),
                line: loc.line,
                col: loc.col,
                source_line: source_line.clone(),
            }],
            exception: None,
            is_execution_limit: false,
            syntax_source_line: Some(source_line),
            syntax_end: Some((loc.end_line, loc.end_col)),
            chained: None,
        }
    }

    /// The last line CPython prints: `ValueError: message` (or just the class name).
    pub fn summary(&self) -> String {
        if self.message.is_empty() {
            self.class_name.clone()
        } else {
            format!("{}: {}", self.class_name, self.message)
        }
    }

    /// Formats the error exactly in CPython's shape.
    pub fn format_traceback(&self) -> String {
        let mut out = String::new();
        if let Some(source_line) = &self.syntax_source_line {
            let file = self
                .traceback
                .first()
                .map_or("<script>", |entry| entry.file.as_str());
            out.push_str(&format!("  File \"{file}\", line {}\n", self.line));
            // Only `SyntaxError` itself shows a range, as in CPython.
            let end = match self.syntax_end {
                Some(end) if self.class_name == "SyntaxError" => Some(end),
                _ => None,
            };
            push_error_text(&mut out, source_line, self.line, self.col, end);
            out.push_str(&self.summary());
            out.push('\n');
            return out;
        }
        if let Some((previous, direct)) = &self.chained {
            out.push_str(&previous.format_traceback());
            out.push_str(if *direct {
                "\nThe above exception was the direct cause of the following exception:\n\n"
            } else {
                "\nDuring handling of the above exception, another exception occurred:\n\n"
            });
        }
        out.push_str("Traceback (most recent call last):\n");
        for entry in &self.traceback {
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                entry.file, entry.line, entry.function
            ));
            let text = entry.source_line.trim();
            if !text.is_empty() {
                out.push_str(&format!("    {text}\n"));
            }
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }
}

/// The source line and caret line of a syntax error, as CPython 3.11's
/// `print_error_text` writes them: leading whitespace stripped, carets from
/// `col` to the end column (to the end of the line when the range goes on
/// to another line), none when the column falls inside the indentation.
fn push_error_text(out: &mut String, text: &str, line: u32, col: u32, end: Option<(u32, u32)>) {
    let text = text.trim_end_matches(['\n', '\r']);
    let line_size = text.chars().count() as i64 + 1;
    let offset = i64::from(col);
    let end_offset = match end {
        Some((end_line, _)) if end_line > line => line_size,
        Some((_, end_col)) => i64::from(end_col).min(line_size + 1),
        None => -1,
    };
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset - offset
    } else {
        1
    };
    let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
    let indent = (text.chars().count() - stripped.chars().count()) as i64;
    let caret_col = (offset - 1 - indent).min(stripped.chars().count() as i64);
    out.push_str(&format!("    {stripped}\n"));
    if caret_col >= 0 {
        out.push_str("    ");
        out.push_str(&" ".repeat(caret_col as usize));
        out.push_str(&"^".repeat(carets as usize));
        out.push('\n');
    }
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (line {})", self.summary(), self.line)
    }
}

impl std::error::Error for ScriptError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traceback_has_cpython_shape() {
        let error = ScriptError {
            class_name: "ValueError".into(),
            message: "bad".into(),
            line: 3,
            col: 5,
            traceback: vec![
                TracebackEntry {
                    file: "<script>".into(),
                    function: "<module>".into(),
                    line: 5,
                    col: 1,
                    source_line: "f()".into(),
                },
                TracebackEntry {
                    file: "<script>".into(),
                    function: "f".into(),
                    line: 3,
                    col: 5,
                    source_line: "    raise ValueError('bad')".into(),
                },
            ],
            exception: None,
            is_execution_limit: false,
            syntax_source_line: None,
            syntax_end: None,
            chained: None,
        };
        assert_eq!(
            error.format_traceback(),
            "Traceback (most recent call last):\n  File \"<script>\", line 5, in <module>\n    f()\n  File \"<script>\", line 3, in f\n    raise ValueError('bad')\nValueError: bad\n"
        );
    }

    #[test]
    fn syntax_error_points_at_column() {
        let error = ScriptError::syntax(
            "invalid syntax".into(),
            Loc {
                line: 1,
                col: 5,
                end_line: 1,
                end_col: 6,
            },
            "<script>",
            "x = = 1",
        );
        assert_eq!(
            error.format_traceback(),
            "  File \"<script>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
        );
    }
}

//! The only module that knows the parser crate: it parses source text with
//! `ruff_python_parser` and converts the result into [`crate::ast`], rejecting
//! syntax Retort does not run with a located message, and explaining syntax
//! errors with CPython 3.11's messages (`diagnose`). Swapping the parser
//! crate means rewriting this module alone.

use ruff_text_size::TextRange;

use crate::ast::{Loc, Stmt};

mod diagnose;
mod expressions;
mod placement;
mod statements;

/// The deepest bracket nesting accepted, like CPython's parser limit.
pub const MAX_PAREN_NESTING: usize = 200;
/// The deepest expression nesting accepted after parsing.
pub const MAX_EXPR_NESTING: usize = 200;

/// The exception class of a syntax error, as CPython chooses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorClass {
    Syntax,
    Indentation,
    Tab,
}

impl SyntaxErrorClass {
    /// The class name: `SyntaxError`, `IndentationError` or `TabError`.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorClass::Syntax => "SyntaxError",
            SyntaxErrorClass::Indentation => "IndentationError",
            SyntaxErrorClass::Tab => "TabError",
        }
    }
}

/// Why source text could not be turned into a syntax tree. `loc` is where
/// CPython puts the error; its end is CPython's `end_lineno`/`end_offset`
/// (equal to the start when CPython has no range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseFailure {
    pub class: SyntaxErrorClass,
    pub message: String,
    pub loc: Loc,
}

impl ParseFailure {
    /// A `SyntaxError` at `loc`.
    pub fn syntax(message: impl Into<String>, loc: Loc) -> ParseFailure {
        ParseFailure {
            class: SyntaxErrorClass::Syntax,
            message: message.into(),
            loc,
        }
    }
}

/// Parses a whole module.
pub fn parse_module(source: &str) -> Result<Vec<Stmt>, ParseFailure> {
    let lines = LineIndex::new(source);
    check_nesting(source, &lines)?;
    let parsed =
        ruff_python_parser::parse_unchecked_source(source, ruff_python_ast::PySourceType::Python);
    if !parsed.has_valid_syntax() {
        return Err(diagnose::diagnose(source, &lines, parsed.errors()));
    }
    let module = parsed.into_syntax();
    placement::check(&module.body, &lines)?;
    let converter = Converter {
        lines: &lines,
        source,
    };
    let mut body = Vec::with_capacity(module.body.len());
    for stmt in module.body {
        body.push(converter.stmt(stmt)?);
    }
    Ok(body)
}

/// Maps byte offsets to 1-based lines and character columns.
struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(source: &'a str) -> Self {
        let mut starts = vec![0];
        for (offset, byte) in source.bytes().enumerate() {
            if byte == b'\n' {
                starts.push(offset + 1);
            }
        }
        LineIndex { source, starts }
    }

    fn position(&self, offset: usize) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = self
            .source
            .get(start..offset)
            .map_or(0, |text| text.chars().count());
        (line as u32 + 1, column as u32 + 1)
    }

    pub(super) fn loc(&self, range: TextRange) -> Loc {
        self.span(range.start().to_usize(), range.end().to_usize())
    }

    /// The location of the byte range `start..end`.
    fn span(&self, start: usize, end: usize) -> Loc {
        let (line, col) = self.position(start);
        let (end_line, end_col) = self.position(end);
        Loc {
            line,
            col,
            end_line,
            end_col,
        }
    }

    /// The text of 1-based line `line`, without its line break.
    fn line_text(&self, line: u32) -> &'a str {
        let index = (line as usize).saturating_sub(1);
        let start = self.starts.get(index).copied().unwrap_or(self.source.len());
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.source.len(), |next| next.saturating_sub(1));
        let text = self.source.get(start..end).unwrap_or_default();
        text.strip_suffix('\r').unwrap_or(text)
    }

    /// The number of the last line, where CPython reports what it finds at
    /// the end of the input (a final line break does not start a line).
    fn last_line(&self) -> u32 {
        let breaks = self.starts.len() - 1;
        let last = if self.source.ends_with('\n') || breaks == 0 {
            breaks.max(1)
        } else {
            breaks + 1
        };
        last as u32
    }

    /// Where CPython reports an error found at the end of the input: just
    /// past the last line's text.
    fn end_of_input(&self) -> Loc {
        let line = self.last_line();
        let col = self.line_text(line).chars().count() as u32 + 1;
        Loc {
            line,
            col,
            end_line: line,
            end_col: col,
        }
    }
}

/// The longest run of prefix operators (`-`, `+`, `~`, `not`) accepted.
pub const MAX_UNARY_RUN: usize = 100;

/// Rejects source the recursive-descent parser could not handle within the
/// native stack: bracket nesting deeper than [`MAX_PAREN_NESTING`] and runs
/// of prefix operators longer than [`MAX_UNARY_RUN`].
fn check_nesting(source: &str, lines: &LineIndex) -> Result<(), ParseFailure> {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut unary_run = 0usize;
    let mut index = 0;
    let fail = |index: usize, message: &str| {
        let loc = lines.loc(TextRange::new(
            (index as u32).into(),
            (index as u32 + 1).into(),
        ));
        Err(ParseFailure::syntax(message, loc))
    };
    while let Some(&byte) = bytes.get(index) {
        match byte {
            b'#' => {
                while bytes.get(index).is_some_and(|b| *b != b'\n') {
                    index += 1;
                }
            }
            b'\'' | b'"' => {
                unary_run = 0;
                let triple =
                    bytes.get(index + 1) == Some(&byte) && bytes.get(index + 2) == Some(&byte);
                let quote_len = if triple { 3 } else { 1 };
                index += quote_len;
                while let Some(&inner) = bytes.get(index) {
                    if inner == b'\\' {
                        index += 2;
                        continue;
                    }
                    if inner == byte
                        && (!triple
                            || (bytes.get(index + 1) == Some(&byte)
                                && bytes.get(index + 2) == Some(&byte)))
                    {
                        index += quote_len - 1;
                        break;
                    }
                    if inner == b'\n' && !triple {
                        break;
                    }
                    index += 1;
                }
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_PAREN_NESTING {
                    return fail(index, "too many nested parentheses");
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                unary_run = 0;
            }
            b'-' | b'+' | b'~' => {
                unary_run += 1;
                if unary_run > MAX_UNARY_RUN {
                    return fail(index, "too many nested unary operators");
                }
            }
            b'n' if source.get(index..index + 4) == Some("not ")
                && (index == 0
                    || bytes
                        .get(index - 1)
                        .is_some_and(|b| !b.is_ascii_alphanumeric() && *b != b'_')) =>
            {
                unary_run += 1;
                if unary_run > MAX_UNARY_RUN {
                    return fail(index, "too many nested unary operators");
                }
                index += 3;
            }
            b' ' | b'\t' | b'\r' | b'\\' => {}
            _ => unary_run = 0,
        }
        index += 1;
    }
    Ok(())
}

struct Converter<'a> {
    lines: &'a LineIndex<'a>,
    source: &'a str,
}

type Converted<T> = Result<T, ParseFailure>;

impl Converter<'_> {
    pub(super) fn loc(&self, range: TextRange) -> Loc {
        self.lines.loc(range)
    }

    pub(super) fn unsupported<T>(&self, range: TextRange, feature: &str) -> Converted<T> {
        Err(ParseFailure::syntax(
            format!("Retort does not support {feature}"),
            self.loc(range),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::{ExprKind, StmtKind};

    #[test]
    fn syntax_error_has_one_based_location() {
        let failure = parse_module("x = 1\ny = (2 +\n").unwrap_err();
        assert_eq!(failure.message, "'(' was never closed");
        assert_eq!((failure.loc.line, failure.loc.col), (2, 5));
    }

    #[test]
    fn yield_is_rejected_with_location() {
        let failure = parse_module("def f():\n    yield 1\n").unwrap_err();
        assert_eq!(failure.loc.line, 2);
        assert!(failure.message.contains("generators"));
    }

    #[test]
    fn deep_parentheses_are_rejected_before_parsing() {
        let source = format!("x = {}1{}", "(".repeat(300), ")".repeat(300));
        let failure = parse_module(&source).unwrap_err();
        assert_eq!(failure.message, "too many nested parentheses");
    }

    #[test]
    fn long_runs_of_unary_operators_are_rejected() {
        let failure = parse_module(&format!("x = {}1", "-".repeat(300))).unwrap_err();
        assert_eq!(failure.message, "too many nested unary operators");
        let failure = parse_module(&format!("x = {}y", "not ".repeat(300))).unwrap_err();
        assert_eq!(failure.message, "too many nested unary operators");
        assert!(parse_module("x = 1 - -2 + +3 - ~4\ny = not not z\n").is_ok());
    }

    #[test]
    fn long_sums_are_flat() {
        let source = format!("x = 1{}", "+1".repeat(5000));
        let body = parse_module(&source).unwrap();
        let StmtKind::Assign { value, .. } = &body[0].kind else {
            panic!("not an assignment")
        };
        let ExprKind::BinChain { rest, .. } = &value.kind else {
            panic!("not a chain")
        };
        assert_eq!(rest.len(), 5000);
    }

    #[test]
    fn columns_count_characters() {
        let failure = parse_module("s = '张三' +\n").unwrap_err();
        assert_eq!(failure.loc.line, 1);
    }
}

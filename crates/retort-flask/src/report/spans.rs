//! Source spans for the report: a top-level statement's, and the line a
//! statement's cause token names.

use retort_python::Loc;
use retort_report::Span;

/// The span of an interpreter location.
pub fn from_loc(loc: Loc) -> Span {
    Span {
        line: loc.line,
        col: loc.col,
        end_line: loc.end_line,
        end_col: loc.end_col,
    }
}

/// The script's lines, to turn a line number into a span.
#[derive(Debug, Clone, Default)]
pub struct SourceLines {
    lines: Vec<String>,
}

impl SourceLines {
    pub fn new(source: &str) -> SourceLines {
        SourceLines {
            lines: source.lines().map(str::to_owned).collect(),
        }
    }

    /// Line `line` (1-based) without its indentation and trailing blanks;
    /// `None` for a line the script does not have.
    pub fn line_span(&self, line: u64) -> Option<Span> {
        let number = u32::try_from(line).ok().filter(|n| *n > 0)?;
        let text = self.lines.get(usize::try_from(number - 1).ok()?)?;
        let indent = text.chars().take_while(|c| c.is_whitespace()).count();
        let end = text.trim_end().chars().count();
        Some(Span {
            line: number,
            col: u32::try_from(indent + 1).unwrap_or(u32::MAX),
            end_line: number,
            end_col: u32::try_from(end.max(indent) + 1).unwrap_or(u32::MAX),
        })
    }
}

/// The span of the `index`-th top-level statement of `source` (0-based),
/// found by parsing it again: the interpreter reports completed statements
/// only, and this is the one that raised. Only called when a run fails.
pub fn top_level_statement(source: &str, index: usize) -> Option<Span> {
    let body = retort_python::parse::parse_module(source).ok()?;
    body.get(index).map(|stmt| from_loc(stmt.loc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_span_skips_indentation() {
        let lines = SourceLines::new("x = 1\n    db.session.commit()  \n");
        let span = lines.line_span(2).unwrap();
        assert_eq!((span.line, span.col, span.end_col), (2, 5, 24));
        assert_eq!(lines.line_span(0), None);
        assert_eq!(lines.line_span(9), None);
    }

    #[test]
    fn the_nth_top_level_statement() {
        let source = "a = 1\nfor i in range(2):\n    print(i)\nb = 2\n";
        let span = top_level_statement(source, 1).unwrap();
        assert_eq!((span.line, span.end_line), (2, 3));
        assert_eq!(top_level_statement(source, 5), None);
    }
}

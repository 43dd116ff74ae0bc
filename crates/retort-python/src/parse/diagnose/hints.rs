//! CPython's specific parser messages, chosen from the parser crate's
//! error and the tokens around it: a missing `:`, a block that is not
//! indented, an unexpected indent, `print x`, a forgotten comma, argument
//! order, and a few more. Assignment-target messages live in `targets`.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{ParseError, ParseErrorType};
use ruff_text_size::TextRange;

use super::super::{ParseFailure, SyntaxErrorClass};
use super::cursor::Cursor;
use super::targets;
use super::tokens::Kind;

/// CPython's message for the parser crate's error, if one is known: a
/// message specific to the error, or one CPython's parser raises for the
/// statement before it reaches the point of failure.
pub(super) fn explain(cursor: &Cursor, error: &ParseError) -> Option<ParseFailure> {
    specific(cursor, error).or_else(|| {
        let at = cursor.at(error.location.start().to_usize())?;
        let line = cursor.line_start(at);
        (line..=at)
            .find_map(|index| {
                targets::equals_in_condition(cursor, index)
                    .or_else(|| forgotten_comma(cursor, index))
            })
            .or_else(|| targets::assignment_targets(cursor, at))
            .or_else(|| forced_colon(cursor, at, &error.error))
    })
}

fn specific(cursor: &Cursor, error: &ParseError) -> Option<ParseFailure> {
    let range = error.location;
    let offset = range.start().to_usize();
    let at = cursor.at(offset);
    match &error.error {
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Lpar,
            ..
        } => missing_parameters(cursor, at?),
        ParseErrorType::ExpectedToken {
            found: TokenKind::Equal,
            ..
        } => targets::equals_in_condition(cursor, at?),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            found: TokenKind::Newline,
        } => missing_colon(cursor, at?),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Comma,
            ..
        } => forgotten_comma(cursor, at?),
        ParseErrorType::OtherError(text) if text.starts_with("Expected an indented block") => {
            Some(indented_block(cursor, at))
        }
        ParseErrorType::OtherError(text) if text.starts_with("Expected `except` or `finally`") => {
            located(cursor, range, "expected 'except' or 'finally' block")
        }
        ParseErrorType::OtherError(text) if text.starts_with("Only single target") => {
            let at = at?;
            annotation(
                cursor,
                at,
                "only single target (not tuple) can be annotated",
                cursor.token_loc(at),
            )
        }
        ParseErrorType::OtherError(text) if text == "Expected a parameter name" => {
            targets::keyword_argument(cursor, range)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            let loc = cursor.span(offset, range.end().to_usize());
            annotation(cursor, at?, "illegal target for annotation", loc)
        }
        ParseErrorType::UnexpectedIndentation => Some(unexpected_indent(cursor, at?)),
        ParseErrorType::SimpleStatementsOnSameLine => legacy_print(cursor, at?),
        ParseErrorType::PositionalAfterKeywordArgument => Some(argument_order(
            cursor,
            at?,
            "positional argument follows keyword argument",
        )),
        ParseErrorType::PositionalAfterKeywordUnpacking => Some(argument_order(
            cursor,
            at?,
            "positional argument follows keyword argument unpacking",
        )),
        ParseErrorType::NonDefaultParamAfterDefaultParam => located(
            cursor,
            range,
            "non-default argument follows default argument",
        ),
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget
        | ParseErrorType::InvalidNamedAssignmentTarget => {
            targets::invalid_target(cursor, &error.error, range)
        }
        // Retort leaves out the Unicode name database (patches/unicode_names2),
        // so every `\N{NAME}` escape lands here: say so instead of CPython's
        // "unknown Unicode character name", which would be wrong for a real
        // name.
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::UnicodeError) => located(
            cursor,
            range,
            "(unicode error) Retort does not support \\N{...} escapes: write the character itself",
        ),
        ParseErrorType::Lexical(ruff_python_parser::LexicalErrorType::Eof) => Some(
            ParseFailure::syntax("unexpected EOF while parsing", cursor.lines.end_of_input()),
        ),
        _ => None,
    }
}

fn located(cursor: &Cursor, range: TextRange, message: &str) -> Option<ParseFailure> {
    Some(ParseFailure::syntax(
        message,
        cursor.span(range.start().to_usize(), range.end().to_usize()),
    ))
}

/// An annotated assignment whose target cannot be annotated. Without an
/// annotation after the `:`, CPython only says "invalid syntax" there.
fn annotation(
    cursor: &Cursor,
    at: usize,
    message: &str,
    loc: crate::ast::Loc,
) -> Option<ParseFailure> {
    let depth = cursor.depth(at);
    let colon = (at..cursor.tokens.len())
        .find(|&i| cursor.depth(i) == depth && matches!(cursor.text(i), ":" | "="))
        .filter(|&i| cursor.text(i) == ":")?;
    if cursor
        .kind(colon + 1)
        .is_none_or(|kind| kind == Kind::Newline)
    {
        return Some(ParseFailure::syntax(
            "invalid syntax",
            cursor.token_loc(colon),
        ));
    }
    Some(ParseFailure::syntax(message, loc))
}

/// The statements whose header ends with a `:` and a block.
fn compound_keyword(keyword: &str) -> bool {
    matches!(
        keyword,
        "if" | "elif"
            | "else"
            | "while"
            | "for"
            | "def"
            | "class"
            | "try"
            | "except"
            | "finally"
            | "with"
    )
}

/// The first token of a statement, past `async`.
fn statement_keyword<'a>(cursor: &'a Cursor, first: usize) -> &'a str {
    match cursor.text(first) {
        "async" => cursor.text(first + 1),
        other => other,
    }
}

/// `if x > 0` at the end of a line: "expected ':'" where the `:` belongs.
fn missing_colon(cursor: &Cursor, newline: usize) -> Option<ParseFailure> {
    if cursor.kind(newline) != Some(Kind::Newline) {
        return None;
    }
    let first = cursor.line_start(newline);
    compound_keyword(statement_keyword(cursor, first))
        .then(|| ParseFailure::syntax("expected ':'", cursor.token_loc(newline)))
}

/// `def f() return 1`, `try pass`: after `def ...)`, `try`, `else` and
/// `finally` CPython demands the `:` whatever comes instead.
fn forced_colon(cursor: &Cursor, at: usize, error: &ParseErrorType) -> Option<ParseFailure> {
    let expects_colon = matches!(
        error,
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            ..
        }
    );
    let keyword = statement_keyword(cursor, cursor.line_start(at));
    (expects_colon && matches!(keyword, "def" | "try" | "else" | "finally"))
        .then(|| ParseFailure::syntax("expected ':'", cursor.token_loc(at)))
}

/// `def f:`: "expected '('".
fn missing_parameters(cursor: &Cursor, at: usize) -> Option<ParseFailure> {
    let is_def = at >= 2 && cursor.text(at - 2) == "def" && cursor.kind(at - 1) == Some(Kind::Name);
    is_def.then(|| ParseFailure::syntax("expected '('", cursor.token_loc(at)))
}

/// A header whose block is missing: "expected an indented block after
/// 'if' statement on line N", at the next statement (column 0 when that
/// statement is dedented), or at the end of the input.
fn indented_block(cursor: &Cursor, at: Option<usize>) -> ParseFailure {
    let last = cursor.tokens.len().saturating_sub(1);
    let (header, next) = match at {
        Some(index) if cursor.kind(index) == Some(Kind::Newline) => {
            (cursor.line_start(index), Some(index + 1))
        }
        Some(index) => (cursor.line_start(index.saturating_sub(1)), Some(index)),
        None => (cursor.line_start(last), None),
    };
    let next = next.filter(|&index| cursor.token(index).is_some());
    let keyword_index = if cursor.text(header) == "async" {
        header + 1
    } else {
        header
    };
    let what = match cursor.text(keyword_index) {
        "def" => Some("function definition".to_string()),
        "class" => Some("class definition".to_string()),
        keyword if compound_keyword(keyword) => Some(format!("'{keyword}' statement")),
        _ => None,
    };
    let message = match (what, cursor.token(keyword_index)) {
        (Some(what), Some(token)) => {
            let (line, _) = cursor.lines.position(token.start);
            format!("expected an indented block after {what} on line {line}")
        }
        _ => "expected an indented block".to_string(),
    };
    let column = |index: usize| {
        cursor
            .token(index)
            .map_or(0, |token| cursor.lines.position(token.start).1)
    };
    let loc = match next {
        Some(index) if column(index) < column(header) => {
            let line = cursor.token_loc(index).line;
            crate::ast::Loc {
                line,
                col: 0,
                end_line: line,
                end_col: 0,
            }
        }
        Some(index) => cursor.token_loc(index),
        None => cursor.lines.end_of_input(),
    };
    ParseFailure {
        class: SyntaxErrorClass::Indentation,
        message,
        loc,
    }
}

/// A line indented for no reason: "unexpected indent", with CPython's
/// column (the width of the indentation).
fn unexpected_indent(cursor: &Cursor, at: usize) -> ParseFailure {
    let first = cursor.line_start(at);
    let (line, col) = cursor
        .token(first)
        .map_or((1, 1), |token| cursor.lines.position(token.start));
    let col = col.saturating_sub(1).max(1);
    ParseFailure {
        class: SyntaxErrorClass::Indentation,
        message: "unexpected indent".into(),
        loc: crate::ast::Loc {
            line,
            col,
            end_line: line,
            end_col: col,
        },
    }
}

/// `print "x"`: "Missing parentheses in call to 'print'. Did you mean
/// print(...)?", over the name and the expressions after it.
fn legacy_print(cursor: &Cursor, at: usize) -> Option<ParseFailure> {
    let name = at.checked_sub(1)?;
    let name_text = cursor.text(name);
    let follows_dot = name > 0 && cursor.text(name - 1) == ".";
    let starts_operand = cursor.is_atom(at) || matches!(cursor.text(at), "{" | "-" | "+" | "~");
    if !matches!(name_text, "print" | "exec") || follows_dot || !starts_operand {
        return None;
    }
    let mut end = cursor.expression_end(at, false);
    while cursor.text(end) == "," {
        let next = cursor.expression_end(end + 1, false);
        if next == end + 1 {
            end = next;
            break;
        }
        end = next;
    }
    let start = cursor.token(name)?.start;
    let stop = cursor.token(end.checked_sub(1)?)?.end;
    Some(ParseFailure::syntax(
        format!("Missing parentheses in call to '{name_text}'. Did you mean {name_text}(...)?"),
        cursor.span(start, stop),
    ))
}

/// `[1 2]`: "invalid syntax. Perhaps you forgot a comma?", from the start
/// of the expression before the gap to the end of the one after it. Only
/// inside brackets, not in a parameter list, not after `name'string'`, and
/// `print x` is reported as a missing call instead.
fn forgotten_comma(cursor: &Cursor, at: usize) -> Option<ParseFailure> {
    let depth = cursor.depth(at);
    let previous = at.checked_sub(1)?;
    let concatenation =
        cursor.kind(at) == Some(Kind::String) && cursor.kind(previous) == Some(Kind::String);
    if depth == 0 || concatenation || !cursor.is_atom(at) || !cursor.ends_operand(previous) {
        return None;
    }
    let mut first = previous;
    while first > 0 {
        let before = first - 1;
        let inside = cursor.depth(before) > depth;
        let stops = cursor.depth(before) < depth
            || cursor.kind(before) == Some(Kind::Newline)
            || matches!(
                cursor.text(before),
                "," | ":"
                    | "="
                    | ":="
                    | ";"
                    | "*"
                    | "**"
                    | "lambda"
                    | "for"
                    | "if"
                    | "else"
                    | "yield"
                    | "return"
            );
        if !inside && stops {
            break;
        }
        first = before;
    }
    if first == previous && matches!(cursor.text(first), "print" | "exec") {
        return legacy_print(cursor, at);
    }
    let opener = (0..first).rev().find(|&i| cursor.depth(i) < depth);
    let in_parameters = opener.is_some_and(|open| open >= 2 && cursor.text(open - 2) == "def");
    let name_then_string =
        cursor.kind(first) == Some(Kind::Name) && cursor.kind(first + 1) == Some(Kind::String);
    let soft_keyword = matches!(cursor.text(first), "match" | "case" | "_");
    if in_parameters || name_then_string || soft_keyword {
        return None;
    }
    let end = cursor.expression_end(at, false);
    let start = cursor.token(first)?.start;
    let stop = cursor.token(end.checked_sub(1)?)?.end;
    Some(ParseFailure::syntax(
        "invalid syntax. Perhaps you forgot a comma?",
        cursor.span(start, stop),
    ))
}

/// Argument-order errors, which CPython reports at the call's `)`; a
/// positional argument that is really a missing comma (`a=1, b c`) is
/// reported as that.
fn argument_order(cursor: &Cursor, at: usize, message: &str) -> ParseFailure {
    let after = cursor.expression_end(at, false);
    if let Some(comma) = forgotten_comma(cursor, after) {
        return comma;
    }
    let depth = cursor.depth(at);
    let closer = (at..cursor.tokens.len()).find(|&i| cursor.depth(i) < depth);
    let loc = match closer {
        Some(index) => cursor.token_loc(index),
        None => cursor.token_loc(at),
    };
    ParseFailure::syntax(message, loc)
}

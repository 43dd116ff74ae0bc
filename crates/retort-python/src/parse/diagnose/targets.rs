//! CPython's messages for assigning to what cannot be assigned to
//! (`f() = 1`, `for f() in x`, `del f()`, `f() += 1`, `(a.b := 1)`), and
//! for `=` written where `==` was meant (`if x = 1:`), with CPython's names
//! for kinds of expressions.

use ruff_python_ast as py;
use ruff_python_parser::ParseErrorType;
use ruff_text_size::TextRange;

use super::super::ParseFailure;
use super::cursor::Cursor;
use super::tokens::Kind;

/// What an assignment target is, in CPython's words.
struct Target {
    /// CPython's name for the expression (`_PyPegen_get_expr_name`).
    name: &'static str,
    is_name: bool,
    /// Whether CPython suggests `==` for it: a `bitwise_or` that is not a
    /// list, tuple, generator, `True`, `False` or `None`.
    suggests_equality: bool,
}

/// What the expression `text` is; `None` when it does not parse.
fn classify(text: &str) -> Option<Target> {
    use py::Expr as E;
    let parsed = ruff_python_parser::parse_expression(text).ok()?;
    let expr = parsed.into_expr();
    let (name, suggests_equality) = match &expr {
        E::Attribute(_) => ("attribute", true),
        E::Subscript(_) => ("subscript", true),
        E::Starred(_) => ("starred", false),
        E::Name(_) => ("name", true),
        E::List(_) => ("list", false),
        E::Tuple(_) => ("tuple", false),
        E::Lambda(_) => ("lambda", false),
        E::Call(_) => ("function call", true),
        E::BinOp(_) => ("expression", true),
        E::UnaryOp(unary) => ("expression", unary.op != py::UnaryOp::Not),
        E::BoolOp(_) | E::Slice(_) | E::IpyEscapeCommand(_) => ("expression", false),
        E::Generator(_) => ("generator expression", false),
        E::Yield(_) | E::YieldFrom(_) => ("yield expression", false),
        E::Await(_) => ("await expression", true),
        E::ListComp(_) => ("list comprehension", true),
        E::SetComp(_) => ("set comprehension", true),
        E::DictComp(_) => ("dict comprehension", true),
        E::Dict(_) => ("dict literal", true),
        E::Set(_) => ("set display", true),
        E::FString(_) | E::TString(_) => ("f-string expression", true),
        E::StringLiteral(_) | E::BytesLiteral(_) | E::NumberLiteral(_) => ("literal", true),
        E::BooleanLiteral(literal) => (if literal.value { "True" } else { "False" }, false),
        E::NoneLiteral(_) => ("None", false),
        E::EllipsisLiteral(_) => ("ellipsis", true),
        E::Compare(_) => ("comparison", false),
        E::If(_) => ("conditional expression", false),
        E::Named(_) => ("named expression", false),
    };
    Some(Target {
        name,
        is_name: matches!(expr, E::Name(_)),
        suggests_equality,
    })
}

/// Whether CPython accepts the expression kind as an assignment target
/// (tuples and lists are checked element by element, which is not done here).
fn assignable(name: &str) -> bool {
    matches!(
        name,
        "name" | "attribute" | "subscript" | "starred" | "tuple" | "list"
    )
}

/// Whether the value after the `=` at `equals` is a single `bitwise_or`
/// not followed by another `=` or `:=`; returns the index past it.
fn single_value(cursor: &Cursor, equals: usize) -> Option<usize> {
    let end = cursor.expression_end(equals + 1, true);
    (end > equals + 1 && !matches!(cursor.text(end), "=" | ":=")).then_some(end)
}

/// `if x = 1:`, `[a, b = 1]`, `(x = 1)`: an `=` where a (named) expression
/// is expected. CPython suggests `==` or `:=` after a name, and `==` after
/// an attribute, subscript, call or literal.
pub(super) fn equals_in_condition(cursor: &Cursor, equals: usize) -> Option<ParseFailure> {
    if cursor.text(equals) != "=" {
        return None;
    }
    let depth = cursor.depth(equals);
    let mut first = equals;
    while first > 0 {
        let before = first - 1;
        if cursor.depth(before) > depth {
            first = before;
            continue;
        }
        let stops = cursor.depth(before) < depth
            || cursor.kind(before) == Some(Kind::Newline)
            || cursor.is_keyword(before)
            || matches!(
                cursor.text(before),
                "," | ":" | "=" | ":=" | ";" | "==" | "!=" | "<" | ">" | "<=" | ">="
            );
        if stops {
            break;
        }
        first = before;
    }
    let context = first.checked_sub(1)?;
    if first == equals || !expression_expected_after(cursor, context, depth) {
        return None;
    }
    let start = cursor.token(first)?.start;
    let target_end = cursor.token(equals - 1)?.end;
    let target = classify(cursor.source.get(start..target_end)?)?;
    let value_end = single_value(cursor, equals)?;
    if target.is_name {
        let end = cursor.token(value_end - 1)?.end;
        return Some(ParseFailure::syntax(
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            cursor.span(start, end),
        ));
    }
    target.suggests_equality.then(|| {
        ParseFailure::syntax(
            format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                target.name
            ),
            cursor.span(start, target_end),
        )
    })
}

/// Whether the token at `context` is followed by a named expression in
/// CPython's grammar: a condition (`if`, `elif`, `while`), or an element of
/// a parenthesised group or tuple, a list, a set or a subscript (but not a
/// call's arguments, where `name=` is a keyword argument).
fn expression_expected_after(cursor: &Cursor, context: usize, depth: usize) -> bool {
    let text = cursor.text(context);
    if matches!(text, "if" | "elif" | "while") {
        return cursor.depth(context) == depth;
    }
    let opener = if cursor.is_opener(context) {
        Some(context)
    } else if text == "," {
        (0..context).rev().find(|&i| cursor.depth(i) < depth)
    } else {
        None
    };
    opener.is_some_and(|open| {
        cursor.depth(open) + 1 == depth
            && match cursor.text(open) {
                "(" => open == 0 || !cursor.ends_operand(open - 1),
                _ => true,
            }
    })
}

/// `x = f() = 1`, `print(x) =`: a target of a (chained) assignment that
/// cannot be assigned to, found by reading the statement's `=` signs.
pub(super) fn assignment_targets(cursor: &Cursor, at: usize) -> Option<ParseFailure> {
    let line = cursor.line_start(at);
    if cursor.is_keyword(line) {
        return None;
    }
    let depth = cursor.depth(line);
    let mut segment = line;
    let mut index = line;
    while index <= at && cursor.kind(index).is_some_and(|kind| kind != Kind::Newline) {
        let text = cursor.text(index);
        if cursor.depth(index) == depth && matches!(text, ":" | "lambda" | ";") {
            return None;
        }
        if cursor.depth(index) == depth && text == "=" && index > segment {
            let (start, end) = (cursor.token(segment)?.start, cursor.token(index - 1)?.end);
            if let Some(target) = classify(cursor.source.get(start..end)?)
                && !assignable(target.name)
            {
                let here = segment == line
                    && target.suggests_equality
                    && single_value(cursor, index).is_some();
                let message = if here {
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        target.name
                    )
                } else {
                    format!("cannot assign to {}", target.name)
                };
                return Some(ParseFailure::syntax(message, cursor.span(start, end)));
            }
            segment = index + 1;
        }
        index += 1;
    }
    None
}

/// An invalid target of `=`, augmented assignment, `del` or `:=`.
pub(super) fn invalid_target(
    cursor: &Cursor,
    error: &ParseErrorType,
    range: TextRange,
) -> Option<ParseFailure> {
    let (start, end) = (range.start().to_usize(), range.end().to_usize());
    let target = classify(cursor.source.get(start..end)?)?;
    let name = target.name;
    let message = match error {
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!("'{name}' is an illegal expression for augmented assignment")
        }
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {name}"),
        ParseErrorType::InvalidNamedAssignmentTarget => {
            format!("cannot use assignment expressions with {name}")
        }
        _ => {
            let first = cursor.at(start)?;
            let equals = (first..cursor.tokens.len())
                .find(|&i| cursor.token(i).is_some_and(|token| token.start >= end));
            let element_start = cursor.line_start(first) == first
                || (first > 0 && cursor.text(first - 1) == "," && cursor.depth(first - 1) == 0);
            let compared =
                equals.is_some_and(|i| cursor.text(i) == "=" && single_value(cursor, i).is_some());
            if element_start && compared && target.suggests_equality {
                format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
            } else {
                format!("cannot assign to {name}")
            }
        }
    };
    Some(ParseFailure::syntax(message, cursor.span(start, end)))
}

/// `f(a.b=1)`: a keyword argument whose name is an expression (or `True`,
/// `False`, `None`), over the expression and the `=`.
pub(super) fn keyword_argument(cursor: &Cursor, range: TextRange) -> Option<ParseFailure> {
    let (start, end) = (range.start().to_usize(), range.end().to_usize());
    let first = cursor.at(start)?;
    let equals = (first..cursor.tokens.len())
        .find(|&i| cursor.token(i).is_some_and(|token| token.start >= end))?;
    let depth = cursor.depth(first);
    let opener = (0..first).rev().find(|&i| cursor.depth(i) < depth)?;
    let in_call = cursor.text(opener) == "("
        && opener > 0
        && cursor.ends_operand(opener - 1)
        && !(opener >= 2 && cursor.text(opener - 2) == "def");
    if cursor.text(equals) != "=" || !in_call {
        return None;
    }
    let message = match classify(cursor.source.get(start..end)?).map(|target| target.name) {
        Some(constant @ ("True" | "False" | "None")) => format!("cannot assign to {constant}"),
        _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
    };
    Some(ParseFailure::syntax(
        message,
        cursor.span(start, cursor.token(equals)?.end),
    ))
}

//! Statements CPython's compiler rejects where they stand, though they
//! parse: `return` outside a function, `break` and `continue` outside a
//! loop, `nonlocal` at module level. Reported as CPython 3.11 reports
//! them: a `SyntaxError` over the statement, the first in source order.

use ruff_python_ast as py;
use ruff_text_size::Ranged;

use super::{LineIndex, ParseFailure};

#[derive(Clone, Copy)]
struct Place {
    in_function: bool,
    in_loop: bool,
    at_module_level: bool,
}

/// Checks a module's statements.
pub(super) fn check(body: &[py::Stmt], lines: &LineIndex) -> Result<(), ParseFailure> {
    let module = Place {
        in_function: false,
        in_loop: false,
        at_module_level: true,
    };
    block(body, module, lines)
}

fn block(body: &[py::Stmt], place: Place, lines: &LineIndex) -> Result<(), ParseFailure> {
    body.iter()
        .try_for_each(|stmt| statement(stmt, place, lines))
}

fn statement(stmt: &py::Stmt, place: Place, lines: &LineIndex) -> Result<(), ParseFailure> {
    let fail = |message: &str| Err(ParseFailure::syntax(message, lines.loc(stmt.range())));
    let looped = Place {
        in_loop: true,
        ..place
    };
    match stmt {
        py::Stmt::Return(_) if !place.in_function => fail("'return' outside function"),
        py::Stmt::Break(_) if !place.in_loop => fail("'break' outside loop"),
        py::Stmt::Continue(_) if !place.in_loop => fail("'continue' not properly in loop"),
        py::Stmt::Nonlocal(_) if place.at_module_level => {
            fail("nonlocal declaration not allowed at module level")
        }
        py::Stmt::FunctionDef(def) => block(
            &def.body,
            Place {
                in_function: true,
                in_loop: false,
                at_module_level: false,
            },
            lines,
        ),
        py::Stmt::ClassDef(def) => block(
            &def.body,
            Place {
                in_function: false,
                in_loop: false,
                at_module_level: false,
            },
            lines,
        ),
        py::Stmt::For(stmt) => {
            block(&stmt.body, looped, lines)?;
            block(&stmt.orelse, place, lines)
        }
        py::Stmt::While(stmt) => {
            block(&stmt.body, looped, lines)?;
            block(&stmt.orelse, place, lines)
        }
        py::Stmt::If(stmt) => {
            block(&stmt.body, place, lines)?;
            stmt.elif_else_clauses
                .iter()
                .try_for_each(|clause| block(&clause.body, place, lines))
        }
        py::Stmt::With(stmt) => block(&stmt.body, place, lines),
        py::Stmt::Try(stmt) => {
            block(&stmt.body, place, lines)?;
            for handler in &stmt.handlers {
                let py::ExceptHandler::ExceptHandler(handler) = handler;
                block(&handler.body, place, lines)?;
            }
            block(&stmt.orelse, place, lines)?;
            block(&stmt.finalbody, place, lines)
        }
        py::Stmt::Match(stmt) => stmt
            .cases
            .iter()
            .try_for_each(|case| block(&case.body, place, lines)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_module;

    fn failure(source: &str) -> (String, u32, u32, u32) {
        let failure = parse_module(source).expect_err("a syntax error");
        (
            failure.message,
            failure.loc.line,
            failure.loc.col,
            failure.loc.end_col,
        )
    }

    #[test]
    fn statements_out_of_place_are_syntax_errors() {
        assert_eq!(
            failure("print(1)\nreturn 5\n"),
            ("'return' outside function".into(), 2, 1, 9)
        );
        assert_eq!(
            failure("class A:\n    return 1\n").0,
            "'return' outside function"
        );
        assert_eq!(failure("print(1)\nbreak\n").0, "'break' outside loop");
        assert_eq!(
            failure("def f():\n    continue\n").0,
            "'continue' not properly in loop"
        );
        assert_eq!(
            failure("for x in y:\n    def g():\n        break\n").0,
            "'break' outside loop"
        );
        assert_eq!(
            failure("for x in y:\n    pass\nelse:\n    break\n").0,
            "'break' outside loop"
        );
        assert_eq!(
            failure("nonlocal x\n").0,
            "nonlocal declaration not allowed at module level"
        );
    }

    #[test]
    fn statements_in_place_are_accepted() {
        let source = "def f():\n    for x in y:\n        if x:\n            break\n        try:\n            continue\n        finally:\n            pass\n    while True:\n        with a:\n            break\n    else:\n        return 1\n    return 2\n";
        assert!(parse_module(source).is_ok());
    }
}

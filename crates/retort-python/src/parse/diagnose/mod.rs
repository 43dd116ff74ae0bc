//! Explains a syntax error the way CPython 3.11 does. The parser crate
//! finds *that* the source is invalid and roughly where; this module
//! decides what CPython would report: an error of CPython's tokenizer
//! anywhere in the file wins (unterminated string, unmatched bracket,
//! inconsistent indentation, stray character, malformed number), then a
//! bracket left open when the parser has read past its line ("'(' was
//! never closed"), then the parser's own specific messages (`hints`,
//! `targets`), and "invalid syntax" last.

use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};

use super::{LineIndex, ParseFailure};

mod cursor;
mod hints;
mod targets;
mod tokens;

use cursor::Cursor;

/// The error CPython reports for `source`, given the parser crate's errors
/// (in source order; at least one).
pub(super) fn diagnose(source: &str, lines: &LineIndex, errors: &[ParseError]) -> ParseFailure {
    let invalid_chars: Vec<usize> = errors
        .iter()
        .filter_map(|error| match &error.error {
            ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok })
                if !tok.is_ascii() =>
            {
                Some(error.location.start().to_usize())
            }
            _ => None,
        })
        .collect();
    let scan = tokens::scan(source, lines, &invalid_chars);
    let first = errors.first();
    if let Some(error) = scan.error {
        let parser_line = first.map_or(u32::MAX, |first| {
            lines.position(first.location.start().to_usize()).0
        });
        // An unexpected indent stops CPython before it reads further; an
        // indentation error is only found if the parser gets that far.
        let parser_first = first.is_some_and(|first| {
            matches!(first.error, ParseErrorType::UnexpectedIndentation)
                && parser_line <= error.loc.line
        }) || (scan.error_is_silent && parser_line < error.loc.line);
        if !parser_first {
            return error;
        }
    }
    let Some(first) = first else {
        return ParseFailure::syntax("invalid syntax", lines.end_of_input());
    };
    let cursor = Cursor {
        source,
        lines,
        tokens: &scan.tokens,
    };
    let offset = first.location.start().to_usize();
    let explained = hints::explain(&cursor, first);
    if let (Some(outer), Some(inner)) = (scan.unclosed.first(), scan.unclosed.last()) {
        let bracket_line = lines.position(inner.offset).0;
        let never_closed = || {
            let (line, col) = lines.position(inner.offset);
            ParseFailure::syntax(
                format!("'{}' was never closed", inner.bracket),
                crate::ast::Loc {
                    line,
                    col,
                    end_line: line,
                    end_col: col,
                },
            )
        };
        if offset >= outer.offset && cursor.reads_into(offset, &scan.unclosed, bracket_line) {
            return never_closed();
        }
        // A specific message is found by reading on; reading past the
        // bracket's line reaches the end of the input first.
        if let Some(failure) = &explained
            && lines.position(outer.offset) <= (failure.loc.line, failure.loc.col)
            && cursor.line_after(failure.loc.end_line, failure.loc.end_col) > bracket_line
        {
            return never_closed();
        }
    }
    explained.unwrap_or_else(|| cursor.invalid_syntax(first.location))
}

#[cfg(test)]
mod tests {
    use super::super::{SyntaxErrorClass, parse_module};

    /// (class, message, line, col, end line, end col), checked against
    /// CPython 3.11's `compile()`.
    fn failure(source: &str) -> (&'static str, String, u32, u32, u32, u32) {
        let failure = parse_module(source).expect_err("a syntax error");
        let loc = failure.loc;
        (
            failure.class.name(),
            failure.message,
            loc.line,
            loc.col,
            loc.end_line,
            loc.end_col,
        )
    }

    fn message(source: &str) -> String {
        failure(source).1
    }

    #[test]
    fn unclosed_brackets_point_at_the_bracket() {
        assert_eq!(
            failure("x = foo(1, 2\n"),
            ("SyntaxError", "'(' was never closed".into(), 1, 8, 1, 8)
        );
        assert_eq!(
            failure("x = (1, 2\ny = 3\n").1,
            "'(' was never closed".to_string()
        );
        assert_eq!(message("x = [1, 2\n"), "'[' was never closed");
        assert_eq!(message("d = {'a': 1\nprint(d)\n"), "'{' was never closed");
        assert_eq!(failure("x = ((1\n").3, 6);
        assert_eq!(message("print(1 2\n"), "'(' was never closed");
        assert_eq!(message("x = y{\n z = 1\n"), "'{' was never closed");
        assert_eq!(message("class A{t(B):\n    x = 1\n"), "invalid syntax");
        assert_eq!(
            message("class T(db.Model id = db.Column(1)\n    y = 2\n"),
            "invalid syntax. Perhaps you forgot a comma?"
        );
        assert_eq!(
            message("if x = 1:\n    y = (1\n"),
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?"
        );
    }

    #[test]
    fn closing_brackets_that_do_not_match() {
        assert_eq!(
            failure("print(len([1, 2)\n"),
            (
                "SyntaxError",
                "closing parenthesis ')' does not match opening parenthesis '['".into(),
                1,
                16,
                1,
                16
            )
        );
        assert_eq!(failure("x = 1)\n").1, "unmatched ')'");
        assert_eq!(failure("x = (1\ny = 2)\n)\n").2, 3);
    }

    #[test]
    fn missing_colons() {
        for (source, line, col) in [
            ("x = 1\nif x > 0\n    print(x)\n", 2, 9),
            ("for i in range(3)\n    print(i)\n", 1, 18),
            ("def f()\n    return 1\n", 1, 8),
            ("class A\n    pass\n", 1, 8),
            ("while True\n    pass\n", 1, 11),
            ("if x:\n    pass\nelse\n    pass\n", 3, 5),
            ("try\n    pass\nexcept:\n    pass\n", 1, 4),
            ("with open('f') as f\n    pass\n", 1, 20),
        ] {
            assert_eq!(
                failure(source),
                ("SyntaxError", "expected ':'".into(), line, col, line, col),
                "{source}"
            );
        }
        let before_comment = failure("if x > 0  # c\n    pass\n");
        assert_eq!((before_comment.3, before_comment.5), (11, 14));
        assert_eq!(message("if x print(1)\n"), "invalid syntax");
        assert_eq!(message("def f:\n    pass\n"), "expected '('");
        assert_eq!(message("def __repr=__(self):\n    pass\n"), "expected '('");
        assert_eq!(failure("def f(x) return 1\n").3, 10);
        assert_eq!(
            message("try=:\n    pass\nexcept:\n    pass\n"),
            "expected ':'"
        );
        assert_eq!(message("class A(B) pass\n"), "invalid syntax");
    }

    #[test]
    fn assignment_in_a_condition() {
        let maybe = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".to_string();
        assert_eq!(
            failure("x = 1\nif x = 1:\n    print(x)\n"),
            ("SyntaxError", maybe.clone(), 2, 4, 2, 9)
        );
        assert_eq!(failure("while x = 1:\n    pass\n").1, maybe);
        assert_eq!(failure("if (x = 1):\n    pass\n").3, 5);
        assert_eq!(failure("if x = 1 and y:\n    pass\n").5, 9);
        assert_eq!(
            failure("if a.b = 1:\n    pass\n"),
            (
                "SyntaxError",
                "cannot assign to attribute here. Maybe you meant '==' instead of '='?".into(),
                1,
                4,
                1,
                7
            )
        );
        assert_eq!(failure("x = [a, b = 1]\n").3, 9);
        assert_eq!(failure("x[a = 1]\n").1, maybe);
        assert_eq!(
            message("f(a.b=1)\n"),
            "expression cannot contain assignment, perhaps you meant \"==\"?"
        );
        assert_eq!(message("f(True=1)\n"), "cannot assign to True");
        assert_eq!(message("if x == 1 or y = 2:\n    pass\n"), "invalid syntax");
        assert_eq!(message("if True = 1:\n    pass\n"), "invalid syntax");
    }

    #[test]
    fn invalid_assignment_targets() {
        assert_eq!(
            failure("f() = 1\n"),
            (
                "SyntaxError",
                "cannot assign to function call here. Maybe you meant '==' instead of '='?".into(),
                1,
                1,
                1,
                4
            )
        );
        assert_eq!(
            message("'a' = 1\n"),
            "cannot assign to literal here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(message("None = 1\n"), "cannot assign to None");
        assert_eq!(message("a < b = 1\n"), "cannot assign to comparison");
        assert_eq!(
            message("for f() in x:\n    pass\n"),
            "cannot assign to function call"
        );
        assert_eq!(message("(a, f()) = 1\n"), "cannot assign to function call");
        assert_eq!(
            message("f() += 1\n"),
            "'function call' is an illegal expression for augmented assignment"
        );
        assert_eq!(message("del f()\n"), "cannot delete function call");
        assert_eq!(message("a = f() = 1\n"), "cannot assign to function call");
        assert_eq!(message("print(x) =\n"), "cannot assign to function call");
        assert_eq!(
            message("a, f() = 1\n"),
            "cannot assign to function call here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(message("x(self):\n    return 1\n"), "invalid syntax");
        assert_eq!(message("f = lambda x=1: x +\n"), "invalid syntax");
    }

    #[test]
    fn unterminated_strings() {
        assert_eq!(
            failure("x = 1\ns = 'abc\nprint(s)\n"),
            (
                "SyntaxError",
                "unterminated string literal (detected at line 2)".into(),
                2,
                5,
                2,
                5
            )
        );
        assert_eq!(
            message("s = '''abc\nxx\n"),
            "unterminated triple-quoted string literal (detected at line 2)"
        );
        assert_eq!(
            message("if x = 1:\n    s = 'abc\n"),
            "unterminated string literal (detected at line 2)"
        );
    }

    #[test]
    fn indentation() {
        assert_eq!(
            failure("if True:\nprint(1)\n"),
            (
                "IndentationError",
                "expected an indented block after 'if' statement on line 1".into(),
                2,
                1,
                2,
                6
            )
        );
        for (source, after) in [
            ("for i in x:\nprint(1)\n", "'for' statement on line 1"),
            ("def f():\nreturn 1\n", "function definition on line 1"),
            ("class A:\nx = 1\n", "class definition on line 1"),
            ("while x:\npass\n", "'while' statement on line 1"),
            (
                "if x:\n    pass\nelse:\npass\n",
                "'else' statement on line 3",
            ),
            (
                "try:\nx=1\nexcept:\n    pass\n",
                "'try' statement on line 1",
            ),
            (
                "try:\n    x=1\nexcept ValueError:\npass\n",
                "'except' statement on line 3",
            ),
            ("with a:\npass\n", "'with' statement on line 1"),
            (
                "def f():\n    if x:\n    y = 1\n",
                "'if' statement on line 2",
            ),
        ] {
            assert_eq!(
                message(source),
                format!("expected an indented block after {after}"),
                "{source}"
            );
        }
        let at_end = failure("if True:\n");
        assert_eq!((at_end.2, at_end.3), (1, 9));
        let after_comment = failure("if True:\n    # only comment\n");
        assert_eq!((after_comment.2, after_comment.3), (2, 19));
        assert_eq!(failure("def f():\n    if x:\n    y = 1\n").3, 5);
        assert_eq!(
            failure("x = 1\n    y = 2\n"),
            ("IndentationError", "unexpected indent".into(), 2, 4, 2, 4)
        );
        assert_eq!(
            failure("if True:\n    x = 1\n  y = 2\n").0,
            SyntaxErrorClass::Indentation.name()
        );
        assert_eq!(failure("if True:\n        x = 1\n\ty = 2\n").0, "TabError");
        assert_eq!(
            failure("class A:\n    def f(self):\nx = 1\n"),
            (
                "IndentationError",
                "expected an indented block after function definition on line 2".into(),
                3,
                0,
                3,
                0
            )
        );
        assert_eq!(failure(" x = 1\u{ff1a}\n").1, "unexpected indent");
        assert_eq!(
            message("x = = 1\nif a:\n    b\n  c\n"),
            "invalid syntax",
            "an indentation error after the parser's error is not reached"
        );
    }

    #[test]
    fn print_as_a_statement() {
        let print = "Missing parentheses in call to 'print'. Did you mean print(...)?".to_string();
        assert_eq!(
            failure("print \"hello\"\n"),
            ("SyntaxError", print.clone(), 1, 1, 1, 14)
        );
        assert_eq!(failure("x = 1\nprint x\n").1, print);
        assert_eq!(failure("print 'a', 'b'\n").5, 15);
        assert_eq!(failure("print 'a'; x = 1\n").5, 10);
        assert_eq!(failure("def f():\n    print 'x'\n").3, 5);
        assert_eq!(
            message("exec 'x'\n"),
            "Missing parentheses in call to 'exec'. Did you mean exec(...)?"
        );
    }

    #[test]
    fn forgotten_commas_and_other_messages() {
        assert_eq!(
            failure("x = [1 2]\n"),
            (
                "SyntaxError",
                "invalid syntax. Perhaps you forgot a comma?".into(),
                1,
                6,
                1,
                9
            )
        );
        assert_eq!(
            message("print(type(e)__name__)\n"),
            "invalid syntax. Perhaps you forgot a comma?"
        );
        assert_eq!(
            message("print('a' 'b' c d)\n"),
            "invalid syntax. Perhaps you forgot a comma?"
        );
        assert_eq!(failure("print('a' 'b' c d)\n").3, 7);
        let call = failure("print(a.b c)\n");
        assert_eq!((call.3, call.5), (7, 12));
        assert_eq!(failure("d = {'a': 1 'b': 2}\n").3, 11);
        assert_eq!(
            failure("f(a=1, 2)\n"),
            (
                "SyntaxError",
                "positional argument follows keyword argument".into(),
                1,
                9,
                1,
                10
            )
        );
        assert_eq!(
            message("def f(a=1, b):\n    pass\n"),
            "non-default argument follows default argument"
        );
        assert_eq!(
            message("try:\n    pass\nx = 1\n"),
            "expected 'except' or 'finally' block"
        );
        assert_eq!(
            failure("x = = 1\n"),
            ("SyntaxError", "invalid syntax".into(), 1, 5, 1, 6)
        );
        assert_eq!(
            failure("x = \n"),
            ("SyntaxError", "invalid syntax".into(), 1, 5, 1, 5)
        );
        assert_eq!(
            failure("x = [1，2]\n"),
            (
                "SyntaxError",
                "invalid character '，' (U+FF0C)".into(),
                1,
                7,
                1,
                7
            )
        );
        assert_eq!(
            message("x\u{3000}= 1\n"),
            "invalid non-printable character U+3000"
        );
    }

    #[test]
    fn end_of_input() {
        assert_eq!(
            failure("x = 1 + \\"),
            (
                "SyntaxError",
                "unexpected EOF while parsing".into(),
                1,
                10,
                1,
                10
            )
        );
        assert_eq!(failure("x = 1 + \\\n").3, 10);
        assert!(parse_module("").is_ok() && parse_module("# c").is_ok());
    }

    #[test]
    fn no_input_panics() {
        for source in [
            "(",
            ")",
            "'",
            "'''",
            "\\",
            "if",
            "if:",
            "print",
            "x =",
            "\t",
            " x",
            "\n\n  )",
            "def",
            "class A(",
            "f(**",
            "[1 2",
            "if x = ",
            "print 'a",
            "x = 1 +\\",
            "é = (",
            "\u{3000}",
            "if x:\n\tpass\n        pass\n",
            "lambda",
            "@",
            "for x in",
            "a, b: int = 1",
        ] {
            let _ = parse_module(source);
        }
    }
}

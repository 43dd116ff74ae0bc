//! Uncaught errors: class, message and line must match CPython 3.11 (the
//! expectations were produced by running each snippet with CPython), plus
//! traceback shape, syntax errors and unsupported syntax.

mod common;

use common::{error_of, output_of};

fn check(source: &str, class_name: &str, message: &str, line: u32) {
    let error = error_of(&format!("{source}\n"));
    assert_eq!(
        (
            error.class_name.as_str(),
            error.message.as_str(),
            error.line
        ),
        (class_name, message, line),
        "{source}"
    );
}

#[test]
fn name_error() {
    check(
        "print(undefined_thing)",
        "NameError",
        "name 'undefined_thing' is not defined",
        1,
    );
}

#[test]
fn none_attr_error() {
    check(
        "x = None\nx.name",
        "AttributeError",
        "'NoneType' object has no attribute 'name'",
        2,
    );
}

#[test]
fn args_error() {
    check(
        "def f(a, b):\n    pass\nf(1)",
        "TypeError",
        "f() missing 1 required positional argument: 'b'",
        3,
    );
}

#[test]
fn args2_error() {
    check(
        "def f(a, b=2):\n    pass\nf(1, 2, 3)",
        "TypeError",
        "f() takes from 1 to 2 positional arguments but 3 were given",
        3,
    );
}

#[test]
fn kw_error() {
    check(
        "class User:\n    def __init__(self, name):\n        self.name = name\nUser(nam='x')",
        "TypeError",
        "User.__init__() got an unexpected keyword argument 'nam'",
        4,
    );
}

#[test]
fn keyerr_error() {
    check("d = {'a': 1}\nd['b']", "KeyError", "'b'", 2);
}

#[test]
fn concat_error() {
    check(
        "'a' + 1",
        "TypeError",
        "can only concatenate str (not \"int\") to str",
        1,
    );
}

#[test]
fn unsupported_error() {
    check(
        "1 + 'a'",
        "TypeError",
        "unsupported operand type(s) for +: 'int' and 'str'",
        1,
    );
}

#[test]
fn notcallable_error() {
    check("x = 5\nx()", "TypeError", "'int' object is not callable", 2);
}

#[test]
fn index_error() {
    check("[1, 2][5]", "IndexError", "list index out of range", 1);
}

#[test]
fn unbound_error() {
    check(
        "def f():\n    print(v)\n    v = 1\nf()",
        "UnboundLocalError",
        "cannot access local variable 'v' where it is not associated with a value",
        2,
    );
}

#[test]
fn int_error() {
    check(
        "int('abc')",
        "ValueError",
        "invalid literal for int() with base 10: 'abc'",
        1,
    );
}

#[test]
fn assert_error() {
    check("assert 1 == 2, 'nope'", "AssertionError", "nope", 1);
}

#[test]
fn attr_error() {
    check(
        "class A:\n    pass\nA().missing",
        "AttributeError",
        "'A' object has no attribute 'missing'",
        3,
    );
}

#[test]
fn mod_attr_error() {
    check(
        "import math\nmath.nothing",
        "AttributeError",
        "module 'math' has no attribute 'nothing'",
        2,
    );
}

#[test]
fn raise_from_error() {
    check(
        "try:\n    {}['k']\nexcept KeyError as e:\n    raise ValueError('bad value') from e",
        "ValueError",
        "bad value",
        4,
    );
}

#[test]
fn custom_error() {
    check(
        "class AppError(Exception):\n    def __init__(self, code):\n        super().__init__(f'code {code}')\n        self.code = code\nraise AppError(42)",
        "AppError",
        "code 42",
        5,
    );
}

#[test]
fn unpack_error() {
    check(
        "a, b = [1, 2, 3]",
        "ValueError",
        "too many values to unpack (expected 2)",
        1,
    );
}

#[test]
fn hash_error() {
    check("{[1]: 2}", "TypeError", "unhashable type: 'list'", 1);
}

#[test]
fn cmp_error() {
    check(
        "1 < 'a'",
        "TypeError",
        "'<' not supported between instances of 'int' and 'str'",
        1,
    );
}

#[test]
fn len_error() {
    check(
        "len(5)",
        "TypeError",
        "object of type 'int' has no len()",
        1,
    );
}

#[test]
fn iter_error() {
    check(
        "for x in 5:\n    pass",
        "TypeError",
        "'int' object is not iterable",
        1,
    );
}

/// Where CPython names the module's file, Retort lists what its version
/// of the module offers.
#[test]
fn import_error() {
    let error = common::error_of("from math import nothing\n");
    assert_eq!((error.class_name.as_str(), error.line), ("ImportError", 1));
    assert!(
        error
            .message
            .starts_with("cannot import name 'nothing' from 'math' (Retort's math has: acos, "),
        "{}",
        error.message
    );
    assert!(error.message.contains(", sqrt, "), "{}", error.message);
}

#[test]
fn noargs_error() {
    check(
        "class P:\n    pass\nP(1)",
        "TypeError",
        "P() takes no arguments",
        3,
    );
}

#[test]
fn zero_division_two_frames_deep_has_a_cpython_traceback() {
    let source = "def divide(a, b):\n    return a / b\n\ndef compute(values):\n    total = 0\n    for v in values:\n        total += divide(10, v)\n    return total\n\nprint('start')\ncompute([1, 2, 0])\n";
    let error = error_of(source);
    assert_eq!(
        error.format_traceback(),
        "Traceback (most recent call last):\n  File \"<script>\", line 11, in <module>\n    compute([1, 2, 0])\n  File \"<script>\", line 7, in compute\n    total += divide(10, v)\n  File \"<script>\", line 2, in divide\n    return a / b\nZeroDivisionError: division by zero\n"
    );
    let functions: Vec<&str> = error
        .traceback
        .iter()
        .map(|entry| entry.function.as_str())
        .collect();
    assert_eq!(functions, vec!["<module>", "compute", "divide"]);
    assert_eq!((error.line, error.col), (2, 12));
}

#[test]
fn syntax_errors_have_line_and_column() {
    let error = error_of("x = 1\nif x\n    print(x)\n");
    assert_eq!(error.class_name, "SyntaxError");
    assert_eq!(error.line, 2);
    assert!(error.col >= 1);
    assert!(
        error
            .format_traceback()
            .starts_with("  File \"<script>\", line 2\n    if x\n")
    );
}

/// The whole report of a syntax error, as `python3 script.py` prints it
/// (CPython 3.11): the line, carets under the offending range for
/// `SyntaxError`, a single caret for its subclasses, none when the column
/// falls inside the indentation.
#[test]
fn syntax_errors_print_like_cpython() {
    for (source, printed) in [
        (
            "x = foo(1, 2\n",
            "  File \"<script>\", line 1\n    x = foo(1, 2\n           ^\nSyntaxError: '(' was never closed\n",
        ),
        (
            "x = 1\nif x = 1:\n    print(x)\n",
            "  File \"<script>\", line 2\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
        ),
        (
            "if True:\nprint(1)\n",
            "  File \"<script>\", line 2\n    print(1)\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n",
        ),
        (
            "x = 1\n    y = 2\n",
            "  File \"<script>\", line 2\n    y = 2\nIndentationError: unexpected indent\n",
        ),
        (
            "if True:\n    x = 1\n  y = 2\n",
            "  File \"<script>\", line 3\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
        ),
        (
            "print \"hello\"\n",
            "  File \"<script>\", line 1\n    print \"hello\"\n    ^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
        ),
        (
            "x = [1 2]\n",
            "  File \"<script>\", line 1\n    x = [1 2]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
        ),
        (
            "if x > 0\n    pass\n",
            "  File \"<script>\", line 1\n    if x > 0\n            ^\nSyntaxError: expected ':'\n",
        ),
        (
            "s = '''abc\nxx\n",
            "  File \"<script>\", line 1\n    s = '''abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)\n",
        ),
        (
            "if True:\n        x = 1\n\ty = 2\n",
            "  File \"<script>\", line 3\n    y = 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
        ),
    ] {
        assert_eq!(error_of(source).format_traceback(), printed, "{source}");
    }
}

#[test]
fn syntax_error_classes_are_builtin_subclasses() {
    let output = output_of(
        "print(issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError))\n",
    );
    assert_eq!(output, "True True\n");
}

#[test]
fn unsupported_syntax_names_the_feature() {
    for (source, feature, line) in [
        ("def gen():\n    yield 1\n", "generators (`yield`)", 2),
        ("async def f():\n    pass\n", "`async def` (coroutines)", 1),
        (
            "match x:\n    case 1:\n        pass\n",
            "the `match` statement",
            1,
        ),
        (
            "x = 10 ** 30 if False else 99999999999999999999999\n",
            "integers that do not fit in 64 bits",
            1,
        ),
    ] {
        let error = error_of(source);
        assert_eq!(error.class_name, "SyntaxError", "{source}");
        assert_eq!(
            error.message,
            format!("Retort does not support {feature}"),
            "{source}"
        );
        assert_eq!(error.line, line, "{source}");
    }
}

#[test]
fn bare_raise_reraises_the_current_exception() {
    let error =
        error_of("try:\n    int('x')\nexcept ValueError:\n    print('logging')\n    raise\n");
    assert_eq!(
        error.summary(),
        "ValueError: invalid literal for int() with base 10: 'x'"
    );
}

#[test]
fn exception_objects_expose_args_and_names() {
    let output = output_of(
        "class AppError(Exception):\n    pass\ntry:\n    raise AppError('a', 2)\nexcept (KeyError, AppError) as e:\n    print(e.args, str(e), repr(e), type(e).__name__, isinstance(e, Exception))\ntry:\n    raise KeyError('k')\nexcept LookupError as e:\n    print(str(e), repr(e))\ntry:\n    try:\n        1 / 0\n    finally:\n        print('cleanup')\nexcept ZeroDivisionError as e:\n    print('outer', e)\nelse:\n    print('unreachable')\n",
    );
    assert_eq!(
        output,
        "('a', 2) ('a', 2) AppError('a', 2) AppError True\n'k' KeyError('k')\ncleanup\nouter division by zero\n"
    );
}

#[test]
fn input_is_unavailable_with_a_clear_message() {
    let error = error_of("name = input('name? ')\n");
    assert_eq!(error.class_name, "RuntimeError");
    assert!(error.message.contains("input() is not available"));
}

#[test]
fn errors_inside_methods_report_the_method_frame() {
    let error = error_of("class A:\n    def go(self):\n        return self.missing\nA().go()\n");
    assert_eq!(
        error.summary(),
        "AttributeError: 'A' object has no attribute 'missing'"
    );
    assert_eq!(
        error
            .traceback
            .last()
            .map(|e| (e.function.as_str(), e.line)),
        Some(("go", 3))
    );
}

#[test]
fn explicit_cause_chains_tracebacks_like_cpython() {
    let source = "def load(key):\n    data = {\"a\": 1}\n    try:\n        return data[key]\n    except KeyError as error:\n        raise ValueError(f\"unknown key {key!r}\") from error\n\ndef save():\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        undefined_name\n\ntry:\n    save()\nexcept NameError as e:\n    print(\"caught\", e)\nload(\"zz\")\n";
    let (output, result) = common::run(source);
    assert_eq!(output, "caught name 'undefined_name' is not defined\n");
    let error = result.expect_err("fails");
    assert_eq!(
        error.format_traceback(),
        "Traceback (most recent call last):\n  File \"<script>\", line 4, in load\n    return data[key]\nKeyError: 'zz'\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n  File \"<script>\", line 18, in <module>\n    load(\"zz\")\n  File \"<script>\", line 6, in load\n    raise ValueError(f\"unknown key {key!r}\") from error\nValueError: unknown key 'zz'\n"
    );
}

#[test]
fn implicit_context_chains_tracebacks_like_cpython() {
    let source = "def save():\n    try:\n        1 / 0\n    except ZeroDivisionError:\n        undefined_name\n\nprint(\"start\")\nsave()\n";
    let (output, result) = common::run(source);
    assert_eq!(output, "start\n");
    let error = result.expect_err("fails");
    assert_eq!(
        error.format_traceback(),
        "Traceback (most recent call last):\n  File \"<script>\", line 3, in save\n    1 / 0\nZeroDivisionError: division by zero\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"<script>\", line 8, in <module>\n    save()\n  File \"<script>\", line 5, in save\n    undefined_name\nNameError: name 'undefined_name' is not defined\n"
    );
}

/// Without the Unicode name database (patches/unicode_names2) a `\N{...}`
/// escape is a located syntax error that says why.
#[test]
fn named_unicode_escape_is_refused_with_a_reason() {
    check(
        "x = 1\nprint('\\N{BULLET} item')",
        "SyntaxError",
        "(unicode error) Retort does not support \\N{...} escapes: write the character itself",
        2,
    );
}

//! Bounded execution: step budget, recursion depth, native stack use on a
//! 1 MiB stack (the wasm budget), deep nesting, and memory bounds.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::{Interpreter, Limits, NativeFunction, ScriptError, Value};

const ONE_MIB: usize = 1 << 20;

/// Runs `action` on a thread with a 1 MiB stack, like the browser build.
fn on_small_stack<T: Send + 'static>(action: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(ONE_MIB)
        .spawn(action)
        .expect("thread starts")
        .join()
        .expect("no stack overflow")
}

fn run(source: &str) -> (String, Result<(), Box<ScriptError>>) {
    run_with(Limits::default(), source)
}

fn run_with(limits: Limits, source: &str) -> (String, Result<(), Box<ScriptError>>) {
    let mut interp = Interpreter::new(limits);
    let output = Rc::new(RefCell::new(String::new()));
    let sink = output.clone();
    interp.set_output(move |text| sink.borrow_mut().push_str(text));
    let result = interp.run(source);
    let text = output.borrow().clone();
    (text, result)
}

#[test]
fn endless_loop_hits_the_step_budget_and_cannot_be_caught() {
    let limits = Limits {
        max_steps: 10_000,
        ..Limits::default()
    };
    let source = "x = 0\ntry:\n    while True:\n        x += 1\nexcept Exception:\n    print('caught')\nexcept:\n    print('bare')\nfinally:\n    print('finally')\n";
    let (output, result) = run_with(limits, source);
    let error = result.expect_err("must stop");
    assert_eq!(error.class_name, "ExecutionLimitError");
    assert!(error.is_execution_limit);
    assert_eq!(
        error.message,
        "the script ran more than 10,000 steps — is there an endless loop?"
    );
    assert!(matches!(error.line, 3 | 4), "line {}", error.line);
    assert_eq!(output, "");
}

#[test]
fn default_step_budget_message_uses_thousands_separators() {
    let (_, result) = run("while True:\n    pass\n");
    let error = result.expect_err("must stop");
    assert_eq!(
        error.message,
        "the script ran more than 1,000,000 steps — is there an endless loop?"
    );
}

#[test]
fn infinite_recursion_raises_recursion_error_on_a_small_stack() {
    let summary = on_small_stack(|| {
        let (_, result) = run("def f(n):\n    return f(n + 1)\nf(0)\n");
        let error = result.expect_err("must fail");
        (error.class_name.clone(), error.message.clone(), error.line)
    });
    assert_eq!(
        summary,
        (
            "RecursionError".to_string(),
            "maximum recursion depth exceeded".to_string(),
            2
        )
    );
}

#[test]
fn recursion_error_can_be_caught_and_execution_continues() {
    let output = on_small_stack(|| {
        let (output, result) = run(
            "def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError as e:\n    print('caught', e)\nprint('after')\n",
        );
        assert!(result.is_ok());
        output
    });
    assert_eq!(output, "caught maximum recursion depth exceeded\nafter\n");
}

#[test]
fn configured_recursion_depth_is_exact() {
    let limits = Limits {
        max_recursion_depth: 50,
        ..Limits::default()
    };
    let (output, result) = run_with(
        limits,
        "def depth(n):\n    try:\n        return depth(n + 1)\n    except RecursionError:\n        return n\nprint(depth(1))\n",
    );
    assert!(result.is_ok());
    assert_eq!(output, "50\n");
}

#[test]
fn moderate_recursion_works_on_a_small_stack() {
    let output = on_small_stack(|| {
        run("def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\nprint(fact(20))\n").0
    });
    assert_eq!(output, "2432902008176640000\n");
}

#[test]
fn stack_cost_per_python_frame_is_measured_and_bounded() {
    let per_frame = on_small_stack(|| {
        let mut interp = Interpreter::new(Limits::default());
        let samples = Rc::new(RefCell::new(Vec::new()));
        let sink = samples.clone();
        interp.set_global(
            "probe",
            NativeFunction::function("probe", move |interp, _| {
                sink.borrow_mut().push(interp.native_stack_used());
                Ok(Value::None)
            }),
        );
        interp.run("def f(n):\n    if n == 0:\n        probe()\n    else:\n        f(n - 1)\nf(0)\nf(10)\n").expect("runs");
        let samples = samples.borrow();
        (samples[1] - samples[0]) / 10
    });
    eprintln!("native stack per Python call frame: {per_frame} bytes");
    let budget = Limits::default().native_stack_budget;
    assert!(
        budget + 64 * 1024 < ONE_MIB,
        "budget leaves margin on a 1 MiB stack"
    );
    assert!(
        per_frame > 0 && per_frame < budget / 20,
        "a frame costs {per_frame} bytes"
    );
}

#[test]
fn deeply_nested_parentheses_are_a_syntax_error() {
    let source = format!("x = {}1{}\n", "(".repeat(500), ")".repeat(500));
    let summary = on_small_stack(move || {
        let error = run(&source).1.expect_err("must fail");
        (error.class_name.clone(), error.message.clone(), error.line)
    });
    assert_eq!(
        summary,
        (
            "SyntaxError".to_string(),
            "too many nested parentheses".to_string(),
            1
        )
    );
}

#[test]
fn long_sums_evaluate_on_a_small_stack() {
    let source = format!("print(1{})\n", "+1".repeat(5000));
    let output = on_small_stack(move || run(&source).0);
    assert_eq!(output, "5001\n");
}

#[test]
fn nested_list_literals_evaluate_on_a_small_stack() {
    let source = format!(
        "x = {}1{}\ndepth = 0\nwhile isinstance(x, list):\n    x = x[0]\n    depth += 1\nprint(depth)\n",
        "[".repeat(190),
        "]".repeat(190)
    );
    let output = on_small_stack(move || {
        let (output, result) = run(&source);
        assert!(result.is_ok(), "{:?}", result.err().map(|e| e.summary()));
        output
    });
    assert_eq!(output, "190\n");
}

#[test]
fn deeply_nested_unary_operators_do_not_overflow() {
    let source = format!("x = {}1\n", "-".repeat(3000));
    let summary = on_small_stack(move || match run(&source).1 {
        Ok(()) => "ok".to_string(),
        Err(error) => error.class_name.clone(),
    });
    assert!(
        summary == "SyntaxError" || summary == "RecursionError",
        "{summary}"
    );
}

#[test]
fn huge_strings_and_lists_raise_memory_error() {
    for source in [
        "'x' * 10**10",
        "[0] * 10**9",
        "list(range(10**9))",
        "'ab' * 6_000_000",
    ] {
        let (_, result) = run(&format!("y = {source}\n"));
        let error = result.expect_err(source);
        assert_eq!(error.class_name, "MemoryError", "{source}");
        assert!(
            error.message.contains("exceeds Retort's limit"),
            "{}",
            error.message
        );
    }
}

#[test]
fn integer_overflow_is_an_overflow_error() {
    let (_, result) = run("x = 2 ** 100\n");
    let error = result.expect_err("overflows");
    assert_eq!(error.class_name, "OverflowError");
    assert!(error.message.contains("64 bits"), "{}", error.message);
}

#[test]
fn many_large_strings_exhaust_the_allocation_budget() {
    let (_, result) =
        run("chunks = []\nfor i in range(100):\n    chunks.append('x' * 9_000_000)\n");
    let error = result.expect_err("must stop");
    assert_eq!(error.class_name, "MemoryError");
    assert!(
        error.message.contains("allocated more than 512 MB"),
        "{}",
        error.message
    );
    assert_eq!(error.line, 3);
}

#[test]
fn native_loops_over_huge_ranges_hit_the_step_budget() {
    let (_, result) = run("total = sum(range(10**12))\n");
    let error = result.expect_err("must stop");
    assert_eq!(error.class_name, "ExecutionLimitError");
}

#[test]
fn deeply_nested_tuples_are_rejected_as_keys() {
    let (output, result) = run(
        "t = ()\nfor i in range(500):\n    t = (t,)\ntry:\n    d = {t: 1}\nexcept TypeError as e:\n    print('TypeError')\n",
    );
    assert!(result.is_ok());
    assert_eq!(output, "TypeError\n");
}

#[test]
fn comparing_deeply_nested_lists_raises_recursion_error() {
    let summary = on_small_stack(|| {
        let (_, result) = run(
            "a = []\nb = []\nfor i in range(20000):\n    a = [a]\n    b = [b]\nprint(a == b)\n",
        );
        result.err().map(|e| e.class_name.clone())
    });
    assert_eq!(summary.as_deref(), Some("RecursionError"));
}

#[test]
fn long_linked_structures_are_freed_without_overflow() {
    let output = on_small_stack(|| {
        let (output, result) = run(
            "class Node:\n    def __init__(self, next):\n        self.next = next\nhead = None\nchain = []\nitems = {}\nfor i in range(30000):\n    head = Node(head)\n    chain = [chain, i]\n    items = {'next': items}\nprint('built')\nhead = None\nprint('freed')\n",
        );
        assert!(result.is_ok(), "{:?}", result.err().map(|e| e.summary()));
        output
    });
    assert_eq!(output, "built\nfreed\n");
}

#[test]
fn long_tuple_chains_are_freed_without_overflow() {
    let output = on_small_stack(|| {
        let (output, result) = run(
            "def build(n):\n    t = ()\n    for i in range(n):\n        t = (t, i)\n    return len(t)\nprint(build(30000))\nchain = ()\nfor i in range(30000):\n    chain = (chain,)\nchain = None\nkeep = ()\nfor i in range(30000):\n    keep = (keep,)\nprint('ok')\n",
        );
        assert!(result.is_ok(), "{:?}", result.err().map(|e| e.summary()));
        output
    });
    assert_eq!(output, "2\nok\n");
}

#[test]
fn huge_format_widths_raise_memory_error() {
    for source in [
        "f'{1:>1000000000}'",
        "'%1000000000s' % 'a'",
        "'{:>{}}'.format('a', 10**10)",
        "'7'.zfill(10**10)",
        "'a\\tb'.expandtabs(10**9)",
    ] {
        let (_, result) = run(&format!("x = {source}\n"));
        let error = result.expect_err(source);
        assert_eq!(error.class_name, "MemoryError", "{source}");
    }
}

#[test]
fn joins_and_replacements_are_checked_before_building() {
    for source in [
        "'-'.join(['x' * 9_000_000] * 1000)",
        "('a' * 1_000_000).replace('a', 'b' * 1000)",
    ] {
        let (_, result) = run(&format!("x = {source}\n"));
        assert_eq!(
            result.expect_err(source).class_name,
            "MemoryError",
            "{source}"
        );
    }
}

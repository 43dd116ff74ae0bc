//! Helpers shared by the integration tests: run a script and capture what
//! it prints.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::stdlib::datetime::NaiveDateTime;
use retort_python::{Interpreter, Limits, ScriptError};

#[allow(dead_code)]
/// Runs `source` with default limits; returns stdout and the outcome.
pub fn run(source: &str) -> (String, Result<(), Box<ScriptError>>) {
    let mut interp = Interpreter::new(Limits::default());
    interp.set_clock(NaiveDateTime::default);
    let output = Rc::new(RefCell::new(String::new()));
    let sink = output.clone();
    interp.set_output(move |text| sink.borrow_mut().push_str(text));
    let result = interp.run(source);
    let text = output.borrow().clone();
    (text, result)
}

#[allow(dead_code)]
/// Runs `source` and returns stdout, failing the test on an uncaught error.
pub fn output_of(source: &str) -> String {
    let (output, result) = run(source);
    if let Err(error) = result {
        panic!(
            "script failed:\n{}\noutput so far:\n{output}",
            error.format_traceback()
        );
    }
    output
}

#[allow(dead_code)]
/// Runs `source` and returns the uncaught error, failing if there is none.
pub fn error_of(source: &str) -> ScriptError {
    match run(source).1 {
        Ok(()) => panic!("script was expected to fail:\n{source}"),
        Err(error) => *error,
    }
}

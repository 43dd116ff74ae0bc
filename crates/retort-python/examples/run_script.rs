//! Runs a Python file with Retort and prints its output or error, for
//! comparing with CPython by hand: `cargo run --example run_script -- file.py`.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::{Interpreter, Limits};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: run_script FILE");
        return;
    };
    let source = std::fs::read_to_string(&path).unwrap_or_default();
    let output = Rc::new(RefCell::new(String::new()));
    let mut interp = Interpreter::new(Limits::default());
    let sink = output.clone();
    interp.set_output(move |text| sink.borrow_mut().push_str(text));
    let result = interp.run(&source);
    print!("{}", output.borrow());
    if let Err(error) = result {
        eprint!("{}", error.format_traceback());
    }
}

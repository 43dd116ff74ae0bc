//! Prints the native stack used per nesting level of a list literal and per
//! Python call, to tune the evaluator's frame sizes on the current build.

use std::cell::RefCell;
use std::rc::Rc;

use retort_python::{Interpreter, Limits, NativeFunction, Value};

fn main() {
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
    let source = format!(
        "probe()\n{}probe(){}\ndef f(n):\n    if n:\n        return f(n - 1)\n    probe()\nf(0)\nf(10)\nx = 1 if probe() else 2\n",
        "[".repeat(20),
        "]".repeat(20)
    );
    let result = interp.run(&source);
    let samples = samples.borrow();
    println!("{result:?} samples {samples:?}");
    if let [base, nested, f0, f10, ..] = samples.as_slice() {
        println!("per list level: {}", (nested - base) / 20);
        println!("per python call: {}", (f10 - f0) / 10);
    }
}

//! Runs every file given on the command line with small limits and reports
//! any panic: a robustness check against arbitrary real-world Python.

use retort_python::{Interpreter, Limits};

fn main() {
    let mut panics = 0;
    let mut count = 0;
    for path in std::env::args().skip(1) {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        count += 1;
        let outcome = std::panic::catch_unwind(|| {
            let mut interp = Interpreter::new(Limits {
                max_steps: 20_000,
                ..Limits::default()
            });
            interp.run(&source).err().map(|e| e.summary())
        });
        match outcome {
            Ok(_) => {}
            Err(_) => {
                panics += 1;
                println!("PANIC in {path}");
            }
        }
    }
    println!("{count} files, {panics} panics");
}

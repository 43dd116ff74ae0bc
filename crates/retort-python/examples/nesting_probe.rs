//! Finds how deeply nested list literals can be parsed, and then run, on a
//! 1 MiB stack with the current build.

fn fits(depth: usize, run: bool) -> bool {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let source = format!("x = {}1{}\n", "[".repeat(depth), "]".repeat(depth));
            if run {
                let mut interp = retort_python::Interpreter::new(retort_python::Limits::default());
                let _ = interp.run(&source);
            } else {
                let _ = retort_python::parse::parse_module(&source);
            }
        })
        .map(|handle| handle.join().is_ok())
        .unwrap_or(false)
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let depth: usize = std::env::args()
        .nth(2)
        .and_then(|d| d.parse().ok())
        .unwrap_or(100);
    println!("{mode} {depth}: {}", fits(depth, mode == "run"));
}

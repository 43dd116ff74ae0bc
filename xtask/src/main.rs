//! `cargo xtask`: the project's own commands, the ones the README names.
//!
//! - `setup`: installs every tool the build and tests need, pinned and
//!   idempotent (quick when everything is there).
//! - `serve`: builds the page and serves it at http://127.0.0.1:8080.
//! - `test`: every check CI runs: formatting, lints, module docs, native tests,
//!   wasm tests in headless Chromium, the release build and the end-to-end test.
//! - `bench-web`: sizes of what the page loads and cold-load timings.

mod bench;
mod process;
mod serve;
mod setup;
mod test;
mod tidy;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup              install the pinned tools the build and tests need
  serve [--dev]      build the page (release unless --dev) and serve it at http://127.0.0.1:8080
  test               run every check CI runs
  bench-web          gzipped sizes and median cold-load time of the page
  tidy               check that every Rust module starts with a //! doc comment";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("serve") => serve::run(args.iter().any(|a| a == "--dev")),
        Some("test") => test::run(),
        Some("bench-web") => bench::run(),
        Some("tidy") => tidy::run(),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

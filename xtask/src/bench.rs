//! `cargo xtask bench-web`: what the page costs to load.
//!
//! Builds the release bundle, then `tests/bench/bench-web.mjs` serves it on
//! 127.0.0.1 and reports the gzipped size of every file the page loads and
//! the median of five cold loads, beside a blank page measured in the same run.

use crate::process::{self, command};
use crate::{serve, setup};

pub fn run() -> Result<(), String> {
    setup::run()?;
    serve::build_release()?;
    process::run(command("node", &["tests/bench/bench-web.mjs", "dist"]))
}

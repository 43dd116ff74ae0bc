//! `cargo xtask serve`: builds the page with Trunk and serves it on 127.0.0.1:8080.

use crate::process::{self, command};
use crate::setup;

/// Installs what is missing, then hands over to `trunk serve` (which
/// rebuilds on change) until interrupted.
pub fn run(dev: bool) -> Result<(), String> {
    setup::run()?;
    let mut args = vec!["serve", "--offline=true"];
    if !dev {
        args.push("--release");
    }
    println!("serving the page at http://127.0.0.1:8080 (Ctrl+C stops)");
    process::run(command(&trunk(), &args))
}

/// The pinned Trunk that `setup` installed.
pub fn trunk() -> String {
    process::cargo_bin().join("trunk").display().to_string()
}

/// A release build of the page into `dist/`.
pub fn build_release() -> Result<(), String> {
    process::run(command(&trunk(), &["build", "--release", "--offline=true"]))
}

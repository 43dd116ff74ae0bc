//! `cargo xtask test`: every check CI runs, fastest first.
//!
//! Formatting, module docs, lints (native and wasm32), native tests, wasm
//! tests in headless Chromium (one of them in a dedicated worker on OPFS),
//! the release build, and the end-to-end test that drives the built page
//! with playwright-core. Test counts from every runner are added up.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::process::{self, command, root};
use crate::{serve, setup, tidy};

/// Crates whose tests also run compiled to wasm32 in Chromium, and the
/// features they are tested with (the page's engine is behind one).
const WASM_TESTED: &[&str] = &["retort-driver", "retort-web", "retort-flask"];
const WASM_FEATURES: &str = "retort-web/migrate";

/// The crate whose tests run the conformance corpus and print its table.
const CONFORMANCE_CRATE: &str = "retort-cli";

pub fn run() -> Result<(), String> {
    setup::run()?;
    tidy::run()?;
    process::run(command("cargo", &["fmt", "--all", "--check"]))?;
    process::run(command(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))?;
    let mut wasm_clippy = vec![
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
    ];
    for krate in WASM_TESTED {
        wasm_clippy.extend(["-p", krate]);
    }
    wasm_clippy.extend(["--features", WASM_FEATURES, "--", "-D", "warnings"]);
    process::run(command("cargo", &wasm_clippy))?;

    let mut totals = Counts::default();
    totals += counted(command(
        "cargo",
        &["test", "--workspace", "--exclude", CONFORMANCE_CRATE],
    ))?;
    // Its table of scenarios and the totals are the point: show them.
    totals += counted(command(
        "cargo",
        &["test", "-p", CONFORMANCE_CRATE, "--", "--nocapture"],
    ))?;

    let mut wasm_test = vec!["test", "--target", "wasm32-unknown-unknown"];
    for krate in WASM_TESTED {
        wasm_test.extend(["-p", krate]);
    }
    wasm_test.extend(["--features", WASM_FEATURES]);
    let mut wasm = command("cargo", &wasm_test);
    wasm.env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            root().join("tests/webdriver.json"),
        )
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    totals += counted(wasm)?;

    serve::build_release()?;
    totals += counted(command("node", &["--test", "tests/e2e/"]))?;

    println!("\nall checks passed");
    println!("tests: {} passed, {} failed", totals.passed, totals.failed);
    Ok(())
}

/// Tests counted from a runner's summary lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    passed: u64,
    failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Runs a test command, echoing its output, and adds up the counts in its
/// summary lines; fails unless it exits 0.
fn counted(mut command: Command) -> Result<Counts, String> {
    let shown = format!("{command:?}");
    println!("\n$ {shown}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {shown}: {e}"))?;
    let mut counts = Counts::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            counts += parse_summary(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(counts)
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Reads `test result: ok. 3 passed; 0 failed; ...` (cargo and
/// wasm-bindgen-test) and `# pass 3` / `# fail 0` (node's test runner).
fn parse_summary(line: &str) -> Counts {
    let line = line.trim();
    let number_before = |text: &str, word: &str| -> u64 {
        text.split(';')
            .filter_map(|part| part.trim().strip_suffix(word))
            .filter_map(|n| n.trim().rsplit(' ').next()?.parse::<u64>().ok())
            .sum()
    };
    if let Some(rest) = line.strip_prefix("test result:") {
        return Counts {
            passed: number_before(rest, "passed"),
            failed: number_before(rest, "failed"),
        };
    }
    let node = |prefix: &str| {
        line.strip_prefix(prefix)
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    Counts {
        passed: node("# pass "),
        failed: node("# fail "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_and_node_summaries() {
        assert_eq!(
            parse_summary("test result: ok. 9 passed; 0 failed; 0 ignored; 0 measured"),
            Counts {
                passed: 9,
                failed: 0
            }
        );
        assert_eq!(
            parse_summary("test result: FAILED. 8 passed; 1 failed; 0 ignored"),
            Counts {
                passed: 8,
                failed: 1
            }
        );
        assert_eq!(
            parse_summary("# pass 4"),
            Counts {
                passed: 4,
                failed: 0
            }
        );
        assert_eq!(
            parse_summary("# fail 2"),
            Counts {
                passed: 0,
                failed: 2
            }
        );
        assert_eq!(parse_summary("running 3 tests"), Counts::default());
    }
}

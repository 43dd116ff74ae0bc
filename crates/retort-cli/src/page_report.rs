//! `retort page-report SCRIPT.py OUT`: the report the page's engine makes
//! of a script ([`retort_flask::page_report`]), written to `OUT` as the
//! bytes the page reads (postcard, the encoding of its worker messages).
//!
//! The page's build runs it on the first-visit example, so a first visit
//! shows that run's report as soon as the page's own code is up, before
//! its engine worker has compiled and run the same script (the page then
//! checks the engine's report against it).

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: retort page-report SCRIPT.py OUT";

pub fn main(args: &[String]) -> ExitCode {
    let [script, out] = args else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match write(Path::new(script), Path::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("retort page-report: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs `script` as the page would and writes the encoded report to `out`,
/// creating its folder.
pub fn write(script: &Path, out: &Path) -> Result<(), String> {
    let source = std::fs::read_to_string(script)
        .map_err(|error| format!("cannot read {}: {error}", script.display()))?;
    let bytes = encode(&source)?;
    if let Some(folder) = out.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    }
    std::fs::write(out, bytes).map_err(|error| format!("cannot write {}: {error}", out.display()))
}

/// The page's bytes for the report of `source`.
pub fn encode(source: &str) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(&retort_flask::page_report(source))
        .map_err(|error| format!("cannot encode the report: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use retort_flask::report::RunReport;

    #[test]
    fn the_bytes_read_back_as_the_run_report() {
        let source = "print(1 + 1)\n";
        let bytes = encode(source).unwrap();
        let report: RunReport = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(report, retort_flask::page_report(source));
        assert!(!report.steps.is_empty());
    }

    /// The page compares the build's report of its example with its
    /// engine's: a report must depend on the script alone (no memory
    /// addresses, clocks or random values), so two runs in one process,
    /// whose allocations differ, report the same.
    #[test]
    fn the_first_visit_example_reports_the_same_every_run() {
        let example = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/example.py"),
        )
        .unwrap();
        let first = encode(&example).unwrap();
        let _kept = retort_flask::page_report("x = [1, 2, 3]\n");
        assert_eq!(first, encode(&example).unwrap());
    }
}

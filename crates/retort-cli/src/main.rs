//! `retort`: runs a Flask-SQLAlchemy script natively and prints what it did.
//!
//! `retort run SCRIPT.py` prints the script's output, then the SQL log in the
//! style of SQLAlchemy's `echo=True`, then the error that ended it.
//! `retort run --json SCRIPT.py` prints the record in the conformance
//! corpus's format instead. The exit status is 1 when the script raised.

use std::process::ExitCode;

use retort_cli::echo;
use retort_flask::{RunOptions, run_script};

const USAGE: &str = "usage: retort run [--json] SCRIPT.py";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (json, script) = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["run", "--json", path] | ["run", path, "--json"] => (true, path.to_owned()),
        ["run", path] => (false, path.to_owned()),
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let source = match std::fs::read_to_string(&script) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("retort: cannot read {script}: {error}");
            return ExitCode::from(2);
        }
    };
    let options = RunOptions {
        scenario: script.clone(),
        ..RunOptions::default()
    };
    let record = run_script(&source, &options);
    if json {
        match serde_json::to_string_pretty(&record) {
            Ok(text) => println!("{text}"),
            Err(error) => {
                eprintln!("retort: {error}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", record.stdout);
        eprint!("{}", echo::sql_log(&record));
        for warning in &record.warnings {
            eprintln!("{}: {}", warning.category, warning.message);
        }
        if let Some(line) = echo::error_line(&record) {
            eprintln!("{line}");
        }
    }
    if record.error.is_some() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

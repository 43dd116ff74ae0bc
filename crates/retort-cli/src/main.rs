//! `retort`: runs a Flask-SQLAlchemy script natively and prints what it did.
//!
//! `retort run SCRIPT.py` prints the script's output, then the SQL log in the
//! style of SQLAlchemy's `echo=True`, then the error that ended it.
//! `retort run --json SCRIPT.py` prints the record in the conformance
//! corpus's format instead; `retort run --report SCRIPT.py` prints the run
//! report the page shows (steps with session and table snapshots, loads,
//! N+1 findings, cascade effects). The exit status is 1 when the script
//! raised. `retort replay [--json] DIR` replays a Flask-Migrate session
//! folder ([`retort_cli::replay`]). `retort page-report SCRIPT.py OUT`
//! writes the report the page shows, as the page's bytes
//! ([`retort_cli::page_report`]).

use std::process::ExitCode;

use retort_cli::echo;
use retort_flask::{RunOptions, run_script_with_report};

const USAGE: &str = "usage: retort run [--json | --report] SCRIPT.py\n       retort replay [--json] SCENARIO_DIR\n       retort page-report SCRIPT.py OUT";

/// What `retort run` prints.
#[derive(PartialEq)]
enum Output {
    Echo,
    Json,
    Report,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("replay") {
        return retort_cli::replay::main(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("page-report") {
        return retort_cli::page_report::main(&args[1..]);
    }
    let (output, script) = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["run", "--json", path] | ["run", path, "--json"] => (Output::Json, path.to_owned()),
        ["run", "--report", path] | ["run", path, "--report"] => (Output::Report, path.to_owned()),
        ["run", path] => (Output::Echo, path.to_owned()),
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
    let (record, report) = run_script_with_report(&source, &options);
    if output != Output::Echo {
        let text = if output == Output::Json {
            serde_json::to_string_pretty(&record)
        } else {
            serde_json::to_string_pretty(&report)
        };
        match text {
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

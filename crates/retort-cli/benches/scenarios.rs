//! The run time of every conformance scenario through `run_script` — a fresh
//! interpreter, a fresh in-memory SQLite, the whole script — measured with
//! criterion. After criterion's report it prints each scenario's median time
//! per run, computed from the iterations of this run, and the median over
//! all scenarios. Scenarios that do not pass yet stop at their first error,
//! so their times measure less than the whole script.

use std::cell::RefCell;
use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::Criterion;
use retort_flask::{RunOptions, run_script};

fn scenarios() -> Vec<(String, String)> {
    let folder =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/scenarios");
    let mut found: Vec<(String, String)> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("the corpus is missing at {}: {e}", folder.display()))
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry
                .file_name()
                .to_string_lossy()
                .strip_suffix(".py")?
                .to_owned();
            let source = fs::read_to_string(entry.path()).ok()?;
            Some((name, source))
        })
        .collect();
    found.sort();
    found
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let options = RunOptions::default();
    let mut rows = Vec::new();
    for (name, source) in scenarios() {
        let per_run = RefCell::new(Vec::new());
        let mut passed = false;
        criterion.bench_function(&name, |bencher| {
            bencher.iter_custom(|iterations| {
                let start = Instant::now();
                for _ in 0..iterations {
                    let record = black_box(run_script(&source, &options));
                    passed = record.error.is_none();
                }
                let elapsed = start.elapsed();
                per_run
                    .borrow_mut()
                    .push(elapsed.as_secs_f64() / iterations.max(1) as f64);
                elapsed
            });
        });
        rows.push((name, median(&mut per_run.into_inner()), passed));
    }
    println!("\nRun time per conformance scenario (median of this run's samples):");
    println!("| scenario | median ms | ended |\n|---|---:|---|");
    for (name, seconds, passed) in &rows {
        let ended = if *passed { "completed" } else { "at an error" };
        println!("| {name} | {:.2} | {ended} |", seconds * 1000.0);
    }
    let mut all: Vec<f64> = rows.iter().map(|(_, s, _)| *s).collect();
    println!(
        "| **median over {} scenarios** | **{:.2}** | |",
        all.len(),
        median(&mut all) * 1000.0
    );
}

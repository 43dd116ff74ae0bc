//! What both ORM-against-raw benchmarks share: criterion's settings for
//! workloads of tens to hundreds of milliseconds, and the table of medians
//! and ORM/raw ratios printed after criterion's own report, read from
//! criterion's estimates of this run.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, SamplingMode};

/// Sets a workload's group up for iterations of tens to hundreds of
/// milliseconds.
pub fn configure(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
}

/// Where criterion writes its estimates, found as criterion 0.5 finds it:
/// `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else the target
/// directory `cargo metadata` reports, else `target/criterion`.
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let metadata = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .ok()
        .and_then(|out| serde_json::from_slice::<serde_json::Value>(&out.stdout).ok());
    match metadata
        .as_ref()
        .and_then(|m| m["target_directory"].as_str())
    {
        Some(target) => Path::new(target).join("criterion"),
        None => PathBuf::from("target/criterion"),
    }
}

/// The median of one measurement of this run, in nanoseconds; `None` when
/// criterion did not measure it now (a filter, `--test` or `--list`).
fn median_ns(home: &Path, group: &str, id: &str, started: SystemTime) -> Option<f64> {
    let path = home.join(group).join(id).join("new").join("estimates.json");
    let fresh = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .is_ok_and(|modified| modified >= started);
    if !fresh {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

/// Prints the medians of both sides (ids `orm` and `raw`) and their ratio
/// for each `(criterion group, label)`.
pub fn print_table(started: SystemTime, workloads: &[(&str, &str)]) {
    let home = criterion_home();
    let mut lines = Vec::new();
    for &(group, label) in workloads {
        let orm = median_ns(&home, group, "orm", started);
        let raw = median_ns(&home, group, "raw", started);
        if let (Some(orm), Some(raw)) = (orm, raw) {
            lines.push(format!(
                "| {label:<34} | {:>12.2} | {:>12.2} | {:>8.2}x |",
                orm / 1e6,
                raw / 1e6,
                orm / raw
            ));
        }
    }
    if lines.is_empty() {
        return;
    }
    println!();
    println!("Retort ORM against raw rusqlite (criterion medians of this run; target <= 2x):");
    println!(
        "| {:<34} | {:>12} | {:>12} | {:>9} |",
        "workload", "ORM (ms)", "raw (ms)", "ORM/raw"
    );
    println!("|{:-<36}|{:->14}|{:->14}|{:->11}|", "", "", "", "");
    for line in lines {
        println!("{line}");
    }
}

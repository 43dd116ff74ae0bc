//! Replaying a learner session (`steps.txt` of a scenario folder) as
//! `run_migration_scenario.py` records it: one project folder for all
//! steps (`models vN` rewrites `app.py`, `flask db ...`, `python X.py`,
//! `rm PATTERN`, `replace PATTERN FILE`, a leading `!` for an expected
//! failure), and after each step the files it changed, the revision
//! scripts, the statements, and the database's `sqlite_master` and rows,
//! all normalised into the recorder's JSON.

mod files;
mod steps;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use retort_flask::{ErrorEntry, StatementEntry};

use crate::commands::{CommandOptions, run_flask_db};
use crate::project::Project;
use crate::record::{J, Normalizer, dumps_record};

pub use files::glob;
use files::{dump_database, is_db, snapshot};
pub use steps::{Step, parse_steps, shell_text, shlex_split};

fn error_json(error: &Option<ErrorEntry>) -> J {
    match error {
        None => J::Null,
        Some(e) => J::obj(vec![
            ("type", J::s(e.type_name.clone())),
            ("qualified_type", J::s(e.qualified_type.clone())),
            ("message", J::s(e.message.clone())),
            ("line", e.line.map_or(J::Null, |l| J::Int(i64::from(l)))),
        ]),
    }
}

fn statement_json(s: &StatementEntry) -> J {
    J::obj(vec![
        ("kind", J::s(s.kind.clone())),
        ("sql", J::s(s.sql.clone())),
        ("normalized", J::s(s.normalized.clone())),
        ("params", J::from_json(&s.params)),
        ("phase", J::s(s.phase.clone())),
    ])
}

/// How to replay.
#[derive(Debug, Clone, Default)]
pub struct ReplayOptions {
    pub commands: CommandOptions,
    /// Keep the project folder (its path is returned).
    pub keep: bool,
}

/// What one step did, before normalisation.
#[derive(Debug, Default)]
struct StepResult {
    exit_code: i32,
    stdout: String,
    stderr: String,
    output: String,
    error: Option<ErrorEntry>,
    traceback: Option<String>,
    statements: Vec<StatementEntry>,
}

fn new_workdir() -> Result<PathBuf, String> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let base = std::env::temp_dir();
    for _ in 0..100 {
        let name = format!(
            "retort_mig_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            crate::commands::random_revision_id()
        );
        let path = base.join(name);
        if fs::create_dir(&path).is_ok() {
            return Ok(path);
        }
    }
    Err("cannot create a temporary project folder".into())
}

/// The name the record gives a scenario folder.
fn scenario_name(dir: &Path) -> String {
    let parts: Vec<String> = dir
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let n = parts.len();
    if n >= 3 && parts[n - 2] == "scenarios" && parts[n - 3] == "migrations" {
        format!("migrations/scenarios/{}", parts[n - 1])
    } else {
        dir.to_string_lossy().into_owned()
    }
}

/// Replays a scenario folder and returns the recorder's JSON value.
pub fn replay_scenario(dir: &Path, options: &ReplayOptions) -> Result<J, String> {
    let steps_text = fs::read_to_string(dir.join("steps.txt"))
        .map_err(|e| format!("cannot read {}: {e}", dir.join("steps.txt").display()))?;
    let steps = parse_steps(&steps_text)?;
    let workdir = new_workdir()?;
    let result = replay_in(dir, &steps, &workdir, options);
    if !options.keep {
        let _ = fs::remove_dir_all(&workdir);
    }
    result
}

fn replay_in(
    dir: &Path,
    steps: &[Step],
    workdir: &Path,
    options: &ReplayOptions,
) -> Result<J, String> {
    let mut paths = vec![workdir.to_string_lossy().into_owned()];
    if let Ok(real) = fs::canonicalize(workdir) {
        paths.push(real.to_string_lossy().into_owned());
    }
    let mut norm = Normalizer::new(paths);
    let project = Project::new(workdir);
    let mut harness = vec!["app.py".to_owned()];
    for step in steps {
        if step.kind == "python" {
            let Some(name) = step.words.get(1) else {
                continue;
            };
            if name != "app.py" {
                fs::copy(dir.join(name), workdir.join(name))
                    .map_err(|e| format!("cannot copy {name}: {e}"))?;
                harness.push(name.clone());
            }
        }
    }
    let mut previous: BTreeMap<String, Vec<u8>> = snapshot(workdir, &harness).into_iter().collect();
    let mut records = Vec::new();
    let mut current_models: Option<String> = None;
    for (index, step) in steps.iter().enumerate() {
        let mut entry: Vec<(&str, J)> = vec![
            ("index", J::Int(index as i64 + 1)),
            ("line", J::Int(step.line as i64)),
            ("command", J::s(step.command.clone())),
            ("shell", J::s(shell_text(step))),
            ("kind", J::s(step.kind.clone())),
            ("models", J::Null),
            ("expect_failure", J::Bool(step.expect_failure)),
        ];
        if step.kind == "models" {
            let name = step.words[1].clone();
            fs::copy(dir.join(format!("{name}.py")), workdir.join("app.py"))
                .map_err(|e| format!("cannot copy {name}.py: {e}"))?;
            entry[5].1 = J::s(name.clone());
            current_models = Some(name);
            records.push(J::obj(entry).map_strings(&|s| norm.text(s)));
            continue;
        }
        entry[5].1 = J::opt(current_models.clone());
        let mut removed_paths: Vec<String> = Vec::new();
        let result = match step.kind.as_str() {
            "rm" => {
                for pattern in &step.words[1..] {
                    for path in glob(workdir, &norm.denormalize(pattern)) {
                        if fs::remove_file(workdir.join(&path)).is_ok() {
                            removed_paths.push(path);
                        }
                    }
                }
                entry.push((
                    "removed",
                    J::Arr(removed_paths.iter().map(|p| J::s(p.clone())).collect()),
                ));
                StepResult::default()
            }
            "replace" => {
                let targets = glob(workdir, &norm.denormalize(&step.words[1]));
                if targets.len() != 1 {
                    return Err(format!(
                        "steps.txt:{}: {} matches {targets:?}",
                        step.line, step.words[1]
                    ));
                }
                let text = fs::read_to_string(dir.join(&step.words[2]))
                    .map_err(|e| format!("cannot read {}: {e}", step.words[2]))?;
                fs::write(workdir.join(&targets[0]), norm.denormalize(&text))
                    .map_err(|e| format!("cannot write {}: {e}", targets[0]))?;
                StepResult::default()
            }
            "python" => run_python_step(workdir, step, options),
            _ => {
                if current_models.is_none() {
                    return Err(format!(
                        "steps.txt:{}: no `models vN` before a flask command",
                        step.line
                    ));
                }
                let words: Vec<String> = step.words.iter().map(|w| norm.denormalize(w)).collect();
                let outcome = run_flask_db(&project, &words, &options.commands);
                StepResult {
                    exit_code: outcome.exit_code,
                    stdout: outcome.console.stdout,
                    stderr: outcome.console.stderr,
                    output: outcome.console.output,
                    error: outcome.error,
                    traceback: outcome.traceback,
                    statements: outcome.statements,
                }
            }
        };

        let current: Vec<(String, Vec<u8>)> = snapshot(workdir, &harness);
        let current_map: BTreeMap<String, Vec<u8>> = current.iter().cloned().collect();
        let added: Vec<&String> = current
            .iter()
            .map(|(p, _)| p)
            .filter(|p| !previous.contains_key(*p))
            .collect();
        let modified: Vec<&String> = current
            .iter()
            .filter(|(p, bytes)| previous.get(p).is_some_and(|old| old != bytes))
            .map(|(p, _)| p)
            .collect();
        let mut revisions = Vec::new();
        for path in added.iter().chain(modified.iter()) {
            if path.starts_with("migrations/versions/") && path.ends_with(".py") {
                let text = String::from_utf8_lossy(&current_map[*path]).into_owned();
                if let Some(id) = revision_id(&text) {
                    norm.add_revision(&id);
                }
                revisions.push(J::obj(vec![
                    ("path", J::s((*path).clone())),
                    ("text", J::s(text)),
                ]));
            }
        }
        let mut changed: Vec<(String, &str)> = Vec::new();
        for p in &added {
            changed.push(((*p).clone(), "added"));
        }
        for p in previous.keys().filter(|p| !current_map.contains_key(*p)) {
            changed.push((p.clone(), "removed"));
        }
        for p in &modified {
            changed.push(((*p).clone(), "modified"));
        }
        changed.sort();
        let files: Vec<J> = changed
            .iter()
            .map(|(path, change)| {
                let mut item = vec![("path", J::s(path.clone())), ("change", J::s(*change))];
                if is_db(path) {
                    item.push(("binary", J::Bool(true)));
                } else if *change != "removed"
                    && path.starts_with("migrations/")
                    && !path.starts_with("migrations/versions/")
                {
                    item.push((
                        "text",
                        J::s(String::from_utf8_lossy(&current_map[path]).into_owned()),
                    ));
                }
                J::obj(item)
            })
            .collect();
        previous = current_map;

        entry.push(("exit_code", J::Int(i64::from(result.exit_code))));
        entry.push(("output", J::s(result.output)));
        entry.push(("stdout", J::s(result.stdout)));
        entry.push(("stderr", J::s(result.stderr)));
        entry.push(("error", error_json(&result.error)));
        entry.push(("traceback", J::opt(result.traceback)));
        entry.push(("files", J::Arr(files)));
        entry.push(("revisions", J::Arr(revisions)));
        entry.push((
            "statements",
            J::Arr(result.statements.iter().map(statement_json).collect()),
        ));
        let databases = retort_flask::project::database_paths(workdir);
        match databases.first() {
            Some(path) => {
                let relative = path
                    .strip_prefix(workdir)
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_default();
                let (schema, data) = dump_database(path);
                entry.push(("database", J::s(relative)));
                entry.push(("schema", schema));
                entry.push(("data", data));
            }
            None => {
                entry.push(("database", J::Null));
                entry.push(("schema", J::Arr(Vec::new())));
                entry.push(("data", J::Obj(Vec::new())));
            }
        }
        records.push(J::obj(entry).map_strings(&|s| norm.text(s)));
    }
    let versions = J::obj(vec![
        ("flask_migrate", J::s("4.1.0")),
        ("alembic", J::s("1.20.1")),
        ("sqlalchemy", J::s("2.0.58")),
        ("flask_sqlalchemy", J::s("3.1.1")),
        ("flask", J::s("3.1.3")),
        ("click", J::s("8.5.1")),
        ("mako", J::s("1.4.3")),
        ("sqlite", J::s(retort_driver::sqlite_version())),
        ("python", J::s("3.11.7")),
    ]);
    Ok(J::obj(vec![
        ("scenario", J::s(scenario_name(dir))),
        (
            "options",
            J::obj(vec![
                ("render_as_batch", J::Null),
                ("compare_type", J::Null),
                ("termwidth", J::s("unlimited")),
            ]),
        ),
        ("versions", versions),
        (
            "migrate_defaults",
            J::obj(vec![
                ("render_as_batch", J::Bool(true)),
                ("compare_type", J::Bool(true)),
            ]),
        ),
        (
            "revisions",
            J::Arr(
                norm.revisions
                    .iter()
                    .map(|(_, p)| J::s(p.clone()))
                    .collect(),
            ),
        ),
        ("steps", J::Arr(records)),
    ]))
}

/// `^revision = '...'` of a revision file.
fn revision_id(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let rest = line.strip_prefix("revision = '")?;
        let end = rest.find('\'')?;
        Some(rest[..end].to_owned())
    })
}

fn run_python_step(workdir: &Path, step: &Step, options: &ReplayOptions) -> StepResult {
    let Some(script) = step.words.get(1) else {
        return StepResult {
            exit_code: 2,
            ..StepResult::default()
        };
    };
    let Ok(source) = fs::read_to_string(workdir.join(script)) else {
        let message = format!(
            "python: can't open file '{}': [Errno 2] No such file or directory\n",
            workdir.join(script).display()
        );
        return StepResult {
            exit_code: 2,
            stderr: message.clone(),
            output: message,
            ..StepResult::default()
        };
    };
    let app_source = fs::read_to_string(workdir.join("app.py")).ok();
    let files: std::rc::Rc<dyn retort_flask::files::ProjectFiles> =
        std::rc::Rc::new(retort_flask::files::DiskFiles::new(workdir));
    let outcome = retort_flask::project::run_python_file(
        &files,
        script,
        &source,
        app_source.as_deref(),
        &options.commands.limits,
    );
    StepResult {
        exit_code: i32::from(outcome.error.is_some()),
        output: format!("{}{}", outcome.stdout, outcome.stderr),
        stdout: outcome.stdout,
        stderr: outcome.stderr,
        error: outcome.error,
        traceback: outcome.traceback,
        statements: outcome.statements,
    }
}

/// Replays a scenario and lays the record out as the recorder does.
pub fn replay_to_string(dir: &Path, options: &ReplayOptions) -> Result<String, String> {
    replay_scenario(dir, options).map(|record| dumps_record(&record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_ids_are_found() {
        assert_eq!(
            revision_id("x\nrevision = 'abc123'\ndown_revision = None\n"),
            Some("abc123".into())
        );
    }
}

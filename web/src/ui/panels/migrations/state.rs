//! What the page keeps of the migrated project: the project itself (the
//! files, folders and database images every command is sent with, so a
//! restarted worker loses nothing), every command's answer (the terminal's
//! scrollback, each with its schema changes), the project database's
//! report (one step per command: its SQL, output, rows and schema, which
//! the SQL, Tables and Schema panels show), the command on show, and the
//! typed lines for the history.

use std::rc::Rc;

use retort_report::StepOutcome;
use retort_report::migration::{MigrationRun, ProjectFile, ProjectState};

use crate::ui::panels::Report;
use crate::ui::project_store::KeptProject;

/// The Migrations view's state.
#[derive(Clone, Default)]
pub struct Migrations {
    pub project: ProjectState,
    pub runs: Vec<Rc<MigrationRun>>,
    /// The project database's report: step `i` is command `i`.
    pub report: Report,
    /// The command on show (its step in [`Self::report`]).
    pub selected: Option<usize>,
    pub history: Vec<String>,
    /// The project file open in the Migrations view.
    pub open_file: Option<String>,
}

impl Migrations {
    /// A project kept from an earlier visit: its last command's answer
    /// starts the scrollback.
    pub fn restored(kept: KeptProject) -> Self {
        let mut migrations = Migrations {
            history: kept.history,
            ..Migrations::default()
        };
        if let Some(last) = kept.last {
            migrations.apply(last);
        }
        migrations.project = kept.project;
        migrations
    }

    /// An empty project (the typed lines stay for the arrow keys).
    pub fn reset(&mut self) {
        *self = Migrations {
            history: std::mem::take(&mut self.history),
            ..Migrations::default()
        };
    }

    /// What to keep of the project across a reload.
    pub fn to_keep(&self) -> KeptProject {
        let last = self.latest().map(|run| {
            let report = &self.report.0;
            let step = report
                .steps
                .last()
                .map(|step| StepOutcome {
                    step: step.clone(),
                    statements: report
                        .statements
                        .iter()
                        .filter(|s| s.step == step.index)
                        .cloned()
                        .collect(),
                })
                .unwrap_or_default();
            MigrationRun {
                state: ProjectState::default(),
                step,
                ..run.clone()
            }
        });
        KeptProject {
            project: self.project.clone(),
            last,
            history: self.history.clone(),
        }
    }

    /// Keeps a typed line for the arrow keys (not twice in a row).
    pub fn remember(&mut self, line: &str) {
        let line = line.trim();
        if !line.is_empty() && self.history.last().map(String::as_str) != Some(line) {
            self.history.push(line.to_owned());
        }
    }

    /// Takes a command's answer: its project becomes the project.
    pub fn apply(&mut self, mut run: MigrationRun) {
        self.project = run.state.clone();
        Rc::make_mut(&mut self.report.0).push_step(std::mem::take(&mut run.step));
        self.runs.push(Rc::new(run));
        self.selected = Some(self.runs.len() - 1);
    }

    /// The learner added an empty file; it opens for editing.
    pub fn create(&mut self, path: String) {
        self.project.files.push(ProjectFile {
            path: path.clone(),
            text: String::new(),
        });
        self.open_file = Some(path);
    }

    /// The learner edited a file of the project.
    pub fn edit(&mut self, path: &str, text: &str) {
        if let Some(file) = self.project.files.iter_mut().find(|f| f.path == path) {
            file.text = text.to_owned();
        }
    }

    /// The latest answer.
    pub fn latest(&self) -> Option<&MigrationRun> {
        self.runs.last().map(|r| &**r)
    }

    /// The answer on show.
    pub fn shown(&self) -> Option<&MigrationRun> {
        self.selected
            .and_then(|i| self.runs.get(i))
            .map(|r| &**r)
            .or_else(|| self.latest())
    }
}

/// The state shared with the view; equal when it is the same value.
#[derive(Clone, Default)]
pub struct MigrationsRef(pub Rc<Migrations>);

impl PartialEq for MigrationsRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

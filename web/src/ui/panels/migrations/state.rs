//! What the page keeps of the migrated project: the project itself (the
//! files, folders and database images every command is sent with, so a
//! restarted worker loses nothing), every command's answer (the terminal's
//! scrollback, each with its schema, SQL and rows), the one on show, and
//! the typed lines for the history.

use std::rc::Rc;

use retort_report::migration::{MigrationRun, ProjectState};

/// The Migrations view's state.
#[derive(Debug, Clone, Default)]
pub struct Migrations {
    pub project: ProjectState,
    pub runs: Vec<Rc<MigrationRun>>,
    /// The run whose schema, SQL and rows are on show.
    pub selected: Option<usize>,
    pub history: Vec<String>,
}

impl Migrations {
    /// Keeps a typed line for the arrow keys (not twice in a row).
    pub fn remember(&mut self, line: &str) {
        let line = line.trim();
        if !line.is_empty() && self.history.last().map(String::as_str) != Some(line) {
            self.history.push(line.to_owned());
        }
    }

    /// Takes a command's answer: its project becomes the project.
    pub fn apply(&mut self, run: MigrationRun) {
        self.project = run.state.clone();
        self.runs.push(Rc::new(run));
        self.selected = Some(self.runs.len() - 1);
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
#[derive(Debug, Clone, Default)]
pub struct MigrationsRef(pub Rc<Migrations>);

impl PartialEq for MigrationsRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

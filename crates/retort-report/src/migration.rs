//! A project the page migrates and what one `flask db ...` command did to
//! it: the project's state travels with every request
//! ([`ProjectState`]: text files and database images, kept by the page so
//! a restarted worker loses nothing), and the answer ([`MigrationRun`])
//! holds the terminal text, the new state, the revision chain, the schema
//! before and after with what changed, the step the page's panels show
//! (the SQL run, the rows and schema after: a [`StepOutcome`] of kind
//! [`crate::StepKind::Command`]), and the classic mistakes the run shows
//! ([`Mistake`]).

use serde::{Deserialize, Serialize};

use crate::StepOutcome;

/// A text file of the project, by path relative to its root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectFile {
    pub path: String,
    pub text: String,
}

/// A database of the project: its path relative to the root and its bytes
/// (SQLite's file format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseImage {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a project holds besides `app.py` (which is the editor's
/// script): `migrations/`, other files, folders and databases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectState {
    pub files: Vec<ProjectFile>,
    /// Folders, including empty ones (`migrations/versions` after `init`).
    #[serde(default)]
    pub dirs: Vec<String>,
    #[serde(default)]
    pub databases: Vec<DatabaseImage>,
}

/// One revision of the chain, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionNode {
    pub id: String,
    /// The revisions it revises (none for the first).
    pub down: Vec<String>,
    /// The docstring's first line (`-m`).
    pub message: String,
    /// Its file, relative to the root.
    pub path: String,
    /// No other revision revises it.
    pub head: bool,
    /// The database is at this revision (`alembic_version`).
    pub current: bool,
}

/// A column as SQLite describes it (`PRAGMA table_info`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSchema {
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    pub nullable: bool,
    pub default: Option<String>,
    pub primary_key: bool,
}

/// A table and its columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableSchema {
    pub name: String,
    pub columns: Vec<ColumnSchema>,
}

/// How a table or a column changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Dropped,
    Changed,
}

/// A column that a command added, dropped or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnChange {
    pub name: String,
    pub change: Change,
    pub before: Option<ColumnSchema>,
    pub after: Option<ColumnSchema>,
}

/// A table a command created, dropped or altered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableChange {
    pub table: String,
    pub change: Change,
    pub columns: Vec<ColumnChange>,
}

/// A classic migration mistake the run shows, explained next to the error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mistake {
    /// `db.create_all()` made or kept the tables, so there is nothing to
    /// migrate, or a column the model has is missing from the table.
    CreateAllDoesNotAlter,
    /// A NOT NULL column added to a table with rows, without
    /// `server_default`.
    NotNullWithoutDefault { column: String },
    /// Autogenerate saw a rename as a dropped column plus an added one.
    RenameSeenAsDropAndAdd {
        table: String,
        removed: String,
        added: String,
    },
    /// `migrate` while the database is behind the newest revision.
    NotUpToDate,
    /// An unnamed constraint in batch mode (no naming convention).
    UnnamedConstraint,
    /// The app has no `Migrate(app, db)`, so `flask db` does not exist.
    NoMigrate,
}

/// What one `flask db ...` command did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MigrationRun {
    /// The command line as typed.
    pub command: String,
    pub exit_code: i32,
    /// What the terminal shows (stdout and stderr interleaved).
    pub output: String,
    /// The project afterwards (the page keeps it for the next command).
    pub state: ProjectState,
    /// `app.py` as the command imported it.
    pub app_source: String,
    /// How many lines `app.py` has before the editor's first line (the
    /// wiring a playground script gets), so a traceback's `app.py` line
    /// can point into the editor.
    #[serde(default)]
    pub app_line_offset: u32,
    pub revisions: Vec<RevisionNode>,
    /// The database's revisions (`alembic_version`).
    pub current: Vec<String>,
    pub schema_before: Vec<TableSchema>,
    pub schema_after: Vec<TableSchema>,
    pub changes: Vec<TableChange>,
    /// The command as a step of the project database's report: its SQL,
    /// output, rows and schema.
    pub step: StepOutcome,
    pub mistakes: Vec<Mistake>,
}

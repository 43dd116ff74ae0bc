//! Flask-Migrate 4.1 / Alembic 1.20 on SQLite, emulated: `flask db init`,
//! `migrate`, `upgrade`, `downgrade`, `history`, `current`, `heads`, `show`,
//! `check` and `stamp` on a project folder (the learner's `app.py`,
//! `migrations/`, `instance/data.db`), with the console text, exit status,
//! revision scripts, SQL and database the real tools produce.
//!
//! The pieces, one job each:
//! - [`project`]: the project folder and the files `init` writes
//!   ([`templates`]);
//! - [`cli`]: click's argument parsing for `flask db ...`, [`console`]: the
//!   terminal (log lines, `Error: ...`, tracebacks);
//! - [`commands`]: the commands, on the revision graph ([`revisions`]) of
//!   the scripts in `migrations/versions` ([`script`]);
//! - autogenerate: [`model`] (tables as Alembic sees them, [`types`]),
//!   [`reflect`] (the database's schema), [`compare`] (the differences as
//!   [`ops`]), [`render`] (the revision script);
//! - running revisions: [`runner`] executes `upgrade()`/`downgrade()` with
//!   the interpreter and the `alembic.op` module of [`op_api`] and the
//!   `sqlalchemy` of [`sa_api`], [`batch`] applies `batch_alter_table` (ALTER or move and
//!   copy), [`ddl`] renders the statements, [`conn`] sends them the way
//!   pysqlite does (DDL outside transactions) and records them;
//! - [`playground`] runs a command line on a project the page holds in
//!   memory and reports what the page shows;
//! - [`scenario`] replays a recorded learner session (`steps.txt`) and
//!   produces the recorder's JSON ([`record`]).

pub mod batch;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod conn;
pub mod console;
pub mod ddl;
pub mod model;
pub mod op_api;
pub mod ops;
pub mod playground;
pub mod project;
pub mod record;
pub mod reflect;
pub mod render;
pub mod revisions;
pub mod runner;
pub mod sa_api;
pub mod scenario;
pub mod script;
pub mod templates;
pub mod types;

pub use commands::{CommandOutcome, run_flask_db};
pub use project::Project;
pub use scenario::{ReplayOptions, replay_scenario};

//! Retort's page, in two halves that share only [`protocol`].
//!
//! - [`ui`]: the yew application on the main thread (binary `app`). It never
//!   touches SQLite; it renders what the engine reports.
//! - [`engine`]: the dedicated Web Worker (binary `engine_worker`) that owns
//!   the database — on OPFS through the `sahpool` VFS where the browser allows
//!   it, in memory otherwise — and answers the UI's requests.
//!
//! - [`example`]: the script a first visit opens on, which the page shows
//!   and the engine runs ahead of the page's asking;
//! - [`i18n`], [`moment`], [`share_link`], [`diagram`]: what the UI shows,
//!   as plain functions tested natively (its words, the selected moment of
//!   a run, the share fragment's limits, the schema diagram's geometry);
//!   [`sqlite_file`] checks an imported database's header;
//!   [`terminal_line`], the Migrations view's completion and history;
//!   [`project_path`], the name of a file the learner adds to the project;
//!   [`terminal_text`], the terminal's traceback lines that point into the
//!   editor.
//!
//! The engine is behind the `engine` feature, which only the worker binary is
//! built with: the main thread's wasm carries no SQLite.
//!
//! A request that runs too long is cancelled by terminating the worker and
//! starting a new one; the page itself never blocks.

pub mod diagram;
pub mod example;
pub mod i18n;
pub mod moment;
pub mod project_path;
pub mod protocol;
pub mod share_link;
pub mod sqlite_file;
pub mod terminal_line;
pub mod terminal_text;
pub mod wire;

#[cfg(all(target_arch = "wasm32", feature = "engine"))]
pub mod engine;
#[cfg(target_arch = "wasm32")]
pub mod ui;

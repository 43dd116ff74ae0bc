//! Retort's one SQLite code path.
//!
//! Every statement Retort sends to SQLite goes through [`Database`]: natively it
//! runs on `rusqlite`'s bundled SQLite, in the browser on `sqlite-wasm-rs`
//! (rusqlite switches by target; this crate has no `cfg` of its own for it).
//! Values only ever reach SQLite as bound parameters ([`Value`]). Each statement
//! is reported to an optional [`StatementObserver`] with its SQL, parameters,
//! outcome and duration: that stream feeds the page's SQL log.
//!
//! Without its `sqlite` feature the crate builds only its data types, for
//! code that displays what a database did without opening one (the page's UI).
//!
//! The crate knows nothing of SQL building, Python or the browser.

#[cfg(feature = "sqlite")]
mod database;
mod error;
#[cfg(feature = "sqlite")]
mod image;
#[cfg(feature = "sqlite")]
mod prepared;
mod result;
#[cfg(feature = "sqlite")]
mod row;
mod trace;
mod value;

#[cfg(feature = "sqlite")]
pub use database::{Database, OpBudget, ScriptOutcome};
pub use error::{DriverError, ErrorClass};
#[cfg(feature = "sqlite")]
pub use prepared::Prepared;
pub use result::{ResultSet, StatementResult};
#[cfg(feature = "sqlite")]
pub use row::RowValues;
pub use trace::{StatementObserver, StatementOutcome, StatementTrace};
pub use value::{Value, ValueRef};

/// The version of the SQLite library linked into this build, e.g. `3.50.4`.
#[cfg(feature = "sqlite")]
pub fn sqlite_version() -> &'static str {
    rusqlite::version()
}

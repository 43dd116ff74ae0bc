//! The Flask-SQLAlchemy / SQLAlchemy surface as Python objects, and the runner.
//!
//! [`run_script`] runs a learner's script with a fresh interpreter and a
//! fresh ORM session and returns its [`RunRecord`]: statements, stdout,
//! warnings and the uncaught error, in the conformance corpus's format
//! ([`record`]), which [`compare`] compares with a recorded run by the
//! corpus's rules. The other modules each own one part of the Python surface:
//! [`db`] (`SQLAlchemy`, `Flask`), [`model`] (`db.Model`), [`column`],
//! [`types`], [`expr`], [`session`], [`query`], [`select`], [`row`],
//! [`pagination`], [`schema`], [`exceptions`], [`modules`], and plain
//! SQLAlchemy's [`engine`] (`create_engine`, connections) and
//! [`plain_session`] (`Session(engine)`, `sessionmaker`); [`ctx`] is the
//! state they share and [`convert`] the value conversions. [`RunSession`]
//! keeps a run's interpreter and session alive for the page's console.

pub mod aliased;
pub mod association_proxy;
pub mod bulk;
pub mod case;
pub mod column;
pub mod compare;
pub mod compiled;
pub mod compound;
pub mod compound_select;
pub mod constraints;
pub mod contains_eager;
pub mod convert;
pub mod ctx;
pub mod db;
pub mod declared_attr;
pub mod deferral;
pub mod dml;
pub mod echo;
pub mod engine;
pub mod events;
pub mod exceptions;
pub mod expr;
pub mod files;
pub mod hybrid;
pub mod inspection;
pub mod instrumented_set;
pub mod join;
mod method;
pub mod model;
pub mod modules;
pub mod namespace;
pub mod pagination;
pub mod plain_session;
pub mod project;
pub mod query;
pub mod record;
pub mod reflection;
pub mod relationship;
pub mod report;
pub mod result;
pub mod result_keys;
pub mod row;
pub mod run_session;
pub mod runner;
pub mod savepoint;
pub mod schema;
pub mod select;
pub mod serialized;
pub mod session;
pub mod session_cell;
pub mod subquery;
pub mod type_coerce;
pub mod types;
pub mod validates;
pub mod web;
pub mod werkzeug_security;
pub mod window;
pub mod write_only;

pub use record::{ErrorEntry, RunRecord, StatementEntry, WarningEntry, normalize_sql};
pub use report::RunReport;
pub use run_session::RunSession;
pub use runner::{RunOptions, page_report, run_script, run_script_with_report};

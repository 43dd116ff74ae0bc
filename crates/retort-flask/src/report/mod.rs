//! The run report, built in the same pass as the run record
//! ([`crate::run_script_with_report`]); its types are `retort-report`'s,
//! re-exported here, so the page can read them without this crate.
//!
//! A step closes after every top-level statement (the interpreter's hook),
//! after the statement that raised, and after the teardown. Closing a step
//! takes its statements from the session's record (row counts from the
//! driver's trace), its output and warnings in order ([`timeline`]), the
//! session ([`objects`]) and the rows of the tables it changed
//! ([`tables`]), and after a step whose SQL changed the schema, every
//! table's definition ([`schema`]). Snapshots never emit SQL, never change the session and
//! never reach the run's output: the script's record is the same with or
//! without the report.

mod collect;
mod convert;
mod errors;
pub mod objects;
pub mod schema;
mod spans;
mod statements;
pub mod tables;
pub mod timeline;
mod values;

pub use collect::ReportCollector;
pub(crate) use errors::error_event;
pub use retort_report::*;
pub use timeline::Timeline;
pub use values::{shown_driver, tuple_text};

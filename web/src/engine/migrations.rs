//! `flask db ...` in the worker: the project the page sends is rebuilt in
//! memory (databases in SQLite's `memdb`), the command runs through
//! `retort-migrate`'s playground, and the project goes back to the page
//! with the answer. Nothing stays in the worker, so a worker restarted by
//! Stop loses nothing. Revision ids and `Create Date` come from the
//! browser (`Math.random`, `Date`), as `std`'s clock does not exist here.

use retort_migrate::commands::CommandOptions;
use retort_migrate::playground::run_command_line;
use retort_report::migration::{MigrationRun, ProjectState};

/// Twelve random hex digits, as `uuid.uuid4().hex[-12:]`.
fn revision_id() -> String {
    (0..12)
        .map(|_| {
            let digit = (js_sys::Math::random() * 16.0) as u32 % 16;
            char::from_digit(digit, 16).unwrap_or('0')
        })
        .collect()
}

/// `str(datetime.datetime.now())` in the browser's time zone.
fn now() -> String {
    let date = js_sys::Date::new_0();
    let millis = date.get_milliseconds();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
        date.get_seconds(),
        millis * 1000
    )
}

/// Runs the terminal line on the project. Never panics: a broken script
/// or revision is a located message in the terminal text.
pub fn run_migration(state: &ProjectState, script: &str, line: &str) -> MigrationRun {
    let options = CommandOptions {
        new_revision_id: revision_id,
        now,
        ..CommandOptions::default()
    };
    run_command_line(state, script, line, &options)
}

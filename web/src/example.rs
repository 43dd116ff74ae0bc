//! What the editor holds on a first visit: `web/example.py`, which the
//! build also runs ahead of time (`retort page-report`, a Trunk hook) so
//! that the page can show its report before its engine has started.

/// A small working Flask-SQLAlchemy program: a model, inserts, a query and
/// an update. `app` and `db` exist before the script runs, as in the
/// tutorials' `app.py` after `db = SQLAlchemy(app)`.
pub const PYTHON: &str = include_str!("../example.py");

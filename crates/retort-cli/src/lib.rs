//! The native face of Retort's runner: what `retort run` prints.
//!
//! [`echo`] renders a run as SQLAlchemy's `echo=True` log would show it;
//! [`replay`] is `retort replay`, which replays a Flask-Migrate session and
//! compares it with a recording; [`page_report`] is `retort page-report`,
//! the page's ahead-of-time report of its first-visit example. The
//! comparison with recorded runs lives beside the record format, in
//! `retort_flask::compare`.

pub mod echo;
pub mod page_report;
pub mod replay;

//! The native face of Retort's runner: what `retort run` prints.
//!
//! [`echo`] renders a run as SQLAlchemy's `echo=True` log would show it. The
//! comparison with recorded runs lives beside the record format, in
//! `retort_flask::compare`.

pub mod echo;

//! The crate's own recorded scenario `tests/scenarios/failed_flush.py`:
//! a failed flush rolls back at once, further use raises
//! `PendingRollbackError`, and `rollback()` discards later changes with an
//! `SAWarning`.

mod common;

use common::*;
use retort_orm::{NoHost, Session};
use retort_sql::{Column, SqlType};

#[test]
fn failed_flush_matches_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let m = model(
        &mut session,
        "M",
        "m",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("email", SqlType::String(Some(20))).unique(),
        ],
    );
    session.create_all().unwrap();
    let a = create(&mut session, m, &[("email", s("a"))]);
    session.add(a).unwrap();
    session.commit(host).unwrap();
    let dup = create(&mut session, m, &[("email", s("a"))]);
    session.add(dup).unwrap();
    assert_eq!(
        session.commit(host).unwrap_err().class_name(),
        "IntegrityError"
    );
    assert!(!session.contains(dup).unwrap());
    let error = session.get_attr(a, "email").unwrap_err();
    assert_eq!(error.class_name(), "PendingRollbackError");
    assert!(error.to_string().contains(
        "Original exception was: (sqlite3.IntegrityError) UNIQUE constraint failed: m.email\n[SQL: INSERT INTO m (email) VALUES (?)]\n[parameters: ('a',)]"
    ));
    let b = create(&mut session, m, &[("email", s("b"))]);
    session.add(b).unwrap();
    assert_eq!(session.new_objects().len(), 1);
    session.rollback().unwrap();
    assert!(!session.contains(dup).unwrap());
    assert!(session.new_objects().is_empty());
    assert_eq!(attr(&mut session, a, "email"), s("a"));
    let warnings = session.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].message,
        "Session's state has been changed on a non-active transaction - this state will be discarded."
    );
    teardown(&mut session);
    assert_own_record(&session, "failed_flush");
}

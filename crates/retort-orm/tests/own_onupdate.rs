//! The crate's own recorded scenario `tests/scenarios/onupdate.py`:
//! `onupdate=` callables in flushes and bulk updates.

mod common;

use common::*;
use retort_orm::{
    ColumnDefault, Host, HostCallable, Mapper, OrmError, OrmValue, Session, SynchronizeSession,
};
use retort_sql::{Column, SqlType, Table};

/// `tick()`: 1, 2, 3, ...
struct Tick(i64);

impl Host for Tick {
    fn call_default(
        &mut self,
        _: HostCallable,
        _: bool,
        _: &[(String, OrmValue)],
    ) -> Result<OrmValue, OrmError> {
        self.0 += 1;
        Ok(OrmValue::Int(self.0))
    }
}

#[test]
fn onupdate_matches_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut Tick(0);
    let table = Table::new(
        "doc",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("rev", SqlType::Integer),
            Column::new("title", SqlType::String(Some(20))),
        ],
    );
    let tick = ColumnDefault::Callable {
        callable: HostCallable(1),
        takes_context: false,
    };
    let doc = session
        .register(
            Mapper::new("__main__", "Doc", table)
                .with_default("rev", ColumnDefault::Scalar(i(0)))
                .and_then(|m| m.with_onupdate("rev", tick))
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let d = create(&mut session, doc, &[("title", s("a"))]);
    let e = create(&mut session, doc, &[("title", s("b"))]);
    session.add_all(&[d, e]).unwrap();
    session.commit(host).unwrap();
    session.set_attr(d, "title", s("x")).unwrap();
    session.set_attr(e, "title", s("y")).unwrap();
    session.flush(host).unwrap();
    // SQLAlchemy's quirk: both objects get the first row's value.
    assert_eq!(
        (attr(&mut session, d, "rev"), attr(&mut session, e, "rev")),
        (i(1), i(1))
    );
    let id = col(&session, doc, "id");
    let first = legacy(doc).filter(id.clone().eq(id.value_bind(1)));
    session
        .query_update(
            host,
            &first,
            &[("title".into(), retort_orm::SetValue::Value(s("z")))],
            SynchronizeSession::Auto,
        )
        .unwrap();
    assert_eq!(
        (attr(&mut session, d, "rev"), attr(&mut session, d, "title")),
        (i(3), s("z"))
    );
    session.set_attr(d, "rev", i(50)).unwrap();
    session.commit(host).unwrap();
    assert_eq!(attr(&mut session, d, "rev"), i(50));
    teardown(&mut session);
    assert_own_record(&session, "onupdate");
}

/// A host whose callable raises (the token stands for the Python exception).
struct Raises;

impl Host for Raises {
    fn call_default(
        &mut self,
        _: HostCallable,
        _: bool,
        _: &[(String, OrmValue)],
    ) -> Result<OrmValue, OrmError> {
        Err(OrmError::Host(42))
    }
}

#[test]
fn a_raising_default_fails_the_flush() {
    let mut session = Session::in_memory().unwrap();
    let table = Table::new(
        "doc",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("rev", SqlType::Integer),
        ],
    );
    let raising = ColumnDefault::Callable {
        callable: HostCallable(1),
        takes_context: true,
    };
    let doc = session
        .register(
            Mapper::new("__main__", "Doc", table)
                .with_default("rev", raising)
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let d = create(&mut session, doc, &[]);
    session.add(d).unwrap();
    assert_eq!(session.commit(&mut Raises).unwrap_err(), OrmError::Host(42));
    assert!(!session.contains(d).unwrap());
    assert!(!session.is_active());
    assert!(!session.in_transaction());
    let again = session.query_count(&mut Raises, &legacy(doc)).unwrap_err();
    assert_eq!(again.class_name(), "PendingRollbackError");
    session.rollback().unwrap();
    assert!(session.is_active());
    assert_eq!(session.query_count(&mut Raises, &legacy(doc)).unwrap(), 0);
    assert!(session.in_transaction());
}

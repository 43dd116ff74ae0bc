//! The crate's own recorded scenario `tests/scenarios/session_behaviour.py`:
//! identity-map refresh rules, explicit `None` against a default,
//! rollback of a flushed delete, `ObjectDeletedError`, `no_autoflush` and
//! the session's views.

mod common;

use common::*;
use retort_orm::{ColumnDefault, Mapper, NoHost, OrmValue, Session, SynchronizeSession};
use retort_sql::{Column, SqlType, Table};

#[test]
fn session_behaviour_matches_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let table = Table::new(
        "item",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(20))),
            Column::new("qty", SqlType::Integer),
        ],
    );
    let item = session
        .register(
            Mapper::new("__main__", "Item", table)
                .with_default("qty", ColumnDefault::Scalar(i(7)))
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let a = create(
        &mut session,
        item,
        &[("name", s("a")), ("qty", OrmValue::None)],
    );
    let b = create(&mut session, item, &[]);
    session.add_all(&[a, b]).unwrap();
    session.commit(host).unwrap();
    assert_eq!(attr(&mut session, a, "qty"), i(7));
    assert_eq!(attr(&mut session, b, "name"), OrmValue::None);
    assert_eq!(attr(&mut session, b, "qty"), i(7));

    session.set_attr(a, "name", s("changed")).unwrap();
    assert_eq!(session.dirty_objects(), vec![a]);
    assert!(session.is_modified(a).unwrap());
    assert!(!session.is_modified(b).unwrap());
    let q = legacy(item).order_by(col(&session, item, "id"));
    let rows = objects(session.query_all(host, &q).unwrap().scalars());
    assert_eq!(rows[0], a);
    assert_eq!(
        attr(&mut session, a, "name"),
        s("changed"),
        "a row does not overwrite a change"
    );
    session.rollback().unwrap();
    assert_eq!(attr(&mut session, a, "name"), s("a"));
    // Setting the same value makes the object dirty without a net change;
    // the (SQL-free) flush clears that.
    session.set_attr(a, "name", s("a")).unwrap();
    assert_eq!(session.dirty_objects(), vec![a]);
    assert!(!session.is_modified(a).unwrap());
    let before = session.records().len();
    session.flush(host).unwrap();
    assert!(session.dirty_objects().is_empty());
    assert_eq!(session.records().len(), before);

    session.delete(&mut retort_orm::NoHost, b).unwrap();
    assert_eq!(session.deleted_objects(), vec![b]);
    session.flush(host).unwrap();
    assert!(!session.contains(b).unwrap());
    session.rollback().unwrap();
    assert!(session.contains(b).unwrap());
    assert_eq!(attr(&mut session, b, "name"), OrmValue::None);

    let c = create(&mut session, item, &[("name", s("c"))]);
    session.add(c).unwrap();
    session.enter_no_autoflush();
    assert_eq!(session.query_count(host, &legacy(item)).unwrap(), 2);
    session.exit_no_autoflush();
    assert_eq!(session.query_count(host, &legacy(item)).unwrap(), 3);
    assert!(session.new_objects().is_empty());
    assert_eq!(attr(&mut session, c, "id"), i(3));
    session.commit(host).unwrap();

    let id = col(&session, item, "id");
    let first = legacy(item).filter(id.clone().eq(id.value_bind(1)));
    assert_eq!(
        session
            .query_delete(host, &first, SynchronizeSession::False)
            .unwrap(),
        1
    );
    session.commit(host).unwrap();
    let error = session.get_attr(a, "name").unwrap_err();
    assert_eq!(error.class_name(), "ObjectDeletedError");
    assert_eq!(
        error.message_with(&|_, class| format!("<{class} at 0x1>")),
        "Instance '<Item at 0x1>' has been deleted, or its row is otherwise not present."
    );
    assert_eq!(session.get(host, item, &[i(1)]).unwrap(), None);
    teardown(&mut session);
    assert_own_record(&session, "session_behaviour");
}

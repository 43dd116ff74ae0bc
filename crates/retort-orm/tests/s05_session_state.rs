//! Scenario 05 (session states, autoflush, rollback, close) through the
//! Rust API.

mod common;

use common::*;
use retort_orm::{NoHost, ObjectStatus, Session};
use retort_sql::{Column, SqlType};

#[test]
fn session_states_match_the_recorded_statements() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let fruit = model(
        &mut session,
        "Fruit",
        &retort_orm::camel_to_snake_case("Fruit"),
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(20))),
        ],
    );
    session.create_all().unwrap();

    let apple = create(&mut session, fruit, &[("name", s("苹果"))]);
    assert!(!session.contains(apple).unwrap());
    session.add(apple).unwrap();
    assert!(session.contains(apple).unwrap());
    assert_eq!(attr(&mut session, apple, "id"), retort_orm::OrmValue::None);
    session.rollback().unwrap();
    assert!(!session.contains(apple).unwrap());
    assert_eq!(session.status(apple).unwrap(), ObjectStatus::Transient);

    session.add(apple).unwrap();
    session.commit(host).unwrap();
    assert_eq!(attr(&mut session, apple, "id"), i(1));
    assert!(session.contains(apple).unwrap());

    let banana = create(&mut session, fruit, &[("name", s("香蕉"))]);
    session.add(banana).unwrap();
    assert_eq!(session.query_count(host, &legacy(fruit)).unwrap(), 2);
    assert_eq!(attr(&mut session, banana, "id"), i(2));
    session.rollback().unwrap();
    assert_eq!(session.query_count(host, &legacy(fruit)).unwrap(), 1);
    assert!(!session.contains(banana).unwrap());

    session.close().unwrap();
    assert!(!session.contains(apple).unwrap());
    assert_eq!(session.status(apple).unwrap(), ObjectStatus::Detached);
    let again = session.get(host, fruit, &[i(1)]).unwrap().unwrap();
    assert_ne!(again, apple);
    assert_eq!(attr(&mut session, again, "name"), s("苹果"));
    let detached = session.get_attr(apple, "name").unwrap_err();
    assert_eq!(detached.class_name(), "DetachedInstanceError");
    teardown(&mut session);
    assert_record(&session, "05_");
}

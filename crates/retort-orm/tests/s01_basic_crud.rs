//! Scenario 01 (basic CRUD) driven through the Rust API.

mod common;

use common::*;
use retort_orm::{NoHost, OrmValue, ResultItem};
use retort_sql::{Column, SqlType};

#[test]
fn basic_crud_matches_the_recorded_statements() {
    let mut session = retort_orm::Session::in_memory().unwrap();
    let host = &mut NoHost;
    let user = model(
        &mut session,
        "User",
        "users",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("username", SqlType::String(Some(64)))
                .unique()
                .index(),
            Column::new("email", SqlType::String(Some(120))).unique(),
        ],
    );
    session.drop_all().unwrap();
    session.create_all().unwrap();

    let admin = create(
        &mut session,
        user,
        &[("username", s("admin")), ("email", s("admin@example.com"))],
    );
    let guest = create(
        &mut session,
        user,
        &[("username", s("guest")), ("email", s("guest@example.com"))],
    );
    session.add(admin).unwrap();
    session.add(guest).unwrap();
    session.commit(host).unwrap();
    assert_eq!(attr(&mut session, admin, "id"), i(1));
    assert_eq!(attr(&mut session, guest, "id"), i(2));

    let all = session.query_all(host, &legacy(user)).unwrap().scalars();
    assert_eq!(objects(all), vec![admin, guest]);
    let by_name = legacy(user)
        .filter_by(&session.registry, &[("username".into(), s("admin"))])
        .unwrap();
    let first = session.query_first(host, &by_name).unwrap().unwrap();
    assert_eq!(first.items.to_vec(), vec![ResultItem::Object(admin)]);
    assert_eq!(session.get(host, user, &[i(2)]).unwrap(), Some(guest));

    session
        .set_attr(admin, "email", s("root@example.com"))
        .unwrap();
    session.commit(host).unwrap();
    let first = session.query_first(host, &by_name).unwrap().unwrap();
    let ResultItem::Object(found) = first.items[0] else {
        panic!("an object");
    };
    assert_eq!(attr(&mut session, found, "email"), s("root@example.com"));

    session.delete(&mut NoHost, guest).unwrap();
    session.commit(host).unwrap();
    assert_eq!(session.query_count(host, &legacy(user)).unwrap(), 1);
    let all = session.query_all(host, &legacy(user)).unwrap().scalars();
    assert_eq!(objects(all), vec![admin]);
    assert_eq!(
        session.get_attr(admin, "username").unwrap(),
        OrmValue::from("admin")
    );
    teardown(&mut session);
    assert_record(&session, "01_");
}

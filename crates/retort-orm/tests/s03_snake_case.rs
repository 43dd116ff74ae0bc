//! Scenario 03 (automatic table names, inspector, flush order of
//! unrelated mappers by class name) through the Rust API.

mod common;

use common::*;
use retort_orm::{NoHost, Session, camel_to_snake_case};
use retort_sql::{Column, SqlType};

#[test]
fn table_names_and_flush_order_match() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let mut mappers = Vec::new();
    for (class, explicit, column) in [
        ("UserProfile", None, "nickname"),
        ("HTTPRequestLog", None, "path"),
        ("Category", None, "name"),
        ("ArticleTag", Some("article_tags"), "label"),
    ] {
        let table = explicit.map_or_else(|| camel_to_snake_case(class), str::to_owned);
        let length = match column {
            "nickname" => 30,
            "path" => 200,
            "name" => 50,
            _ => 20,
        };
        mappers.push(model(
            &mut session,
            class,
            &table,
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new(column, SqlType::String(Some(length))),
            ],
        ));
    }
    assert_eq!(
        session.mapper(mappers[1]).unwrap().table_name(),
        "http_request_log"
    );
    session.create_all().unwrap();
    assert_eq!(
        session.inspect_table_names().unwrap(),
        vec![
            "article_tags",
            "category",
            "http_request_log",
            "user_profile"
        ]
    );
    let profile = create(&mut session, mappers[0], &[("nickname", s("小明"))]);
    let log = create(&mut session, mappers[1], &[("path", s("/index"))]);
    session.add(profile).unwrap();
    session.add(log).unwrap();
    session.commit(host).unwrap();
    let first = session
        .query_first(host, &legacy(mappers[0]))
        .unwrap()
        .unwrap();
    let first = objects(first.items)[0];
    assert_eq!(attr(&mut session, first, "nickname"), s("小明"));
    assert_eq!(session.query_count(host, &legacy(mappers[1])).unwrap(), 1);
    teardown(&mut session);
    assert_record(&session, "03_");
}

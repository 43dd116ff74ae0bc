//! Scenario 14 (`print(query)` / `print(select)`, a join inferred from the
//! foreign key) through the Rust API: the printed SQL is compared with the
//! recorded stdout, the statements with the recorded run.

mod common;

use common::*;
use retort_orm::{Entity, NoHost, OrmQuery, QueryStyle, Session};
use retort_sql::{BinaryOp, Column, Expr, ForeignKey, SqlType, Value};

#[test]
fn printed_queries_match_the_recorded_stdout() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let category = model(
        &mut session,
        "Category",
        "category",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(30))),
        ],
    );
    let goods = model(
        &mut session,
        "Goods",
        "goods",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(30))),
            Column::new("price", SqlType::Float(None)),
            Column::new("category_id", SqlType::Integer)
                .foreign_key(ForeignKey::parse("category.id").unwrap()),
        ],
    );
    session.create_all().unwrap();
    let registry = session.registry.clone();
    let price = col(&session, goods, "price");
    let name = col(&session, goods, "name");
    let category_id = col(&session, goods, "category_id");
    let mut printed = Vec::new();
    let mut print =
        |q: &OrmQuery, literal: bool| printed.push(q.to_sql_string(&registry, literal).unwrap());

    let q = legacy(goods)
        .filter(price.clone().gt(price.value_bind(10)))
        .order_by(price.clone().desc());
    print(&q, false);
    let paged = legacy(goods)
        .filter_by(&registry, &[("name".into(), s("手机"))])
        .unwrap()
        .limit(3)
        .offset(6);
    print(&paged, false);
    let count = Expr::func("count", vec![col(&session, goods, "id")]);
    let grouped = legacy(goods)
        .with_entities(vec![
            entity(&session, goods, "category_id"),
            Entity::expression(count, "count"),
        ])
        .group_by(category_id.clone());
    print(&grouped, false);
    let category_name = col(&session, category, "name");
    let joined = legacy(goods)
        .join(&registry, category, None, false)
        .unwrap()
        .filter(category_name.clone().eq(category_name.value_bind("数码")));
    print(&joined, false);
    let names = OrmQuery::new(QueryStyle::Legacy, vec![entity(&session, goods, "name")]).filter(
        name.clone()
            .in_values(vec![Value::from("a"), Value::from("b")]),
    );
    print(&names, false);
    let stmt = OrmQuery::for_mapper(QueryStyle::Select, goods)
        .filter(
            price
                .clone()
                .between(price.value_bind(1), price.value_bind(100)),
        )
        .order_by(col(&session, goods, "id"));
    print(&stmt, false);
    let like = OrmQuery::new(QueryStyle::Select, vec![entity(&session, category, "name")])
        .filter(
            category_name
                .clone()
                .binary(BinaryOp::Like, category_name.value_bind("%书%")),
        )
        .limit(5);
    print(&like, false);
    print(&stmt, true);

    assert_eq!(session.query_count(host, &q).unwrap(), 0);
    assert!(session.query_all(host, &q).unwrap().rows.is_empty());
    let mut stdout = printed.join("\n");
    stdout.push_str("\n0 []\n");
    assert_eq!(stdout, expected_stdout("14_"));
    teardown(&mut session);
    assert_record(&session, "14_");
}

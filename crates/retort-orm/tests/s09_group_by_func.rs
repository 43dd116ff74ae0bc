//! Scenario 09 (column queries: group_by, aggregates, having, scalar,
//! one, with_entities) through the Rust API.

mod common;

use common::*;
use retort_orm::{Entity, NoHost, OrmQuery, OrmValue, QueryStyle, ResultItem, Session};
use retort_sql::{Column, Expr, SqlType};

fn values(row: &retort_orm::ResultRow) -> Vec<OrmValue> {
    row.items
        .iter()
        .map(|item| match item {
            ResultItem::Value(v) => v.clone(),
            ResultItem::Object(_) => panic!("a value"),
        })
        .collect()
}

#[test]
fn aggregates_match_the_recorded_statements() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let employee = model(
        &mut session,
        "Employee",
        "employee",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(20))),
            Column::new("dept", SqlType::String(Some(20))),
            Column::new("salary", SqlType::Integer),
        ],
    );
    session.create_all().unwrap();
    let staff: Vec<_> = [
        ("甲", "研发", 12000),
        ("乙", "研发", 15000),
        ("丙", "市场", 9000),
        ("丁", "研发", 11000),
        ("戊", "市场", 8000),
        ("己", "财务", 10000),
    ]
    .iter()
    .map(|(n, d, sal)| {
        create(
            &mut session,
            employee,
            &[("name", s(n)), ("dept", s(d)), ("salary", i(*sal))],
        )
    })
    .collect();
    session.add_all(&staff).unwrap();
    session.commit(host).unwrap();
    let dept = entity(&session, employee, "dept");
    let dept_col = col(&session, employee, "dept");
    let id = col(&session, employee, "id");
    let salary = col(&session, employee, "salary");
    let count_id = || Expr::func("count", vec![Expr::col("employee", "id")]);
    let query = |entities: Vec<Entity>| OrmQuery::new(QueryStyle::Legacy, entities);

    let q = query(vec![dept.clone(), Entity::expression(count_id(), "count")])
        .group_by(dept_col.clone());
    let rows = session.query_all(host, &q).unwrap();
    let got: Vec<Vec<OrmValue>> = rows.rows.iter().map(values).collect();
    assert_eq!(
        got,
        vec![
            vec![s("市场"), i(2)],
            vec![s("研发"), i(3)],
            vec![s("财务"), i(1)]
        ]
    );

    let q = query(vec![
        dept.clone(),
        Entity::expression(count_id().label("cnt"), "cnt"),
    ])
    .group_by(dept_col.clone())
    .order_by(count_id().desc())
    .order_by(dept_col.clone());
    let rows = session.query_all(host, &q).unwrap();
    assert_eq!(rows.keys, vec!["dept", "cnt"]);
    assert_eq!(values(&rows.rows[0]), vec![s("研发"), i(3)]);

    let sum = || Expr::func("sum", vec![salary.clone()]);
    let q = query(vec![Entity::expression(sum(), "sum")]);
    assert_eq!(
        session.query_scalar(host, &q).unwrap(),
        Some(ResultItem::Value(i(65000)))
    );
    let q = query(vec![
        Entity::expression(Expr::func("max", vec![salary.clone()]), "max"),
        Entity::expression(Expr::func("min", vec![salary.clone()]), "min"),
    ]);
    assert_eq!(
        values(&session.query_one(host, &q).unwrap()),
        vec![i(15000), i(8000)]
    );
    let q = query(vec![Entity::expression(
        Expr::func("avg", vec![salary.clone()]),
        "avg",
    )])
    .filter(dept_col.clone().eq(dept_col.value_bind("研发")));
    assert_eq!(
        session.query_scalar(host, &q).unwrap(),
        Some(ResultItem::Value(OrmValue::Float(38000.0 / 3.0)))
    );
    let q = query(vec![Entity::expression(
        Expr::func("count", vec![id.clone()]),
        "count",
    )]);
    assert_eq!(
        session.query_scalar(host, &q).unwrap(),
        Some(ResultItem::Value(i(6)))
    );
    let q = query(vec![dept.clone(), Entity::expression(sum(), "sum")])
        .group_by(dept_col.clone())
        .having(sum().gt(Expr::bind("sum", 15000)));
    let got: Vec<Vec<OrmValue>> = session
        .query_all(host, &q)
        .unwrap()
        .rows
        .iter()
        .map(values)
        .collect();
    assert_eq!(
        got,
        vec![vec![s("市场"), i(17000)], vec![s("研发"), i(38000)]]
    );
    let q = legacy(employee)
        .with_entities(vec![entity(&session, employee, "name")])
        .filter(salary.clone().gt(salary.value_bind(11000)));
    let got: Vec<Vec<OrmValue>> = session
        .query_all(host, &q)
        .unwrap()
        .rows
        .iter()
        .map(values)
        .collect();
    assert_eq!(got, vec![vec![s("甲")], vec![s("乙")]]);
    let distinct = Expr::func(
        "count",
        vec![Expr::func("distinct", vec![dept_col.clone()])],
    );
    let q = query(vec![Entity::expression(distinct, "count")]);
    assert_eq!(
        session.query_scalar(host, &q).unwrap(),
        Some(ResultItem::Value(i(3)))
    );
    teardown(&mut session);
    assert_record(&session, "09_");
}

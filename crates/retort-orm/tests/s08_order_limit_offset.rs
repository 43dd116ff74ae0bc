//! Scenario 08 (order_by, limit, offset, first, count) through the Rust API.

mod common;

use common::*;
use retort_orm::{ColumnDefault, Mapper, NoHost, ObjectId, Session};
use retort_sql::{Column, Expr, SqlType, Table};

#[test]
fn ordering_and_slicing_match_the_recorded_statements() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let table = Table::new(
        "articles",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("title", SqlType::String(Some(50))).not_null(),
            Column::new("read_count", SqlType::Integer),
        ],
    );
    let article = session
        .register(
            Mapper::new("__main__", "Article", table)
                .with_default("read_count", ColumnDefault::Scalar(i(0)))
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let mut all: Vec<ObjectId> = Vec::new();
    for (index, n) in [30, 10, 50, 20, 40, 10].iter().enumerate() {
        let title = format!("文章{}", index + 1);
        let a = create(
            &mut session,
            article,
            &[("title", s(&title)), ("read_count", i(*n))],
        );
        session.add(a).unwrap();
        all.push(a);
    }
    session.commit(host).unwrap();
    let id = col(&session, article, "id");
    let reads = col(&session, article, "read_count");
    let pick =
        |indexes: &[usize]| -> Vec<ObjectId> { indexes.iter().map(|i| all[i - 1]).collect() };

    let q = legacy(article).order_by(reads.clone());
    assert_eq!(
        objects(session.query_all(host, &q).unwrap().scalars()),
        pick(&[2, 6, 4, 1, 5, 3])
    );
    let q = legacy(article).order_by(reads.clone().desc());
    assert_eq!(
        objects(session.query_all(host, &q).unwrap().scalars()),
        pick(&[3, 5, 1, 4, 2, 6])
    );
    let q = legacy(article)
        .order_by(reads.clone().desc())
        .order_by(id.clone());
    assert_eq!(
        objects(session.query_all(host, &q).unwrap().scalars()),
        pick(&[3, 5, 1, 4, 2, 6])
    );
    let q = legacy(article)
        .order_by(reads.clone().desc())
        .order_by(id.clone().desc())
        .limit(3);
    assert_eq!(
        objects(session.query_all(host, &q).unwrap().scalars()),
        pick(&[3, 5, 1])
    );
    let q = legacy(article).order_by(id.clone()).offset(2).limit(2);
    assert_eq!(
        objects(session.query_all(host, &q).unwrap().scalars()),
        pick(&[3, 4])
    );
    let q = legacy(article).order_by(id.clone()).offset(4);
    assert_eq!(
        objects(session.query_all(host, &q).unwrap().scalars()),
        pick(&[5, 6])
    );
    let q = legacy(article).order_by(id.clone().desc());
    let first = session.query_first(host, &q).unwrap().unwrap();
    assert_eq!(
        first.items.to_vec(),
        vec![retort_orm::ResultItem::Object(all[5])]
    );
    let q = legacy(article).filter(reads.clone().ge(reads.value_bind(30)));
    assert_eq!(session.query_count(host, &q).unwrap(), 3);
    assert_eq!(
        session
            .query_count(host, &legacy(article).slice(0, Some(2)))
            .unwrap(),
        2
    );
    let q = legacy(article).order_by(Expr::col("articles", "read_count"));
    let first = session.query_first(host, &q).unwrap().unwrap();
    assert_eq!(
        first.items.to_vec(),
        vec![retort_orm::ResultItem::Object(all[1])]
    );
    teardown(&mut session);
    assert_record(&session, "08_");
}

//! Scenarios 11 (legacy `Query.paginate`) and 13 (`db.paginate(select)`)
//! through the Rust API.

mod common;

use common::*;
use retort_orm::{
    ColumnDefault, Mapper, NoHost, OrmQuery, OrmValue, PageOutcome, PageRequest, Pagination,
    QueryStyle, Session,
};
use retort_sql::{Column, Expr, SqlType, Table};

fn page(outcome: PageOutcome) -> Pagination {
    match outcome {
        PageOutcome::Page(p) => p,
        PageOutcome::NotFound => panic!("expected a page"),
    }
}

fn request(page: i64, per_page: i64, error_out: bool) -> PageRequest {
    PageRequest {
        page,
        per_page,
        error_out,
        ..PageRequest::default()
    }
}

#[test]
fn s11_legacy_paginate() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let post = model(
        &mut session,
        "Post",
        "post",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("title", SqlType::String(Some(50))),
        ],
    );
    session.create_all().unwrap();
    let posts: Vec<_> = (1..24)
        .map(|n| create(&mut session, post, &[("title", s(&format!("post-{n:02}")))]))
        .collect();
    session.add_all(&posts).unwrap();
    session.commit(host).unwrap();
    let id = col(&session, post, "id");

    let q = legacy(post).order_by(id.clone().desc());
    let p = page(session.paginate(host, &q, request(2, 5, false)).unwrap());
    assert_eq!(
        objects(p.scalars()),
        posts[13..18].iter().rev().copied().collect::<Vec<_>>()
    );
    assert_eq!(
        (p.page, p.per_page, p.pages(), p.total),
        (2, 5, 5, Some(23))
    );
    assert_eq!((p.first(), p.last()), (6, 10));

    let q = legacy(post).order_by(id.clone());
    let last = page(session.paginate(host, &q, request(5, 5, true)).unwrap());
    assert_eq!(objects(last.scalars()), posts[20..].to_vec());
    assert_eq!(
        (last.has_next(), last.next_num(), last.prev_num()),
        (false, None, Some(4))
    );

    let empty = page(
        session
            .paginate(host, &legacy(post), request(9, 5, false))
            .unwrap(),
    );
    assert!(empty.items.is_empty());
    assert_eq!((empty.total, empty.pages()), (Some(23), 5));

    let many = page(
        session
            .paginate(host, &legacy(post), request(6, 2, true))
            .unwrap(),
    );
    assert_eq!(many.default_pages().len(), 12);
    let titles: Vec<OrmValue> = objects(many.scalars())
        .into_iter()
        .map(|o| attr(&mut session, o, "title"))
        .collect();
    assert_eq!(titles, vec![s("post-11"), s("post-12")]);
    teardown(&mut session);
    assert_record(&session, "11_");
}

#[test]
fn s13_select_paginate() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let table = Table::new(
        "comment",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("content", SqlType::String(Some(100))),
            Column::new("approved", SqlType::Boolean),
        ],
    );
    let comment = session
        .register(
            Mapper::new("__main__", "Comment", table)
                .with_default("approved", ColumnDefault::Scalar(OrmValue::Bool(true)))
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let comments: Vec<_> = (1..13)
        .map(|n| {
            create(
                &mut session,
                comment,
                &[
                    ("content", s(&format!("评论{n}"))),
                    ("approved", OrmValue::Bool(n % 3 != 0)),
                ],
            )
        })
        .collect();
    session.add_all(&comments).unwrap();
    session.commit(host).unwrap();
    let id = col(&session, comment, "id");
    let stmt = OrmQuery::for_mapper(QueryStyle::Select, comment)
        .filter(col(&session, comment, "approved").eq(Expr::True))
        .order_by(id.clone());

    let page1 = page(session.paginate(host, &stmt, request(1, 3, true)).unwrap());
    assert_eq!(
        objects(page1.scalars()),
        vec![comments[0], comments[1], comments[3]]
    );
    assert_eq!((page1.total, page1.pages()), (Some(8), 3));
    let page3 = page(session.paginate(host, &stmt, request(3, 3, true)).unwrap());
    assert_eq!(page3.items.len(), 2);
    assert_eq!(page3.default_pages(), vec![Some(1), Some(2), Some(3)]);
    let desc = OrmQuery::for_mapper(QueryStyle::Select, comment).order_by(id.desc());
    let last = page(session.paginate(host, &desc, request(3, 5, true)).unwrap());
    assert_eq!(objects(last.scalars()), vec![comments[1], comments[0]]);
    let no_count = PageRequest {
        count: false,
        ..request(2, 4, true)
    };
    let nocount = page(session.paginate(host, &stmt, no_count).unwrap());
    assert_eq!(nocount.total, None);
    assert_eq!(nocount.items.len(), 4);
    assert_eq!(
        session.paginate(host, &stmt, request(10, 4, true)).unwrap(),
        PageOutcome::NotFound
    );
    teardown(&mut session);
    assert_record(&session, "13_");
}

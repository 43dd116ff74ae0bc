//! Scenarios 10 (one / one_or_none / scalar and their errors) and 12
//! (2.0-style `select()`, `session.get`, rows) through the Rust API.

mod common;

use common::*;
use retort_orm::{Entity, NoHost, OrmError, OrmQuery, OrmValue, QueryStyle, ResultItem, Session};
use retort_sql::{Column, Expr, FromItem, SqlType};

#[test]
fn s10_one_and_one_or_none() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let book = model(
        &mut session,
        "Book",
        "book",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("title", SqlType::String(Some(50))),
            Column::new("category", SqlType::String(Some(20))),
        ],
    );
    session.create_all().unwrap();
    let books: Vec<_> = [("三体", "科幻"), ("球状闪电", "科幻"), ("活着", "文学")]
        .iter()
        .map(|(t, c)| create(&mut session, book, &[("title", s(t)), ("category", s(c))]))
        .collect();
    session.add_all(&books).unwrap();
    session.commit(host).unwrap();
    let by = |session: &Session, attr: &str, value: &str| {
        legacy(book)
            .filter_by(&session.registry, &[(attr.to_owned(), s(value))])
            .unwrap()
    };

    let q = by(&session, "title", "活着");
    assert_eq!(
        session.query_one(host, &q).unwrap().items.to_vec(),
        vec![ResultItem::Object(books[2])]
    );
    let q = by(&session, "title", "不存在");
    assert_eq!(session.query_one_or_none(host, &q).unwrap(), None);
    let q = by(&session, "category", "文学");
    assert!(session.query_one_or_none(host, &q).unwrap().is_some());
    let q = by(&session, "title", "不存在");
    let error = session.query_one(host, &q).unwrap_err();
    assert_eq!(
        error,
        OrmError::NoResultFound("No row was found when one was required".into())
    );
    let q = by(&session, "category", "科幻");
    let error = session.query_one(host, &q).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Multiple rows were found when exactly one was required"
    );
    let error = session.query_one_or_none(host, &q).unwrap_err();
    assert_eq!(error.class_name(), "MultipleResultsFound");
    assert_eq!(
        error.to_string(),
        "Multiple rows were found when one or none was required"
    );
    let q = by(&session, "title", "不存在");
    assert_eq!(session.query_first(host, &q).unwrap(), None);
    // `db.session.query(Book.title).filter_by(category='文学').scalar()`.
    let q = OrmQuery::new(QueryStyle::Legacy, vec![entity(&session, book, "title")])
        .filter_by(&session.registry, &[("category".into(), s("文学"))])
        .unwrap();
    assert_eq!(
        session.query_scalar(host, &q).unwrap(),
        Some(ResultItem::Value(s("活着")))
    );
    teardown(&mut session);
    assert_record(&session, "10_");
}

#[test]
fn s12_select_style_queries() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let city = model(
        &mut session,
        "City",
        "city",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(30))).unique(),
            Column::new("population", SqlType::Integer),
        ],
    );
    session.create_all().unwrap();
    let cities: Vec<_> = [
        ("北京", 2189),
        ("上海", 2487),
        ("深圳", 1768),
        ("成都", 2119),
    ]
    .iter()
    .map(|(n, p)| create(&mut session, city, &[("name", s(n)), ("population", i(*p))]))
    .collect();
    session.add_all(&cities).unwrap();
    session.commit(host).unwrap();
    let select = || OrmQuery::for_mapper(QueryStyle::Select, city);
    let population = col(&session, city, "population");
    let name = col(&session, city, "name");

    let q = select()
        .filter(population.clone().gt(population.value_bind(2000)))
        .order_by(population.clone().desc());
    let found = objects(session.execute_query(host, &q).unwrap().scalars());
    assert_eq!(found, vec![cities[1], cities[0], cities[3]]);
    let q = select()
        .filter_by(&session.registry, &[("name".into(), s("深圳"))])
        .unwrap();
    let row = session.execute_query(host, &q).unwrap().one().unwrap();
    assert_eq!(row.items.to_vec(), vec![ResultItem::Object(cities[2])]);
    let q = select().filter(name.clone().eq(name.value_bind("广州")));
    assert_eq!(
        session
            .execute_query(host, &q)
            .unwrap()
            .one_or_none()
            .unwrap(),
        None
    );
    let q = select().order_by(name.clone());
    let first = session
        .execute_query(host, &q)
        .unwrap()
        .scalars()
        .into_iter()
        .next();
    assert_eq!(first, Some(ResultItem::Object(cities[1])));
    assert_eq!(session.get(host, city, &[i(2)]).unwrap(), Some(cities[1]));
    assert_eq!(session.get(host, city, &[i(99)]).unwrap(), None);

    let q = OrmQuery::new(
        QueryStyle::Select,
        vec![
            entity(&session, city, "name"),
            entity(&session, city, "population"),
        ],
    )
    .order_by(col(&session, city, "id"));
    let rows = session.execute_query(host, &q).unwrap();
    assert_eq!(rows.keys, vec!["name", "population"]);
    assert_eq!(
        rows.rows[0].items.to_vec(),
        vec![ResultItem::Value(s("北京")), ResultItem::Value(i(2189))]
    );

    let q = OrmQuery::new(
        QueryStyle::Select,
        vec![Entity::expression(Expr::count_star(), "count")],
    )
    .select_from(FromItem::table("city"));
    assert_eq!(
        session.execute_query(host, &q).unwrap().scalar(),
        Some(ResultItem::Value(i(4)))
    );
    let first = session
        .execute_query(host, &select())
        .unwrap()
        .first()
        .unwrap();
    assert_eq!(first.items.to_vec(), vec![ResultItem::Object(cities[0])]);

    let id = col(&session, city, "id");
    let q = select().filter(id.clone().eq(id.value_bind(3)));
    let Some(ResultItem::Object(shenzhen)) = session.execute_query(host, &q).unwrap().scalar()
    else {
        panic!("an object");
    };
    session.set_attr(shenzhen, "population", i(1800)).unwrap();
    session.commit(host).unwrap();
    let again = session.get(host, city, &[i(3)]).unwrap().unwrap();
    assert_eq!(attr(&mut session, again, "population"), OrmValue::Int(1800));
    teardown(&mut session);
    assert_record(&session, "12_");
}

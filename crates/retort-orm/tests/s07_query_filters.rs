//! Scenario 07 (filter and filter_by criteria) through the Rust API.

mod common;

use common::*;
use retort_orm::{NoHost, ObjectId, OrmQuery, OrmValue, Session};
use retort_sql::{BinaryOp, Column, Expr, SqlType, Value, and_, not_, or_};

#[test]
fn filters_match_the_recorded_statements() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let student = model(
        &mut session,
        "Student",
        "student",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(20))),
            Column::new("age", SqlType::Integer),
            Column::new("city", SqlType::String(Some(20))),
        ],
    );
    session.create_all().unwrap();
    let people: Vec<ObjectId> = [
        ("张三", 18, Some("北京")),
        ("李四", 20, Some("上海")),
        ("张小花", 17, None),
        ("王五", 22, Some("广州")),
    ]
    .iter()
    .map(|(n, a, c)| {
        let city = c.map_or(OrmValue::None, s);
        create(
            &mut session,
            student,
            &[("name", s(n)), ("age", i(*a)), ("city", city)],
        )
    })
    .collect();
    session.add_all(&people).unwrap();
    session.commit(host).unwrap();
    let [zhang, li, hua, wang] = [people[0], people[1], people[2], people[3]];
    let name = col(&session, student, "name");
    let age = col(&session, student, "age");
    let city = col(&session, student, "city");
    let all = |session: &mut Session, q: OrmQuery| {
        objects(session.query_all(&mut NoHost, &q).unwrap().scalars())
    };
    let registry = session.registry.clone();
    let by = |pairs: &[(&str, OrmValue)]| {
        let pairs: Vec<(String, OrmValue)> = pairs
            .iter()
            .map(|(a, v)| ((*a).to_owned(), v.clone()))
            .collect();
        legacy(student).filter_by(&registry, &pairs).unwrap()
    };
    let q = legacy(student);

    assert_eq!(all(&mut session, by(&[("name", s("李四"))])), vec![li]);
    assert_eq!(
        all(
            &mut session,
            q.clone().filter(age.clone().eq(age.value_bind(18)))
        ),
        vec![zhang]
    );
    assert_eq!(
        all(
            &mut session,
            q.clone().filter(age.clone().ne(age.value_bind(18)))
        ),
        vec![li, hua, wang]
    );
    assert_eq!(
        all(
            &mut session,
            q.clone().filter(age.clone().gt(age.value_bind(18)))
        ),
        vec![li, wang]
    );
    assert_eq!(
        all(
            &mut session,
            q.clone().filter(age.clone().le(age.value_bind(18)))
        ),
        vec![zhang, hua]
    );
    let like = |pattern: &str| {
        name.clone()
            .binary(BinaryOp::Like, name.value_bind(pattern))
    };
    assert_eq!(
        all(&mut session, q.clone().filter(like("张%"))),
        vec![zhang, hua]
    );
    let starts = name
        .clone()
        .binary(BinaryOp::StartsWith, name.value_bind("王"));
    assert_eq!(all(&mut session, q.clone().filter(starts)), vec![wang]);
    let cities = vec![Value::from("北京"), Value::from("上海")];
    assert_eq!(
        all(
            &mut session,
            q.clone().filter(city.clone().in_values(cities.clone()))
        ),
        vec![zhang, li]
    );
    assert_eq!(
        all(
            &mut session,
            q.clone().filter(city.clone().not_in_values(cities))
        ),
        vec![wang]
    );
    assert_eq!(
        all(&mut session, q.clone().filter(city.clone().eq(Expr::Null))),
        vec![hua]
    );
    assert_eq!(
        all(&mut session, q.clone().filter(city.clone().is(Expr::Null))),
        vec![hua]
    );
    let known_city = q.clone().filter(city.clone().is_not(Expr::Null));
    assert_eq!(session.query_count(host, &known_city).unwrap(), 3);
    let both = and_([
        age.clone().gt(age.value_bind(17)),
        city.clone().eq(city.value_bind("上海")),
    ]);
    assert_eq!(all(&mut session, q.clone().filter(both)), vec![li]);
    let either = or_([
        age.clone().lt(age.value_bind(18)),
        name.clone().eq(name.value_bind("王五")),
    ]);
    assert_eq!(all(&mut session, q.clone().filter(either)), vec![hua, wang]);
    assert_eq!(
        all(&mut session, q.clone().filter(not_(like("张%")))),
        vec![li, wang]
    );
    let between = q
        .clone()
        .filter(age.clone().gt(age.value_bind(17)))
        .filter(age.clone().lt(age.value_bind(22)));
    assert_eq!(all(&mut session, between), vec![zhang, li]);
    let first = session
        .query_first(host, &by(&[("age", i(20)), ("city", s("上海"))]))
        .unwrap()
        .unwrap();
    assert_eq!(objects(first.items), vec![li]);
    let contains = q.filter(
        name.clone()
            .binary(BinaryOp::Contains, name.value_bind("小")),
    );
    let first = session.query_first(host, &contains).unwrap().unwrap();
    assert_eq!(objects(first.items), vec![hua]);
    teardown(&mut session);
    assert_record(&session, "07_");
}

//! The crate's own recorded scenario `tests/scenarios/flush_details.py`
//! (recorded with the real SQLAlchemy 2.0.58): server defaults fetched with
//! RETURNING, explicit primary keys, callable defaults, partial expiry,
//! refresh, merge, bulk update/delete and batched UPDATE/DELETE.

mod common;

use common::*;
use retort_orm::{
    ColumnDefault, Host, HostCallable, Mapper, ObjectStatus, OrmError, OrmValue, Session,
    SynchronizeSession,
};
use retort_sql::{Column, ServerDefault, SqlType, Table};

/// A host whose one callable is `next_code()`.
struct Counter {
    calls: i64,
}

impl Host for Counter {
    fn call_default(
        &mut self,
        callable: HostCallable,
        takes_context: bool,
        current_parameters: &[(String, OrmValue)],
    ) -> Result<OrmValue, OrmError> {
        // `code` sees the row's other values (`note` is always given).
        assert!(current_parameters.iter().any(|(k, _)| k == "note"));
        assert_eq!(callable, HostCallable(7));
        assert!(!takes_context);
        self.calls += 1;
        Ok(OrmValue::Str(format!("c{}", self.calls)))
    }
}

#[test]
fn flush_details_match_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut Counter { calls: 0 };
    let thing = model(
        &mut session,
        "Thing",
        "thing",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(20))),
            Column::new("size", SqlType::Integer),
            Column::new("tag", SqlType::String(Some(20)))
                .server_default(ServerDefault::Literal("x".into())),
        ],
    );
    let plain_table = Table::new(
        "plain",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("code", SqlType::String(Some(10))),
            Column::new("note", SqlType::String(Some(20))),
        ],
    );
    let code_default = ColumnDefault::Callable {
        callable: HostCallable(7),
        takes_context: false,
    };
    let plain = session
        .register(
            Mapper::new("__main__", "Plain", plain_table)
                .with_default("code", code_default)
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();

    let t = create(&mut session, thing, &[("name", s("a")), ("size", i(1))]);
    session.add(t).unwrap();
    session.commit(host).unwrap();
    session.set_attr(t, "name", s("b")).unwrap();
    session.commit(host).unwrap();
    assert_eq!(attr(&mut session, t, "size"), i(1));
    session.expire(t, Some(&["name"])).unwrap();
    assert_eq!(attr(&mut session, t, "name"), s("b"));

    let u = create(&mut session, thing, &[("name", s("c")), ("size", i(2))]);
    let v = create(
        &mut session,
        thing,
        &[("name", s("d")), ("size", i(3)), ("tag", s("y"))],
    );
    let w = create(&mut session, thing, &[("id", i(10)), ("name", s("e"))]);
    let z = create(&mut session, thing, &[("id", i(11)), ("name", s("f"))]);
    session.add_all(&[u, v, w, z]).unwrap();
    session.flush(host).unwrap();
    let records_before = session.records().len();
    assert_eq!(attr(&mut session, u, "tag"), s("x"));
    assert_eq!(attr(&mut session, v, "id"), i(3));
    assert_eq!(attr(&mut session, w, "tag"), s("x"));
    assert_eq!(
        session.records().len(),
        records_before,
        "RETURNING loaded the defaults"
    );

    session.set_attr(t, "size", i(5)).unwrap();
    session.set_attr(u, "size", i(6)).unwrap();
    session.delete(&mut retort_orm::NoHost, v).unwrap();
    session.commit(host).unwrap();
    assert_eq!(session.status(v).unwrap(), ObjectStatus::Detached);
    session.refresh(t).unwrap();
    let loose = create(&mut session, thing, &[("id", i(10)), ("name", s("m"))]);
    let merged = session.merge(host, loose).unwrap();
    assert_eq!(merged, w);
    assert_eq!(attr(&mut session, merged, "name"), s("m"));
    session.commit(host).unwrap();

    let plains = vec![
        create(&mut session, plain, &[("id", i(1)), ("note", s("p"))]),
        create(&mut session, plain, &[("id", i(2)), ("note", s("q"))]),
        create(&mut session, plain, &[("note", s("r"))]),
    ];
    session.add_all(&plains).unwrap();
    session.commit(host).unwrap();
    let q = legacy(plain).order_by(col(&session, plain, "id"));
    let loaded = objects(session.query_all(host, &q).unwrap().scalars());
    let codes: Vec<OrmValue> = loaded
        .iter()
        .map(|p| attr(&mut session, *p, "code"))
        .collect();
    assert_eq!(codes, vec![s("c1"), s("c2"), s("c3")]);

    let q = legacy(thing).order_by(col(&session, thing, "id"));
    let things = objects(session.query_all(host, &q).unwrap().scalars());
    let size = col(&session, thing, "size");
    let bigger = legacy(thing).filter(size.clone().gt(size.value_bind(1)));
    let n = session
        .query_update(
            host,
            &bigger,
            &[("name".into(), retort_orm::SetValue::Value(s("big")))],
            SynchronizeSession::Auto,
        )
        .unwrap();
    let names: Vec<OrmValue> = things
        .iter()
        .map(|o| attr(&mut session, *o, "name"))
        .collect();
    assert_eq!((n, names), (2, vec![s("big"), s("big"), s("m"), s("f")]));
    let id = col(&session, thing, "id");
    let eleven = legacy(thing).filter(id.clone().eq(id.value_bind(11)));
    assert_eq!(
        session
            .query_delete(host, &eleven, SynchronizeSession::Auto)
            .unwrap(),
        1
    );
    assert!(!session.contains(z).unwrap());
    session.delete(&mut retort_orm::NoHost, w).unwrap();
    session.delete(&mut retort_orm::NoHost, t).unwrap();
    session.commit(host).unwrap();
    assert_eq!(session.query_count(host, &legacy(thing)).unwrap(), 1);
    teardown(&mut session);
    assert_own_record(&session, "flush_details");
}

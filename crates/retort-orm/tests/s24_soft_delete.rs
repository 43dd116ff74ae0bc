//! Scenario 24 (soft delete, boolean literals, bulk `Query.update()`)
//! through the Rust API.

mod common;

use common::*;
use retort_orm::{ColumnDefault, Mapper, NoHost, OrmValue, Session, SynchronizeSession};
use retort_sql::{Column, Expr, SqlType, Table, and_};

#[test]
fn soft_delete_matches_the_recorded_statements() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let table = Table::new(
        "task",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("title", SqlType::String(Some(50))).not_null(),
            Column::new("done", SqlType::Boolean),
            Column::new("is_deleted", SqlType::Boolean).not_null(),
        ],
    );
    let no = ColumnDefault::Scalar(OrmValue::Bool(false));
    let task = session
        .register(
            Mapper::new("__main__", "Task", table)
                .with_default("done", no.clone())
                .unwrap()
                .with_default("is_deleted", no)
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let yes = OrmValue::Bool(true);
    let tasks = vec![
        create(&mut session, task, &[("title", s("写周报"))]),
        create(
            &mut session,
            task,
            &[("title", s("买菜")), ("done", yes.clone())],
        ),
        create(&mut session, task, &[("title", s("跑步"))]),
    ];
    session.add_all(&tasks).unwrap();
    session.commit(host).unwrap();
    let registry = session.registry.clone();
    let by = |attr: &str, value: OrmValue| {
        legacy(task)
            .filter_by(&registry, &[(attr.into(), value)])
            .unwrap()
    };

    let found = session
        .query_first(host, &by("title", s("买菜")))
        .unwrap()
        .unwrap();
    assert_eq!(objects(found.items), vec![tasks[1]]);
    session
        .set_attr(tasks[1], "is_deleted", yes.clone())
        .unwrap();
    session.commit(host).unwrap();

    let alive = session
        .query_all(host, &by("is_deleted", OrmValue::Bool(false)))
        .unwrap();
    assert_eq!(objects(alive.scalars()), vec![tasks[0], tasks[2]]);
    assert_eq!(session.query_count(host, &legacy(task)).unwrap(), 3);
    assert_eq!(
        session
            .query_count(host, &by("is_deleted", yes.clone()))
            .unwrap(),
        1
    );

    let title = col(&session, task, "title");
    let deleted = col(&session, task, "is_deleted");
    let q = legacy(task).filter(and_([
        title.clone().eq(title.value_bind("跑步")),
        deleted.clone().eq(Expr::False),
    ]));
    let run = objects(session.query_first(host, &q).unwrap().unwrap().items)[0];
    session.set_attr(run, "done", yes.clone()).unwrap();
    session.commit(host).unwrap();
    let ordered = legacy(task).order_by(col(&session, task, "id"));
    let rows = objects(session.query_all(host, &ordered).unwrap().scalars());
    let flags: Vec<OrmValue> = rows
        .iter()
        .map(|o| attr(&mut session, *o, "is_deleted"))
        .collect();
    assert_eq!(
        flags,
        vec![OrmValue::Bool(false), yes.clone(), OrmValue::Bool(false)]
    );

    let trash = legacy(task).filter(deleted.clone().is(Expr::True));
    for t in objects(session.query_all(host, &trash).unwrap().scalars()) {
        session
            .set_attr(t, "is_deleted", OrmValue::Bool(false))
            .unwrap();
    }
    session.commit(host).unwrap();
    let q = legacy(task).filter(deleted.clone().eq(Expr::False));
    assert_eq!(session.query_count(host, &q).unwrap(), 3);

    let done = legacy(task).filter(col(&session, task, "done").eq(Expr::True));
    let changed = session
        .query_update(
            host,
            &done,
            &[(
                "is_deleted".into(),
                retort_orm::SetValue::Value(yes.clone()),
            )],
            SynchronizeSession::Auto,
        )
        .unwrap();
    assert_eq!(changed, 2);
    session.commit(host).unwrap();
    let alive = session
        .query_all(host, &by("is_deleted", OrmValue::Bool(false)))
        .unwrap();
    assert_eq!(objects(alive.scalars()), vec![tasks[0]]);
    assert_eq!(attr(&mut session, run, "is_deleted"), yes);
    teardown(&mut session);
    assert_record(&session, "24_");
}

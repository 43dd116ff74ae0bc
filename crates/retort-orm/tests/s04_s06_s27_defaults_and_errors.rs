//! Scenarios 04 (defaults, NOT NULL failure), 06 (UNIQUE failure caught)
//! and 27 (UNIQUE failure uncaught) through the Rust API.

mod common;

use common::*;
use retort_orm::{ColumnDefault, Mapper, NoHost, OrmError, OrmValue, Session};
use retort_sql::{Column, SqlType, Table};

#[test]
fn s04_defaults_and_not_null_failure() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let table = Table::new(
        "products",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("sku", SqlType::String(Some(20)))
                .unique()
                .not_null(),
            Column::new("name", SqlType::String(Some(50)))
                .not_null()
                .index(),
            Column::new("stock", SqlType::Integer),
            Column::new("on_sale", SqlType::Boolean),
            Column::new("remark", SqlType::String(Some(100))),
        ],
    );
    let mapper = Mapper::new("__main__", "Product", table)
        .with_default("stock", ColumnDefault::Scalar(i(0)))
        .unwrap()
        .with_default("on_sale", ColumnDefault::Scalar(OrmValue::Bool(true)))
        .unwrap();
    let product = session.register(mapper).unwrap();
    session.create_all().unwrap();

    let p = create(
        &mut session,
        product,
        &[("sku", s("A001")), ("name", s("键盘"))],
    );
    assert_eq!(attr(&mut session, p, "stock"), OrmValue::None);
    assert_eq!(attr(&mut session, p, "on_sale"), OrmValue::None);
    session.add(p).unwrap();
    session.commit(host).unwrap();
    assert_eq!(attr(&mut session, p, "id"), i(1));
    assert_eq!(attr(&mut session, p, "stock"), i(0));
    assert_eq!(attr(&mut session, p, "on_sale"), OrmValue::Bool(true));
    assert_eq!(attr(&mut session, p, "remark"), OrmValue::None);

    let bad = create(&mut session, product, &[("sku", s("A002"))]);
    session.add(bad).unwrap();
    let error = session.commit(host).unwrap_err();
    assert_eq!(error.class_name(), "IntegrityError");
    assert_eq!(
        error.dbapi().unwrap().orig.message,
        "NOT NULL constraint failed: products.name"
    );
    session.rollback().unwrap();

    let third = create(
        &mut session,
        product,
        &[
            ("sku", s("A003")),
            ("name", s("鼠标")),
            ("stock", i(5)),
            ("on_sale", OrmValue::Bool(false)),
        ],
    );
    session.add(third).unwrap();
    session.commit(host).unwrap();
    let ordered = legacy(product).order_by(col(&session, product, "id"));
    let rows = objects(session.query_all(host, &ordered).unwrap().scalars());
    assert_eq!(rows, vec![p, third]);
    assert_eq!(attr(&mut session, third, "on_sale"), OrmValue::Bool(false));
    teardown(&mut session);
    assert_record(&session, "04_");
}

fn member_model(session: &mut Session) -> retort_orm::MapperId {
    model(
        session,
        "Member",
        "member",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("email", SqlType::String(Some(120)))
                .unique()
                .not_null(),
            Column::new("name", SqlType::String(Some(40))),
        ],
    )
}

#[test]
fn s06_unique_failure_caught_and_rolled_back() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let member = member_model(&mut session);
    session.create_all().unwrap();
    let zhang = create(
        &mut session,
        member,
        &[("email", s("zhang@example.com")), ("name", s("张三"))],
    );
    session.add(zhang).unwrap();
    session.commit(host).unwrap();

    let dup = create(
        &mut session,
        member,
        &[("email", s("zhang@example.com")), ("name", s("张三丰"))],
    );
    session.add(dup).unwrap();
    let error = session.commit(host).unwrap_err();
    assert!(matches!(error, OrmError::IntegrityError(_)));
    assert_eq!(
        error.dbapi().unwrap().orig.message,
        "UNIQUE constraint failed: member.email"
    );
    session.rollback().unwrap();
    assert!(!session.contains(dup).unwrap());

    assert_eq!(session.query_count(host, &legacy(member)).unwrap(), 1);
    assert_eq!(
        objects(session.query_all(host, &legacy(member)).unwrap().scalars()),
        vec![zhang]
    );
    let li = create(
        &mut session,
        member,
        &[("email", s("li@example.com")), ("name", s("李四"))],
    );
    session.add(li).unwrap();
    session.commit(host).unwrap();
    assert_eq!(session.query_count(host, &legacy(member)).unwrap(), 2);
    assert_eq!(
        objects(session.query_all(host, &legacy(member)).unwrap().scalars()),
        vec![zhang, li]
    );
    teardown(&mut session);
    assert_record(&session, "06_");
}

#[test]
fn failed_flush_requires_rollback() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let member = member_model(&mut session);
    session.create_all().unwrap();
    for _ in 0..2 {
        let m = create(&mut session, member, &[("email", s("same@example.com"))]);
        session.add(m).unwrap();
        session.flush(host).ok();
    }
    let before = session.records().len();
    let error = session.query_count(host, &legacy(member)).unwrap_err();
    assert_eq!(error.class_name(), "PendingRollbackError");
    assert!(error.to_string().starts_with(
        "This Session's transaction has been rolled back due to a previous exception during flush."
    ));
    assert!(session.commit(host).is_err());
    assert_eq!(
        session.records().len(),
        before,
        "nothing runs while the rollback is pending"
    );
    assert_eq!(session.records().last().unwrap().kind.as_str(), "rollback");
    session.rollback().unwrap();
    assert_eq!(
        session.records().len(),
        before,
        "rollback adds nothing after a failed flush"
    );
    assert_eq!(session.query_count(host, &legacy(member)).unwrap(), 0);
}

#[test]
fn s27_uncaught_integrity_error_message() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let account = model(
        &mut session,
        "Account",
        "account",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("username", SqlType::String(Some(32)))
                .unique()
                .not_null(),
            Column::new("balance", SqlType::Numeric(Some(10), Some(2))),
        ],
    );
    let mapper = session.registry.mappers[account.0].clone();
    session.registry.mappers[account.0] = mapper
        .with_default("balance", ColumnDefault::Scalar(i(0)))
        .unwrap();
    session.create_all().unwrap();
    let alice = create(
        &mut session,
        account,
        &[("username", s("alice")), ("balance", i(100))],
    );
    session.add(alice).unwrap();
    session.commit(host).unwrap();
    assert_eq!(
        objects(session.query_all(host, &legacy(account)).unwrap().scalars()),
        vec![alice]
    );
    assert_eq!(
        attr(&mut session, alice, "balance"),
        OrmValue::Decimal("100.00".into())
    );
    let again = create(
        &mut session,
        account,
        &[("username", s("alice")), ("balance", i(50))],
    );
    session.add(again).unwrap();
    let error = session.commit(host).unwrap_err();
    assert_eq!(
        error.to_string(),
        "(sqlite3.IntegrityError) UNIQUE constraint failed: account.username\n[SQL: INSERT INTO account (username, balance) VALUES (?, ?)]\n[parameters: ('alice', 50.0)]\n(Background on this error at: https://sqlalche.me/e/20/gkpj)"
    );
    assert_record(&session, "27_");
}

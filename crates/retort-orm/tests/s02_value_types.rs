//! Scenario 02 (column types): DDL through `create_all`, every value type
//! bound at INSERT and converted back after `session.get`.

mod common;

use common::*;
use retort_orm::{ColumnDefault, Mapper, NoHost, OrmValue, Session};
use retort_sql::{Autoincrement, Column, SqlType, Table};

#[test]
fn values_round_trip_as_in_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let mut id = Column::new("id", SqlType::Integer).primary_key();
    id.autoincrement = Autoincrement::True;
    let status = SqlType::Enum {
        members: vec!["draft".into(), "published".into()],
        length: None,
        name: Some("note_status".into()),
        objects: Vec::new(),
    };
    let table = Table::new(
        "note",
        vec![
            id,
            Column::new("title", SqlType::String(Some(100)))
                .not_null()
                .index(),
            Column::new("body", SqlType::Text),
            Column::new("views", SqlType::BigInteger),
            Column::new("stars", SqlType::SmallInteger),
            Column::new("score", SqlType::Float(None)),
            Column::new("price", SqlType::Numeric(Some(8), Some(2))),
            Column::new("pinned", SqlType::Boolean),
            Column::new("due", SqlType::Date),
            Column::new("created_at", SqlType::DateTime),
            Column::new("remind_at", SqlType::Time),
            Column::new("attachment", SqlType::LargeBinary),
            Column::new("mood", SqlType::enum_of(["happy", "sad"])),
            Column::new("status", status),
        ],
    );
    let created = OrmValue::DateTime {
        year: 2024,
        month: 1,
        day: 1,
        hour: 8,
        minute: 30,
        second: 0,
        microsecond: 0,
    };
    let mapper = Mapper::new("__main__", "Note", table)
        .with_default("views", ColumnDefault::Scalar(i(0)))
        .and_then(|m| m.with_default("stars", ColumnDefault::Scalar(i(3))))
        .and_then(|m| m.with_default("pinned", ColumnDefault::Scalar(OrmValue::Bool(false))))
        .and_then(|m| m.with_default("created_at", ColumnDefault::Scalar(created.clone())))
        .and_then(|m| m.with_default("status", ColumnDefault::Scalar(s("draft"))))
        .and_then(|m| m.with_enum_class("mood", "Mood"))
        .unwrap();
    let note = session.register(mapper).unwrap();
    session.create_all().unwrap();
    let due = OrmValue::Date {
        year: 2024,
        month: 5,
        day: 1,
    };
    let remind = OrmValue::Time {
        hour: 9,
        minute: 15,
        second: 0,
        microsecond: 0,
    };
    let happy = OrmValue::enum_member("Mood", "happy");
    let n = create(
        &mut session,
        note,
        &[
            ("title", s("第一篇笔记")),
            ("body", s("hello")),
            ("score", OrmValue::Float(4.5)),
            ("price", OrmValue::Decimal("19.90".into())),
            ("due", due.clone()),
            ("remind_at", remind.clone()),
            ("attachment", OrmValue::Bytes(vec![0, 1])),
            ("mood", happy.clone()),
        ],
    );
    session.add(n).unwrap();
    session.commit(host).unwrap();
    let got = session.get(host, note, &[i(1)]).unwrap().unwrap();
    assert_eq!(got, n);
    let values: Vec<OrmValue> = [
        "views",
        "stars",
        "pinned",
        "status",
        "price",
        "score",
        "due",
        "created_at",
        "remind_at",
        "attachment",
        "mood",
    ]
    .iter()
    .map(|a| attr(&mut session, got, a))
    .collect();
    assert_eq!(
        values,
        vec![
            i(0),
            i(3),
            OrmValue::Bool(false),
            s("draft"),
            OrmValue::Decimal("19.90".into()),
            OrmValue::Float(4.5),
            due,
            created,
            remind,
            OrmValue::Bytes(vec![0, 1]),
            happy,
        ]
    );
    teardown(&mut session);
    assert_record(&session, "02_");
}

//! The crate's own recorded scenario `tests/scenarios/value_conversions.py`:
//! Interval as a datetime after the epoch, Numeric scales, int into Float,
//! microseconds in DateTime and Time.

mod common;

use common::*;
use retort_orm::{NoHost, OrmValue, Session};
use retort_sql::{Column, SqlType};

#[test]
fn values_convert_as_in_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let v = model(
        &mut session,
        "V",
        "v",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("iv", SqlType::Interval),
            Column::new("n0", SqlType::Numeric(None, None)),
            Column::new("n2", SqlType::Numeric(Some(10), Some(2))),
            Column::new("f", SqlType::Float(None)),
            Column::new("dt", SqlType::DateTime),
            Column::new("t", SqlType::Time),
            Column::new("b", SqlType::Boolean),
        ],
    );
    session.create_all().unwrap();
    let interval = OrmValue::Timedelta {
        days: 1,
        seconds: 3661,
        microseconds: 5,
    };
    let moment = OrmValue::DateTime {
        year: 2024,
        month: 2,
        day: 29,
        hour: 23,
        minute: 59,
        second: 58,
        microsecond: 123,
    };
    let clock = OrmValue::Time {
        hour: 1,
        minute: 2,
        second: 3,
        microsecond: 45,
    };
    let first = create(
        &mut session,
        v,
        &[
            ("iv", interval.clone()),
            ("n0", OrmValue::Decimal("3.5".into())),
            ("n2", OrmValue::Float(3.456)),
            ("f", i(4)),
            ("dt", moment.clone()),
            ("t", clock.clone()),
            ("b", OrmValue::Bool(true)),
        ],
    );
    let negative = OrmValue::Timedelta {
        days: -1,
        seconds: 5,
        microseconds: 0,
    };
    let second = create(
        &mut session,
        v,
        &[
            ("iv", negative.clone()),
            ("n0", i(7)),
            ("n2", OrmValue::Decimal("2".into())),
            ("f", OrmValue::Float(1.5)),
        ],
    );
    session.add(first).unwrap();
    session.add(second).unwrap();
    session.commit(host).unwrap();
    let rows = objects(session.query_all(host, &legacy(v)).unwrap().scalars());
    assert_eq!(rows, vec![first, second]);
    let read = |session: &mut Session, obj| -> Vec<OrmValue> {
        ["iv", "n0", "n2", "f", "dt", "t", "b"]
            .iter()
            .map(|a| attr(session, obj, a))
            .collect()
    };
    assert_eq!(
        read(&mut session, first),
        vec![
            interval,
            OrmValue::Decimal("3.5000000000".into()),
            OrmValue::Decimal("3.46".into()),
            OrmValue::Float(4.0),
            moment,
            clock,
            OrmValue::Bool(true),
        ]
    );
    assert_eq!(
        read(&mut session, second),
        vec![
            negative,
            OrmValue::Decimal("7.0000000000".into()),
            OrmValue::Decimal("2.00".into()),
            OrmValue::Float(1.5),
            OrmValue::None,
            OrmValue::None,
            OrmValue::None,
        ]
    );
    teardown(&mut session);
    assert_own_record(&session, "value_conversions");
}

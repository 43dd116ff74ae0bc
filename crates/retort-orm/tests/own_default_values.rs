//! The crate's own recorded scenario `tests/scenarios/default_values.py`:
//! a row with no values is `DEFAULT VALUES` alone and `(id) VALUES (NULL)`
//! in an insertmanyvalues batch.

mod common;

use common::*;
use retort_orm::{ColumnDefault, Mapper, NoHost, Session};
use retort_sql::{Column, SqlType, Table};

#[test]
fn empty_rows_match_sqlalchemy() {
    let mut session = Session::in_memory().unwrap();
    let host = &mut NoHost;
    let counter = model(
        &mut session,
        "Counter",
        "counter",
        vec![Column::new("id", SqlType::Integer).primary_key()],
    );
    let table = Table::new(
        "stamp",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("n", SqlType::Integer),
        ],
    );
    let stamp = session
        .register(
            Mapper::new("__main__", "Stamp", table)
                .with_default("n", ColumnDefault::Scalar(i(1)))
                .unwrap(),
        )
        .unwrap();
    session.create_all().unwrap();
    let first = create(&mut session, counter, &[]);
    session.add(first).unwrap();
    session.commit(host).unwrap();
    let objs = vec![
        create(&mut session, counter, &[]),
        create(&mut session, counter, &[]),
        create(&mut session, stamp, &[]),
        create(&mut session, stamp, &[]),
    ];
    session.add_all(&objs).unwrap();
    session.flush(host).unwrap();
    assert_eq!(attr(&mut session, objs[1], "id"), i(3));
    assert_eq!(attr(&mut session, objs[3], "n"), i(1));
    session.commit(host).unwrap();
    assert_own_record(&session, "default_values");
}

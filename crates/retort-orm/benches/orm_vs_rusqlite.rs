//! Measures Retort's ORM against raw rusqlite doing the same work in the same
//! run, for 10,000 rows of a `users (id, name, email)` table:
//!
//! - `insert_commit_10k`: 10,000 objects made, added and committed by a
//!   session (one `INSERT ... VALUES (?, ?) RETURNING id` per row, as
//!   SQLAlchemy's insertmanyvalues sends them to SQLite), against one
//!   transaction of a cached prepared statement with the same SQL, reading
//!   back each id;
//! - `query_all_10k`: `session.query(User).all()` in a fresh session, which
//!   builds 10,000 objects, against a cached prepared `SELECT` of the same
//!   columns read into a `Vec` of Rust values.
//!
//! Each iteration starts from a fresh in-memory database, made outside the
//! timed part; dropping what an iteration built is not timed either. After
//! criterion's own report, the benchmark prints each workload's median for
//! both sides and the ratio ORM/raw, read from criterion's estimates of this
//! run.

mod support;

use std::hint::black_box;
use std::time::SystemTime;

use criterion::{BatchSize, Criterion};
use retort_orm::log::normalize_sql;
use retort_orm::{
    MapperId, NoHost, OrmQuery, OrmValue, QueryResult, QueryStyle, ResultItem, Session,
};
use retort_sql::{Column, SqlType, Table};
use rusqlite::Connection;

/// How many rows each workload writes or reads.
const ROWS: usize = 10_000;

/// The DDL SQLAlchemy's `create_all` sends for the model, used by the raw side.
const CREATE_TABLE: &str = "CREATE TABLE users (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(50), \n\temail VARCHAR(120), \n\tPRIMARY KEY (id)\n)";

/// The statement SQLAlchemy sends per row of a batch of pending objects.
const INSERT_RETURNING: &str = "INSERT INTO users (name, email) VALUES (?, ?) RETURNING id";

/// The statement of `session.query(User).all()`.
const SELECT_ALL: &str = "SELECT users.id AS users_id, users.name AS users_name, users.email AS users_email \nFROM users";

/// Fills the table with `ROWS` rows in one statement (untimed setup of the
/// query workload, the same for both sides).
const SEED: &str = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
     INSERT INTO users (name, email) SELECT 'user ' || i, 'user' || i || '@example.com' FROM n";

/// The criterion group of the insert workload (ids `orm` and `raw`).
const INSERT_COMMIT: &str = "insert_commit_10k";

/// The criterion group of the query workload (ids `orm` and `raw`).
const QUERY_ALL: &str = "query_all_10k";

/// The name of row `i`.
fn name(i: usize) -> String {
    format!("user {i}")
}

/// The email of row `i`.
fn email(i: usize) -> String {
    format!("user{i}@example.com")
}

/// A fresh session on an in-memory database with the `User` model and its
/// table created.
fn orm_session() -> (Session, MapperId) {
    let mut session = Session::in_memory().expect("an in-memory session opens");
    let table = Table::new(
        "users",
        vec![
            Column::new("id", SqlType::Integer).primary_key(),
            Column::new("name", SqlType::String(Some(50))),
            Column::new("email", SqlType::String(Some(120))),
        ],
    );
    let user = session
        .register(retort_orm::Mapper::new("__main__", "User", table))
        .expect("the mapper registers");
    session.create_all().expect("the table is created");
    (session, user)
}

/// A fresh in-memory connection with the same table.
fn raw_connection() -> Connection {
    let connection = Connection::open_in_memory().expect("an in-memory database opens");
    connection
        .execute_batch(CREATE_TABLE)
        .expect("the table is created");
    connection
}

/// The ORM's insert workload: `User(name=..., email=...)`, `add` for each
/// row, then one `commit`.
fn orm_insert_commit(mut session: Session, user: MapperId) -> Session {
    for i in 0..ROWS {
        let obj = session.new_object(user).expect("an object is made");
        session
            .set_attr(obj, "name", OrmValue::Str(name(i)))
            .expect("name is set");
        session
            .set_attr(obj, "email", OrmValue::Str(email(i)))
            .expect("email is set");
        session.add(obj).expect("the object is added");
    }
    session.commit(&mut NoHost).expect("the session commits");
    session
}

/// The raw insert workload: one transaction, a cached prepared statement,
/// each generated id read back into a `Vec`, then `COMMIT`.
fn raw_insert_commit(mut connection: Connection) -> (Connection, Vec<i64>) {
    let mut ids = Vec::with_capacity(ROWS);
    let transaction = connection.transaction().expect("a transaction begins");
    {
        let mut statement = transaction
            .prepare_cached(INSERT_RETURNING)
            .expect("the INSERT prepares");
        for i in 0..ROWS {
            let id: i64 = statement
                .query_row((name(i), email(i)), |row| row.get(0))
                .expect("the row is inserted");
            ids.push(id);
        }
    }
    transaction.commit().expect("the transaction commits");
    (connection, ids)
}

/// The ORM's query workload: every `User` as an object.
fn orm_query_all(mut session: Session, user: MapperId) -> (Session, QueryResult) {
    let query = OrmQuery::for_mapper(QueryStyle::Legacy, user);
    let result = session
        .query_all(&mut NoHost, &query)
        .expect("the query runs");
    assert_eq!(result.rows.len(), ROWS);
    (session, result)
}

/// One row of the raw query, every column as a Rust value.
type RawUser = (i64, Option<String>, Option<String>);

/// The raw query workload: a cached prepared `SELECT`, each row read into a
/// tuple.
fn raw_query_all(connection: Connection) -> (Connection, Vec<RawUser>) {
    let rows = {
        let mut statement = connection
            .prepare_cached(SELECT_ALL)
            .expect("the SELECT prepares");
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .expect("the query runs")
            .collect::<Result<Vec<RawUser>, _>>()
            .expect("every row reads");
        assert_eq!(rows.len(), ROWS);
        rows
    };
    (connection, rows)
}

/// Checks once, before measuring, that both sides of each workload send
/// the same SQL and leave or read the same data.
fn check_same_work() {
    let (session, user) = orm_session();
    let sent = |session: &Session, sql: &str| {
        session
            .records()
            .iter()
            .filter(|r| r.normalized() == normalize_sql(sql))
            .count()
    };
    assert_eq!(sent(&session, CREATE_TABLE), 1, "the same DDL");
    let session = orm_insert_commit(session, user);
    assert_eq!(sent(&session, INSERT_RETURNING), ROWS, "one INSERT per row");
    let (_, raw_ids) = raw_insert_commit(raw_connection());
    let expected: Vec<i64> = (1..=ROWS as i64).collect();
    assert_eq!(raw_ids, expected, "the raw side inserts ids 1..=10,000");

    let (mut session, result) = orm_query_all(session_with_rows(), user);
    assert_eq!(sent(&session, SELECT_ALL), 1, "the same SELECT");
    let (_, raw_rows) = raw_query_all(connection_with_rows());
    for (row, raw) in result.rows.iter().zip(&raw_rows).step_by(997) {
        let ResultItem::Object(obj) = row.items[0] else {
            panic!("query_all gives objects");
        };
        let attr = |session: &mut Session, name: &str| {
            session.get_attr(obj, name).expect("the attribute reads")
        };
        assert_eq!(attr(&mut session, "id"), OrmValue::Int(raw.0));
        let text = |value: &Option<String>| OrmValue::Str(value.clone().expect("not NULL"));
        assert_eq!(attr(&mut session, "name"), text(&raw.1));
        assert_eq!(attr(&mut session, "email"), text(&raw.2));
    }
}

/// A fresh session whose table already holds `ROWS` rows.
fn session_with_rows() -> Session {
    let (mut session, _) = orm_session();
    session
        .engine
        .database()
        .run(SEED, &[])
        .expect("the table is seeded");
    session
}

/// A fresh connection whose table already holds `ROWS` rows.
fn connection_with_rows() -> Connection {
    let connection = raw_connection();
    connection.execute(SEED, []).expect("the table is seeded");
    connection
}

/// Registers both sides of both workloads.
fn benchmarks(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group(INSERT_COMMIT);
    support::configure(&mut group);
    group.bench_function("orm", |b| {
        b.iter_batched(
            orm_session,
            |(session, user)| black_box(orm_insert_commit(session, user)),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("raw", |b| {
        b.iter_batched(
            raw_connection,
            |connection| black_box(raw_insert_commit(connection)),
            BatchSize::PerIteration,
        );
    });
    group.finish();

    let mut group = criterion.benchmark_group(QUERY_ALL);
    support::configure(&mut group);
    let user = orm_session().1;
    group.bench_function("orm", |b| {
        b.iter_batched(
            session_with_rows,
            |session| black_box(orm_query_all(session, user)),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("raw", |b| {
        b.iter_batched(
            connection_with_rows,
            |connection| black_box(raw_query_all(connection)),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn main() {
    let started = SystemTime::now();
    check_same_work();
    let mut criterion = Criterion::default().configure_from_args();
    benchmarks(&mut criterion);
    criterion.final_summary();
    support::print_table(
        started,
        &[
            (INSERT_COMMIT, "insert + commit, 10,000 rows"),
            (QUERY_ALL, "query all, 10,000 rows"),
        ],
    );
}

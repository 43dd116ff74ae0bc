//! Measures loading a one-to-many relationship through Retort's ORM against
//! raw rusqlite doing the same statements in the same run: 1,000 authors
//! with 10 books each, every author's `books` read once, by each loader
//! strategy:
//!
//! - `load_select_1000x10`: `lazy="select"`, one SELECT of the authors and
//!   one lazy-load SELECT per author (the N+1 pattern), against the same
//!   statements prepared once and run 1,001 times;
//! - `load_joined_1000x10`: `joinedload`, one `LEFT OUTER JOIN` whose rows
//!   repeat their author, against the same SELECT grouped by author;
//! - `load_selectin_1000x10`: `selectinload`, the authors and then one
//!   `IN` SELECT of their books per 500 authors, against the same three
//!   statements.
//!
//! Each iteration starts from a fresh seeded in-memory database, made
//! outside the timed part. The raw side builds, per author, a `Vec` of its
//! books' values. After criterion's report the table of ORM/raw ratios is
//! printed.

mod support;

use std::collections::HashMap;
use std::hint::black_box;
use std::time::SystemTime;

use criterion::{BatchSize, Criterion};
use retort_orm::log::normalize_sql;
use retort_orm::{
    Lazy, LoaderOption, MapperId, NoHost, ObjectId, OrmQuery, QueryStyle, RelationshipDecl,
    RelationshipOptions, ResultItem, Session,
};
use retort_sql::{Column, ForeignKey, SqlType, Table};
use rusqlite::Connection;

/// Authors, and books per author.
const AUTHORS: usize = 1_000;
const BOOKS_PER_AUTHOR: usize = 10;

/// How many keys one selectin SELECT asks for.
const SELECTIN_CHUNK: usize = 500;

/// The DDL SQLAlchemy's `create_all` sends, used by the raw side.
const CREATE_TABLES: &str = "CREATE TABLE author (\n\tid INTEGER NOT NULL, \n\tname VARCHAR(50), \n\tPRIMARY KEY (id)\n);\nCREATE TABLE book (\n\tid INTEGER NOT NULL, \n\tauthor_id INTEGER, \n\ttitle VARCHAR(80), \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(author_id) REFERENCES author (id)\n)";

/// Fills both tables (untimed setup, the same for both sides).
const SEED: &str = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) \
     INSERT INTO author (id, name) SELECT i, 'author ' || i FROM n; \
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) \
     INSERT INTO book (id, author_id, title) SELECT i, (i - 1) % 1000 + 1, 'book ' || i FROM n;";

/// `session.query(Author).all()`.
const SELECT_AUTHORS: &str =
    "SELECT author.id AS author_id, author.name AS author_name \nFROM author";

/// The lazy load of one author's books.
const SELECT_BOOKS_OF: &str = "SELECT book.id AS book_id, book.author_id AS book_author_id, book.title AS book_title \nFROM book \nWHERE ? = book.author_id";

/// `joinedload(Author.books)`.
const SELECT_JOINED: &str = "SELECT author.id AS author_id, author.name AS author_name, book_1.id AS book_1_id, book_1.author_id AS book_1_author_id, book_1.title AS book_1_title \nFROM author LEFT OUTER JOIN book AS book_1 ON author.id = book_1.author_id";

/// `selectinload(Author.books)`'s second statement, before its IN list is
/// expanded to one `?` per author.
const SELECT_BOOKS_IN: &str = "SELECT book.author_id AS book_author_id, book.id AS book_id, book.title AS book_title \nFROM book \nWHERE book.author_id IN (";

/// The criterion groups, one per strategy (ids `orm` and `raw`).
const SELECT: &str = "load_select_1000x10";
const JOINED: &str = "load_joined_1000x10";
const SELECTIN: &str = "load_selectin_1000x10";

/// One book row as the raw side reads it.
type RawBook = (i64, Option<i64>, Option<String>);

/// An author and its books as the raw side builds them.
type RawAuthor = ((i64, Option<String>), Vec<RawBook>);

/// A raw workload: takes the seeded connection, gives it back with what it
/// loaded.
type RawLoad = fn(Connection) -> (Connection, Vec<RawAuthor>);

/// A fresh session with `Author.books` (loaded by `lazy`) and seeded tables.
fn orm_session() -> (Session, MapperId) {
    let mut session = Session::in_memory().expect("an in-memory session opens");
    let author = session
        .register(retort_orm::Mapper::new(
            "__main__",
            "Author",
            Table::new(
                "author",
                vec![
                    Column::new("id", SqlType::Integer).primary_key(),
                    Column::new("name", SqlType::String(Some(50))),
                ],
            ),
        ))
        .expect("Author registers");
    let book = session
        .register(retort_orm::Mapper::new(
            "__main__",
            "Book",
            Table::new(
                "book",
                vec![
                    Column::new("id", SqlType::Integer).primary_key(),
                    Column::new("author_id", SqlType::Integer)
                        .foreign_key(ForeignKey::parse("author.id").expect("a foreign key")),
                    Column::new("title", SqlType::String(Some(80))),
                ],
            ),
        ))
        .expect("Book registers");
    session
        .registry
        .configure_relationship(
            author,
            RelationshipDecl {
                key: "books".into(),
                target: book,
                secondary: None,
                foreign_keys: Vec::new(),
                remote_side: Vec::new(),
                options: RelationshipOptions::default(),
                back_populates: None,
                backref: None,
                primaryjoin: None,
                secondaryjoin: None,
            },
        )
        .expect("Author.books configures");
    session.create_all().expect("the tables are created");
    let seeded = session.engine.database().run_script(SEED);
    assert!(seeded.error.is_none(), "the tables are seeded");
    (session, author)
}

/// The ORM workload: every author, then each author's books, loaded as
/// `strategy` says (`Select` means no option: the relationship's own lazy
/// loading). Returns the number of books seen.
fn orm_load(mut session: Session, author: MapperId, strategy: Lazy) -> (Session, usize) {
    let mut query = OrmQuery::for_mapper(QueryStyle::Legacy, author);
    if strategy != Lazy::Select {
        query.loader_options.push(LoaderOption {
            mapper: author,
            key: "books".into(),
            lazy: strategy,
        });
    }
    let result = session
        .query_all(&mut NoHost, &query)
        .expect("the query runs");
    let authors: Vec<ObjectId> = result
        .rows
        .iter()
        .filter_map(|row| match row.items.first() {
            Some(ResultItem::Object(obj)) => Some(*obj),
            _ => None,
        })
        .collect();
    let mut books = 0;
    for obj in authors {
        books += session
            .rel_get(&mut NoHost, obj, "books")
            .expect("the books load")
            .len();
    }
    (session, books)
}

/// A fresh seeded connection with the same tables.
fn raw_connection() -> Connection {
    let connection = Connection::open_in_memory().expect("an in-memory database opens");
    connection
        .execute_batch(CREATE_TABLES)
        .expect("the tables are created");
    connection
        .execute_batch(SEED)
        .expect("the tables are seeded");
    connection
}

/// Reads one book from a row, starting at column `at`.
fn raw_book(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<RawBook> {
    Ok((row.get(at)?, row.get(at + 1)?, row.get(at + 2)?))
}

/// Every author, in table order.
fn raw_authors(connection: &Connection) -> Vec<(i64, Option<String>)> {
    let mut statement = connection
        .prepare_cached(SELECT_AUTHORS)
        .expect("the SELECT prepares");
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("the query runs")
        .collect::<Result<_, _>>()
        .expect("every row reads")
}

/// The raw N+1: the authors, then one prepared SELECT per author.
fn raw_select(connection: Connection) -> (Connection, Vec<RawAuthor>) {
    let authors = raw_authors(&connection);
    let mut loaded = Vec::with_capacity(authors.len());
    {
        let mut statement = connection
            .prepare_cached(SELECT_BOOKS_OF)
            .expect("the SELECT prepares");
        for author in authors {
            let books = statement
                .query_map([author.0], |row| raw_book(row, 0))
                .expect("the query runs")
                .collect::<Result<Vec<_>, _>>()
                .expect("every row reads");
            loaded.push((author, books));
        }
    }
    (connection, loaded)
}

/// The raw joined load: one SELECT, its rows grouped by author in first-seen
/// order.
fn raw_joined(connection: Connection) -> (Connection, Vec<RawAuthor>) {
    let mut loaded: Vec<RawAuthor> = Vec::new();
    {
        let mut position: HashMap<i64, usize> = HashMap::new();
        let mut statement = connection
            .prepare_cached(SELECT_JOINED)
            .expect("the SELECT prepares");
        let mut rows = statement.query([]).expect("the query runs");
        while let Some(row) = rows.next().expect("a row reads") {
            let id: i64 = row.get(0).expect("an author id");
            let index = *position.entry(id).or_insert_with(|| {
                loaded.push(((id, row.get(1).expect("a name")), Vec::new()));
                loaded.len() - 1
            });
            if row.get_ref(2).expect("a book id") != rusqlite::types::ValueRef::Null {
                loaded[index]
                    .1
                    .push(raw_book(row, 2).expect("a book reads"));
            }
        }
    }
    (connection, loaded)
}

/// The raw selectin load: the authors, then their books by SELECTs with an
/// IN list of at most 500 author ids each (as SQLAlchemy chunks them),
/// grouped by author.
fn raw_selectin(connection: Connection) -> (Connection, Vec<RawAuthor>) {
    let authors = raw_authors(&connection);
    let mut books_of: HashMap<i64, Vec<RawBook>> = HashMap::new();
    for chunk in authors.chunks(SELECTIN_CHUNK) {
        let mut statement = connection
            .prepare_cached(&selectin_sql(chunk.len()))
            .expect("the SELECT prepares");
        let ids = chunk.iter().map(|a| a.0);
        let mut rows = statement
            .query(rusqlite::params_from_iter(ids))
            .expect("the query runs");
        while let Some(row) = rows.next().expect("a row reads") {
            let author: i64 = row.get(0).expect("an author id");
            let book = (
                row.get(1).expect("an id"),
                Some(author),
                row.get(2).expect("a title"),
            );
            books_of.entry(author).or_default().push(book);
        }
    }
    let loaded = authors
        .into_iter()
        .map(|author| {
            let books = books_of.remove(&author.0).unwrap_or_default();
            (author, books)
        })
        .collect();
    (connection, loaded)
}

/// `SELECT_BOOKS_IN` with `n` placeholders.
fn selectin_sql(n: usize) -> String {
    format!("{SELECT_BOOKS_IN}{})", vec!["?"; n].join(", "))
}

/// Checks once, before measuring, that each ORM strategy sends the
/// statements its raw counterpart runs and sees the same books.
fn check_same_work() {
    let books = AUTHORS * BOOKS_PER_AUTHOR;
    let sent = |session: &Session, sql: &str| {
        session
            .records()
            .iter()
            .filter(|r| r.normalized() == normalize_sql(sql))
            .count()
    };
    let total = |loaded: &[RawAuthor]| loaded.iter().map(|(_, b)| b.len()).sum::<usize>();

    let (session, author) = orm_session();
    let (session, seen) = orm_load(session, author, Lazy::Select);
    assert_eq!(seen, books);
    assert_eq!(sent(&session, SELECT_AUTHORS), 1);
    assert_eq!(
        sent(&session, SELECT_BOOKS_OF),
        AUTHORS,
        "one lazy load per author"
    );
    assert_eq!(total(&raw_select(raw_connection()).1), books);

    let (session, seen) = orm_load(orm_session().0, author, Lazy::Joined);
    assert_eq!(seen, books);
    assert_eq!(sent(&session, SELECT_JOINED), 1, "one joined SELECT");
    assert_eq!(total(&raw_joined(raw_connection()).1), books);

    let (session, seen) = orm_load(orm_session().0, author, Lazy::Selectin);
    assert_eq!(seen, books);
    assert_eq!(sent(&session, SELECT_AUTHORS), 1);
    assert_eq!(
        sent(&session, &selectin_sql(SELECTIN_CHUNK)),
        AUTHORS / SELECTIN_CHUNK,
        "one IN SELECT per 500 authors"
    );
    assert_eq!(total(&raw_selectin(raw_connection()).1), books);
}

/// Registers both sides of each strategy.
fn benchmarks(criterion: &mut Criterion) {
    let author = orm_session().1;
    let strategies: [(&str, Lazy, RawLoad); 3] = [
        (SELECT, Lazy::Select, raw_select),
        (JOINED, Lazy::Joined, raw_joined),
        (SELECTIN, Lazy::Selectin, raw_selectin),
    ];
    for (name, strategy, raw) in strategies {
        let mut group = criterion.benchmark_group(name);
        support::configure(&mut group);
        group.bench_function("orm", |b| {
            b.iter_batched(
                || orm_session().0,
                |session| black_box(orm_load(session, author, strategy)),
                BatchSize::PerIteration,
            );
        });
        group.bench_function("raw", |b| {
            b.iter_batched(
                raw_connection,
                |connection| black_box(raw(connection)),
                BatchSize::PerIteration,
            );
        });
        group.finish();
    }
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
            (SELECT, "1,000 x 10, lazy select (N+1)"),
            (JOINED, "1,000 x 10, joinedload"),
            (SELECTIN, "1,000 x 10, selectinload"),
        ],
    );
}

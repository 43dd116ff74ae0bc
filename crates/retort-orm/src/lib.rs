//! Retort's emulation of SQLAlchemy 2.0's ORM, without Python: mappers,
//! a session with its identity map and object states, the unit of work
//! that flushes changes as SQLAlchemy 2.0.58 does on SQLite, ORM queries,
//! and the statement record (SQL, parameters and transaction markers as
//! SQLAlchemy's echo log shows them).
//!
//! Objects are handles ([`ObjectId`]) the host (the Python binding) keeps
//! next to its own objects; attribute values are [`OrmValue`]s; the few
//! callbacks that need the host go through [`Host`].
//!
//! What a binding must know:
//! - One [`Session`] owns the engine (one SQLite connection), the
//!   [`Registry`] of mappers and the state of every object, transient and
//!   detached ones included (Flask-SQLAlchemy's one scoped session).
//! - `Model(...)` is [`Session::new_object`] plus [`Session::set_attr`] per
//!   keyword; attribute reads are [`Session::get_attr`] (which may emit the
//!   refresh SELECT), writes [`Session::set_attr`]. Loading can create
//!   objects the host has never seen: a new [`ObjectId`] in a result means
//!   "make an instance of that mapper's class without calling `__init__`".
//! - Calls that can flush or call a `default=` callable take `&mut dyn
//!   Host`. Before each script-level call the host sets the cause token
//!   ([`Session::set_cause`]); at the end it switches to
//!   [`Phase::Teardown`] and calls [`Session::close`].
//! - Criteria are `retort_sql::Expr` trees; [`column_expr`] gives
//!   `Model.attr`, [`compare`] renders `Model.attr == value` as
//!   SQLAlchemy does (`IS NULL`, inline `= 1`), and values must be bound
//!   through the column type (`types::to_param`).
//! - Legacy `Query` and 2.0 `select()` differ only by [`QueryStyle`];
//!   `Query.first()` is [`Session::query_first`] (`LIMIT 1`), a 2.0
//!   `Result.first()` is [`QueryResult::first`] on all rows.
//! - Errors are [`OrmError`] values named after SQLAlchemy's classes;
//!   [`OrmError::message_with`] renders object reprs the host's way.
//!
//! ```
//! use retort_orm::{Entity, Mapper, NoHost, OrmQuery, OrmValue, QueryStyle, Session};
//! use retort_sql::{Column, SqlType, Table};
//!
//! let mut session = Session::in_memory().unwrap();
//! let table = Table::new(
//!     "users",
//!     vec![
//!         Column::new("id", SqlType::Integer).primary_key(),
//!         Column::new("name", SqlType::String(Some(20))),
//!     ],
//! );
//! let user = session.register(Mapper::new("__main__", "User", table)).unwrap();
//! session.create_all().unwrap();
//! let ann = session.new_object(user).unwrap();
//! session.set_attr(ann, "name", OrmValue::from("ann")).unwrap();
//! session.add(ann).unwrap();
//! session.commit(&mut NoHost).unwrap();
//! assert_eq!(session.get_attr(ann, "id").unwrap(), OrmValue::Int(1));
//! let query = OrmQuery::for_mapper(QueryStyle::Legacy, user);
//! assert_eq!(session.query_count(&mut NoHost, &query).unwrap(), 1);
//! let last = session.records().last().unwrap();
//! assert!(last.sql.starts_with("SELECT count(*) AS count_1 \nFROM (SELECT users.id AS users_id"));
//! ```

mod attr_map;
mod attributes;
mod batch;
mod cascade;
pub mod dependency;
mod dynamic;
pub mod effects;
pub mod engine;
pub mod error;
pub mod events;
mod flush_order;
pub mod host;
pub mod identity;
pub mod inspect;
pub mod join_condition;
mod lazy_attrs;
mod lazy_load;
mod lazy_map;
mod loading;
pub mod log;
pub mod mapper;
pub mod naming;
mod persistence;
mod post_update;
pub mod query;
pub mod reflection;
mod related;
pub mod relationship;
mod savepoint;
mod schema;
pub mod session;
pub mod state;
pub mod types;
pub mod unit_of_work;
mod value_debug;
pub mod warnings;

pub use effects::{CascadeEffect, CascadeOp};
pub use engine::Engine;
pub use error::{DbapiError, OrmError, python_tuple_repr};
pub use events::{
    AttributeEvent, AttributeEventKind, AttributeOp, EventInitiator, InstanceEventKind,
    MapperEventKind, OldValue, OrmEvent, SessionEventKind,
};
pub use host::{Host, HostCallable, NoHost};
pub use inspect::Inspection;
pub use log::{
    LogObserver, NPlusOne, Origin, Phase, RecordParams, RelationshipLoad, StatementKind,
    StatementLog, StatementRecord, n_plus_one,
};
pub use mapper::{ColumnDefault, ColumnProperty, Mapper, MapperId, Registry};
pub use naming::camel_to_snake_case;
pub use query::{
    ColumnOption, ContainsEager, CoreResult, Entity, InsertOutcome, InsertTarget, LoaderOption,
    OrmQuery, PageOutcome, PageRequest, Pagination, QueryResult, QueryStyle, RelationshipJoin,
    ResultItem, ResultItems, ResultRow, ReturningItem, SetValue, SynchronizeSession, column_expr,
    compare,
};
pub use relationship::{
    Cascade, Direction, Lazy, RelationshipDecl, RelationshipOptions, RelationshipProperty,
};
pub use session::Session;
pub use state::{
    AttrKey, IdentityKey, InstanceState, ObjectId, ObjectStatus, RelHistory, RelState,
};
pub use types::{EnumMember, OrmValue};
pub use warnings::OrmWarning;

//! ORM queries: one model ([`OrmQuery`]) for both the legacy `Query`
//! (every column labelled `users.id AS users_id`) and 2.0 `select()`,
//! built in `build.rs` and run in `execute.rs` (`stream.rs` makes the
//! rows into objects as SQLite steps them); pagination and bulk
//! UPDATE/DELETE in their own modules; `alias.rs` the aliased entities
//! and relationship joins, `contains_eager.rs` the collections filled
//! from an explicit join, `unique.rs` which result rows repeat.

mod alias;
mod build;
pub mod bulk;
pub mod bulk_insert;
pub mod bulk_update;
mod contains_eager;
pub mod deferral;
mod eager;
pub mod evaluate;
mod execute;
mod from_statement;
pub mod pagination;
mod set_ops;
mod stream;
mod unique;

use retort_sql::{AliasName, Expr, FromItem, SqlType};
use serde::{Deserialize, Serialize};

use crate::mapper::MapperId;

pub use alias::{RelationshipJoin, source as alias_source, to_alias_source};
pub use build::{column_expr, compare};
pub use bulk::{SetValue, SynchronizeSession};
pub use bulk_insert::{InsertOutcome, InsertTarget, ReturningItem};
pub use deferral::ColumnOption;
pub use execute::{CoreResult, QueryResult, ResultItem, ResultItems, ResultRow};
pub use from_statement::TextSource;
pub use pagination::{PageOutcome, PageRequest, Pagination};
pub use unique::unique_rows;

/// Which API built the query: it decides the label style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueryStyle {
    /// `Model.query` / `session.query(...)`: `users.id AS users_id`.
    Legacy,
    /// `select(...)` executed by the session: plain columns.
    Select,
}

/// One item of the columns clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entity {
    /// A mapped class: all its columns, rows become objects.
    Mapper(MapperId),
    /// `aliased(Model)`: the class's columns read from an alias of its
    /// table (`employee AS employee_1`); rows become objects of the class.
    Aliased { mapper: MapperId, alias: AliasName },
    /// A column expression, rows hold its converted value.
    Column {
        expr: Expr,
        /// The key of the value in a `Row` (`row.name`).
        name: String,
        /// The type used to convert results, when known.
        sql_type: Option<SqlType>,
        enum_class: Option<String>,
        /// The mapper of a mapped attribute (`Book.title`), which legacy
        /// `filter_by` falls back to when no class is selected.
        mapper: Option<MapperId>,
    },
}

/// A query as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrmQuery {
    pub style: QueryStyle,
    pub entities: Vec<Entity>,
    pub from: Vec<FromItem>,
    pub where_: Vec<Expr>,
    pub group_by: Vec<Expr>,
    pub having: Vec<Expr>,
    pub order_by: Vec<Expr>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    pub distinct: bool,
    /// Loader options (`joinedload(A.b)`, `raiseload(A.b)`, ...): the
    /// strategy of a relationship for this query's objects.
    #[serde(default)]
    pub loader_options: Vec<LoaderOption>,
    /// Column options (`load_only`, `defer`, `undefer`): which columns of
    /// a mapped entity are selected; see `deferral.rs`.
    #[serde(default)]
    pub column_options: Vec<ColumnOption>,
    /// After `union()`: the subquery the entities are selected from
    /// (`anon_1.post_id`); see `set_ops.rs`.
    #[serde(default)]
    pub entity_alias: Option<retort_sql::AliasName>,
    /// `options(contains_eager(...))`: relationships filled from the
    /// query's own joins; see `contains_eager.rs`.
    #[serde(default)]
    pub contains_eager: Vec<ContainsEager>,
    /// A join SQLAlchemy accepts but refuses when the statement compiles
    /// (`join(Employee.reports)` without an alias): the message of the
    /// `InvalidRequestError` every run or `str()` raises.
    #[serde(default)]
    pub compile_error: Option<String>,
    /// The entity the last `join()` went to (its alias, if any):
    /// `filter_by()` filters it (`_filter_by_zero`); `None` after a join
    /// to a plain table.
    #[serde(default)]
    pub last_joined: Option<(MapperId, Option<AliasName>)>,
    /// `params(...)`: values for the named binds of its `text()` criteria.
    #[serde(default)]
    pub params: Vec<(String, retort_sql::Value)>,
    /// `from_statement(text(...))`: the statement the rows come from
    /// instead of the query's own SELECT; see `from_statement.rs`.
    #[serde(default)]
    pub from_text: Option<TextSource>,
}

/// `contains_eager(Parent.rel)`, optionally reading the target from an
/// alias (`Parent.rel.of_type(alias)`, `alias=`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainsEager {
    pub mapper: MapperId,
    pub key: String,
    pub alias: Option<AliasName>,
}

impl Entity {
    /// The mapper of a mapped entity, an alias of one or a mapped
    /// attribute.
    pub fn mapper_id(&self) -> Option<MapperId> {
        match self {
            Entity::Mapper(m) | Entity::Aliased { mapper: m, .. } => Some(*m),
            Entity::Column { mapper, .. } => *mapper,
        }
    }

    /// Whether rows hold objects for this entity.
    pub fn is_object(&self) -> bool {
        matches!(self, Entity::Mapper(_) | Entity::Aliased { .. })
    }
}

/// A per-query loader strategy for one relationship.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoaderOption {
    pub mapper: MapperId,
    /// The relationship's key; `*` for every relationship of the mapper.
    pub key: String,
    pub lazy: crate::relationship::Lazy,
}

impl OrmQuery {
    /// The strategy of `rel` for this query: an option's, or the
    /// relationship's own.
    pub fn strategy(
        &self,
        rel: &crate::relationship::RelationshipProperty,
    ) -> crate::relationship::Lazy {
        self.loader_option(rel).map_or(rel.lazy(), |o| o.lazy)
    }

    /// The last loader option naming `rel` (or `*` on its class), if any.
    pub fn loader_option(
        &self,
        rel: &crate::relationship::RelationshipProperty,
    ) -> Option<&LoaderOption> {
        self.loader_options
            .iter()
            .rev()
            .find(|o| o.mapper == rel.parent && (o.key == rel.key || o.key == "*"))
    }
}

//! Running queries: autoflush, the SELECT, rows into objects or converted
//! values, and the terminal operations (`all`, `first`, `one`,
//! `one_or_none`, `scalar`, `count`, `get`) with SQLAlchemy's errors.

use retort_sql::{AliasName, Expr, LabelStyle, Select, Statement};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::stream::{Filling, RowSink};
use super::{Entity, OrmQuery};
use crate::engine::result_rows;
use crate::error::OrmError;
use crate::host::Host;
use crate::log::{Origin, StatementKind};
use crate::mapper::MapperId;
use crate::session::Session;
use crate::state::{ObjectId, ObjectStatus};
use crate::types::{OrmValue, raw, to_param};

/// One item of a result row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ResultItem {
    Object(ObjectId),
    Value(OrmValue),
}

/// The items of one result row: one entity (`query(User)`, nearly every
/// query) keeps its item inline, so a row costs no allocation of its own.
pub type ResultItems = SmallVec<[ResultItem; 1]>;

/// One result row (`Row`), items parallel to the query's entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub items: ResultItems,
}

/// The rows of a query with the key of each entity (`row.name`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct QueryResult {
    pub keys: Vec<String>,
    pub rows: Vec<ResultRow>,
    /// A 2.0 result with joined eager loads of collections: fetching a
    /// row raises until `unique()` is called.
    #[serde(default)]
    pub unique_required: bool,
}

const NO_ROW: &str = "No row was found when one was required";
const MANY_FOR_ONE: &str = "Multiple rows were found when exactly one was required";
const MANY_FOR_ONE_OR_NONE: &str = "Multiple rows were found when one or none was required";

impl QueryResult {
    /// `Result.one()` / `Query.one()`.
    pub fn one(self) -> Result<ResultRow, OrmError> {
        match self.one_or_none_with(MANY_FOR_ONE)? {
            Some(row) => Ok(row),
            None => Err(OrmError::NoResultFound(NO_ROW.to_owned())),
        }
    }

    /// `Result.one_or_none()` / `Query.one_or_none()`.
    pub fn one_or_none(self) -> Result<Option<ResultRow>, OrmError> {
        self.one_or_none_with(MANY_FOR_ONE_OR_NONE)
    }

    fn one_or_none_with(self, many: &str) -> Result<Option<ResultRow>, OrmError> {
        let mut rows = self.rows.into_iter();
        let first = rows.next();
        if rows.next().is_some() {
            return Err(OrmError::MultipleResultsFound(many.to_owned()));
        }
        Ok(first)
    }

    /// `Result.first()`: the first row or `None`.
    pub fn first(self) -> Option<ResultRow> {
        self.rows.into_iter().next()
    }

    /// `Result.scalars()`: the first item of each row.
    pub fn scalars(self) -> Vec<ResultItem> {
        self.rows
            .into_iter()
            .filter_map(|r| r.items.into_iter().next())
            .collect()
    }

    /// `Result.scalar()`: the first item of the first row.
    pub fn scalar(self) -> Option<ResultItem> {
        self.first().and_then(|r| r.items.into_iter().next())
    }
}

impl Session {
    /// Runs a query (after autoflush) and returns all its rows.
    pub fn execute_query(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
    ) -> Result<QueryResult, OrmError> {
        self.check_active()?;
        if let Some(text) = &query.from_text {
            return self.execute_from_text(host, query, text);
        }
        self.autoflush(host)?;
        let joined = self.joined_rels(query)?;
        let select = match (joined.is_empty(), query.entities.as_slice()) {
            (false, [Entity::Mapper(mapper)]) => self.joined_select(query, *mapper, &joined),
            _ => query.to_select(&self.registry),
        };
        let select = self.compiled(select)?;
        let compiled = self.compile(&Statement::Select(select));
        let compiled = self.compiled(compiled)?;
        let mut result = QueryResult {
            keys: self.entity_keys(query)?,
            rows: Vec::new(),
            unique_required: query.style == super::QueryStyle::Select
                && (joined.iter().any(|j| j.rel.uselist)
                    || super::contains_eager::has_collection(&self.registry, query)?),
        };
        // The rows become objects as SQLite steps the statement.
        self.engine.log_statement(
            StatementKind::Execute,
            &compiled.sql,
            compiled.params.clone(),
            Origin::Query,
        )?;
        let (loader, engine) = self.loader_and_engine();
        let mut sink = RowSink::new(loader.journaled(), query, &joined)?;
        let stepped = engine.run_rows(&compiled.sql, &compiled.params, &mut |row| sink.take(row));
        let (rows, filling) = sink.finish(stepped)?;
        result.rows = rows;
        match filling {
            Filling::Nothing => {}
            Filling::ContainsEager(layout, filled) => self.store_contains_eager(&layout, filled)?,
            Filling::Joined { collected, .. } => {
                for (parent, lists) in collected.parents {
                    for (item, targets) in joined.iter().zip(lists) {
                        self.store_loaded(parent, &item.rel.key, targets)?;
                    }
                }
            }
        }
        self.finish_rows(host, query, &mut result)?;
        Ok(result)
    }

    /// The refresh of every attribute of `obj` (a full expiry, or
    /// `refresh()`) when its mapper has `lazy='joined'` relationships not
    /// loaded on it: SQLAlchemy's `load_on_ident` joins them into the same
    /// SELECT (`FROM p LEFT OUTER JOIN k AS k_1 ... WHERE p.id = ?`) and
    /// fills them from its rows. `Ok(false)` when there is nothing to join,
    /// for the plain refresh to run.
    pub(crate) fn refresh_with_joined(
        &mut self,
        obj: ObjectId,
        labelled: bool,
        origin: Origin,
    ) -> Result<bool, OrmError> {
        let state = self.state(obj)?;
        let Some(key) = state.key.clone() else {
            return Ok(false);
        };
        let mapper_id = state.mapper;
        let unloaded = |rel: &crate::relationship::RelationshipProperty| {
            state.rels.get(&rel.key).is_none_or(|r| r.current.is_none())
        };
        // Every refresh after a commit asks this: the mapper is read in
        // place and cloned only when there is something to join.
        if !self
            .registry
            .mapper(mapper_id)?
            .relationships
            .iter()
            .any(|r| {
                r.lazy() == crate::relationship::Lazy::Joined
                    && r.secondary.is_none()
                    && unloaded(r)
            })
        {
            return Ok(false);
        }
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let style = if labelled {
            super::QueryStyle::Legacy
        } else {
            super::QueryStyle::Select
        };
        let table = mapper.table_name().to_owned();
        let mut query = OrmQuery::for_mapper(style, mapper_id);
        for (pk, value) in mapper.primary_key().iter().zip(&key) {
            let col = Expr::col(table.clone(), pk.column.clone());
            let bind = col.value_bind(to_param(value, &pk.sql_type));
            query = query.filter(col.eq(bind));
        }
        let joined = self.joined_rels(&query)?;
        let select = self.joined_select(&query, mapper_id, &joined)?;
        let compiled = self.compile(&Statement::Select(select))?;
        self.engine.log_statement(
            StatementKind::Execute,
            &compiled.sql,
            compiled.params.clone(),
            origin,
        )?;
        let (loader, engine) = self.loader_and_engine();
        let mut sink = RowSink::new(loader.journaled(), &query, &joined)?;
        let stepped = engine.run_rows(&compiled.sql, &compiled.params, &mut |row| sink.take(row));
        let (rows, filling) = sink.finish(stepped)?;
        if rows.is_empty() {
            return Err(OrmError::ObjectDeletedError {
                object: obj,
                class_name: mapper.class_name.clone(),
            });
        }
        if let Filling::Joined { collected, .. } = filling {
            for (parent, lists) in collected.parents {
                for (item, targets) in joined.iter().zip(lists) {
                    self.store_loaded(parent, &item.rel.key, targets)?;
                }
            }
        }
        Ok(true)
    }

    /// What every query does with its rows once they are objects: a
    /// legacy `Query` with a mapped entity uniques them, and the first
    /// entity's objects get their eager loads and loader options.
    pub(super) fn finish_rows(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        result: &mut QueryResult,
    ) -> Result<(), OrmError> {
        if query.style == super::QueryStyle::Legacy && query.entities.iter().any(Entity::is_object)
        {
            result.rows = super::unique_rows(std::mem::take(&mut result.rows), false);
        }
        let parents: Vec<ObjectId> = result
            .rows
            .iter()
            .filter_map(|r| match r.items.first() {
                Some(ResultItem::Object(o)) => Some(*o),
                _ => None,
            })
            .collect();
        self.post_load(host, query, &parents)
    }

    pub(super) fn entity_keys(&self, query: &OrmQuery) -> Result<Vec<String>, OrmError> {
        query
            .entities
            .iter()
            .map(|e| match e {
                Entity::Aliased {
                    alias: retort_sql::AliasName::Named(name),
                    ..
                } => Ok(name.clone()),
                Entity::Mapper(m) | Entity::Aliased { mapper: m, .. } => {
                    Ok(self.registry.mapper(*m)?.class_name.clone())
                }
                Entity::Column { name, .. } => Ok(name.clone()),
            })
            .collect()
    }

    pub(crate) fn run_select(
        &mut self,
        select: Select,
        origin: Origin,
    ) -> Result<Vec<Vec<retort_sql::Value>>, OrmError> {
        let compiled = self.compile(&Statement::Select(select))?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, origin)?;
        Ok(result_rows(result))
    }

    /// `Query.all()`.
    pub fn query_all(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
    ) -> Result<QueryResult, OrmError> {
        self.execute_query(host, query)
    }

    /// Legacy `Query.first()`: `LIMIT ? OFFSET ?` with `[1, 0]`.
    pub fn query_first(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
    ) -> Result<Option<ResultRow>, OrmError> {
        let limited = query.clone().limit(1);
        Ok(self.execute_query(host, &limited)?.first())
    }

    /// `Query.one()`.
    pub fn query_one(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
    ) -> Result<ResultRow, OrmError> {
        self.execute_query(host, query)?.one()
    }

    /// `Query.one_or_none()`.
    pub fn query_one_or_none(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
    ) -> Result<Option<ResultRow>, OrmError> {
        self.execute_query(host, query)?.one_or_none()
    }

    /// Legacy `Query.scalar()`: the first item of `one()`, `None` when
    /// there is no row; `MultipleResultsFound` when there are several.
    pub fn query_scalar(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
    ) -> Result<Option<ResultItem>, OrmError> {
        match self.execute_query(host, query)?.one() {
            Ok(row) => Ok(row.items.into_iter().next()),
            Err(OrmError::NoResultFound(_)) => Ok(None),
            Err(other) => Err(other),
        }
    }

    /// A statement that fails to compile has already begun the session's
    /// transaction: SQLAlchemy checks out the connection first.
    fn compiled<T>(&mut self, statement: Result<T, OrmError>) -> Result<T, OrmError> {
        if statement.is_err() {
            self.engine.begin(Origin::Query)?;
        }
        statement
    }

    /// Legacy `Query.count()`: `SELECT count(*) AS count_1 FROM (...) AS anon_1`.
    pub fn query_count(&mut self, host: &mut dyn Host, query: &OrmQuery) -> Result<i64, OrmError> {
        self.check_active()?;
        self.autoflush(host)?;
        let inner = query.to_nested_select(&self.registry);
        let inner = self.compiled(inner)?;
        let alias = AliasName::anon(self.next_anon_id(), "anon");
        let rows = self.run_select(inner.count_wrapper(alias), Origin::Query)?;
        match rows.first().and_then(|r| r.first()) {
            Some(retort_sql::Value::Integer(n)) => Ok(*n),
            _ => Ok(0),
        }
    }

    /// `Session.get(Model, pk)` (and legacy `Query.get`): the identity map
    /// first, loading expired attributes if needed; otherwise a labelled
    /// SELECT by primary key.
    pub fn get(
        &mut self,
        host: &mut dyn Host,
        mapper_id: MapperId,
        pk: &[OrmValue],
    ) -> Result<Option<ObjectId>, OrmError> {
        self.check_active()?;
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let pk_props = mapper.primary_key();
        if pk_props.len() != pk.len() {
            return Err(OrmError::InvalidRequestError(format!(
                "Incorrect number of values in identifier formed from argument to Session.get(); primary key columns are {}",
                pk_props
                    .iter()
                    .map(|p| format!("'{}.{}'", mapper.table_name(), p.column))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        if let Some(obj) = self.identity.get(mapper_id, pk) {
            match self.status(obj)? {
                ObjectStatus::Deleted => return Ok(None),
                _ if self.to_delete.contains(&obj) => return Ok(Some(obj)),
                _ => match self.load_expired(obj, Origin::Refresh) {
                    Ok(()) => return Ok(Some(obj)),
                    // The row is gone: SQLAlchemy forgets the object and
                    // queries again.
                    Err(OrmError::ObjectDeletedError { .. }) => {
                        self.identity.remove(mapper_id, pk, obj);
                    }
                    Err(other) => return Err(other),
                },
            }
        }
        self.autoflush(host)?;
        let table = mapper.table_name().to_owned();
        let loaded = super::deferral::mapping_loaded_columns(&mapper);
        let mut select = Select::new(
            mapper
                .columns
                .iter()
                .enumerate()
                .filter(|(index, _)| super::deferral::selects(loaded.as_deref(), *index))
                .map(|(_, c)| Expr::col(table.clone(), c.column.clone()))
                .collect(),
        )
        .label_style(LabelStyle::TablenamePlusCol);
        // A None in the key is `IS NULL`, as SQLAlchemy's get clause
        // adapts it; an all-None key warns.
        for (prop, value) in pk_props.iter().zip(pk) {
            let col = Expr::col(table.clone(), prop.column.clone());
            if value.is_none() {
                select = select.where_(col.is(Expr::Null));
                continue;
            }
            let bind = col.value_bind(to_param(value, &prop.sql_type));
            select = select.where_(col.eq(bind));
        }
        if pk.iter().all(OrmValue::is_none) {
            self.warnings.push(crate::warnings::OrmWarning::sa(
                "fully NULL primary key identity cannot load any object.  This condition may raise an error in a future release.",
            ));
        }
        let rows = self.run_select(select, Origin::Query)?;
        match rows.into_iter().next() {
            Some(mut row) => {
                self.loader()
                    .instance_from_selected(mapper_id, &mut row, loaded.as_deref())
            }
            None => Ok(None),
        }
    }
}

/// The result of a Core statement: column names, raw rows and the count of
/// changed rows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CoreResult {
    pub keys: Vec<String>,
    pub rows: Vec<Vec<OrmValue>>,
    pub rowcount: u64,
}

impl Session {
    /// A Core statement (`text()`, `insert(table)`, a select of a plain
    /// table) on the session's connection: no autoflush, values without
    /// type conversion.
    pub fn execute_core(&mut self, statement: &Statement) -> Result<CoreResult, OrmError> {
        self.check_active()?;
        let compiled = self.compile(statement)?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, Origin::Query)?;
        Ok(match result {
            retort_driver::StatementResult::Rows(set) => CoreResult {
                keys: set.columns.clone(),
                rowcount: set.rows.len() as u64,
                rows: set
                    .rows
                    .iter()
                    .map(|row| {
                        row.iter()
                            .map(|v| raw(&crate::engine::from_driver(v)))
                            .collect()
                    })
                    .collect(),
            },
            retort_driver::StatementResult::Changed { rows_affected } => CoreResult {
                rowcount: rows_affected,
                ..CoreResult::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::NoHost;
    use crate::mapper::Mapper;
    use retort_sql::{Column, SqlType, Table};

    #[test]
    fn core_statements_run_in_the_session_transaction() {
        let mut session = Session::in_memory().unwrap();
        let table = Table::new(
            "t",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("v", SqlType::Boolean),
            ],
        );
        let mapper = session
            .register(Mapper::new("__main__", "T", table))
            .unwrap();
        session.create_all().unwrap();
        let insert = Statement::Text {
            sql: "INSERT INTO t (v) VALUES (:v)".into(),
            binds: vec![("v".into(), retort_sql::Value::Integer(1))],
        };
        assert_eq!(session.execute_core(&insert).unwrap().rowcount, 1);
        let select = Statement::Text {
            sql: "SELECT id, v FROM t".into(),
            binds: vec![],
        };
        let result = session.execute_core(&select).unwrap();
        assert_eq!(result.keys, vec!["id", "v"]);
        assert_eq!(result.rows, vec![vec![OrmValue::Int(1), OrmValue::Int(1)]]);
        // The ORM converts the same row by type.
        let obj = session
            .get(&mut NoHost, mapper, &[OrmValue::Int(1)])
            .unwrap()
            .unwrap();
        assert_eq!(session.get_attr(obj, "v").unwrap(), OrmValue::Bool(true));
        let kinds: Vec<&str> = session.records().iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(
            kinds[kinds.len() - 4..],
            ["begin", "execute", "execute", "execute"]
        );
    }

    #[test]
    fn result_helpers_raise_sqlalchemy_errors() {
        let row = |n: i64| ResultRow {
            items: [ResultItem::Value(OrmValue::Int(n))].into(),
        };
        let two = QueryResult {
            unique_required: false,
            keys: vec!["n".into()],
            rows: vec![row(1), row(2)],
        };
        assert_eq!(two.clone().first(), Some(row(1)));
        assert_eq!(
            two.clone().scalar(),
            Some(ResultItem::Value(OrmValue::Int(1)))
        );
        assert_eq!(two.clone().scalars().len(), 2);
        assert_eq!(
            two.clone().one().unwrap_err().to_string(),
            "Multiple rows were found when exactly one was required"
        );
        assert_eq!(
            two.one_or_none().unwrap_err().to_string(),
            "Multiple rows were found when one or none was required"
        );
        let none = QueryResult::default();
        assert_eq!(none.clone().one_or_none().unwrap(), None);
        assert_eq!(
            none.one().unwrap_err(),
            OrmError::NoResultFound("No row was found when one was required".into())
        );
    }
}

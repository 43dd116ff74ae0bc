//! `select(User).from_statement(text("SELECT * FROM user ..."))` and the
//! legacy `Query.from_statement()`: the textual statement runs as written
//! (its binds from `params()` or `execute(stmt, params)`), and its result
//! columns are matched to each entity's columns by name, as SQLAlchemy
//! matches a textual result to the ORM entities it is to produce. A
//! column the text does not return stays unloaded (loaded on access); a
//! missing primary-key column is SQLAlchemy's "Could not locate column".

use retort_sql::{Statement, Value};
use serde::{Deserialize, Serialize};

use super::{Entity, OrmQuery, QueryResult, ResultItem, ResultItems, ResultRow};
use crate::engine::from_driver_owned;
use crate::error::OrmError;
use crate::host::Host;
use crate::log::Origin;
use crate::session::Session;
use crate::types::{OrmValue, check_stored, from_result_owned, raw};

/// The textual statement a query's rows come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSource {
    pub sql: String,
    /// The values bound to its `:name`s when it was made.
    pub binds: Vec<(String, Value)>,
}

impl OrmQuery {
    /// `from_statement(text(...))`: the query's rows come from the text.
    pub fn from_statement(mut self, sql: String, binds: Vec<(String, Value)>) -> OrmQuery {
        self.from_text = Some(TextSource { sql, binds });
        self
    }
}

/// Where in a textual result each column of an entity is.
enum Columns {
    /// A mapped entity: the result position of each mapper column.
    Object(Vec<Option<usize>>),
    /// A column entity: its position and type.
    Value(Option<usize>, Option<retort_sql::SqlType>, Option<String>),
}

/// The position of the result column named `name`: exactly, else
/// ignoring case (SQLite keeps the spelling the text used).
fn position(keys: &[String], name: &str) -> Option<usize> {
    keys.iter()
        .position(|k| k == name)
        .or_else(|| keys.iter().position(|k| k.eq_ignore_ascii_case(name)))
}

impl Session {
    /// Runs a query whose rows come from `text` (see the module doc).
    pub(super) fn execute_from_text(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        text: &TextSource,
    ) -> Result<QueryResult, OrmError> {
        self.autoflush(host)?;
        let mut binds = text.binds.clone();
        for (name, value) in &query.params {
            binds.retain(|(n, _)| n != name);
            binds.push((name.clone(), value.clone()));
        }
        let statement = Statement::Text {
            sql: text.sql.clone(),
            binds,
        };
        let compiled = self.compile(&statement)?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, Origin::Query)?;
        let (keys, rows) = match result {
            retort_driver::StatementResult::Rows(set) => (set.columns, set.rows),
            retort_driver::StatementResult::Changed { .. } => (Vec::new(), Vec::new()),
        };
        let layout = self.text_layout(query, &keys)?;
        let mut result = QueryResult {
            keys: self.entity_keys(query)?,
            ..QueryResult::default()
        };
        for row in rows {
            let row: Vec<Value> = row.into_iter().map(from_driver_owned).collect();
            let mut items = ResultItems::with_capacity(layout.len());
            for (entity, columns) in query.entities.iter().zip(&layout) {
                items.push(self.text_item(entity, columns, &row)?);
            }
            result.rows.push(ResultRow { items });
        }
        self.finish_rows(host, query, &mut result)?;
        Ok(result)
    }

    /// Where each entity's columns are among the result's `keys`.
    fn text_layout(&self, query: &OrmQuery, keys: &[String]) -> Result<Vec<Columns>, OrmError> {
        query
            .entities
            .iter()
            .map(|entity| match entity {
                Entity::Mapper(mapper) => {
                    let mapper = self.registry.mapper(*mapper)?;
                    let positions: Vec<Option<usize>> = mapper
                        .columns
                        .iter()
                        .map(|c| position(keys, &c.column))
                        .collect();
                    for (column, found) in mapper.columns.iter().zip(&positions) {
                        if column.primary_key && found.is_none() {
                            return Err(OrmError::NoSuchColumnError(format!(
                                "Could not locate column in row for column '{}.{}'",
                                mapper.table_name(),
                                column.column
                            )));
                        }
                    }
                    Ok(Columns::Object(positions))
                }
                Entity::Column {
                    name,
                    sql_type,
                    enum_class,
                    ..
                } => Ok(Columns::Value(
                    position(keys, name),
                    sql_type.clone(),
                    enum_class.clone(),
                )),
                Entity::Aliased { .. } => Err(OrmError::InvalidRequestError(
                    "Retort matches from_statement() rows to mapped classes and columns, \
                     not to aliases"
                        .to_owned(),
                )),
            })
            .collect()
    }

    /// One entity's item of a textual row.
    fn text_item(
        &mut self,
        entity: &Entity,
        columns: &Columns,
        row: &[Value],
    ) -> Result<ResultItem, OrmError> {
        let value_at = |index: &Option<usize>| {
            index
                .and_then(|i| row.get(i).cloned())
                .unwrap_or(Value::Null)
        };
        Ok(match (entity, columns) {
            (Entity::Mapper(mapper), Columns::Object(positions)) => {
                let mut values: Vec<Value> = positions.iter().map(value_at).collect();
                let loaded: Vec<bool> = positions.iter().map(Option::is_some).collect();
                match self.loader().instance_from_partial_row(
                    *mapper,
                    &mut values,
                    Some(&loaded),
                )? {
                    Some(object) => ResultItem::Object(object),
                    None => ResultItem::Value(OrmValue::None),
                }
            }
            (_, Columns::Value(index, sql_type, enum_class)) => {
                let value = value_at(index);
                ResultItem::Value(match sql_type {
                    Some(sql_type) => {
                        check_stored(&value, sql_type)?;
                        from_result_owned(value, sql_type, enum_class.as_deref())
                    }
                    None => raw(&value),
                })
            }
            _ => ResultItem::Value(OrmValue::None),
        })
    }
}

//! Bulk `Query.update()` / `Query.delete()` (and `update(Model).where()`
//! executed by the session): one UPDATE or DELETE with the query's
//! criteria, then the session synchronised as `synchronize_session`
//! asks.

use retort_sql::{Delete, Expr, Statement, Update, compile_sqlite};
use serde::{Deserialize, Serialize};

use super::ResultRow;
use super::bulk_insert::{InsertTarget, ReturningItem};
use super::evaluate::{Evaluation, evaluate, evaluate_value};
use super::{Entity, OrmQuery};
use crate::error::OrmError;
use crate::host::Host;
use crate::log::Origin;
use crate::mapper::{Mapper, MapperId};
use crate::persistence::evaluate_default;
use crate::session::Session;
use crate::state::ObjectId;
use crate::types::{OrmValue, to_param};

/// `synchronize_session=`.
/// What an UPDATE sets a column to: a value (bound), or an expression such
/// as `User.age + 1`.
#[derive(Debug, Clone, PartialEq)]
pub enum SetValue {
    Value(OrmValue),
    Expr(Expr),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SynchronizeSession {
    /// `False`: objects in the session are left as they are.
    False,
    /// `'evaluate'`: fails with `InvalidRequestError` when the criteria
    /// cannot be evaluated in Python.
    Evaluate,
    /// `'fetch'`: the statement returns the primary key of every row it
    /// changed (`RETURNING`, as SQLAlchemy does on SQLite), and the
    /// objects of those keys in the identity map are synchronised.
    Fetch,
    /// `'auto'` (the default): evaluate when possible, else `'fetch'`.
    Auto,
}

/// How the session learns which of its objects a bulk statement touched.
enum Synchronize {
    /// `synchronize_session=False`.
    Nothing,
    /// Worked out in Python before the statement.
    Matched(Matched),
    /// From the primary keys the statement returns.
    Fetch,
}

/// What a bulk statement did: rows changed, the session's objects it
/// matched, and the rows it returned, of the `RETURNING` columns
/// `rendered`.
struct Bulk {
    count: u64,
    matched: Option<Matched>,
    rendered: Vec<String>,
    returned: Vec<Vec<retort_sql::Value>>,
}

/// Objects matched by the criteria: fully evaluated, or matched through
/// an expired attribute.
struct Matched {
    evaluated: Vec<ObjectId>,
    expired: Vec<ObjectId>,
}

impl Session {
    fn bulk_target(&self, query: &OrmQuery) -> Result<MapperId, OrmError> {
        match query.entities.first() {
            Some(Entity::Mapper(m)) => Ok(*m),
            Some(Entity::Column {
                mapper: Some(m), ..
            }) => Ok(*m),
            _ => Err(OrmError::InvalidRequestError(
                "Can't call Query.update() or Query.delete() when no mapped entity is present"
                    .to_owned(),
            )),
        }
    }

    /// Objects of the mapper matching the criteria; `None` when they
    /// cannot be evaluated.
    fn match_objects(
        &self,
        mapper_id: MapperId,
        mapper: &Mapper,
        query: &OrmQuery,
    ) -> Option<Matched> {
        let mut matched = Matched {
            evaluated: Vec::new(),
            expired: Vec::new(),
        };
        for obj in self.identity.all() {
            let Some(state) = self.objects.get(&obj) else {
                continue;
            };
            let fully_expired = mapper
                .columns
                .iter()
                .all(|c| state.expired.contains(&c.attr));
            if state.mapper != mapper_id || fully_expired {
                continue;
            }
            let mut outcome = Evaluation::Known(Some(true));
            for criterion in &query.where_ {
                match evaluate(criterion, mapper, state) {
                    Err(_) => return None,
                    Ok(Evaluation::Known(Some(true))) => {}
                    Ok(other) => {
                        outcome = other;
                        if other != Evaluation::Expired {
                            break;
                        }
                    }
                }
            }
            match outcome {
                Evaluation::Known(Some(true)) => matched.evaluated.push(obj),
                Evaluation::Expired => matched.expired.push(obj),
                Evaluation::Known(_) => {}
            }
        }
        Some(matched)
    }

    fn synchronize(
        &self,
        mapper_id: MapperId,
        mapper: &Mapper,
        query: &OrmQuery,
        sync: SynchronizeSession,
    ) -> Result<Synchronize, OrmError> {
        match sync {
            SynchronizeSession::False => Ok(Synchronize::Nothing),
            SynchronizeSession::Evaluate => match self.match_objects(mapper_id, mapper, query) {
                Some(m) => Ok(Synchronize::Matched(m)),
                None => Err(OrmError::InvalidRequestError(
                    "Could not evaluate current criteria in Python: \"Can't evaluate criteria against alternate class\". Specify 'fetch' or False for the synchronize_session execution option.".to_owned(),
                )),
            },
            SynchronizeSession::Fetch => Ok(Synchronize::Fetch),
            SynchronizeSession::Auto => Ok(match self.match_objects(mapper_id, mapper, query) {
                Some(m) => Synchronize::Matched(m),
                None => Synchronize::Fetch,
            }),
        }
    }

    /// Runs a bulk UPDATE or DELETE; under `'fetch'` it returns the
    /// primary keys of the rows it changed, and the objects of those keys
    /// in the identity map are the matched ones. Returns the row count.
    fn run_bulk(
        &mut self,
        mapper_id: MapperId,
        mapper: &Mapper,
        statement: Statement,
        synchronize: Synchronize,
        returning: &[ReturningItem],
    ) -> Result<Bulk, OrmError> {
        let fetch = matches!(synchronize, Synchronize::Fetch);
        // `RETURNING` what the statement asks for and, under 'fetch', the
        // primary key: each column once, in the mapper's column order, as
        // the ORM renders them.
        let asked = self.returned_columns(&InsertTarget::Mapper(mapper_id), returning)?;
        let rendered: Vec<String> = mapper
            .columns
            .iter()
            .filter(|c| (fetch && c.primary_key) || asked.contains(&c.column))
            .map(|c| c.column.clone())
            .collect();
        let statement = match statement {
            Statement::Update(update) if !rendered.is_empty() => {
                Statement::Update(update.returning(rendered.clone()))
            }
            Statement::Delete(delete) if !rendered.is_empty() => {
                Statement::Delete(delete.returning(rendered.clone()))
            }
            other => other,
        };
        let compiled = compile_sqlite(&statement)?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, Origin::Bulk)?;
        let count = changed(&result);
        let rows = crate::engine::result_rows(result);
        let matched = match synchronize {
            Synchronize::Nothing => None,
            Synchronize::Matched(matched) => Some(matched),
            Synchronize::Fetch => {
                let key_positions: Vec<(usize, &crate::mapper::ColumnProperty)> = mapper
                    .primary_key_iter()
                    .filter_map(|p| Some((rendered.iter().position(|c| *c == p.column)?, p)))
                    .collect();
                let evaluated = rows
                    .iter()
                    .filter_map(|row| {
                        let key: Vec<OrmValue> = key_positions
                            .iter()
                            .filter_map(|(i, p)| {
                                let v = row.get(*i)?;
                                Some(crate::types::from_result(
                                    v,
                                    &p.sql_type,
                                    p.enum_class.as_deref(),
                                ))
                            })
                            .collect();
                        self.identity.get(mapper_id, &key)
                    })
                    .collect();
                Some(Matched {
                    evaluated,
                    expired: Vec::new(),
                })
            }
        };
        Ok(Bulk {
            count,
            matched,
            rendered,
            returned: rows,
        })
    }

    /// `Query.update(values)`: returns the number of rows matched.
    pub fn query_update(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        values: &[(String, SetValue)],
        sync: SynchronizeSession,
    ) -> Result<u64, OrmError> {
        Ok(self
            .query_update_returning(host, query, values, sync, &[])?
            .0)
    }

    /// [`Session::query_update`] with `RETURNING` the `returning` items
    /// (`update(User).returning(User.id)`): also the returned rows, made
    /// after the session is synchronised.
    pub fn query_update_returning(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        values: &[(String, SetValue)],
        sync: SynchronizeSession,
        returning: &[ReturningItem],
    ) -> Result<(u64, Vec<ResultRow>), OrmError> {
        self.check_active()?;
        self.autoflush(host)?;
        let mapper_id = self.bulk_target(query)?;
        let mapper = self.registry.mapper(mapper_id)?.clone();
        for (attr, _) in values {
            mapper.property(attr)?;
        }
        // What a column `default=` callable sees: the plain values given.
        let given: Vec<(String, OrmValue)> = values
            .iter()
            .filter_map(|(attr, value)| match value {
                SetValue::Value(v) => Some((attr.clone(), v.clone())),
                SetValue::Expr(_) => None,
            })
            .collect();
        // The given values plus `onupdate=` columns not given, in table order.
        let mut applied: Vec<(crate::state::AttrKey, SetValue)> = Vec::new();
        let mut set = Vec::new();
        for column in &mapper.columns {
            let value = match values.iter().find(|(attr, _)| attr == &column.attr) {
                Some((_, value)) => value.clone(),
                None => match &column.onupdate {
                    Some(crate::mapper::ColumnDefault::Sql(expr)) => SetValue::Expr(expr.clone()),
                    Some(onupdate) => SetValue::Value(evaluate_default(host, onupdate, &given)?),
                    None => continue,
                },
            };
            let expr = match &value {
                SetValue::Value(v) => {
                    Expr::fixed_bind(column.column.clone(), to_param(v, &column.sql_type))
                }
                SetValue::Expr(expr) => expr.clone(),
            };
            set.push((column.column.clone(), expr));
            applied.push((column.attr.clone(), value));
        }
        let synchronize = self.synchronize(mapper_id, &mapper, query, sync)?;
        let mut update = Update::new(mapper.table_name(), Vec::new());
        update.set = set;
        update.where_ = query.where_.clone();
        let Bulk {
            count,
            matched,
            rendered,
            returned,
        } = self.run_bulk(
            mapper_id,
            &mapper,
            Statement::Update(update),
            synchronize,
            returning,
        )?;
        if let Some(matched) = matched {
            let attrs: Vec<crate::state::AttrKey> =
                applied.iter().map(|(a, _)| a.clone()).collect();
            for obj in matched.evaluated {
                // New values are worked out before any is applied: `SET
                // a=b, b=a` reads the old values.
                let state = self.state(obj)?;
                let new_values: Vec<Option<OrmValue>> = applied
                    .iter()
                    .map(|(attr, value)| match value {
                        SetValue::Value(v) => Some(v.clone()),
                        SetValue::Expr(expr) => {
                            let prop = mapper.columns.iter().find(|c| &c.attr == attr)?;
                            let raw = evaluate_value(expr, &mapper, state).ok().flatten()?;
                            Some(crate::types::from_result_owned(
                                raw,
                                &prop.sql_type,
                                prop.enum_class.as_deref(),
                            ))
                        }
                    })
                    .collect();
                let state = self.state_mut(obj)?;
                for ((attr, _), value) in applied.iter().zip(new_values) {
                    match value {
                        Some(value) => {
                            state.dict.insert(attr.clone(), value);
                            state.committed.remove(attr);
                            state.expired.remove(attr);
                        }
                        // What Python cannot work out is loaded again.
                        None => state.expire(std::slice::from_ref(attr)),
                    }
                }
            }
            for obj in matched.expired {
                self.state_mut(obj)?.expire(&attrs);
            }
        }
        let target = InsertTarget::Mapper(mapper_id);
        let rows = self.returned_rows(returned, &rendered, &target, returning)?;
        Ok((count, rows))
    }

    /// `Query.delete()`: returns the number of rows matched; matched
    /// objects become deleted.
    pub fn query_delete(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        sync: SynchronizeSession,
    ) -> Result<u64, OrmError> {
        Ok(self.query_delete_returning(host, query, sync, &[])?.0)
    }

    /// [`Session::query_delete`] with `RETURNING` the `returning` items.
    pub fn query_delete_returning(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        sync: SynchronizeSession,
        returning: &[ReturningItem],
    ) -> Result<(u64, Vec<ResultRow>), OrmError> {
        self.check_active()?;
        self.autoflush(host)?;
        let mapper_id = self.bulk_target(query)?;
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let synchronize = self.synchronize(mapper_id, &mapper, query, sync)?;
        let mut delete = Delete::new(mapper.table_name());
        delete.where_ = query.where_.clone();
        let Bulk {
            count,
            matched,
            rendered,
            returned,
        } = self.run_bulk(
            mapper_id,
            &mapper,
            Statement::Delete(delete),
            synchronize,
            returning,
        )?;
        if let Some(matched) = matched {
            for obj in matched.evaluated.into_iter().chain(matched.expired) {
                self.mark_deleted(mapper_id, obj)?;
            }
        }
        let target = InsertTarget::Mapper(mapper_id);
        let rows = self.returned_rows(returned, &rendered, &target, returning)?;
        Ok((count, rows))
    }
}

fn changed(result: &retort_driver::StatementResult) -> u64 {
    match result {
        retort_driver::StatementResult::Changed { rows_affected } => *rows_affected,
        retort_driver::StatementResult::Rows(rows) => rows.rows.len() as u64,
    }
}

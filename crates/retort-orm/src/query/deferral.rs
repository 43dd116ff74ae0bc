//! Column deferral (SQLAlchemy's `load_only`, `defer`, `undefer` loader
//! options and the mapping-level `deferred()`): which of a mapper's
//! columns a query selects. The primary key is always selected; a
//! deferred column stays out of the object's dict and is loaded alone,
//! by primary key, on first access (`Session::get_attr`).

use serde::{Deserialize, Serialize};

use super::{Entity, OrmQuery};
use crate::mapper::{Mapper, MapperId};

/// One column option of a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnOption {
    pub mapper: MapperId,
    /// The column attribute; `None` for every column of the mapper (the
    /// wildcard `load_only(...)` defers, SQLAlchemy's `defer('*')`).
    pub key: Option<String>,
    /// Deferred (`defer`, the wildcard of `load_only`) or loaded
    /// (`undefer`, the attributes `load_only` names).
    pub deferred: bool,
    /// `undefer_group("name")`: the option undefers the columns of the
    /// mapping's deferral group `name` (its `key` is `None`).
    #[serde(default)]
    pub group: Option<String>,
}

impl ColumnOption {
    /// `load_only(a, b)`: every column deferred but `a` and `b`.
    pub fn load_only(mapper: MapperId, keys: &[String]) -> Vec<ColumnOption> {
        let mut options = vec![ColumnOption {
            mapper,
            key: None,
            deferred: true,
            group: None,
        }];
        options.extend(keys.iter().map(|key| ColumnOption {
            mapper,
            key: Some(key.clone()),
            deferred: false,
            group: None,
        }));
        options
    }

    /// `defer(key)` (`deferred`) or `undefer(key)`.
    pub fn column(mapper: MapperId, key: String, deferred: bool) -> ColumnOption {
        ColumnOption {
            mapper,
            key: Some(key),
            deferred,
            group: None,
        }
    }

    /// `undefer_group(name)` for the entity `mapper`.
    pub fn undefer_group(mapper: MapperId, name: String) -> ColumnOption {
        ColumnOption {
            mapper,
            key: None,
            deferred: false,
            group: Some(name),
        }
    }
}

impl OrmQuery {
    /// Which of `mapper`'s columns (in column order) this query selects
    /// for the entity `id`; `None` when it selects them all. An option
    /// naming the column wins over its group's `undefer_group`, which wins
    /// over a wildcard, which wins over the mapping's `deferred()`; among
    /// equals the last one given wins, as SQLAlchemy's loader path keys do.
    pub fn loaded_columns(&self, id: MapperId, mapper: &Mapper) -> Option<Vec<bool>> {
        let options: Vec<&ColumnOption> = self
            .column_options
            .iter()
            .filter(|o| o.mapper == id)
            .collect();
        if options.is_empty() {
            return mapping_loaded_columns(mapper);
        }
        let wildcard = options
            .iter()
            .rev()
            .find(|o| o.key.is_none() && o.group.is_none())
            .map(|o| o.deferred);
        let mask: Vec<bool> = mapper
            .columns
            .iter()
            .map(|column| {
                if column.primary_key {
                    return true;
                }
                let named = options
                    .iter()
                    .rev()
                    .find(|o| o.key.as_deref() == Some(column.attr.as_ref()))
                    .map(|o| o.deferred);
                let grouped = column.deferred_group.as_ref().and_then(|group| {
                    options
                        .iter()
                        .rev()
                        .find(|o| o.group.as_ref() == Some(group))
                        .map(|o| o.deferred)
                });
                !named.or(grouped).or(wildcard).unwrap_or(column.deferred)
            })
            .collect();
        if mask.iter().all(|loaded| *loaded) {
            None
        } else {
            Some(mask)
        }
    }

    /// The query as a subquery selects it (`.subquery()`, `count()`'s
    /// inner SELECT, a compound's members): every column of its mapped
    /// entities, whatever the options or the mapping defer, as
    /// SQLAlchemy renders an ORM entity outside a top-level load.
    pub fn undeferred(&self) -> OrmQuery {
        let mut query = self.clone();
        query.column_options = self
            .entities
            .iter()
            .filter(|e| e.is_object())
            .filter_map(Entity::mapper_id)
            .map(|mapper| ColumnOption {
                mapper,
                key: None,
                deferred: false,
                group: None,
            })
            .collect();
        query
    }

    /// [`OrmQuery::to_select`] of [`OrmQuery::undeferred`].
    pub fn to_nested_select(
        &self,
        registry: &crate::mapper::Registry,
    ) -> Result<retort_sql::Select, crate::error::OrmError> {
        self.undeferred().to_select(registry)
    }

    /// How many values of a row the mapped entity `id` takes.
    pub(crate) fn entity_width(&self, id: MapperId, mapper: &Mapper) -> usize {
        selected_width(
            self.loaded_columns(id, mapper).as_deref(),
            mapper.columns.len(),
        )
    }

    /// The first entity's mapper when it is a plain mapped class.
    pub(crate) fn first_mapper_entity(&self) -> Option<MapperId> {
        match self.entities.first() {
            Some(Entity::Mapper(m)) => Some(*m),
            _ => None,
        }
    }
}

/// Which of `mapper`'s columns a load without options selects: `None`
/// unless the mapping defers some (`deferred(Column(...))`).
pub(crate) fn mapping_loaded_columns(mapper: &Mapper) -> Option<Vec<bool>> {
    mapper
        .columns
        .iter()
        .any(|c| c.deferred && !c.primary_key)
        .then(|| {
            mapper
                .columns
                .iter()
                .map(|c| c.primary_key || !c.deferred)
                .collect()
        })
}

/// The columns of a mapped entity that a query's rows hold, worked out
/// once per query: which of its mapper's (`mask`, all when `None`), and
/// how many.
pub(crate) struct Selected {
    pub mapper: MapperId,
    pub mask: Option<Vec<bool>>,
    pub width: usize,
}

impl Selected {
    /// The columns `query` selects of the mapped entity `mapper`.
    pub(crate) fn of(
        query: &OrmQuery,
        mapper: MapperId,
        registry: &crate::mapper::Registry,
    ) -> Result<Selected, crate::error::OrmError> {
        let mapped = registry.mapper(mapper)?;
        let mask = query.loaded_columns(mapper, mapped);
        let width = selected_width(mask.as_deref(), mapped.columns.len());
        Ok(Selected {
            mapper,
            mask,
            width,
        })
    }
}

impl crate::loading::Loader<'_> {
    /// The object of the entity `selected` from its columns at the start
    /// of `row`.
    #[inline]
    pub(crate) fn instance_of(
        &mut self,
        selected: &Selected,
        row: &mut [retort_sql::Value],
    ) -> Result<Option<crate::state::ObjectId>, crate::error::OrmError> {
        let row = row.get_mut(..selected.width).unwrap_or(&mut []);
        self.instance_from_selected(selected.mapper, row, selected.mask.as_deref())
    }

    /// The object of a row holding the columns of `mapper_id` that `mask`
    /// marks (all of them when `None`), in column order.
    #[inline]
    pub(crate) fn instance_from_selected(
        &mut self,
        mapper_id: MapperId,
        row: &mut [retort_sql::Value],
        mask: Option<&[bool]>,
    ) -> Result<Option<crate::state::ObjectId>, crate::error::OrmError> {
        match mask {
            None => self.instance_from_row(mapper_id, row),
            Some(mask) => {
                let mut row = widen(row, mask);
                self.instance_from_partial_row(mapper_id, &mut row, Some(mask))
            }
        }
    }
}

/// How many columns `mask` selects of a mapper's `width`.
pub(crate) fn selected_width(mask: Option<&[bool]>, width: usize) -> usize {
    mask.map_or(width, |mask| mask.iter().filter(|loaded| **loaded).count())
}

/// Whether `mask` selects the column at `index`.
pub(crate) fn selects(mask: Option<&[bool]>, index: usize) -> bool {
    mask.is_none_or(|mask| mask.get(index) == Some(&true))
}

/// `row`'s values (the selected columns of a mapper) spread over the
/// mapper's full width, NULL where a column was not selected.
pub(crate) fn widen(row: &mut [retort_sql::Value], mask: &[bool]) -> Vec<retort_sql::Value> {
    let mut values = row.iter_mut();
    mask.iter()
        .map(|loaded| match loaded.then(|| values.next()).flatten() {
            Some(value) => std::mem::replace(value, retort_sql::Value::Null),
            None => retort_sql::Value::Null,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::NoHost;
    use crate::query::{QueryStyle, ResultItem};
    use crate::session::Session;
    use crate::types::OrmValue;
    use retort_sql::{Column, SqlType, Statement, Table, compile_sqlite};

    fn user_table() -> Table {
        Table::new(
            "user",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("name", SqlType::String(Some(50))),
                Column::new("email", SqlType::String(Some(50))),
                Column::new("bio", SqlType::Text),
            ],
        )
    }

    /// A session with one `user` row, the mapper deferring `bio` by
    /// mapping when `bio_deferred`.
    fn session(bio_deferred: bool) -> (Session, MapperId) {
        let mut session = Session::in_memory().unwrap();
        let mut mapper = Mapper::new("__main__", "User", user_table());
        if bio_deferred {
            mapper = mapper.with_deferred("bio", None).unwrap();
        }
        let id = session.register(mapper).unwrap();
        session.create_all().unwrap();
        let insert = Statement::Text {
            sql: "INSERT INTO user (name, email, bio) VALUES ('ann', 'a@x', 'A')".into(),
            binds: vec![],
        };
        session.execute_core(&insert).unwrap();
        (session, id)
    }

    fn sql(query: &OrmQuery, session: &Session) -> String {
        let select = query.to_select(&session.registry).unwrap();
        compile_sqlite(&Statement::Select(select)).unwrap().sql
    }

    fn last_sql(session: &Session) -> String {
        session.records().last().unwrap().sql.clone()
    }

    #[test]
    fn load_only_selects_the_primary_key_and_the_named_columns() {
        let (session, user) = session(false);
        let mut query = OrmQuery::for_mapper(QueryStyle::Legacy, user);
        query.column_options = ColumnOption::load_only(user, &["name".to_owned()]);
        assert_eq!(
            sql(&query, &session),
            "SELECT user.id AS user_id, user.name AS user_name \nFROM user"
        );
        // A named option wins over the wildcard whatever the order.
        query
            .column_options
            .insert(0, ColumnOption::column(user, "bio".into(), false));
        query
            .column_options
            .push(ColumnOption::column(user, "id".into(), true));
        assert_eq!(
            sql(&query, &session),
            "SELECT user.id AS user_id, user.name AS user_name, user.bio AS user_bio \nFROM user"
        );
        // A subquery selects every column.
        let nested = query.to_nested_select(&session.registry).unwrap();
        assert_eq!(nested.columns.len(), 4);
    }

    #[test]
    fn a_deferred_column_loads_alone_by_primary_key_on_access() {
        let (mut session, user) = session(false);
        let mut query = OrmQuery::for_mapper(QueryStyle::Legacy, user);
        query.column_options = vec![ColumnOption::column(user, "email".into(), true)];
        let result = session.query_all(&mut NoHost, &query).unwrap();
        assert_eq!(
            last_sql(&session),
            "SELECT user.id AS user_id, user.name AS user_name, user.bio AS user_bio \nFROM user"
        );
        let Some(ResultItem::Object(obj)) = result.rows[0].items.first().cloned() else {
            panic!("an object");
        };
        assert!(!session.state(obj).unwrap().dict.contains_key("email"));
        assert_eq!(
            session.get_attr(obj, "email").unwrap(),
            OrmValue::Str("a@x".into())
        );
        assert_eq!(
            last_sql(&session),
            "SELECT user.email AS user_email \nFROM user \nWHERE user.id = ?"
        );
        assert!(session.state(obj).unwrap().expired.is_empty());
    }

    #[test]
    fn a_mapping_deferred_column_is_left_out_until_undeferred() {
        let (mut session, user) = session(true);
        let query = OrmQuery::for_mapper(QueryStyle::Select, user);
        assert_eq!(
            sql(&query, &session),
            "SELECT user.id, user.name, user.email \nFROM user"
        );
        let mut undeferred = query.clone();
        undeferred.column_options = vec![ColumnOption::column(user, "bio".into(), false)];
        assert!(sql(&undeferred, &session).contains("user.bio"));
        let obj = session
            .get(&mut NoHost, user, &[OrmValue::Int(1)])
            .unwrap()
            .unwrap();
        // Expired by a commit, the refresh leaves it out too; reading it
        // loads it alone.
        session.expire_all().unwrap();
        assert_eq!(
            session.get_attr(obj, "name").unwrap(),
            OrmValue::Str("ann".into())
        );
        assert_eq!(
            last_sql(&session),
            "SELECT user.id AS user_id, user.name AS user_name, user.email AS user_email \nFROM user \nWHERE user.id = ?"
        );
        assert_eq!(
            session.get_attr(obj, "bio").unwrap(),
            OrmValue::Str("A".into())
        );
        assert_eq!(
            last_sql(&session),
            "SELECT user.bio AS user_bio \nFROM user \nWHERE user.id = ?"
        );
    }

    #[test]
    fn undefer_group_undefers_the_group_of_the_mapping() {
        let mut registry = crate::mapper::Registry::new();
        let mapper = Mapper::new("__main__", "User", user_table())
            .with_deferred("email", Some("big"))
            .unwrap()
            .with_deferred("bio", Some("big"))
            .unwrap();
        let user = registry.register(mapper).unwrap();
        let mut query = OrmQuery::for_mapper(QueryStyle::Select, user);
        let mapper = registry.mapper(user).unwrap();
        assert_eq!(
            query.loaded_columns(user, mapper),
            Some(vec![true, true, false, false])
        );
        query.column_options = vec![ColumnOption::undefer_group(user, "big".into())];
        assert_eq!(query.loaded_columns(user, mapper), None);
    }

    #[test]
    fn widen_puts_null_where_a_column_was_not_selected() {
        use retort_sql::Value;
        let mut row = [Value::Integer(1), Value::Integer(3)];
        assert_eq!(
            widen(&mut row, &[true, false, true]),
            vec![Value::Integer(1), Value::Null, Value::Integer(3)]
        );
    }
}

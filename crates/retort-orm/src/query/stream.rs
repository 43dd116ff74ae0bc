//! A query's rows made into result rows while the engine steps its
//! statement ([`RowSink`]): each row, as SQLite hands it over, becomes its
//! entities' objects and values, and fills the contains-eager or joined
//! relationships it carries, so no copy of the whole result is made
//! first. How each entity reads its part of a row is worked out once per
//! query, not per row.

use retort_driver::RowValues;
use retort_sql::{SqlType, Value};

use super::contains_eager::{Filled, Layout};
use super::deferral::Selected;
use super::eager::{JoinedCollection, JoinedRel};
use super::{Entity, OrmQuery, ResultItem, ResultItems, ResultRow};
use crate::engine::from_driver_owned;
use crate::error::OrmError;
use crate::loading::Loader;
use crate::types::{OrmValue, from_result_owned, raw};

/// How one entity reads its part of a row.
enum Part<'q> {
    /// A mapped entity: its selected columns become an object.
    Object(Selected),
    /// A column expression: one value, converted by its type when known.
    Value {
        sql_type: Option<&'q SqlType>,
        enum_class: Option<String>,
    },
}

/// What the rows fill besides the result rows.
pub(super) enum Filling {
    Nothing,
    /// Relationships filled from the query's own join: their columns are
    /// taken out of each row before its entities read it.
    ContainsEager(Layout, Filled),
    /// Joined eager loads: the targets' columns follow the parent's, and
    /// a parent's repeated rows give one result row.
    Joined {
        targets: Vec<Selected>,
        parent_width: usize,
        collected: JoinedCollection,
    },
}

/// Takes a query's rows one at a time (see [`RowSink::take`]).
pub(super) struct RowSink<'q, 's> {
    loader: Loader<'s>,
    parts: Vec<Part<'q>>,
    filling: Filling,
    rows: Vec<ResultRow>,
    /// The mapper of a query for one whole entity with nothing to fill,
    /// whose new objects are made straight from SQLite's row (see
    /// [`Loader::new_instance_from_row_values`]).
    direct: Option<crate::mapper::MapperId>,
    /// The current row's values, kept between rows.
    buffer: Vec<Value>,
    /// The first error a row gave: the rows after it are not read.
    failed: Option<OrmError>,
}

impl<'q, 's> RowSink<'q, 's> {
    /// A sink for the rows of `query`, whose joined eager loads are
    /// `joined`; `loader` makes their objects.
    pub(super) fn new(
        loader: Loader<'s>,
        query: &'q OrmQuery,
        joined: &[JoinedRel],
    ) -> Result<Self, OrmError> {
        let registry = loader.registry;
        let parts: Vec<Part<'q>> = query
            .entities
            .iter()
            .map(|entity| {
                Ok(match entity {
                    Entity::Mapper(m) | Entity::Aliased { mapper: m, .. } => {
                        Part::Object(Selected::of(query, *m, registry)?)
                    }
                    Entity::Column {
                        sql_type,
                        enum_class,
                        mapper,
                        name,
                        ..
                    } => Part::Value {
                        sql_type: sql_type.as_ref(),
                        // A mapped `Enum(SomeEnum)` attribute selected by
                        // itself comes back as members, as on its objects.
                        enum_class: enum_class.clone().or_else(|| {
                            let mapper = registry.mapper((*mapper)?).ok()?;
                            mapper
                                .columns
                                .iter()
                                .find(|c| c.attr == name.as_str())
                                .and_then(|c| c.enum_class.clone())
                        }),
                    },
                })
            })
            .collect::<Result<_, OrmError>>()?;
        let filling = if joined.is_empty() {
            match Layout::of(registry, query)? {
                Some(layout) => Filling::ContainsEager(layout, Filled::default()),
                None => Filling::Nothing,
            }
        } else {
            Filling::Joined {
                targets: joined
                    .iter()
                    .map(|j| Selected::of(query, j.rel.target, registry))
                    .collect::<Result<_, _>>()?,
                parent_width: match query.first_mapper_entity() {
                    Some(m) => query.entity_width(m, registry.mapper(m)?),
                    None => 0,
                },
                collected: JoinedCollection::default(),
            }
        };
        let direct = match (&parts[..], &filling) {
            ([Part::Object(selected)], Filling::Nothing) if selected.mask.is_none() => {
                Some(selected.mapper)
            }
            _ => None,
        };
        Ok(RowSink {
            loader,
            parts,
            filling,
            rows: Vec::new(),
            direct,
            buffer: Vec::new(),
            failed: None,
        })
    }

    /// Makes one row into its result row.
    pub(super) fn take(&mut self, row: &RowValues<'_>) {
        if self.failed.is_some() {
            return;
        }
        if let Some(mapper) = self.direct {
            match self.loader.new_instance_from_row_values(mapper, row) {
                Ok(Some(obj)) => {
                    let items = ResultItems::from_buf([ResultItem::Object(obj)]);
                    self.rows.push(ResultRow { items });
                    return;
                }
                Ok(None) => {}
                Err(error) => {
                    self.failed = Some(error);
                    return;
                }
            }
        }
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        for index in 0..row.width() {
            buffer.push(from_driver_owned(row.value(index)));
        }
        if let Err(error) = self.add(&mut buffer) {
            self.failed = Some(error);
        }
        self.buffer = buffer;
    }

    #[inline]
    fn add(&mut self, row: &mut Vec<Value>) -> Result<(), OrmError> {
        let RowSink {
            loader,
            parts,
            filling,
            rows,
            ..
        } = self;
        match filling {
            Filling::Nothing => rows.push(convert_row(loader, parts, row)?),
            Filling::ContainsEager(layout, filled) => {
                let taken = layout.take(row);
                let converted = convert_row(loader, parts, row)?;
                loader.collect_contains_eager(layout, &converted, taken, filled)?;
                rows.push(converted);
            }
            Filling::Joined {
                targets,
                parent_width,
                collected,
            } => {
                let converted = convert_row(loader, parts, row)?;
                let Some(ResultItem::Object(parent)) = converted.items.first().cloned() else {
                    return Ok(());
                };
                let known = collected.contains(parent);
                loader.collect_joined(parent, row, *parent_width, targets, collected)?;
                if !known {
                    rows.push(converted);
                }
            }
        }
        Ok(())
    }

    /// The result rows and what they filled, once the statement ran as
    /// `stepped` says. A statement that failed leaves the session as the
    /// load found it (SQLAlchemy fetches every row before it makes an
    /// object); a row that failed gives its error, as it would have
    /// after the fetch.
    pub(super) fn finish(
        self,
        stepped: Result<(), OrmError>,
    ) -> Result<(Vec<ResultRow>, Filling), OrmError> {
        if let Err(error) = stepped {
            self.loader.undo();
            return Err(error);
        }
        match self.failed {
            Some(error) => Err(error),
            None => Ok((self.rows, self.filling)),
        }
    }
}

/// The result row of `row`, its entities read by `parts` in order.
fn convert_row(
    loader: &mut Loader<'_>,
    parts: &[Part<'_>],
    row: &mut [Value],
) -> Result<ResultRow, OrmError> {
    let mut position = 0;
    // One entity (nearly every query) keeps its item in place.
    let mut items = ResultItems::with_capacity(parts.len());
    for part in parts {
        items.push(convert_item(loader, part, row, &mut position)?);
    }
    Ok(ResultRow { items })
}

/// The item `part` reads from `row`, whose values from `position` on are
/// its own; `position` moves past them.
#[inline]
fn convert_item(
    loader: &mut Loader<'_>,
    part: &Part<'_>,
    row: &mut [Value],
    position: &mut usize,
) -> Result<ResultItem, OrmError> {
    Ok(match part {
        Part::Object(selected) => {
            let start = *position;
            *position += selected.width;
            let slice = row.get_mut(start..).unwrap_or(&mut []);
            match loader.instance_of(selected, slice)? {
                Some(obj) => ResultItem::Object(obj),
                None => ResultItem::Value(OrmValue::None),
            }
        }
        Part::Value {
            sql_type,
            enum_class,
        } => {
            let value = row
                .get_mut(*position)
                .map_or(Value::Null, |v| std::mem::replace(v, Value::Null));
            *position += 1;
            ResultItem::Value(match sql_type {
                Some(t) => {
                    crate::types::check_stored(&value, t)?;
                    from_result_owned(value, t, enum_class.as_deref())
                }
                None => raw(&value),
            })
        }
    })
}

#[cfg(test)]
mod tests {
    use retort_sql::{Column, Expr, SqlType, Table};

    use crate::host::NoHost;
    use crate::mapper::{Mapper, MapperId};
    use crate::query::{Entity, OrmQuery, QueryStyle};
    use crate::session::Session;
    use crate::state::ObjectId;
    use crate::types::OrmValue;

    #[test]
    fn a_statement_failing_after_some_rows_leaves_the_session_as_it_was() {
        let mut session = Session::in_memory().unwrap();
        let table = Table::new(
            "item",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("val", SqlType::Integer),
            ],
        );
        let item = session
            .register(Mapper::new("__main__", "Item", table))
            .unwrap();
        session.create_all().unwrap();
        let min = retort_driver::Value::Integer(i64::MIN);
        session
            .engine
            .database()
            .run("INSERT INTO item VALUES (1, 1), (2, 2), (3, ?)", &[min])
            .unwrap();
        let first = session
            .get(&mut NoHost, item, &[OrmValue::Int(1)])
            .unwrap()
            .unwrap();
        session.expire(first, None).unwrap();
        let before = session.state(first).unwrap().clone();
        let pending_loads = session.loaded_new.len();
        // `abs()` of the third row overflows: SQLite has handed over two
        // rows by then, the first an expired object, the second a new one.
        let query = OrmQuery::for_mapper(QueryStyle::Legacy, item)
            .filter(Expr::func("abs", vec![Expr::col("item", "val")]));
        let error = session.query_all(&mut NoHost, &query).unwrap_err();
        assert!(error.to_string().contains("integer overflow"), "{error}");
        assert_eq!(session.state(first).unwrap(), &before);
        assert_eq!(session.identity.len(), 1);
        assert_eq!(session.loaded_new.len(), pending_loads);
        assert!(session.state(ObjectId(session.next_object)).is_err());
        // The same rows load once the statement succeeds.
        let id = Expr::col("item", "id");
        let query =
            OrmQuery::for_mapper(QueryStyle::Legacy, item).filter(id.clone().le(id.value_bind(2)));
        let rows = session.query_all(&mut NoHost, &query).unwrap().rows;
        assert_eq!(rows.len(), 2);
        assert_eq!(
            session.get_attr(first, "val").unwrap(),
            OrmValue::Int(1),
            "filled by the query, not loaded again"
        );
    }

    /// Each object's `__dict__`, by its `id`, after `query`.
    fn dicts_by_id(
        session: &mut Session,
        query: &OrmQuery,
    ) -> Vec<(OrmValue, crate::attr_map::AttrMap<OrmValue>)> {
        let rows = session.query_all(&mut NoHost, query).unwrap().rows;
        rows.iter()
            .map(|row| {
                let crate::query::ResultItem::Object(obj) = row.items[0] else {
                    panic!("an object first");
                };
                let dict = session.state(obj).unwrap().dict.clone();
                (dict.get("id").unwrap().clone(), dict)
            })
            .collect()
    }

    /// A table whose columns convert their values each in its own way.
    fn typed_items(session: &mut Session) -> MapperId {
        let table = Table::new(
            "item",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("name", SqlType::String(Some(20))),
                Column::new("flag", SqlType::Boolean),
                Column::new("price", SqlType::Numeric(Some(10), Some(2))),
                Column::new("day", SqlType::Date),
                Column::new("data", SqlType::LargeBinary),
                Column::new("ratio", SqlType::Float(None)),
                Column::new("amount", SqlType::Integer),
            ],
        );
        let item = session
            .register(Mapper::new("__main__", "Item", table))
            .unwrap();
        session.create_all().unwrap();
        session
            .engine
            .database()
            .run(
                "INSERT INTO item VALUES \
                 (1, 'a', 1, 3.5, '2024-01-02', x'00ff', 1.5, 7), \
                 (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL), \
                 (3, CAST(x'ff61' AS TEXT), 0, '2.25', '2024-02-29', x'', 2, 7.5), \
                 (4, 5, 2, 1, 'not a date', 'bytes as text', 'x', 'eight')",
                &[],
            )
            .unwrap();
        item
    }

    #[test]
    fn a_whole_entity_loads_from_sqlites_row_as_the_general_path_loads_it() {
        let mut session = Session::in_memory().unwrap();
        let item = typed_items(&mut session);
        // `query(Item, Item.id)` reads each row into values first.
        let id = Entity::attribute(&session.registry, item, "id").unwrap();
        let general = OrmQuery::for_mapper(QueryStyle::Legacy, item)
            .with_entities(vec![Entity::Mapper(item), id]);
        let through_values = dicts_by_id(&mut session, &general);
        session.expunge_all().unwrap();
        // `query(Item)` makes each object straight from the row.
        let whole = OrmQuery::for_mapper(QueryStyle::Legacy, item);
        let from_row = dicts_by_id(&mut session, &whole);
        assert_eq!(from_row.len(), 4);
        assert_eq!(from_row, through_values);
        let (_, first) = &from_row[0];
        assert_eq!(first.get("flag"), Some(&OrmValue::Bool(true)));
        assert_eq!(first.get("price"), Some(&OrmValue::Decimal("3.50".into())));
        assert_eq!(first.get("data"), Some(&OrmValue::Bytes(vec![0, 255])));
        let (_, third) = &from_row[2];
        assert_eq!(
            third.get("name"),
            Some(&OrmValue::from("\u{fffd}a")),
            "invalid UTF-8 read with the bytes replaced"
        );
        assert_eq!(third.get("amount"), Some(&OrmValue::Float(7.5)));
    }

    #[test]
    fn a_row_of_an_object_in_the_session_keeps_the_object() {
        let mut session = Session::in_memory().unwrap();
        let item = typed_items(&mut session);
        let first = session
            .get(&mut NoHost, item, &[OrmValue::Int(1)])
            .unwrap()
            .unwrap();
        let objects = session.identity.len();
        let whole = OrmQuery::for_mapper(QueryStyle::Legacy, item);
        let rows = session.query_all(&mut NoHost, &whole).unwrap().rows;
        assert!(matches!(rows[0].items[0], crate::query::ResultItem::Object(o) if o == first));
        assert_eq!(session.identity.len(), objects + 3);
    }
}

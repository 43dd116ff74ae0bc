//! Turning result rows into objects through the identity map (SQLAlchemy's
//! `loading.py`): an object already in the session keeps its loaded and
//! modified values and only has its expired or unloaded attributes filled.
//! The work is done by a [`Loader`], the parts of the session it changes
//! borrowed apart from the engine, so a query's rows become objects while
//! the engine steps its statement (`journal.rs` undoes a load whose
//! statement fails after some rows).

mod journal;

use retort_driver::{RowValues, ValueRef};
use retort_sql::Value;

use crate::engine::Engine;
use crate::error::OrmError;
use crate::events::RefreshedAttrs;
use crate::identity::IdentityMap;
use crate::mapper::{Mapper, MapperId, Registry};
use crate::session::Session;
use crate::state::{AttrMap, IdentityKey, InstanceState, ObjectId, ObjectStore, RecordIndex};
use crate::types::{
    OrmValue, check_stored, from_result, from_result_owned, from_result_ref, refuses_values,
};

use journal::LoadJournal;

/// The parts of a session that loading rows reads and changes, borrowed
/// apart from its engine.
pub(crate) struct Loader<'s> {
    pub(crate) registry: &'s Registry,
    objects: &'s mut ObjectStore,
    identity: &'s mut IdentityMap,
    next_object: &'s mut u64,
    name_orders: &'s mut Vec<NameOrder>,
    loaded_new: &'s mut Vec<ObjectId>,
    row_buffer: &'s mut Vec<OrmValue>,
    refreshed: &'s mut Vec<(ObjectId, RefreshedAttrs)>,
    track_refreshes: bool,
    /// The statement whose rows these are: the last one recorded.
    loaded_by: RecordIndex,
    /// What the load changed in objects already in the session, while it
    /// may have to be undone (see [`Loader::journaled`]).
    journal: Option<LoadJournal>,
}

impl Session {
    /// The session's loader and its engine, borrowed apart.
    pub(crate) fn loader_and_engine(&mut self) -> (Loader<'_>, &mut Engine) {
        let Session {
            registry,
            engine,
            objects,
            identity,
            next_object,
            name_orders,
            loaded_new,
            row_buffer,
            refreshed,
            track_refreshes,
            ..
        } = self;
        let loader = Loader {
            registry,
            objects,
            identity,
            next_object,
            name_orders,
            loaded_new,
            row_buffer,
            refreshed,
            track_refreshes: *track_refreshes,
            loaded_by: RecordIndex::new(engine.log.last_index()),
            journal: None,
        };
        (loader, engine)
    }

    /// The loader of rows of the statement recorded last.
    pub(crate) fn loader(&mut self) -> Loader<'_> {
        self.loader_and_engine().0
    }
}

impl Loader<'_> {
    /// The object for one row of a mapper's columns (in mapper column
    /// order); `None` when the primary key is NULL (an outer join miss).
    /// The row's values are moved out (left NULL), not cloned.
    #[inline]
    pub(crate) fn instance_from_row(
        &mut self,
        mapper_id: MapperId,
        row: &mut [Value],
    ) -> Result<Option<ObjectId>, OrmError> {
        self.instance_from_partial_row(mapper_id, row, None)
    }

    /// [`Loader::instance_from_row`] for a row where only the columns
    /// `loaded` marks were selected (a deferral option): the others are
    /// neither stored in a new object nor filled in an existing one.
    pub(crate) fn instance_from_partial_row(
        &mut self,
        mapper_id: MapperId,
        row: &mut [Value],
        loaded: Option<&[bool]>,
    ) -> Result<Option<ObjectId>, OrmError> {
        let selected = |index: usize| loaded.is_none_or(|mask| mask.get(index) == Some(&true));
        // The mapper is borrowed from the registry while the objects
        // change (no per-row clone of the mapper or of its attribute names).
        let registry = self.registry;
        let mapper = registry.mapper(mapper_id)?;
        let layout = NameOrder::kept(self.name_orders, mapper_id, mapper);
        let Some(pk) = row_identity(mapper, &layout.key_positions, row) else {
            return Ok(None);
        };
        // A value the row's type refuses (an unknown `Enum` value) fails
        // the load before the identity map or any object changes.
        if layout.checks_values {
            for (index, (column, value)) in mapper.columns.iter().zip(row.iter()).enumerate() {
                if selected(index) {
                    check_stored(value, &column.sql_type)?;
                }
            }
        }
        let loaded_by = self.loaded_by;
        let candidate = ObjectId(*self.next_object);
        let Some(existing) = self.identity.get_or_insert(mapper_id, &pk, candidate) else {
            // A new object: nothing loaded, modified or expired yet; its
            // values move from the row into its dict. (A row of one whole
            // entity is made into its object before it gets here: see
            // `Loader::new_instance_from_row_values`.)
            *self.next_object += 1;
            // One plain loop (it runs for every value of every row), in
            // name order when the mapper's names are all different, so
            // the dict needs no sorting.
            let columns = &mapper.columns;
            let by_name = layout.order.len() == columns.len();
            let mut entries = Vec::with_capacity(columns.len());
            for k in 0..columns.len() {
                let i = if by_name { layout.order[k] } else { k };
                if let (true, Some(value)) = (selected(i), row.get_mut(i)) {
                    entries.push((columns[i].attr.clone(), take_converted(&columns[i], value)));
                }
            }
            let dict = if by_name {
                AttrMap::from_sorted(entries)
            } else {
                AttrMap::from_entries(entries)
            };
            self.store_new(
                candidate,
                InstanceState::loaded(mapper_id, pk, dict, loaded_by),
            );
            return Ok(Some(candidate));
        };
        let mut values = std::mem::take(self.row_buffer);
        values.clear();
        values.extend(mapper.columns.iter().zip(row.iter_mut()).map(|(c, v)| {
            from_result_owned(
                std::mem::replace(v, Value::Null),
                &c.sql_type,
                c.enum_class.as_deref(),
            )
        }));
        // SQLAlchemy's partial load of an object with unloaded attributes
        // fires `refresh` with them, once per query.
        if self.track_refreshes
            && !self.refreshed.iter().any(|(o, _)| *o == existing)
            && let Some(state) = self.objects.get(&existing)
        {
            let names = unloaded_names(mapper, state);
            if !names.is_empty() {
                self.refreshed.push((
                    existing,
                    RefreshedAttrs {
                        names: Some(names),
                        frozen: false,
                    },
                ));
            }
        }
        let obj = existing;
        let Some(state) = self.objects.get_mut(&obj) else {
            return Err(OrmError::UnmappedInstanceError(format!(
                "unknown object #{}",
                obj.0
            )));
        };
        if let Some(journal) = &mut self.journal {
            journal.loaded_by(obj, state.loaded_by);
        }
        state.loaded_by = loaded_by;
        for (index, (column, value)) in mapper.columns.iter().zip(values.drain(..)).enumerate() {
            if !selected(index) {
                continue;
            }
            let attr = &column.attr;
            let unloaded = !state.dict.contains_key(attr) && !state.committed.contains_key(attr);
            let expired = state.expired.contains(attr);
            if unloaded || expired {
                state.expired.remove(attr);
                let previous = state.dict.insert(attr.clone(), value);
                if let Some(journal) = &mut self.journal {
                    journal.filled(obj, attr, previous, expired);
                }
            }
        }
        *self.row_buffer = values;
        Ok(Some(obj))
    }

    /// A new object from a row of every column of `mapper_id` as SQLite
    /// hands it over, each value converted straight from the row into the
    /// object's dict, with no copy of the row made first: what nearly
    /// every row of a query for one entity is. `Ok(None)`, with nothing
    /// changed, for a row this does not take: its object is in the
    /// session already, its key is not one integer, or a column's type
    /// checks its values. Such a row goes through
    /// [`Loader::instance_from_row`].
    pub(crate) fn new_instance_from_row_values(
        &mut self,
        mapper_id: MapperId,
        row: &RowValues<'_>,
    ) -> Result<Option<ObjectId>, OrmError> {
        let registry = self.registry;
        let mapper = registry.mapper(mapper_id)?;
        let layout = NameOrder::kept(self.name_orders, mapper_id, mapper);
        let order = &layout.order;
        if layout.checks_values || order.len() != mapper.columns.len() || row.width() != order.len()
        {
            return Ok(None);
        }
        let [Some(key_position)] = layout.key_positions[..] else {
            return Ok(None);
        };
        let key = row.with_value(key_position, |value| match value {
            ValueRef::Integer(key) => Some(key),
            _ => None,
        });
        let Some(key) = key else {
            return Ok(None);
        };
        if !mapper.columns[key_position].sql_type.is_integer() {
            return Ok(None);
        }
        let pk = IdentityKey::from_buf([OrmValue::Int(key)]);
        let candidate = ObjectId(*self.next_object);
        if self
            .identity
            .get_or_insert(mapper_id, &pk, candidate)
            .is_some()
        {
            return Ok(None);
        }
        *self.next_object += 1;
        let entries = order
            .iter()
            .map(|&i| {
                let column = &mapper.columns[i];
                let enum_class = column.enum_class.as_deref();
                let value = row.with_value(i, |value| {
                    from_result_ref(value, &column.sql_type, enum_class)
                });
                (column.attr.clone(), value)
            })
            .collect();
        let dict = AttrMap::from_sorted(entries);
        let state = InstanceState::loaded(mapper_id, pk, dict, self.loaded_by);
        self.store_new(candidate, state);
        Ok(Some(candidate))
    }

    /// Keeps a new object made by the load.
    #[inline]
    fn store_new(&mut self, id: ObjectId, state: InstanceState) {
        self.objects.insert(id, state);
        self.loaded_new.push(id);
    }
}

/// The Python value of `column` in a row, moved out of the row (left
/// NULL): what every value of every loaded row goes through.
#[inline]
fn take_converted(column: &crate::mapper::ColumnProperty, value: &mut Value) -> OrmValue {
    from_result_owned(
        std::mem::replace(value, Value::Null),
        &column.sql_type,
        column.enum_class.as_deref(),
    )
}

/// One primary-key column's part of a row's identity.
enum KeyColumn {
    /// Not a mapped column: `Mapper::primary_key` skips it too.
    Unmapped,
    /// NULL, or beyond the row: the row has no object.
    Null,
    Value(OrmValue),
}

/// The value of the primary-key column at `position` of `row` (a
/// mapper's columns in order; `None` for a key column the mapper does not
/// map), converted from the row as it stands (a copy, as the identity key
/// keeps it).
fn key_column(mapper: &Mapper, row: &[Value], position: Option<usize>) -> KeyColumn {
    let Some(position) = position else {
        return KeyColumn::Unmapped;
    };
    let column = &mapper.columns[position];
    match row.get(position).map(|v| match v {
        // An integer key (nearly every model) is itself.
        Value::Integer(i) if column.sql_type.is_integer() => OrmValue::Int(*i),
        v => from_result(v, &column.sql_type, column.enum_class.as_deref()),
    }) {
        Some(OrmValue::None) | None => KeyColumn::Null,
        Some(value) => KeyColumn::Value(value),
    }
}

/// The identity key of `row`, whose key columns are at `positions`;
/// `None` when a primary-key value is NULL (an outer join miss). A
/// single-column key (nearly every model) is made in place.
fn row_identity(
    mapper: &Mapper,
    positions: &[Option<usize>],
    row: &[Value],
) -> Option<IdentityKey> {
    match positions {
        [position] => match key_column(mapper, row, *position) {
            KeyColumn::Value(value) => Some(IdentityKey::from_buf([value])),
            KeyColumn::Unmapped => Some(IdentityKey::new()),
            KeyColumn::Null => None,
        },
        positions => {
            let mut pk = IdentityKey::with_capacity(positions.len());
            for position in positions {
                match key_column(mapper, row, *position) {
                    KeyColumn::Value(value) => pk.push(value),
                    KeyColumn::Unmapped => {}
                    KeyColumn::Null => return None,
                }
            }
            Some(pk)
        }
    }
}

/// The attributes of `state` without a loaded value: its unloaded or
/// expired columns and its unloaded relationships (SQLAlchemy's
/// `InstanceState.unloaded`).
fn unloaded_names(mapper: &Mapper, state: &InstanceState) -> Vec<String> {
    let mut names: Vec<String> = mapper
        .columns
        .iter()
        .filter(|c| {
            (!state.dict.contains_key(&c.attr) && !state.committed.contains_key(&c.attr))
                || state.expired.contains(&c.attr)
        })
        .map(|c| c.attr.to_string())
        .collect();
    names.extend(unloaded_relationships(mapper, state));
    names
}

/// The relationship keys of `state` without a loaded value.
pub(crate) fn unloaded_relationships(
    mapper: &crate::mapper::Mapper,
    state: &InstanceState,
) -> Vec<String> {
    mapper
        .relationships
        .iter()
        .filter(|r| {
            state
                .rels
                .get(&r.key)
                .is_none_or(|rel| rel.current.is_none())
        })
        .map(|r| r.key.clone())
        .collect()
}

/// What loading a mapper's rows works out once: its column attributes in
/// name order (the order of an [`AttrMap`]), so a row's values are stored
/// without sorting them, where its primary-key columns are, and whether
/// any column's type refuses values; kept per mapper in the session.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameOrder {
    /// The mapper's attribute names in column order when the order was
    /// taken: it holds while the mapper's columns are these same names.
    keys: Vec<crate::state::AttrKey>,
    /// Column indexes in name order; empty when two columns share a name
    /// (the row's values are then sorted as they come).
    order: Vec<usize>,
    /// The column index of each primary-key column of the table (`None`
    /// for one the mapper does not map).
    key_positions: Vec<Option<usize>>,
    /// Whether a column's type can refuse a stored value (an `Enum`).
    checks_values: bool,
}

impl NameOrder {
    /// The order of `mapper`'s columns as `orders` keeps it per mapper,
    /// worked out again when its columns changed.
    fn kept<'o>(
        orders: &'o mut Vec<NameOrder>,
        mapper_id: MapperId,
        mapper: &Mapper,
    ) -> &'o NameOrder {
        if orders
            .get(mapper_id.0)
            .is_none_or(|o| !o.fits(&mapper.columns))
        {
            if orders.len() <= mapper_id.0 {
                orders.resize_with(mapper_id.0 + 1, NameOrder::default);
            }
            orders[mapper_id.0] = NameOrder::of(mapper);
        }
        &orders[mapper_id.0]
    }

    /// The order of `mapper`'s columns.
    fn of(mapper: &Mapper) -> NameOrder {
        let columns = &mapper.columns;
        let mut order: Vec<usize> = (0..columns.len()).collect();
        retort_sort::sort_by(&mut order, |a, b| columns[*a].attr.cmp(&columns[*b].attr));
        if order
            .windows(2)
            .any(|w| columns[w[0]].attr == columns[w[1]].attr)
        {
            order.clear();
        }
        NameOrder {
            keys: columns.iter().map(|c| c.attr.clone()).collect(),
            order,
            key_positions: mapper
                .table
                .primary_key
                .iter()
                .map(|name| columns.iter().position(|c| &c.column == name))
                .collect(),
            checks_values: columns.iter().any(|c| refuses_values(&c.sql_type)),
        }
    }

    /// Whether this is still the order of `columns`.
    fn fits(&self, columns: &[crate::mapper::ColumnProperty]) -> bool {
        self.keys.len() == columns.len()
            && self.keys.iter().zip(columns).all(|(k, c)| k.same(&c.attr))
    }
}

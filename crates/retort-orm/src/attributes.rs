//! Attribute access through the session: reads that load expired
//! attributes with a SELECT by primary key, and writes that record history.

use retort_sql::{Expr, LabelStyle, Select, Statement, compile_sqlite};

use crate::engine::result_rows;
use crate::error::OrmError;
use crate::host::Host;
use crate::log::Origin;
use crate::session::Session;
use crate::state::{AttrKey, InstanceState, ObjectId, ObjectStatus};
use crate::types::{OrmValue, from_result, to_param};

impl Session {
    /// Reads `obj.attr`, loading expired attributes first, without
    /// autoflush ([`Session::read_attr`] is Python's attribute access).
    /// Unset attributes of transient and pending objects read as `None`.
    pub fn get_attr(&mut self, obj: ObjectId, attr: &str) -> Result<OrmValue, OrmError> {
        let state = self.state(obj)?;
        self.registry.mapper(state.mapper)?.property(attr)?;
        if let Some(value) = state.dict.get(attr) {
            return Ok(value.clone());
        }
        if !must_load(state, attr) {
            return Ok(OrmValue::None);
        }
        if state.status() == ObjectStatus::Detached {
            return Err(OrmError::DetachedInstanceError {
                object: obj,
                class_name: self.class_name(obj)?,
                attribute: attr.to_owned(),
            });
        }
        let mapper = self.registry.mapper(state.mapper)?;
        let property = mapper.property(attr)?;
        if property.deferred {
            // A mapping-level `deferred()` column loads with the columns
            // of its group that have no pending change, loaded or not,
            // expired or not (SQLAlchemy's deferred loader, not
            // `load_on_unexpire`).
            let keys: Vec<AttrKey> = match &property.deferred_group {
                None => vec![property.attr.clone()],
                Some(group) => mapper
                    .columns
                    .iter()
                    .filter(|c| c.deferred && c.deferred_group.as_ref() == Some(group))
                    .filter(|c| c.attr == property.attr || !state.committed.contains_key(&c.attr))
                    .map(|c| c.attr.clone())
                    .collect(),
            };
            self.load_deferred(obj, keys)?;
        } else {
            if !state.expired.contains(attr) {
                self.state_mut(obj)?.expired.insert(attr.into());
            }
            self.load_expired(obj, Origin::Refresh)?;
        }
        Ok(self
            .state(obj)?
            .dict
            .get(attr)
            .cloned()
            .unwrap_or(OrmValue::None))
    }

    /// Reads `obj.attr` as Python's attribute access does. When the value
    /// must be loaded (an expired or deferred column of a persistent
    /// object), the session autoflushes first: SQLAlchemy's
    /// `load_scalar_attributes` runs its query with autoflush. What it
    /// set out to load (the expired, unmodified attributes) is loaded even
    /// when that flush fetched them already, to build its UPDATE.
    pub fn read_attr(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        attr: &str,
    ) -> Result<OrmValue, OrmError> {
        let state = self.state(obj)?;
        let loads = !state.dict.contains_key(attr)
            && must_load(state, attr)
            && state.status() != ObjectStatus::Detached;
        if !loads || !self.autoflush_enabled() || self.is_flushing() {
            return self.get_attr(obj, attr);
        }
        let to_load: Vec<AttrKey> = state
            .expired
            .iter()
            .filter(|key| !state.committed.contains_key(key.as_ref()))
            .cloned()
            .collect();
        self.autoflush(host)?;
        let state = self.state_mut(obj)?;
        for key in to_load {
            if state.dict.remove(&key).is_some() {
                state.expired.insert(key);
            }
        }
        self.get_attr(obj, attr)
    }

    /// Sets `obj.attr = value`, recording the committed value so the flush
    /// updates only changed columns.
    pub fn set_attr(&mut self, obj: ObjectId, attr: &str, value: OrmValue) -> Result<(), OrmError> {
        // The mapper's key is borrowed while the object changes (they are
        // different fields of the session): the name is not cloned.
        let state = self.objects.require_mut(obj)?;
        let key = &self.registry.mapper(state.mapper)?.property(attr)?.attr;
        state.set_key(key, value);
        Ok(())
    }

    /// Loads the expired attributes of a persistent object with a
    /// `SELECT t.col AS t_col ... WHERE t.id = ?`; `ObjectDeletedError`
    /// when the row is gone.
    pub(crate) fn load_expired(&mut self, obj: ObjectId, origin: Origin) -> Result<(), OrmError> {
        let state = self.state(obj)?;
        let mapper = self.registry.mapper(state.mapper)?;
        let attrs: Vec<AttrKey> = mapper
            .columns
            .iter()
            .filter(|c| !c.deferred && state.expired.contains(&c.attr))
            .map(|c| c.attr.clone())
            .collect();
        if attrs.is_empty() {
            return Ok(());
        }
        // Expiring everything expired the relationships too.
        let all = attrs.len() == mapper.columns.iter().filter(|c| !c.deferred).count();
        if self.track_refreshes {
            let mut names: Vec<String> = attrs.iter().map(|a| a.to_string()).collect();
            if all {
                names.extend(crate::loading::unloaded_relationships(mapper, state));
            }
            self.refreshed.push((
                obj,
                crate::events::RefreshedAttrs {
                    names: Some(names),
                    frozen: true,
                },
            ));
        }
        if all && self.refresh_with_joined(obj, true, origin)? {
            return Ok(());
        }
        self.load_attributes(obj, &attrs, LabelStyle::TablenamePlusCol, origin)
    }

    /// Loads mapping-level deferred columns of `obj` (one, or its group):
    /// `SELECT t.col AS t_col ... WHERE t.id = ?`.
    fn load_deferred(&mut self, obj: ObjectId, attrs: Vec<AttrKey>) -> Result<(), OrmError> {
        if self.track_refreshes {
            self.refreshed.push((
                obj,
                crate::events::RefreshedAttrs {
                    names: Some(attrs.iter().map(|a| a.to_string()).collect()),
                    frozen: true,
                },
            ));
        }
        self.load_attributes(obj, &attrs, LabelStyle::TablenamePlusCol, Origin::Refresh)
    }

    /// Loads every attribute of `obj` by identity; `labelled` chooses the
    /// `AS t_col` labels of `get()` over the plain columns of `refresh()`.
    pub(crate) fn load_by_identity(
        &mut self,
        obj: ObjectId,
        origin: Origin,
        labelled: bool,
    ) -> Result<(), OrmError> {
        let mapper = self.registry.mapper(self.state(obj)?.mapper)?;
        let attrs: Vec<AttrKey> = mapper
            .columns
            .iter()
            .filter(|c| !c.deferred)
            .map(|c| c.attr.clone())
            .collect();
        let style = if labelled {
            LabelStyle::TablenamePlusCol
        } else {
            LabelStyle::DisambiguateOnly
        };
        if self.refresh_with_joined(obj, labelled, origin)? {
            return Ok(());
        }
        self.load_attributes(obj, &attrs, style, origin)
    }

    pub(crate) fn load_attributes(
        &mut self,
        obj: ObjectId,
        attrs: &[AttrKey],
        style: LabelStyle,
        origin: Origin,
    ) -> Result<(), OrmError> {
        self.check_active()?;
        let state = self.state(obj)?;
        let Some(key) = state.key.clone() else {
            return Ok(());
        };
        let mapper = self.registry.mapper(state.mapper)?.clone();
        let table = mapper.table_name().to_owned();
        let props: Vec<_> = attrs
            .iter()
            .filter_map(|a| mapper.property(a).ok())
            .collect();
        let mut select = Select::new(
            props
                .iter()
                .map(|p| Expr::col(table.clone(), p.column.clone()))
                .collect(),
        )
        .label_style(style);
        for (pk, value) in mapper.primary_key().iter().zip(&key) {
            let col = Expr::col(table.clone(), pk.column.clone());
            let bind = col.value_bind(to_param(value, &pk.sql_type));
            select = select.where_(col.eq(bind));
        }
        let compiled = compile_sqlite(&Statement::Select(select))?;
        let result = self
            .engine
            .execute(&compiled.sql, &compiled.params, origin)?;
        let rows = result_rows(result);
        let Some(row) = rows.first() else {
            let class_name = mapper.class_name.clone();
            return Err(OrmError::ObjectDeletedError {
                object: obj,
                class_name,
            });
        };
        for (prop, value) in props.iter().zip(row.iter()) {
            crate::types::check_stored(value, &prop.sql_type)?;
        }
        let state = self.state_mut(obj)?;
        for (prop, value) in props.iter().zip(row) {
            if state.committed.contains_key(&prop.attr) && !state.expired.contains(&prop.attr) {
                continue;
            }
            let converted = from_result(value, &prop.sql_type, prop.enum_class.as_deref());
            state.dict.insert(prop.attr.clone(), converted);
            state.expired.remove(&prop.attr);
        }
        Ok(())
    }
}

/// Whether reading `attr` of an object without it in its dict loads it
/// from the database (a persistent object: expired, or not deleted),
/// rather than reading as `None`.
fn must_load(state: &InstanceState, attr: &str) -> bool {
    state.key.is_some() && (state.expired.contains(attr) || !state.deleted)
}

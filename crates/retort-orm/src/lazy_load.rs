//! Loading a relationship attribute on access (SQLAlchemy's `LazyLoader`)
//! and the criteria it and its relatives build: the lazy clause
//! `? = book.author_id` (the parameter first, as SQLAlchemy writes it),
//! the many-to-many form through the secondary table, and the identity-map
//! shortcut of a many-to-one whose foreign key is the target's primary key.

use retort_sql::{Expr, FromItem, LabelStyle, Select};

use crate::error::OrmError;
use crate::host::Host;
use crate::join_condition::{conjuncts, map_columns, table_of};
use crate::log::Origin;
use crate::relationship::{Direction, Lazy, RelationshipProperty};
use crate::session::Session;
use crate::state::{ObjectId, ObjectStatus};
use crate::types::{OrmValue, to_param};

impl Session {
    /// The value of a column (by name) of an object, loading expired
    /// columns first.
    pub(crate) fn column_value(
        &mut self,
        obj: ObjectId,
        column: &str,
    ) -> Result<OrmValue, OrmError> {
        let mapper = self.registry.mapper(self.state(obj)?.mapper)?;
        let Some(prop) = mapper.columns.iter().find(|c| c.column == column) else {
            return Ok(OrmValue::None);
        };
        let attr = prop.attr.clone();
        let state = self.state(obj)?;
        if let Some(value) = state.dict.get(&attr) {
            return Ok(value.clone());
        }
        if state.key.is_some() && state.status() != ObjectStatus::Detached {
            self.load_expired(obj, Origin::Refresh)?;
        }
        Ok(self
            .state(obj)?
            .dict
            .get(&attr)
            .cloned()
            .unwrap_or(OrmValue::None))
    }

    /// A column's value as a bound parameter of its type, loading expired
    /// columns first (`Book.author == obj` binds `obj`'s key this way).
    pub fn column_param(
        &mut self,
        obj: ObjectId,
        column: &str,
    ) -> Result<retort_sql::Value, OrmError> {
        let value = self.column_value(obj, column)?;
        let mapper = self.registry.mapper(self.state(obj)?.mapper)?;
        Ok(to_param(&value, &column_type(mapper, column)))
    }

    /// A column's value without loading: `None` when it is not loaded.
    pub(crate) fn loaded_column_value(&self, obj: ObjectId, column: &str) -> Option<OrmValue> {
        let state = self.state(obj).ok()?;
        let mapper = self.registry.mapper(state.mapper).ok()?;
        let prop = mapper.columns.iter().find(|c| c.column == column)?;
        state.dict.get(&prop.attr).cloned()
    }

    /// The criterion that selects the targets of `rel` for a parent whose
    /// local values are `values` (one per local column): the join
    /// condition with the parent's local columns replaced by bound
    /// parameters (`? = child.fk`, `? = tags.page_id AND tag.id =
    /// tags.tag_id`), as SQLAlchemy's `LazyLoader` builds its lazy clause.
    pub fn lazy_clause(
        &self,
        rel: &RelationshipProperty,
        values: &[OrmValue],
    ) -> Result<Vec<Expr>, OrmError> {
        let parent = self.registry.mapper(rel.parent)?;
        let target = self.registry.mapper(rel.target)?;
        let parent_table = parent.table_name().to_owned();
        let target_table = target.table_name().to_owned();
        let binds: Vec<(String, Expr)> = rel
            .local_columns()
            .into_iter()
            .zip(values)
            .map(|(column, value)| {
                let param = Expr::param(to_param(value, &column_type(parent, &column)));
                (column, param)
            })
            .collect();
        let primary = map_columns(&rel.primaryjoin(&parent_table, &target_table), &mut |c| {
            if table_of(c) != Some(parent_table.as_str()) {
                return None;
            }
            binds
                .iter()
                .find(|(column, _)| *column == c.name)
                .map(|(_, bind)| bind.clone())
        });
        let mut criteria = conjuncts(&primary);
        if let Some(secondary) = rel.secondaryjoin(&target_table) {
            criteria.extend(conjuncts(&secondary));
        }
        Ok(criteria)
    }

    /// The parent's values the lazy clause binds, loading expired columns:
    /// the referred columns of a one-to-many or many-to-many, the foreign
    /// key columns of a many-to-one.
    pub(crate) fn lazy_values(
        &mut self,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Vec<OrmValue>, OrmError> {
        rel.local_columns()
            .iter()
            .map(|column| self.column_value(obj, column))
            .collect()
    }

    /// The SELECT of a relationship's targets for a parent (also the
    /// dynamic relationship's query and `with_parent`): the target's
    /// columns, the lazy clause, the relationship's `order_by`.
    pub(crate) fn lazy_select(
        &self,
        rel: &RelationshipProperty,
        values: &[OrmValue],
    ) -> Result<Select, OrmError> {
        let target = self.registry.mapper(rel.target)?;
        let table = target.table_name().to_owned();
        let loaded = crate::query::deferral::mapping_loaded_columns(target);
        let mut select = Select::new(
            target
                .columns
                .iter()
                .enumerate()
                .filter(|(index, _)| crate::query::deferral::selects(loaded.as_deref(), *index))
                .map(|(_, c)| Expr::col(table.clone(), c.column.clone()))
                .collect(),
        )
        .label_style(LabelStyle::TablenamePlusCol);
        if let Some(secondary) = &rel.secondary {
            select.from = vec![
                FromItem::table(table.clone()),
                FromItem::table(secondary.table.clone()),
            ];
        }
        for criterion in self.lazy_clause(rel, values)? {
            select = select.where_(criterion);
        }
        select.order_by = rel.options.order_by.clone();
        Ok(select)
    }

    /// Loads `obj.<rel>` from the database (or the identity map) and
    /// stores it with any appends made while it was unloaded.
    pub(crate) fn lazy_load(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Vec<ObjectId>, OrmError> {
        let loaded = self.load_targets(host, obj, rel)?;
        self.store_with_pending(obj, rel, loaded)
    }

    /// Stores a loaded value with the appends and removals made while it
    /// was unloaded applied on top (they stay its history).
    fn store_with_pending(
        &mut self,
        obj: ObjectId,
        rel: &RelationshipProperty,
        loaded: Vec<ObjectId>,
    ) -> Result<Vec<ObjectId>, OrmError> {
        let entry = self
            .state_mut(obj)?
            .rels
            .entry(rel.key.clone())
            .or_default();
        let mut current = loaded.clone();
        let had_pending = !entry.pending_added.is_empty() || !entry.pending_removed.is_empty();
        for item in std::mem::take(&mut entry.pending_added) {
            if rel.uselist {
                current.push(item);
            } else {
                current = vec![item];
            }
        }
        for item in std::mem::take(&mut entry.pending_removed) {
            if let Some(position) = current.iter().position(|o| *o == item) {
                current.remove(position);
            }
        }
        entry.current = Some(current.clone());
        entry.committed = Some(loaded);
        if had_pending {
            entry.modified = true;
        }
        Ok(current)
    }

    /// What the database (or identity map) holds for `obj.<rel>`.
    fn load_targets(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Vec<ObjectId>, OrmError> {
        // Refresh the parent first so its own statement is not tagged.
        let _ = self.lazy_values(obj, rel)?;
        let load = crate::log::RelationshipLoad {
            attribute: rel.display(&self.registry),
            object: Some(obj),
            strategy: "select".to_owned(),
            parent_query: self.state(obj)?.loaded_by.get(),
        };
        let previous = self.engine.log.load.replace(load);
        let outcome = self.load_targets_untagged(host, obj, rel);
        self.engine.log.load = previous;
        outcome
    }

    fn load_targets_untagged(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Vec<ObjectId>, OrmError> {
        let pending = self.state(obj)?.key.is_none();
        let values = self.lazy_values(obj, rel)?;
        if values.iter().any(OrmValue::is_none) {
            return Ok(Vec::new());
        }
        if rel.direction == Direction::ManyToOne && self.uses_get(rel)? {
            if pending {
                // A pending object's many-to-one loads without autoflush.
                return Ok(self
                    .identity_or_get(host, rel, &values, false)?
                    .into_iter()
                    .collect());
            }
            return Ok(self
                .identity_or_get(host, rel, &values, true)?
                .into_iter()
                .collect());
        }
        if pending {
            return Ok(Vec::new());
        }
        self.autoflush(host)?;
        let select = self.lazy_select(rel, &values)?;
        let rows = self.run_select(select, Origin::LazyLoad)?;
        let mut out = Vec::with_capacity(rows.len());
        let loaded =
            crate::query::deferral::mapping_loaded_columns(self.registry.mapper(rel.target)?);
        for mut row in rows {
            if let Some(item) =
                self.loader()
                    .instance_from_selected(rel.target, &mut row, loaded.as_deref())?
                && !out.contains(&item)
            {
                out.push(item);
            }
        }
        Ok(out)
    }

    /// Whether a many-to-one's foreign key is exactly the target's primary
    /// key, so the identity map can answer.
    pub(crate) fn uses_get(&self, rel: &RelationshipProperty) -> Result<bool, OrmError> {
        let target = self.registry.mapper(rel.target)?;
        let pk: Vec<&str> = target
            .table
            .primary_key
            .iter()
            .map(String::as_str)
            .collect();
        let extra = rel
            .primaryjoin
            .as_ref()
            .is_some_and(crate::join_condition::has_extra_criteria);
        Ok(!extra
            && pk.len() == rel.pairs.len()
            && pk
                .iter()
                .all(|c| rel.pairs.iter().any(|(referred, _)| referred == c)))
    }

    /// The target of a many-to-one by primary key: from the identity map
    /// (refreshing it if expired), else by a SELECT.
    fn identity_or_get(
        &mut self,
        host: &mut dyn Host,
        rel: &RelationshipProperty,
        values: &[OrmValue],
        autoflush: bool,
    ) -> Result<Option<ObjectId>, OrmError> {
        let pk = self.target_key(rel, values)?;
        if let Some(found) = self.identity.get(rel.target, &pk) {
            if self.status(found)? == ObjectStatus::Deleted {
                return Ok(None);
            }
            self.load_expired(found, Origin::Refresh)?;
            return Ok(Some(found));
        }
        if !autoflush {
            self.enter_no_autoflush();
            let result = self.get(host, rel.target, &pk);
            self.exit_no_autoflush();
            return result;
        }
        self.get(host, rel.target, &pk)
    }

    /// The target's primary key from a many-to-one's foreign-key values
    /// (in the relationship's pair order).
    fn target_key(
        &self,
        rel: &RelationshipProperty,
        values: &[OrmValue],
    ) -> Result<Vec<OrmValue>, OrmError> {
        let target = self.registry.mapper(rel.target)?;
        Ok(target
            .table
            .primary_key
            .iter()
            .map(|c| {
                rel.pairs
                    .iter()
                    .position(|(referred, _)| referred == c)
                    .and_then(|i| values.get(i).cloned())
                    .unwrap_or(OrmValue::None)
            })
            .collect())
    }

    /// The value of a many-to-one known without SQL: from the loaded
    /// attribute, or its foreign key and the identity map. `None` when
    /// it cannot be known (SQLAlchemy's `PASSIVE_NO_RESULT`).
    pub(crate) fn passive_value(
        &self,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Option<Vec<ObjectId>>, OrmError> {
        let state = self.state(obj)?;
        if let Some(current) = state.rels.get(&rel.key).and_then(|r| r.current.clone()) {
            return Ok(Some(current));
        }
        if state.key.is_none() {
            return Ok(Some(Vec::new()));
        }
        if rel.direction != Direction::ManyToOne || !self.uses_get(rel)? {
            return Ok(None);
        }
        let mut values = Vec::new();
        for (_, referring) in &rel.pairs {
            match self.loaded_column_value(obj, referring) {
                Some(OrmValue::None) => return Ok(Some(Vec::new())),
                Some(value) => values.push(value),
                None => return Ok(None),
            }
        }
        let pk = self.target_key(rel, &values)?;
        match self.identity.get(rel.target, &pk) {
            Some(found) if self.state(found)?.expired.is_empty() => Ok(Some(vec![found])),
            _ => Ok(None),
        }
    }

    /// Reads `obj.<rel>`, loading it by its strategy when it is not loaded.
    pub(crate) fn ensure_loaded(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Vec<ObjectId>, OrmError> {
        let state = self.state(obj)?;
        if let Some(current) = state.rels.get(&rel.key).and_then(|r| r.current.clone()) {
            return Ok(current);
        }
        if state.key.is_none() {
            // No SQL for an object without identity, except a many-to-one
            // whose foreign key is set (by the identity map or a get).
            return self.lazy_load(host, obj, rel);
        }
        if state.status() == ObjectStatus::Detached {
            return Err(OrmError::DetachedLazyLoad {
                object: obj,
                class_name: self.class_name(obj)?,
                attribute: rel.key.clone(),
            });
        }
        let options = &self.state(obj)?.load_options;
        let strategy = options
            .get(&rel.key)
            .or_else(|| options.get("*"))
            .copied()
            .unwrap_or(rel.lazy());
        match strategy {
            Lazy::NoLoad => self.store_with_pending(obj, rel, Vec::new()),
            Lazy::Raise => Err(OrmError::RaiseLoad(format!(
                "'{}' is not available due to lazy='raise'",
                rel.display(&self.registry)
            ))),
            Lazy::RaiseOnSql => {
                if rel.direction == Direction::ManyToOne
                    && let Some(value) = self.passive_value(obj, rel)?
                {
                    let entry = self
                        .state_mut(obj)?
                        .rels
                        .entry(rel.key.clone())
                        .or_default();
                    entry.current = Some(value.clone());
                    entry.committed = Some(value.clone());
                    return Ok(value);
                }
                Err(OrmError::RaiseLoad(format!(
                    "'{}' is not available due to lazy='raise_on_sql'",
                    rel.display(&self.registry)
                )))
            }
            _ => {
                // Reading the parent's key for the lazy clause loads its
                // expired columns first, a SELECT that also fills its
                // `lazy='joined'` relationships: SQLAlchemy's lazy loader
                // then finds the attribute set and emits nothing more.
                let local: Vec<String> = rel
                    .pairs
                    .iter()
                    .map(|(referred, referring)| match rel.direction {
                        Direction::ManyToOne => referring.clone(),
                        _ => referred.clone(),
                    })
                    .collect();
                for column in &local {
                    self.column_value(obj, column)?;
                }
                if let Some(current) = self
                    .state(obj)?
                    .rels
                    .get(&rel.key)
                    .and_then(|r| r.current.clone())
                {
                    return Ok(current);
                }
                self.lazy_load(host, obj, rel)
            }
        }
    }
}

fn column_type(mapper: &crate::mapper::Mapper, column: &str) -> retort_sql::SqlType {
    mapper
        .columns
        .iter()
        .find(|c| c.column == column)
        .map(|c| c.sql_type.clone())
        .unwrap_or(retort_sql::SqlType::Integer)
}

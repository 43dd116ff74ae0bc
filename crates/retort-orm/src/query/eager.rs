//! Eager loading with a query's rows (SQLAlchemy's `JoinedLoader` and
//! `SelectInLoader`): `lazy='joined'` adds `LEFT OUTER JOIN target AS
//! target_1` to the query (wrapping a limited parent query in `anon_1`
//! first) and fills the relationship from the same rows; `lazy='selectin'`
//! runs `SELECT ... WHERE target.fk IN (...)` for the parents loaded, 500
//! keys at a time; `immediate` lazy-loads each parent at once.

use std::collections::{HashMap, HashSet};

use retort_sql::{AliasName, Expr, FromItem, FromSource, LabelStyle, Select};

use super::deferral::Selected;
use super::{Entity, OrmQuery};
use crate::error::OrmError;
use crate::host::Host;
use crate::identity::{Key, key as identity_key};
use crate::log::Origin;
use crate::mapper::MapperId;
use crate::relationship::{Direction, Lazy, RelationshipProperty};
use crate::session::Session;
use crate::state::{ObjectId, RelState};
use crate::types::OrmValue;

/// How many parent keys one selectin SELECT asks for
/// (`SelectInLoader._chunksize`).
const SELECTIN_CHUNK: usize = 500;

/// One joined relationship: its alias in the statement.
pub(crate) struct JoinedRel {
    pub rel: RelationshipProperty,
    pub alias: AliasName,
}

/// Each parent's key for a selectin load (`None` for NULL), and the
/// distinct keys asked for with their parameters.
type SelectinKeys = (Vec<Option<Key>>, Vec<(Key, retort_sql::Value)>);

/// The objects joined eager loading found for each parent, in the order
/// the parents first appeared, with an index by parent (a large result
/// must not scan the list for every row).
#[derive(Default)]
pub(crate) struct JoinedCollection {
    /// Each parent with one list of related objects per joined
    /// relationship.
    pub parents: Vec<(ObjectId, Vec<Vec<ObjectId>>)>,
    index: HashMap<ObjectId, usize>,
}

impl JoinedCollection {
    /// Whether a row of `parent` was seen.
    pub fn contains(&self, parent: ObjectId) -> bool {
        self.index.contains_key(&parent)
    }
}

/// Rewrites a column of `table` to the alias `alias` of it.
fn to_alias(expr: &Expr, table: &str, alias: &AliasName) -> Expr {
    match expr {
        Expr::Column(column) if column.source == FromSource::Table(table.to_owned()) => {
            Expr::aliased_col(
                FromSource::TableAlias {
                    table: table.to_owned(),
                    alias: alias.clone(),
                },
                column.name.clone(),
            )
        }
        Expr::Modifier { operand, modifier } => Expr::Modifier {
            operand: Box::new(to_alias(operand, table, alias)),
            modifier: *modifier,
        },
        other => other.clone(),
    }
}

/// A many-to-many's association table under its alias in an eager load's
/// FROM (`enroll AS enroll_1`), and the conditions joining it to the
/// parent and to the target.
struct Through<'s> {
    secondary: &'s crate::relationship::Secondary,
    alias: AliasName,
}

impl<'s> Through<'s> {
    fn new(secondary: &'s crate::relationship::Secondary, anon_id: u64) -> Through<'s> {
        Through {
            alias: AliasName::anon(anon_id, secondary.table.clone()),
            secondary,
        }
    }

    /// The table under its alias.
    fn item(&self) -> FromItem {
        FromItem::Table {
            name: self.secondary.table.clone(),
            alias: Some(self.alias.clone()),
        }
    }

    fn column(&self, name: &str) -> Expr {
        Expr::aliased_col(
            FromSource::TableAlias {
                table: self.secondary.table.clone(),
                alias: self.alias.clone(),
            },
            name.to_owned(),
        )
    }

    /// `parent.id = enroll_1.student_id` and `club.id = enroll_1.club_id`,
    /// with the parent's and target's columns as the load names them.
    fn conditions(
        &self,
        parent_col: &dyn Fn(&str) -> Expr,
        target_col: &dyn Fn(&str) -> Expr,
    ) -> (Expr, Expr) {
        let pairs = |pairs: &[(String, String)], side: &dyn Fn(&str) -> Expr| {
            retort_sql::and_(
                pairs
                    .iter()
                    .map(|(column, link)| side(column).eq(self.column(link)))
                    .collect::<Vec<Expr>>(),
            )
        };
        (
            pairs(&self.secondary.parent_pairs, parent_col),
            pairs(&self.secondary.target_pairs, target_col),
        )
    }
}

impl Session {
    /// The joined-eager relationships of a query over one mapped class.
    pub(crate) fn joined_rels(&mut self, query: &OrmQuery) -> Result<Vec<JoinedRel>, OrmError> {
        let [Entity::Mapper(mapper)] = query.entities.as_slice() else {
            return Ok(Vec::new());
        };
        let rels: Vec<RelationshipProperty> = self
            .registry
            .mapper(*mapper)?
            .relationships
            .iter()
            .filter(|r| {
                query.strategy(r) == Lazy::Joined
                    // A many-to-many joins through its secondary table on
                    // the foreign keys (not on custom join conditions).
                    && (r.secondary.is_none()
                        || (r.primaryjoin.is_none() && r.secondaryjoin.is_none()))
            })
            .cloned()
            .collect();
        let mut out = Vec::new();
        for rel in rels {
            let base = self.registry.mapper(rel.target)?.table_name().to_owned();
            out.push(JoinedRel {
                rel,
                alias: AliasName::anon(self.next_anon_id(), base),
            });
        }
        Ok(out)
    }

    /// Whether the joined loaders set up for `mapper` (reached along
    /// `path`) include a collection: SQLAlchemy's
    /// `multi_row_eager_loaders`. Each joined relationship's loader sets
    /// the flag before it stops at a cycle (its target already on the
    /// path), so a many-to-one whose target joins a collection back to the
    /// queried class counts too; other targets chain to their own joined
    /// relationships.
    fn eager_rows_multiply(
        &self,
        query: &OrmQuery,
        path: &mut Vec<MapperId>,
        mapper: MapperId,
    ) -> Result<bool, OrmError> {
        let joined: Vec<(bool, MapperId)> = self
            .registry
            .mapper(mapper)?
            .relationships
            .iter()
            .filter(|r| query.strategy(r) == Lazy::Joined)
            .map(|r| (r.uselist, r.target))
            .collect();
        for (uselist, target) in joined {
            if uselist {
                return Ok(true);
            }
            if path.contains(&target) {
                continue;
            }
            path.push(target);
            let multiplies = self.eager_rows_multiply(query, path, target)?;
            path.pop();
            if multiplies {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The query's SELECT with the joined relationships' LEFT OUTER JOINs.
    pub(crate) fn joined_select(
        &mut self,
        query: &OrmQuery,
        mapper_id: MapperId,
        joined: &[JoinedRel],
    ) -> Result<Select, OrmError> {
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let parent_table = mapper.table_name().to_owned();
        let inner = query.to_select(&self.registry)?;
        // SQLAlchemy nests the parent query (`_should_nest_selectable`)
        // only when its joined loaders include a collection, whose rows
        // would multiply the parents a LIMIT, OFFSET, DISTINCT or GROUP BY
        // applies to; a many-to-one join adds one row per parent at most.
        let limited = !joined.is_empty()
            && self.eager_rows_multiply(query, &mut vec![mapper_id], mapper_id)?
            && (inner.limit.is_some()
                || inner.offset.is_some()
                || inner.distinct
                || !inner.group_by.is_empty());
        let legacy = query.style == super::QueryStyle::Legacy;
        let inner_name = |column: &str| {
            if legacy {
                format!("{parent_table}_{column}")
            } else {
                column.to_owned()
            }
        };
        let (mut select, parent_source) = if limited {
            // The parent rows are limited first, then joined.
            let anon = AliasName::anon(self.next_anon_id(), "anon");
            let loaded = query.loaded_columns(mapper_id, &mapper);
            let columns = mapper
                .columns
                .iter()
                .enumerate()
                .filter(|(index, _)| loaded.as_ref().is_none_or(|mask| mask[*index]))
                .map(|(_, c)| c)
                .map(|c| Expr::aliased_col(FromSource::Alias(anon.clone()), inner_name(&c.column)))
                .collect();
            // The outer query labels as the inner one did: `anon_1_id`
            // for a legacy Query, plain names (`id_1` on a clash) for 2.0.
            let style = if legacy {
                LabelStyle::TablenamePlusCol
            } else {
                LabelStyle::DisambiguateOnly
            };
            let mut outer = Select::new(columns).label_style(style);
            outer.from = vec![inner.subquery(anon.clone())];
            (outer, FromSource::Alias(anon))
        } else {
            (inner, FromSource::Table(parent_table.clone()))
        };
        let mut from = select
            .from
            .pop()
            .unwrap_or_else(|| FromItem::table(parent_table.clone()));
        for item in joined {
            let target = self.registry.mapper(item.rel.target)?.clone();
            let target_table = target.table_name().to_owned();
            let aliased = |name: &str| {
                Expr::aliased_col(
                    FromSource::TableAlias {
                        table: target_table.clone(),
                        alias: item.alias.clone(),
                    },
                    name.to_owned(),
                )
            };
            let parent_col = |name: &str| match &parent_source {
                FromSource::Alias(_) => Expr::aliased_col(parent_source.clone(), inner_name(name)),
                _ => Expr::col(parent_table.clone(), name.to_owned()),
            };
            let loaded = query.loaded_columns(item.rel.target, &target);
            for (index, column) in target.columns.iter().enumerate() {
                if super::deferral::selects(loaded.as_deref(), index) {
                    select.columns.push(aliased(&column.column));
                }
            }
            let target_item = FromItem::Table {
                name: target_table.clone(),
                alias: Some(item.alias.clone()),
            };
            from = match &item.rel.secondary {
                // `LEFT OUTER JOIN (enroll AS enroll_1 JOIN club AS club_1
                // ON club_1.id = enroll_1.club_id) ON student.id =
                // enroll_1.student_id`, as SQLAlchemy joins a collection
                // through its secondary table.
                Some(secondary) => {
                    let through = Through::new(secondary, self.next_anon_id());
                    let (on_parent, on_target) = through.conditions(&parent_col, &aliased);
                    from.outer_join(through.item().join(target_item, on_target), on_parent)
                }
                None => {
                    let on = item.rel.adapt_primaryjoin(
                        &parent_table,
                        &target_table,
                        &parent_col,
                        &aliased,
                    );
                    from.outer_join(target_item, on)
                }
            };
            for expr in &item.rel.options.order_by {
                select
                    .order_by
                    .push(to_alias(expr, &target_table, &item.alias));
            }
        }
        select.from.push(from);
        Ok(select)
    }
}

impl crate::loading::Loader<'_> {
    /// Fills joined relationships from one row (after the parent columns:
    /// `targets` are the joined relationships' columns, in order) and
    /// records the targets per parent.
    pub(crate) fn collect_joined(
        &mut self,
        parent: ObjectId,
        row: &mut [retort_sql::Value],
        parent_width: usize,
        targets: &[Selected],
        collected: &mut JoinedCollection,
    ) -> Result<(), OrmError> {
        let position = match collected.index.get(&parent) {
            Some(position) => *position,
            None => {
                collected
                    .parents
                    .push((parent, vec![Vec::new(); targets.len()]));
                collected.index.insert(parent, collected.parents.len() - 1);
                collected.parents.len() - 1
            }
        };
        let mut offset = parent_width;
        for (index, selected) in targets.iter().enumerate() {
            let slice = row.get_mut(offset..).unwrap_or(&mut []);
            offset += selected.width;
            if let Some(target) = self.instance_of(selected, slice)? {
                let targets = &mut collected.parents[position].1[index];
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
        Ok(())
    }
}

impl Session {
    /// Stores eagerly loaded values on objects whose attribute is not
    /// loaded yet.
    pub(crate) fn store_loaded(
        &mut self,
        obj: ObjectId,
        key: &str,
        value: Vec<ObjectId>,
    ) -> Result<(), OrmError> {
        let state = self.state_mut(obj)?;
        let loaded = state.rels.get(key).is_some_and(|r| r.current.is_some());
        if !loaded {
            state.rels.insert(key.to_owned(), RelState::loaded(value));
        }
        Ok(())
    }

    /// `selectin` and `immediate` loads for the parents a query returned,
    /// then, level by level, those of the objects they loaded (a chained
    /// option's `selectinload(A.b).selectinload(B.c)`, or `B.c`'s own
    /// `lazy='selectin'`), until a relationship would repeat along the
    /// path (a cycle, as SQLAlchemy stops without `join_depth`).
    pub(crate) fn post_load(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        parents: &[ObjectId],
    ) -> Result<(), OrmError> {
        let [Entity::Mapper(mapper)] = query.entities.as_slice() else {
            return Ok(());
        };
        self.post_load_level(host, query, *mapper, parents, &mut Vec::new())
    }

    /// [`Session::post_load`] for `parents` of `mapper` reached along
    /// `path` (the relationships loaded so far; empty for the query's own).
    fn post_load_level(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        mapper: MapperId,
        parents: &[ObjectId],
        path: &mut Vec<(MapperId, String)>,
    ) -> Result<(), OrmError> {
        let nested = !path.is_empty();
        let mapper = &mapper;
        let rels: Vec<RelationshipProperty> = self
            .registry
            .mapper(*mapper)?
            .relationships
            .iter()
            .filter(|r| {
                // A nested subquery load would need the path's own
                // subquery: only the per-key loads go deeper.
                let strategies: &[Lazy] = if nested {
                    &[Lazy::Selectin, Lazy::Immediate]
                } else {
                    &[Lazy::Selectin, Lazy::Immediate, Lazy::Subquery]
                };
                strategies.contains(&query.strategy(r))
                    && !(nested && returns_to_path(query, r, *mapper, path))
            })
            .cloned()
            .collect();
        // Objects remember the query's other options for later loads.
        for option in &query.loader_options {
            for parent in parents {
                if let Ok(state) = self.state_mut(*parent) {
                    state.load_options.insert(option.key.clone(), option.lazy);
                }
            }
        }
        // The query's own joined loads filled their collections already;
        // the objects in them may have loads of their own to run.
        if !nested {
            let joined: Vec<RelationshipProperty> = self
                .registry
                .mapper(*mapper)?
                .relationships
                .iter()
                .filter(|r| query.strategy(r) == Lazy::Joined)
                .cloned()
                .collect();
            for rel in joined {
                self.post_load_children(host, query, &rel, parents, path)?;
            }
        }
        for rel in rels {
            let strategy = query.strategy(&rel);
            let pending: Vec<ObjectId> = parents
                .iter()
                .copied()
                .filter(|p| {
                    self.state(*p)
                        .is_ok_and(|s| s.rels.get(&rel.key).is_none_or(|r| r.current.is_none()))
                })
                .collect();
            if pending.is_empty() {
                continue;
            }
            let selectin = strategy == Lazy::Selectin
                && rel.direction == Direction::OneToMany
                && rel.pairs.len() == 1
                && rel.primaryjoin.is_none();
            // An explicit join condition loads parent by parent.
            let subquery = strategy == Lazy::Subquery
                && rel.direction != Direction::ManyToOne
                && rel.primaryjoin.is_none()
                && rel.secondaryjoin.is_none();
            // A many-to-one selectin load asks for the targets by the
            // parents' foreign keys (`genre.id IN (...)`).
            let selectin_to_one = strategy == Lazy::Selectin
                && rel.direction == Direction::ManyToOne
                && rel.pairs.len() == 1
                && rel.primaryjoin.is_none()
                && rel.secondary.is_none();
            // A many-to-many selectin load joins the parent (aliased) to
            // the targets through the secondary table.
            let selectin_through = strategy == Lazy::Selectin
                && rel.direction == Direction::ManyToMany
                && rel.primaryjoin.is_none()
                && rel.secondaryjoin.is_none()
                && rel
                    .secondary
                    .as_ref()
                    .is_some_and(|s| s.parent_pairs.len() == 1);
            if selectin {
                self.selectin_load(query, &rel, &pending)?;
            } else if selectin_through {
                self.selectin_load_through(query, *mapper, &rel, &pending)?;
            } else if selectin_to_one {
                self.selectin_load_to_one(query, &rel, &pending)?;
            } else if subquery {
                self.subquery_load(query, *mapper, &rel, &pending)?;
            } else {
                for parent in &pending {
                    self.lazy_load(host, *parent, &rel)?;
                }
            }
            self.post_load_children(host, query, &rel, &pending, path)?;
        }
        Ok(())
    }

    /// The loads one level further: for the objects `rel` loaded into
    /// `parents`, unless `rel` already is on the path.
    fn post_load_children(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        rel: &RelationshipProperty,
        parents: &[ObjectId],
        path: &mut Vec<(MapperId, String)>,
    ) -> Result<(), OrmError> {
        if path.iter().any(|(m, k)| *m == rel.parent && *k == rel.key) {
            return Ok(());
        }
        let mut children: Vec<ObjectId> = Vec::new();
        let mut seen: HashSet<ObjectId> = HashSet::new();
        for parent in parents {
            if let Some(loaded) = self
                .state(*parent)?
                .rels
                .get(&rel.key)
                .and_then(|r| r.current.as_ref())
            {
                children.extend(loaded.iter().copied().filter(|child| seen.insert(*child)));
            }
        }
        if children.is_empty() {
            return Ok(());
        }
        path.push((rel.parent, rel.key.clone()));
        let loaded = self.post_load_level(host, query, rel.target, &children, path);
        path.pop();
        loaded
    }

    /// Runs an eager load's SELECT tagged with what it loads.
    fn run_eager(
        &mut self,
        select: Select,
        rel: &RelationshipProperty,
        strategy: &str,
    ) -> Result<Vec<Vec<retort_sql::Value>>, OrmError> {
        let load = crate::log::RelationshipLoad {
            attribute: rel.display(&self.registry),
            object: None,
            strategy: strategy.to_owned(),
            parent_query: None,
        };
        let previous = self.engine.log.load.replace(load);
        let rows = self.run_select(select, Origin::EagerLoad);
        self.engine.log.load = previous;
        rows
    }

    /// `lazy='subquery'`: the targets of every parent of `query`, joined
    /// to the query itself reduced to the parents' keys (`anon_1`).
    fn subquery_load(
        &mut self,
        query: &OrmQuery,
        mapper_id: MapperId,
        rel: &RelationshipProperty,
        parents: &[ObjectId],
    ) -> Result<(), OrmError> {
        let parent = self.registry.mapper(mapper_id)?.clone();
        let target = self.registry.mapper(rel.target)?.clone();
        let loaded = query.loaded_columns(rel.target, &target);
        let parent_table = parent.table_name().to_owned();
        let target_table = target.table_name().to_owned();
        // The parent-side columns the relationship joins on.
        let keys: Vec<String> = match &rel.secondary {
            Some(secondary) => secondary
                .parent_pairs
                .iter()
                .map(|(p, _)| p.clone())
                .collect(),
            None => rel
                .pairs
                .iter()
                .map(|(referred, _)| referred.clone())
                .collect(),
        };
        let mut inner = query.to_select(&self.registry)?;
        // The parents' order matters only to pick a LIMIT/OFFSET window:
        // without one SQLAlchemy leaves ORDER BY out of the subquery.
        if inner.limit.is_none() && inner.offset.is_none() {
            inner.order_by.clear();
        }
        inner.columns = keys
            .iter()
            .map(|k| Expr::col(parent_table.clone(), k.clone()))
            .collect();
        inner.label_style = LabelStyle::TablenamePlusCol;
        let anon = AliasName::anon(self.next_anon_id(), "anon");
        let anon_col = |k: &str| {
            Expr::aliased_col(
                FromSource::Alias(anon.clone()),
                format!("{parent_table}_{k}"),
            )
        };
        let mut columns: Vec<Expr> = target
            .columns
            .iter()
            .enumerate()
            .filter(|(index, _)| super::deferral::selects(loaded.as_deref(), *index))
            .map(|(_, c)| Expr::col(target_table.clone(), c.column.clone()))
            .collect();
        columns.extend(keys.iter().map(|k| anon_col(k)));
        let mut from = inner.subquery(anon.clone());
        match &rel.secondary {
            Some(secondary) => {
                let through = Through::new(secondary, self.next_anon_id());
                let target_col = |c: &str| Expr::col(target_table.clone(), c.to_owned());
                let (on_parent, on_target) = through.conditions(&anon_col, &target_col);
                from = from
                    .join(through.item(), on_parent)
                    .join(FromItem::table(target_table.clone()), on_target);
            }
            None => {
                let on: Vec<Expr> = rel
                    .pairs
                    .iter()
                    .map(|(referred, referring)| {
                        anon_col(referred).eq(Expr::col(target_table.clone(), referring.clone()))
                    })
                    .collect();
                from = from.join(FromItem::table(target_table.clone()), retort_sql::and_(on));
            }
        }
        let mut select = Select::new(columns).label_style(LabelStyle::TablenamePlusCol);
        select.from = vec![from];
        select.order_by = rel.options.order_by.clone();
        let rows = self.run_eager(select, rel, "subquery")?;
        let width = super::deferral::selected_width(loaded.as_deref(), target.columns.len());
        let mut by_parent: Vec<(String, Vec<ObjectId>)> = Vec::new();
        for mut row in rows {
            let Some(child) = self.loader().instance_from_selected(
                rel.target,
                row.get_mut(..width).unwrap_or(&mut []),
                loaded.as_deref(),
            )?
            else {
                continue;
            };
            let key: Vec<String> = row
                .get(width..)
                .unwrap_or(&[])
                .iter()
                .map(|v| format!("{v:?}"))
                .collect();
            let key = key.join("|");
            match by_parent.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => {
                    if !list.contains(&child) {
                        list.push(child);
                    }
                }
                None => by_parent.push((key, vec![child])),
            }
        }
        for obj in parents {
            let mut key = Vec::new();
            for k in &keys {
                key.push(format!("{:?}", self.column_param(*obj, k)?));
            }
            let key = key.join("|");
            let children = by_parent
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, l)| l.clone())
                .unwrap_or_default();
            self.store_loaded(*obj, &rel.key, children)?;
        }
        Ok(())
    }

    /// Stores each parent's collection of a selectin load: the children
    /// found under its key, empty when there are none or the key is NULL.
    fn store_by_key(
        &mut self,
        rel: &RelationshipProperty,
        parents: &[ObjectId],
        parent_keys: &[Option<Key>],
        children_of: &HashMap<Key, Vec<ObjectId>>,
    ) -> Result<(), OrmError> {
        for (parent, key) in parents.iter().zip(parent_keys) {
            let children = key
                .as_ref()
                .and_then(|key| children_of.get(key))
                .cloned()
                .unwrap_or_default();
            self.store_loaded(*parent, &rel.key, children)?;
        }
        Ok(())
    }

    /// The object of a row's next values, which are the target's columns
    /// `selected` marks, put back into mapper column order (NULL for a
    /// deferred one).
    fn instance_from_values(
        &mut self,
        target: MapperId,
        values: &mut impl Iterator<Item = retort_sql::Value>,
        selected: &[bool],
        mask: Option<&[bool]>,
    ) -> Result<Option<ObjectId>, OrmError> {
        let mut ordered: Vec<retort_sql::Value> = selected
            .iter()
            .map(|selected| match selected {
                true => values.next().unwrap_or(retort_sql::Value::Null),
                false => retort_sql::Value::Null,
            })
            .collect();
        self.loader()
            .instance_from_partial_row(target, &mut ordered, mask)
    }

    /// What a selectin load asks for: each parent's value of `column` as a
    /// key (`None` for NULL), and the distinct non-NULL keys with their
    /// parameters, in parent order.
    fn selectin_keys(
        &mut self,
        parents: &[ObjectId],
        column: &str,
    ) -> Result<SelectinKeys, OrmError> {
        let mut parent_keys = Vec::with_capacity(parents.len());
        let mut keys: Vec<(Key, retort_sql::Value)> = Vec::new();
        let mut seen: HashSet<Key> = HashSet::new();
        for parent in parents {
            let value = self.column_value(*parent, column)?;
            if value.is_none() {
                parent_keys.push(None);
                continue;
            }
            let key = identity_key(std::slice::from_ref(&value));
            if seen.insert(key.clone()) {
                keys.push((key.clone(), self.column_param(*parent, column)?));
            }
            parent_keys.push(Some(key));
        }
        Ok((parent_keys, keys))
    }

    /// SQLAlchemy's `SelectInLoader._load_via_child`: the targets of a
    /// many-to-one relationship by the parents' foreign key values, sorted,
    /// in chunks of 500 (`SELECT genre.id ... WHERE genre.id IN (?, ?)`);
    /// a parent whose key is NULL gets `None`.
    fn selectin_load_to_one(
        &mut self,
        query: &OrmQuery,
        rel: &RelationshipProperty,
        parents: &[ObjectId],
    ) -> Result<(), OrmError> {
        let Some((referred, referring)) = rel.pairs.first().cloned() else {
            return Ok(());
        };
        let target = self.registry.mapper(rel.target)?.clone();
        let table = target.table_name().to_owned();
        let (parent_keys, mut keys) = self.selectin_keys(parents, &referring)?;
        keys.sort_by(|a, b| compare_params(&a.1, &b.1));
        let loaded = query.loaded_columns(rel.target, &target);
        let selected: Vec<bool> = (0..target.columns.len())
            .map(|index| super::deferral::selects(loaded.as_deref(), index))
            .collect();
        let columns: Vec<Expr> = target
            .columns
            .iter()
            .zip(&selected)
            .filter(|(_, selected)| **selected)
            .map(|(c, _)| Expr::col(table.clone(), c.column.clone()))
            .collect();
        let mask = loaded.as_ref().map(|_| selected.as_slice());
        let mut targets: HashMap<Key, ObjectId> = HashMap::new();
        for chunk in keys.chunks(SELECTIN_CHUNK) {
            let params = chunk.iter().map(|(_, param)| param.clone()).collect();
            let select = Select::new(columns.clone())
                .label_style(LabelStyle::TablenamePlusCol)
                .where_(Expr::col(table.clone(), referred.clone()).in_values(params));
            let rows = self.run_eager(select, rel, "selectin")?;
            for row in rows {
                let mut values = row.into_iter();
                let Some(found) =
                    self.instance_from_values(rel.target, &mut values, &selected, mask)?
                else {
                    continue;
                };
                let value = self
                    .loaded_column_value(found, &referred)
                    .unwrap_or(OrmValue::None);
                targets.insert(identity_key(std::slice::from_ref(&value)), found);
            }
        }
        for (parent, key) in parents.iter().zip(&parent_keys) {
            let found: Vec<ObjectId> = key
                .as_ref()
                .and_then(|key| targets.get(key))
                .copied()
                .into_iter()
                .collect();
            self.store_loaded(*parent, &rel.key, found)?;
        }
        Ok(())
    }

    /// SQLAlchemy's selectin load of a many-to-many: the parents (aliased)
    /// joined through the secondary table to the targets, the parents'
    /// keys first in each row (`SELECT student_1.id AS student_1_id,
    /// club.id AS club_id ... FROM student AS student_1 JOIN enroll AS
    /// enroll_1 ON student_1.id = enroll_1.student_id JOIN club ON club.id
    /// = enroll_1.club_id WHERE student_1.id IN (?)`), 500 keys at a time.
    fn selectin_load_through(
        &mut self,
        query: &OrmQuery,
        parent_mapper: MapperId,
        rel: &RelationshipProperty,
        parents: &[ObjectId],
    ) -> Result<(), OrmError> {
        let Some(secondary) = rel.secondary.clone() else {
            return Ok(());
        };
        let Some((parent_key, _)) = secondary.parent_pairs.first().cloned() else {
            return Ok(());
        };
        let parent = self.registry.mapper(parent_mapper)?;
        let parent_table = parent.table_name().to_owned();
        // The parents' key comes back as the column's Python value.
        let key_type = parent
            .columns
            .iter()
            .find(|c| c.column == parent_key)
            .map(|c| (c.sql_type.clone(), c.enum_class.clone()));
        let target = self.registry.mapper(rel.target)?.clone();
        let table = target.table_name().to_owned();
        let (parent_keys, keys) = self.selectin_keys(parents, &parent_key)?;
        let parent_alias = AliasName::anon(self.next_anon_id(), parent_table.clone());
        let through = Through::new(&secondary, self.next_anon_id());
        let parent_col = |name: &str| {
            Expr::aliased_col(
                FromSource::TableAlias {
                    table: parent_table.clone(),
                    alias: parent_alias.clone(),
                },
                name.to_owned(),
            )
        };
        let loaded = query.loaded_columns(rel.target, &target);
        let selected: Vec<bool> = (0..target.columns.len())
            .map(|index| super::deferral::selects(loaded.as_deref(), index))
            .collect();
        let mask = loaded.as_ref().map(|_| selected.as_slice());
        let mut columns = vec![parent_col(&parent_key)];
        columns.extend(
            target
                .columns
                .iter()
                .zip(&selected)
                .filter(|(_, selected)| **selected)
                .map(|(c, _)| Expr::col(table.clone(), c.column.clone())),
        );
        let target_col = |name: &str| Expr::col(table.clone(), name.to_owned());
        let (on_parent, on_target) = through.conditions(&parent_col, &target_col);
        let from = FromItem::Table {
            name: parent_table.clone(),
            alias: Some(parent_alias.clone()),
        }
        .join(through.item(), on_parent)
        .join(FromItem::table(table.clone()), on_target);
        let mut children_of: HashMap<Key, Vec<ObjectId>> = HashMap::new();
        for chunk in keys.chunks(SELECTIN_CHUNK) {
            let params = chunk.iter().map(|(_, param)| param.clone()).collect();
            let mut select = Select::new(columns.clone())
                .label_style(LabelStyle::TablenamePlusCol)
                .where_(parent_col(&parent_key).in_values(params));
            select.from = vec![from.clone()];
            select.order_by = rel.options.order_by.clone();
            let rows = self.run_eager(select, rel, "selectin")?;
            for row in rows {
                let mut values = row.into_iter();
                let owner = values.next().unwrap_or(retort_sql::Value::Null);
                let Some(child) =
                    self.instance_from_values(rel.target, &mut values, &selected, mask)?
                else {
                    continue;
                };
                let owner = match &key_type {
                    Some((sql_type, enum_class)) => {
                        crate::types::from_result_owned(owner, sql_type, enum_class.as_deref())
                    }
                    None => crate::types::raw(&owner),
                };
                let key = identity_key(std::slice::from_ref(&owner));
                let children = children_of.entry(key).or_default();
                if !children.contains(&child) {
                    children.push(child);
                }
            }
        }
        self.store_by_key(rel, parents, &parent_keys, &children_of)
    }

    fn selectin_load(
        &mut self,
        query: &OrmQuery,
        rel: &RelationshipProperty,
        parents: &[ObjectId],
    ) -> Result<(), OrmError> {
        let Some((referred, referring)) = rel.pairs.first().cloned() else {
            return Ok(());
        };
        let target = self.registry.mapper(rel.target)?.clone();
        let table = target.table_name().to_owned();
        let (parent_keys, keys) = self.selectin_keys(parents, &referred)?;
        let seen: HashSet<&Key> = keys.iter().map(|(key, _)| key).collect();
        let mut columns = vec![Expr::col(table.clone(), referring.clone())];
        let mut order = vec![referring.clone()];
        let loaded = query.loaded_columns(rel.target, &target);
        for (index, column) in target.columns.iter().enumerate() {
            if column.column != referring && super::deferral::selects(loaded.as_deref(), index) {
                columns.push(Expr::col(table.clone(), column.column.clone()));
                order.push(column.column.clone());
            }
        }
        // Where each of the target's columns is in a row of the SELECT
        // (`None` for a deferred one).
        let positions: Vec<Option<usize>> = target
            .columns
            .iter()
            .map(|c| order.iter().position(|o| *o == c.column))
            .collect();
        let selected: Vec<bool> = positions.iter().map(Option::is_some).collect();
        let mask = loaded.as_ref().map(|_| selected.as_slice());
        let mut children_of: HashMap<Key, Vec<ObjectId>> = HashMap::new();
        // SQLAlchemy's SelectInLoader asks for at most 500 keys at a time.
        for chunk in keys.chunks(SELECTIN_CHUNK) {
            let params = chunk.iter().map(|(_, param)| param.clone()).collect();
            let mut select = Select::new(columns.clone())
                .label_style(LabelStyle::TablenamePlusCol)
                .where_(Expr::col(table.clone(), referring.clone()).in_values(params));
            select.order_by = rel.options.order_by.clone();
            let rows = self.run_eager(select, rel, "selectin")?;
            for row in rows {
                // Back into mapper column order for the identity map.
                let mut ordered: Vec<retort_sql::Value> = positions
                    .iter()
                    .map(|i| {
                        i.and_then(|i| row.get(i).cloned())
                            .unwrap_or(retort_sql::Value::Null)
                    })
                    .collect();
                let Some(child) =
                    self.loader()
                        .instance_from_partial_row(rel.target, &mut ordered, mask)?
                else {
                    continue;
                };
                let fk = self
                    .loaded_column_value(child, &referring)
                    .unwrap_or(OrmValue::None);
                let key = identity_key(std::slice::from_ref(&fk));
                if seen.contains(&key) {
                    children_of.entry(key).or_default().push(child);
                }
            }
        }
        self.store_by_key(rel, parents, &parent_keys, &children_of)
    }
}

/// SQLAlchemy's `_check_recursive_postload` without `join_depth`: a
/// relationship's own eager strategy (no loader option names it) stops
/// once its target is a class already on the path, so `Tag.posts`
/// (`lazy='selectin'`) does not load again for the tags that
/// `selectinload(Post.tags)` loaded.
fn returns_to_path(
    query: &OrmQuery,
    rel: &RelationshipProperty,
    mapper: MapperId,
    path: &[(MapperId, String)],
) -> bool {
    query.loader_option(rel).is_none()
        && (rel.target == mapper || path.iter().any(|(m, _)| *m == rel.target))
}

/// The order SQLAlchemy's `sorted()` gives the selectin keys: numbers by
/// value, texts by code point (a mix, which Python would refuse, by kind).
fn compare_params(a: &retort_sql::Value, b: &retort_sql::Value) -> std::cmp::Ordering {
    use retort_sql::Value as V;
    match (a, b) {
        (V::Integer(x), V::Integer(y)) => x.cmp(y),
        (V::Integer(x), V::Real(y)) => (*x as f64).total_cmp(y),
        (V::Real(x), V::Integer(y)) => x.total_cmp(&(*y as f64)),
        (V::Real(x), V::Real(y)) => x.total_cmp(y),
        (V::Text(x), V::Text(y)) => x.cmp(y),
        (V::Blob(x), V::Blob(y)) => x.cmp(y),
        _ => rank(a).cmp(&rank(b)),
    }
}

fn rank(value: &retort_sql::Value) -> u8 {
    match value {
        retort_sql::Value::Null => 0,
        retort_sql::Value::Integer(_) | retort_sql::Value::Real(_) => 1,
        retort_sql::Value::Text(_) => 2,
        retort_sql::Value::Blob(_) => 3,
    }
}

//! `options(contains_eager(Parent.rel))`: a relationship filled from the
//! columns of a join the query already has (SQLAlchemy's `JoinedLoader`
//! with a user-defined adapter). The target's columns join the primary
//! columns in the parent mapper's property order — a relationship of the
//! class body before the mapper's columns, one a backref created after
//! them — and each row hands its target to its parent; no SQL of its own.

use std::collections::HashMap;

use retort_sql::Expr;

use super::alias::source;
use super::{Entity, OrmQuery, ResultItem, ResultRow};
use crate::error::OrmError;
use crate::mapper::Registry;
use crate::relationship::RelationshipProperty;
use crate::session::Session;
use crate::state::ObjectId;

/// Where each contains-eager relationship's columns sit in a row.
pub(crate) struct Layout {
    /// Each relationship with the first index of its columns in the raw
    /// row and their number, in row order.
    blocks: Vec<(RelationshipProperty, usize, usize)>,
}

/// The targets found per parent, parents in first-seen order.
#[derive(Default)]
pub(crate) struct Filled {
    parents: Vec<(ObjectId, Vec<Vec<ObjectId>>)>,
    index: HashMap<ObjectId, usize>,
}

/// The contains-eager relationships of a query whose first entity is
/// their parent, in the mapper's property order, split into those before
/// the parent's columns and those after them.
fn applicable(
    registry: &Registry,
    query: &OrmQuery,
) -> Result<Option<(Vec<RelationshipProperty>, Vec<RelationshipProperty>)>, OrmError> {
    let Some(Entity::Mapper(parent)) = query.entities.first() else {
        return Ok(None);
    };
    if query.contains_eager.is_empty() {
        return Ok(None);
    }
    let mapper = registry.mapper(*parent)?;
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for rel in &mapper.relationships {
        if query
            .contains_eager
            .iter()
            .any(|o| o.mapper == *parent && o.key == rel.key)
        {
            if rel.from_backref {
                after.push(rel.clone());
            } else {
                before.push(rel.clone());
            }
        }
    }
    Ok(Some((before, after)))
}

impl OrmQuery {
    /// The alias a contains-eager relationship's target is read from.
    fn eager_alias(&self, rel: &RelationshipProperty) -> Option<&retort_sql::AliasName> {
        self.contains_eager
            .iter()
            .find(|o| o.mapper == rel.parent && o.key == rel.key)
            .and_then(|o| o.alias.as_ref())
    }

    /// Adds the contains-eager targets' columns around the first entity's.
    pub(super) fn add_contains_eager_columns(
        &self,
        registry: &Registry,
        columns: &mut Vec<Expr>,
    ) -> Result<(), OrmError> {
        let Some((before, after)) = applicable(registry, self)? else {
            return Ok(());
        };
        let parent_width = match self.entities.first() {
            Some(Entity::Mapper(m)) => registry.mapper(*m)?.columns.len(),
            _ => 0,
        };
        let target_columns = |rel: &RelationshipProperty| -> Result<Vec<Expr>, OrmError> {
            let target = registry.mapper(rel.target)?;
            let from = source(target.table_name(), self.eager_alias(rel));
            Ok(target
                .columns
                .iter()
                .map(|c| Expr::aliased_col(from.clone(), c.column.clone()))
                .collect())
        };
        let mut head = Vec::new();
        for rel in &before {
            head.extend(target_columns(rel)?);
        }
        let mut tail = Vec::new();
        for rel in &after {
            tail.extend(target_columns(rel)?);
        }
        let rest = columns.split_off(parent_width.min(columns.len()));
        let parent_columns = std::mem::take(columns);
        columns.extend(head);
        columns.extend(parent_columns);
        columns.extend(tail);
        columns.extend(rest);
        Ok(())
    }
}

impl Layout {
    /// The layout of a query's rows, when it has contains-eager options.
    pub(crate) fn of(registry: &Registry, query: &OrmQuery) -> Result<Option<Layout>, OrmError> {
        let Some((before, after)) = applicable(registry, query)? else {
            return Ok(None);
        };
        let parent_width = match query.entities.first() {
            Some(Entity::Mapper(m)) => registry.mapper(*m)?.columns.len(),
            _ => 0,
        };
        let mut blocks = Vec::new();
        let mut position = 0;
        for rel in before {
            let width = registry.mapper(rel.target)?.columns.len();
            blocks.push((rel, position, width));
            position += width;
        }
        position += parent_width;
        for rel in after {
            let width = registry.mapper(rel.target)?.columns.len();
            blocks.push((rel, position, width));
            position += width;
        }
        Ok(Some(Layout { blocks }))
    }

    /// Takes the targets' columns out of `row`, leaving the entities'.
    pub(crate) fn take(&self, row: &mut Vec<retort_sql::Value>) -> Vec<Vec<retort_sql::Value>> {
        let mut taken = Vec::with_capacity(self.blocks.len());
        for (_, start, width) in self.blocks.iter().rev() {
            let start = (*start).min(row.len());
            let end = (start + width).min(row.len());
            taken.push(row.drain(start..end).collect());
        }
        taken.reverse();
        taken
    }
}

impl Session {
    /// Hands one row's targets to its parent (the row's first object).
    pub(crate) fn collect_contains_eager(
        &mut self,
        layout: &Layout,
        converted: &ResultRow,
        taken: Vec<Vec<retort_sql::Value>>,
        filled: &mut Filled,
    ) -> Result<(), OrmError> {
        let Some(ResultItem::Object(parent)) = converted.items.first() else {
            return Ok(());
        };
        let position = match filled.index.get(parent) {
            Some(position) => *position,
            None => {
                filled
                    .parents
                    .push((*parent, vec![Vec::new(); layout.blocks.len()]));
                filled.index.insert(*parent, filled.parents.len() - 1);
                filled.parents.len() - 1
            }
        };
        for (index, ((rel, _, _), mut columns)) in layout.blocks.iter().zip(taken).enumerate() {
            if let Some(target) = self.instance_from_row(rel.target, &mut columns)? {
                let targets = &mut filled.parents[position].1[index];
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
        Ok(())
    }

    /// Stores the collected targets on parents whose attribute is not
    /// loaded yet.
    pub(crate) fn store_contains_eager(
        &mut self,
        layout: &Layout,
        filled: Filled,
    ) -> Result<(), OrmError> {
        for (parent, lists) in filled.parents {
            for ((rel, _, _), targets) in layout.blocks.iter().zip(lists) {
                self.store_loaded(parent, &rel.key, targets)?;
            }
        }
        Ok(())
    }
}

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

/// Relationships whose columns go before the parent's, and those after.
type Sides = (Vec<RelationshipProperty>, Vec<RelationshipProperty>);

/// The contains-eager relationships of a query whose first entity is
/// their parent, in the mapper's property order, split into those before
/// the parent's columns and those after them.
fn applicable(registry: &Registry, query: &OrmQuery) -> Result<Option<Sides>, OrmError> {
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

/// Whether a contains-eager relationship of the query is a collection
/// (a 2.0 result of it must be uniqued).
pub(crate) fn has_collection(registry: &Registry, query: &OrmQuery) -> Result<bool, OrmError> {
    Ok(applicable(registry, query)?
        .is_some_and(|(before, after)| before.iter().chain(&after).any(|r| r.uselist)))
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
        let parent_width = match self.first_mapper_entity() {
            Some(m) => self.entity_width(m, registry.mapper(m)?),
            None => 0,
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
        let parent_width = match query.first_mapper_entity() {
            Some(m) => query.entity_width(m, registry.mapper(m)?),
            None => 0,
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

impl crate::loading::Loader<'_> {
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
}

impl Session {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapper::{Mapper, MapperId};
    use crate::query::{ContainsEager, QueryStyle};
    use crate::relationship::{RelationshipDecl, RelationshipOptions};
    use retort_sql::{Column, ForeignKey, SqlType, Statement, Table, compile_sqlite};

    /// `Author.books` declared in the class body, `Book.author` its backref.
    fn registry() -> (Registry, MapperId, MapperId) {
        let mut registry = Registry::new();
        let id = || Column::new("id", SqlType::Integer).primary_key();
        let author = registry
            .register(Mapper::new("m", "Author", Table::new("author", vec![id()])))
            .unwrap();
        let fk = Column::new("author_id", SqlType::Integer)
            .foreign_key(ForeignKey::parse("author.id").unwrap());
        let book = registry
            .register(Mapper::new("m", "Book", Table::new("book", vec![id(), fk])))
            .unwrap();
        registry
            .configure_relationship(
                author,
                RelationshipDecl {
                    key: "books".into(),
                    target: book,
                    secondary: None,
                    foreign_keys: Vec::new(),
                    remote_side: Vec::new(),
                    options: RelationshipOptions::default(),
                    back_populates: None,
                    backref: Some(("author".into(), RelationshipOptions::default())),
                    primaryjoin: None,
                    secondaryjoin: None,
                },
            )
            .unwrap();
        (registry, author, book)
    }

    fn columns(registry: &Registry, query: &OrmQuery) -> String {
        let sql = compile_sqlite(&Statement::Select(query.to_select(registry).unwrap()))
            .unwrap()
            .sql;
        sql.split(" \nFROM").next().unwrap_or_default().to_owned()
    }

    #[test]
    fn a_class_body_relationship_goes_before_the_parent_columns_a_backref_after() {
        let (registry, author, book) = registry();
        let mut query = OrmQuery::for_mapper(QueryStyle::Legacy, author);
        query.contains_eager.push(ContainsEager {
            mapper: author,
            key: "books".into(),
            alias: None,
        });
        assert_eq!(
            columns(&registry, &query),
            "SELECT book.id AS book_id, book.author_id AS book_author_id, author.id AS author_id"
        );
        let layout = Layout::of(&registry, &query).unwrap().unwrap();
        let mut row = vec![
            retort_sql::Value::Integer(10),
            retort_sql::Value::Integer(1),
            retort_sql::Value::Integer(1),
        ];
        let taken = layout.take(&mut row);
        assert_eq!(row, vec![retort_sql::Value::Integer(1)]);
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].len(), 2);

        let mut query = OrmQuery::for_mapper(QueryStyle::Legacy, book);
        query.contains_eager.push(ContainsEager {
            mapper: book,
            key: "author".into(),
            alias: Some(retort_sql::AliasName::Named("a".into())),
        });
        assert_eq!(
            columns(&registry, &query),
            "SELECT book.id AS book_id, book.author_id AS book_author_id, a.id AS a_id"
        );
        assert!(!has_collection(&registry, &query).unwrap());
    }
}

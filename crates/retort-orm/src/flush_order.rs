//! The order a flush saves and deletes mappers in, as SQLAlchemy's unit of
//! work sorts it (`unitofwork.py`): one `SaveUpdateAll` and one `DeleteAll`
//! action per mapper, and for every relationship whose parent mapper has
//! objects in the flush a `ProcessAll` after its saves and one before its
//! deletes, linked as its dependency processor links them
//! (`per_property_dependencies` of `OneToManyDP`, `ManyToOneDP`,
//! `ManyToManyDP`). The actions are sorted by SQLAlchemy's sort keys and
//! then topologically, layer by layer (`topological.sort_as_subsets`).
//! Table foreign keys alone order nothing, as in SQLAlchemy; a relationship
//! to its own mapper is ordered row by row elsewhere, and a `post_update`
//! one orders no saves.

use crate::mapper::{MapperId, Registry};
use crate::relationship::Direction;

/// A unit-of-work action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Save(MapperId),
    Delete(MapperId),
    /// A relationship's processing: (mapper, relationship index, before
    /// deletes).
    Process(MapperId, usize, bool),
}

/// The mappers' save order and delete order for a flush whose objects
/// belong to `flushed` mappers.
pub fn action_order(registry: &Registry, flushed: &[MapperId]) -> (Vec<MapperId>, Vec<MapperId>) {
    let mut actions: Vec<Action> = Vec::new();
    let mut edges: Vec<(Action, Action)> = Vec::new();
    for index in 0..registry.mappers.len() {
        let id = MapperId(index);
        actions.push(Action::Save(id));
        actions.push(Action::Delete(id));
        edges.push((Action::Save(id), Action::Delete(id)));
    }
    for (index, mapper) in registry.mappers.iter().enumerate() {
        let parent = MapperId(index);
        if !flushed.contains(&parent) {
            continue;
        }
        for (rel_index, rel) in mapper.relationships.iter().enumerate() {
            if rel.options.viewonly || rel.target == parent {
                continue;
            }
            let after_save = Action::Process(parent, rel_index, false);
            let before_delete = Action::Process(parent, rel_index, true);
            actions.push(after_save);
            actions.push(before_delete);
            let (parent_saves, child_saves) = (Action::Save(parent), Action::Save(rel.target));
            let (parent_deletes, child_deletes) =
                (Action::Delete(parent), Action::Delete(rel.target));
            let rel_edges: Vec<(Action, Action)> = match (rel.direction, rel.options.post_update) {
                (Direction::OneToMany, false) => vec![
                    (parent_saves, after_save),
                    (after_save, child_saves),
                    (after_save, child_deletes),
                    (child_saves, parent_deletes),
                    (child_deletes, parent_deletes),
                    (before_delete, child_saves),
                    (before_delete, child_deletes),
                ],
                (Direction::OneToMany, true) => vec![
                    (child_saves, after_save),
                    (parent_saves, after_save),
                    (child_saves, before_delete),
                ],
                (Direction::ManyToOne, false) => vec![
                    (child_saves, after_save),
                    (after_save, parent_saves),
                    (parent_saves, child_deletes),
                    (parent_deletes, child_deletes),
                ],
                (Direction::ManyToOne, true) => {
                    vec![(child_saves, after_save), (parent_saves, after_save)]
                }
                (Direction::ManyToMany, _) => vec![
                    (parent_saves, after_save),
                    (child_saves, after_save),
                    (after_save, child_deletes),
                    (before_delete, parent_saves),
                    (before_delete, parent_deletes),
                    (before_delete, child_deletes),
                    (before_delete, child_saves),
                ],
            };
            edges.extend(rel_edges);
        }
    }
    let sort_key = |action: &Action| -> (&'static str, String, bool) {
        match action {
            Action::Save(m) => ("SaveUpdateAll", registry.mappers[m.0].sort_key(), false),
            Action::Delete(m) => ("DeleteAll", registry.mappers[m.0].sort_key(), false),
            Action::Process(m, r, delete) => {
                let mapper = &registry.mappers[m.0];
                let key = format!("{}_{}", mapper.sort_key(), mapper.relationships[*r].key);
                ("ProcessAll", key, *delete)
            }
        }
    };
    retort_sort::sort_by_key(&mut actions, sort_key);
    actions.dedup();
    let sorted = sort_as_subsets(&actions, &edges);
    let saves = sorted
        .iter()
        .filter_map(|a| match a {
            Action::Save(m) => Some(*m),
            _ => None,
        })
        .collect();
    let deletes = sorted
        .iter()
        .filter_map(|a| match a {
            Action::Delete(m) => Some(*m),
            _ => None,
        })
        .collect();
    (saves, deletes)
}

/// `topological.sort_as_subsets`, flattened: each round takes, in
/// `actions` order, every action none of whose predecessors is left. A
/// cycle (which SQLAlchemy breaks into per-object actions) releases the
/// first action left.
fn sort_as_subsets(actions: &[Action], edges: &[(Action, Action)]) -> Vec<Action> {
    let mut todo: Vec<Action> = actions.to_vec();
    let mut out = Vec::with_capacity(todo.len());
    while !todo.is_empty() {
        let ready: Vec<Action> = todo
            .iter()
            .copied()
            .filter(|node| {
                !edges
                    .iter()
                    .any(|(before, after)| after == node && before != node && todo.contains(before))
            })
            .collect();
        let ready = if ready.is_empty() {
            vec![todo[0]]
        } else {
            ready
        };
        todo.retain(|a| !ready.contains(a));
        out.extend(ready);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_keep_the_sorted_order_and_a_cycle_releases_the_first() {
        let (a, b, c) = (
            Action::Save(MapperId(0)),
            Action::Save(MapperId(1)),
            Action::Save(MapperId(2)),
        );
        // c waits for a; b is free: the first layer is a, b in order.
        assert_eq!(sort_as_subsets(&[a, b, c], &[(a, c)]), vec![a, b, c]);
        assert_eq!(sort_as_subsets(&[c, b, a], &[(a, c)]), vec![b, a, c]);
        // a and b wait for each other: a (first) goes, then b.
        assert_eq!(sort_as_subsets(&[a, b], &[(a, b), (b, a)]), vec![a, b]);
    }

    #[test]
    fn without_relationships_mappers_go_by_class_name() {
        use crate::mapper::Mapper;
        use retort_sql::{Column, ForeignKey, SqlType, Table};
        let mut registry = Registry::new();
        let zoo = Table::new(
            "zoo".to_owned(),
            vec![Column::new("id", SqlType::Integer).primary_key()],
        );
        let animal = Table::new(
            "animal".to_owned(),
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("zoo_id", SqlType::Integer)
                    .foreign_key(ForeignKey::parse("zoo.id").unwrap()),
            ],
        );
        let zoo = registry
            .register(Mapper::new("__main__", "Zoo", zoo))
            .unwrap();
        let animal = registry
            .register(Mapper::new("__main__", "Animal", animal))
            .unwrap();
        let (saves, deletes) = action_order(&registry, &[zoo, animal]);
        assert_eq!(saves, vec![animal, zoo]);
        assert_eq!(deletes, vec![animal, zoo]);
    }
}

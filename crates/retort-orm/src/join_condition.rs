//! Join conditions of a relationship (SQLAlchemy's `JoinCondition` in
//! `orm/relationships.py`): the primary join (parent to target, or parent
//! to the secondary table) and the secondary join (secondary table to
//! target), either given explicitly (`primaryjoin=`, `secondaryjoin=`) or
//! derived from the column pairs the foreign keys give; the column pairs
//! and direction an explicit condition implies; and the rewrites the
//! loaders apply to a condition (the parent's local columns replaced by
//! bound parameters for a lazy load, the target's columns adapted to an
//! alias for a joined eager load).

use retort_sql::{ColumnRef, Expr, FromSource, Table};

use crate::error::OrmError;
use crate::relationship::{Direction, RelationshipDecl, RelationshipProperty};

/// The table a plain column reference belongs to.
pub(crate) fn table_of(column: &ColumnRef) -> Option<&str> {
    match &column.source {
        FromSource::Table(name) => Some(name),
        FromSource::TableAlias { table, .. } => Some(table),
        FromSource::Alias(_) => None,
    }
}

/// `expr` with every column for which `f` answers replaced by its answer
/// (SQLAlchemy's `visitors.replacement_traverse`). Subqueries are left as
/// they are.
pub fn map_columns(expr: &Expr, f: &mut dyn FnMut(&ColumnRef) -> Option<Expr>) -> Expr {
    let mut go = |e: &Expr| Box::new(map_columns(e, f));
    match expr {
        Expr::Column(column) => f(column).unwrap_or_else(|| expr.clone()),
        Expr::Binary { left, op, right } => {
            let left = go(left);
            let right = go(right);
            Expr::Binary {
                left,
                op: *op,
                right,
            }
        }
        Expr::Escape { like, escape } => Expr::Escape {
            like: go(like),
            escape: escape.clone(),
        },
        Expr::CustomOp {
            left,
            op,
            right,
            precedence,
        } => Expr::CustomOp {
            left: go(left),
            op: op.clone(),
            right: go(right),
            precedence: *precedence,
        },
        Expr::Collate { expr, collation } => Expr::Collate {
            expr: go(expr),
            collation: collation.clone(),
        },
        Expr::Unary { op, operand } => Expr::Unary {
            op: *op,
            operand: go(operand),
        },
        Expr::Modifier { operand, modifier } => Expr::Modifier {
            operand: go(operand),
            modifier: *modifier,
        },
        Expr::And(items) => Expr::And(items.iter().map(|e| map_columns(e, f)).collect()),
        Expr::Or(items) => Expr::Or(items.iter().map(|e| map_columns(e, f)).collect()),
        Expr::Tuple(items) => Expr::Tuple(items.iter().map(|e| map_columns(e, f)).collect()),
        Expr::In {
            expr: inner,
            values,
            negated,
        } => Expr::In {
            expr: go(inner),
            values: values.clone(),
            negated: *negated,
        },
        Expr::Between {
            expr: inner,
            low,
            high,
            negated,
        } => {
            let inner = go(inner);
            let low = go(low);
            let high = go(high);
            Expr::Between {
                expr: inner,
                low,
                high,
                negated: *negated,
            }
        }
        Expr::Function { name, args } => Expr::Function {
            name: name.clone(),
            args: args.iter().map(|e| map_columns(e, f)).collect(),
        },
        Expr::Label { name, expr: inner } => Expr::Label {
            name: name.clone(),
            expr: go(inner),
        },
        Expr::Cast { expr: inner, to } => Expr::Cast {
            expr: go(inner),
            to: to.clone(),
        },
        Expr::Extract { field, expr: inner } => Expr::Extract {
            field: field.clone(),
            expr: go(inner),
        },
        Expr::Case { whens, else_ } => Expr::Case {
            whens: whens
                .iter()
                .map(|(w, t)| (map_columns(w, f), map_columns(t, f)))
                .collect(),
            else_: else_.as_ref().map(|e| Box::new(map_columns(e, f))),
        },
        Expr::Grouping(inner) => Expr::Grouping(go(inner)),
        other => other.clone(),
    }
}

/// The terms of a conjunction (`and_(a, and_(b, c))` is `[a, b, c]`).
pub fn conjuncts(expr: &Expr) -> Vec<Expr> {
    match expr {
        Expr::And(items) => items.iter().flat_map(conjuncts).collect(),
        other => vec![other.clone()],
    }
}

/// The column equalities `a = b` among the terms of a condition.
fn equalities(expr: &Expr) -> Vec<(ColumnRef, ColumnRef)> {
    conjuncts(expr)
        .into_iter()
        .filter_map(|term| match term {
            Expr::Binary {
                left,
                op: retort_sql::BinaryOp::Eq,
                right,
            } => match (*left, *right) {
                (Expr::Column(a), Expr::Column(b)) => Some((a, b)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Whether a condition has terms besides column equalities (then a
/// many-to-one cannot be answered from the identity map).
pub(crate) fn has_extra_criteria(expr: &Expr) -> bool {
    conjuncts(expr).len() != equalities(expr).len()
}

/// `(a column, b column)` names of the equalities between tables `a` and `b`.
pub(crate) fn equated(expr: &Expr, a: &str, b: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (left, right) in equalities(expr) {
        match (table_of(&left), table_of(&right)) {
            (Some(l), Some(r)) if l == a && r == b => pairs.push((left.name, right.name)),
            (Some(l), Some(r)) if l == b && r == a => pairs.push((right.name, left.name)),
            _ => {}
        }
    }
    pairs
}

/// Whether `column` of `table` counts as referring to `to`: it has a foreign
/// key to it, or `foreign_keys=` names it.
fn refers(table: &Table, column: &str, to: &str, foreign_keys: &[(String, String)]) -> bool {
    if !foreign_keys.is_empty() {
        return foreign_keys
            .iter()
            .any(|(t, c)| t == &table.name && c == column);
    }
    table
        .columns
        .iter()
        .find(|c| c.name == column)
        .is_some_and(|c| c.foreign_keys.iter().any(|fk| fk.table == to))
}

fn no_relevant_columns(display: &str, which: &str) -> OrmError {
    OrmError::ArgumentError(format!(
        "Could not locate any relevant foreign key columns for {which} join condition on relationship {display}.  Ensure that referencing columns are associated with a ForeignKey or ForeignKeyConstraint, or are annotated in the join condition with the foreign() annotation."
    ))
}

/// Direction and `(referred, referring)` pairs of a relationship without a
/// secondary table whose `primaryjoin=` is given.
pub(crate) fn pairs_from_primaryjoin(
    decl: &RelationshipDecl,
    primaryjoin: &Expr,
    parent: &Table,
    target: &Table,
    display: &str,
) -> Result<(Direction, Vec<(String, String)>), OrmError> {
    let mut one_to_many = Vec::new();
    let mut many_to_one = Vec::new();
    if parent.name == target.name {
        for (a, b) in equated(primaryjoin, &parent.name, &parent.name) {
            let (referred, referring) = if refers(parent, &b, &parent.name, &decl.foreign_keys) {
                (a, b)
            } else if refers(parent, &a, &parent.name, &decl.foreign_keys) {
                (b, a)
            } else {
                continue;
            };
            let remote_is_referred = decl.remote_side.iter().any(|(_, c)| c == &referred);
            if remote_is_referred {
                many_to_one.push((referred, referring));
            } else {
                one_to_many.push((referred, referring));
            }
        }
    } else {
        for (p, t) in equated(primaryjoin, &parent.name, &target.name) {
            if refers(target, &t, &parent.name, &decl.foreign_keys) {
                one_to_many.push((p, t));
            } else if refers(parent, &p, &target.name, &decl.foreign_keys) {
                many_to_one.push((t, p));
            }
        }
    }
    match (one_to_many.is_empty(), many_to_one.is_empty()) {
        (false, true) => Ok((Direction::OneToMany, one_to_many)),
        (true, false) => Ok((Direction::ManyToOne, many_to_one)),
        (true, true) => Err(no_relevant_columns(display, "primary")),
        (false, false) => Err(OrmError::ArgumentError(format!(
            "Can't determine relationship direction for relationship '{display}' - foreign key columns are present in both the parent and the child's mapped tables.  Specify 'foreign_keys' argument."
        ))),
    }
}

/// `(mapped table column, secondary column)` pairs of an explicit join
/// condition between a mapped table and the secondary table.
pub(crate) fn secondary_pairs(
    condition: &Expr,
    mapped: &str,
    secondary: &str,
    display: &str,
    which: &str,
) -> Result<Vec<(String, String)>, OrmError> {
    let pairs = equated(condition, mapped, secondary);
    if pairs.is_empty() {
        return Err(no_relevant_columns(display, which));
    }
    Ok(pairs)
}

impl RelationshipProperty {
    /// The primary join condition: `primaryjoin=` as given, else the one
    /// the foreign keys give (`author.id = book.author_id`,
    /// `page.id = tags.page_id`).
    pub fn primaryjoin(&self, parent_table: &str, target_table: &str) -> Expr {
        if let Some(explicit) = &self.primaryjoin {
            return explicit.clone();
        }
        let terms: Vec<Expr> = match (&self.direction, &self.secondary) {
            (Direction::ManyToMany, Some(secondary)) => secondary
                .parent_pairs
                .iter()
                .map(|(col, sec)| {
                    Expr::col(parent_table, col.clone())
                        .eq(Expr::col(secondary.table.clone(), sec.clone()))
                })
                .collect(),
            (Direction::OneToMany, _) => self
                .pairs
                .iter()
                .map(|(referred, referring)| {
                    Expr::col(parent_table, referred.clone())
                        .eq(Expr::col(target_table, referring.clone()))
                })
                .collect(),
            _ => self
                .pairs
                .iter()
                .map(|(referred, referring)| {
                    Expr::col(target_table, referred.clone())
                        .eq(Expr::col(parent_table, referring.clone()))
                })
                .collect(),
        };
        retort_sql::and_(terms)
    }

    /// The secondary join condition of a many-to-many (`tag.id = tags.tag_id`).
    pub fn secondaryjoin(&self, target_table: &str) -> Option<Expr> {
        let secondary = self.secondary.as_ref()?;
        if let Some(explicit) = &self.secondaryjoin {
            return Some(explicit.clone());
        }
        Some(retort_sql::and_(
            secondary
                .target_pairs
                .iter()
                .map(|(col, sec)| {
                    Expr::col(target_table, col.clone())
                        .eq(Expr::col(secondary.table.clone(), sec.clone()))
                })
                .collect::<Vec<_>>(),
        ))
    }

    /// Every term joining parent to target: the primary join's, then the
    /// secondary join's (`has()`/`any()` and the lazy clause use them).
    pub fn join_criteria(&self, parent_table: &str, target_table: &str) -> Vec<Expr> {
        let mut terms = conjuncts(&self.primaryjoin(parent_table, target_table));
        if let Some(secondary) = self.secondaryjoin(target_table) {
            terms.extend(conjuncts(&secondary));
        }
        terms
    }

    /// The parent's columns a lazy load binds: the parent side of the
    /// pairs (the referred columns of a one-to-many or many-to-many, the
    /// foreign key of a many-to-one).
    pub fn local_columns(&self) -> Vec<String> {
        match (&self.direction, &self.secondary) {
            (Direction::ManyToMany, Some(secondary)) => secondary
                .parent_pairs
                .iter()
                .map(|(p, _)| p.clone())
                .collect(),
            (Direction::OneToMany, _) => self.pairs.iter().map(|(p, _)| p.clone()).collect(),
            _ => self.pairs.iter().map(|(_, r)| r.clone()).collect(),
        }
    }

    /// The primary join with each column rewritten: `on_parent` for the
    /// parent's columns (in a self-referential relationship only its local
    /// columns), `on_target` for the target's.
    pub fn adapt_primaryjoin(
        &self,
        parent_table: &str,
        target_table: &str,
        on_parent: &dyn Fn(&str) -> Expr,
        on_target: &dyn Fn(&str) -> Expr,
    ) -> Expr {
        let local = self.local_columns();
        let self_referential = parent_table == target_table;
        map_columns(&self.primaryjoin(parent_table, target_table), &mut |c| {
            let table = table_of(c)?;
            if table == parent_table && (!self_referential || local.contains(&c.name)) {
                Some(on_parent(&c.name))
            } else if table == target_table {
                Some(on_target(&c.name))
            } else {
                None
            }
        })
    }
}

/// The FROM list and join criteria of `has()` / `any()` (SQLAlchemy's
/// `_criterion_exists` with `_create_joins`): a self-referential
/// relationship selects from an alias of the target (and of the secondary
/// table), and `target_alias` says which, so the caller adapts its own
/// criteria (`user_1.name = ?`).
#[derive(Debug, Clone)]
pub struct ExistsJoin {
    pub from: Vec<retort_sql::FromItem>,
    pub criteria: Vec<Expr>,
    pub target_alias: Option<FromSource>,
}

impl ExistsJoin {
    /// A criterion on the target's columns, read from the target's alias.
    pub fn adapt(&self, expr: &Expr, target_table: &str) -> Expr {
        let Some(alias) = &self.target_alias else {
            return expr.clone();
        };
        adapt_to_alias(expr, target_table, alias)
    }
}

/// `expr` with the target table's columns read from `alias`, also inside
/// the EXISTS of a nested `has()`/`any()` (SQLAlchemy's clause adapter
/// follows correlated references into subqueries), whose own aliases of
/// the table stay as they are.
fn adapt_to_alias(expr: &Expr, target_table: &str, alias: &FromSource) -> Expr {
    let mapped = map_columns(expr, &mut |c| {
        (table_of(c) == Some(target_table))
            .then(|| Expr::aliased_col(alias.clone(), c.name.clone()))
    });
    match mapped {
        Expr::Exists(select) => Expr::Exists(Box::new(adapt_select(*select, target_table, alias))),
        Expr::And(items) => Expr::And(
            items
                .iter()
                .map(|e| adapt_to_alias(e, target_table, alias))
                .collect(),
        ),
        Expr::Or(items) => Expr::Or(
            items
                .iter()
                .map(|e| adapt_to_alias(e, target_table, alias))
                .collect(),
        ),
        Expr::Unary { op, operand } => Expr::Unary {
            op,
            operand: Box::new(adapt_to_alias(&operand, target_table, alias)),
        },
        other => other,
    }
}

/// A correlated subquery's WHERE read with the target's plain columns
/// from `alias`.
fn adapt_select(
    mut select: retort_sql::Select,
    target_table: &str,
    alias: &FromSource,
) -> retort_sql::Select {
    select.where_ = select
        .where_
        .iter()
        .map(|criterion| {
            let mapped = map_columns(criterion, &mut |c| {
                (c.source == FromSource::Table(target_table.to_owned()))
                    .then(|| Expr::aliased_col(alias.clone(), c.name.clone()))
            });
            match mapped {
                Expr::Exists(inner) => {
                    Expr::Exists(Box::new(adapt_select(*inner, target_table, alias)))
                }
                other => other,
            }
        })
        .collect();
    select
}

impl crate::session::Session {
    /// What `Parent.rel.any()` / `has()` joins on; see [`ExistsJoin`].
    pub fn exists_join(&mut self, rel: &RelationshipProperty) -> Result<ExistsJoin, OrmError> {
        use retort_sql::{AliasName, FromItem};
        let parent_table = self.registry.mapper(rel.parent)?.table_name().to_owned();
        let target_table = self.registry.mapper(rel.target)?.table_name().to_owned();
        if parent_table != target_table {
            let mut from = vec![FromItem::table(target_table.clone())];
            if let Some(secondary) = &rel.secondary {
                from.push(FromItem::table(secondary.table.clone()));
            }
            return Ok(ExistsJoin {
                from,
                criteria: rel.join_criteria(&parent_table, &target_table),
                target_alias: None,
            });
        }
        let target_alias = AliasName::anon(self.next_anon_id(), target_table.clone());
        let target_source = FromSource::TableAlias {
            table: target_table.clone(),
            alias: target_alias.clone(),
        };
        let mut from = vec![FromItem::Table {
            name: target_table.clone(),
            alias: Some(target_alias),
        }];
        let criteria = match &rel.secondary {
            Some(secondary) => {
                let link_alias = AliasName::anon(self.next_anon_id(), secondary.table.clone());
                from.push(FromItem::Table {
                    name: secondary.table.clone(),
                    alias: Some(link_alias.clone()),
                });
                let link = FromSource::TableAlias {
                    table: secondary.table.clone(),
                    alias: link_alias,
                };
                let to_link = |c: &ColumnRef| {
                    (table_of(c) == Some(secondary.table.as_str()))
                        .then(|| Expr::aliased_col(link.clone(), c.name.clone()))
                };
                let primary =
                    map_columns(&rel.primaryjoin(&parent_table, &target_table), &mut |c| {
                        to_link(c)
                    });
                let mut criteria = conjuncts(&primary);
                if let Some(secondaryjoin) = rel.secondaryjoin(&target_table) {
                    let adapted = map_columns(&secondaryjoin, &mut |c| {
                        to_link(c).or_else(|| {
                            (table_of(c) == Some(target_table.as_str()))
                                .then(|| Expr::aliased_col(target_source.clone(), c.name.clone()))
                        })
                    });
                    criteria.extend(conjuncts(&adapted));
                }
                criteria
            }
            None => conjuncts(&rel.adapt_primaryjoin(
                &parent_table,
                &target_table,
                &|name| Expr::col(parent_table.clone(), name.to_owned()),
                &|name| Expr::aliased_col(target_source.clone(), name.to_owned()),
            )),
        };
        Ok(ExistsJoin {
            from,
            criteria,
            target_alias: Some(target_source),
        })
    }
}

#[cfg(test)]
mod tests {
    use retort_sql::{Column, ForeignKey, SqlType};

    use super::*;
    use crate::mapper::MapperId;
    use crate::relationship::RelationshipOptions;

    fn decl() -> RelationshipDecl {
        RelationshipDecl {
            key: "addresses".into(),
            target: MapperId(1),
            secondary: None,
            foreign_keys: Vec::new(),
            remote_side: Vec::new(),
            options: RelationshipOptions::default(),
            back_populates: None,
            backref: None,
            primaryjoin: None,
            secondaryjoin: None,
        }
    }

    #[test]
    fn an_explicit_primaryjoin_gives_pairs_direction_and_extra_criteria() {
        let user = Table::new("user", vec![Column::new("id", SqlType::Integer)]);
        let mut user_id = Column::new("user_id", SqlType::Integer);
        user_id
            .foreign_keys
            .push(ForeignKey::parse("user.id").unwrap());
        let address = Table::new(
            "address",
            vec![Column::new("id", SqlType::Integer), user_id],
        );
        let condition = retort_sql::and_([
            Expr::col("user", "id").eq(Expr::col("address", "user_id")),
            Expr::col("address", "id").gt(Expr::Null),
        ]);
        let (direction, pairs) =
            pairs_from_primaryjoin(&decl(), &condition, &user, &address, "User.addresses").unwrap();
        assert_eq!(direction, Direction::OneToMany);
        assert_eq!(pairs, vec![("id".to_owned(), "user_id".to_owned())]);
        assert!(has_extra_criteria(&condition));
        let reversed = Expr::col("address", "user_id").eq(Expr::col("user", "id"));
        let (direction, pairs) =
            pairs_from_primaryjoin(&decl(), &reversed, &address, &user, "Address.user").unwrap();
        assert_eq!(direction, Direction::ManyToOne);
        assert_eq!(pairs, vec![("id".to_owned(), "user_id".to_owned())]);
        assert!(!has_extra_criteria(&reversed));
    }

    #[test]
    fn a_condition_without_relevant_columns_is_refused() {
        let user = Table::new("user", vec![Column::new("id", SqlType::Integer)]);
        let address = Table::new("address", vec![Column::new("id", SqlType::Integer)]);
        let condition = Expr::col("user", "id").eq(Expr::col("address", "id"));
        let error = pairs_from_primaryjoin(&decl(), &condition, &user, &address, "User.addresses")
            .unwrap_err();
        assert!(error.to_string().contains("Could not locate any relevant"));
    }
}

//! Aliased entities (`aliased(User)`, SQLAlchemy's `AliasedClass`) in a
//! query: the FROM source of an alias, criteria moved onto it, and the
//! joins along a relationship (`join(User.posts)`, `join(a1, User.posts)`,
//! `join(User.posts.of_type(a1))`, from an alias `join(a1.posts)`), a
//! many-to-many one through an anonymous alias of its secondary table
//! (`JOIN tags AS tags_1 ON ... JOIN tag ON ...`), as `_ORMJoin` builds
//! them.

use retort_sql::{AliasName, Expr, FromItem, FromSource};

use super::OrmQuery;
use crate::error::OrmError;
use crate::join_condition::{map_columns, table_of};
use crate::mapper::Registry;
use crate::relationship::RelationshipProperty;

/// What the columns of `table` are read from: the table, or its alias.
pub fn source(table: &str, alias: Option<&AliasName>) -> FromSource {
    match alias {
        Some(alias) => FromSource::TableAlias {
            table: table.to_owned(),
            alias: alias.clone(),
        },
        None => FromSource::Table(table.to_owned()),
    }
}

/// `expr` with the plain columns of `table` read from `to` instead.
pub fn to_alias_source(expr: &Expr, table: &str, to: &FromSource) -> Expr {
    map_columns(expr, &mut |c| {
        (c.source == FromSource::Table(table.to_owned()))
            .then(|| Expr::aliased_col(to.clone(), c.name.clone()))
    })
}

/// One relationship join: the relationship, the aliases its two sides are
/// read from, and the alias of its secondary table.
pub struct RelationshipJoin<'a> {
    pub rel: &'a RelationshipProperty,
    /// The parent side as an alias (`a1.posts`).
    pub parent_alias: Option<AliasName>,
    /// The target as an alias (`join(a1, User.posts)`, `of_type(a1)`).
    pub target_alias: Option<AliasName>,
    /// The anonymous alias of a many-to-many's secondary table.
    pub secondary_alias: AliasName,
    pub outer: bool,
}

impl OrmQuery {
    /// `join(Parent.rel)` and its aliased forms: the join is added to the
    /// last FROM item (or starts from the relationship's parent), on the
    /// relationship's condition adapted to the aliases.
    pub fn join_relationship(
        mut self,
        registry: &Registry,
        join: RelationshipJoin<'_>,
    ) -> Result<OrmQuery, OrmError> {
        let rel = join.rel;
        let parent = registry.mapper(rel.parent)?;
        let target = registry.mapper(rel.target)?;
        let parent_table = parent.table_name().to_owned();
        let target_table = target.table_name().to_owned();
        if parent_table == target_table
            && join.parent_alias.is_none()
            && join.target_alias.is_none()
        {
            let shown = format!("Mapper[{}({})]", parent.class_name, parent_table);
            self.compile_error.get_or_insert(format!(
                "Can't construct a join from {shown} to {shown}, they are the same entity"
            ));
            return Ok(self);
        }
        let parent_source = source(&parent_table, join.parent_alias.as_ref());
        let target_source = source(&target_table, join.target_alias.as_ref());
        let left = match self.from.pop() {
            Some(item) => item,
            None => FromItem::Table {
                name: parent_table.clone(),
                alias: join.parent_alias.clone(),
            },
        };
        let target_item = FromItem::Table {
            name: target_table.clone(),
            alias: join.target_alias.clone(),
        };
        let add = |left: FromItem, right: FromItem, on: Expr| {
            if join.outer {
                left.outer_join(right, on)
            } else {
                left.join(right, on)
            }
        };
        let joined = match &rel.secondary {
            Some(secondary) => {
                let link = source(&secondary.table, Some(&join.secondary_alias));
                let to_link = |expr: &Expr, side_table: &str, side: &FromSource| {
                    map_columns(expr, &mut |c| match table_of(c) {
                        Some(t) if t == secondary.table => {
                            Some(Expr::aliased_col(link.clone(), c.name.clone()))
                        }
                        Some(t) if t == side_table => {
                            Some(Expr::aliased_col(side.clone(), c.name.clone()))
                        }
                        _ => None,
                    })
                };
                let primary = to_link(
                    &rel.primaryjoin(&parent_table, &target_table),
                    &parent_table,
                    &parent_source,
                );
                let secondary_on = rel
                    .secondaryjoin(&target_table)
                    .map(|on| to_link(&on, &target_table, &target_source))
                    .unwrap_or(Expr::True);
                let link_item = FromItem::Table {
                    name: secondary.table.clone(),
                    alias: Some(join.secondary_alias.clone()),
                };
                if join.outer {
                    // An outer join keeps the secondary-to-target join
                    // inner, grouped on the right (`_ORMJoin`).
                    left.outer_join(link_item.join(target_item, secondary_on), primary)
                } else {
                    add(add(left, link_item, primary), target_item, secondary_on)
                }
            }
            None => {
                let on = rel.adapt_primaryjoin(
                    &parent_table,
                    &target_table,
                    &|name| Expr::aliased_col(parent_source.clone(), name.to_owned()),
                    &|name| Expr::aliased_col(target_source.clone(), name.to_owned()),
                );
                add(left, target_item, on)
            }
        };
        self.from.push(joined);
        self.last_joined = Some((rel.target, join.target_alias.clone()));
        Ok(self)
    }

    /// `join(alias)` / `join(alias, on)`: a join to an aliased class.
    pub fn join_alias(
        self,
        registry: &Registry,
        target: crate::mapper::MapperId,
        alias: &AliasName,
        on: Option<Expr>,
        outer: bool,
    ) -> Result<OrmQuery, OrmError> {
        let table = registry.mapper(target)?.table.clone();
        let mut joined = self.join_to(registry, &table, Some(alias), on, outer)?;
        joined.last_joined = Some((target, Some(alias.clone())));
        Ok(joined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapper::Mapper;
    use crate::query::{Entity, QueryStyle};
    use retort_sql::{Column, ForeignKey, SqlType, Statement, Table, compile_sqlite};

    #[test]
    fn an_aliased_self_join_reads_each_side_from_its_own_source() {
        let mut registry = Registry::new();
        let employee = registry
            .register(Mapper::new(
                "m",
                "Employee",
                Table::new(
                    "employee",
                    vec![
                        Column::new("id", SqlType::Integer).primary_key(),
                        Column::new("manager_id", SqlType::Integer)
                            .foreign_key(ForeignKey::parse("employee.id").unwrap()),
                    ],
                ),
            ))
            .unwrap();
        let manager = AliasName::anon(7, "employee");
        let on = Expr::col("employee", "manager_id")
            .eq(Expr::aliased_col(source("employee", Some(&manager)), "id"));
        let query = OrmQuery::new(
            QueryStyle::Legacy,
            vec![
                Entity::Mapper(employee),
                Entity::Aliased {
                    mapper: employee,
                    alias: manager.clone(),
                },
            ],
        )
        .join_alias(&registry, employee, &manager, Some(on), false)
        .unwrap();
        let sql = compile_sqlite(&Statement::Select(query.to_select(&registry).unwrap()))
            .unwrap()
            .sql;
        assert_eq!(
            sql,
            "SELECT employee.id AS employee_id, employee.manager_id AS employee_manager_id, \
             employee_1.id AS employee_1_id, employee_1.manager_id AS employee_1_manager_id \
             \nFROM employee JOIN employee AS employee_1 ON employee.manager_id = employee_1.id"
        );
    }
}

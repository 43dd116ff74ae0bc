//! `Query.union(...)` and its siblings (SQLAlchemy's `Query.union`, which
//! is `_from_selectable(union(self, *others).subquery())`): the members'
//! SELECTs joined by the set operator become the FROM of a new query,
//! `(SELECT ... UNION SELECT ...) AS anon_1`, and the entities are then
//! selected from that alias (`anon_1.post_id AS anon_1_post_id`), with
//! later criteria and ORDER BY on the entities' columns adapted to it.

use retort_sql::{AliasName, CompoundSelect, Expr, FromItem, FromSource, Select, SetOp};

use super::{OrmQuery, QueryStyle};
use crate::error::OrmError;
use crate::join_condition::{map_columns, table_of};
use crate::mapper::Registry;
use crate::session::Session;

impl Session {
    /// `first.union(*others)` (or another set operator): a query over
    /// `first`'s entities selected from the compound of all members.
    pub fn compound_query(
        &mut self,
        first: &OrmQuery,
        others: &[OrmQuery],
        op: SetOp,
    ) -> Result<OrmQuery, OrmError> {
        let mut selects = vec![first.to_nested_select(&self.registry)?];
        for other in others {
            selects.push(other.to_nested_select(&self.registry)?);
        }
        let alias = AliasName::anon(self.next_anon_id(), "anon");
        let mut query = OrmQuery::new(first.style, first.entities.clone());
        query.loader_options = first.loader_options.clone();
        query.from = vec![FromItem::CompoundSubquery {
            compound: Box::new(CompoundSelect::new(op, selects)),
            alias: alias.clone(),
        }];
        query.entity_alias = Some(alias);
        Ok(query)
    }
}

impl OrmQuery {
    /// The select with the entities' columns read from
    /// [`OrmQuery::entity_alias`]: `post.id` becomes `anon_1.post_id`
    /// (`anon_1.id` for a 2.0 select, whose members are not labelled).
    pub(crate) fn adapt_to_entity_alias(
        &self,
        registry: &Registry,
        mut select: Select,
    ) -> Result<Select, OrmError> {
        let Some(alias) = &self.entity_alias else {
            return Ok(select);
        };
        let mut tables = Vec::new();
        for entity in &self.entities {
            let mapper = entity.mapper_id();
            if let Some(mapper) = mapper {
                tables.push(registry.mapper(mapper)?.table_name().to_owned());
            }
        }
        let legacy = self.style == QueryStyle::Legacy;
        let adapt = |expr: &Expr| {
            map_columns(expr, &mut |column| {
                let table = table_of(column)?;
                if !tables.iter().any(|t| t == table) {
                    return None;
                }
                let name = if legacy {
                    format!("{table}_{}", column.name)
                } else {
                    column.name.clone()
                };
                Some(Expr::aliased_col(FromSource::Alias(alias.clone()), name))
            })
        };
        for list in [
            &mut select.columns,
            &mut select.where_,
            &mut select.group_by,
            &mut select.having,
            &mut select.order_by,
        ] {
            for expr in list.iter_mut() {
                *expr = adapt(expr);
            }
        }
        Ok(select)
    }
}

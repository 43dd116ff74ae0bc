//! `lazy='dynamic'` relationships (SQLAlchemy's `AppenderQuery`): the
//! attribute is a query for the parent's targets, never loaded into the
//! object; appends and removals wait as history until the flush.

use crate::error::OrmError;
use crate::host::Host;
use crate::query::{OrmQuery, QueryStyle};
use crate::relationship::RelationshipProperty;
use crate::session::Session;
use crate::state::ObjectId;
use crate::types::OrmValue;

impl Session {
    /// The same query with placeholders for the parent's key: what a
    /// dynamic attribute returns before it runs.
    pub fn relationship_query_unbound(
        &self,
        obj: ObjectId,
        key: &str,
    ) -> Result<OrmQuery, OrmError> {
        let rel = self.relationship_of(obj, key)?;
        let placeholders = vec![OrmValue::None; self.lazy_width(&rel)];
        self.query_with(&rel, &placeholders)
    }

    /// Binds the parent's key into a query built on
    /// [`Session::relationship_query_unbound`], after an autoflush (the
    /// parent may only now have its key).
    pub fn bind_relationship_query(
        &mut self,
        host: &mut dyn Host,
        query: &OrmQuery,
        obj: ObjectId,
        key: &str,
    ) -> Result<OrmQuery, OrmError> {
        let rel = self.relationship_of(obj, key)?;
        if self.attached(obj) {
            self.autoflush(host)?;
        }
        let values = self.lazy_values(obj, &rel)?;
        let criteria = self.lazy_clause(&rel, &values)?;
        let mut bound = query.clone();
        let width = criteria.len().min(bound.where_.len());
        bound.where_.splice(0..width, criteria);
        Ok(bound)
    }

    fn lazy_width(&self, rel: &RelationshipProperty) -> usize {
        match &rel.secondary {
            Some(secondary) => secondary.parent_pairs.len(),
            None => rel.pairs.len(),
        }
    }

    fn query_with(
        &self,
        rel: &RelationshipProperty,
        values: &[OrmValue],
    ) -> Result<OrmQuery, OrmError> {
        let mut query = OrmQuery::for_mapper(QueryStyle::Legacy, rel.target);
        if let Some(secondary) = &rel.secondary {
            let target = self.registry.mapper(rel.target)?.table_name().to_owned();
            query.from = vec![
                retort_sql::FromItem::table(target),
                retort_sql::FromItem::table(secondary.table.clone()),
            ];
        }
        query.where_ = self.lazy_clause(rel, values)?;
        query.order_by = rel.options.order_by.clone();
        Ok(query)
    }

    fn parent_query(
        &mut self,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<OrmQuery, OrmError> {
        let values = self.lazy_values(obj, rel)?;
        self.query_with(rel, &values)
    }

    /// `with_parent(obj, Parent.rel)`: the criterion selecting `obj`'s
    /// targets (`? = song.playlist_id`).
    pub fn with_parent_criteria(
        &mut self,
        obj: ObjectId,
        key: &str,
    ) -> Result<Vec<retort_sql::Expr>, OrmError> {
        let rel = self.relationship_of(obj, key)?;
        let values = self.lazy_values(obj, &rel)?;
        self.lazy_clause(&rel, &values)
    }

    /// Iterating a dynamic relationship: a query when the parent is in a
    /// session, the pending appends when it is not.
    pub(crate) fn dynamic_items(
        &mut self,
        host: &mut dyn Host,
        obj: ObjectId,
        rel: &RelationshipProperty,
    ) -> Result<Vec<ObjectId>, OrmError> {
        if !self.attached(obj) {
            return Ok(self
                .state(obj)?
                .rels
                .get(&rel.key)
                .map(|r| r.pending_added.clone())
                .unwrap_or_default());
        }
        self.autoflush(host)?;
        let values = self.lazy_values(obj, rel)?;
        if values.iter().any(OrmValue::is_none) {
            return Ok(Vec::new());
        }
        let query = self.parent_query(obj, rel)?;
        let result = self.execute_query(host, &query)?;
        Ok(result
            .rows
            .into_iter()
            .filter_map(|row| match row.items.into_iter().next() {
                Some(crate::query::ResultItem::Object(o)) => Some(o),
                _ => None,
            })
            .collect())
    }
}

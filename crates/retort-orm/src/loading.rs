//! Turning result rows into objects through the identity map (SQLAlchemy's
//! `loading.py`): an object already in the session keeps its loaded and
//! modified values and only has its expired or unloaded attributes filled.

use retort_sql::Value;

use crate::error::OrmError;
use crate::mapper::MapperId;
use crate::session::Session;
use crate::state::ObjectId;
use crate::types::{OrmValue, from_result};

impl Session {
    /// The object for one row of a mapper's columns (in mapper column
    /// order); `None` when the primary key is NULL (an outer join miss).
    pub(crate) fn instance_from_row(
        &mut self,
        mapper_id: MapperId,
        row: &[Value],
    ) -> Result<Option<ObjectId>, OrmError> {
        let mapper = self.registry.mapper(mapper_id)?.clone();
        let values: Vec<OrmValue> = mapper
            .columns
            .iter()
            .zip(row)
            .map(|(c, v)| from_result(v, &c.sql_type, c.enum_class.as_deref()))
            .collect();
        let mut pk = Vec::new();
        for prop in mapper.primary_key() {
            let Some(index) = mapper.columns.iter().position(|c| c.attr == prop.attr) else {
                return Ok(None);
            };
            match values.get(index) {
                Some(OrmValue::None) | None => return Ok(None),
                Some(v) => pk.push(v.clone()),
            }
        }
        let obj = match self.identity.get(mapper_id, &pk) {
            Some(existing) => existing,
            None => {
                let created = self.new_object(mapper_id)?;
                let state = self.state_mut(created)?;
                state.attached = true;
                state.key = Some(pk.clone());
                self.identity.insert(mapper_id, &pk, created);
                created
            }
        };
        let state = self.state_mut(obj)?;
        for (prop, value) in mapper.columns.iter().zip(values) {
            let unloaded =
                !state.dict.contains_key(&prop.attr) && !state.committed.contains_key(&prop.attr);
            if state.expired.contains(&prop.attr) || unloaded {
                state.dict.insert(prop.attr.clone(), value);
                state.expired.remove(&prop.attr);
            }
        }
        Ok(Some(obj))
    }
}

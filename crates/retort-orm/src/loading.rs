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
        // Read what the row means while the registry is borrowed; the
        // session is changed only afterwards. (Cloning the whole mapper per
        // row to end the borrow dominated loading time.)
        let (loaded, pk) = {
            let mapper = self.registry.mapper(mapper_id)?;
            let loaded: Vec<(String, OrmValue)> = mapper
                .columns
                .iter()
                .zip(row)
                .map(|(c, v)| {
                    (
                        c.attr.clone(),
                        from_result(v, &c.sql_type, c.enum_class.as_deref()),
                    )
                })
                .collect();
            let mut pk = Vec::new();
            for prop in mapper.primary_key() {
                match loaded.iter().find(|(attr, _)| *attr == prop.attr) {
                    Some((_, OrmValue::None)) | None => return Ok(None),
                    Some((_, v)) => pk.push(v.clone()),
                }
            }
            (loaded, pk)
        };
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
        let loaded_by = self.engine.log.last_index();
        let state = self.state_mut(obj)?;
        state.loaded_by = loaded_by;
        for (attr, value) in loaded {
            let unloaded = !state.dict.contains_key(&attr) && !state.committed.contains_key(&attr);
            if state.expired.contains(&attr) || unloaded {
                state.expired.remove(&attr);
                state.dict.insert(attr, value);
            }
        }
        Ok(Some(obj))
    }
}

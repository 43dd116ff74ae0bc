//! Read-only inspection of a session by its host (the run report's
//! snapshots call an object's Python `__repr__`): while an [`Inspection`]
//! lasts, no statement may run — the engine refuses it before logging it,
//! and flushes and queries stop at the pending-rollback check — and when it
//! ends, the inspected object's state, the cause token, the warnings and
//! the cascade effects are put back as they were.

use crate::session::Session;
use crate::state::{InstanceState, ObjectId};

/// What [`Session::begin_inspection`] saved, to restore at the end.
#[derive(Debug)]
pub struct Inspection {
    object: Option<(ObjectId, InstanceState)>,
    failed: Option<String>,
    caused_by: Option<u64>,
    warnings: usize,
    effects: usize,
}

const INSPECTING: &str = "the session is being inspected; no SQL may run";

impl Session {
    /// Every object that belongs to the session (pending, persistent, or
    /// deleted by a flush), in handle order.
    pub fn attached_objects(&self) -> Vec<ObjectId> {
        self.objects
            .iter()
            .filter(|(_, state)| state.attached)
            .map(|(id, _)| id)
            .collect()
    }

    /// Starts inspecting `object` (or the session): from now on until
    /// [`Session::end_inspection`], every statement fails without being
    /// logged or run.
    pub fn begin_inspection(&mut self, object: Option<ObjectId>) -> Inspection {
        let inspection = Inspection {
            object: object.and_then(|id| self.objects.get(&id).map(|s| (id, s.clone()))),
            failed: self.failed.clone(),
            caused_by: self.engine.log.caused_by,
            warnings: self.warnings.len(),
            effects: self.effects.len(),
        };
        self.engine.sql_blocked = true;
        if self.failed.is_none() {
            self.failed = Some(INSPECTING.to_owned());
        }
        inspection
    }

    /// Ends an inspection and undoes what it did to the inspected object;
    /// returns whether the host code had changed that object's state.
    pub fn end_inspection(&mut self, inspection: Inspection) -> bool {
        self.engine.sql_blocked = false;
        self.failed = inspection.failed;
        self.engine.log.caused_by = inspection.caused_by;
        self.warnings.truncate(inspection.warnings);
        self.effects.truncate(inspection.effects);
        let Some((id, saved)) = inspection.object else {
            return false;
        };
        let changed = self.objects.get(&id) != Some(&saved);
        if changed {
            self.objects.insert(id, saved);
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use retort_sql::{Column, SqlType, Table};

    use crate::{Mapper, NoHost, OrmQuery, OrmValue, QueryStyle, Session};

    #[test]
    fn nothing_runs_and_the_object_is_restored() {
        let mut session = Session::in_memory().unwrap();
        let table = Table::new(
            "users",
            vec![
                Column::new("id", SqlType::Integer).primary_key(),
                Column::new("name", SqlType::String(Some(20))),
            ],
        );
        let user = session
            .register(Mapper::new("__main__", "User", table))
            .unwrap();
        session.create_all().unwrap();
        let ann = session.new_object(user).unwrap();
        session
            .set_attr(ann, "name", OrmValue::from("ann"))
            .unwrap();
        session.add(ann).unwrap();
        session.commit(&mut NoHost).unwrap();
        let logged = session.records().len();
        assert_eq!(session.attached_objects(), vec![ann]);

        let inspection = session.begin_inspection(Some(ann));
        assert!(session.get_attr(ann, "name").is_err(), "an expired load");
        let query = OrmQuery::for_mapper(QueryStyle::Legacy, user);
        assert!(session.query_count(&mut NoHost, &query).is_err());
        session
            .set_attr(ann, "name", OrmValue::from("bob"))
            .unwrap();
        assert!(session.end_inspection(inspection));

        assert_eq!(session.records().len(), logged);
        assert!(session.is_active());
        assert!(session.state(ann).unwrap().expired.contains("name"));
        assert_eq!(
            session.get_attr(ann, "name").unwrap(),
            OrmValue::from("ann")
        );
        assert_eq!(session.records().len(), logged + 2, "BEGIN and the refresh");
    }
}

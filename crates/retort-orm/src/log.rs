//! The statement record: what SQLAlchemy's echo log would show for each
//! statement and transaction marker, tagged with where it came from.

use retort_sql::Value;
use serde::{Deserialize, Serialize};

/// The kind of a logged entry, as in `expected/*.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Begin,
    Commit,
    Rollback,
    Execute,
    Executemany,
    Insertmanyvalues,
}

impl StatementKind {
    /// The spelling used in the recorded JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Begin => "begin",
            StatementKind::Commit => "commit",
            StatementKind::Rollback => "rollback",
            StatementKind::Execute => "execute",
            StatementKind::Executemany => "executemany",
            StatementKind::Insertmanyvalues => "insertmanyvalues",
        }
    }
}

/// Whether the statement ran during the script or while tearing down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    #[default]
    Script,
    Teardown,
}

/// Which part of the ORM issued a statement, for the page's SQL log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Session transaction markers (`BEGIN (implicit)`, `COMMIT`, `ROLLBACK`).
    #[default]
    Session,
    /// A statement of the flush (INSERT, UPDATE, DELETE, or the SELECT of
    /// still-expired columns it needs).
    Flush,
    /// A query the script asked for.
    Query,
    /// The load of expired attributes (attribute access, `refresh`, `get`).
    Refresh,
    /// `create_all`, including its existence checks.
    CreateAll,
    /// `drop_all`, including its existence checks.
    DropAll,
    /// A bulk `UPDATE` / `DELETE` from a query.
    Bulk,
    /// `inspect(engine)` queries, on their own connection.
    Inspect,
    /// A relationship attribute loaded on access (`lazy='select'`).
    LazyLoad,
    /// A relationship loaded with its parents' query (`selectin`,
    /// `subquery`).
    EagerLoad,
}

/// The parameters of an entry: one row, or several for `executemany`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RecordParams {
    Single(Vec<Value>),
    Many(Vec<Vec<Value>>),
}

/// One logged entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementRecord {
    pub kind: StatementKind,
    pub sql: String,
    pub params: RecordParams,
    pub phase: Phase,
    pub origin: Origin,
    /// The host's token for what caused the statement (a source line).
    pub caused_by: Option<u64>,
    /// The statement's position in the whole run (counting drained ones).
    #[serde(default)]
    pub index: u64,
    /// For a relationship load: which attribute of which object, how.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<RelationshipLoad>,
}

/// What a relationship load statement loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationshipLoad {
    /// `Parent.attribute`.
    pub attribute: String,
    /// The object whose attribute loaded (`None` for an eager load of
    /// several parents).
    pub object: Option<crate::state::ObjectId>,
    /// The loader strategy (`select`, `selectin`, `subquery`, ...).
    pub strategy: String,
    /// The index of the query that loaded the object, if a query did.
    pub parent_query: Option<u64>,
}

/// Lazy loads of one relationship for several objects of one query: the
/// N+1 pattern, and the loader option that would load them at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NPlusOne {
    pub attribute: String,
    /// The query whose objects were loaded one by one.
    pub query_index: u64,
    /// The lazy-load statements, by index.
    pub loads: Vec<u64>,
    /// `selectinload(Parent.attribute)`.
    pub suggestion: String,
}

/// Finds the N+1 pattern in a run's statements: the same relationship
/// lazily loaded for two or more objects that came from the same query.
pub fn n_plus_one(records: &[StatementRecord]) -> Vec<NPlusOne> {
    let mut found: Vec<NPlusOne> = Vec::new();
    for record in records {
        let Some(load) = &record.load else {
            continue;
        };
        let (Some(query_index), "select") = (load.parent_query, load.strategy.as_str()) else {
            continue;
        };
        match found
            .iter_mut()
            .find(|n| n.attribute == load.attribute && n.query_index == query_index)
        {
            Some(entry) => entry.loads.push(record.index),
            None => found.push(NPlusOne {
                attribute: load.attribute.clone(),
                query_index,
                loads: vec![record.index],
                suggestion: format!("selectinload({})", load.attribute),
            }),
        }
    }
    found.retain(|n| n.loads.len() >= 2);
    found
}

impl StatementRecord {
    /// The SQL with whitespace runs collapsed to one space, as the corpus's
    /// `normalized` field.
    pub fn normalized(&self) -> String {
        normalize_sql(&self.sql)
    }
}

/// Collapses whitespace runs to one space and trims the ends.
pub fn normalize_sql(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The growing record of a run, with the phase and cause the host set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StatementLog {
    pub records: Vec<StatementRecord>,
    pub phase: Phase,
    pub caused_by: Option<u64>,
    /// Set while a relationship load runs its statement.
    pub load: Option<RelationshipLoad>,
    /// The index the next statement gets.
    pub next_index: u64,
    /// Told of every entry as it is logged (the host's `echo=True` log).
    #[serde(skip)]
    pub observer: Option<LogObserver>,
}

/// A callback told of every statement as it is logged.
#[derive(Clone)]
pub struct LogObserver(pub std::rc::Rc<dyn Fn(&StatementRecord)>);

impl std::fmt::Debug for LogObserver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LogObserver")
    }
}

impl PartialEq for LogObserver {
    /// Observers are not part of what a log holds.
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl StatementLog {
    /// Appends an entry under the current phase and cause.
    pub fn push(&mut self, kind: StatementKind, sql: &str, params: RecordParams, origin: Origin) {
        self.records.push(StatementRecord {
            kind,
            sql: sql.to_owned(),
            params,
            phase: self.phase,
            origin,
            caused_by: self.caused_by,
            index: self.next_index,
            load: self.load.clone(),
        });
        self.next_index += 1;
        if let (Some(observer), Some(record)) = (&self.observer, self.records.last()) {
            (observer.0)(record);
        }
    }

    /// The index of the last statement recorded, if any.
    pub fn last_index(&self) -> Option<u64> {
        self.next_index.checked_sub(1)
    }

    /// Takes the entries recorded so far.
    pub fn drain(&mut self) -> Vec<StatementRecord> {
        std::mem::take(&mut self.records)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_carry_phase_and_cause() {
        let mut log = StatementLog {
            caused_by: Some(7),
            ..StatementLog::default()
        };
        log.push(
            StatementKind::Execute,
            "SELECT a \nFROM t",
            RecordParams::Single(vec![]),
            Origin::Query,
        );
        log.phase = Phase::Teardown;
        log.push(
            StatementKind::Rollback,
            "ROLLBACK",
            RecordParams::Single(vec![]),
            Origin::Session,
        );
        assert_eq!(log.records[0].normalized(), "SELECT a FROM t");
        assert_eq!(log.records[0].caused_by, Some(7));
        assert_eq!(log.records[1].phase, Phase::Teardown);
        let json = serde_json::to_value(&log.records[0]).unwrap();
        assert_eq!(json["kind"], "execute");
        assert_eq!(json["params"], serde_json::json!([]));
        assert_eq!(log.drain().len(), 2);
        assert!(log.records.is_empty());
    }
}

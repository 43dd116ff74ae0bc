//! The ORM's record types in the report's terms: statement kinds,
//! origins, phases, object states, relationship loads, N+1 findings and
//! cascade effects, listener calls. The report is the page's format; the ORM's types stay
//! free to change behind these functions.

use retort_orm::{CascadeOp as OrmCascadeOp, ObjectStatus as OrmStatus};
use retort_report::{
    CascadeEffect, CascadeOp, NPlusOne, ObjectStatus, Origin, Phase, RelationshipLoad,
    StatementKind,
};

use super::spans::SourceLines;

pub fn kind(kind: retort_orm::StatementKind) -> StatementKind {
    use retort_orm::StatementKind as K;
    match kind {
        K::Begin => StatementKind::Begin,
        K::Commit => StatementKind::Commit,
        K::Rollback => StatementKind::Rollback,
        K::Execute => StatementKind::Execute,
        K::Executemany => StatementKind::Executemany,
        K::Insertmanyvalues => StatementKind::Insertmanyvalues,
    }
}

pub fn origin(origin: retort_orm::Origin) -> Origin {
    use retort_orm::Origin as O;
    match origin {
        O::Session => Origin::Session,
        O::Flush => Origin::Flush,
        O::Query => Origin::Query,
        O::Refresh => Origin::Refresh,
        O::CreateAll => Origin::CreateAll,
        O::DropAll => Origin::DropAll,
        O::Bulk => Origin::Bulk,
        O::Inspect => Origin::Inspect,
        O::LazyLoad => Origin::LazyLoad,
        O::EagerLoad => Origin::EagerLoad,
    }
}

pub fn phase(phase: retort_orm::Phase) -> Phase {
    match phase {
        retort_orm::Phase::Script => Phase::Script,
        retort_orm::Phase::Teardown => Phase::Teardown,
    }
}

pub fn status(status: OrmStatus) -> ObjectStatus {
    match status {
        OrmStatus::Transient => ObjectStatus::Transient,
        OrmStatus::Pending => ObjectStatus::Pending,
        OrmStatus::Persistent => ObjectStatus::Persistent,
        OrmStatus::Deleted => ObjectStatus::Deleted,
        OrmStatus::Detached => ObjectStatus::Detached,
    }
}

pub fn load(load: &retort_orm::RelationshipLoad) -> RelationshipLoad {
    RelationshipLoad {
        attribute: load.attribute.clone(),
        object: load.object.map(|o| o.0),
        strategy: load.strategy.clone(),
        parent_query: load.parent_query,
    }
}

pub fn n_plus_one(found: &retort_orm::NPlusOne) -> NPlusOne {
    NPlusOne {
        attribute: found.attribute.clone(),
        query_index: found.query_index,
        loads: found.loads.clone(),
        suggestion: found.suggestion.clone(),
    }
}

fn cascade_op(op: OrmCascadeOp) -> CascadeOp {
    match op {
        OrmCascadeOp::SaveUpdate => CascadeOp::SaveUpdate,
        OrmCascadeOp::Delete => CascadeOp::Delete,
        OrmCascadeOp::DeleteOrphan => CascadeOp::DeleteOrphan,
        OrmCascadeOp::ExpungeOrphan => CascadeOp::ExpungeOrphan,
        OrmCascadeOp::Nullify => CascadeOp::Nullify,
        OrmCascadeOp::SetForeignKey => CascadeOp::SetForeignKey,
        OrmCascadeOp::LinkInsert => CascadeOp::LinkInsert,
        OrmCascadeOp::LinkDelete => CascadeOp::LinkDelete,
    }
}

pub fn effect(effect: &retort_orm::CascadeEffect, lines: &SourceLines) -> CascadeEffect {
    CascadeEffect {
        op: cascade_op(effect.op),
        object: effect.object.0,
        via: effect.via.clone(),
        from: effect.from.map(|o| o.0),
        span: effect.caused_by.and_then(|line| lines.line_span(line)),
    }
}

/// A listener call in the report's terms.
pub fn listener_call(
    call: &crate::events::ListenerCall,
    lines: &SourceLines,
) -> retort_report::ListenerCall {
    retort_report::ListenerCall {
        event: call.event.clone(),
        target: call.target.clone(),
        listener: call.listener.clone(),
        listener_span: call
            .listener_line
            .and_then(|line| lines.line_span(u64::from(line))),
        span: call
            .caused_by
            .and_then(|line| lines.line_span(u64::from(line))),
    }
}

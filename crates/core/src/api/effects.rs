//! What a handler changes, built up while it works: records put and deleted, and the audit
//! entries that say who did it. Handlers validate everything first and only then fill this in,
//! so a refusal never leaves a partial change.

use chrono::{DateTime, Utc};

use super::access::Actor;
use super::request::Response;
use crate::model::{AuditEntry, ChangeSet, Collection, Record, Scope, State};

pub struct Effects<'s> {
    state: &'s State,
    /// Who the audit entries name, and when they say it happened.
    actor: &'s Actor,
    now: DateTime<Utc>,
    changes: ChangeSet,
    next_audit: u64,
}

impl<'s> Effects<'s> {
    pub fn new(state: &'s State, actor: &'s Actor, now: DateTime<Utc>) -> Effects<'s> {
        Effects {
            state,
            actor,
            now,
            changes: ChangeSet::default(),
            next_audit: state.next_audit_id(),
        }
    }

    pub fn put(&mut self, record: Record) {
        self.changes.put(record);
    }

    pub fn delete(&mut self, collection: Collection, id: impl Into<String>) {
        self.changes.delete(collection, id);
    }

    /// Records that the actor did `action` in `scope` to these IDs.
    pub fn audit(
        &mut self,
        scope: Scope,
        action: &str,
        targets: Vec<String>,
        summary: impl Into<String>,
    ) {
        let entry = AuditEntry {
            id: format!("{:012}", self.next_audit),
            at: self.now,
            actor: self.actor.id().to_owned(),
            actor_name: self.actor.name(self.state),
            scope,
            action: action.to_owned(),
            targets,
            summary: summary.into(),
        };
        self.next_audit += 1;
        self.changes.put(Record::Audit(entry));
    }

    pub fn finish(self, response: Response) -> (Response, ChangeSet) {
        (response, self.changes)
    }
}

//! What a handler changes, built up while it works: records put and deleted, and the audit
//! entries that say who did it. Handlers validate everything first and only then fill this in,
//! so a refusal never leaves a partial change.

use chrono::{DateTime, Utc};

use super::access::Actor;
use super::request::Response;
use crate::model::mail::{About, Delivery, Topic};
use crate::model::{AuditEntry, ChangeSet, Collection, Email, Organization, Record, Scope, State};

pub struct Effects<'s> {
    state: &'s State,
    /// Who the audit entries name, and when they say it happened.
    actor: &'s Actor,
    now: DateTime<Utc>,
    changes: ChangeSet,
    next_audit: u64,
    next_email: u64,
}

impl<'s> Effects<'s> {
    pub fn new(state: &'s State, actor: &'s Actor, now: DateTime<Utc>) -> Effects<'s> {
        Effects {
            state,
            actor,
            now,
            changes: ChangeSet::default(),
            next_audit: state.next_audit_id(),
            next_email: state.next_email_id(),
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

    /// Writes an email into the outbox, to go out with this change (`model::mail`).
    pub fn send(&mut self, to: &str, subject: String, body: String, about: About) {
        let email = Email {
            id: format!("{:012}", self.next_email),
            at: self.now,
            to: to.to_owned(),
            subject,
            body,
            about,
            delivery: Delivery::Outbox,
        };
        self.next_email += 1;
        self.changes.put(Record::Email(email));
    }

    /// Writes a notice to an organization's email address: "The email address to receive
    /// administrative notifications related to this organization" (seed 000).
    pub fn notify(&mut self, org: &Organization, topic: Topic, subject: String, body: String) {
        let about = About::Organization {
            org_id: org.id.clone(),
            topic,
        };
        self.send(&org.email, subject, body, about);
    }

    pub fn finish(self, response: Response) -> (Response, ChangeSet) {
        (response, self.changes)
    }
}

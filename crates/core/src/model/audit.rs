//! The audit log: who changed what, when, and the IDs it touched ("Read Audits: Download
//! organization audit logs", seed 004).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Scope;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Zero-padded sequence number, so that IDs sort in the order the changes were made.
    pub id: String,
    pub at: DateTime<Utc>,
    /// The acting user's ID or token's clientId.
    pub actor: String,
    /// The acting user's email, or "token".
    pub actor_name: String,
    /// Where it happened: an organization or the enterprise.
    pub scope: Scope,
    /// The operation, e.g. "role.create", "user.invite".
    pub action: String,
    /// The IDs of what changed.
    pub targets: Vec<String>,
    /// One line a person can read.
    pub summary: String,
}

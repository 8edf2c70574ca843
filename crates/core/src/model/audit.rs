//! The audit log: who changed what, when, and the IDs it touched ("Read Audits: Download
//! organization audit logs", seed 004).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Scope;
use crate::spreadsheet::{neutralise, CsvText};
use crate::time::format_timestamp;

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

/// The columns of the audit log, as the page's table names them and its CSV file heads them.
pub const COLUMNS: [&str; 5] = ["When", "Who", "Action", "What changed", "IDs"];

impl AuditEntry {
    /// Its cells under [`COLUMNS`], the instant as RFC 3339.
    pub fn cells(&self) -> [String; 5] {
        [
            format_timestamp(self.at),
            self.actor_name.clone(),
            self.action.clone(),
            self.summary.clone(),
            self.targets.join(", "),
        ]
    }
}

/// The entries as a CSV file: [`COLUMNS`], then one row per entry, every cell neutralised
/// against spreadsheet formulas (names and summaries quote what people typed).
pub fn write_csv<'a>(entries: impl IntoIterator<Item = &'a AuditEntry>) -> String {
    let mut csv = CsvText::new();
    csv.row(COLUMNS);
    for entry in entries {
        let cells = entry.cells();
        csv.row(cells.iter().map(|cell| neutralise(cell)));
    }
    csv.finish()
}

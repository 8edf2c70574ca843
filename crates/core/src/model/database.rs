//! Databases as the resources that role scopes name. The portal keeps an inventory (name, cloud
//! provider, region, keyspaces and their tables); it does not run them.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Database {
    pub id: String,
    pub org_id: String,
    /// The user (or token clientId) that added it: the spec's `ownerId`.
    pub owner_id: String,
    pub name: String,
    /// AWS, GCP or AZURE.
    pub cloud_provider: String,
    pub region: String,
    /// Keyspace name → its tables.
    pub keyspaces: BTreeMap<String, Vec<String>>,
    pub created_at: DateTime<Utc>,
}

impl Database {
    /// The custom role a database's token gets (seed 004, "View roles"): "These roles are named
    /// DATABASE_NAME Database Administrator".
    pub fn token_role_name(&self) -> String {
        format!("{} Database Administrator", self.name.trim())
    }
}

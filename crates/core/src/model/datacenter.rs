//! A database's regions and their private endpoints (seed 001, "Multiple regions" and "Private
//! endpoints"): the primary region is the database's own; each region added later is a
//! [`Datacenter`] of its record, and each region's private link (the principals allowed to
//! connect, the endpoints accepted) is kept by datacenter ID. The premium features an
//! organization uses follow from these (`pricing::premium`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A region added to a database. Its ID is the database's with the region's number, as Astra
/// numbers them: `{databaseId}-1` is the primary region, `-2`, `-3`, ... the ones added after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Datacenter {
    pub id: String,
    /// AWS, GCP or AZURE: the database's own provider.
    pub cloud_provider: String,
    pub region: String,
    pub created_at: DateTime<Utc>,
    /// When it was terminated; it stays listed (`?all=true`) as TERMINATED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminated_at: Option<DateTime<Utc>>,
}

impl Datacenter {
    pub fn is_active(&self) -> bool {
        self.terminated_at.is_none()
    }

    /// As the DevOps API spells its status.
    pub fn status(&self) -> &'static str {
        if self.is_active() {
            "ACTIVE"
        } else {
            "TERMINATED"
        }
    }
}

/// One region's private link: the cloud accounts allowed to connect to its endpoint service, and
/// the endpoints accepted into it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivateLink {
    #[serde(default)]
    pub allowed_principals: Vec<String>,
    #[serde(default)]
    pub endpoints: Vec<PrivateEndpoint>,
}

impl PrivateLink {
    pub fn is_empty(&self) -> bool {
        self.allowed_principals.is_empty() && self.endpoints.is_empty()
    }

    pub fn endpoint(&self, id: &str) -> Option<&PrivateEndpoint> {
        self.endpoints.iter().find(|e| e.endpoint_id == id)
    }
}

/// An endpoint of the customer's cloud account, accepted into a region's private link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrivateEndpoint {
    /// The customer's endpoint, such as `vpce-0a1b2c3d4e5f67890`.
    pub endpoint_id: String,
    pub description: String,
    /// The connection's number on the service's side.
    pub link_id: String,
    pub created_at: DateTime<Utc>,
}

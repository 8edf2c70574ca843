//! The enterprise and its organizations (seed 000, "Manage your enterprise").

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::customer_key::{CustomerKey, KmsProvider};

/// The one enterprise of a state: an ID and a display name that Enterprise Administrators edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Enterprise {
    pub id: String,
    pub name: String,
}

/// "Organizations are either standalone or part of an enterprise" (seed 000).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum OrgType {
    Standalone,
    Enterprise,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: String,
    pub name: String,
    /// "The email address to receive administrative notifications related to this organization."
    pub email: String,
    pub org_type: OrgType,
    /// A user's default (personal) organization: never in an enterprise, never deleted.
    #[serde(default)]
    pub default_of: Option<String>,
    #[serde(default)]
    pub description: String,
    /// Set for enterprise organizations; "DataStax uses the organizationGroupId to track
    /// organization usage for your enterprise."
    #[serde(default)]
    pub enterprise_id: Option<String>,
    #[serde(default)]
    pub organization_group_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_modified: DateTime<Utc>,
    /// The longest a new token of the organization may live, in days; `None` lets tokens
    /// never expire (seed 000's "never expire"). Goes beyond the seeds, as token expiry does
    /// (see `ApplicationToken::token_expiry`): it lets an organization require expiring tokens.
    #[serde(default)]
    pub max_token_lifetime_days: Option<u32>,
    /// Seed 001, "Bring Your Own Key": at most one per provider and region, in the order added.
    #[serde(default)]
    pub customer_keys: Vec<CustomerKey>,
}

impl Organization {
    /// The customer key registered for the provider's region, if one is.
    pub fn customer_key(&self, provider: KmsProvider, region: &str) -> Option<&CustomerKey> {
        self.customer_keys
            .iter()
            .find(|key| key.provider == provider && key.region == region)
    }

    pub fn is_default(&self) -> bool {
        self.default_of.is_some()
    }

    /// What an organization is called where its record isn't at hand (deleted, or not loaded
    /// yet): its ID is then all there is to go by.
    pub fn unknown_name(id: &str) -> String {
        format!("Organization {id}")
    }
}

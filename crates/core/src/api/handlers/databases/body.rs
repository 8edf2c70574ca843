//! The body of `POST /v2/databases`, as the spec's DatabaseInfoCreate types it.

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::api::error::{ApiError, ErrorId};

/// The body of `POST /v2/databases`: the spec's DatabaseInfoCreate, of which the inventory keeps
/// the name, cloud provider, region and keyspaces.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(super) struct NewDatabase {
    pub name: String,
    pub cloud_provider: String,
    pub region: String,
    pub keyspace: String,
    /// Keyspaces besides `keyspace` (the spec's DatabaseInfo calls them additionalKeyspaces).
    #[serde(default, alias = "additionalKeyspaces")]
    pub keyspaces: Vec<String>,
    /// Required, as the spec's DatabaseInfoCreate has it: `serverless`, the one tier the
    /// portal creates.
    tier: String,
    capacity_units: i64,
    /// `vector`, the spec's one value, for a Serverless (Vector) database.
    #[serde(default)]
    db_type: Option<String>,
    // Credentials for the database's own CQL user, which an inventory has no use for: accepted
    // so that DevOps API clients can send the body they always send, and ignored.
    #[serde(default, rename = "user")]
    _user: Option<IgnoredAny>,
    #[serde(default, rename = "password")]
    _password: Option<IgnoredAny>,
}

/// The largest `capacityUnits` the spec's DatabaseInfoCreate takes.
const CAPACITY_UNITS_MAX: i64 = 100;

impl NewDatabase {
    /// The tier, capacity units and type, as the spec types them.
    pub fn shape(&self) -> Result<(String, u32, Option<String>), ApiError> {
        let invalid = |message: String| ApiError::new(ErrorId::InvalidField, message);
        let tier = self.tier.as_str();
        if tier != "serverless" {
            return Err(invalid(format!(
                "field 'tier' is invalid: '{tier}' is a Classic tier, and the portal creates \
                 Serverless databases; send \"tier\": \"serverless\""
            )));
        }
        let units = self.capacity_units;
        if !(1..=CAPACITY_UNITS_MAX).contains(&units) {
            return Err(invalid(format!(
                "field 'capacityUnits' is invalid: {units} is not from 1 to {CAPACITY_UNITS_MAX}"
            )));
        }
        if let Some(kind) = self.db_type.as_deref().filter(|kind| *kind != "vector") {
            return Err(invalid(format!(
                "field 'dbType' is invalid: '{kind}' is not a database type; the one type is \
                 'vector', or leave it out"
            )));
        }
        Ok((tier.to_owned(), units as u32, self.db_type.clone()))
    }
}

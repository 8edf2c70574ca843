//! A custom role as the state keeps it: the role, where it belongs, and who changed it last (the
//! spec's `last_update_datetime` and `last_update_userid`). Default roles are never stored: they
//! are data (`rbac::DEFAULT_ROLES`), instantiated for each organization or the enterprise.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Scope;
use crate::rbac::Role;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredRole {
    pub role: Role,
    pub scope: Scope,
    pub last_update_datetime: DateTime<Utc>,
    pub last_update_userid: String,
}

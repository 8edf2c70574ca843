//! The portal's domain model: the enterprise, its organizations, users and their memberships,
//! custom roles, application tokens, the database inventory, billing, usage and the audit log,
//! held together as one [`State`] that changes only through [`ChangeSet`]s.

pub mod access_list;
pub mod audit;
pub mod bootstrap;
pub mod customer_key;
pub mod database;
pub mod datacenter;
pub mod demo;
pub mod entropy;
pub mod export;
pub mod invariants;
pub mod mail;
pub mod organization;
pub mod premium;
pub mod state;
pub mod stored_role;
pub mod token;
pub mod user;
pub mod versions;

pub use access_list::{AccessAddress, AccessList};
pub use audit::AuditEntry;
pub use customer_key::{CustomerKey, KmsProvider};
pub use database::{Database, DatabaseStatus, Lifecycle};
pub use datacenter::{Datacenter, PrivateEndpoint, PrivateLink};
pub use entropy::{Entropy, OsEntropy, SeededEntropy};
pub use export::{export, import, ImportError, FORMAT, SCHEMA_VERSION};
pub use invariants::{check as check_invariants, Problem};
pub use mail::Email;
pub use organization::{Enterprise, OrgType, Organization};
pub use state::{
    Change, ChangeSet, Collection, Headless, Key, Record, State, StoredReport, UsageRow,
    COLLECTIONS_ADDED,
};
pub use stored_role::StoredRole;
pub use token::{ApplicationToken, Credentials, PresentedToken};
pub use user::{MemberStatus, Membership, User};
pub use versions::{ClientMark, RecordVersion, Stamp, SyncMeta};

use serde::{Deserialize, Serialize};

/// Where a role, token, membership or audit entry belongs: one organization, or the enterprise
/// (a state holds one enterprise).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Scope {
    Organization(String),
    Enterprise,
}

impl Scope {
    pub fn organization(&self) -> Option<&str> {
        match self {
            Scope::Organization(id) => Some(id),
            Scope::Enterprise => None,
        }
    }
}

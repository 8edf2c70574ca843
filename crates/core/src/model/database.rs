//! Databases as the resources that role scopes name, and as the DevOps API serves them. The
//! portal keeps an inventory (name, cloud provider, region, tier, keyspaces and their tables) and
//! each database's life cycle; it does not run them.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{AccessList, Datacenter, PrivateLink};

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
    /// The spec's Tier: `serverless` for every database the portal creates.
    #[serde(default = "serverless")]
    pub tier: String,
    #[serde(default = "one")]
    pub capacity_units: u32,
    /// `vector` for a Serverless (Vector) database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_type: Option<String>,
    /// Records written before databases had a life cycle are active.
    #[serde(default)]
    pub lifecycle: Lifecycle,
    /// Its IP access list; records written before databases had one have an empty list that is
    /// off.
    #[serde(default)]
    pub access_list: AccessList,
    /// The regions added after the primary one, terminated ones included; records written before
    /// databases had more than one region have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub datacenters: Vec<Datacenter>,
    /// Each region's private link, by datacenter ID (the primary's included); none before
    /// databases had private endpoints.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub private_links: BTreeMap<String, PrivateLink>,
}

fn serverless() -> String {
    "serverless".to_owned()
}

fn one() -> u32 {
    1
}

/// What a database was last asked to do and when that is done: its status at any instant follows
/// from these and the instant, so no clock or timer changes a record, and a client that polls
/// sees each status in turn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "camelCase")]
pub enum Lifecycle {
    #[default]
    Active,
    /// Created: PENDING, then INITIALIZING from `initializing`, then ACTIVE from `active`.
    #[serde(rename_all = "camelCase")]
    Creating {
        initializing: DateTime<Utc>,
        active: DateTime<Utc>,
    },
    /// A keyspace added or dropped: MAINTENANCE until `done`.
    #[serde(rename_all = "camelCase")]
    Maintenance { done: DateTime<Utc> },
    /// Terminated at `since`: TERMINATING until `done`, then TERMINATED.
    #[serde(rename_all = "camelCase")]
    Terminating {
        since: DateTime<Utc>,
        done: DateTime<Utc>,
    },
    /// Parked: PARKING until `done`, then PARKED until someone unparks it.
    #[serde(rename_all = "camelCase")]
    Parking { done: DateTime<Utc> },
    /// Unparked: UNPARKING until `done`, then ACTIVE.
    #[serde(rename_all = "camelCase")]
    Unparking { done: DateTime<Utc> },
}

/// How long each step of a life cycle takes (PENDING, INITIALIZING, MAINTENANCE, TERMINATING,
/// PARKING, UNPARKING):
/// short, so that the page shows each status, and long enough for a client that polls to see it.
pub const DEFAULT_STEP: TimeDelta = TimeDelta::seconds(2);

/// The statuses of the spec's StatusEnum that a database of the portal goes through.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatabaseStatus {
    Pending,
    Initializing,
    Active,
    Maintenance,
    Terminating,
    Terminated,
    Parking,
    Parked,
    Unparking,
}

impl DatabaseStatus {
    pub const ALL: [DatabaseStatus; 9] = [
        DatabaseStatus::Pending,
        DatabaseStatus::Initializing,
        DatabaseStatus::Active,
        DatabaseStatus::Maintenance,
        DatabaseStatus::Terminating,
        DatabaseStatus::Terminated,
        DatabaseStatus::Parking,
        DatabaseStatus::Parked,
        DatabaseStatus::Unparking,
    ];

    /// As the DevOps API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            DatabaseStatus::Pending => "PENDING",
            DatabaseStatus::Initializing => "INITIALIZING",
            DatabaseStatus::Active => "ACTIVE",
            DatabaseStatus::Maintenance => "MAINTENANCE",
            DatabaseStatus::Terminating => "TERMINATING",
            DatabaseStatus::Terminated => "TERMINATED",
            DatabaseStatus::Parking => "PARKING",
            DatabaseStatus::Parked => "PARKED",
            DatabaseStatus::Unparking => "UNPARKING",
        }
    }
}

impl DatabaseStatus {
    /// What can be asked of a database in this status, as the spec's `availableActions` names
    /// it: the page offers Park, Unpark and Terminate from these.
    pub fn actions(self) -> &'static [&'static str] {
        match self {
            DatabaseStatus::Active => &[
                "park",
                "addKeyspace",
                "removeKeyspace",
                "addTable",
                "terminate",
            ],
            DatabaseStatus::Parked => &["unpark", "terminate"],
            DatabaseStatus::Pending
            | DatabaseStatus::Initializing
            | DatabaseStatus::Maintenance
            | DatabaseStatus::Parking
            | DatabaseStatus::Unparking => &["terminate"],
            DatabaseStatus::Terminating | DatabaseStatus::Terminated => &[],
        }
    }
}

impl Lifecycle {
    /// A database created at `now`, active after two steps.
    pub fn created(now: DateTime<Utc>, step: TimeDelta) -> Lifecycle {
        Lifecycle::Creating {
            initializing: now + step,
            active: now + step + step,
        }
    }

    /// The status at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> DatabaseStatus {
        match *self {
            Lifecycle::Active => DatabaseStatus::Active,
            Lifecycle::Creating { initializing, .. } if now < initializing => {
                DatabaseStatus::Pending
            }
            Lifecycle::Creating { active, .. } if now < active => DatabaseStatus::Initializing,
            Lifecycle::Creating { .. } => DatabaseStatus::Active,
            Lifecycle::Maintenance { done } if now < done => DatabaseStatus::Maintenance,
            Lifecycle::Maintenance { .. } => DatabaseStatus::Active,
            Lifecycle::Terminating { done, .. } if now < done => DatabaseStatus::Terminating,
            Lifecycle::Terminating { .. } => DatabaseStatus::Terminated,
            Lifecycle::Parking { done } if now < done => DatabaseStatus::Parking,
            Lifecycle::Parking { .. } => DatabaseStatus::Parked,
            Lifecycle::Unparking { done } if now < done => DatabaseStatus::Unparking,
            Lifecycle::Unparking { .. } => DatabaseStatus::Active,
        }
    }
}

impl Database {
    /// The custom role a database's token gets (seed 004, "View roles"): "These roles are named
    /// DATABASE_NAME Database Administrator".
    pub fn token_role_name(&self) -> String {
        format!("{} Database Administrator", self.name.trim())
    }

    pub fn status(&self, now: DateTime<Utc>) -> DatabaseStatus {
        self.lifecycle.status(now)
    }

    /// The keyspace the DevOps API reports as the database's (DatabaseInfo's `keyspace`). The
    /// inventory keeps keyspaces by name, not which one it was created with, so it is the first
    /// by name.
    pub fn default_keyspace(&self) -> Option<&str> {
        self.keyspaces.keys().next().map(String::as_str)
    }

    /// Its keyspaces, the default one first.
    pub fn keyspace_names(&self) -> impl Iterator<Item = &str> {
        self.keyspaces.keys().map(String::as_str)
    }

    /// Whether it is TERMINATED at `now`: it has left the lists, freed its name and no longer
    /// keeps its organization from being deleted.
    pub fn is_terminated(&self, now: DateTime<Utc>) -> bool {
        self.status(now) == DatabaseStatus::Terminated
    }

    /// Whether someone asked to terminate it: it is no longer offered for new work (a scope, a
    /// token), and once TERMINATED it leaves the lists.
    pub fn is_terminating(&self) -> bool {
        matches!(self.lifecycle, Lifecycle::Terminating { .. })
    }

    /// Its primary region as a datacenter: `{id}-1`, as old as the database.
    pub fn primary_datacenter(&self) -> Datacenter {
        Datacenter {
            id: format!("{}-1", self.id),
            cloud_provider: self.cloud_provider.clone(),
            region: self.region.clone(),
            created_at: self.created_at,
            terminated_at: None,
        }
    }

    /// Every region, the primary first, terminated ones included.
    pub fn all_datacenters(&self) -> Vec<Datacenter> {
        let mut all = vec![self.primary_datacenter()];
        all.extend(self.datacenters.iter().cloned());
        all
    }

    /// The regions it runs in now, the primary first.
    pub fn active_datacenters(&self) -> Vec<Datacenter> {
        let mut all = self.all_datacenters();
        all.retain(Datacenter::is_active);
        all
    }

    /// The active region with this ID.
    pub fn active_datacenter(&self, id: &str) -> Option<Datacenter> {
        self.active_datacenters().into_iter().find(|dc| dc.id == id)
    }

    /// The ID the next added region gets: numbers are never reused.
    pub fn next_datacenter_id(&self) -> String {
        format!("{}-{}", self.id, self.datacenters.len() + 2)
    }

    /// A region's private link, empty when none was configured.
    pub fn private_link(&self, datacenter: &str) -> PrivateLink {
        self.private_links
            .get(datacenter)
            .cloned()
            .unwrap_or_default()
    }

    /// The endpoint service a region's private endpoints connect to (the spec's `serviceName`),
    /// named as each provider names one; the database's ID makes it its own.
    pub fn endpoint_service(&self, dc: &Datacenter) -> String {
        let suffix: String = self
            .id
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(17)
            .collect();
        match dc.cloud_provider.as_str() {
            "GCP" => format!(
                "projects/astra-{suffix}/regions/{}/serviceAttachments/pl-{}",
                dc.region, dc.id
            ),
            "AZURE" => format!(
                "/subscriptions/astra/resourceGroups/{}/providers/Microsoft.Network/\
                 privateLinkServices/pl-{}",
                dc.region, dc.id
            ),
            _ => format!("com.amazonaws.vpce.{}.vpce-svc-{suffix}", dc.region),
        }
    }

    /// When it was terminated, if it was.
    pub fn terminated_at(&self) -> Option<DateTime<Utc>> {
        match self.lifecycle {
            Lifecycle::Terminating { since, .. } => Some(since),
            _ => None,
        }
    }
}

//! A database's regions (seed 001, "Multiple regions": "available on only pay as you go and annual
//! plans"; Manage Region `db-manage-region`): the regions it runs in, the primary first, those
//! terminated on request; Add Region among the price book's regions of its provider, and
//! Terminate for a region added. Every rule (the plan, the provider, a region with private
//! endpoints) is the core's; the page sends the spec's datacenter requests.

pub mod add;
pub mod list;
pub mod row;

use portal_core::model::Database;
use portal_core::pricing::regions::ServerlessRegion;
use serde_json::{json, Value};

use crate::features::databases::create::regions_of;

/// `/v2/databases/{id}/datacenters`: the regions, read and added.
pub fn target(database: &str) -> String {
    format!("/v2/databases/{database}/datacenters")
}

/// Terminates one region of the database.
pub fn terminate_target(database: &str, datacenter: &str) -> String {
    format!("/v2/databases/{database}/datacenters/{datacenter}/terminate")
}

/// The regions of the database's provider it does not run in now: what Add Region offers.
pub fn offered(database: &Database) -> Vec<&'static ServerlessRegion> {
    let active = database.active_datacenters();
    regions_of(&database.cloud_provider)
        .filter(|r| !active.iter().any(|dc| dc.region == r.name))
        .collect()
}

/// The spec's body adding one region.
pub fn adding(database: &Database, region: &str) -> Value {
    json!([{"cloudProvider": database.cloud_provider, "region": region}])
}

/// The provider's own name for a region of the price book ("US West (Oregon)").
pub fn place(provider: &str, region: &str) -> Option<&'static str> {
    regions_of(provider)
        .find(|r| r.name == region)
        .map(|r| r.display_name)
        .filter(|name| !name.is_empty())
}

/// A region as people read it: "US West (Oregon) (us-west-2)", or its name alone.
pub fn region_label(provider: &str, region: &str) -> String {
    match place(provider, region) {
        Some(place) => format!("{place} ({region})"),
        None => region.to_owned(),
    }
}

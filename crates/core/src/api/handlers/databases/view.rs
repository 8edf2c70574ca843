//! A database as the DevOps API's Database, DatabaseInfo, Datacenter and Storage schemas have it,
//! at an instant: its status follows from its life cycle and the instant.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::Database;
use crate::pricing::regions::serverless_region;
use crate::time::format_timestamp;

/// The spec's Database schema, with the inventory's keyspaces and tables.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DatabaseView<'a> {
    id: &'a str,
    org_id: &'a str,
    owner_id: &'a str,
    info: InfoView<'a>,
    creation_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    termination_time: Option<String>,
    status: &'static str,
    storage: StorageView,
    /// What can be asked of the database in its status.
    available_actions: Vec<&'static str>,
    data_endpoint_url: String,
    graphql_url: String,
    /// Keyspace name → its tables.
    tables: &'a BTreeMap<String, Vec<String>>,
}

/// The spec's DatabaseInfo, with every keyspace listed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct InfoView<'a> {
    name: &'a str,
    keyspace: Option<&'a str>,
    keyspaces: Vec<&'a str>,
    cloud_provider: &'a str,
    region: &'a str,
    tier: &'a str,
    capacity_units: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    db_type: Option<&'a str>,
    /// One per region; a database of the portal has one.
    datacenters: [DatacenterView<'a>; 1],
}

/// The spec's Datacenter: a database in one region.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DatacenterView<'a> {
    id: String,
    name: String,
    tier: &'a str,
    status: &'static str,
    cloud_provider: &'a str,
    region: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_zone: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_classification: Option<&'static str>,
    capacity_units: u32,
    data_endpoint_url: String,
    graphql_url: String,
}

/// The spec's Storage. Serverless storage grows with the data, so there is no total to report:
/// the spec requires the fields, and zero says "not provisioned".
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StorageView {
    node_count: u32,
    replication_factor: u32,
    total_storage: u32,
}

/// The Data API's address of a database in a region, as Astra derives it from the two.
fn endpoint(db: &Database) -> String {
    format!("https://{}-{}.apps.astra.datastax.com", db.id, db.region)
}

pub(super) fn view(db: &Database, now: DateTime<Utc>) -> DatabaseView<'_> {
    let status = db.status(now);
    let region = serverless_region(&db.cloud_provider, &db.region);
    let endpoint = endpoint(db);
    DatabaseView {
        id: &db.id,
        org_id: &db.org_id,
        owner_id: &db.owner_id,
        info: InfoView {
            name: &db.name,
            keyspace: db.default_keyspace(),
            keyspaces: db.keyspace_names().collect(),
            cloud_provider: &db.cloud_provider,
            region: &db.region,
            tier: &db.tier,
            capacity_units: db.capacity_units,
            db_type: db.db_type.as_deref(),
            datacenters: [DatacenterView {
                id: format!("{}-1", db.id),
                name: format!("dc-{}", db.id),
                tier: &db.tier,
                status: status.as_str(),
                cloud_provider: &db.cloud_provider,
                region: &db.region,
                region_zone: region.map(|r| r.zone.api()),
                region_classification: region.map(|r| r.classification.api()),
                capacity_units: db.capacity_units,
                data_endpoint_url: format!("{endpoint}/api/rest"),
                graphql_url: format!("{endpoint}/api/graphql"),
            }],
        },
        creation_time: format_timestamp(db.created_at),
        termination_time: db.terminated_at().map(format_timestamp),
        status: status.as_str(),
        storage: StorageView {
            node_count: 0,
            replication_factor: 0,
            total_storage: 0,
        },
        available_actions: status.actions().to_vec(),
        data_endpoint_url: format!("{endpoint}/api/rest"),
        graphql_url: format!("{endpoint}/api/graphql"),
        tables: &db.keyspaces,
    }
}

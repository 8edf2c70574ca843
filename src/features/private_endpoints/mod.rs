//! A database's private endpoints (seed 001, "Private endpoints are charged per endpoint per
//! region"; Manage Private Endpoint `db-manage-privateendpoint`), in the spec's Private Link
//! words: each region's endpoint service, the principals allowed to connect to it, and the
//! endpoints accepted into it. Every rule is the core's; the page sends the spec's requests.

pub mod endpoint_form;
pub mod endpoints;
pub mod list;
pub mod principal_form;
pub mod region;

/// `GET /v2/organizations/clusters/{id}/private-link`: every region's private link.
pub fn target(database: &str) -> String {
    format!("/v2/organizations/clusters/{database}/private-link")
}

/// A region's private link, under which its principals and endpoints are.
pub fn region_target(database: &str, datacenter: &str) -> String {
    format!("/v2/organizations/clusters/{database}/datacenters/{datacenter}")
}

pub fn principals_target(database: &str, datacenter: &str) -> String {
    format!("{}/allowed-principals", region_target(database, datacenter))
}

pub fn endpoints_target(database: &str, datacenter: &str) -> String {
    format!("{}/endpoints", region_target(database, datacenter))
}

pub fn endpoint_target(database: &str, datacenter: &str, endpoint: &str) -> String {
    format!("{}/{endpoint}", endpoints_target(database, datacenter))
}

/// What the page's dialogs act on: a region of the database, and in it a principal or an
/// endpoint.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chosen {
    pub datacenter: String,
    /// The region's name, for what the page says.
    pub region: String,
    /// The principal or endpoint ID, where the action is about one.
    pub item: String,
    /// The endpoint's description, for Edit Description.
    pub description: String,
}

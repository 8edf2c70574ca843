//! A database's regions, as the spec's datacenter operations serve them (seed 001, "Multiple
//! regions"; Manage Region `db-manage-region`, "Add or remove regions from multi-region
//! databases", checked on the database by the route table). A database runs in its primary
//! region, `{databaseId}-1`, and in each region added after it, `-2`, `-3`, ...; the primary stays
//! for the database's life.

use serde::{Deserialize, Serialize};

use super::super::billing::billing_of;
use super::{cloud_provider, ensure_active, located, save, serverless_region_of};
use crate::api::error::{ApiError, ErrorId};
use crate::api::handlers::{unchanged, Call, Handled};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::{Database, Datacenter};
use crate::pricing::billing::PlanKind;
use crate::pricing::regions::serverless_region;
use crate::rbac::Drn;
use crate::validation;

/// One region asked for: the spec's Datacenter, of which the portal reads the provider and the
/// region (its tier and capacity are the database's).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewDatacenter {
    cloud_provider: String,
    region: String,
    #[serde(default)]
    tier: Option<String>,
}

/// The spec's Datacenter, with when it was added and, once terminated, when that was.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DatacenterView {
    id: String,
    name: String,
    tier: String,
    status: &'static str,
    cloud_provider: String,
    region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_zone: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_classification: Option<&'static str>,
    capacity_units: u32,
    primary: bool,
    creation_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    termination_time: Option<String>,
}

fn view(db: &Database, dc: &Datacenter) -> DatacenterView {
    let known = serverless_region(&dc.cloud_provider, &dc.region);
    DatacenterView {
        name: format!("dc-{}", dc.id),
        tier: db.tier.clone(),
        status: dc.status(),
        cloud_provider: dc.cloud_provider.clone(),
        region: dc.region.clone(),
        region_zone: known.map(|r| r.zone.api()),
        region_classification: known.map(|r| r.classification.api()),
        capacity_units: db.capacity_units,
        primary: dc.id == db.primary_datacenter().id,
        creation_time: crate::time::format_timestamp(dc.created_at),
        termination_time: dc.terminated_at.map(crate::time::format_timestamp),
        id: dc.id.clone(),
    }
}

/// `GET /v2/databases/{id}/datacenters`: the ACTIVE regions, and the TERMINATED ones too with
/// `?all=true`.
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    let all = match call.request.query("all") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "query parameter 'all' is '{other}': use true to list the TERMINATED regions \
                     too, or false"
                ),
            ))
        }
    };
    let shown = if all {
        db.all_datacenters()
    } else {
        db.active_datacenters()
    };
    let body: Vec<DatacenterView> = shown.iter().map(|dc| view(db, dc)).collect();
    unchanged(Response::ok(body))
}

/// `POST /v2/databases/{id}/datacenters`: adds each region of the body, all or none. Seed 001:
/// "Multiple regions is available on only pay as you go and annual plans".
pub fn add(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, [_]) = located(call)?;
    let body: Vec<NewDatacenter> = call.request.json()?;
    if body.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            "the body lists no region: send an array such as [{\"cloudProvider\": \"AWS\", \
             \"region\": \"us-east-1\"}]",
        ));
    }
    if billing_of(call.state, org).plan == PlanKind::Free {
        return Err(ApiError::new(
            ErrorId::PremiumNeedsPlan,
            "multiple regions are available on only the Pay As You Go and Annual plans: change \
             the organization's plan in Billing first (PUT /v2/organizations/billing/plan)",
        ));
    }
    ensure_active(db, ctx.now)?;
    let mut changed = db.clone();
    let mut added = Vec::new();
    for (i, asked) in body.iter().enumerate() {
        let at = |field: &str| format!("[{i}].{field}");
        let provider = cloud_provider(&asked.cloud_provider)?;
        if provider != db.cloud_provider {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "field '{}' is invalid: database {} runs on {}, and its regions are all of \
                     its provider: choose one of {}'s regions",
                    at("cloudProvider"),
                    db.name,
                    db.cloud_provider,
                    db.cloud_provider
                ),
            ));
        }
        if let Some(tier) = asked.tier.as_deref().filter(|t| *t != db.tier) {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "field '{}' is '{tier}': a region has its database's tier, {}; leave it \
                     out",
                    at("tier"),
                    db.tier
                ),
            ));
        }
        let region = validation::REGION.checked(&asked.region)?;
        serverless_region_of(provider, &region)?;
        if let Some(same) = changed
            .active_datacenters()
            .into_iter()
            .find(|dc| dc.region == region)
        {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "field '{}' is invalid: database {} already runs in {region} (datacenter \
                     {}): choose another region",
                    at("region"),
                    db.name,
                    same.id
                ),
            ));
        }
        let dc = Datacenter {
            id: changed.next_datacenter_id(),
            cloud_provider: provider.to_owned(),
            region,
            created_at: ctx.now,
            terminated_at: None,
        };
        added.push(dc.clone());
        changed.datacenters.push(dc);
    }
    let body: Vec<DatacenterView> = added.iter().map(|dc| view(&changed, dc)).collect();
    let names: Vec<&str> = added.iter().map(|dc| dc.region.as_str()).collect();
    let summary = format!(
        "added the region{} {} to database {}",
        if names.len() == 1 { "" } else { "s" },
        names.join(", "),
        db.name
    );
    let target = Drn::database(org, &db.id);
    save(
        call,
        ctx,
        changed,
        ("database.datacenter.add", &target, summary),
        Response::json(201, body),
    )
}

/// `POST /v2/databases/{id}/datacenters/{datacenterId}/terminate`: the region stops; the primary
/// can't, and a region's private endpoints are rejected first (they are its own).
pub fn terminate(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, [_, id]) = located(call)?;
    let Some(at) = db.datacenters.iter().position(|dc| dc.id == id) else {
        if id == db.primary_datacenter().id {
            return Err(ApiError::new(
                ErrorId::DatacenterState,
                format!(
                    "datacenter {id} is the primary region of database {} ({}): it runs as long \
                     as the database; terminate the database instead",
                    db.name, db.region
                ),
            ));
        }
        return Err(ApiError::not_found("datacenter", id));
    };
    let dc = &db.datacenters[at];
    if !dc.is_active() {
        return Err(ApiError::new(
            ErrorId::DatacenterState,
            format!("datacenter {id} ({}) is already TERMINATED", dc.region),
        ));
    }
    let endpoints = db.private_link(id).endpoints.len();
    if endpoints > 0 {
        return Err(ApiError::new(
            ErrorId::DatacenterState,
            format!(
                "datacenter {id} ({}) has {endpoints} private endpoint(s): reject them first \
                 (DELETE /v2/organizations/clusters/{}/datacenters/{id}/endpoints/ENDPOINT_ID)",
                dc.region, db.id
            ),
        ));
    }
    ensure_active(db, ctx.now)?;
    let mut changed = db.clone();
    changed.datacenters[at].terminated_at = Some(ctx.now);
    changed.private_links.remove(id);
    let summary = format!(
        "terminated the region {} (datacenter {id}) of database {}",
        dc.region, db.name
    );
    let target = Drn::database(org, &db.id);
    save(
        call,
        ctx,
        changed,
        ("database.datacenter.terminate", &target, summary),
        Response::empty(202),
    )
}

//! Private endpoints, as the spec's private-link operations serve them (seed 001, "Private
//! endpoints are charged per endpoint per region"; Manage Private Endpoint
//! `db-manage-privateendpoint`, "Configure private endpoints", checked on the database by the
//! route table). Each region of a database (a datacenter) has an endpoint service: the cloud
//! accounts allowed to connect to it, then each endpoint of theirs accepted into it. A region
//! with an accepted endpoint is a premium feature (`model::premium`).

use serde::{Deserialize, Serialize};

use super::super::billing::billing_of;
use super::{ensure_not_terminating, located, save};
use crate::api::access;
use crate::api::error::{ApiError, ErrorId};
use crate::api::handlers::{unchanged, Call, Handled};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::{Database, Datacenter, PrivateEndpoint, PrivateLink};
use crate::pricing::billing::PlanKind;
use crate::rbac::{Drn, Permission};
use crate::validation;

/// The spec's PrivateLinkOrgOutput.
#[derive(Serialize)]
struct OrgView {
    clusters: Vec<ClusterView>,
}

/// The spec's PrivateLinkClusterOutput.
#[derive(Serialize)]
struct ClusterView {
    #[serde(rename = "clusterID")]
    cluster_id: String,
    datacenters: Vec<DatacenterView>,
}

/// The spec's PrivateLinkDatacenterOutput.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DatacenterView {
    service_name: String,
    allowed_principals: Vec<String>,
    #[serde(rename = "datacenterID")]
    datacenter_id: String,
    endpoints: Vec<EndpointView>,
}

/// The spec's PrivateLinkEndpoint.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EndpointView {
    #[serde(rename = "endpointID")]
    endpoint_id: String,
    description: String,
    #[serde(rename = "linkID")]
    link_id: String,
    /// Every endpoint the portal keeps is accepted: a rejected one is removed.
    status: &'static str,
    created_date_time: String,
}

/// The spec's PrivateLinkCreateConfigOutput.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConfigView {
    service_name: String,
    allowed_principals: Vec<String>,
}

/// The spec's PrivateLinkCreateConfigInput.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct NewPrincipals {
    allowed_principals: Vec<String>,
}

/// The spec's PrivateLinkDeleteConfigInput.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct OldPrincipal {
    allowed_principal: String,
}

/// The spec's PrivateLinkCreateEndpointInput.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewEndpoint {
    #[serde(rename = "endpointID")]
    endpoint_id: String,
    #[serde(default)]
    description: String,
}

/// The spec's PrivateLinkUpdateEndpointInput.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EndpointUpdate {
    description: String,
}

fn endpoint_view(endpoint: &PrivateEndpoint) -> EndpointView {
    EndpointView {
        endpoint_id: endpoint.endpoint_id.clone(),
        description: endpoint.description.clone(),
        link_id: endpoint.link_id.clone(),
        status: "Accepted",
        created_date_time: crate::time::format_timestamp(endpoint.created_at),
    }
}

fn datacenter_view(db: &Database, dc: &Datacenter) -> DatacenterView {
    let link = db.private_link(&dc.id);
    DatacenterView {
        service_name: db.endpoint_service(dc),
        allowed_principals: link.allowed_principals.clone(),
        datacenter_id: dc.id.clone(),
        endpoints: link.endpoints.iter().map(endpoint_view).collect(),
    }
}

fn cluster_view(db: &Database) -> ClusterView {
    ClusterView {
        cluster_id: db.id.clone(),
        datacenters: db
            .active_datacenters()
            .iter()
            .map(|dc| datacenter_view(db, dc))
            .collect(),
    }
}

/// The database and the active region the path names.
fn region<'a, const N: usize>(
    call: Call<'a>,
) -> Result<(&'a str, &'a Database, Datacenter, [&'a str; N]), ApiError> {
    let (org, db, params) = located::<N>(call)?;
    let dc = db
        .active_datacenter(params[1])
        .ok_or_else(|| ApiError::not_found("datacenter", params[1]))?;
    Ok((org, db, dc, params))
}

/// Records the region's new private link with one audit entry.
fn store(
    call: Call,
    ctx: &Context,
    (db, dc): (&Database, &Datacenter),
    link: PrivateLink,
    (action, summary): (&str, String),
    response: Response,
) -> Handled {
    let mut changed = db.clone();
    if link.is_empty() {
        changed.private_links.remove(&dc.id);
    } else {
        changed.private_links.insert(dc.id.clone(), link);
    }
    let target = Drn::database(&db.org_id, &db.id);
    let summary = format!(
        "{summary} (database {}, region {}, datacenter {})",
        db.name, dc.region, dc.id
    );
    save(call, ctx, changed, (action, &target, summary), response)
}

/// `GET /v2/organizations/private-link`: the private links of each of the organization's
/// databases the actor may manage them of, those with none configured aside.
pub fn list_all(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor) = (call.state, call.actor);
    let org = access::organization_of(actor)?;
    let manageable = |db: &Database| {
        let drn = Drn::database(org, &db.id);
        access::require(state, actor, Permission::DB_MANAGE_PRIVATEENDPOINT, &drn).is_ok()
    };
    let clusters = state
        .databases
        .values()
        .filter(|db| db.org_id == org && !db.is_terminated(ctx.now))
        .filter(|db| db.private_links.values().any(|l| !l.is_empty()) && manageable(db))
        .map(cluster_view)
        .collect();
    unchanged(Response::ok(OrgView { clusters }))
}

/// `GET /v2/organizations/clusters/{id}/private-link`: every region of the database.
pub fn cluster(call: Call, _ctx: &mut Context) -> Handled {
    let (_, db, [_]) = located(call)?;
    unchanged(Response::ok(cluster_view(db)))
}

/// `GET /v2/organizations/clusters/{id}/datacenters/{dc}/private-link`.
pub fn datacenter(call: Call, _ctx: &mut Context) -> Handled {
    let (_, db, dc, [_, _]) = region(call)?;
    unchanged(Response::ok(datacenter_view(db, &dc)))
}

/// A principal: an account's identity as its cloud writes it, such as
/// `arn:aws:iam::123456789012:role/admin`: one word.
fn principal(text: &str, field: &str) -> Result<String, ApiError> {
    let text = text.trim();
    let problem = if text.is_empty() {
        Some("it is empty".to_owned())
    } else if text.chars().count() > validation::PRINCIPAL_MAX {
        Some(format!(
            "it is longer than {} characters",
            validation::PRINCIPAL_MAX
        ))
    } else if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("it holds a space or a control character".to_owned())
    } else {
        None
    };
    match problem {
        None => Ok(text.to_owned()),
        Some(problem) => Err(ApiError::new(
            ErrorId::InvalidField,
            format!(
                "field '{field}' is invalid: {problem}; give the account's principal, such as \
                 arn:aws:iam::123456789012:role/admin"
            ),
        )),
    }
}

/// `POST .../datacenters/{dc}/private-link` and `POST .../allowed-principals`: allows the body's
/// principals to connect; a body that adds nothing new is a 409.
pub fn allow(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, dc, [_, _]) = region(call)?;
    let body: NewPrincipals = call.request.json()?;
    ensure_not_terminating(db, ctx.now)?;
    if body.allowed_principals.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            "field 'allowedPrincipals' is empty: give at least one principal, such as \
             arn:aws:iam::123456789012:role/admin",
        ));
    }
    let mut link = db.private_link(&dc.id);
    let mut added = Vec::new();
    for (i, text) in body.allowed_principals.iter().enumerate() {
        let principal = principal(text, &format!("allowedPrincipals[{i}]"))?;
        if !link.allowed_principals.contains(&principal) {
            link.allowed_principals.push(principal.clone());
            added.push(principal);
        }
    }
    if added.is_empty() {
        return Err(ApiError::new(
            ErrorId::PrivateLinkConflict,
            format!(
                "every principal given is already allowed in datacenter {}: nothing to add",
                dc.id
            ),
        ));
    }
    let response = Response::ok(ConfigView {
        service_name: db.endpoint_service(&dc),
        allowed_principals: link.allowed_principals.clone(),
    });
    let summary = format!("allowed the principals {}", added.join(", "));
    store(
        call,
        ctx,
        (db, &dc),
        link,
        ("database.privateLink.allow", summary),
        response,
    )
}

/// `DELETE .../datacenters/{dc}/allowed-principals`: the principal may no longer connect
/// endpoints (those accepted stay until rejected).
pub fn disallow(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, dc, [_, _]) = region(call)?;
    let body: OldPrincipal = call.request.json()?;
    let principal = principal(&body.allowed_principal, "allowedPrincipal")?;
    let mut link = db.private_link(&dc.id);
    let before = link.allowed_principals.len();
    link.allowed_principals.retain(|p| *p != principal);
    if link.allowed_principals.len() == before {
        return Err(ApiError::not_found("allowed principal", &principal));
    }
    let summary = format!("removed the allowed principal {principal}");
    store(
        call,
        ctx,
        (db, &dc),
        link,
        ("database.privateLink.disallow", summary),
        Response::no_content(),
    )
}

/// An endpoint's ID as the provider gives it, such as `vpce-0a1b2c3d4e5f67890`: one word.
fn endpoint_id(text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    let fine = !text.is_empty()
        && text.len() <= validation::ENDPOINT_ID_MAX
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':'));
    if fine {
        return Ok(text.to_owned());
    }
    Err(ApiError::new(
        ErrorId::InvalidField,
        format!(
            "field 'endpointID' is '{text}': give the ID of the endpoint you created in your \
             cloud account, such as vpce-0a1b2c3d4e5f67890 (1 to {} letters, digits, '-', '_', \
             '.', '/' or ':')",
            validation::ENDPOINT_ID_MAX
        ),
    ))
}

/// `POST .../datacenters/{dc}/endpoints`: accepts the endpoint into the region's service. Seed
/// 001: private endpoints are a premium feature, which the Free plan has none of.
pub fn accept(call: Call, ctx: &mut Context) -> Handled {
    let (org, db, dc, [_, _]) = region(call)?;
    let body: NewEndpoint = call.request.json()?;
    let id = endpoint_id(&body.endpoint_id)?;
    let description = validation::ENDPOINT_DESCRIPTION.checked(&body.description)?;
    ensure_not_terminating(db, ctx.now)?;
    if billing_of(call.state, org).plan == PlanKind::Free {
        return Err(ApiError::new(
            ErrorId::PremiumNeedsPlan,
            "private endpoints are a premium feature, which the Free plan has none of: change \
             the organization's plan in Billing first (PUT /v2/organizations/billing/plan)",
        ));
    }
    let mut link = db.private_link(&dc.id);
    if link.allowed_principals.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            format!(
                "datacenter {} allows no principal yet: add the account the endpoint belongs to \
                 first (POST /v2/organizations/clusters/{}/datacenters/{}/allowed-principals)",
                dc.id, db.id, dc.id
            ),
        ));
    }
    if link.endpoint(&id).is_some() {
        return Err(ApiError::new(
            ErrorId::PrivateLinkConflict,
            format!("endpoint {id} is already accepted in datacenter {}", dc.id),
        ));
    }
    let mut digits = [0u8; 4];
    ctx.entropy.fill(&mut digits);
    let endpoint = PrivateEndpoint {
        endpoint_id: id.clone(),
        description,
        link_id: u32::from_le_bytes(digits).to_string(),
        created_at: ctx.now,
    };
    let response = Response::ok(endpoint_view(&endpoint));
    link.endpoints.push(endpoint);
    let summary = format!("accepted the private endpoint {id}");
    store(
        call,
        ctx,
        (db, &dc),
        link,
        ("database.privateLink.accept", summary),
        response,
    )
}

/// The region's endpoint the path names.
fn endpoint_of<'l>(link: &'l PrivateLink, id: &str) -> Result<&'l PrivateEndpoint, ApiError> {
    link.endpoint(id)
        .ok_or_else(|| ApiError::not_found("private endpoint", id))
}

/// `GET .../endpoints/{endpointID}`.
pub fn endpoint(call: Call, _ctx: &mut Context) -> Handled {
    let (_, db, dc, [_, _, id]) = region(call)?;
    let link = db.private_link(&dc.id);
    unchanged(Response::ok(endpoint_view(endpoint_of(&link, id)?)))
}

/// `PUT .../endpoints/{endpointID}`: a new description.
pub fn describe(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, dc, [_, _, id]) = region(call)?;
    let body: EndpointUpdate = call.request.json()?;
    let description = validation::ENDPOINT_DESCRIPTION.checked(&body.description)?;
    let mut link = db.private_link(&dc.id);
    let Some(changed) = link.endpoints.iter_mut().find(|e| e.endpoint_id == id) else {
        return Err(ApiError::not_found("private endpoint", id));
    };
    if changed.description == description {
        return unchanged(Response::ok(endpoint_view(changed)));
    }
    changed.description = description.clone();
    let response = Response::ok(endpoint_view(changed));
    let summary = format!("described the private endpoint {id} as '{description}'");
    store(
        call,
        ctx,
        (db, &dc),
        link,
        ("database.privateLink.describe", summary),
        response,
    )
}

/// `DELETE .../endpoints/{endpointID}`: rejects the endpoint; it no longer connects.
pub fn reject(call: Call, ctx: &mut Context) -> Handled {
    let (_, db, dc, [_, _, id]) = region(call)?;
    let mut link = db.private_link(&dc.id);
    endpoint_of(&link, id)?;
    link.endpoints.retain(|e| e.endpoint_id != id);
    let summary = format!("rejected the private endpoint {id}");
    store(
        call,
        ctx,
        (db, &dc),
        link,
        ("database.privateLink.reject", summary),
        Response::no_content(),
    )
}

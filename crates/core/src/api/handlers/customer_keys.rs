//! Customer keys (seed 001, "Bring Your Own Key"; seed 004, Read CMK Key and Write CMK Key): the
//! spec's `/v2/kms` operations for the organization the actor acts in. One key per provider and
//! region; only its identifier in the provider's KMS is kept (`model::customer_key`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{unchanged, Call, Handled};
use crate::api::access;
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::{CustomerKey, KmsProvider, Organization, Record, Scope, State};
use crate::time::format_timestamp;
use crate::validation::CUSTOMER_KEY_ID_MAX;

/// The spec's ExternalKMS: the organization, and the key under its provider's name.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExternalKms {
    #[serde(default, rename = "orgId")]
    org_id: Option<String>,
    #[serde(default)]
    aws: Option<KmsKey>,
    #[serde(default)]
    gcp: Option<KmsKey>,
}

/// The spec's AWS-KMS and GCP-KMS.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KmsKey {
    #[serde(rename = "keyID")]
    key_id: String,
    region: String,
}

/// The spec's ExternalKMSResponse, an entry of GetAllCustomerKeys.
#[derive(Serialize)]
struct ExternalKmsResponse<'a> {
    #[serde(rename = "OrganizationID")]
    organization_id: &'a str,
    #[serde(rename = "CloudProvider")]
    cloud_provider: &'static str,
    #[serde(rename = "KeyID")]
    key_id: &'a str,
    #[serde(rename = "Region")]
    region: &'a str,
}

/// The spec's CloudProviderAccountDetails.
#[derive(Serialize)]
struct CloudProviderAccount {
    organization_id: String,
    provider_id: String,
    provider: &'static str,
}

fn acting_organization<'s>(state: &'s State, call: &Call) -> Result<&'s Organization, ApiError> {
    let org_id = access::organization_of(call.actor)?;
    state
        .organizations
        .get(org_id)
        .ok_or_else(|| ApiError::not_found("organization", org_id))
}

fn invalid(field: &str, problem: String) -> ApiError {
    ApiError::new(
        ErrorId::InvalidField,
        format!("field '{field}' is invalid: {problem}"),
    )
}

/// `POST /v2/kms` (the spec's CreateKey): registers the key for its provider and region; 200
/// with no body, as the spec documents it.
pub fn create(call: Call, ctx: &mut Context) -> Handled {
    let state = call.state;
    let org = acting_organization(state, &call)?;
    let body: ExternalKms = call.request.json()?;
    if let Some(given) = body.org_id.as_deref().map(str::trim) {
        if given != org.id {
            return Err(invalid(
                "orgId",
                format!(
                    "'{given}' is not {} ({}), the organization you act in: leave orgId out, or \
                     act in organization '{given}' (with its token, or by switching to it)",
                    org.name, org.id
                ),
            ));
        }
    }
    let (provider, key) = match (body.aws, body.gcp) {
        (Some(key), None) => (KmsProvider::Aws, key),
        (None, Some(key)) => (KmsProvider::Gcp, key),
        (None, None) => {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                "the body names no key: send it under 'aws' or 'gcp', such as {\"aws\": \
                 {\"keyID\": \"arn:aws:kms:...\", \"region\": \"us-east-1\"}}",
            ))
        }
        (Some(_), Some(_)) => {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                "the body names keys under both 'aws' and 'gcp': register one key per request",
            ))
        }
    };
    let field = |name: &str| format!("{}.{name}", provider.api());
    let region = key.region.trim();
    if provider.region(region).is_none() {
        return Err(invalid(
            &field("region"),
            format!(
                "'{region}' is not a region of {} where databases can be: use one of {}",
                provider.label(),
                provider.region_names()
            ),
        ));
    }
    let key_id = key.key_id.trim();
    if key_id.chars().count() > CUSTOMER_KEY_ID_MAX {
        return Err(invalid(
            &field("keyID"),
            format!("it is longer than {CUSTOMER_KEY_ID_MAX} characters: give the key's ARN or resource name"),
        ));
    }
    if let Some(problem) = provider.key_id_problem(region, key_id) {
        return Err(invalid(&field("keyID"), problem));
    }
    // Seed 001: "a Customer Managed Key (one per region)".
    if let Some(existing) = org.customer_key(provider, region) {
        return Err(ApiError::new(
            ErrorId::CustomerKeyExists,
            format!(
                "{} already has customer key {} for {} {region}, added {} by {}: a region has \
                 one Customer Managed Key, so keep using that key there, or register this one \
                 for another region of {}",
                org.name,
                existing.key_id,
                provider.label(),
                format_timestamp(existing.added_at),
                existing.added_by,
                provider.label()
            ),
        ));
    }
    let mut updated = org.clone();
    updated.customer_keys.push(CustomerKey {
        provider,
        region: region.to_owned(),
        key_id: key_id.to_owned(),
        added_at: ctx.now,
        added_by: call.actor.name(state),
    });
    updated.last_modified = ctx.now;
    let mut effects = call.effects(ctx);
    effects.put(Record::Organization(updated));
    // The key's ID stays out of the log: the log's readers need not hold Read CMK Key.
    effects.audit(
        Scope::Organization(org.id.clone()),
        "customer_key.create",
        vec![org.id.clone()],
        format!(
            "registered a customer key for {} {region} in organization {}",
            provider.label(),
            org.name
        ),
    );
    Ok(effects.finish(Response::empty(200)))
}

/// `GET /v2/kms` (the spec's ListKeys): the organization's keys, in the order they were added.
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let org = acting_organization(call.state, &call)?;
    let keys: Vec<ExternalKmsResponse> = org
        .customer_keys
        .iter()
        .map(|key| ExternalKmsResponse {
            organization_id: &org.id,
            cloud_provider: key.provider.api(),
            key_id: &key.key_id,
            region: &key.region,
        })
        .collect();
    unchanged(Response::ok(keys))
}

/// The provider and region the path names; a 404 naming the parameter when the portal has no
/// such provider or region (the path names a resource that can't exist).
fn place<'p>(call: &Call<'p>) -> Result<(KmsProvider, &'p str), ApiError> {
    let (provider, region) = match call.params {
        [provider, region] => (*provider, *region),
        _ => ("", ""),
    };
    let not_found = |message: String| ApiError::new(ErrorId::NotFound, message);
    let known = KmsProvider::parse(provider).ok_or_else(|| {
        not_found(format!(
            "path parameter 'provider' is '{provider}', which has no customer keys: use aws or gcp"
        ))
    })?;
    if known.region(region).is_none() {
        return Err(not_found(format!(
            "path parameter 'region' is '{region}', which is not a region of {} where databases \
             can be: use one of {}",
            known.label(),
            known.region_names()
        )));
    }
    Ok((known, region))
}

/// `GET /v2/kms/provider/{provider}/region/{region}` (the spec's GetServerlessKey): the spec's
/// GetParticularCustomerKey, the key under its provider's name; 404 when none is registered.
pub fn get(call: Call, _ctx: &mut Context) -> Handled {
    let org = acting_organization(call.state, &call)?;
    let (provider, region) = place(&call)?;
    let key = org.customer_key(provider, region).ok_or_else(|| {
        ApiError::new(
            ErrorId::NotFound,
            format!(
                "{} has no customer key for {} {region}: register one with POST /v2/kms",
                org.name,
                provider.label()
            ),
        )
    })?;
    let mut body = Map::new();
    body.insert("orgId".into(), Value::from(org.id.as_str()));
    body.insert(
        provider.api().into(),
        serde_json::json!({"keyID": key.key_id, "region": key.region}),
    );
    unchanged(Response::ok(body))
}

/// `GET /v2/kms/provider/{provider}/region/{region}/accounts` (the spec's GetCloudAccounts): the
/// accounts "to which customers need to grant their KMS keys access", the provider's "storage
/// account where DataStax stores your data". The portal runs in no cloud account: its databases
/// of a region are kept in its own store, which it names per provider and region
/// (`astra-portal-<provider>-<region>`). That one name is the answer, for the organization the
/// actor acts in, so that a client of the spec gets its shape and a stable value to show.
pub fn accounts(call: Call, _ctx: &mut Context) -> Handled {
    let org = acting_organization(call.state, &call)?;
    let (provider, region) = place(&call)?;
    unchanged(Response::ok([CloudProviderAccount {
        organization_id: org.id.clone(),
        provider_id: format!("astra-portal-{}-{region}", provider.api()),
        provider: provider.api(),
    }]))
}

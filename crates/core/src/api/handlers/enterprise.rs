//! The enterprise and its organizations, from the enterprise level (seed 000, "Manage your
//! enterprise"): its ID and display name, the organizations its roles can see, creating an
//! organization in it, and deleting one.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::organizations;
use super::{unchanged, Call, Handled};
use crate::api::access::{self, Actor};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::visibility;
use crate::api::Context;
use crate::model::bootstrap::{enterprise_billing, enterprise_organization};
use crate::model::{Enterprise, MemberStatus, Organization, Record, Scope, State, User};
use crate::time::format_timestamp;
use crate::validation;

/// The enterprise as GET /v2/enterprises/current shows it.
#[derive(Serialize)]
struct EnterpriseView<'a> {
    id: &'a str,
    name: &'a str,
    /// How many organizations it has.
    organizations: usize,
}

impl<'a> EnterpriseView<'a> {
    /// The count is of the organizations the actor may view, as the listing shows them.
    fn of(state: &State, actor: &Actor, enterprise: &'a Enterprise) -> EnterpriseView<'a> {
        EnterpriseView {
            id: &enterprise.id,
            name: &enterprise.name,
            organizations: visibility::visible_organizations(state, actor).len(),
        }
    }
}

/// An organization of the enterprise in the spec's CreateOrgInEnterpriseResponse shape, key for
/// key as seed 000's example response ("Create an organization").
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct EnterpriseOrganizationView<'a> {
    organization_name: &'a str,
    #[serde(rename = "OrganizationID")]
    organization_id: &'a str,
    organization_email: &'a str,
    marketplace_data: serde_json::Map<String, serde_json::Value>,
    created_at: String,
    last_modified: String,
    org_type: &'static str,
    enterprise_id: Option<&'a str>,
    organization_group_id: Option<&'a str>,
}

impl<'a> EnterpriseOrganizationView<'a> {
    fn of(org: &'a Organization) -> EnterpriseOrganizationView<'a> {
        EnterpriseOrganizationView {
            organization_name: &org.name,
            organization_id: &org.id,
            organization_email: &org.email,
            marketplace_data: serde_json::Map::new(),
            created_at: format_timestamp(org.created_at),
            last_modified: format_timestamp(org.last_modified),
            org_type: "organization",
            enterprise_id: org.enterprise_id.as_deref(),
            organization_group_id: org.organization_group_id.as_deref(),
        }
    }
}

/// GET /v2/enterprises/current: seed 000, "Get your enterprise ID": "On the General page, click
/// Copy to copy the enterprise ID." Anyone with an enterprise role may see it.
pub fn get(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    unchanged(Response::ok(EnterpriseView::of(
        state,
        actor,
        &state.enterprise,
    )))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Rename {
    name: String,
}

/// PATCH /v2/enterprises/current: seed 000, "Edit the enterprise name": "click Edit to change the
/// enterprise's display name." No permission names this, so it takes the Enterprise
/// Administrator role.
pub fn rename(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let body: Rename = request.json()?;
    let renamed = Enterprise {
        id: state.enterprise.id.clone(),
        name: validation::ENTERPRISE_NAME.checked(&body.name)?,
    };
    let mut effects = call.effects(ctx);
    effects.put(Record::Enterprise(renamed.clone()));
    effects.audit(
        Scope::Enterprise,
        "enterprise.rename",
        vec![renamed.id.clone()],
        format!(
            "renamed the enterprise from {} to {}",
            state.enterprise.name, renamed.name
        ),
    );
    Ok(effects.finish(Response::ok(EnterpriseView::of(state, actor, &renamed))))
}

/// GET /v2/enterprises/organizations: the enterprise's organizations that the actor's roles can
/// see. Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines
/// the organizations that the role can view at the enterprise level."
pub fn list_organizations(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let roles = access::roles(state, actor);
    let listed: Vec<EnterpriseOrganizationView> = visibility::organizations_named(state, &roles)
        .into_iter()
        .map(EnterpriseOrganizationView::of)
        .collect();
    unchanged(Response::ok(json!({ "organizations": listed })))
}

/// The spec's CreateOrgInEnterpriseRequest, plus the portal's optional description.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateOrgInEnterpriseRequest {
    name: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default, rename = "adminUserID", alias = "adminUserId")]
    admin_user_id: Option<String>,
    #[serde(default, rename = "enterpriseID", alias = "enterpriseId")]
    enterprise_id: Option<String>,
    #[serde(default)]
    description: String,
}

/// POST /v2/enterprises/organizations. Seed 000, "ent-org-manage": "Create an organization under
/// your enterprise." The organization is the enterprise's and on its plan, and `adminUserID` its
/// initial Organization Administrator.
pub fn create_organization(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let body: CreateOrgInEnterpriseRequest = request.json()?;
    ensure_this_enterprise(state, body.enterprise_id.as_deref())?;
    let name = validation::ORGANIZATION_NAME.checked(&body.name)?;
    organizations::ensure_name_free_in_enterprise(state, &name, None)?;
    let admin = initial_administrator(state, actor, body.admin_user_id.as_deref())?;
    let email = organizations::organization_email(&email_or_default(state, actor, body.email)?)?;
    let description = validation::ORGANIZATION_DESCRIPTION.checked(&body.description)?;
    let mut org = enterprise_organization(state, &name, &email, ctx.now, ctx.entropy);
    org.description = description;
    let mut effects = call.effects(ctx);
    organizations::put_new_organization(&mut effects, &org, enterprise_billing(), admin);
    Ok(effects.finish(Response::json(201, EnterpriseOrganizationView::of(&org))))
}

/// The request's `enterpriseID`, when given, names this enterprise.
fn ensure_this_enterprise(state: &State, requested: Option<&str>) -> Result<(), ApiError> {
    match requested {
        Some(id) if id != state.enterprise.id => Err(ApiError::new(
            ErrorId::InvalidField,
            format!(
                "enterpriseID '{id}' is not this enterprise ({}, {}): send its ID or leave \
                 enterpriseID out",
                state.enterprise.name, state.enterprise.id
            ),
        )),
        _ => Ok(()),
    }
}

/// The initial Organization Administrator: `adminUserID`, or the acting user ("When you create an
/// organization in the Astra Portal, you are the initial Organization Administrator", seed 000).
/// Seed 000: "The user must have an active Astra DB account."
fn initial_administrator<'s>(
    state: &'s State,
    actor: &Actor,
    requested: Option<&str>,
) -> Result<&'s User, ApiError> {
    let id = requested.or(actor.user_id()).ok_or_else(|| {
        ApiError::new(
            ErrorId::InvalidField,
            "adminUserID is required with an application token: give the user ID of the \
             initial Organization Administrator (GET /v2/organizations/users lists user IDs)",
        )
    })?;
    let user = state.users.get(id).ok_or_else(|| {
        ApiError::new(
            ErrorId::InvalidField,
            format!(
                "adminUserID '{id}' is not a user: give the ID of an existing user \
                 (GET /v2/organizations/users lists user IDs)"
            ),
        )
    })?;
    if !has_active_account(user) {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            // Named by the ID given: the caller may not be one who can read users' addresses.
            format!(
                "adminUserID '{id}' has no active Astra DB account (only pending invitations): \
                 the initial Organization Administrator must have accepted an invitation \
                 somewhere first"
            ),
        ));
    }
    Ok(user)
}

/// Active somewhere: in an organization or in the enterprise.
fn has_active_account(user: &User) -> bool {
    user.organizations
        .values()
        .chain(user.enterprise.as_ref())
        .any(|m| m.status == MemberStatus::Active)
}

/// The organization's email: as given, or the acting user's ("The Organization email defaults to
/// your Astra DB account email address", seed 000). A token has no email to default to.
fn email_or_default(
    state: &State,
    actor: &Actor,
    given: Option<String>,
) -> Result<String, ApiError> {
    given
        .or_else(|| {
            actor
                .user_id()
                .and_then(|id| state.users.get(id))
                .map(|user| user.email.clone())
        })
        .ok_or_else(|| {
            ApiError::new(
                ErrorId::InvalidField,
                "email is required with an application token: give the address that receives \
                 the organization's administrative notifications, usually the adminUserID \
                 user's",
            )
        })
}

/// DELETE /v2/enterprises/organizations/{orgID}, with the organization's name to confirm.
pub fn delete_organization(call: Call, ctx: &mut Context) -> Handled {
    let state = call.state;
    let org_id = call.path_id();
    let org = state
        .enterprise_organizations()
        .find(|o| o.id == org_id)
        .ok_or_else(|| {
            ApiError::new(
                ErrorId::NotFound,
                format!(
                    "organization '{org_id}' is not an organization of the enterprise {}: list \
                     them with GET /v2/enterprises/organizations; an organization outside the \
                     enterprise is deleted from its own level (DELETE /v2/currentOrg)",
                    state.enterprise.name
                ),
            )
        })?;
    organizations::delete_confirmed(call, ctx, org)
}

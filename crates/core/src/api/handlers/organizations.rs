//! Organizations: the organization the caller acts in (view, edit, delete), the caller's
//! organizations, and new standalone organizations (seed 000, "Manage your enterprise"; seed 002,
//! "Add organizations in Astra DB").
//!
//! The rules that enterprise-level handlers share live here too: what a valid name, email and
//! description are, what deleting an organization removes, and what a new organization starts
//! with.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{unchanged, Call, Handled};
use crate::api::access::{self, Actor, Principal};
use crate::api::effects::Effects;
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::visibility;
use crate::api::Context;
use crate::model::bootstrap::{active, free_billing, standalone_organization};
use crate::model::mail::Topic;
use crate::model::{Collection, Database, OrgType, Organization, Record, Scope, State, User};
use crate::pricing::billing::OrganizationBilling;
use crate::rbac::{Drn, Permission};
use crate::time::format_timestamp;
use crate::validation;

/// An organization on the wire (ours, camelCase); it has the `id` and `name` of the real
/// responses (`astra-cli-fixtures/Organization.json`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrganizationView<'a> {
    id: &'a str,
    name: &'a str,
    email: &'a str,
    description: &'a str,
    org_type: OrgType,
    default_organization: bool,
    enterprise_id: Option<&'a str>,
    organization_group_id: Option<&'a str>,
    created_at: String,
    last_modified: String,
    max_token_lifetime_days: Option<u32>,
}

impl<'a> OrganizationView<'a> {
    fn of(org: &'a Organization) -> OrganizationView<'a> {
        OrganizationView {
            id: &org.id,
            name: &org.name,
            email: &org.email,
            description: &org.description,
            org_type: org.org_type,
            default_organization: org.is_default(),
            enterprise_id: org.enterprise_id.as_deref(),
            organization_group_id: org.organization_group_id.as_deref(),
            created_at: format_timestamp(org.created_at),
            last_modified: format_timestamp(org.last_modified),
            max_token_lifetime_days: org.max_token_lifetime_days,
        }
    }
}

/// An organization in the caller's list, with the caller's membership status where the caller
/// is a user ("Invited users are listed as pending until they accept the invitation", seed 002).
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    organization: OrganizationView<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

/// GET /v2/currentOrg: "Retrieve the details for the organization in the provided token" (the
/// spec's getCurrentOrganization); seed 004, "Read Organization": "View an organization."
pub fn current(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let org = acting_organization(state, actor)?;
    unchanged(Response::ok(OrganizationView::of(org)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "camelCase")]
struct OrganizationChanges {
    name: Option<String>,
    email: Option<String>,
    description: Option<String>,
    /// Absent leaves it; null lifts the maximum; a number of days sets it.
    #[serde(default, deserialize_with = "present")]
    max_token_lifetime_days: Option<Option<i64>>,
}

/// A field that is present, null included (`Some(None)`), told apart from an absent one.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// The longest maximum lifetime: ten years, beyond which "Never" says the same.
const MAX_TOKEN_LIFETIME_DAYS: i64 = 3650;

/// A maximum lifetime for new tokens: 1 to [`MAX_TOKEN_LIFETIME_DAYS`] days, or none.
fn token_lifetime(days: Option<i64>) -> Result<Option<u32>, ApiError> {
    match days {
        None => Ok(None),
        Some(days @ 1..=MAX_TOKEN_LIFETIME_DAYS) => Ok(u32::try_from(days).ok()),
        Some(days) => Err(ApiError::new(
            ErrorId::InvalidField,
            format!(
                "field 'maxTokenLifetimeDays' is {days}: a maximum lifetime is 1 to \
                 {MAX_TOKEN_LIFETIME_DAYS} days, or null to let tokens never expire"
            ),
        )),
    }
}

/// PATCH /v2/currentOrg: the organization's name, email, description and the maximum lifetime of
/// its new tokens (which goes beyond the seeds, with token expiry). Nothing else can change:
/// "After you add an organization to your enterprise, you can't transfer it out of your
/// enterprise" (seed 000, "Delete an organization"), so `enterpriseId` is an unknown field.
pub fn update(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = acting_organization(state, actor)?;
    let changes: OrganizationChanges = request.json()?;
    let mut updated = org.clone();
    let mut changed = Vec::new();
    if let Some(name) = &changes.name {
        updated.name = validation::ORGANIZATION_NAME.checked(name)?;
        if updated.enterprise_id.is_some() {
            ensure_name_free_in_enterprise(state, &updated.name, Some(&org.id))?;
        }
        changed.push("name");
    }
    if let Some(email) = &changes.email {
        updated.email = organization_email(email)?;
        changed.push("email");
    }
    if let Some(description) = &changes.description {
        updated.description = validation::ORGANIZATION_DESCRIPTION.checked(description)?;
        changed.push("description");
    }
    if let Some(days) = changes.max_token_lifetime_days {
        // Tokens generated before keep their expiry: a maximum bounds what is generated next.
        updated.max_token_lifetime_days = token_lifetime(days)?;
        changed.push("maximum token lifetime");
    }
    if changed.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            "there is nothing to change: send at least one of name, email, description and \
             maxTokenLifetimeDays",
        ));
    }
    updated.last_modified = ctx.now;
    let mut effects = call.effects(ctx);
    effects.put(Record::Organization(updated.clone()));
    effects.audit(
        Scope::Organization(org.id.clone()),
        "organization.update",
        vec![org.id.clone()],
        format!(
            "updated the {} of organization {}",
            changed.join(", "),
            updated.name
        ),
    );
    Ok(effects.finish(Response::ok(OrganizationView::of(&updated))))
}

/// The typed confirmation of a deletion: "Enter the organization's name, and then click Delete
/// Organization to permanently delete the organization" (seed 000, "Delete an organization").
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Confirmation {
    name: String,
}

/// DELETE /v2/currentOrg. Seed 004, "Write Organization": "Users can delete organizations only
/// where they have the Write Organization permission, except for the default organization."
pub fn delete(call: Call, ctx: &mut Context) -> Handled {
    let org = acting_organization(call.state, call.actor)?;
    delete_confirmed(call, ctx, org)
}

/// Deletes an organization whose deletion the actor may ask for, once the request confirms it
/// and the organization can go: from the organization level and from the enterprise level alike.
pub(super) fn delete_confirmed(call: Call, ctx: &Context, org: &Organization) -> Handled {
    let Call { state, actor, .. } = call;
    let confirmation: Confirmation = call.request.json()?;
    ensure_deletable(state, actor, org, &confirmation.name, ctx.now)?;
    let mut effects = call.effects(ctx);
    delete_organization_effects(state, &mut effects, &org.id);
    effects.audit(
        log_of(org),
        "organization.delete",
        vec![org.id.clone()],
        format!("deleted organization {}", org.name),
    );
    Ok(effects.finish(Response::no_content()))
}

/// What stands in the way of deleting an organization.
fn ensure_deletable(
    state: &State,
    actor: &Actor,
    org: &Organization,
    confirmation: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    // Seed 004, "Write Organization": "[...] except for the default organization."
    if org.is_default() {
        return Err(ApiError::new(
            ErrorId::DefaultOrganization,
            format!(
                "{} is a default (personal) organization, and default organizations can't be \
                 deleted: delete an organization you created instead",
                org.name
            ),
        ));
    }
    if confirmation != org.name {
        return Err(ApiError::new(
            ErrorId::ConfirmationMismatch,
            format!(
                "the confirmation '{confirmation}' is not the organization's name: send \
                 {{\"name\": \"{}\"}}, exactly as it is spelled, to delete it",
                org.name
            ),
        ));
    }
    // Seed 000, "Delete an organization": "To prepare the organization for deletion, clean up
    // organization resources, such as databases".
    // Named only where the actor may view them (org-db-view): deleting is not reading.
    let (named, hidden): (Vec<&Database>, Vec<&Database>) = state
        .databases
        .values()
        .filter(|db| db.org_id == org.id && !db.is_terminated(now))
        .partition(|db| {
            access::explain(
                state,
                actor,
                Permission::ORG_DB_VIEW,
                &Drn::database(&org.id, &db.id),
            )
            .is_ok_and(|decision| decision.allowed)
        });
    if !named.is_empty() || !hidden.is_empty() {
        let mut listed: Vec<String> = named
            .iter()
            .map(|db| format!("{} ({})", db.name, db.id))
            .collect();
        if !hidden.is_empty() {
            listed.push(format!("{} you may not view", hidden.len()));
        }
        return Err(ApiError::new(
            ErrorId::OrganizationNotEmpty,
            format!(
                "{} still has databases: {}; terminate them (POST /v2/databases/<ID>/terminate), \
                 then delete the organization once they are TERMINATED",
                org.name,
                listed.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Everything deleting an organization changes: the organization, its custom roles, tokens and
/// billing record go; every membership in it ends, and a user left with no membership at all and
/// no default organization of their own goes too. Usage rows and audit entries stay: they are
/// history.
pub fn delete_organization_effects(state: &State, effects: &mut Effects, org_id: &str) {
    let scope = Scope::Organization(org_id.to_owned());
    effects.delete(Collection::Organizations, org_id);
    for stored in state.roles.values().filter(|r| r.scope == scope) {
        effects.delete(Collection::Roles, stored.role.id.clone());
    }
    for token in state.tokens.values().filter(|t| t.scope == scope) {
        effects.delete(Collection::Tokens, token.client_id.clone());
    }
    if state.billing.contains_key(org_id) {
        effects.delete(Collection::Billing, org_id);
    }
    // Only terminated ones are left (a database still running stops the deletion).
    for db in state.databases.values().filter(|db| db.org_id == org_id) {
        effects.delete(Collection::Databases, db.id.clone());
    }
    for user in state
        .users
        .values()
        .filter(|u| u.organizations.contains_key(org_id))
    {
        let mut user = user.clone();
        user.organizations.remove(org_id);
        if state.belongs_nowhere(&user) {
            effects.delete(Collection::Users, user.id);
        } else {
            effects.put(Record::User(user));
        }
    }
}

/// GET /v2/organizations: the caller's organizations, to switch between them. It asks for no
/// permission: it shows only where the caller already belongs (a user's memberships, a token's
/// own organization), which the caller can act in anyway, and switching needs the list before the
/// caller has chosen where to act. An enterprise token belongs to no organization: it is shown
/// those its roles' scope names (`visibility::visible_organizations`).
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let mut listed: Vec<Listed> = match (&actor.principal, &actor.scope) {
        (Principal::User(id), _) => state
            .users
            .get(id)
            .into_iter()
            .flat_map(|user| &user.organizations)
            .filter_map(|(org_id, membership)| {
                state.organizations.get(org_id).map(|org| Listed {
                    organization: OrganizationView::of(org),
                    status: Some(membership.status.as_str()),
                })
            })
            .collect(),
        (Principal::Token(_), Scope::Organization(org_id)) => state
            .organizations
            .get(org_id)
            .map(unlisted_status)
            .into_iter()
            .collect(),
        // The organizations its roles' scope names, as the enterprise Overview lists them.
        (Principal::Token(_), Scope::Enterprise) => visibility::visible_organizations(state, actor)
            .into_iter()
            .map(unlisted_status)
            .collect(),
    };
    listed.sort_by(|a, b| {
        (a.organization.name, a.organization.id).cmp(&(b.organization.name, b.organization.id))
    });
    unchanged(Response::ok(json!({ "organizations": listed })))
}

/// A token has no membership, so no status to show.
fn unlisted_status(org: &Organization) -> Listed<'_> {
    Listed {
        organization: OrganizationView::of(org),
        status: None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewStandaloneOrganization {
    name: String,
    email: String,
    #[serde(default)]
    description: String,
}

/// POST /v2/organizations: a standalone organization. Seed 002, "Add organizations in Astra DB":
/// "Enter the name and email address for your new organization." Its route asks for a user with
/// Write Organization where they act, which every user has in their default organization.
pub fn create_standalone(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    // The gate admits users only.
    let creator_id = actor.user_id().unwrap_or_default();
    let creator = state
        .users
        .get(creator_id)
        .ok_or_else(|| ApiError::not_found("user", creator_id))?;
    let body: NewStandaloneOrganization = request.json()?;
    let name = validation::ORGANIZATION_NAME.checked(&body.name)?;
    let email = organization_email(&body.email)?;
    let org = Organization {
        description: validation::ORGANIZATION_DESCRIPTION.checked(&body.description)?,
        ..standalone_organization(&name, &email, ctx.now, ctx.entropy)
    };
    let mut effects = call.effects(ctx);
    put_new_organization(&mut effects, &org, free_billing(), creator);
    Ok(effects.finish(Response::json(201, OrganizationView::of(&org))))
}

/// The audit log that records an organization's creation and deletion: an enterprise
/// organization's is the enterprise's, where its deletion stays readable once the organization's
/// own log has gone with it; a standalone organization's is its own.
fn log_of(org: &Organization) -> Scope {
    if org.enterprise_id.is_some() {
        Scope::Enterprise
    } else {
        Scope::Organization(org.id.clone())
    }
}

/// Puts a new organization, its billing record, and its initial Organization Administrator's
/// active membership ("When you create an organization in the Astra Portal, you are the initial
/// Organization Administrator", seed 000, "Create an organization"), and records its creation.
pub(super) fn put_new_organization(
    effects: &mut Effects,
    org: &Organization,
    billing: OrganizationBilling,
    admin: &User,
) {
    let mut admin = admin.clone();
    admin.organizations.insert(
        org.id.clone(),
        active(access::default_role("Organization Administrator")),
    );
    effects.put(Record::Organization(org.clone()));
    effects.put(Record::Billing {
        org_id: org.id.clone(),
        billing,
    });
    let what = match org.enterprise_id {
        Some(_) => format!("organization {} in the enterprise", org.name),
        None => format!("standalone organization {}", org.name),
    };
    let summary = format!(
        "created {what} with {} as its Organization Administrator",
        admin.email
    );
    // Seed 002, "Add organizations": "An email is sent to the email address entered for the
    // organization owner."
    let body = format!(
        "The organization {} was created, with {} as its Organization Administrator. This \
         address ({}) receives its administrative notifications.",
        org.name, admin.email, org.email
    );
    let subject = format!("Your organization {} is ready", org.name);
    effects.notify(org, Topic::Created, subject, body);
    let targets = vec![org.id.clone(), admin.id.clone()];
    effects.put(Record::User(admin));
    effects.audit(log_of(org), "organization.create", targets, summary);
}

/// The organization the actor acts in.
fn acting_organization<'s>(state: &'s State, actor: &Actor) -> Result<&'s Organization, ApiError> {
    let org_id = access::organization_of(actor)?;
    state
        .organizations
        .get(org_id)
        .ok_or_else(|| ApiError::not_found("organization", org_id))
}

/// An enterprise's organizations have distinct names (in any letter case), so that people can
/// tell them apart on the enterprise's Overview page. `except` is the organization being renamed.
pub(super) fn ensure_name_free_in_enterprise(
    state: &State,
    name: &str,
    except: Option<&str>,
) -> Result<(), ApiError> {
    let taken = state
        .enterprise_organizations()
        .find(|o| Some(o.id.as_str()) != except && o.name.eq_ignore_ascii_case(name));
    match taken {
        Some(other) => Err(ApiError::new(
            ErrorId::NameTaken,
            format!(
                "the enterprise {} already has an organization named '{}' ({}): choose another \
                 name",
                state.enterprise.name, other.name, other.id
            ),
        )),
        None => Ok(()),
    }
}

/// "The email address to receive administrative notifications related to this organization"
/// (seed 000), trimmed and checked with the one email rule.
pub(super) fn organization_email(raw: &str) -> Result<String, ApiError> {
    let email = raw.trim();
    match validation::email_problem(email) {
        None => Ok(email.to_owned()),
        Some(problem) => Err(ApiError::new(
            ErrorId::InvalidEmail,
            format!(
                "'{email}' is not an email address ({problem}): give one like admin@example.com"
            ),
        )),
    }
}

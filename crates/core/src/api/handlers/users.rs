//! Users of an organization or of the enterprise: list, invite, read, remove, change roles, and
//! accept an invitation. Both realms share these handlers; the path says which one is meant:
//! `/v2/enterprises/...` is the enterprise, `/v2/organizations/...` the actor's organization.
//! "Invited users are listed as pending until they accept the invitation" (seed 002), and an
//! invitation grants nothing until then (`access::roles` only counts active memberships).

use serde::Deserialize;
use serde_json::json;

mod invitations;
mod members;

pub use invitations::{accept, invite};

use self::members::{Members, UserView};
use super::{unchanged, Call, Handled};
use crate::api::access::{self};
use crate::api::error::{ApiError, ErrorEntry, ErrorId};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::{Collection, MemberStatus, Membership, Record, Scope, State, User};
use crate::rbac::Role;

/// The spec's RoleInviteRequest.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesBody {
    roles: Vec<String>,
}

/// GET .../users: everyone with a membership here, active or invited, by email.
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let members = Members::of(actor, request)?;
    unchanged(Response::ok(listing(state, &members)?))
}

/// GET /v2/enterprises/organizations/{orgID}/users: an organization's users seen from the
/// enterprise, through an enterprise role that carries org-user-read: "if you grant the
/// org-user-read permission with only one organization in the role's scope, then a user with this
/// permission can view the users in that one organization only" (seed 000, "Manage enterprise
/// roles"). It grants nothing inside the organization itself.
pub fn list_from_enterprise(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, .. } = call;
    let org = call.path_id();
    let in_enterprise = state
        .organizations
        .get(org)
        .is_some_and(|o| o.enterprise_id.as_deref() == Some(state.enterprise.id.as_str()));
    if !in_enterprise {
        return Err(ApiError::not_found("enterprise organization", org));
    }
    unchanged(Response::ok(listing(state, &Members::organization(org))?))
}

/// The members of a scope, sorted by email, in the spec's envelope.
fn listing(state: &State, members: &Members) -> Result<serde_json::Value, ApiError> {
    let mut found: Vec<(&User, &Membership)> = state
        .users
        .values()
        .filter_map(|user| user.membership(&members.scope).map(|m| (user, m)))
        .collect();
    found.sort_by_key(|(user, _)| (user.email.to_lowercase(), user.id.clone()));
    let users: Vec<UserView> = found
        .into_iter()
        .map(|(user, m)| members.view(state, user, m))
        .collect();
    Ok(match &members.scope {
        Scope::Organization(org) => {
            let organization = state
                .organizations
                .get(org)
                .ok_or_else(|| ApiError::not_found("organization", org))?;
            json!({"orgID": org, "orgName": organization.name, "users": users})
        }
        Scope::Enterprise => json!({
            "enterpriseID": state.enterprise.id,
            "enterpriseName": state.enterprise.name,
            "users": users,
        }),
    })
}

/// GET .../users/{userID}
pub fn get(call: Call, _ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let members = Members::of(actor, request)?;
    let (user, membership) = members.member(state, call.path_id())?;
    let view = members.view(state, user, membership);
    unchanged(Response::ok(view))
}

/// DELETE .../users/{userID}. seed 000, "Manage enterprise users": "To remove a user or revoke a
/// pending invitation, click More, and then select Remove User. This removes the user from your
/// enterprise only." A user left with no membership anywhere, and no default organization of
/// their own, is deleted.
pub fn remove(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let members = Members::of(actor, request)?;
    let (user, membership) = members.member(state, call.path_id())?;
    let held = state.resolve_roles(&members.scope, &membership.roles);
    access::may_grant(state, actor, &held, || {
        format!("remove {}, who holds {}", user.email, role_names(&held))
    })?;
    ensure_admin_remains(state, &members, user, &[])?;
    let what = match membership.status {
        MemberStatus::Active => "removed",
        MemberStatus::Invited => "revoked the invitation of",
    };
    let summary = format!("{what} {} from {}", user.email, members.name(state));
    let mut remaining = user.clone();
    remaining.set_membership(&members.scope, None);
    let mut effects = call.effects(ctx);
    if state.belongs_nowhere(&remaining) {
        effects.delete(Collection::Users, remaining.id.clone());
    } else {
        effects.put(Record::User(remaining));
    }
    members.audit(&mut effects, "user.remove", user, summary);
    Ok(effects.finish(Response::no_content()))
}

/// PUT .../users/{userID}/roles: replaces the member's roles; an invitation stays pending.
pub fn update_roles(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let members = Members::of(actor, request)?;
    let (user, membership) = members.member(state, call.path_id())?;
    let body: RolesBody = request.json()?;
    let roles = available_roles(state, &members, &body.roles)?;
    let held = state.resolve_roles(&members.scope, &membership.roles);
    let changed: Vec<Role> = held
        .iter()
        .filter(|r| !roles.contains(r))
        .chain(roles.iter().filter(|r| !held.contains(r)))
        .cloned()
        .collect();
    access::may_grant(state, actor, &changed, || {
        format!(
            "change the roles of {} from {} to {}",
            user.email,
            role_names(&held),
            role_names(&roles)
        )
    })?;
    let role_ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
    ensure_admin_remains(state, &members, user, &role_ids)?;
    let summary = format!(
        "set the roles of {} in {} to {}",
        user.email,
        members.name(state),
        role_names(&roles)
    );
    let mut changed = user.clone();
    changed.set_membership(
        &members.scope,
        Some(Membership {
            roles: role_ids,
            ..membership.clone()
        }),
    );
    let mut effects = call.effects(ctx);
    effects.put(Record::User(changed));
    members.audit(&mut effects, "user.roles", user, summary);
    Ok(effects.finish(Response::no_content()))
}

/// The roles to assign, each available here (a default role of this realm or one of this
/// scope's custom roles), without repeats. Every unavailable role gets its own error entry.
fn available_roles(
    state: &State,
    members: &Members,
    ids: &[String],
) -> Result<Vec<Role>, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            "'roles' is empty: give at least one role ID (list the roles with GET \
             /v2/organizations/roles)",
        ));
    }
    let mut roles: Vec<Role> = Vec::new();
    let mut errors = Vec::new();
    for id in ids {
        match state.role(&members.scope, id) {
            Some(role) if !roles.iter().any(|r| r.id == role.id) => roles.push(role),
            Some(_) => {}
            None => errors.push(entry(
                ErrorId::RoleNotAvailable,
                format!(
                    "role '{id}' is not available in {}: list the roles with GET \
                     /v2/organizations/roles and use one of their IDs",
                    members.name(state)
                ),
            )),
        }
    }
    if errors.is_empty() {
        Ok(roles)
    } else {
        Err(ApiError {
            status: ErrorId::RoleNotAvailable.status(),
            errors,
        })
    }
}

fn role_names(roles: &[Role]) -> String {
    let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
    names.join(", ")
}

fn entry(id: ErrorId, message: String) -> ErrorEntry {
    ErrorEntry {
        id: id.code(),
        message,
    }
}

/// Refuses a change that would leave no active administrator: seed 000, "Each enterprise has at
/// least one Enterprise Administrator"; an organization keeps its Organization Administrator
/// ("After you create the organization, you can invite another Organization Administrator",
/// seed 000). `roles_after` is what the user keeps here: nothing when they are removed.
fn ensure_admin_remains(
    state: &State,
    members: &Members,
    user: &User,
    roles_after: &[String],
) -> Result<(), ApiError> {
    let was_admin = user
        .membership(&members.scope)
        .is_some_and(|m| members.is_active_admin(m));
    let stays_admin = roles_after.iter().any(|r| r == members.admin.id);
    if !was_admin || stays_admin {
        return Ok(());
    }
    let another = state.users.values().any(|other| {
        other.id != user.id
            && other
                .membership(&members.scope)
                .is_some_and(|m| members.is_active_admin(m))
    });
    if another {
        return Ok(());
    }
    let admin = members.admin.name;
    Err(ApiError::new(
        ErrorId::LastAdministrator,
        format!(
            "{} is the last active {admin} of {}: make someone else {admin} first (invite them \
             with role {}, or give it to a member with PUT {}/users/{{userID}}/roles), then try \
             again",
            user.email,
            members.name(state),
            members.admin.id,
            members.base
        ),
    ))
}

//! Roles: `GET/POST /v2/organizations/roles`, `GET/PUT/DELETE /v2/organizations/roles/{roleID}`.
//!
//! The realm comes from the actor: acting in an organization, these are the organization's
//! roles; acting at the enterprise level, the enterprise's ("To retrieve enterprise roles, your
//! application token must have the Enterprise Administrator role", seed 000). Default roles are
//! listed and read like custom ones but never change ("You can't edit or delete default roles",
//! seed 004).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{unchanged, Call, Handled};
use crate::api::access::{self, scope_name};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::{Request, Response};
use crate::api::Context;
use crate::model::entropy::uuid;
use crate::model::{ApplicationToken, Collection, Record, Scope, State, StoredRole, User};
use crate::rbac::{Drn, Role};
use crate::time::format_timestamp;
use crate::validation;

/// GET /v2/organizations/roles: the scope's default roles, then its custom roles.
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let roles = state.roles_in(&actor.scope);
    let views: Vec<RoleView> = roles.iter().map(|role| RoleView::of(state, role)).collect();
    unchanged(Response::ok(views))
}

/// POST /v2/organizations/roles: seed 004, "Create a custom role".
pub fn create(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let role = validated_role(state, &actor.scope, uuid(ctx.entropy), request)?;
    access::may_grant(state, actor, std::slice::from_ref(&role), || {
        format!("create role '{}'", role.name)
    })?;
    save(call, ctx, role, Saving::Create)
}

/// GET /v2/organizations/roles/{roleID}: a default or custom role available where the actor acts.
pub fn get(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let id = call.path_id();
    let role = state
        .role(&actor.scope, id)
        .ok_or_else(|| ApiError::not_found("role", id))?;
    unchanged(Response::ok(RoleView::of(state, &role)))
}

/// PUT /v2/organizations/roles/{roleID}: seed 004, "Edit a custom role": "You can edit any custom
/// roles in your organization".
pub fn update(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let existing = editable(state, &actor.scope, call.path_id())?;
    let role = validated_role(state, &actor.scope, existing.id.clone(), request)?;
    // What the edit gives the role's holders, and what it takes from them.
    access::may_grant(state, actor, &[&existing, &role], || {
        format!("edit role '{}'", existing.name)
    })?;
    save(call, ctx, role, Saving::Update)
}

/// DELETE /v2/organizations/roles/{roleID}: seed 004, "Delete a custom role": "Deleting a custom
/// role removes it from all users and application tokens it is assigned to." Seed 000, of
/// enterprise roles: "The role is removed from all users and tokens that it was assigned to."
pub fn delete(call: Call, ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let scope = &actor.scope;
    let role = editable(state, scope, call.path_id())?;
    let users = users_losing(state, scope, &role.id);
    let tokens = tokens_losing(state, scope, &role.id);
    if !users.is_empty() || !tokens.is_empty() {
        access::may_grant(state, actor, std::slice::from_ref(&role), || {
            format!("delete role '{}', which users or tokens hold", role.name)
        })?;
    }
    let summary = format!(
        "deleted role '{}' in {}, removing it from {} user(s) and {} token(s)",
        role.name,
        scope_name(state, scope),
        users.len(),
        tokens.len()
    );
    let mut targets = vec![role.id.clone()];
    targets.extend(users.iter().map(|u| u.id.clone()));
    targets.extend(tokens.iter().map(|t| t.client_id.clone()));
    let mut effects = call.effects(ctx);
    for user in users {
        effects.put(Record::User(user));
    }
    for token in tokens {
        effects.put(Record::Token(token));
    }
    effects.delete(Collection::Roles, role.id);
    effects.audit(scope.clone(), "role.delete", targets, summary);
    Ok(effects.finish(Response::no_content()))
}

/// A role as the API shows it: what `rbac::Role` serializes (`ID`, `Name`, `Policy`, as the
/// real responses spell them) and, for a custom role, the spec's `last_update_datetime` and
/// `last_update_userid`.
#[derive(Serialize)]
pub(super) struct RoleView<'a> {
    #[serde(flatten)]
    role: &'a Role,
    #[serde(flatten)]
    last_update: Option<LastUpdate<'a>>,
}

#[derive(Serialize)]
struct LastUpdate<'a> {
    last_update_datetime: String,
    last_update_userid: &'a str,
}

impl<'a> RoleView<'a> {
    /// A role available in a scope; only custom roles are stored, with who changed them last.
    fn of(state: &'a State, role: &'a Role) -> RoleView<'a> {
        RoleView {
            role,
            last_update: state.roles.get(&role.id).map(LastUpdate::of),
        }
    }

    pub(super) fn custom(stored: &'a StoredRole) -> RoleView<'a> {
        RoleView {
            role: &stored.role,
            last_update: Some(LastUpdate::of(stored)),
        }
    }
}

impl<'a> LastUpdate<'a> {
    fn of(stored: &'a StoredRole) -> LastUpdate<'a> {
        LastUpdate {
            last_update_datetime: format_timestamp(stored.last_update_datetime),
            last_update_userid: &stored.last_update_userid,
        }
    }
}

/// CreateRoleRequest and UpdateRoleRequest (the same shape), in the spec's lower case or the
/// real API's PascalCase.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleBody {
    #[serde(alias = "Name")]
    name: String,
    /// Read by `rbac::Role` itself, so that a policy is checked the one way wherever it comes
    /// from (unknown permissions, DRNs, realms, the effect).
    #[serde(alias = "Policy")]
    policy: Value,
}

#[derive(Copy, Clone)]
enum Saving {
    Create,
    Update,
}

/// A custom role available in the scope: an unknown one is a 404; a default one can't change
/// ("You can't edit or delete default roles", seed 004).
fn editable(state: &State, scope: &Scope, id: &str) -> Result<Role, ApiError> {
    let role = state
        .role(scope, id)
        .ok_or_else(|| ApiError::not_found("role", id))?;
    role.ensure_editable()
        .map_err(|e| ApiError::new(ErrorId::DefaultRole, e.to_string()))?;
    Ok(role)
}

/// The role the body describes, under `id`, checked: its name, its policy, that its resources
/// are this scope's, and that no other role of the scope has its name.
fn validated_role(
    state: &State,
    scope: &Scope,
    id: String,
    request: &Request,
) -> Result<Role, ApiError> {
    let body: RoleBody = request.json()?;
    let name = validation::ROLE_NAME.checked(&body.name)?;
    let mut role = Role::deserialize(json!({ "ID": id, "Name": name, "Policy": body.policy }))
        .map_err(|e| {
            ApiError::new(
                ErrorId::InvalidField,
                format!("field 'policy' is invalid: {e}"),
            )
        })?;
    role.policy.description = validation::ROLE_DESCRIPTION.checked(&role.policy.description)?;
    if let Some(outside) = role
        .policy
        .resources
        .iter()
        .find(|drn| !in_scope(state, scope, drn))
    {
        return Err(outside_scope(state, scope, outside));
    }
    ensure_name_free(state, scope, &role)?;
    Ok(role)
}

/// Whether a DRN names something of this scope: an organization role names only its own
/// organization; an enterprise role names the enterprise and (seed 000, "the resource scope
/// determines the organizations that the role can view at the enterprise level") all or some of
/// the enterprise's organizations.
fn in_scope(state: &State, scope: &Scope, drn: &Drn) -> bool {
    if drn.root_id().id() != Some(state.owner_id(scope)) {
        return false;
    }
    match scope {
        Scope::Organization(_) => !drn.kind().is_enterprise(),
        Scope::Enterprise => {
            drn.kind().is_enterprise()
                && match drn.ids().get(1).map(|segment| segment.id()) {
                    None | Some(None) => true,
                    Some(Some(org)) => state.enterprise_organizations().any(|o| o.id == org),
                }
        }
    }
}

fn outside_scope(state: &State, scope: &Scope, drn: &Drn) -> ApiError {
    let owner = state.owner_id(scope);
    let fix = match scope {
        Scope::Organization(_) => format!(
            "an organization role's resources are 'drn:astra:org:{owner}' and its databases, \
             keyspaces and tables ('drn:astra:org:{owner}:db:<DB_ID|*>...')"
        ),
        Scope::Enterprise => format!(
            "an enterprise role's resources are 'drn:astra:ent:{owner}' and \
             'drn:astra:ent:{owner}:org:<ORG_ID|*>' for organizations of the enterprise"
        ),
    };
    ApiError::new(
        ErrorId::InvalidField,
        format!(
            "resource '{drn}' is not in {}: {fix}",
            scope_name(state, scope)
        ),
    )
}

fn ensure_name_free(state: &State, scope: &Scope, role: &Role) -> Result<(), ApiError> {
    match state
        .roles_named(scope, &role.name)
        .find(|other| other.id != role.id)
    {
        Some(other) => {
            let kind = if other.is_default() {
                "default"
            } else {
                "custom"
            };
            Err(ApiError::new(
                ErrorId::NameTaken,
                format!(
                    "{} already has a {kind} role named '{}': choose another name, or edit that \
                     role",
                    scope_name(state, scope),
                    other.name
                ),
            ))
        }
        None => Ok(()),
    }
}

/// Stores the role as the actor's latest change and answers with it.
fn save(call: Call, ctx: &Context, role: Role, saving: Saving) -> Handled {
    let Call { state, actor, .. } = call;
    let scope = &actor.scope;
    let (status, action, verb) = match saving {
        Saving::Create => (201, "role.create", "created"),
        Saving::Update => (200, "role.update", "updated"),
    };
    let summary = format!(
        "{verb} role '{}' in {}",
        role.name,
        scope_name(state, scope)
    );
    let stored = StoredRole {
        role,
        scope: scope.clone(),
        last_update_datetime: ctx.now,
        last_update_userid: actor.id().to_owned(),
    };
    let response = Response::json(status, RoleView::custom(&stored));
    let targets = vec![stored.role.id.clone()];
    let mut effects = call.effects(ctx);
    effects.put(Record::Role(stored));
    effects.audit(scope.clone(), action, targets, summary);
    Ok(effects.finish(response))
}

/// The users whose membership in the scope (active or invited) has the role, without it.
fn users_losing(state: &State, scope: &Scope, role_id: &str) -> Vec<User> {
    state
        .users
        .values()
        .filter(|user| {
            user.membership(scope)
                .is_some_and(|m| m.roles.iter().any(|r| r == role_id))
        })
        .map(|user| {
            let mut user = user.clone();
            if let Some(membership) = user.membership_mut(scope) {
                membership.roles.retain(|r| r != role_id);
            }
            user
        })
        .collect()
}

/// The scope's tokens that have the role, without it. A token left with no role stays, granting
/// nothing, until someone revokes it (seed 004: "generate new application tokens with different
/// roles, as needed").
fn tokens_losing(state: &State, scope: &Scope, role_id: &str) -> Vec<ApplicationToken> {
    state
        .tokens
        .values()
        .filter(|token| &token.scope == scope && token.roles.iter().any(|r| r == role_id))
        .map(|token| {
            let mut token = token.clone();
            token.roles.retain(|r| r != role_id);
            token
        })
        .collect()
}

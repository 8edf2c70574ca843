//! Users of an organization or of the enterprise: list, invite, read, remove, change roles, and
//! accept an invitation. Both realms share these handlers; the path says which one is meant:
//! `/v2/enterprises/...` is the enterprise, `/v2/organizations/...` the actor's organization.
//! "Invited users are listed as pending until they accept the invitation" (seed 002), and an
//! invitation grants nothing until then (`access::roles` only counts active memberships).

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::access::{self, Actor};
use super::effects::Effects;
use super::error::{ApiError, ErrorEntry, ErrorId};
use super::request::{Request, Response};
use super::routes::{path_id, Handled, Params};
use super::Context;
use crate::model::entropy::uuid;
use crate::model::{ChangeSet, Collection, MemberStatus, Membership, Record, Scope, State, User};
use crate::rbac::{DefaultRole, Role};
use crate::validation::{self, INVITED_ADDRESSES_MAX};

/// The users of one organization or of the enterprise, as the path names them: where they
/// belong, and the role that makes an administrator there.
struct Members {
    scope: Scope,
    admin: &'static DefaultRole,
    /// The endpoints' path prefix, for messages that name an endpoint.
    base: &'static str,
}

const ENTERPRISE_BASE: &str = "/v2/enterprises";
const ORGANIZATION_BASE: &str = "/v2/organizations";

impl Members {
    /// The enterprise for `/v2/enterprises/...`; otherwise the actor's organization.
    fn of(actor: &Actor, request: &Request) -> Result<Members, ApiError> {
        if request.path.starts_with(ENTERPRISE_BASE) {
            return Ok(Members {
                scope: Scope::Enterprise,
                admin: access::default_role("Enterprise Administrator"),
                base: ENTERPRISE_BASE,
            });
        }
        let org = access::organization_of(actor)?;
        Ok(Members {
            scope: Scope::Organization(org.to_owned()),
            admin: access::default_role("Organization Administrator"),
            base: ORGANIZATION_BASE,
        })
    }

    fn name(&self, state: &State) -> String {
        access::scope_name(state, &self.scope)
    }

    /// A user with a membership here (active or invited), or a 404.
    fn member<'s>(
        &self,
        state: &'s State,
        user_id: &str,
    ) -> Result<(&'s User, &'s Membership), ApiError> {
        state
            .users
            .get(user_id)
            .and_then(|user| user.membership(&self.scope).map(|m| (user, m)))
            .ok_or_else(|| {
                ApiError::new(
                    ErrorId::NotFound,
                    format!(
                        "user '{user_id}' is not a member of {}: check the ID, or list the users \
                         with GET {}/users",
                        self.name(state),
                        self.base
                    ),
                )
            })
    }

    /// The user as the API shows them. seed 000, "Manage enterprise users": "The Admin flag
    /// indicates users with the Enterprise Administrator."
    fn view(&self, state: &State, user: &User, membership: &Membership) -> UserView {
        UserView {
            user_id: user.id.clone(),
            email: user.email.clone(),
            status: membership.status.as_str(),
            roles: state.resolve_roles(&self.scope, &membership.roles),
            admin: (self.scope == Scope::Enterprise).then(|| self.is_admin_role(membership)),
        }
    }

    fn is_admin_role(&self, membership: &Membership) -> bool {
        membership.roles.iter().any(|r| r == self.admin.id)
    }

    fn is_active_admin(&self, membership: &Membership) -> bool {
        membership.status == MemberStatus::Active && self.is_admin_role(membership)
    }

    /// The spec's UserInvite names the organization; it can only be the one the actor acts in,
    /// and an enterprise invitation has none.
    fn check_org_id(&self, state: &State, given: Option<&str>) -> Result<(), ApiError> {
        let message = match (given, &self.scope) {
            (None, _) => return Ok(()),
            (Some(id), Scope::Organization(org)) if id == org.as_str() => return Ok(()),
            (Some(id), Scope::Organization(org)) => format!(
                "orgID '{id}' is not {} ({org}), the organization you act in: leave orgID out, \
                 or act in organization '{id}' (with its token, or by switching to it)",
                self.name(state)
            ),
            (Some(_), Scope::Enterprise) => "an enterprise invitation takes no orgID, because \
                 inviting a user to the enterprise does not add them to any organization: leave \
                 orgID out, or invite them to the organization with PUT /v2/organizations/users"
                .to_owned(),
        };
        Err(ApiError::new(ErrorId::InvalidField, message))
    }
}

/// A user as the real API answers (`astra-cli-fixtures/Users.json`): PascalCase keys; enterprise
/// users also carry the Admin flag.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct UserView {
    #[serde(rename = "UserID")]
    user_id: String,
    email: String,
    status: &'static str,
    roles: Vec<Role>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin: Option<bool>,
}

/// The spec's UserInvite (`orgID` optional here: it can only be the actor's organization).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InviteBody {
    email: String,
    roles: Vec<String>,
    #[serde(default, rename = "orgID", alias = "orgId")]
    org_id: Option<String>,
}

/// The spec's RoleInviteRequest.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesBody {
    roles: Vec<String>,
}

/// One address that went through: a new invitation, or a pending one sent again.
struct Invitation {
    user: User,
    resent: bool,
}

#[derive(Serialize)]
struct InvitedView<'a> {
    #[serde(rename = "userID")]
    user_id: &'a str,
    email: &'a str,
    status: &'static str,
    resent: bool,
}

/// GET .../users: everyone with a membership here, active or invited, by email.
pub fn list(
    state: &State,
    actor: &Actor,
    request: &Request,
    _ctx: &mut Context,
    _params: &Params,
) -> Handled {
    let members = Members::of(actor, request)?;
    Ok((
        Response::ok(listing(state, &members)?),
        ChangeSet::default(),
    ))
}

/// GET /v2/enterprises/organizations/{orgID}/users: an organization's users seen from the
/// enterprise, through an enterprise role that carries org-user-read: "if you grant the
/// org-user-read permission with only one organization in the role's scope, then a user with this
/// permission can view the users in that one organization only" (seed 000, "Manage enterprise
/// roles"). It grants nothing inside the organization itself.
pub fn list_from_enterprise(
    state: &State,
    _actor: &Actor,
    _request: &Request,
    _ctx: &mut Context,
    params: &Params,
) -> Handled {
    let org = path_id(params);
    let in_enterprise = state
        .organizations
        .get(org)
        .is_some_and(|o| o.enterprise_id.as_deref() == Some(state.enterprise.id.as_str()));
    if !in_enterprise {
        return Err(ApiError::not_found("enterprise organization", org));
    }
    let members = Members {
        scope: Scope::Organization(org.to_owned()),
        admin: access::default_role("Organization Administrator"),
        base: ORGANIZATION_BASE,
    };
    Ok((
        Response::ok(listing(state, &members)?),
        ChangeSet::default(),
    ))
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

/// PUT .../users: invites one or more addresses with the same roles. The spec: "Invite a user to
/// an organization or resend an invitation with new invitation details". Each address succeeds
/// or fails on its own; the request is refused only when none went through.
pub fn invite(
    state: &State,
    actor: &Actor,
    request: &Request,
    ctx: &mut Context,
    _params: &Params,
) -> Handled {
    let members = Members::of(actor, request)?;
    let body: InviteBody = request.json()?;
    members.check_org_id(state, body.org_id.as_deref())?;
    let roles = available_roles(state, &members, &body.roles)?;
    access::may_grant(state, actor, &roles, || {
        format!("invite users as {}", role_names(&roles))
    })?;
    let role_ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
    let addresses = addresses(&body.email)?;
    if addresses.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidEmail,
            "'email' holds no address: give one or more email addresses, separated by commas, \
             spaces or line breaks",
        ));
    }
    let mut invited = Vec::new();
    let mut errors = Vec::new();
    for address in addresses {
        match invitation(state, &members, address, &role_ids, ctx) {
            Ok(invitation) => invited.push(invitation),
            Err(entry) => errors.push(entry),
        }
    }
    if invited.is_empty() {
        return Err(refusal(errors));
    }
    let emails: Vec<&str> = invited.iter().map(|i| i.user.email.as_str()).collect();
    let summary = format!(
        "invited {} to {} as {}",
        emails.join(", "),
        members.name(state),
        role_names(&roles)
    );
    let targets = invited.iter().map(|i| i.user.id.clone()).collect();
    let views: Vec<InvitedView> = invited
        .iter()
        .map(|i| InvitedView {
            user_id: &i.user.id,
            email: &i.user.email,
            status: MemberStatus::Invited.as_str(),
            resent: i.resent,
        })
        .collect();
    let response = Response::ok(json!({"invited": views, "errors": errors}));
    let mut effects = Effects::new(state);
    for invitation in invited {
        effects.put(Record::User(invitation.user));
    }
    effects.audit(
        actor,
        ctx,
        members.scope.clone(),
        "user.invite",
        targets,
        summary,
    );
    Ok(effects.finish(response))
}

/// GET .../users/{userID}
pub fn get(
    state: &State,
    actor: &Actor,
    request: &Request,
    _ctx: &mut Context,
    params: &Params,
) -> Handled {
    let members = Members::of(actor, request)?;
    let (user, membership) = members.member(state, path_id(params))?;
    let view = members.view(state, user, membership);
    Ok((Response::ok(view), ChangeSet::default()))
}

/// DELETE .../users/{userID}. seed 000, "Manage enterprise users": "To remove a user or revoke a
/// pending invitation, click More, and then select Remove User. This removes the user from your
/// enterprise only." A user left with no membership anywhere, and no default organization of
/// their own, is deleted.
pub fn remove(
    state: &State,
    actor: &Actor,
    request: &Request,
    ctx: &mut Context,
    params: &Params,
) -> Handled {
    let members = Members::of(actor, request)?;
    let (user, membership) = members.member(state, path_id(params))?;
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
    let mut effects = Effects::new(state);
    if state.belongs_nowhere(&remaining) {
        effects.delete(Collection::Users, remaining.id.clone());
    } else {
        effects.put(Record::User(remaining));
    }
    effects.audit(
        actor,
        ctx,
        members.scope.clone(),
        "user.remove",
        vec![user.id.clone()],
        summary,
    );
    Ok(effects.finish(Response::no_content()))
}

/// PUT .../users/{userID}/roles: replaces the member's roles; an invitation stays pending.
pub fn update_roles(
    state: &State,
    actor: &Actor,
    request: &Request,
    ctx: &mut Context,
    params: &Params,
) -> Handled {
    let members = Members::of(actor, request)?;
    let (user, membership) = members.member(state, path_id(params))?;
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
            status: membership.status,
            roles: role_ids,
        }),
    );
    let mut effects = Effects::new(state);
    effects.put(Record::User(changed));
    effects.audit(
        actor,
        ctx,
        members.scope.clone(),
        "user.roles",
        vec![user.id.clone()],
        summary,
    );
    Ok(effects.finish(Response::no_content()))
}

/// POST .../invitation/accept. seed 002: "Invited users are listed as pending until they accept
/// the invitation to join your organization." The invitee holds no active role yet, so this is
/// the one operation that asks for no permission: only for the invited user themselves.
pub fn accept(
    state: &State,
    actor: &Actor,
    request: &Request,
    ctx: &mut Context,
    _params: &Params,
) -> Handled {
    // The gate admits only a user acting where the invitation is to.
    let user_id = actor.user_id().unwrap_or_default();
    let members = Members::of(actor, request)?;
    let user = state
        .users
        .get(user_id)
        .ok_or_else(|| ApiError::not_found("user", user_id))?;
    let roles = match user.membership(&members.scope) {
        None => {
            return Err(ApiError::new(
                ErrorId::NotFound,
                format!(
                    "there is no invitation for {} to {}: ask an administrator there to invite you",
                    user.email,
                    members.name(state)
                ),
            ))
        }
        Some(m) if m.status == MemberStatus::Active => {
            return Err(ApiError::new(
                ErrorId::InvitationState,
                format!(
                "{} is already an active member of {}: there is no pending invitation to accept",
                user.email,
                members.name(state)
            ),
            ))
        }
        Some(m) => m.roles.clone(),
    };
    let active = Membership {
        status: MemberStatus::Active,
        roles,
    };
    let mut accepted = user.clone();
    accepted.set_membership(&members.scope, Some(active.clone()));
    let view = members.view(state, &accepted, &active);
    let summary = format!(
        "{} accepted the invitation to {}",
        user.email,
        members.name(state)
    );
    let mut effects = Effects::new(state);
    effects.put(Record::User(accepted));
    effects.audit(
        actor,
        ctx,
        members.scope.clone(),
        "user.accept",
        vec![user.id.clone()],
        summary,
    );
    Ok(effects.finish(Response::ok(view)))
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

/// seed 002, "Invite users to an organization": "If adding multiple users, separate the email
/// addresses with commas, spaces, or line breaks." Empty pieces are dropped, and an address given
/// twice (in any letter case) counts once.
fn addresses(text: &str) -> Result<Vec<&str>, ApiError> {
    let mut seen = std::collections::HashSet::new();
    let mut unique: Vec<&str> = Vec::new();
    for address in text.split(|c: char| c == ',' || c.is_whitespace()) {
        if !address.is_empty() && seen.insert(address.to_lowercase()) {
            unique.push(address);
        }
        if unique.len() > INVITED_ADDRESSES_MAX {
            return Err(ApiError::new(
                ErrorId::InvalidEmail,
                format!(
                    "'email' holds more than {INVITED_ADDRESSES_MAX} addresses: invite at most \
                     {INVITED_ADDRESSES_MAX} at a time, in several requests"
                ),
            ));
        }
    }
    Ok(unique)
}

/// What inviting one address does: a new user, a new membership for a known user, or (for a
/// pending invitation) the invitation sent again with these roles. An active member is refused:
/// their roles are edited, not re-invited.
fn invitation(
    state: &State,
    members: &Members,
    address: &str,
    roles: &[String],
    ctx: &mut Context,
) -> Result<Invitation, ErrorEntry> {
    if let Some(problem) = validation::email_problem(address) {
        return Err(entry(
            ErrorId::InvalidEmail,
            format!("'{address}' is not an email address ({problem}): correct it and invite again"),
        ));
    }
    let (mut user, resent) = match state.user_by_email(address) {
        None => (
            User {
                id: uuid(ctx.entropy),
                email: address.to_owned(),
                organizations: Default::default(),
                enterprise: None,
            },
            false,
        ),
        Some(known) => match known.membership(&members.scope).map(|m| m.status) {
            None => (known.clone(), false),
            Some(MemberStatus::Invited) => (known.clone(), true),
            Some(MemberStatus::Active) => {
                return Err(entry(
                    ErrorId::InvitationState,
                    format!(
                        "{} is already a member of {}: edit their roles with PUT {}/users/{}/roles",
                        known.email,
                        members.name(state),
                        members.base,
                        known.id
                    ),
                ))
            }
        },
    };
    let membership = Membership {
        status: MemberStatus::Invited,
        roles: roles.to_vec(),
    };
    user.set_membership(&members.scope, Some(membership));
    Ok(Invitation { user, resent })
}

fn entry(id: ErrorId, message: String) -> ErrorEntry {
    ErrorEntry {
        id: id.code(),
        message,
    }
}

/// No address went through: a conflict when every one was already a member, otherwise a bad
/// request.
fn refusal(errors: Vec<ErrorEntry>) -> ApiError {
    let conflict = errors
        .iter()
        .all(|e| e.id == ErrorId::InvitationState.code());
    let id = if conflict {
        ErrorId::InvitationState
    } else {
        ErrorId::InvalidEmail
    };
    ApiError {
        status: id.status(),
        errors: super::error::bounded(errors),
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

//! Invitations: "Invited users are listed as pending until they accept the invitation" (seed
//! 002). Inviting one or more addresses, and the invited user's acceptance.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::members::Members;
use super::{available_roles, entry, role_names};
use crate::api::access;
use crate::api::effects::Effects;
use crate::api::error::{ApiError, ErrorEntry, ErrorId};
use crate::api::handlers::organizations::put_new_organization;
use crate::api::handlers::{Call, Handled};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::bootstrap::{free_billing, personal_name, personal_organization};
use crate::model::entropy::uuid;
use crate::model::mail::{About, InvitationLetter, INVITATION_LIFETIME};
use crate::model::{MemberStatus, Membership, Record, Scope, State, User};
use crate::time::format_second;
use crate::validation::{self, INVITED_ADDRESSES_MAX};

impl Members {
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

/// The spec's UserInvite (`orgID` optional here: it can only be the actor's organization).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InviteBody {
    email: String,
    roles: Vec<String>,
    #[serde(default, rename = "orgID", alias = "orgId")]
    org_id: Option<String>,
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

/// PUT .../users: invites one or more addresses with the same roles. The spec: "Invite a user to
/// an organization or resend an invitation with new invitation details". Each address succeeds
/// or fails on its own; the request is refused only when none went through.
pub fn invite(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
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
    let letter = InvitationLetter {
        inviter: actor.name(state),
        place: members.name(state),
        roles: role_names(&roles),
    };
    let mut effects = call.effects(ctx);
    for invitation in invited {
        send_invitation(&mut effects, &letter, &members.scope, &invitation.user);
        effects.put(Record::User(invitation.user));
    }
    effects.audit(members.scope.clone(), "user.invite", targets, summary);
    Ok(effects.finish(response))
}

/// "The user receives an email invitation" (seed 000), with the link that accepts it.
fn send_invitation(effects: &mut Effects, letter: &InvitationLetter, scope: &Scope, user: &User) {
    let expires = user
        .membership(scope)
        .and_then(|m| m.expires)
        .unwrap_or_default();
    let about = About::Invitation {
        scope: scope.clone(),
        user_id: user.id.clone(),
        expires,
    };
    effects.send(&user.email, letter.subject(), letter.body(expires), about);
}

/// POST .../invitation/accept. seed 002: "Invited users are listed as pending until they accept
/// the invitation to join your organization." The invitee holds no active role yet, so this is
/// the one operation that asks for no permission: only for the invited user themselves.
pub fn accept(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
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
        Some(m) if m.expired(ctx.now) => {
            return Err(ApiError::new(
                ErrorId::InvitationState,
                format!(
                    "the invitation of {} to {} expired at {}: ask an administrator there to \
                     invite you again, which sends a new invitation",
                    user.email,
                    members.name(state),
                    format_second(m.expires.unwrap_or_default())
                ),
            ))
        }
        Some(m) => m.roles.clone(),
    };
    let active = Membership::active(roles);
    let mut accepted = user.clone();
    accepted.set_membership(&members.scope, Some(active.clone()));
    let view = members.view(state, &accepted, &active);
    let summary = format!(
        "{} accepted the invitation to {}",
        user.email,
        members.name(state)
    );
    let personal = state.default_organization_of(&user.id).is_none().then(|| {
        personal_organization(&accepted, &personal_name(&user.email), ctx.now, ctx.entropy)
    });
    let mut effects = call.effects(ctx);
    match personal {
        // Every user has a default (personal) organization (seed 004: "Users can always create
        // organizations from their default organization"): one who first joins by invitation
        // gets it now, as its Organization Administrator.
        Some(org) => put_new_organization(&mut effects, &org, free_billing(), &accepted),
        None => effects.put(Record::User(accepted)),
    }
    members.audit(&mut effects, "user.accept", user, summary);
    Ok(effects.finish(Response::ok(view)))
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
    // A new invitation, or the same one sent again: either way it can be accepted for the
    // whole lifetime from now.
    let membership = Membership {
        status: MemberStatus::Invited,
        roles: roles.to_vec(),
        expires: Some(ctx.now + INVITATION_LIFETIME),
    };
    user.set_membership(&members.scope, Some(membership));
    Ok(Invitation { user, resent })
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
        errors: crate::api::error::bounded(errors),
    }
}

//! Who is acting, with which roles, and whether they may: [`require`] asks the RBAC evaluator
//! and turns a denial into a 403 that names the missing permission and the evaluator's reasons;
//! [`may_grant`] bounds what a grant grants.

use chrono::{DateTime, Utc};

use super::error::{ApiError, ErrorId};
use crate::model::{MemberStatus, PresentedToken, Scope, State};
use crate::rbac::evaluator::{self, Decision, NotApplicable};
use crate::rbac::grant;
use crate::rbac::{DefaultRole, Drn, Permission, Role};
use crate::time::format_timestamp;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Principal {
    /// A user, by ID (the page's "Sign in as").
    User(String),
    /// An application token, by clientId.
    Token(String),
}

/// A principal and where it acts: a token acts where it belongs; a user acts in the organization
/// or enterprise they switched to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Actor {
    pub principal: Principal,
    pub scope: Scope,
}

impl Actor {
    /// The ID the audit log records: the user's ID or the token's clientId.
    pub fn id(&self) -> &str {
        match &self.principal {
            Principal::User(id) | Principal::Token(id) => id,
        }
    }

    /// A name for the audit log and messages: the user's email, or "token <clientId>".
    pub fn name(&self, state: &State) -> String {
        match &self.principal {
            Principal::User(id) => state
                .users
                .get(id)
                .map_or_else(|| id.clone(), |u| u.email.clone()),
            Principal::Token(id) => format!("token {id}"),
        }
    }

    pub fn user_id(&self) -> Option<&str> {
        match &self.principal {
            Principal::User(id) => Some(id),
            Principal::Token(_) => None,
        }
    }
}

/// Resolves a presented `AstraCS:` token (with or without `Bearer `) to its actor: found by
/// clientId, verified by the hash of its secret in constant time. Malformed, unknown, or expired
/// at `now` (the request's time, to the second): 401.
pub fn authenticate(state: &State, presented: &str, now: DateTime<Utc>) -> Result<Actor, ApiError> {
    let text = presented.trim();
    let text = text.strip_prefix("Bearer ").unwrap_or(text).trim();
    let token = PresentedToken::parse(text).map_err(|why| {
        ApiError::new(
            ErrorId::Unauthenticated,
            format!(
                "the token is malformed ({why}): use the Token value shown when it was generated"
            ),
        )
    })?;
    let unknown = || {
        ApiError::new(
            ErrorId::Unauthenticated,
            "the token is not valid here: it was revoked or never existed; generate a new token",
        )
    };
    let stored = state.tokens.get(token.client_id).ok_or_else(unknown)?;
    if !token.verifies(stored) {
        return Err(unknown());
    }
    // Only once the secret verified: an expiry is not told to whoever guesses a clientId.
    if let Some(expiry) = stored.token_expiry.filter(|_| stored.expired(now)) {
        return Err(ApiError::new(
            ErrorId::Unauthenticated,
            format!(
                "the token expired at {}: generate a new token (and revoke this one)",
                format_timestamp(expiry)
            ),
        ));
    }
    Ok(Actor {
        principal: Principal::Token(stored.client_id.clone()),
        scope: stored.scope.clone(),
    })
}

/// A user acting in an organization or the enterprise, as the page's "Sign in as" does. The user
/// must exist and belong (active or invited) where they act; an organization must exist.
pub fn sign_in(state: &State, user_id: &str, scope: Scope) -> Result<Actor, ApiError> {
    let user = state.users.get(user_id).ok_or_else(|| {
        ApiError::new(
            ErrorId::Unauthenticated,
            format!("there is no user '{user_id}' to sign in as"),
        )
    })?;
    if let Scope::Organization(org) = &scope {
        if !state.organizations.contains_key(org) {
            return Err(ApiError::not_found("organization", org));
        }
    }
    if user.membership(&scope).is_none() {
        return Err(ApiError::new(
            ErrorId::Forbidden,
            format!(
                "{} is not a member of {}: switch to an organization they belong to",
                user.email,
                scope_name(state, &scope)
            ),
        ));
    }
    Ok(Actor {
        principal: Principal::User(user_id.to_owned()),
        scope,
    })
}

/// The actor's roles where it acts: a token's roles, or the roles of the user's *active*
/// membership (an invitation grants nothing until it is accepted).
pub fn roles(state: &State, actor: &Actor) -> Vec<Role> {
    let ids: &[String] = match &actor.principal {
        Principal::Token(client_id) => match state.tokens.get(client_id) {
            Some(token) => &token.roles,
            None => &[],
        },
        Principal::User(id) => match state.users.get(id).and_then(|u| u.membership(&actor.scope)) {
            Some(m) if m.status == MemberStatus::Active => &m.roles,
            _ => &[],
        },
    };
    state.resolve_roles(&actor.scope, ids)
}

/// The evaluator's decision for the actor, with reasons (the page shows them).
pub fn explain(
    state: &State,
    actor: &Actor,
    permission: Permission,
    resource: &Drn,
) -> Result<Decision, NotApplicable> {
    evaluator::explain(&roles(state, actor), permission, resource)
}

/// Allowed, or a 403 naming the permission, where, and the evaluator's reasons.
pub fn require(
    state: &State,
    actor: &Actor,
    permission: Permission,
    resource: &Drn,
) -> Result<(), ApiError> {
    // A question that doesn't apply allows nothing (and the message says why).
    let decision = explain(state, actor, permission, resource)
        .map_err(|e| ApiError::new(ErrorId::Forbidden, e.to_string()))?;
    if decision.allowed {
        return Ok(());
    }
    let reasons: Vec<String> = decision.reasons.iter().map(ToString::to_string).collect();
    Err(ApiError::new(
        ErrorId::Forbidden,
        format!(
            "{} needs {} ({}) in {}: {}",
            actor.name(state),
            permission.name(),
            permission.api(),
            resource_name(state, resource),
            reasons.join("; ")
        ),
    ))
}

/// Refuses a grant beyond what the actor holds where it acts (`rbac::grant`): `what` says what
/// the actor tried ("generate a token with Organization Administrator"), and the 403 names each
/// permission and resource it lacks. Taking away (a revoke, a removal, a change of roles) asks the
/// same of what is taken.
pub fn may_grant<R: std::borrow::Borrow<Role>>(
    state: &State,
    actor: &Actor,
    granted: &[R],
    what: impl FnOnce() -> String,
) -> Result<(), ApiError> {
    let missing = grant::beyond(&roles(state, actor), granted);
    if missing.is_empty() {
        return Ok(());
    }
    let name = actor.name(state);
    Err(ApiError::new(
        ErrorId::Forbidden,
        format!(
            "{name} can't {}: {name} does not hold {}. A role is granted or taken away only by \
             someone who holds every permission of it on every resource it covers",
            what(),
            grant::describe(&missing)
        ),
    ))
}

/// Whether the actor holds this default role (by ID) where it acts: for the rules the seeds state
/// by role rather than permission ("you must be an Enterprise Administrator and the
/// organization's Organization Administrator", seed 000).
pub fn has_role(state: &State, actor: &Actor, role: &DefaultRole) -> bool {
    roles(state, actor).iter().any(|r| r.id == role.id)
}

/// The default role with this name (a constant of the seeds).
pub fn default_role(name: &str) -> &'static DefaultRole {
    DefaultRole::find(name).expect("the seeds name this default role")
}

/// The organization or enterprise as people call it: its name.
pub fn scope_name(state: &State, scope: &Scope) -> String {
    match scope {
        Scope::Organization(org) => state.organization_name(org),
        Scope::Enterprise => format!("the enterprise {}", state.enterprise.name),
    }
}

fn resource_name(state: &State, resource: &Drn) -> String {
    match resource.root_id().id() {
        Some(id) if !resource.kind().is_enterprise() => {
            let org = scope_name(state, &Scope::Organization(id.to_owned()));
            if resource.kind() == crate::rbac::DrnKind::Organization {
                org
            } else {
                format!("{org} ({resource})")
            }
        }
        _ => scope_name(state, &Scope::Enterprise),
    }
}

/// The organization the actor acts in. Routes for organization-level actors turn the others
/// away at the gate, so this refuses only a handler called where its route says it can't be.
pub fn organization_of(actor: &Actor) -> Result<&str, ApiError> {
    actor.scope.organization().ok_or_else(|| {
        ApiError::new(
            ErrorId::Forbidden,
            "this needs an organization application token, not an enterprise one: generate a \
             token for the organization (POST /v2/tokens with its orgId)",
        )
    })
}

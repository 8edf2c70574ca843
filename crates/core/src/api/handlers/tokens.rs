//! Application tokens: `GET/POST /v2/tokens`, `DELETE /v2/tokens/{clientId}` (and the legacy
//! `/v2/clientIdSecrets` paths), and `POST /v2/databases/{databaseID}/tokens`, the database
//! Overview tab's token.
//!
//! A token belongs to one organization or to the enterprise ("Enterprise application tokens are
//! application tokens that have enterprise roles", seed 000). Its secret and token are shown once,
//! in the response that generates it; the state keeps only a hash.

use chrono::{DateTime, SubsecRound, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::databases;
use super::roles::RoleView;
use super::{unchanged, Call, Handled};
use crate::api::access::{self, scope_name, Actor};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::Context;
use crate::model::entropy::uuid;
use crate::model::{
    ApplicationToken, Collection, Credentials, Database, Organization, Record, Scope, State,
    StoredRole,
};
use crate::rbac::{Drn, Permission, Policy, ResourceScope, Role};
use crate::time::{format_timestamp, parse_rfc3339};
use crate::validation;

/// GET /v2/tokens: seed 000, "Get a list of enterprise tokens": "The response includes the roles
/// assigned to each token, but the secret and token values are excluded." The tokens of where
/// the actor acts, oldest first.
pub fn list(call: Call, _ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let mut tokens: Vec<&ApplicationToken> = state
        .tokens
        .values()
        .filter(|t| t.scope == actor.scope)
        .collect();
    tokens.sort_by(|a, b| (a.generated_on, &a.client_id).cmp(&(b.generated_on, &b.client_id)));
    let clients = tokens.into_iter().map(Listed::of).collect();
    unchanged(Response::ok(Clients { clients }))
}

/// POST /v2/tokens: seed 000, "Create enterprise tokens" and "Create organization application
/// tokens".
pub fn generate(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let body: GenerateBody = request.json()?;
    let scope = token_scope(state, actor, body.org_id.as_deref())?;
    let description = description(body.description)?;
    let expiry = token_expiry(state, &scope, body.token_expiry.as_deref(), ctx.now)?;
    check_roles(state, &scope, &body.roles)?;
    let granted = state.resolve_roles(&scope, &body.roles);
    let role_names: Vec<String> = granted.iter().map(|role| role.name.clone()).collect();
    // The enterprise's hand-off to an organization (seed 000) was checked in `token_scope`: its
    // roles grant nothing inside the organization, so only there is a grant not the granter's own.
    if scope == actor.scope {
        access::may_grant(state, actor, &granted, || {
            format!("generate a token with {}", role_names.join(", "))
        })?;
    }
    let (token, issued) = mint(state, actor, ctx, scope, body.roles, (description, expiry));
    let summary = format!(
        "generated token {} for {} with role(s) {}",
        token.client_id,
        scope_name(state, &token.scope),
        role_names.join(", ")
    );
    let mut effects = call.effects(ctx);
    effects.audit(
        token.scope.clone(),
        "token.generate",
        vec![token.client_id.clone()],
        summary,
    );
    effects.put(Record::Token(token));
    Ok(effects.finish(Response::ok(issued)))
}

/// DELETE /v2/tokens/{clientId}: seed 000, "Revoke enterprise tokens": "As a best practice,
/// rotate or revoke unused and potentially compromised tokens."
pub fn revoke(call: Call, ctx: &mut Context) -> Handled {
    let Call { state, actor, .. } = call;
    let client_id = call.path_id();
    // Another scope's tokens are not found from here: seed 000, managing an organization's
    // tokens takes org-token-write there, which no enterprise role grants.
    let token = state
        .tokens
        .get(client_id)
        .filter(|token| token.scope == actor.scope)
        .ok_or_else(|| ApiError::not_found("token", client_id))?;
    access::may_grant(
        state,
        actor,
        &state.resolve_roles(&token.scope, &token.roles),
        || format!("revoke token {client_id}"),
    )?;
    let summary = format!(
        "revoked token {client_id} of {}",
        scope_name(state, &token.scope)
    );
    let mut effects = call.effects(ctx);
    effects.delete(Collection::Tokens, client_id);
    effects.audit(
        token.scope.clone(),
        "token.revoke",
        vec![client_id.to_owned()],
        summary,
    );
    // The spec's deleteTokenForClient: "200: The request completed successfully", no body.
    Ok(effects.finish(Response::empty(200)))
}

/// POST /v2/databases/{databaseID}/tokens: seed 004, "View roles": "When you create an
/// application token from a database's Overview tab, Astra DB automatically creates a custom role
/// based on the Database Administrator default role that is scoped to that database. These roles
/// are named DATABASE_NAME Database Administrator, and you can edit them like any other custom
/// role."
pub fn generate_for_database(call: Call, ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
    let org = access::organization_of(actor)?;
    let database = databases::find(state, org, call.path_id())?;
    databases::ensure_not_terminating(database, ctx.now)?;
    let body: DatabaseTokenBody = request.json()?;
    let description = description(body.description)?;
    let expiry = token_expiry(state, &actor.scope, body.token_expiry.as_deref(), ctx.now)?;
    let role = database_role(state, actor, ctx, org, database)?;
    let stored = role.stored();
    access::may_grant(state, actor, std::slice::from_ref(&stored.role), || {
        format!("generate a token with {}", stored.role.name)
    })?;
    let roles = vec![stored.role.id.clone()];
    let details = (description, expiry);
    let (token, issued) = mint(state, actor, ctx, actor.scope.clone(), roles, details);
    let summary = format!(
        "generated token {} for database '{}' with role '{}' ({})",
        token.client_id,
        database.name,
        stored.role.name,
        role.how()
    );
    let targets = vec![token.client_id.clone(), stored.role.id.clone()];
    let response = Response::ok(DatabaseIssued {
        token: issued,
        role: RoleView::custom(stored),
    });
    let mut effects = call.effects(ctx);
    if let DatabaseRole::Created(new) = role {
        effects.put(Record::Role(new));
    }
    effects.put(Record::Token(token));
    effects.audit(actor.scope.clone(), "token.generate", targets, summary);
    Ok(effects.finish(response))
}

/// GenerateTokenBody (spec), with the portal's optional description and expiry. The spec's
/// GenerateTokenBody has no expiry field; `tokenExpiry` (RFC 3339, absent or null for "Never")
/// is ours, named after the key the token list answers with (IamTokens.json).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GenerateBody {
    /// Missing and empty are the same mistake, answered with one message.
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default, alias = "orgID")]
    org_id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    token_expiry: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DatabaseTokenBody {
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    token_expiry: Option<String>,
}

/// ClientRoleList: `{"clients": [...]}` (seed 000).
#[derive(Serialize)]
struct Clients<'a> {
    clients: Vec<Listed<'a>>,
}

/// A token as listed (exactly IamTokens.json's keys): never its secret or token. Its last use
/// is not among them; the portal's pages read it from the token's record.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed<'a> {
    client_id: &'a str,
    roles: &'a [String],
    generated_on: String,
    description: &'a str,
    /// Null for a token that never expires (seed 000's only kind); the key is the real API's
    /// (IamTokens.json).
    token_expiry: Option<String>,
}

impl<'a> Listed<'a> {
    fn of(token: &'a ApplicationToken) -> Listed<'a> {
        Listed {
            client_id: &token.client_id,
            roles: &token.roles,
            generated_on: format_timestamp(token.generated_on),
            description: &token.description,
            token_expiry: token.token_expiry.map(format_timestamp),
        }
    }
}

/// CreateTokenResponse.json, and the description: shown once. For an enterprise token `orgId`
/// is the enterprise's ID.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Issued {
    client_id: String,
    org_id: String,
    secret: String,
    token: String,
    generated_on: String,
    roles: Vec<String>,
    description: String,
    /// Only when one was chosen: a token that never expires is answered as the real API
    /// answers (CreateTokenResponse.json).
    #[serde(skip_serializing_if = "Option::is_none")]
    token_expiry: Option<String>,
}

/// A database's token and the role it was given.
#[derive(Serialize)]
struct DatabaseIssued<'a> {
    #[serde(flatten)]
    token: Issued,
    role: RoleView<'a>,
}

/// Where a new token belongs. seed 000: "If omitted, the organization can be assumed from the
/// application token if it isn't an enterprise application token"; "If you have a role with the
/// ent-token-write permission [...] you can create application tokens to access organizations in
/// your enterprise."
fn token_scope(state: &State, actor: &Actor, org_id: Option<&str>) -> Result<Scope, ApiError> {
    match (
        &actor.scope,
        org_id.map(str::trim).filter(|id| !id.is_empty()),
    ) {
        (own, None) => Ok(own.clone()),
        (Scope::Organization(own), Some(id)) if id == own => Ok(actor.scope.clone()),
        (Scope::Organization(_), Some(id)) => Err(ApiError::new(
            ErrorId::Forbidden,
            format!(
                "an organization token creates tokens for its own organization only; use an \
                 enterprise token with ent-token-write to create a token for organization '{id}'"
            ),
        )),
        // The orgId a generated enterprise token reports, sent back.
        (Scope::Enterprise, Some(id)) if id == state.enterprise.id => Ok(Scope::Enterprise),
        (Scope::Enterprise, Some(id)) => {
            let org = enterprise_organization(state, id)?;
            hands_off_to(state, actor, org)?;
            Ok(Scope::Organization(org.id.clone()))
        }
    }
}

/// Seed 000: with ent-token-write "you can create application tokens to access organizations in
/// your enterprise": those the scope of a role holding it names
/// (`drn:astra:ent:<ENT>:org:<ORG|*>`), and no others.
fn hands_off_to(state: &State, actor: &Actor, org: &Organization) -> Result<(), ApiError> {
    let write = Permission::ENT_TOKEN_WRITE;
    let named = Drn::enterprise_organization(&state.enterprise.id, &org.id);
    let names = access::roles(state, actor).iter().any(|role| {
        role.policy.actions.contains(write)
            && role.policy.resources.iter().any(|p| p.matches(&named))
    });
    if names {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorId::Forbidden,
        format!(
            "{} can't create tokens for organization '{}': no role of it with ent-token-write \
             has the organization in its scope ({named}); add the organization to the role's \
             scope, or use a token of the organization",
            actor.name(state),
            org.name
        ),
    ))
}

/// An organization of the enterprise: unknown is a 404, one outside the enterprise a 403.
fn enterprise_organization<'s>(state: &'s State, id: &str) -> Result<&'s Organization, ApiError> {
    let org = state
        .organizations
        .get(id)
        .ok_or_else(|| ApiError::not_found("organization", id))?;
    if !in_enterprise(state, org) {
        return Err(ApiError::new(
            ErrorId::Forbidden,
            format!(
                "organization '{}' is not in {}: an enterprise token creates tokens only for the \
                 enterprise's organizations; use a token of that organization instead",
                org.name,
                scope_name(state, &Scope::Enterprise)
            ),
        ));
    }
    Ok(org)
}

fn in_enterprise(state: &State, org: &Organization) -> bool {
    org.enterprise_id.as_deref() == Some(state.enterprise.id.as_str())
}

/// seed 000: "You can't change the description after generating the token", so it is checked
/// once, here.
fn description(text: Option<String>) -> Result<String, ApiError> {
    validation::TOKEN_DESCRIPTION.checked(&text.unwrap_or_default())
}

/// A new token's expiry: `None` is "Never". It must lie ahead of `now`, and within the
/// organization's maximum lifetime when it has one (then "Never" is refused too). Kept to the
/// second, as the check at authentication is.
fn token_expiry(
    state: &State,
    scope: &Scope,
    text: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let field = |why: String| Err(ApiError::new(ErrorId::InvalidField, why));
    let expiry = match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(text) => match parse_rfc3339(text) {
            Ok(instant) => Some(instant.trunc_subsecs(0)),
            Err(_) => {
                return field(format!(
                    "field 'tokenExpiry' is '{text}', not an RFC 3339 time: write it like \
                     2025-12-31T23:59:59Z, or leave it out for a token that never expires"
                ))
            }
        },
    };
    if let Some(expiry) = expiry.filter(|expiry| *expiry <= now) {
        return field(format!(
            "field 'tokenExpiry' is {}, which is not after now ({}): choose a later time",
            format_timestamp(expiry),
            format_timestamp(now)
        ));
    }
    let org = match scope {
        Scope::Organization(id) => state.organizations.get(id),
        Scope::Enterprise => None,
    };
    let Some((org, days)) = org.and_then(|org| Some((org, org.max_token_lifetime_days?))) else {
        return Ok(expiry);
    };
    let latest = now + TimeDelta::days(days.into());
    match expiry {
        Some(expiry) if expiry <= latest => Ok(Some(expiry)),
        chosen => field(format!(
            "field 'tokenExpiry' is {}, but organization '{}' lets new tokens live at most {days} \
             day(s): choose an expiry at or before {}",
            chosen.map_or_else(|| "Never".to_owned(), format_timestamp),
            org.name,
            format_timestamp(latest)
        )),
    }
}

/// seed 000: "ROLE_ID: An array of one or more roles to assign to the token. Make sure that you
/// select roles that are available to the specified orgId."
fn check_roles(state: &State, scope: &Scope, roles: &[String]) -> Result<(), ApiError> {
    if roles.is_empty() {
        return Err(ApiError::new(
            ErrorId::InvalidField,
            "field 'roles' is empty: a token needs one or more role IDs (GET \
             /v2/organizations/roles lists them)",
        ));
    }
    for (i, id) in roles.iter().enumerate() {
        if roles.iter().take(i).any(|earlier| earlier == id) {
            return Err(ApiError::new(
                ErrorId::InvalidField,
                format!("field 'roles' lists role '{id}' twice: list each role once"),
            ));
        }
        if state.role(scope, id).is_none() {
            return Err(ApiError::new(
                ErrorId::RoleNotAvailable,
                format!(
                    "role '{id}' is not available to {}: make sure that you select roles that \
                     are available to the specified orgId (GET /v2/organizations/roles, acting \
                     there, lists them)",
                    scope_name(state, scope)
                ),
            ));
        }
    }
    Ok(())
}

/// Fresh credentials for a checked token: the record (a hash, never the secret or token) and
/// what the response shows once.
fn mint(
    state: &State,
    actor: &Actor,
    ctx: &mut Context,
    scope: Scope,
    roles: Vec<String>,
    (description, token_expiry): (String, Option<DateTime<Utc>>),
) -> (ApplicationToken, Issued) {
    let credentials = Credentials::generate(ctx.entropy);
    let token = ApplicationToken {
        client_id: credentials.client_id.clone(),
        hash: credentials.hash(),
        roles,
        scope,
        description,
        generated_on: ctx.now,
        generated_by: actor.id().to_owned(),
        token_expiry,
        last_used: None,
    };
    let issued = Issued {
        client_id: credentials.client_id,
        org_id: state.owner_id(&token.scope).to_owned(),
        secret: credentials.secret,
        token: credentials.token,
        generated_on: format_timestamp(ctx.now),
        roles: token.roles.clone(),
        description: token.description.clone(),
        token_expiry: token.token_expiry.map(format_timestamp),
    };
    (token, issued)
}

/// A database's "DATABASE_NAME Database Administrator" role: the one the organization has, as it
/// may have been edited since, or a new one.
enum DatabaseRole<'s> {
    Reused(&'s StoredRole),
    Created(StoredRole),
}

impl DatabaseRole<'_> {
    fn stored(&self) -> &StoredRole {
        match self {
            DatabaseRole::Reused(stored) => stored,
            DatabaseRole::Created(stored) => stored,
        }
    }

    fn how(&self) -> &'static str {
        match self {
            DatabaseRole::Reused(_) => "reused",
            DatabaseRole::Created(_) => "created",
        }
    }
}

fn database_role<'s>(
    state: &'s State,
    actor: &Actor,
    ctx: &mut Context,
    org: &str,
    database: &Database,
) -> Result<DatabaseRole<'s>, ApiError> {
    let name = database.token_role_name();
    if let Some(existing) = state.roles_named(&actor.scope, &name).next() {
        return state
            .roles
            .get(&existing.id)
            .map(DatabaseRole::Reused)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorId::NameTaken,
                    format!(
                        "the database's role would be named '{name}', which is a default role's \
                         name: rename the database"
                    ),
                )
            });
    }
    // Making the role is writing a custom role, which needs its own permission.
    access::require(
        state,
        actor,
        Permission::ORG_ROLE_WRITE,
        &Drn::organization(org),
    )?;
    let default = access::default_role("Database Administrator");
    let policy = Policy {
        description: name.clone(),
        actions: Role::from_default(default, org).policy.actions,
        resources: ResourceScope::whole_database(&database.id).to_drns(org),
    };
    let role = Role::new(uuid(ctx.entropy), name, policy).map_err(|e| {
        ApiError::new(
            ErrorId::InvalidField,
            format!("the database's role can't be made: {e}"),
        )
    })?;
    Ok(DatabaseRole::Created(StoredRole {
        role,
        scope: actor.scope.clone(),
        last_update_datetime: ctx.now,
        last_update_userid: actor.id().to_owned(),
    }))
}

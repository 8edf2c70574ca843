//! The route table: DevOps API v2 paths where the spec defines the operation, and paths in the
//! same style for what the seeds describe but the spec lacks (README, "API").
//!
//! Each route declares its [`Need`]: what its handler asks of the acting principal, per realm.
//! `api::probe` turns the declarations into a test plan, so that a test can call every route as
//! every role and know the answer from the declaration and the evaluator alone.

use super::access::Actor;
use super::error::{ApiError, ErrorId};
use super::request::{Method, Request, Response};
use super::{
    audit_log, billing, changes, databases, enterprise, organizations, roles, tokens, users,
    Context,
};
use crate::model::{ChangeSet, State};
use crate::rbac::Realm;

/// A handler's result: the response and what it changes, or a refusal.
pub type Handled = Result<(Response, ChangeSet), ApiError>;

/// Path parameters, in the order the pattern has them.
pub type Params<'a> = [&'a str];

type Handler = fn(&State, &Actor, &Request, &mut Context, &Params) -> Handled;

/// One endpoint: its method and path, what it needs of the acting principal, and its handler.
pub struct Route {
    pub method: Method,
    /// `{}` stands for one path parameter.
    pub pattern: &'static str,
    pub need: Need,
    handler: Handler,
}

/// What a route needs of the acting principal, for each realm it can act in. The handler checks
/// this itself, before it validates anything; the declaration says it once more so that a test can
/// know every route's answer for every role without a list of expectations (`api::probe`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Need {
    /// For an actor in an organization: its token, or a user who switched to it.
    pub organization: Check,
    /// For an actor at the enterprise level.
    pub enterprise: Check,
}

impl Need {
    /// The check for an actor of this realm.
    pub fn of(&self, realm: Realm) -> Check {
        match realm {
            Realm::Organization => self.organization,
            Realm::Enterprise => self.enterprise,
        }
    }

    /// Organization-level only: the handler turns enterprise-level actors away ("you can't use an
    /// enterprise token for database operations", seed 000; `access::organization_of`).
    const fn in_organization(check: Check) -> Need {
        Need::each(check, Check::NotInRealm)
    }

    /// Enterprise-level only: "click the name of the current organization or enterprise, and
    /// then select your enterprise" (seed 000).
    const fn at_enterprise(check: Check) -> Need {
        Need::each(Check::NotInRealm, check)
    }

    /// The same check wherever the actor acts (an enterprise permission, which no organization
    /// role grants, refuses organization-level actors through the evaluator).
    const fn anywhere(check: Check) -> Need {
        Need::each(check, check)
    }

    const fn each(organization: Check, enterprise: Check) -> Need {
        Need {
            organization,
            enterprise,
        }
    }
}

/// One requirement a handler makes of the acting principal.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Nothing beyond authentication.
    Authenticated,
    /// A user: the handler refuses application tokens.
    User,
    /// At least one role where the actor acts.
    AnyRole,
    /// A catalog permission, by API name, on a resource.
    Permission(&'static str, On),
    /// Any one of these permissions on the resource.
    AnyPermission(&'static [&'static str], On),
    /// A default role, by name, where the actor acts.
    Role(&'static str),
    /// A default role, by name, in the principal's active membership of the organization the
    /// path names (a token belongs to one place only, so it never has one).
    PathOrganizationRole(&'static str),
    /// Every one of these, checked in this order.
    AllOf(&'static [Check]),
    /// The handler refuses every actor of this realm.
    NotInRealm,
}

/// The resource a permission is checked on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum On {
    /// The organization the actor acts in.
    Organization,
    /// The enterprise.
    Enterprise,
    /// The organization the path names, seen from the enterprise (`drn:astra:ent:...:org:...`).
    PathEnterpriseOrganization,
    /// The database the path names, in the actor's organization.
    Database,
    /// The database and keyspace the path names.
    Keyspace,
    /// The database, keyspace and table the path names.
    Table,
}

const fn route(method: Method, pattern: &'static str, need: Need, handler: Handler) -> Route {
    Route {
        method,
        pattern,
        need,
        handler,
    }
}

/// A permission on the organization the actor acts in.
const fn org(api: &'static str) -> Check {
    Check::Permission(api, On::Organization)
}

/// A permission on the enterprise.
const fn ent(api: &'static str) -> Check {
    Check::Permission(api, On::Enterprise)
}

const fn db(api: &'static str) -> Check {
    Check::Permission(api, On::Database)
}

const fn keyspace(api: &'static str) -> Check {
    Check::Permission(api, On::Keyspace)
}

const fn table(api: &'static str) -> Check {
    Check::Permission(api, On::Table)
}

/// Seed 004, "Write Organization": "Users can always create organizations from their default
/// organization because they are the Organization Administrator of their default organization."
/// The handler asks no permission, only that a user asks.
const STANDALONE_ORGANIZATION: Need = Need::anywhere(Check::User);

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level": any enterprise role may look.
const ENTERPRISE_VIEW: Need = Need::at_enterprise(Check::AnyRole);

/// Seed 000, "Edit the enterprise name": "click Edit to change the enterprise's display name".
/// No permission names it, so it takes the Enterprise Administrator role.
const RENAME_ENTERPRISE: Need = Need::at_enterprise(Check::Role("Enterprise Administrator"));

/// Seed 000, "Delete an organization": "To delete an organization from the enterprise level, you
/// must be an Enterprise Administrator and the organization's Organization Administrator." An
/// organization-level actor never holds the enterprise role, so it is refused by the first.
const DELETE_FROM_ENTERPRISE: Need = Need::anywhere(Check::AllOf(&[
    Check::Role("Enterprise Administrator"),
    Check::PathOrganizationRole("Organization Administrator"),
]));

/// Seed 000, "Manage enterprise roles": "if you grant the org-user-read permission with only one
/// organization in the role's scope, then a user with this permission can view the users in that
/// one organization only."
const USERS_FROM_ENTERPRISE: Need = Need::anywhere(Check::Permission(
    "org-user-read",
    On::PathEnterpriseOrganization,
));

/// Seed 000: "ent-user-read: Retrieve users with the Enterprise Administrator role"; the
/// `/v2/enterprises/users` paths name the enterprise whoever asks.
const ENTERPRISE_USER_READ: Need = Need::anywhere(ent("ent-user-read"));
/// Seed 000: "ent-user-write: Add or remove the Enterprise Administrator role from users."
const ENTERPRISE_USER_WRITE: Need = Need::anywhere(ent("ent-user-write"));

/// Seed 002: "Invited users are listed as pending until they accept the invitation": only the
/// invited user, acting where they were invited, accepts.
const ACCEPT_IN_ORGANIZATION: Need =
    Need::each(Check::User, Check::AllOf(&[Check::User, Check::NotInRealm]));
/// The same for an invitation to the enterprise.
const ACCEPT_IN_ENTERPRISE: Need =
    Need::each(Check::AllOf(&[Check::User, Check::NotInRealm]), Check::User);

/// The realm's roles (seed 000: "To retrieve enterprise roles, your application token must have
/// the Enterprise Administrator role", the one default role with ent-role-read).
const ROLE_READ: Need = Need::each(org("org-role-read"), ent("ent-role-read"));
/// Seed 004, "Write Custom Role (org-role-write): Create and manage custom roles."
const ROLE_WRITE: Need = Need::each(org("org-role-write"), ent("ent-role-write"));
/// Seed 000: "ent-role-write: Create, edit, and delete enterprise-level custom roles."
const ROLE_DELETE: Need = Need::each(org("org-role-delete"), ent("ent-role-write"));

/// Seed 000: "To view and manage enterprise application tokens, you must have a role with the
/// ent-token-read and ent-token-write permissions"; seed 004, "Read Token (org-token-read): View
/// application tokens in an organization."
const TOKEN_READ: Need = Need::each(org("org-token-read"), ent("ent-token-read"));
/// Seed 004, "Write Token (org-token-write): Create application tokens"; seed 000,
/// "ent-token-write: Create and revoke enterprise application tokens."
const TOKEN_WRITE: Need = Need::each(org("org-token-write"), ent("ent-token-write"));

/// Seed 004, "View roles": "When you create an application token from a database's Overview
/// tab, Astra DB automatically creates a custom role". Creating that role, when the database has
/// none yet, also takes org-role-write, asked only after the request is valid.
const DATABASE_TOKEN: Need = Need::in_organization(org("org-token-write"));

/// Seed 004, "Create All Keyspaces (db-all-keyspace-create): Create keyspaces programmatically"
/// and "Create Keyspace (db-keyspace-create): Create a keyspace in the Astra Portal": the backend
/// serves both.
const CREATE_KEYSPACE: Need = Need::in_organization(Check::AnyPermission(
    &["db-all-keyspace-create", "db-keyspace-create"],
    On::Database,
));

/// Seed 004: "Organization permissions related to database management, such as Manage Region
/// and View DB, can be further limited to specific databases": the list shows the databases the
/// actor may view, and refuses only an actor who may view none of them nor the organization. A
/// role made in the portal always has the organization in its scope, so the organization decides.
const DATABASE_LIST: Need = Need::in_organization(org("org-db-view"));

/// "The seeds name no audit permission for the enterprise, so its log is for the role that holds
/// every enterprise permission" (`audit_log::enterprise`).
const ENTERPRISE_AUDITS: Need = Need::anywhere(Check::Role("Enterprise Administrator"));

/// Seed 000, "ent-billing-read: Retrieve billing details for the enterprise"; consumption and
/// billing reports alike.
const ENTERPRISE_BILLING: Need = Need::anywhere(ent("ent-billing-read"));

use Method::{Delete, Get, Patch, Post, Put};

/// Every endpoint, with what it needs.
// One route per line reads as the table it is.
#[rustfmt::skip]
pub const ROUTES: &[Route] = &[
    route(Get, "/v2/currentOrg", Need::in_organization(org("org-read")), organizations::current),
    route(Patch, "/v2/currentOrg", Need::in_organization(org("org-write")), organizations::update),
    route(Delete, "/v2/currentOrg", Need::in_organization(org("org-write")), organizations::delete),
    route(Get, "/v2/organizations", Need::anywhere(Check::Authenticated), organizations::list),
    route(Post, "/v2/organizations", STANDALONE_ORGANIZATION, organizations::create_standalone),
    route(Get, "/v2/enterprises/current", ENTERPRISE_VIEW, enterprise::get),
    route(Patch, "/v2/enterprises/current", RENAME_ENTERPRISE, enterprise::rename),
    route(Get, "/v2/enterprises/organizations", ENTERPRISE_VIEW, enterprise::list_organizations),
    route(Post, "/v2/enterprises/organizations", Need::anywhere(ent("ent-org-manage")), enterprise::create_organization),
    route(Delete, "/v2/enterprises/organizations/{}", DELETE_FROM_ENTERPRISE, enterprise::delete_organization),
    route(Get, "/v2/enterprises/organizations/{}/users", USERS_FROM_ENTERPRISE, users::list_from_enterprise),
    route(Get, "/v2/organizations/users", Need::in_organization(org("org-user-read")), users::list),
    route(Put, "/v2/organizations/users", Need::in_organization(org("org-user-write")), users::invite),
    route(Get, "/v2/organizations/users/{}", Need::in_organization(org("org-user-read")), users::get),
    route(Delete, "/v2/organizations/users/{}", Need::in_organization(org("org-user-write")), users::remove),
    route(Put, "/v2/organizations/users/{}/roles", Need::in_organization(org("org-user-write")), users::update_roles),
    route(Post, "/v2/organizations/invitation/accept", ACCEPT_IN_ORGANIZATION, users::accept),
    route(Get, "/v2/enterprises/users", ENTERPRISE_USER_READ, users::list),
    route(Put, "/v2/enterprises/users", ENTERPRISE_USER_WRITE, users::invite),
    route(Get, "/v2/enterprises/users/{}", ENTERPRISE_USER_READ, users::get),
    route(Delete, "/v2/enterprises/users/{}", ENTERPRISE_USER_WRITE, users::remove),
    route(Put, "/v2/enterprises/users/{}/roles", ENTERPRISE_USER_WRITE, users::update_roles),
    route(Post, "/v2/enterprises/invitation/accept", ACCEPT_IN_ENTERPRISE, users::accept),
    route(Get, "/v2/organizations/roles", ROLE_READ, roles::list),
    route(Post, "/v2/organizations/roles", ROLE_WRITE, roles::create),
    route(Get, "/v2/organizations/roles/{}", ROLE_READ, roles::get),
    route(Put, "/v2/organizations/roles/{}", ROLE_WRITE, roles::update),
    route(Delete, "/v2/organizations/roles/{}", ROLE_DELETE, roles::delete),
    route(Get, "/v2/tokens", TOKEN_READ, tokens::list),
    route(Post, "/v2/tokens", TOKEN_WRITE, tokens::generate),
    route(Delete, "/v2/tokens/{}", TOKEN_WRITE, tokens::revoke),
    route(Get, "/v2/clientIdSecrets", TOKEN_READ, tokens::list),
    route(Post, "/v2/clientIdSecrets", TOKEN_WRITE, tokens::generate),
    route(Delete, "/v2/clientIdSecrets/{}", TOKEN_WRITE, tokens::revoke),
    route(Post, "/v2/databases/{}/tokens", DATABASE_TOKEN, tokens::generate_for_database),
    route(Get, "/v2/databases", DATABASE_LIST, databases::list),
    route(Post, "/v2/databases", Need::in_organization(org("org-db-create")), databases::create),
    route(Get, "/v2/databases/{}", Need::in_organization(db("org-db-view")), databases::get),
    route(Delete, "/v2/databases/{}", Need::in_organization(db("org-db-terminate")), databases::terminate),
    route(Post, "/v2/databases/{}/keyspaces/{}", CREATE_KEYSPACE, databases::create_keyspace),
    route(Delete, "/v2/databases/{}/keyspaces/{}", Need::in_organization(keyspace("db-keyspace-drop")), databases::drop_keyspace),
    route(Post, "/v2/databases/{}/keyspaces/{}/tables/{}", Need::in_organization(table("db-table-create")), databases::create_table),
    route(Delete, "/v2/databases/{}/keyspaces/{}/tables/{}", Need::in_organization(table("db-table-drop")), databases::drop_table),
    route(Get, "/v2/organizations/audits", Need::in_organization(org("org-audits-read")), audit_log::organization),
    route(Get, "/v2/enterprises/audits", ENTERPRISE_AUDITS, audit_log::enterprise),
    route(Get, "/v2/organizations/billing", Need::in_organization(org("org-billing-read")), billing::get),
    route(Put, "/v2/organizations/billing/payment-method", Need::in_organization(org("org-billing-write")), billing::set_payment_method),
    route(Delete, "/v2/organizations/billing/payment-method", Need::in_organization(org("org-billing-write")), billing::remove_payment_method),
    route(Get, "/v2/organizations/usage", Need::in_organization(org("org-billing-read")), billing::usage_download),
    route(Post, "/v2/enterprises/consumption", ENTERPRISE_BILLING, billing::consumption),
    route(Post, "/v2/enterprises/billing-reports/generate-report", ENTERPRISE_BILLING, billing::generate_report),
    route(Get, "/v2/enterprises/billing-reports/{}", ENTERPRISE_BILLING, billing::report),
    route(Get, "/v2/enterprises/billing-reports/{}/csv", ENTERPRISE_BILLING, billing::report_csv),
    route(Get, "/v2/portal/changes", Need::anywhere(Check::Authenticated), changes::feed),
];

/// The operations whose answer holds a secret only the server makes (seed 000: a token's secret
/// "is shown once"): a client that works on its copy can't answer them while the server is away.
const SECRET_MAKERS: &[(Method, &str)] = &[
    (Post, "/v2/tokens"),
    (Post, "/v2/clientIdSecrets"),
    (Post, "/v2/databases/{}/tokens"),
];

/// Whether the request's answer holds a secret the server makes.
pub fn makes_secret(request: &Request) -> bool {
    SECRET_MAKERS.iter().any(|(method, pattern)| {
        *method == request.method && matches(pattern, &request.path).is_some()
    })
}

/// The path's one `{}` segment (the route always has it; an empty ID finds nothing).
pub fn path_id<'p>(params: &Params<'p>) -> &'p str {
    params.first().copied().unwrap_or_default()
}

/// The path's parameters, when the path matches the pattern.
pub(super) fn matches<'p>(pattern: &str, path: &'p str) -> Option<Vec<&'p str>> {
    let mut params = Vec::new();
    let mut pattern_parts = pattern.split('/');
    let mut path_parts = path.trim_end_matches('/').split('/');
    loop {
        match (pattern_parts.next(), path_parts.next()) {
            (None, None) => return Some(params),
            (Some("{}"), Some(part)) if !part.is_empty() => params.push(part),
            (Some(a), Some(b)) if a == b => {}
            _ => return None,
        }
    }
}

pub fn dispatch(state: &State, actor: &Actor, request: &Request, ctx: &mut Context) -> Handled {
    let mut allowed = Vec::new();
    for route in ROUTES {
        if let Some(params) = matches(route.pattern, &request.path) {
            if route.method == request.method {
                return (route.handler)(state, actor, request, ctx, &params);
            }
            allowed.push(route.method.as_str());
        }
    }
    if allowed.is_empty() {
        Err(ApiError::new(
            ErrorId::UnknownRoute,
            format!(
                "there is no endpoint {}: see the README's API section for the paths",
                request.path
            ),
        ))
    } else {
        Err(ApiError::new(
            ErrorId::MethodNotAllowed,
            format!(
                "{} {} is not an operation: use {}",
                request.method.as_str(),
                request.path,
                allowed.join(" or ")
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_makers_are_the_routes_that_generate_tokens() {
        for (method, pattern) in SECRET_MAKERS {
            let route = ROUTES
                .iter()
                .find(|r| r.method == *method && r.pattern == *pattern)
                .unwrap_or_else(|| panic!("{pattern} is not a route"));
            // Generating a token is what makes a secret.
            assert_eq!(route.need.of(Realm::Organization), org("org-token-write"));
        }
        let request = |method, path: &str| Request::new(method, path, String::new());
        assert!(makes_secret(&request(Post, "/v2/tokens")));
        assert!(makes_secret(&request(Post, "/v2/databases/d1/tokens")));
        assert!(!makes_secret(&request(Delete, "/v2/tokens/abc")));
        assert!(!makes_secret(&request(Get, "/v2/tokens")));
        assert!(!makes_secret(&request(Post, "/v2/organizations/roles")));
    }
}

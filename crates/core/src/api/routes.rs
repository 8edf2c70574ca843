//! The route table: DevOps API v2 paths where the spec defines the operation, and paths in the
//! same style for what the seeds describe but the spec lacks (README, "API").
//!
//! Each route declares its [`Need`]: what its handler asks of the acting principal, per realm.
//! `fixtures::probe` turns the declarations into a test plan, so that a test can call every route as
//! every role and know the answer from the declaration and the evaluator alone.

use super::access::Actor;
use super::error::{ApiError, ErrorId};
use super::handlers::databases::{access_list, datacenters, private_link};
use super::handlers::{
    audit_log, billing, changes, customer_keys, databases, emails, enterprise, invoices,
    organizations, regions, roles, tokens, users, Call, Handled, Handler,
};
use super::request::{Method, Request};
use super::{gate, Context};
use crate::model::State;
use crate::rbac::{Permission, Realm};

/// One endpoint: its method and path, what it does, what it needs of the acting principal, and
/// its handler.
pub struct Route {
    pub method: Method,
    /// `{}` stands for one path parameter.
    pub pattern: &'static str,
    /// What it does, as a refusal says it: "to change the enterprise display name".
    pub what: &'static str,
    pub need: Need,
    handler: Handler,
}

/// What a route needs of the acting principal, for each realm it can act in: the gate
/// (`api::gate`) checks it before the handler runs, and a test knows every route's answer for
/// every role from it without a list of expectations (`fixtures::probe`).
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

    /// Organization-level only: enterprise-level actors are turned away ("you can't use an
    /// enterprise token for database operations", seed 000).
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

    /// A permission of each realm: the organization's to an actor in an organization, the
    /// enterprise's to an actor at the enterprise level.
    const fn per_realm(organization: Permission, enterprise: Permission) -> Need {
        Need::each(org(organization), ent(enterprise))
    }

    const fn each(organization: Check, enterprise: Check) -> Need {
        Need {
            organization,
            enterprise,
        }
    }
}

/// One requirement a route makes of the acting principal.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Check {
    /// Nothing beyond authentication.
    Authenticated,
    /// A user, not an application token.
    User,
    /// At least one role where the actor acts.
    AnyRole,
    /// A catalog permission on a resource.
    Permission(Permission, On),
    /// Any one of these permissions on the resource.
    AnyPermission(&'static [Permission], On),
    /// A default role, by name, where the actor acts.
    Role(&'static str),
    /// A default role, by name, in the principal's active membership of the organization the
    /// path names (a token belongs to one place only, so it never has one).
    PathOrganizationRole(&'static str),
    /// Every one of these, checked in this order.
    AllOf(&'static [Check]),
    /// Every actor of this realm is refused.
    NotInRealm,
}

/// The resource a permission is checked on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum On {
    /// The organization the actor acts in.
    Organization,
    /// The organization the actor acts in, or any one of its databases: seed 004, "Organization
    /// permissions related to database management, such as Manage Region and View DB, can be
    /// further limited to specific databases".
    SomeDatabase,
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

const fn route(
    method: Method,
    pattern: &'static str,
    what: &'static str,
    need: Need,
    handler: Handler,
) -> Route {
    Route {
        method,
        pattern,
        what,
        need,
        handler,
    }
}

/// A permission on the organization the actor acts in.
const fn org(permission: Permission) -> Check {
    Check::Permission(permission, On::Organization)
}

/// A permission on the enterprise.
const fn ent(permission: Permission) -> Check {
    Check::Permission(permission, On::Enterprise)
}

const fn db(permission: Permission) -> Check {
    Check::Permission(permission, On::Database)
}

const fn keyspace(permission: Permission) -> Check {
    Check::Permission(permission, On::Keyspace)
}

const fn table(permission: Permission) -> Check {
    Check::Permission(permission, On::Table)
}

/// Seed 004, "Write Organization (org-write): In the Astra Portal, create new organizations [...]
/// Users can always create organizations from their default organization because they are the
/// Organization Administrator of their default organization"; seed 000: "If you need to create an
/// organization outside of your enterprise, switch to your personal organization, and then create
/// a standalone organization." A user, acting in an organization where they hold Write
/// Organization; a token is told first that it takes a person.
const STANDALONE_ORGANIZATION: Need = Need::each(
    Check::AllOf(&[Check::User, org(Permission::ORG_WRITE)]),
    Check::AllOf(&[Check::User, Check::NotInRealm]),
);

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level": any enterprise role may look.
const ENTERPRISE_VIEW: Need = Need::at_enterprise(Check::AnyRole);

/// Seed 000, "Edit the enterprise name": "click Edit to change the enterprise's display name".
/// No permission names it, so it takes the Enterprise Administrator role.
const RENAME_ENTERPRISE: Need = Need::at_enterprise(Check::Role("Enterprise Administrator"));

/// Seed 000, "Delete an organization": "To delete an organization from the enterprise level, you
/// must be an Enterprise Administrator and the organization's Organization Administrator." An
/// organization-level actor never holds the enterprise role.
const DELETE_FROM_ENTERPRISE: Need = Need::anywhere(Check::AllOf(&[
    Check::PathOrganizationRole("Organization Administrator"),
    Check::Role("Enterprise Administrator"),
]));

/// Seed 000, "Manage enterprise roles": "if you grant the org-user-read permission with only one
/// organization in the role's scope, then a user with this permission can view the users in that
/// one organization only."
const USERS_FROM_ENTERPRISE: Need = Need::anywhere(Check::Permission(
    Permission::ORG_USER_READ,
    On::PathEnterpriseOrganization,
));

/// Seed 000: "ent-user-read: Retrieve users with the Enterprise Administrator role"; the
/// `/v2/enterprises/users` paths name the enterprise whoever asks.
const ENTERPRISE_USER_READ: Need = Need::anywhere(ent(Permission::ENT_USER_READ));
/// Seed 000: "ent-user-write: Add or remove the Enterprise Administrator role from users."
const ENTERPRISE_USER_WRITE: Need = Need::anywhere(ent(Permission::ENT_USER_WRITE));

/// Seed 002: "Invited users are listed as pending until they accept the invitation": only the
/// invited user, acting where they were invited, accepts.
const ACCEPT_IN_ORGANIZATION: Need =
    Need::each(Check::User, Check::AllOf(&[Check::User, Check::NotInRealm]));
/// The same for an invitation to the enterprise.
const ACCEPT_IN_ENTERPRISE: Need =
    Need::each(Check::AllOf(&[Check::User, Check::NotInRealm]), Check::User);

/// The realm's roles (seed 000: "To retrieve enterprise roles, your application token must have
/// the Enterprise Administrator role", the one default role with ent-role-read).
const ROLE_READ: Need = Need::per_realm(Permission::ORG_ROLE_READ, Permission::ENT_ROLE_READ);
/// Seed 004, "Write Custom Role (org-role-write): Create and manage custom roles."
const ROLE_WRITE: Need = Need::per_realm(Permission::ORG_ROLE_WRITE, Permission::ENT_ROLE_WRITE);
/// Seed 000: "ent-role-write: Create, edit, and delete enterprise-level custom roles."
const ROLE_DELETE: Need = Need::per_realm(Permission::ORG_ROLE_DELETE, Permission::ENT_ROLE_WRITE);

/// Seed 000: "To view and manage enterprise application tokens, you must have a role with the
/// ent-token-read and ent-token-write permissions"; seed 004, "Read Token (org-token-read): View
/// application tokens in an organization."
const TOKEN_READ: Need = Need::per_realm(Permission::ORG_TOKEN_READ, Permission::ENT_TOKEN_READ);
/// Seed 004, "Write Token (org-token-write): Create application tokens"; seed 000,
/// "ent-token-write: Create and revoke enterprise application tokens."
const TOKEN_WRITE: Need = Need::per_realm(Permission::ORG_TOKEN_WRITE, Permission::ENT_TOKEN_WRITE);

/// Seed 004, "View roles": "When you create an application token from a database's Overview
/// tab, Astra DB automatically creates a custom role". Creating that role, when the database has
/// none yet, also takes org-role-write, asked only after the request is valid.
const DATABASE_TOKEN: Need = Need::in_organization(org(Permission::ORG_TOKEN_WRITE));

/// Seed 004, "Create All Keyspaces (db-all-keyspace-create): Create keyspaces programmatically"
/// and "Create Keyspace (db-keyspace-create): Create a keyspace in the Astra Portal": the backend
/// serves both.
const CREATE_KEYSPACE: Need = Need::in_organization(Check::AnyPermission(
    &[
        Permission::DB_ALL_KEYSPACE_CREATE,
        Permission::DB_KEYSPACE_CREATE,
    ],
    On::Database,
));

/// The list shows the databases the actor may view, and refuses only an actor who may view none
/// of them nor the organization.
const DATABASE_LIST: Need =
    Need::in_organization(Check::Permission(Permission::ORG_DB_VIEW, On::SomeDatabase));

/// Seed 004, "Read IP Access List (accesslist-read): View database and DevOps API IP access lists.
/// Visibility of database access lists depends on the role's resource scopes": the organization's
/// lists are those of the databases the actor may read them of.
const ACCESS_LISTS: Need = Need::in_organization(Check::Permission(
    Permission::ACCESSLIST_READ,
    On::SomeDatabase,
));
/// Seed 004, "Write IP Access List (accesslist-write): Create and modify database and DevOps API IP
/// access lists. Access to database access lists depends on the role's resource scopes."
const ACCESS_LIST_WRITE: Need = Need::in_organization(db(Permission::ACCESSLIST_WRITE));
/// The spec gives validate and template no security of their own: they read and change nothing.
const ACCESS_LIST_FORM: Need = Need::anywhere(Check::Authenticated);

/// A database's regions are part of viewing it; seed 004, "Manage Region (db-manage-region): Add
/// or remove regions from multi-region databases", on the database (it "can be further limited
/// to specific databases").
const REGIONS_READ: Need = Need::in_organization(db(Permission::ORG_DB_VIEW));
const REGIONS_WRITE: Need = Need::in_organization(db(Permission::DB_MANAGE_REGION));
/// Seed 004, "Manage Private Endpoint (db-manage-privateendpoint): Configure private endpoints",
/// on the database the path names (the spec's `clusterID`); no permission reads them alone.
const PRIVATE_LINK: Need = Need::in_organization(db(Permission::DB_MANAGE_PRIVATEENDPOINT));
/// The organization's private links are those of the databases the actor may manage them of.
const PRIVATE_LINKS: Need = Need::in_organization(Check::Permission(
    Permission::DB_MANAGE_PRIVATEENDPOINT,
    On::SomeDatabase,
));

/// "The seeds name no audit permission for the enterprise, so its log is for the role that holds
/// every enterprise permission" (`audit_log::enterprise`).
const ENTERPRISE_AUDITS: Need = Need::anywhere(Check::Role("Enterprise Administrator"));

/// Seed 004, "Read Billing (org-billing-read)": the Billing page, its bills and usage.
const ORG_BILLING_READ: Need = Need::in_organization(org(Permission::ORG_BILLING_READ));
/// Seed 000, "ent-billing-read: Retrieve billing details for the enterprise"; consumption and
/// billing reports alike.
const ENTERPRISE_BILLING: Need = Need::anywhere(ent(Permission::ENT_BILLING_READ));

/// Seed 004, "Read CMK Key (org-cmk-read): View customer keys in an organization"; the accounts
/// a key is granted to are part of viewing them.
const CMK_READ: Need = Need::in_organization(org(Permission::ORG_CMK_READ));
/// Seed 004, "Write CMK Key (org-cmk-write): Create and manage customer keys."
const CMK_WRITE: Need = Need::in_organization(org(Permission::ORG_CMK_WRITE));

use Method::{Delete, Get, Patch, Post, Put};

/// Every endpoint, with what it needs.
// One route per line reads as the table it is.
#[rustfmt::skip]
pub const ROUTES: &[Route] = &[
    route(Get, "/v2/currentOrg", "read the organization", Need::in_organization(org(Permission::ORG_READ)), organizations::current),
    route(Patch, "/v2/currentOrg", "change the organization", Need::in_organization(org(Permission::ORG_WRITE)), organizations::update),
    route(Delete, "/v2/currentOrg", "delete the organization", Need::in_organization(org(Permission::ORG_WRITE)), organizations::delete),
    route(Get, "/v2/organizations", "list organizations", Need::anywhere(Check::Authenticated), organizations::list),
    route(Post, "/v2/organizations", "create organizations", STANDALONE_ORGANIZATION, organizations::create_standalone),
    route(Get, "/v2/enterprises/current", "view the enterprise", ENTERPRISE_VIEW, enterprise::get),
    route(Patch, "/v2/enterprises/current", "change the enterprise display name", RENAME_ENTERPRISE, enterprise::rename),
    route(Get, "/v2/enterprises/organizations", "view the enterprise's organizations", ENTERPRISE_VIEW, enterprise::list_organizations),
    route(Post, "/v2/enterprises/organizations", "create an organization in the enterprise", Need::anywhere(ent(Permission::ENT_ORG_MANAGE)), enterprise::create_organization),
    route(Delete, "/v2/enterprises/organizations/{}", "delete an organization from the enterprise level", DELETE_FROM_ENTERPRISE, enterprise::delete_organization),
    route(Get, "/v2/enterprises/organizations/{}/users", "list an organization's users from the enterprise", USERS_FROM_ENTERPRISE, users::list_from_enterprise),
    route(Get, "/v2/organizations/users", "list the organization's users", Need::in_organization(org(Permission::ORG_USER_READ)), users::list),
    route(Put, "/v2/organizations/users", "invite users to the organization", Need::in_organization(org(Permission::ORG_USER_WRITE)), users::invite),
    route(Get, "/v2/organizations/users/{}", "read a user of the organization", Need::in_organization(org(Permission::ORG_USER_READ)), users::get),
    route(Delete, "/v2/organizations/users/{}", "remove a user from the organization", Need::in_organization(org(Permission::ORG_USER_WRITE)), users::remove),
    route(Put, "/v2/organizations/users/{}/roles", "change a user's roles in the organization", Need::in_organization(org(Permission::ORG_USER_WRITE)), users::update_roles),
    route(Post, "/v2/organizations/invitation/accept", "accept an invitation to an organization", ACCEPT_IN_ORGANIZATION, users::accept),
    route(Get, "/v2/enterprises/users", "list the enterprise's users", ENTERPRISE_USER_READ, users::list),
    route(Put, "/v2/enterprises/users", "invite users to the enterprise", ENTERPRISE_USER_WRITE, users::invite),
    route(Get, "/v2/enterprises/users/{}", "read a user of the enterprise", ENTERPRISE_USER_READ, users::get),
    route(Delete, "/v2/enterprises/users/{}", "remove a user from the enterprise", ENTERPRISE_USER_WRITE, users::remove),
    route(Put, "/v2/enterprises/users/{}/roles", "change a user's enterprise roles", ENTERPRISE_USER_WRITE, users::update_roles),
    route(Post, "/v2/enterprises/invitation/accept", "accept an invitation to the enterprise", ACCEPT_IN_ENTERPRISE, users::accept),
    route(Get, "/v2/organizations/roles", "list roles", ROLE_READ, roles::list),
    route(Post, "/v2/organizations/roles", "create a custom role", ROLE_WRITE, roles::create),
    route(Get, "/v2/organizations/roles/{}", "read a role", ROLE_READ, roles::get),
    route(Put, "/v2/organizations/roles/{}", "edit a custom role", ROLE_WRITE, roles::update),
    route(Delete, "/v2/organizations/roles/{}", "delete a custom role", ROLE_DELETE, roles::delete),
    route(Get, "/v2/tokens", "list application tokens", TOKEN_READ, tokens::list),
    route(Post, "/v2/tokens", "generate an application token", TOKEN_WRITE, tokens::generate),
    route(Delete, "/v2/tokens/{}", "revoke an application token", TOKEN_WRITE, tokens::revoke),
    route(Get, "/v2/clientIdSecrets", "list application tokens", TOKEN_READ, tokens::list),
    route(Post, "/v2/clientIdSecrets", "generate an application token", TOKEN_WRITE, tokens::generate),
    route(Delete, "/v2/clientIdSecrets/{}", "revoke an application token", TOKEN_WRITE, tokens::revoke),
    route(Post, "/v2/databases/{}/tokens", "generate a database's application token", DATABASE_TOKEN, tokens::generate_for_database),
    route(Get, "/v2/databases", "list databases", DATABASE_LIST, databases::list),
    route(Post, "/v2/databases", "create a database", Need::in_organization(org(Permission::ORG_DB_CREATE)), databases::create),
    route(Get, "/v2/databases/{}", "view a database", Need::in_organization(db(Permission::ORG_DB_VIEW)), databases::get),
    route(Delete, "/v2/databases/{}", "terminate a database", Need::in_organization(db(Permission::ORG_DB_TERMINATE)), databases::terminate),
    route(Post, "/v2/databases/{}/terminate", "terminate a database", Need::in_organization(db(Permission::ORG_DB_TERMINATE)), databases::terminate),
    route(Post, "/v2/databases/{}/park", "park a database", Need::in_organization(db(Permission::ORG_DB_SUSPEND)), databases::park),
    route(Post, "/v2/databases/{}/unpark", "unpark a database", Need::in_organization(db(Permission::ORG_DB_SUSPEND)), databases::unpark),
    route(Get, "/v2/access-lists", "read the organization's access lists", ACCESS_LISTS, access_list::list_all),
    route(Get, "/v2/databases/{}/access-list", "read a database's access list", Need::in_organization(db(Permission::ACCESSLIST_READ)), access_list::get),
    route(Put, "/v2/databases/{}/access-list", "replace a database's access list", ACCESS_LIST_WRITE, access_list::replace),
    route(Post, "/v2/databases/{}/access-list", "add addresses to a database's access list", ACCESS_LIST_WRITE, access_list::add),
    route(Patch, "/v2/databases/{}/access-list", "change a database's access list", ACCESS_LIST_WRITE, access_list::update),
    route(Delete, "/v2/databases/{}/access-list", "remove addresses from a database's access list", ACCESS_LIST_WRITE, access_list::delete),
    route(Post, "/v2/access-list/validate", "validate an access list", ACCESS_LIST_FORM, access_list::validate),
    route(Post, "/v2/access-list/template", "get an access list template", ACCESS_LIST_FORM, access_list::template),
    route(Get, "/v2/databases/{}/datacenters", "list a database's regions", REGIONS_READ, datacenters::list),
    route(Post, "/v2/databases/{}/datacenters", "add regions to a database", REGIONS_WRITE, datacenters::add),
    route(Post, "/v2/databases/{}/datacenters/{}/terminate", "terminate a database's region", REGIONS_WRITE, datacenters::terminate),
    route(Get, "/v2/organizations/private-link", "read the organization's private endpoints", PRIVATE_LINKS, private_link::list_all),
    route(Get, "/v2/organizations/clusters/{}/private-link", "read a database's private endpoints", PRIVATE_LINK, private_link::cluster),
    route(Get, "/v2/organizations/clusters/{}/datacenters/{}/private-link", "read a region's private endpoints", PRIVATE_LINK, private_link::datacenter),
    route(Post, "/v2/organizations/clusters/{}/datacenters/{}/private-link", "allow principals to a region's private endpoints", PRIVATE_LINK, private_link::allow),
    route(Post, "/v2/organizations/clusters/{}/datacenters/{}/allowed-principals", "allow principals to a region's private endpoints", PRIVATE_LINK, private_link::allow),
    route(Delete, "/v2/organizations/clusters/{}/datacenters/{}/allowed-principals", "remove an allowed principal of a region's private endpoints", PRIVATE_LINK, private_link::disallow),
    route(Post, "/v2/organizations/clusters/{}/datacenters/{}/endpoints", "accept a private endpoint", PRIVATE_LINK, private_link::accept),
    route(Get, "/v2/organizations/clusters/{}/datacenters/{}/endpoints/{}", "read a private endpoint", PRIVATE_LINK, private_link::endpoint),
    route(Put, "/v2/organizations/clusters/{}/datacenters/{}/endpoints/{}", "describe a private endpoint", PRIVATE_LINK, private_link::describe),
    route(Delete, "/v2/organizations/clusters/{}/datacenters/{}/endpoints/{}", "reject a private endpoint", PRIVATE_LINK, private_link::reject),
    route(Get, "/v2/regions/serverless", "list the Serverless regions", Need::in_organization(org(Permission::ORG_DB_CREATE)), regions::serverless),
    route(Post, "/v2/databases/{}/keyspaces/{}", "create a keyspace", CREATE_KEYSPACE, databases::create_keyspace),
    route(Delete, "/v2/databases/{}/keyspaces/{}", "drop a keyspace", Need::in_organization(keyspace(Permission::DB_KEYSPACE_DROP)), databases::drop_keyspace),
    route(Post, "/v2/databases/{}/keyspaces/{}/tables/{}", "create a table", Need::in_organization(table(Permission::DB_TABLE_CREATE)), databases::create_table),
    route(Delete, "/v2/databases/{}/keyspaces/{}/tables/{}", "drop a table", Need::in_organization(table(Permission::DB_TABLE_DROP)), databases::drop_table),
    route(Get, "/v2/organizations/audits", "read the organization's audit log", Need::in_organization(org(Permission::ORG_AUDITS_READ)), audit_log::organization),
    route(Get, "/v2/enterprises/audits", "read the enterprise's audit log", ENTERPRISE_AUDITS, audit_log::enterprise),
    route(Get, "/v2/organizations/billing", "read the organization's billing", ORG_BILLING_READ, billing::get),
    route(Put, "/v2/organizations/billing/plan", "change the organization's plan", Need::in_organization(org(Permission::ORG_BILLING_WRITE)), billing::change_plan),
    route(Put, "/v2/organizations/billing/payment-method", "set the organization's payment method", Need::in_organization(org(Permission::ORG_BILLING_WRITE)), billing::set_payment_method),
    route(Delete, "/v2/organizations/billing/payment-method", "remove the organization's payment method", Need::in_organization(org(Permission::ORG_BILLING_WRITE)), billing::remove_payment_method),
    route(Get, "/v2/organizations/billing/estimated-bill", "read the organization's Estimated Bill", ORG_BILLING_READ, invoices::estimated_bill),
    route(Get, "/v2/organizations/billing/invoices", "list the organization's invoices", ORG_BILLING_READ, invoices::invoices),
    route(Get, "/v2/organizations/billing/invoices/{}", "read an invoice", ORG_BILLING_READ, invoices::invoice),
    route(Get, "/v2/organizations/billing/invoices/{}/csv", "download an invoice", ORG_BILLING_READ, invoices::invoice_csv),
    route(Get, "/v2/organizations/usage", "download the organization's usage", ORG_BILLING_READ, billing::usage_download),
    route(Post, "/v2/enterprises/consumption", "read the enterprise's consumption", ENTERPRISE_BILLING, billing::consumption),
    route(Post, "/v2/enterprises/billing-reports/generate-report", "generate a billing report", ENTERPRISE_BILLING, billing::generate_report),
    route(Get, "/v2/enterprises/billing-reports/{}", "read a billing report", ENTERPRISE_BILLING, billing::report),
    route(Get, "/v2/enterprises/billing-reports/{}/csv", "download a billing report", ENTERPRISE_BILLING, billing::report_csv),
    route(Post, "/v2/kms", "register a customer key", CMK_WRITE, customer_keys::create),
    route(Get, "/v2/kms", "view the customer keys", CMK_READ, customer_keys::list),
    route(Get, "/v2/kms/provider/{}/region/{}", "view a customer key", CMK_READ, customer_keys::get),
    route(Get, "/v2/kms/provider/{}/region/{}/accounts", "view the accounts a customer key is granted to", CMK_READ, customer_keys::accounts),
    route(Get, "/v2/portal/changes", "follow the changes", Need::anywhere(Check::Authenticated), changes::feed),
    route(Get, "/v2/portal/emails", "read the email outbox", Need::anywhere(Check::Authenticated), emails::list),
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

/// The path's parameters, when the path matches the pattern.
pub(crate) fn matches<'p>(pattern: &str, path: &'p str) -> Option<Vec<&'p str>> {
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

/// Answers a request: finds its route, lets the gate check the route's need, then runs the
/// handler.
pub fn dispatch(state: &State, actor: &Actor, request: &Request, ctx: &mut Context) -> Handled {
    let (route, params) = route_of(request)?;
    gate::admit(state, actor, route, &params)?;
    let call = Call {
        state,
        actor,
        request,
        params: &params,
    };
    (route.handler)(call, ctx)
}

/// The route a request is for, with its path parameters; a 404 for a path that no route has, a
/// 405 naming the methods a path has.
pub fn route_of(request: &Request) -> Result<(&'static Route, Vec<&str>), ApiError> {
    let mut allowed = Vec::new();
    for route in ROUTES {
        if let Some(params) = matches(route.pattern, &request.path) {
            if route.method == request.method {
                return Ok((route, params));
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
            assert_eq!(
                route.need.of(Realm::Organization),
                org(Permission::ORG_TOKEN_WRITE)
            );
        }
        let request = |method, path: &str| Request::new(method, path, String::new());
        assert!(makes_secret(&request(Post, "/v2/tokens")));
        assert!(makes_secret(&request(Post, "/v2/databases/d1/tokens")));
        assert!(!makes_secret(&request(Delete, "/v2/tokens/abc")));
        assert!(!makes_secret(&request(Get, "/v2/tokens")));
        assert!(!makes_secret(&request(Post, "/v2/organizations/roles")));
    }
}

//! The route catalog's test plan: one request (a probe) for every route of [`ROUTES`], and the
//! answer an actor must get from it, worked out from the route's declared [`Need`] by the gate
//! alone, never by calling the handler.
//!
//! The core's in-process matrix test (`tests/route_matrix.rs`) and the server's HTTP matrix test
//! both run every probe as every default role and compare the answer with [`expected`]'s: a route
//! the gate doesn't guard, or a handler that refuses an actor its route admits, fails there
//! without anyone keeping a list of expected statuses.
//!
//! Probes change nothing, so that they can all run, in any order, against one server. A read
//! answers its 2xx. A change reaches the permission check (every handler asks first) and is then
//! refused by validation or lookup: a body missing a field, an ID that no record has, a
//! confirmation that doesn't match, a keyspace that already exists; or it finds nothing to do
//! (dropping a keyspace that doesn't exist is the spec's 204). The IDs are the given state's,
//! records of the organization the probes act in.

use std::fmt;

use super::access::Actor;
use super::error::ErrorId;
use super::gate;
use super::request::Method::{self, Delete, Get, Patch, Post, Put};
use super::routes::{self, Need, Route, ROUTES};
use crate::model::{Organization, Scope, State};
use crate::rbac::{Realm, DEFAULT_ROLES};

/// One request to one route, and its status for an actor who meets the route's need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    pub method: Method,
    /// The route's pattern.
    pub pattern: &'static str,
    /// The route's need.
    pub need: Need,
    /// The path with its query.
    pub target: String,
    /// JSON text, or empty.
    pub body: String,
    /// A read's 2xx, or the 4xx that refuses a change before it changes anything.
    pub allowed_status: u16,
}

/// What an actor gets from a probe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Allowed(u16),
    /// A 403 (`ErrorId::Forbidden`) whose message contains `naming`: the gate's refusal.
    Denied {
        naming: String,
    },
}

impl Expected {
    /// How an answer (its status and JSON body) departs from this, if it does: a denial must be
    /// a 403 (`ErrorId::Forbidden`) whose message names what was missing.
    pub fn disagreement(&self, status: u16, body: &serde_json::Value) -> Option<String> {
        let agrees = match self {
            Expected::Allowed(wanted) => status == *wanted,
            Expected::Denied { naming } => {
                let error = &body["errors"][0];
                status == 403
                    && error["ID"].as_u64() == Some(ErrorId::Forbidden.code().into())
                    && error["message"]
                        .as_str()
                        .is_some_and(|m| m.contains(naming.as_str()))
            }
        };
        (!agrees).then(|| format!("expected {self:?}, got {status}: {body}"))
    }
}

/// A state in which some route has no harmless probe, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unprobeable(pub String);

impl fmt::Display for Unprobeable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no harmless probe: {}", self.0)
    }
}

impl std::error::Error for Unprobeable {}

/// An ID that no record has, so that a delete finds nothing to delete (a 404, or a keyspace
/// drop's 204). It is a CQL identifier, so that the lookup, not the name check, answers.
const MISSING: &str = "no_such_id";

/// A deletion's confirmation that no organization's name matches: names are never empty.
const UNCONFIRMED: &str = r#"{"name":""}"#;

/// Roles to assign, none given: refused before anyone's roles change.
const NO_ROLES: &str = r#"{"roles":[]}"#;

/// The organization to probe in: the first of the enterprise's organizations as the enterprise
/// lists them (by name) in which every route has a harmless probe.
pub fn organization(state: &State) -> Option<&Organization> {
    let mut organizations: Vec<&Organization> = state.enterprise_organizations().collect();
    organizations.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    organizations
        .into_iter()
        .find(|org| Subjects::of(state, &org.id, Realm::Organization).is_ok())
}

/// One probe for every route, in the table's order, for an actor of `realm`: acting in `org` (an
/// organization of the enterprise), or at the enterprise level with `org` as the organization
/// that enterprise routes name.
pub fn probes(state: &State, org: &str, realm: Realm) -> Result<Vec<Probe>, Unprobeable> {
    let subjects = Subjects::of(state, org, realm)?;
    Ok(ROUTES
        .iter()
        .filter_map(|route| {
            plan(route, &subjects).map(|call| Probe {
                method: route.method,
                pattern: route.pattern,
                need: route.need,
                target: call.target,
                body: call.body.to_owned(),
                allowed_status: call.status,
            })
        })
        .collect())
}

/// What `actor` gets from `probe` (one of [`probes`] for the actor's realm): the probe's status
/// when the actor meets the route's need where it acts, otherwise the gate's refusal.
pub fn expected(state: &State, actor: &Actor, probe: &Probe) -> Expected {
    let path = probe.target.split('?').next().unwrap_or_default();
    let params = routes::matches(probe.pattern, path).unwrap_or_default();
    let route = ROUTES
        .iter()
        .find(|route| route.method == probe.method && route.pattern == probe.pattern)
        .expect("a probe is made from a route");
    match gate::admit(state, actor, route, &params) {
        Ok(()) => Expected::Allowed(probe.allowed_status),
        Err(refusal) => Expected::Denied {
            naming: refusal.to_string(),
        },
    }
}

/// The records of the state that the probes name.
struct Subjects<'s> {
    org: &'s str,
    /// A user with a membership (active or invited) in the organization.
    member: &'s str,
    /// A user with a membership in the enterprise.
    enterprise_member: &'s str,
    /// A role of the realm: a custom one where there is one.
    role: &'s str,
    /// A default role of the realm, which can't be deleted.
    default_role: &'static str,
    /// A database of the organization, one of its keyspaces and one of that keyspace's tables.
    table: [&'s str; 3],
    /// A billing report with its CSV, if the state has one.
    report: Option<&'s str>,
    /// How removing the payment method is refused: 404 without one, 409 while something blocks it.
    payment_removal: u16,
}

impl<'s> Subjects<'s> {
    fn of(state: &'s State, org: &str, realm: Realm) -> Result<Subjects<'s>, Unprobeable> {
        let lacking = |what: &str| Unprobeable(format!("the state has no {what}"));
        let organization = state
            .enterprise_organizations()
            .find(|o| o.id == org)
            .ok_or_else(|| lacking(&format!("organization '{org}' in its enterprise")))?;
        let scope = Scope::Organization(organization.id.clone());
        let default_role = DEFAULT_ROLES
            .iter()
            .find(|role| role.realm == realm)
            .ok_or_else(|| lacking("default role in the realm"))?
            .id;
        let realm_scope = match realm {
            Realm::Organization => scope.clone(),
            Realm::Enterprise => Scope::Enterprise,
        };
        Ok(Subjects {
            org: &organization.id,
            member: member(state, &scope).ok_or_else(|| lacking("member of the organization"))?,
            enterprise_member: member(state, &Scope::Enterprise)
                .ok_or_else(|| lacking("member of the enterprise"))?,
            role: custom_role(state, &realm_scope).unwrap_or(default_role),
            default_role,
            table: a_table(state, org)
                .ok_or_else(|| lacking("table in a database of the organization"))?,
            report: state
                .billing_reports
                .iter()
                .find(|(_, stored)| stored.csv.is_some())
                .map(|(id, _)| id.as_str()),
            payment_removal: payment_removal(state, organization)?,
        })
    }
}

fn member<'s>(state: &'s State, scope: &Scope) -> Option<&'s str> {
    state
        .users
        .values()
        .find(|user| user.membership(scope).is_some())
        .map(|user| user.id.as_str())
}

fn custom_role<'s>(state: &'s State, scope: &Scope) -> Option<&'s str> {
    state
        .roles
        .values()
        .find(|stored| &stored.scope == scope)
        .map(|stored| stored.role.id.as_str())
}

fn a_table<'s>(state: &'s State, org: &str) -> Option<[&'s str; 3]> {
    state
        .databases
        .values()
        .filter(|db| db.org_id == org)
        .find_map(|db| {
            db.keyspaces.iter().find_map(|(keyspace, tables)| {
                let table = tables.first()?;
                Some([db.id.as_str(), keyspace.as_str(), table.as_str()])
            })
        })
}

/// Removing a payment method takes no body, so only the organization's billing can make it fail:
/// where it would succeed there is no harmless probe.
fn payment_removal(state: &State, org: &Organization) -> Result<u16, Unprobeable> {
    let Some(billing) = state
        .billing
        .get(&org.id)
        .filter(|billing| billing.payment_method.is_some())
    else {
        return Ok(404);
    };
    if billing.clone().remove_payment_method().is_err() {
        return Ok(409);
    }
    Err(Unprobeable(format!(
        "{}'s payment method can be removed, so DELETE /v2/organizations/billing/payment-method \
         would remove it: probe an organization without one, or with an outstanding balance or a \
         premium feature",
        org.name
    )))
}

/// A probe's request and its status when allowed.
struct Call {
    target: String,
    body: &'static str,
    status: u16,
}

fn call(target: String, body: &'static str, status: u16) -> Call {
    Call {
        target,
        body,
        status,
    }
}

fn read(target: String) -> Call {
    call(target, "", 200)
}

/// The pattern with each `{}` replaced by the next parameter.
fn fill(pattern: &str, params: &[&str]) -> String {
    let mut params = params.iter();
    pattern
        .split('/')
        .map(|segment| match segment {
            "{}" => params.next().copied().unwrap_or_default(),
            _ => segment,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The probe of each route; `None` for a route this plan doesn't know yet (the matrix test's
/// coverage check catches it).
// One route per line, as in the route table.
#[rustfmt::skip]
fn plan(route: &Route, s: &Subjects) -> Option<Call> {
    let at = |params: &[&str]| fill(route.pattern, params);
    let [db, keyspace, table] = s.table;
    let report_status = if s.report.is_some() { 200 } else { 404 };
    let report = s.report.unwrap_or(MISSING);
    Some(match (route.method, route.pattern) {
        (Get, "/v2/currentOrg") => read(at(&[])),
        (Patch, "/v2/currentOrg") => call(at(&[]), "{}", 400), // nothing to change
        (Delete, "/v2/currentOrg") => call(at(&[]), UNCONFIRMED, 400),
        (Get, "/v2/organizations") => read(at(&[])),
        (Post, "/v2/organizations") => call(at(&[]), "{}", 400), // no name
        (Get, "/v2/enterprises/current") => read(at(&[])),
        (Patch, "/v2/enterprises/current") => call(at(&[]), "{}", 400), // no name
        (Get, "/v2/enterprises/organizations") => read(at(&[])),
        (Post, "/v2/enterprises/organizations") => call(at(&[]), "{}", 400), // no name
        (Delete, "/v2/enterprises/organizations/{}") => call(at(&[s.org]), UNCONFIRMED, 400),
        (Get, "/v2/enterprises/organizations/{}/users") => read(at(&[s.org])),
        (Get, "/v2/organizations/users" | "/v2/enterprises/users") => read(at(&[])),
        (Put, "/v2/organizations/users" | "/v2/enterprises/users") => call(at(&[]), "{}", 400), // no email
        (Get, "/v2/organizations/users/{}") => read(at(&[s.member])),
        (Get, "/v2/enterprises/users/{}") => read(at(&[s.enterprise_member])),
        (Delete, "/v2/organizations/users/{}" | "/v2/enterprises/users/{}") => call(at(&[MISSING]), "", 404),
        (Put, "/v2/organizations/users/{}/roles") => call(at(&[s.member]), NO_ROLES, 400),
        (Put, "/v2/enterprises/users/{}/roles") => call(at(&[s.enterprise_member]), NO_ROLES, 400),
        // Every actor that holds a role is an active member: nothing is pending.
        (Post, "/v2/organizations/invitation/accept" | "/v2/enterprises/invitation/accept") => call(at(&[]), "", 409),
        (Get, "/v2/organizations/roles") => read(at(&[])),
        (Post, "/v2/organizations/roles") => call(at(&[]), "{}", 400), // no name
        (Get, "/v2/organizations/roles/{}") => read(at(&[s.role])),
        (Put, "/v2/organizations/roles/{}") => call(at(&[s.role]), "{}", 400), // no name, or a default role
        (Delete, "/v2/organizations/roles/{}") => call(at(&[s.default_role]), "", 400), // a default role
        (Get, "/v2/tokens" | "/v2/clientIdSecrets") => read(at(&[])),
        (Post, "/v2/tokens" | "/v2/clientIdSecrets") => call(at(&[]), NO_ROLES, 400),
        (Delete, "/v2/tokens/{}" | "/v2/clientIdSecrets/{}") => call(at(&[MISSING]), "", 404),
        (Post, "/v2/databases/{}/tokens") => call(at(&[db]), r#"{"description":42}"#, 400),
        (Get, "/v2/databases") => read(at(&[])),
        (Post, "/v2/databases") => call(at(&[]), "{}", 400), // no name
        (Get, "/v2/databases/{}") => read(at(&[db])),
        (Delete, "/v2/databases/{}") => call(at(&[MISSING]), "", 404),
        (Post, "/v2/databases/{}/keyspaces/{}") => call(at(&[db, keyspace]), "", 409), // it exists
        (Delete, "/v2/databases/{}/keyspaces/{}") => call(at(&[db, MISSING]), "", 204), // the spec's "no keyspace found to delete": nothing changes
        (Post, "/v2/databases/{}/keyspaces/{}/tables/{}") => call(at(&[db, keyspace, table]), "", 409), // it exists
        (Delete, "/v2/databases/{}/keyspaces/{}/tables/{}") => call(at(&[db, keyspace, MISSING]), "", 404),
        (Get, "/v2/organizations/audits" | "/v2/enterprises/audits") => read(at(&[]) + "?limit=10"),
        (Get, "/v2/organizations/billing") => read(at(&[])),
        (Put, "/v2/organizations/billing/payment-method") => call(at(&[]), "{}", 400), // no card
        (Delete, "/v2/organizations/billing/payment-method") => call(at(&[]), "", s.payment_removal),
        (Get, "/v2/organizations/usage") => read(at(&[]) + "?period=current_month"),
        (Post, "/v2/enterprises/consumption") => call(at(&[]), "{}", 200), // a query: this month's usage
        (Post, "/v2/enterprises/billing-reports/generate-report") => call(at(&[]), "{}", 400), // no month
        (Get, "/v2/enterprises/billing-reports/{}" | "/v2/enterprises/billing-reports/{}/csv") => call(at(&[report]), "", report_status),
        (Get, "/v2/portal/changes") => read(at(&[]) + "?since=0"),
        _ => return None,
    })
}

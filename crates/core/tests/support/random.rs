//! Random requests by random principals over a state, built from the IDs it has: the generator
//! of the invariants property test (`state/invariants.rs`), which the visibility property test
//! (`api/visibility/property.rs`) also runs.

use portal_core::api::{Actor, Method, Principal, Request};
use portal_core::model::entropy::below;
use portal_core::model::{Scope, SeededEntropy, State};
use portal_core::rbac::{Permission, DEFAULT_ROLES};
use serde_json::{json, Value};

/// A random choice among `n` (n > 0).
pub fn pick(rng: &mut SeededEntropy, n: usize) -> usize {
    below(rng, n as u32) as usize
}

pub fn one<'a, T>(rng: &mut SeededEntropy, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[pick(rng, items.len())])
}

/// Every principal of the state, where it can act; users also where they're only invited.
pub fn actors(state: &State) -> Vec<Actor> {
    let mut actors = Vec::new();
    for user in state.users.values() {
        for scope in user.scopes() {
            actors.push(Actor {
                principal: Principal::User(user.id.clone()),
                scope,
            });
        }
    }
    for token in state.tokens.values() {
        actors.push(Actor {
            principal: Principal::Token(token.client_id.clone()),
            scope: token.scope.clone(),
        });
    }
    actors
}

/// Some role IDs: mostly ones available where the actor is, sometimes any role at all.
pub fn role_ids(rng: &mut SeededEntropy, state: &State, scope: &Scope) -> Vec<String> {
    let mut all: Vec<String> = state.roles_in(scope).into_iter().map(|r| r.id).collect();
    if pick(rng, 5) == 0 {
        all.extend(DEFAULT_ROLES.iter().map(|d| d.id.to_owned()));
        all.extend(state.roles.keys().cloned());
    }
    (0..1 + pick(rng, 2))
        .filter_map(|_| one(rng, &all).cloned())
        .collect()
}

pub fn some_id<'a>(rng: &mut SeededEntropy, ids: impl Iterator<Item = &'a String>) -> String {
    let ids: Vec<&String> = ids.collect();
    match one(rng, &ids) {
        Some(id) if pick(rng, 8) != 0 => (*id).clone(),
        _ => "00000000-0000-4000-8000-000000000000".into(),
    }
}

pub fn policy(rng: &mut SeededEntropy, state: &State, scope: &Scope) -> Value {
    let owner = state.owner_id(scope).to_owned();
    let enterprise = matches!(scope, Scope::Enterprise);
    let perms: Vec<Permission> = Permission::all()
        .filter(|p| p.is_enterprise() == enterprise)
        .collect();
    let actions: Vec<&str> = (0..1 + pick(rng, 4))
        .filter_map(|_| one(rng, &perms).map(|p| p.api()))
        .collect();
    let resources = if enterprise {
        vec![
            format!("drn:astra:ent:{owner}"),
            format!("drn:astra:ent:{owner}:org:*"),
        ]
    } else {
        vec![
            format!("drn:astra:org:{owner}"),
            format!("drn:astra:org:{owner}:db:*"),
        ]
    };
    json!({"description": "random", "resources": resources, "actions": actions, "effect": "allow"})
}

pub const EMAILS: [&str; 6] = [
    "a@acme.test",
    "b@acme.test",
    "c@acme.test, d@acme.test",
    "not-an-email",
    "admin@acme.test",
    "e@acme.test\nf@acme.test",
];

/// A random request for `actor`, built from the IDs the state has.
pub fn request(rng: &mut SeededEntropy, state: &State, actor: &Actor) -> Request {
    let scope = &actor.scope;
    let users_path = match scope {
        Scope::Enterprise => "/v2/enterprises/users",
        Scope::Organization(_) => "/v2/organizations/users",
    };
    let user = some_id(rng, state.users.keys());
    let role = some_id(rng, state.roles.keys());
    let token = some_id(rng, state.tokens.keys());
    let org = some_id(rng, state.organizations.keys());
    let db = some_id(rng, state.databases.keys());
    let org_name = state
        .organizations
        .get(&org)
        .map_or("nothing".to_owned(), |o| o.name.clone());
    let (method, target, body) = match pick(rng, 32) {
        0 => (
            Method::Put,
            users_path.to_owned(),
            json!({"email": EMAILS[pick(rng, EMAILS.len())], "roles": role_ids(rng, state, scope)}),
        ),
        1 => (Method::Delete, format!("{users_path}/{user}"), Value::Null),
        2 | 3 => (
            Method::Put,
            format!("{users_path}/{user}/roles"),
            json!({"roles": role_ids(rng, state, scope)}),
        ),
        4 => {
            let path = match scope {
                Scope::Enterprise => "/v2/enterprises/invitation/accept",
                Scope::Organization(_) => "/v2/organizations/invitation/accept",
            };
            (Method::Post, path.to_owned(), Value::Null)
        }
        5 => (
            Method::Post,
            "/v2/organizations/roles".into(),
            json!({"name": format!("Role {}", pick(rng, 4)), "policy": policy(rng, state, scope)}),
        ),
        6 => (
            Method::Put,
            format!("/v2/organizations/roles/{role}"),
            json!({"name": format!("Role {}", pick(rng, 4)), "policy": policy(rng, state, scope)}),
        ),
        7 => (
            Method::Delete,
            format!("/v2/organizations/roles/{role}"),
            Value::Null,
        ),
        8 => {
            let mut body = json!({"roles": role_ids(rng, state, scope), "description": "random"});
            if pick(rng, 2) == 0 {
                body["orgId"] = json!(org);
            }
            (Method::Post, "/v2/tokens".into(), body)
        }
        9 => (Method::Delete, format!("/v2/tokens/{token}"), Value::Null),
        10 => (
            Method::Post,
            format!("/v2/databases/{db}/tokens"),
            json!({}),
        ),
        11 => (
            Method::Post,
            "/v2/enterprises/organizations".into(),
            json!({"name": format!("Org {}", pick(rng, 5)), "email": "org@acme.test", "adminUserID": user}),
        ),
        12 => (
            Method::Delete,
            format!("/v2/enterprises/organizations/{org}"),
            json!({"name": org_name}),
        ),
        13 => (
            Method::Delete,
            "/v2/currentOrg".into(),
            json!({"name": org_name}),
        ),
        14 => (
            Method::Post,
            "/v2/organizations".into(),
            json!({"name": format!("Solo {}", pick(rng, 3)), "email": "solo@acme.test"}),
        ),
        15 => (
            Method::Post,
            "/v2/databases".into(),
            json!({"name": format!("db{}", pick(rng, 4)), "cloudProvider": "AWS", "region": "us-east-1", "keyspace": "ks", "tier": "serverless", "capacityUnits": 1}),
        ),
        16 => (Method::Delete, format!("/v2/databases/{db}"), Value::Null),
        17 => (
            Method::Post,
            format!("/v2/databases/{db}/keyspaces/k{}", pick(rng, 3)),
            Value::Null,
        ),
        18 => (
            Method::Put,
            "/v2/organizations/billing/payment-method".into(),
            json!({"brand": "Visa", "last4": "4242", "expires": "12/30"}),
        ),
        19 => (
            Method::Delete,
            "/v2/organizations/billing/payment-method".into(),
            Value::Null,
        ),
        20 => (
            Method::Patch,
            "/v2/enterprises/current".into(),
            json!({"name": "Renamed"}),
        ),
        21 => (
            Method::Patch,
            "/v2/currentOrg".into(),
            json!({"name": format!("Org {}", pick(rng, 5))}),
        ),
        22 => (Method::Get, "/v2/organizations/audits".into(), Value::Null),
        23 => (Method::Get, users_path.to_owned(), Value::Null),
        24 => (Method::Get, "/v2/tokens".into(), Value::Null),
        25 => (Method::Get, "/v2/organizations/roles".into(), Value::Null),
        26 => (Method::Get, "/v2/databases".into(), Value::Null),
        27 => (
            Method::Get,
            "/v2/enterprises/organizations".into(),
            Value::Null,
        ),
        28 => (
            Method::Get,
            format!("/v2/enterprises/organizations/{org}/users"),
            Value::Null,
        ),
        29 => (
            Method::Get,
            "/v2/portal/changes?since=0".into(),
            Value::Null,
        ),
        30 => (
            Method::Post,
            "/v2/enterprises/consumption".into(),
            json!({}),
        ),
        _ => (Method::Put, users_path.to_owned(), json!("{\"email\": [")),
    };
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    Request::new(method, &target, body)
}

/// One step of a sequence as a failure replays it: who sent what, and the status.
pub fn step(actor: &Actor, request: &Request, status: u16) -> String {
    format!(
        "{:?} {} {} {} -> {status}",
        actor.principal,
        request.method.as_str(),
        request.path,
        request.body
    )
}

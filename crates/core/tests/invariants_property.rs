//! 10,000 random operation sequences by random principals (users and tokens of random custom
//! roles, scoped and unscoped, in organizations and at the enterprise), with the invariants
//! checked after every operation: no dangling role references, at least one administrator of each
//! kind, tokens holding only roles available to them, refused requests changing nothing, nobody
//! granted more than the actor holds, and the gate's answer being the handler's.
//!
//! The sequences come from seeds 0..SEQUENCES, so a failure names the seed that replays it:
//! `PORTAL_SEED=1234 cargo test -p portal-core --test invariants_property`.

mod support;

use std::collections::BTreeMap;

use portal_core::api::{self, access, gate, routes, Actor, Context, Method, Principal, Request};
use portal_core::model::entropy::below;
use portal_core::model::{check_invariants, Entropy, Scope, SeededEntropy, State};
use portal_core::rbac::{grant, Permission, Role, DEFAULT_ROLES};
use serde_json::{json, Value};
use support::World;

const SEQUENCES: u64 = 10_000;
const STEPS: usize = 12;

/// A random choice among `n` (n > 0).
fn pick(rng: &mut SeededEntropy, n: usize) -> usize {
    below(rng, n as u32) as usize
}

fn one<'a, T>(rng: &mut SeededEntropy, items: &'a [T]) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[pick(rng, items.len())])
}

/// Every principal of the state, where it can act; users also where they're only invited.
fn actors(state: &State) -> Vec<Actor> {
    let mut actors = Vec::new();
    for user in state.users.values() {
        let scopes = user
            .organizations
            .keys()
            .map(|org| Scope::Organization(org.clone()))
            .chain(user.enterprise.as_ref().map(|_| Scope::Enterprise));
        for scope in scopes {
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
fn role_ids(rng: &mut SeededEntropy, state: &State, scope: &Scope) -> Vec<String> {
    let mut all: Vec<String> = state.roles_in(scope).into_iter().map(|r| r.id).collect();
    if pick(rng, 5) == 0 {
        all.extend(DEFAULT_ROLES.iter().map(|d| d.id.to_owned()));
        all.extend(state.roles.keys().cloned());
    }
    (0..1 + pick(rng, 2))
        .filter_map(|_| one(rng, &all).cloned())
        .collect()
}

fn some_id<'a>(rng: &mut SeededEntropy, ids: impl Iterator<Item = &'a String>) -> String {
    let ids: Vec<&String> = ids.collect();
    match one(rng, &ids) {
        Some(id) if pick(rng, 8) != 0 => (*id).clone(),
        _ => "00000000-0000-4000-8000-000000000000".into(),
    }
}

fn policy(rng: &mut SeededEntropy, state: &State, scope: &Scope) -> Value {
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

const EMAILS: [&str; 6] = [
    "a@acme.test",
    "b@acme.test",
    "c@acme.test, d@acme.test",
    "not-an-email",
    "admin@acme.test",
    "e@acme.test\nf@acme.test",
];

/// A random request for `actor`, built from the IDs the state has.
fn request(rng: &mut SeededEntropy, state: &State, actor: &Actor) -> Request {
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
            json!({"name": format!("db{}", pick(rng, 4)), "cloudProvider": "AWS", "region": "us-east-1", "keyspace": "ks"}),
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

/// What each principal was granted, wherever: a token's roles, a user's roles in each
/// membership (an invitation's too: accepting it grants nothing new, inviting did).
fn assigned(state: &State) -> BTreeMap<(String, Scope), Vec<Role>> {
    let mut held = BTreeMap::new();
    for user in state.users.values() {
        let memberships = user
            .organizations
            .iter()
            .map(|(org, m)| (Scope::Organization(org.clone()), m))
            .chain(user.enterprise.iter().map(|m| (Scope::Enterprise, m)));
        for (scope, membership) in memberships {
            let roles = state.resolve_roles(&scope, &membership.roles);
            held.insert((user.id.clone(), scope), roles);
        }
    }
    for token in state.tokens.values() {
        let roles = state.resolve_roles(&token.scope, &token.roles);
        held.insert((token.client_id.clone(), token.scope.clone()), roles);
    }
    held
}

/// Nobody grants more than they hold (`rbac::grant`): whatever any principal gained through a
/// request the actor holds itself. Two grants are the seeds' own and not the actor's: a new
/// organization's first administrator, and an enterprise handing an organization a token (seed
/// 000, ent-token-write), whose organization roles no enterprise role holds.
fn gained_beyond_the_actor(before: &State, after: &State, actor: &Actor) -> Vec<String> {
    let actor_roles = access::roles(before, actor);
    let was = assigned(before);
    let mut beyond = Vec::new();
    for ((principal, scope), roles) in assigned(after) {
        let new_organization = matches!(&scope, Scope::Organization(org)
            if !before.organizations.contains_key(org));
        let handed_off = actor.scope == Scope::Enterprise
            && matches!(scope, Scope::Organization(_))
            && after.tokens.contains_key(&principal)
            && !before.tokens.contains_key(&principal);
        if new_organization || handed_off {
            continue;
        }
        let earlier = was
            .get(&(principal.clone(), scope))
            .cloned()
            .unwrap_or_default();
        for gained in grant::beyond(&earlier, &roles) {
            if !grant::holds(&actor_roles, gained.permission, &gained.resource) {
                beyond.push(format!("{principal} gained {gained}"));
            }
        }
    }
    beyond
}

/// The routes whose handler may refuse an actor the gate admitted: those that grant or take away
/// a role, where what is granted decides (`access::may_grant`, seed 000's hand-off to an
/// organization, the database role a database token needs).
const GRANTING: &[(Method, &str)] = &[
    (Method::Put, "/v2/organizations/users"),
    (Method::Delete, "/v2/organizations/users/{}"),
    (Method::Put, "/v2/organizations/users/{}/roles"),
    (Method::Put, "/v2/enterprises/users"),
    (Method::Delete, "/v2/enterprises/users/{}"),
    (Method::Put, "/v2/enterprises/users/{}/roles"),
    (Method::Post, "/v2/organizations/roles"),
    (Method::Put, "/v2/organizations/roles/{}"),
    (Method::Delete, "/v2/organizations/roles/{}"),
    (Method::Post, "/v2/tokens"),
    (Method::Delete, "/v2/tokens/{}"),
    (Method::Post, "/v2/databases/{}/tokens"),
];

/// What the sequences did, for the README's figures.
#[derive(Default)]
struct Tally {
    requests: usize,
    principals: std::collections::BTreeSet<(String, Scope)>,
    /// Refused by the gate, before any handler ran.
    gate_refusals: usize,
    /// Refused by a handler for what it would grant.
    grant_refusals: usize,
}

/// The gate's answer is the handler's: a request the gate refuses is answered with exactly that
/// refusal, and past the gate only a route that grants refuses an actor (403).
fn check_gate(
    state: &State,
    actor: &Actor,
    request: &Request,
    outcome: &api::Outcome,
    tally: &mut Tally,
) -> Result<(), String> {
    let Ok((route, params)) = routes::route_of(request) else {
        return Ok(());
    };
    match gate::admit(state, actor, route, &params) {
        Err(refusal) => {
            tally.gate_refusals += 1;
            if outcome.response != refusal.clone().into_response() {
                return Err(format!(
                    "the gate refused with {refusal} but the answer was {:?}",
                    outcome.response
                ));
            }
        }
        Ok(()) if outcome.response.status == 403 => {
            tally.grant_refusals += 1;
            if !GRANTING.contains(&(route.method, route.pattern)) {
                return Err(format!(
                    "{} {} refused past the gate: {:?}",
                    route.method.as_str(),
                    route.pattern,
                    outcome.response
                ));
            }
        }
        Ok(()) => {}
    }
    Ok(())
}

fn run(seed: u64, tally: &mut Tally) {
    let mut world = World::new();
    let mut rng = SeededEntropy::new(seed);
    let mut ids = SeededEntropy::new(seed ^ 0x5eed);
    let mut log = Vec::new();
    for _ in 0..STEPS {
        let actors = actors(&world.state);
        let Some(actor) = one(&mut rng, &actors).cloned() else {
            return;
        };
        let request = request(&mut rng, &world.state, &actor);
        let mut ctx = Context {
            now: world.now,
            entropy: &mut ids as &mut dyn Entropy,
        };
        let outcome = api::handle(&world.state, &actor, &request, &mut ctx);
        tally.requests += 1;
        tally
            .principals
            .insert((actor.id().to_owned(), actor.scope.clone()));
        if let Err(disagreement) = check_gate(&world.state, &actor, &request, &outcome, tally) {
            panic!("seed {seed}: {disagreement}\n{}", log.join("\n"));
        }
        log.push(format!(
            "{:?} {} {} {} -> {}",
            actor.principal,
            request.method.as_str(),
            request.path,
            request.body,
            outcome.response.status
        ));
        if outcome.response.status >= 400 {
            assert!(
                outcome.changes.is_empty(),
                "seed {seed}: a refused request changed something\n{}",
                log.join("\n")
            );
        }
        let before = world.state.clone();
        world.state.apply(&outcome.changes);
        let escalated = gained_beyond_the_actor(&before, &world.state, &actor);
        assert!(
            escalated.is_empty(),
            "seed {seed}: {escalated:?}\n{}",
            log.join("\n")
        );
        let problems = check_invariants(&world.state);
        assert!(
            problems.is_empty(),
            "seed {seed}: {problems:?}\n{}",
            log.join("\n")
        );
    }
}

#[test]
fn random_operation_sequences_keep_the_invariants() {
    if let Some(seed) = std::env::var("PORTAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return run(seed, &mut Tally::default());
    }
    let mut tally = Tally::default();
    for seed in 0..SEQUENCES {
        run(seed, &mut tally);
    }
    // The figures the README quotes (`--nocapture` shows them).
    eprintln!(
        "{SEQUENCES} states, {} principals, {} requests: {} refused by the gate, {} by what they \
         would grant",
        tally.principals.len(),
        tally.requests,
        tally.gate_refusals,
        tally.grant_refusals
    );
    assert!(
        tally.gate_refusals > 1_000 && tally.grant_refusals > 100,
        "the refusals are too few to tell"
    );
}

/// The generator reaches the interesting outcomes, so the property above is not vacuous.
#[test]
fn the_sequences_succeed_and_fail_in_every_way() {
    let mut statuses = std::collections::BTreeSet::new();
    let mut changed = 0;
    for seed in 0..300 {
        let mut world = World::new();
        let mut rng = SeededEntropy::new(seed);
        let mut ids = SeededEntropy::new(seed);
        for _ in 0..STEPS {
            let actors = actors(&world.state);
            let actor = one(&mut rng, &actors).cloned().unwrap();
            let request = request(&mut rng, &world.state, &actor);
            let mut ctx = Context {
                now: world.now,
                entropy: &mut ids as &mut dyn Entropy,
            };
            let outcome = api::handle(&world.state, &actor, &request, &mut ctx);
            statuses.insert(outcome.response.status);
            changed += usize::from(!outcome.changes.is_empty());
            world.state.apply(&outcome.changes);
        }
    }
    for status in [200, 201, 204, 400, 403, 404, 409] {
        assert!(
            statuses.contains(&status),
            "never saw {status}: {statuses:?}"
        );
    }
    assert!(changed > 300, "only {changed} requests changed the state");
}

//! 10,000 random operation sequences by random principals (users and tokens of random custom
//! roles, scoped and unscoped, in organizations and at the enterprise), with the invariants
//! checked after every operation: no dangling role references, at least one administrator of each
//! kind, tokens holding only roles available to them, refused requests changing nothing, nobody
//! granted more than the actor holds, the gate's answer being the handler's, and no answer naming
//! a record the actor may not read.
//!
//! The sequences come from seeds 0..SEQUENCES, so a failure names the seed that replays it:
//! `PORTAL_SEED=1234 cargo test -p portal-core --test state invariants::`.

use std::collections::BTreeMap;

use crate::support::random::{actors, one, request, step};
use crate::support::World;
use portal_core::api::visibility::Visibility;
use portal_core::api::{self, access, gate, routes, Actor, Body, Context, Method, Request};
use portal_core::model::{check_invariants, Change, Entropy, Record, Scope, SeededEntropy, State};
use portal_core::rbac::{grant, Role};
use portal_core::sync::Feed;

const SEQUENCES: u64 = 10_000;
const STEPS: usize = 12;

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
    /// Answers searched for what the actor may not read.
    answers_checked: usize,
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

/// What the answer `text` names of a record the actor may not read, that no readable record
/// refers to: a user's email, a token's hash. (IDs are references too: a database names the token
/// that created it, a role's scope names databases, an audit entry its actor.) The request's own
/// words are left out (an invitation names the address it invites): the answer may say them back.
fn unreadable_named(state: &State, actor: &Actor, request: &Request, text: &str) -> Option<String> {
    let said = |name: &str| {
        !name.is_empty()
            && text.contains(name)
            && !request.path.contains(name)
            && !request.body.contains(name)
    };
    // What the answer says is looked up first: most answers name no one.
    let users: Vec<Record> = state
        .users
        .values()
        .filter(|u| said(&u.email))
        // An organization's notification address is the organization's, often a person's too.
        .filter(|u| !state.organizations.values().any(|o| o.email == u.email))
        .map(|u| Record::User(u.clone()))
        .collect();
    let tokens = state
        .tokens
        .values()
        .filter(|t| said(&t.hash))
        .map(|t| Record::Token(t.clone()));
    let named: Vec<Record> = users.into_iter().chain(tokens).collect();
    if named.is_empty() {
        return None;
    }
    let visibility = Visibility::of(state, actor);
    named
        .into_iter()
        .find(|record| !visibility.may_read(record))
        .map(|record| match record {
            Record::User(user) => user.email,
            Record::Token(token) => format!("the hash of token {}", token.client_id),
            _ => unreachable!("only users and tokens are named"),
        })
}

/// No answer, the changes feed and every error included, names a record the actor may not read.
fn check_reveals(
    state: &State,
    actor: &Actor,
    request: &Request,
    outcome: &api::Outcome,
    tally: &mut Tally,
) -> Result<(), String> {
    // The audit log's purpose is to say who did what to which record (org-audits-read).
    if request.path.ends_with("/audits") {
        return Ok(());
    }
    // The feed's records are each exactly what the actor may read of them.
    if request.path == "/v2/portal/changes" && outcome.response.status == 200 {
        return check_feed(state, actor, outcome);
    }
    let text = match &outcome.response.body {
        Body::Json(json) => json.text().to_owned(),
        Body::Csv { text, .. } => text.clone(),
        Body::Empty => return Ok(()),
    };
    tally.answers_checked += 1;
    match unreadable_named(state, actor, request, &text) {
        Some(name) => Err(format!(
            "the answer names {name}, which the actor may not read: {text}"
        )),
        None => Ok(()),
    }
}

fn check_feed(state: &State, actor: &Actor, outcome: &api::Outcome) -> Result<(), String> {
    let Body::Json(json) = &outcome.response.body else {
        return Err("the feed is not JSON".into());
    };
    let feed: Feed = json.read().map_err(|e| e.to_string())?;
    let visibility = Visibility::of(state, actor);
    for change in feed.changes {
        if let Change::Put(record) = change {
            if visibility.project(record.clone()).as_ref() != Some(&record) {
                return Err(format!(
                    "the feed hands out more than may be read: {record:?}"
                ));
            }
        }
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
        let mut ctx = Context::new(world.now, &mut ids as &mut dyn Entropy);
        let outcome = api::handle(&world.state, &actor, &request, &mut ctx);
        tally.requests += 1;
        tally
            .principals
            .insert((actor.id().to_owned(), actor.scope.clone()));
        if let Err(disagreement) = check_gate(&world.state, &actor, &request, &outcome, tally) {
            panic!("seed {seed}: {disagreement}\n{}", log.join("\n"));
        }
        if let Err(leak) = check_reveals(&world.state, &actor, &request, &outcome, tally) {
            panic!("seed {seed}: {leak}\n{}", log.join("\n"));
        }
        log.push(step(&actor, &request, outcome.response.status));
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
         would grant; {} answers searched for what their actor may not read",
        tally.principals.len(),
        tally.requests,
        tally.gate_refusals,
        tally.grant_refusals,
        tally.answers_checked
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
            let mut ctx = Context::new(world.now, &mut ids as &mut dyn Entropy);
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

//! Random states and requests: no feed hands an actor what it may not read, and a copy that
//! follows the feed is exactly what it may read.

use std::collections::{BTreeMap, BTreeSet};

use super::routes::agrees_with_the_routes;
use super::{demo, snapshot, stored};
use crate::support::random::{actors, one, pick, request, step};
use crate::support::World;
use portal_core::api::visibility::Visibility;
use portal_core::api::{self, Actor, Context, Method, Principal, Request};
use portal_core::model::{Change, Collection, Entropy, Key, Record, Scope, SeededEntropy, State};
use portal_core::sync::{feed, Feed};
use serde_json::json;

/// The usage rows a property test state keeps: enough of each organization's to decide on.
fn trimmed_demo(seed: u64) -> World {
    let mut world = World::demo(seed);
    let keep: BTreeSet<String> = world.state.usage.keys().step_by(40).cloned().collect();
    world.state.usage.retain(|id, _| keep.contains(id));
    stored(world)
}

/// Requests the shared generator seldom makes that change what enterprise actors read: an
/// enterprise role scoped to one organization (seed 000), given to a user or a token, and a
/// billing report.
fn enterprise_request(rng: &mut SeededEntropy, state: &State) -> Request {
    let enterprise = &state.enterprise.id;
    let orgs: Vec<&String> = state.organizations.keys().collect();
    let org = one(rng, &orgs).map_or("*".to_owned(), |o| (*o).clone());
    let actions = [
        "org-user-read",
        "ent-billing-read",
        "ent-user-read",
        "ent-token-read",
        "ent-role-read",
        "ent-org-manage",
    ];
    let chosen: Vec<&str> = (0..1 + pick(rng, 3))
        .filter_map(|_| one(rng, &actions).copied())
        .collect();
    let custom: Vec<String> = state
        .roles
        .values()
        .filter(|r| r.scope == Scope::Enterprise)
        .map(|r| r.role.id.clone())
        .collect();
    let users: Vec<&String> = state.users.keys().collect();
    match pick(rng, 4) {
        0 => Request::new(
            Method::Post,
            "/v2/organizations/roles",
            json!({"name": format!("Scoped {}", pick(rng, 4)), "policy": {"description": "s",
                "effect": "allow", "resources": [format!("drn:astra:ent:{enterprise}:org:{org}")],
                "actions": chosen}})
            .to_string(),
        ),
        1 => {
            let user = one(rng, &users).map_or(String::new(), |u| (*u).clone());
            let roles: Vec<String> = one(rng, &custom).cloned().into_iter().collect();
            Request::new(
                Method::Put,
                &format!("/v2/enterprises/users/{user}/roles"),
                json!({ "roles": roles }).to_string(),
            )
        }
        2 => {
            let roles: Vec<String> = one(rng, &custom).cloned().into_iter().collect();
            Request::new(
                Method::Post,
                "/v2/tokens",
                json!({"roles": roles, "description": "scoped"}).to_string(),
            )
        }
        _ => Request::new(
            Method::Post,
            "/v2/enterprises/billing-reports/generate-report",
            json!({"month": "11", "year": "2026"}).to_string(),
        ),
    }
}

/// A random request by `actor`: one in four is an enterprise request, the rest as
/// [`request`] draws them.
fn any_request(rng: &mut SeededEntropy, state: &State, actor: &Actor) -> Request {
    if pick(rng, 4) == 0 {
        enterprise_request(rng, state)
    } else {
        request(rng, state, actor)
    }
}

/// Checks one feed answer against what the actor may read now: every record it puts is the
/// record as visibility projects it, and every key it deletes is one the actor may not read.
fn check_feed(state: &State, actor: &Actor, answer: &Feed, context: &str) {
    let visibility = Visibility::of(state, actor);
    for change in &answer.changes {
        match change {
            Change::Put(record) => {
                let now = state.record(&record.key());
                let projected = now.and_then(|r| visibility.project(r));
                assert_eq!(
                    projected.as_ref(),
                    Some(record),
                    "{context}: the feed handed {actor:?} a record it may not read so"
                );
            }
            Change::Delete(key) => {
                let readable = state
                    .record(key)
                    .is_some_and(|record| visibility.may_read(&record));
                assert!(
                    !readable,
                    "{context}: the feed deleted {key:?}, which {actor:?} may read"
                );
            }
        }
    }
}

fn follow_randomly(seed: u64) {
    let mut world = trimmed_demo(seed);
    let mut rng = SeededEntropy::new(seed);
    let mut ids = SeededEntropy::new(seed ^ 0xfeed);
    // Each actor's copy and the revision it has, as a connected page keeps them.
    let mut copies: BTreeMap<String, (u64, State)> = BTreeMap::new();
    let mut log = Vec::new();
    for n in 0..STEPS {
        let all = actors(&world.state);
        let Some(actor) = one(&mut rng, &all).cloned() else {
            return;
        };
        let request = any_request(&mut rng, &world.state, &actor);
        let mut ctx = Context::new(world.now, &mut ids as &mut dyn Entropy);
        let outcome = api::handle(&world.state, &actor, &request, &mut ctx);
        log.push(step(&actor, &request, outcome.response.status));
        let stamped = world.state.versioned(outcome.changes, None);
        world.state.apply(&stamped);
        let revision = world.state.sync.revision();
        for actor in actors(&world.state) {
            let context = format!("seed {seed}, step {n}\n{}", log.join("\n"));
            let key = format!("{actor:?}");
            let (since, copy) = match copies.remove(&key) {
                Some((since, copy)) => (since, Some(copy)),
                None => (0, None),
            };
            let answer = feed(&world.state, &actor, since).unwrap();
            check_feed(&world.state, &actor, &answer, &context);
            let copy = answer.apply_to(copy).expect("the feed fits the copy");
            assert_eq!(
                copy,
                Visibility::of(&world.state, &actor).state(),
                "{context}: {actor:?}'s copy is not what it may read"
            );
            copies.insert(key, (revision, copy));
            // And from any earlier revision.
            let since = u64::from(below(&mut rng, revision as u32 + 1));
            let answer = feed(&world.state, &actor, since).unwrap();
            check_feed(&world.state, &actor, &answer, &context);
        }
    }
    // And the rules still agree with the routes on the state the sequence made.
    for actor in actors(&world.state) {
        agrees_with_the_routes(&mut world, &actor);
    }
}

fn below(rng: &mut SeededEntropy, n: u32) -> u32 {
    portal_core::model::entropy::below(rng, n)
}

const SEQUENCES: u64 = 100;
const STEPS: usize = 12;

#[test]
fn no_feed_hands_an_actor_what_it_may_not_read_and_every_copy_is_what_it_may() {
    if let Some(seed) = std::env::var("PORTAL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        return follow_randomly(seed);
    }
    for seed in 0..SEQUENCES {
        follow_randomly(seed);
    }
}

/// The property is not vacuous: the sequences change what actors may read, both ways.
#[test]
fn the_random_sequences_change_access_both_ways() {
    let (mut snapshots, mut deletes) = (0, 0);
    for seed in 0..40 {
        let mut world = trimmed_demo(seed);
        let mut rng = SeededEntropy::new(seed);
        let mut ids = SeededEntropy::new(seed ^ 0xfeed);
        let mut revisions: BTreeMap<String, u64> = BTreeMap::new();
        for _ in 0..STEPS {
            let all = actors(&world.state);
            let actor = one(&mut rng, &all).cloned().unwrap();
            let request = any_request(&mut rng, &world.state, &actor);
            let mut ctx = Context::new(world.now, &mut ids as &mut dyn Entropy);
            let outcome = api::handle(&world.state, &actor, &request, &mut ctx);
            let stamped = world.state.versioned(outcome.changes, None);
            world.state.apply(&stamped);
            for actor in actors(&world.state) {
                let since = revisions.get(&format!("{actor:?}")).copied().unwrap_or(0);
                let answer = feed(&world.state, &actor, since).unwrap();
                if since > 0 && answer.snapshot {
                    snapshots += 1;
                }
                deletes += answer
                    .changes
                    .iter()
                    .filter(
                        |c| matches!(c, Change::Delete(key) if world.state.record(key).is_some()),
                    )
                    .count();
                revisions.insert(format!("{actor:?}"), answer.revision);
            }
        }
    }
    assert!(
        snapshots > 20 && deletes > 20,
        "snapshots {snapshots}, deletes {deletes}"
    );
}

/// The sync bookkeeping is never handed out; the enterprise and the actor's own record always
/// are.
#[test]
fn the_enterprise_is_always_read_and_the_bookkeeping_never() {
    let world = demo();
    for actor in actors(&world.state) {
        let records = snapshot(&world.state, &actor);
        assert!(matches!(records[0], Record::Enterprise(_)), "{actor:?}");
        assert!(records
            .iter()
            .all(|r| !matches!(r, Record::Version(_) | Record::Client(_))));
        // A principal always reads itself.
        let own = match &actor.principal {
            Principal::Token(id) => Key {
                collection: Collection::Tokens,
                id: id.clone(),
            },
            Principal::User(id) => Key {
                collection: Collection::Users,
                id: id.clone(),
            },
        };
        assert!(records.iter().any(|r| r.key() == own), "{actor:?}");
    }
}

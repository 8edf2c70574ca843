//! A token's last use, to the minute, stored with the request that used it; and the tokens
//! unused for 90 days that the Access page offers for deletion (seed 000, "Revoke enterprise
//! tokens": "rotate or revoke unused and potentially compromised tokens").

use super::{client_id, generate, member, TOKENS};
use crate::support::{default_id, World};
use chrono::{DateTime, TimeDelta, Utc};
use portal_core::api::{Actor, Method};
use portal_core::model::{ApplicationToken, Change, Record, Scope};
use serde_json::{json, Value};
use Method::{Delete, Get, Post};

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn org_token(world: &World) -> (Actor, String) {
    let boot = &world.boot.organization_token;
    (world.token(&boot.token), boot.client_id.clone())
}

/// The token records a change set puts.
fn stamped(changes: &[Change]) -> Vec<&ApplicationToken> {
    changes
        .iter()
        .filter_map(|change| match change {
            Change::Put(Record::Token(token)) => Some(token),
            _ => None,
        })
        .collect()
}

/// Two reads in one minute write once (the second writes nothing at all); the next minute
/// writes again. The stamp is the minute, not the second.
#[test]
fn reads_in_one_minute_write_once_and_the_next_minute_writes_again() {
    let mut world = World::new();
    let (actor, id) = org_token(&world);
    assert_eq!(world.state.tokens[&id].last_used, None);

    world.now = at("2025-06-01T12:00:05Z");
    let first = world.attempt(&actor, Get, TOKENS, Value::Null);
    assert_eq!(first.response.status, 200);
    let tokens = stamped(&first.changes.0);
    assert_eq!(first.changes.len(), 1, "{:?}", first.changes);
    assert_eq!(tokens[0].client_id, id);
    assert_eq!(tokens[0].last_used, Some(at("2025-06-01T12:00:00Z")));
    world.state.apply(&first.changes);

    for second in ["2025-06-01T12:00:06Z", "2025-06-01T12:00:59.999Z"] {
        world.now = at(second);
        let again = world.attempt(&actor, Get, TOKENS, Value::Null);
        assert_eq!(again.response.status, 200);
        assert!(again.changes.is_empty(), "{second}: {:?}", again.changes);
    }

    world.now = at("2025-06-01T12:01:00Z");
    let next = world.attempt(&actor, Get, "/v2/currentOrg", Value::Null);
    assert_eq!(stamped(&next.changes.0)[0].last_used, Some(world.now));
    world.state.apply(&next.changes);
    assert_eq!(
        world.state.tokens[&id].last_used,
        Some(at("2025-06-01T12:01:00Z"))
    );
}

/// A write's stamp is in the write's own change set, so that both are stored in one
/// transaction; the rest of the token's record is unchanged.
#[test]
fn a_writes_stamp_is_part_of_its_change_set() {
    let mut world = World::new();
    let (actor, id) = org_token(&world);
    let before = world.state.tokens[&id].clone();
    let body = json!({"roles": [default_id("Read Only User")]});
    let outcome = world.attempt(&actor, Post, TOKENS, body);
    assert_eq!(outcome.response.status, 200);
    let tokens = stamped(&outcome.changes.0);
    assert_eq!(
        tokens.len(),
        2,
        "the new token and the stamp: {:?}",
        outcome.changes
    );
    let stamp = tokens.iter().find(|t| t.client_id == id).unwrap();
    assert_eq!(
        **stamp,
        ApplicationToken {
            last_used: Some(world.now),
            ..before
        }
    );
}

/// A refused request doesn't stamp: a refusal changes nothing (and nobody makes the server
/// write by being refused). Nor does a user's request, or one whose token revoked itself.
#[test]
fn refusals_users_and_self_revocation_leave_no_stamp() {
    let mut world = World::new();
    let admin = world.admin();
    let issued = generate(
        &mut world,
        &admin,
        json!({"roles": [default_id("Read Only User")]}),
    );
    let reader = world.token(issued["token"].as_str().unwrap());
    let forbidden = world.attempt(
        &reader,
        Post,
        TOKENS,
        json!({"roles": [default_id("Read Only User")]}),
    );
    assert_eq!(forbidden.response.status, 403);
    let (actor, own) = org_token(&world);
    let invalid = world.attempt(&actor, Post, TOKENS, json!({"roles": []}));
    assert_eq!(invalid.response.status, 400);
    let missing = world.attempt(&actor, Get, "/v2/organizations/roles/nothing", Value::Null);
    assert_eq!(missing.response.status, 404);
    for refused in [&forbidden, &invalid, &missing] {
        assert!(refused.changes.is_empty(), "{:?}", refused.changes);
    }

    let user = member(
        &mut world,
        "someone@acme.test",
        &[default_id("Read Only User")],
    );
    assert!(world
        .attempt(&user, Get, TOKENS, Value::Null)
        .changes
        .is_empty());

    world.call(&actor, Delete, &format!("{TOKENS}/{own}"), Value::Null);
    assert!(
        !world.state.tokens.contains_key(&own),
        "revoked, not stamped back"
    );
    assert!(world.state.tokens.contains_key(&client_id(&issued)));
}

/// Unused for 90 days: last used 90 days ago or more, or never used and generated 90 days ago
/// or more (a token whose job never ran is as idle as one whose job stopped); the longest idle
/// first, only the scope's own.
#[test]
fn tokens_unused_for_90_days_are_listed() {
    let mut world = World::new();
    let admin = world.admin();
    let reader = json!({"roles": [default_id("Read Only User")]});
    let org = Scope::Organization(world.org());
    let ids: Vec<String> = (0..4)
        .map(|_| client_id(&generate(&mut world, &admin, reader.clone())))
        .collect();
    let generated = world.now;
    let (boot_actor, boot) = org_token(&world);
    // ids[0] never used; ids[1] last used 10 days in; ids[2] 10 days in plus a minute;
    // ids[3] used on day 95; the boot token, used on day 95 too.
    for (id, day_minutes) in [(&ids[1], 10 * 1440), (&ids[2], 10 * 1440 + 1)] {
        let token = world.state.tokens.get_mut(id).unwrap();
        token.last_used = Some(generated + TimeDelta::minutes(day_minutes));
    }
    let day_95 = generated + TimeDelta::days(95);
    world.state.tokens.get_mut(&ids[3]).unwrap().last_used = Some(day_95);
    let names = |world: &World, now| -> Vec<String> {
        world
            .state
            .unused_tokens(&org, now)
            .into_iter()
            .map(|t| t.client_id.clone())
            .collect()
    };
    // Day 89 + 23:59: nothing yet; day 90: the never used one (and the boot token, made then).
    let day_90 = generated + TimeDelta::days(90);
    assert!(names(&world, day_90 - TimeDelta::seconds(1)).is_empty());
    let mut unused = names(&world, day_90);
    unused.sort();
    let mut expected = vec![ids[0].clone(), boot.clone()];
    expected.sort();
    assert_eq!(unused, expected);
    // Used on day 95, the boot token is not idle any more.
    world.now = day_95;
    let used = world.attempt(&boot_actor, Get, TOKENS, Value::Null);
    world.state.apply(&used.changes);
    // Day 100: ids[1] exactly 90 days after its use, ids[2] a minute short of it.
    let day_100 = generated + TimeDelta::days(100);
    assert_eq!(names(&world, day_100), [ids[0].clone(), ids[1].clone()]);
    assert_eq!(
        names(&world, day_100 + TimeDelta::minutes(1)),
        [ids[0].clone(), ids[1].clone(), ids[2].clone()]
    );
    assert!(!names(&world, day_100).contains(&boot));
    assert!(world
        .state
        .unused_tokens(&Scope::Enterprise, day_100)
        .iter()
        .all(|t| t.scope == Scope::Enterprise));
}

/// A dry run changes nothing, its token's last use included.
#[test]
fn a_dry_run_leaves_no_stamp() {
    let mut world = World::new();
    let (actor, _) = org_token(&world);
    let body = json!({"roles": [default_id("Read Only User")]});
    let dry = world.attempt(&actor, Post, &format!("{TOKENS}?dryRun=true"), body);
    assert_eq!(dry.response.status, 200, "{}", dry.response.body_text());
    assert!(dry.changes.is_empty(), "{:?}", dry.changes);
}

//! The changes feed: deletions, access changes that answer a snapshot, and a conflict's "theirs".

use super::{
    commit, demo, in_org, json_of, read_only_service_account, role_id, token, user_id, PRODUCTION,
};
use crate::support::{default_id, World};
use portal_core::api::visibility::Visibility;
use portal_core::api::{Actor, Context, Method, Request};
use portal_core::model::{Change, Collection, Entropy, SeededEntropy};
use portal_core::store::{Backend, MemoryStore};
use portal_core::sync::{feed, Mutation};
use serde_json::json;

/// A changed record the actor may not read goes as a Delete: a Read Only Service Account that
/// follows the feed is told the card changed, and never what it is.
#[test]
fn a_changed_record_the_actor_may_not_read_goes_as_a_delete() {
    let mut world = demo();
    let admin = world.admin();
    let ro = read_only_service_account(&mut world);
    let start = feed(&world.state, &ro, 0).unwrap();
    let card = json!({"brand": "Visa", "last4": "1881", "expires": "12/30"});
    let put = commit(
        &mut world,
        &admin,
        Method::Put,
        "/v2/organizations/billing/payment-method",
        card,
    );
    assert_eq!(put.status, 200, "{}", put.body_text());
    let next = feed(&world.state, &ro, start.revision).unwrap();
    assert!(!next.snapshot);
    assert!(!next.changes.is_empty());
    for change in &next.changes {
        assert!(
            matches!(change, Change::Delete(key) if matches!(key.collection, Collection::Billing | Collection::Audit)),
            "{change:?}"
        );
    }
    assert!(!serde_json::to_string(&next).unwrap().contains("1881"));
    // The administrator who may read it gets it.
    let dana = feed(&world.state, &admin, start.revision).unwrap();
    assert!(serde_json::to_string(&dana).unwrap().contains("1881"));
}

/// Gives the user at `target` (its roles' path) the one default role `role`, committed.
fn set_role(world: &mut World, admin: &Actor, target: &str, role: &str) {
    let roles = json!({"roles": [default_id(role)]});
    let response = commit(world, admin, Method::Put, target, roles);
    assert_eq!(response.status, 204, "{}", response.body_text());
}

/// Access changes both ways: a user given Organization Administrator gets a snapshot with what
/// it may now read, and a snapshot without it once the role is taken back.
#[test]
fn a_change_of_the_actors_own_roles_answers_a_snapshot() {
    let mut world = demo();
    let admin = world.admin();
    let raj = in_org(&world, "raj.dev@acme.example", PRODUCTION);
    let target = format!("/v2/organizations/users/{}/roles", raj.id());
    let start = feed(&world.state, &raj, 0).unwrap();
    let mut copy = start.apply_to(None).unwrap();
    // Seed 001's Read/Write User: no org-billing-read, no org-token-read.
    assert!(copy.billing.is_empty() && copy.tokens.is_empty());

    set_role(&mut world, &admin, &target, "Organization Administrator");
    let promoted = feed(&world.state, &raj, start.revision).unwrap();
    assert!(promoted.snapshot);
    copy = promoted.apply_to(Some(copy)).unwrap();
    assert_eq!(copy, Visibility::of(&world.state, &raj).state());
    assert!(!copy.billing.is_empty() && !copy.tokens.is_empty());

    set_role(&mut world, &admin, &target, "Read/Write User");
    let demoted = feed(&world.state, &raj, promoted.revision).unwrap();
    assert!(demoted.snapshot);
    copy = demoted.apply_to(Some(copy)).unwrap();
    assert!(copy.billing.is_empty() && copy.tokens.is_empty());
    assert_eq!(copy, Visibility::of(&world.state, &raj).state());
}

/// A held custom role's new definition decides what its holder reads: a snapshot.
#[test]
fn an_edit_of_a_held_role_answers_a_snapshot_and_other_edits_do_not() {
    let mut world = demo();
    let admin = world.admin();
    let tom = in_org(&world, "tom.orders@acme.example", PRODUCTION);
    let editor = role_id(&world, "Orders Keyspace Editor");
    let start = feed(&world.state, &tom, 0).unwrap();
    let org = world.org();
    let body = json!({"name": "Other", "policy": {"description": "o", "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")], "actions": ["org-read"]}});
    commit(
        &mut world,
        &admin,
        Method::Post,
        "/v2/organizations/roles",
        body,
    );
    let other = feed(&world.state, &tom, start.revision).unwrap();
    assert!(!other.snapshot, "{other:?}");
    let mut policy = world.state.roles[&editor].role.clone();
    policy.policy.actions = [portal_core::rbac::Permission::parse("org-db-view").unwrap()]
        .into_iter()
        .collect();
    let body = json!({"name": "Orders Keyspace Editor", "policy": {"description": "e",
        "effect": "allow", "resources": policy.policy.resources.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "actions": ["org-db-view"]}});
    let edited = commit(
        &mut world,
        &admin,
        Method::Put,
        &format!("/v2/organizations/roles/{editor}"),
        body,
    );
    assert_eq!(edited.status, 200, "{}", edited.body_text());
    let after = feed(&world.state, &tom, other.revision).unwrap();
    assert!(after.snapshot);
}

/// A 409's "theirs" holds only what the actor may read: a token that may delete roles but not
/// read users is told a user changed, and not what the user's record now holds.
#[test]
fn a_conflict_shows_theirs_as_the_actor_may_read_it() {
    let mut world = demo();
    let admin = world.admin();
    let org = world.org();
    let role = |name: &str, actions: &[&str]| {
        json!({"name": name, "policy": {"description": name, "effect": "allow",
            "resources": [format!("drn:astra:org:{org}")], "actions": actions}})
    };
    let doomed = world.expect(
        201,
        &admin,
        Method::Post,
        "/v2/organizations/roles",
        role("Doomed", &["org-read"]),
    )["ID"]
        .as_str()
        .unwrap()
        .to_owned();
    let keeper = world.expect(
        201,
        &admin,
        Method::Post,
        "/v2/organizations/roles",
        role(
            "Role keeper",
            &[
                "org-read",
                "org-role-read",
                "org-role-write",
                "org-role-delete",
            ],
        ),
    )["ID"]
        .as_str()
        .unwrap()
        .to_owned();
    let raj = user_id(&world, "raj.dev@acme.example");
    let roles = json!({"roles": [default_id("Read/Write User"), doomed]});
    world.expect(
        204,
        &admin,
        Method::Put,
        &format!("/v2/organizations/users/{raj}/roles"),
        roles,
    );
    let (_, keeper) = token(&mut world, &admin, &[&keeper], "keeper");

    let state = world.state.clone();
    let (mut server, _) =
        futures_executor::block_on(Backend::open(MemoryStore::default(), || state)).unwrap();
    let mut entropy = SeededEntropy::new(3);
    let now = world.now;
    let mut send =
        |server: &mut Backend<MemoryStore>, actor: &Actor, request: Request, mutation: Mutation| {
            let mut ctx = Context::new(now, &mut entropy as &mut dyn Entropy);
            futures_executor::block_on(server.mutate(actor, &request, &mutation, &mut ctx))
        };
    let base = server.state().sync.revision();
    // Dana, on another client, changes Raj's roles.
    let renamed = send(
        &mut server,
        &admin,
        Request::new(
            Method::Put,
            &format!("/v2/organizations/users/{raj}/roles"),
            json!({"roles": [default_id("Read Only User"), doomed]}).to_string(),
        ),
        Mutation {
            client_id: "dana".into(),
            number: 1,
            base,
        },
    );
    assert_eq!(renamed.status, 204, "{}", renamed.body_text());
    // The keeper deletes the role from a copy made before: Raj's record is stale.
    let answer = send(
        &mut server,
        &keeper,
        Request::new(
            Method::Delete,
            &format!("/v2/organizations/roles/{doomed}"),
            String::new(),
        ),
        Mutation {
            client_id: "keeper".into(),
            number: 1,
            base,
        },
    );
    assert_eq!(answer.status, 409, "{}", answer.body_text());
    let body = json_of(&answer);
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains(&format!("users/{raj}")), "{message}");
    let email = "raj.dev@acme.example";
    assert!(!body.to_string().contains(email), "{body}");
    assert!(body["theirs"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["key"] != json!(format!("users/{raj}"))));
}

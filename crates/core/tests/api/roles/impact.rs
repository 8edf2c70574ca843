//! What a role change would do, asked before it is made (`?dryRun=true`): seed 004, "Edit a
//! custom role": "consider the effects that your changes can have on existing tokens and users
//! assigned to that role".

use super::{create_org_role, member, org_role, org_scope, ROLES};
use crate::support::{assert_refusal, codes::*, default_id, World};
use portal_core::api::{Actor, Method};
use serde_json::{json, Value};
use Method::{Delete, Post, Put};

/// A custom role with `actions`, held by a user and a token; returns the role's ID.
fn held_role(world: &mut World, actions: &[&str]) -> String {
    let admin = world.admin();
    let id = create_org_role(world, &admin, "Loaders", actions);
    let scope = org_scope(world);
    member(world, "loader@acme.test", &scope, &[&id]);
    let body = json!({"roles": [id], "description": "nightly load"});
    world.expect(200, &admin, Post, "/v2/tokens", body);
    id
}

/// The principals of an impact as (kind, name, gained, lost) with each grant as
/// "permission on resource".
fn principals(impact: &Value) -> Vec<(String, String, Vec<String>, Vec<String>)> {
    let grants = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|g| {
                format!(
                    "{} on {}",
                    g["permission"].as_str().unwrap(),
                    g["resource"].as_str().unwrap()
                )
            })
            .collect()
    };
    impact["principals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_owned(),
                p["name"].as_str().unwrap().to_owned(),
                grants(&p["gains"]),
                grants(&p["loses"]),
            )
        })
        .collect()
}

fn dry(world: &mut World, actor: &Actor, method: Method, path: &str, body: Value) -> Value {
    let before = world.state.clone();
    let impact = world.expect(200, actor, method, &format!("{path}?dryRun=true"), body);
    assert_eq!(world.state, before, "a dry run changes nothing");
    assert_eq!(impact["dryRun"], true);
    assert!(impact["note"].as_str().unwrap().contains("seed 004"));
    impact
}

#[test]
fn removing_a_permission_shows_each_holder_losing_it_before_it_is_saved() {
    let mut world = World::new();
    let id = held_role(&mut world, &["org-db-view", "db-keyspace-create"]);
    let org = world.org();
    let admin = world.admin();
    let path = format!("{ROLES}/{id}");
    let body = org_role(&world, "Loaders", &["org-db-view"]);
    let impact = dry(&mut world, &admin, Put, &path, body);
    assert_eq!(impact["status"], 200);
    // A keyspace permission counts on the organization too (the evaluator's `applicable`).
    let lost = vec![
        format!("db-keyspace-create on drn:astra:org:{org}"),
        format!("db-keyspace-create on drn:astra:org:{org}:db:*"),
    ];
    assert_eq!(
        principals(&impact),
        [
            (
                "user".to_owned(),
                "loader@acme.test".to_owned(),
                vec![],
                lost.clone()
            ),
            ("token".to_owned(), "nightly load".to_owned(), vec![], lost),
        ]
    );

    // Adding one shows it gained; the unchanged permission appears on neither side.
    let body = org_role(
        &world,
        "Loaders",
        &["org-db-view", "db-keyspace-create", "db-table-create"],
    );
    let impact = dry(&mut world, &admin, Put, &path, body);
    for (_, _, gains, loses) in principals(&impact) {
        assert_eq!(
            gains,
            [format!("db-table-create on drn:astra:org:{org}:db:*")]
        );
        assert!(loses.is_empty());
    }
}

/// Seed 004, "Delete a custom role": "Deleting a custom role removes it from all users and
/// application tokens it is assigned to." What another role still gives is not lost.
#[test]
fn deleting_a_role_shows_what_its_holders_lose_and_not_what_they_keep() {
    let mut world = World::new();
    let id = held_role(&mut world, &["org-db-view", "db-keyspace-create"]);
    let org = world.org();
    let scope = org_scope(&world);
    member(
        &mut world,
        "reader@acme.test",
        &scope,
        &[&id, default_id("Read Only User")],
    );
    let admin = world.admin();
    let impact = dry(
        &mut world,
        &admin,
        Delete,
        &format!("{ROLES}/{id}"),
        Value::Null,
    );
    assert_eq!(impact["status"], 204);
    let listed = principals(&impact);
    let reader = listed.iter().find(|p| p.1 == "reader@acme.test").unwrap();
    // Read Only User keeps org-db-view on every database.
    assert!(
        reader
            .3
            .iter()
            .all(|lost| lost.starts_with("db-keyspace-create on ")),
        "{reader:?}"
    );
    let loader = listed.iter().find(|p| p.1 == "loader@acme.test").unwrap();
    assert!(
        loader
            .3
            .contains(&format!("org-db-view on drn:astra:org:{org}:db:*")),
        "{loader:?}"
    );
    assert_eq!(listed.len(), 3, "{listed:?}");
}

#[test]
fn changing_a_users_roles_shows_that_user_gaining_and_losing() {
    let mut world = World::new();
    let scope = org_scope(&world);
    let dev = member(
        &mut world,
        "dev@acme.test",
        &scope,
        &[default_id("Read Only User")],
    );
    let admin = world.admin();
    let path = format!("/v2/organizations/users/{}/roles", dev.id());
    let body = json!({"roles": [default_id("Read/Write User")]});
    let impact = dry(&mut world, &admin, Put, &path, body);
    let listed = principals(&impact);
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].1, "dev@acme.test");
    assert!(
        !listed[0].2.is_empty(),
        "Read/Write User gives more than Read Only User"
    );
}

/// The dry run passes the same gate and checks as the change: no permission, no dry run; an
/// escalation is refused before anything is computed. And nobody reads what they may not: holders
/// the actor may not list are only counted.
#[test]
fn a_dry_run_is_refused_as_the_change_would_be_and_lists_only_what_the_actor_may_read() {
    let mut world = World::new();
    let id = held_role(&mut world, &["org-db-view"]);
    let path = format!("{ROLES}/{id}");
    let scope = org_scope(&world);
    let reader = member(
        &mut world,
        "ro@acme.test",
        &scope,
        &[default_id("Read Only User")],
    );
    let body = org_role(&world, "Loaders", &[]);
    let refused = world.expect(403, &reader, Put, &format!("{path}?dryRun=true"), body);
    assert_refusal(&refused, FORBIDDEN, "org-role-write");

    let admin = world.admin();
    let role_writer_role = create_org_role(
        &mut world,
        &admin,
        "Role writers",
        &["org-role-write", "org-db-view", "org-role-read"],
    );
    let writer = member(&mut world, "roles@acme.test", &scope, &[&role_writer_role]);
    let escalating = org_role(&world, "Loaders", &["org-db-view", "org-token-write"]);
    world.expect(
        403,
        &writer,
        Put,
        &format!("{path}?dryRun=true"),
        escalating,
    );

    let narrowing = org_role(&world, "Loaders", &["org-role-read"]);
    let impact = dry(&mut world, &writer, Put, &path, narrowing);
    assert!(
        impact["principals"].as_array().unwrap().is_empty(),
        "{impact}"
    );
    assert_eq!(impact["unlisted"], 2, "the user and the token, counted");
}

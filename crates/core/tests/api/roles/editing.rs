//! Editing and deleting custom roles; default roles are never either.

use super::{create, create_org_role, member, org_role, org_scope, ROLES};
use crate::support::{assert_mentions, assert_refusal, codes::*, default_id, error_id, World};
use portal_core::api::{Actor, Method};
use portal_core::model::{check_invariants, MemberStatus, Membership, Scope};
use serde_json::{json, Value};
use Method::{Delete, Get, Post, Put};

/// The state keeps every rule of `model::invariants` (no role left dangling, unique names).
fn assert_sound(world: &World) {
    let problems = check_invariants(&world.state);
    assert!(problems.is_empty(), "{problems:?}");
}

fn audit_actions(world: &World) -> Vec<&str> {
    world
        .state
        .audit
        .values()
        .map(|a| a.action.as_str())
        .collect()
}

/// seed 004, "Default roles": "You can't edit or delete default roles."
#[test]
fn default_roles_are_never_edited_or_deleted() {
    let mut world = World::new();
    let admin = world.admin();
    let path = format!("{ROLES}/{}", default_id("Read Only User"));
    let fetched = world.get(200, &admin, &path);
    assert_eq!(fetched["Name"], "Read Only User");

    let refused = world.expect(
        400,
        &admin,
        Put,
        &path,
        org_role(&world, "Mine now", &["org-read"]),
    );
    assert_refusal(
        &refused,
        DEFAULT_ROLE,
        "default roles can't be edited or deleted",
    );
    let refused = world.bodiless(400, &admin, Delete, &path);
    assert_eq!(error_id(&refused), DEFAULT_ROLE);

    let enterprise = world.enterprise_admin();
    let path = format!("{ROLES}/{}", default_id("Enterprise Administrator"));
    let refused = world.bodiless(400, &enterprise, Delete, &path);
    assert_eq!(error_id(&refused), DEFAULT_ROLE);
}

/// seed 004, "Edit a custom role": "Modify the role's name and permissions as necessary, and
/// then click Edit Role." The edit keeps the ID, records who made it and when, and is audited.
#[test]
fn a_custom_role_is_edited_in_place() {
    let mut world = World::new();
    let admin = world.admin();
    let id = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);
    world.now = "2025-06-02T08:30:00.5Z".parse().unwrap();
    let token = world.token(&world.boot.organization_token.token.clone());
    let body = org_role(
        &world,
        "Auditors and readers",
        &["org-audits-read", "org-read"],
    );
    let role = world.expect(200, &token, Put, &format!("{ROLES}/{id}"), body);
    assert_eq!(role["ID"], id.as_str());
    assert_eq!(role["Name"], "Auditors and readers");
    assert_eq!(role["last_update_datetime"], "2025-06-02T08:30:00.500Z");
    assert_eq!(
        role["last_update_userid"],
        world.boot.organization_token.client_id
    );
    assert_eq!(world.state.roles.len(), 1);
    assert_eq!(world.state.roles[&id].role.name, "Auditors and readers");
    assert_eq!(audit_actions(&world), ["role.create", "role.update"]);

    let refused = world.expect(
        400,
        &admin,
        Put,
        &format!("{ROLES}/{id}"),
        org_role(&world, "A", &["org-db-veiw"]),
    );
    assert_mentions(&refused, "org-db-view");
}

/// A role that isn't in the actor's scope is as good as absent: a 404.
#[test]
fn an_unknown_role_is_not_found() {
    let mut world = World::new();
    let admin = world.admin();
    let body = org_role(&world, "Ghost", &["org-read"]);
    for (method, body) in [(Get, Value::Null), (Put, body), (Delete, Value::Null)] {
        let refused = world.expect(404, &admin, method, &format!("{ROLES}/nope"), body);
        assert_eq!(error_id(&refused), NOT_FOUND);
    }
    // An enterprise default role is not an organization's.
    let path = format!("{ROLES}/{}", default_id("Enterprise Administrator"));
    world.get(404, &admin, &path);
}

/// seed 004, "Delete a custom role": "Deleting a custom role removes it from all users and
/// application tokens it is assigned to."
#[test]
fn deleting_a_custom_role_removes_it_from_users_and_tokens() {
    let mut world = World::new();
    let admin = world.admin();
    let scope = org_scope(&world);
    let id = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);
    let reader = default_id("Read Only User");
    let both = member(&mut world, "both@acme.test", &scope, &[reader, &id]);
    let only = member(&mut world, "only@acme.test", &scope, &[&id]);
    let other = member(&mut world, "other@acme.test", &scope, &[reader]);
    world
        .state
        .users
        .get_mut(only.user_id().unwrap())
        .unwrap()
        .set_membership(
            &scope,
            Some(Membership {
                status: MemberStatus::Invited,
                roles: vec![id.clone()],
                expires: None,
            }),
        );
    let body = json!({"roles": [reader, id]});
    let token = world.expect(200, &admin, Post, "/v2/tokens", body);
    let client_id = token["clientId"].as_str().unwrap().to_owned();
    let untouched_token = world.boot.organization_token.client_id.clone();
    let before_other = world.state.users[other.user_id().unwrap()].clone();

    world.bodiless(204, &admin, Delete, &format!("{ROLES}/{id}"));
    assert!(!world.state.roles.contains_key(&id));
    let roles_of = |actor: &Actor| {
        world.state.users[actor.user_id().unwrap()]
            .membership(&scope)
            .unwrap()
            .roles
            .clone()
    };
    assert_eq!(roles_of(&both), [reader]);
    assert!(roles_of(&only).is_empty());
    assert_eq!(world.state.users[other.user_id().unwrap()], before_other);
    assert_eq!(world.state.tokens[&client_id].roles, [reader]);
    assert_eq!(
        world.state.tokens[&untouched_token].roles,
        [default_id("Organization Administrator")]
    );

    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "role.delete");
    let mut targets = entry.targets.clone();
    targets.sort();
    let mut expected = vec![
        id.clone(),
        both.user_id().unwrap().to_owned(),
        only.user_id().unwrap().to_owned(),
        client_id,
    ];
    expected.sort();
    assert_eq!(targets, expected);
    world.get(404, &admin, &format!("{ROLES}/{id}"));
    assert_sound(&world);
}

/// seed 000, "Manage enterprise roles": "To delete a custom role, click More, and then select
/// Delete Role. The role is removed from all users and tokens that it was assigned to."
#[test]
fn deleting_an_enterprise_role_removes_it_from_enterprise_users_and_tokens() {
    let mut world = World::new();
    let enterprise = world.enterprise_admin();
    let ent = world.state.enterprise.id.clone();
    let body = json!({"name": "Billing Watchers", "policy": {
        "description": "", "resources": [format!("drn:astra:ent:{ent}")],
        "actions": ["ent-billing-read"], "effect": "allow"}});
    let id = create(&mut world, &enterprise, body);
    let watcher = member(&mut world, "watch@acme.test", &Scope::Enterprise, &[&id]);
    let token = world.expect(200, &enterprise, Post, "/v2/tokens", json!({"roles": [id]}));
    let client_id = token["clientId"].as_str().unwrap().to_owned();

    world.bodiless(204, &enterprise, Delete, &format!("{ROLES}/{id}"));
    let user = &world.state.users[watcher.user_id().unwrap()];
    assert!(user.enterprise.as_ref().unwrap().roles.is_empty());
    assert!(world.state.tokens[&client_id].roles.is_empty());
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.scope, Scope::Enterprise);
    assert_eq!(entry.targets.len(), 3);
    assert_sound(&world);
}

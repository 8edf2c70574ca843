//! A database's token: its database administrator role, scoped to that database.

use std::collections::BTreeMap;

use super::{client_id, enterprise_token, member};
use crate::support::{
    assert_mentions, assert_refusal, codes::*, default_id, error_id, keys, World,
};
use portal_core::api::Method;
use portal_core::model::{check_invariants, Database, Lifecycle, Scope};
use portal_core::rbac::{DatabaseKeyspaces, DefaultRole, Keyspaces, ResourceScope, Role};
use serde_json::json;
use Method::{Post, Put};

fn database(world: &mut World, org: &str, id: &str, name: &str) {
    let db = Database {
        id: id.to_owned(),
        org_id: org.to_owned(),
        owner_id: world.boot.user_id.clone(),
        name: name.to_owned(),
        cloud_provider: "AWS".into(),
        region: "us-east-1".into(),
        keyspaces: BTreeMap::new(),
        created_at: world.now,
        tier: "serverless".into(),
        capacity_units: 1,
        db_type: None,
        lifecycle: Lifecycle::Active,
        access_list: Default::default(),
        datacenters: Vec::new(),
        private_links: Default::default(),
    };
    world.state.databases.insert(id.to_owned(), db);
}

/// A world whose first organization has the database `db-1` with the keyspace `orders`.
fn world_with_orders_db() -> World {
    let mut world = World::new();
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    world
}

/// seed 004, "View roles": "When you create an application token from a database's Overview
/// tab, Astra DB automatically creates a custom role based on the Database Administrator default
/// role that is scoped to that database. These roles are named DATABASE_NAME Database
/// Administrator, and you can edit them like any other custom role."
#[test]
fn a_databases_token_gets_a_database_administrator_role_scoped_to_it() {
    let mut world = world_with_orders_db();
    let admin = world.admin();
    let org = world.org();
    let path = "/v2/databases/db-1/tokens";
    let body = json!({"description": "orders app"});
    let body = world.expect(200, &admin, Post, path, body);
    assert_eq!(
        keys(&body),
        [
            "clientId",
            "description",
            "generatedOn",
            "orgId",
            "role",
            "roles",
            "secret",
            "token"
        ]
    );
    let role = &body["role"];
    assert_eq!(role["Name"], "orders Database Administrator");
    let role_id = role["ID"].as_str().unwrap().to_owned();
    assert_eq!(body["roles"], json!([role_id]));
    assert_eq!(body["token"].as_str().unwrap().len(), 97);
    assert_eq!(
        role["Policy"]["resources"],
        json!([
            format!("drn:astra:org:{org}"),
            format!("drn:astra:org:{org}:db:db-1"),
            format!("drn:astra:org:{org}:db:db-1:keyspace:*"),
            format!("drn:astra:org:{org}:db:db-1:keyspace:*:table:*"),
        ])
    );
    let administrator =
        Role::from_default(DefaultRole::find("Database Administrator").unwrap(), &org);
    assert_eq!(
        world.state.roles[&role_id].role.policy.actions,
        administrator.policy.actions
    );
    assert_eq!(role["last_update_userid"], world.boot.user_id);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "token.generate");
    assert_eq!(entry.targets, [client_id(&body), role_id.clone()]);
    let actor = world.token(body["token"].as_str().unwrap());
    assert_eq!(actor.scope, Scope::Organization(org.clone()));

    // Edited like any custom role, and then reused as it is.
    let edited = json!({"name": "orders Database Administrator", "policy": {"description": "",
        "effect": "allow", "resources": [format!("drn:astra:org:{org}:db:db-1")], "actions": ["org-db-view"]}});
    world.expect(
        200,
        &admin,
        Put,
        &format!("/v2/organizations/roles/{role_id}"),
        edited,
    );
    let again = world.bodiless(200, &admin, Post, path);
    assert_eq!(again["role"]["ID"], role_id.as_str());
    assert_eq!(again["role"]["Policy"]["actions"], json!(["org-db-view"]));
    assert_eq!(world.state.roles.len(), 1);
    assert_eq!(
        world.state.audit.values().last().unwrap().targets[1],
        role_id
    );
    assert!(check_invariants(&world.state).is_empty());
}

/// seed 004, "View roles": the database's role is "scoped to that database", future keyspaces
/// included, and "you can edit them like any other custom role": its resources read back as the
/// scope form's whole-database choice, so the page's role editor can edit them.
#[test]
fn a_databases_role_reads_back_as_the_whole_database() {
    let mut world = world_with_orders_db();
    let admin = world.admin();
    let org = world.org();
    let body = world.bodiless(200, &admin, Post, "/v2/databases/db-1/tokens");
    let role = &world.state.roles[body["role"]["ID"].as_str().unwrap()].role;
    let scope = ResourceScope::from_drns(&org, &role.policy.resources);
    assert_eq!(
        scope,
        Some(ResourceScope::Specific(vec![DatabaseKeyspaces {
            database: "db-1".into(),
            keyspaces: Keyspaces::All,
        }]))
    );
}

/// seed 004: "Write Custom Role (org-role-write): Create and manage custom roles": making the
/// database's role needs it besides Write Token; reusing it does not.
#[test]
fn making_a_databases_role_needs_the_custom_role_permission() {
    let mut world = world_with_orders_db();
    let dba = member(
        &mut world,
        "dba@acme.test",
        &[default_id("Database Administrator")],
    );
    let path = "/v2/databases/db-1/tokens";
    let refused = world.bodiless(403, &dba, Post, path);
    assert_mentions(&refused, "org-role-write");
    let admin = world.admin();
    world.bodiless(200, &admin, Post, path);
    world.bodiless(200, &dba, Post, path);
    let reader = member(&mut world, "ro@acme.test", &[default_id("Read Only User")]);
    let refused = world.bodiless(403, &reader, Post, path);
    assert_mentions(&refused, "org-token-write");
}

/// seed 000, "Manage your enterprise": "you can't use an enterprise token for database
/// operations, but you can create an application token to interact with databases in a specific
/// organization."
#[test]
fn an_enterprise_token_cant_make_a_databases_token() {
    let mut world = world_with_orders_db();
    let enterprise = enterprise_token(&world);
    let refused = world.bodiless(403, &enterprise, Post, "/v2/databases/db-1/tokens");
    assert_refusal(&refused, FORBIDDEN, "organization application token");
}

/// A database of another organization is not this organization's: a 404, as for an unknown one.
#[test]
fn a_database_outside_the_organization_is_not_found() {
    let mut world = World::new();
    let ops = world.second_organization();
    database(&mut world, &ops, "db-ops", "ledger");
    let admin = world.admin();
    for path in ["/v2/databases/db-ops/tokens", "/v2/databases/nope/tokens"] {
        let refused = world.bodiless(404, &admin, Post, path);
        assert_eq!(error_id(&refused), NOT_FOUND);
    }
    // A body the endpoint doesn't take is refused once the database is found.
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    let request = json!({"roles": []});
    let refused = world.expect(400, &admin, Post, "/v2/databases/db-1/tokens", request);
    assert_eq!(error_id(&refused), INVALID_FIELD);
}

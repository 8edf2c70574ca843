//! Keyspaces and tables, within what the actor's roles reach.

use super::{add_keyspace, create_db, custom_role, token};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, World};
use portal_core::api::{Body, Method};
use portal_core::rbac::Drn;
use serde_json::{json, Value};

/// seed 004, "Keyspace permissions": "Create All Keyspaces (db-all-keyspace-create): Create
/// keyspaces programmatically" and "Create Keyspace (db-keyspace-create): Create a keyspace in
/// the Astra Portal": either one lets a principal create a keyspace.
#[test]
fn a_keyspace_is_created_with_either_create_permission() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let org = world.org();
    let on_db = || vec![Drn::database(&org, &id)];
    let programmatic = custom_role(
        &mut world,
        "All keyspaces",
        &["db-all-keyspace-create"],
        on_db(),
    );
    let portal = custom_role(&mut world, "Keyspace", &["db-keyspace-create"], on_db());
    let neither = custom_role(&mut world, "Viewer", &["org-db-view"], on_db());
    let path = |ks: &str| format!("/v2/databases/{id}/keyspaces/{ks}");

    for (role, keyspace) in [(programmatic, "first"), (portal, "second")] {
        let principal = token(&mut world, &[role]);
        let created = world.bodiless(201, &principal, Method::Post, &path(keyspace));
        assert!(created["tables"][keyspace].is_array(), "{created}");
        assert_eq!(created["status"], "MAINTENANCE");
        world.wait_out_database_steps(1);
    }
    let viewer = token(&mut world, &[neither]);
    let refused = world.bodiless(403, &viewer, Method::Post, &path("third"));
    assert_mentions(&refused, "db-all-keyspace-create");
    let keyspaces: Vec<&String> = world.state.databases[&id].keyspaces.keys().collect();
    assert_eq!(keyspaces, ["first", "orders", "second"]);
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.keyspace.create"
    );
}

/// Keyspace names are CQL identifiers, unique in their database.
#[test]
fn keyspace_creation_checks_the_name_and_the_database() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    let path = |ks: &str| format!("/v2/databases/{id}/keyspaces/{ks}");
    let taken = world.bodiless(409, &admin, Method::Post, &path("orders"));
    assert_eq!(error_id(&taken), NAME_TAKEN);
    // addKeyspace: "422: The structured data in the request could not be parsed".
    let bad = world.bodiless(422, &admin, Method::Post, &path("_hidden"));
    assert_refusal(&bad, UNPROCESSABLE, "CQL identifier");
    world.bodiless(404, &admin, Method::Post, "/v2/databases/nope/keyspaces/ks");
}

/// seed 004, "Drop Keyspace (db-keyspace-drop): Remove a keyspace", checked on the keyspace:
/// "Scopes restrict all permissions for the role, wherever applicable." The spec's dropKeyspace:
/// "202: dropped", "204: no keyspace found to delete", 422 for a name that can't be a keyspace's.
#[test]
fn dropping_a_keyspace_needs_drop_keyspace_on_it() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    let path = |ks: &str| format!("/v2/databases/{id}/keyspaces/{ks}");
    world.bodiless(201, &admin, Method::Post, &path("archive"));
    world.wait_out_database_steps(1);
    let org = world.org();
    let role = custom_role(
        &mut world,
        "Archive dropper",
        &["db-keyspace-drop"],
        vec![Drn::keyspace(&org, &id, "archive")],
    );
    let dropper = token(&mut world, &[role]);
    let refused = world.bodiless(403, &dropper, Method::Delete, &path("orders"));
    assert_mentions(&refused, "db-keyspace-drop");
    let dropped = world.call(&dropper, Method::Delete, &path("archive"), Value::Null);
    assert_eq!(
        (dropped.status, &dropped.body),
        (202, &Body::Empty),
        "{}",
        dropped.body_text()
    );
    assert!(!world.state.databases[&id].keyspaces.contains_key("archive"));
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.keyspace.drop"
    );

    // Nothing to drop: a 204 that changes nothing and records nothing.
    let outcome = world.attempt(&admin, Method::Delete, &path("archive"), Value::Null);
    assert_eq!(outcome.response.status, 204, "{:?}", outcome.response);
    assert_eq!(outcome.response.body, Body::Empty);
    assert!(outcome.changes.is_empty(), "{:?}", outcome.changes);

    let bad = world.bodiless(422, &admin, Method::Delete, &path("not-a-name"));
    assert_refusal(&bad, UNPROCESSABLE, "CQL identifier");
    // The database itself must exist.
    let missing = world.bodiless(
        404,
        &admin,
        Method::Delete,
        "/v2/databases/nope/keyspaces/archive",
    );
    assert_eq!(error_id(&missing), NOT_FOUND);
}

/// seed 004, "Table permissions": "Create Table (db-table-create): Create a table" and "Drop
/// Table (db-table-drop): Delete a table"; a scope of specific keyspaces includes "all existing
/// and future tables in the selected keyspaces".
#[test]
fn tables_are_created_and_dropped_within_the_roles_keyspaces() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    add_keyspace(&mut world, &id, "archive");
    let org = world.org();
    let role = custom_role(
        &mut world,
        "Orders tables",
        &["db-table-create", "db-table-drop"],
        vec![Drn::table(&org, &id, "orders", "*")],
    );
    let principal = token(&mut world, &[role]);
    let table = |ks: &str, t: &str| format!("/v2/databases/{id}/keyspaces/{ks}/tables/{t}");

    let created = world.bodiless(201, &principal, Method::Post, &table("orders", "items"));
    assert_eq!(created["tables"]["orders"], json!(["items"]));
    let refused = world.bodiless(403, &principal, Method::Post, &table("archive", "items"));
    assert_mentions(&refused, "db-table-create");
    let taken = world.bodiless(409, &principal, Method::Post, &table("orders", "items"));
    assert_eq!(error_id(&taken), NAME_TAKEN);
    world.bodiless(400, &principal, Method::Post, &table("orders", "bad-name"));
    world.bodiless(404, &admin, Method::Post, &table("nowhere", "items"));

    world.bodiless(204, &principal, Method::Delete, &table("orders", "items"));
    assert_eq!(
        world.state.databases[&id].keyspaces["orders"],
        Vec::<String>::new()
    );
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.table.drop"
    );
    let missing = world.bodiless(404, &principal, Method::Delete, &table("orders", "items"));
    assert_eq!(error_id(&missing), NOT_FOUND);
}

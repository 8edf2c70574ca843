//! The database inventory endpoints (`/v2/databases/...`) and the audit logs
//! (`/v2/organizations/audits`, `/v2/enterprises/audits`), through `api::handle` as a host calls
//! it. Database changes are what make most audit entries, so the audit log's tests live here.

use crate::support::{codes::*, error_id, error_message, keys, World};
use portal_core::api::{Actor, Body, Method};
use portal_core::model::entropy::uuid;
use portal_core::model::{
    ApplicationToken, AuditEntry, Credentials, MemberStatus, Membership, Scope, StoredRole, User,
};
use portal_core::rbac::{Drn, Permission, Policy, Role};
use serde_json::{json, Value};

fn db_body(name: &str) -> Value {
    json!({"name": name, "cloudProvider": "aws", "region": "us-east-1", "keyspace": "orders"})
}

/// Adds a database as the administrator and returns its ID.
fn create_db(world: &mut World, name: &str) -> String {
    let admin = world.admin();
    let body = world.expect(201, &admin, Method::Post, "/v2/databases", db_body(name));
    body["id"].as_str().unwrap().to_owned()
}

/// Stores a custom role of the first organization and returns its ID.
fn custom_role(world: &mut World, name: &str, actions: &[&str], resources: Vec<Drn>) -> String {
    let id = uuid(&mut world.entropy);
    let policy = Policy {
        description: name.to_owned(),
        actions: actions
            .iter()
            .map(|a| Permission::parse(a).unwrap())
            .collect(),
        resources,
    };
    let stored = StoredRole {
        role: Role::new(id.clone(), name, policy).unwrap(),
        scope: Scope::Organization(world.org()),
        last_update_datetime: world.now,
        last_update_userid: world.boot.user_id.clone(),
    };
    world.state.roles.insert(id.clone(), stored);
    id
}

/// Adds a user of the first organization with these roles and returns the user acting there.
fn member(world: &mut World, email: &str, roles: &[String], status: MemberStatus) -> Actor {
    let id = uuid(&mut world.entropy);
    let membership = Membership {
        status,
        roles: roles.to_vec(),
    };
    world.state.users.insert(
        id.clone(),
        User {
            id: id.clone(),
            email: email.to_owned(),
            organizations: [(world.org(), membership)].into(),
            enterprise: None,
        },
    );
    world.user(&id, Scope::Organization(world.org()))
}

/// Adds an organization application token with these roles and returns the actor it
/// authenticates as.
fn token(world: &mut World, roles: &[String]) -> Actor {
    let credentials = Credentials::generate(&mut world.entropy);
    world.state.tokens.insert(
        credentials.client_id.clone(),
        ApplicationToken {
            client_id: credentials.client_id.clone(),
            hash: credentials.hash(),
            roles: roles.to_vec(),
            scope: Scope::Organization(world.org()),
            description: "test token".into(),
            generated_on: world.now,
            generated_by: world.boot.user_id.clone(),
        },
    );
    world.token(&credentials.token)
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|db| db["info"]["name"].as_str().unwrap())
        .collect()
}

/// seed 000, "Enterprise RBAC": "you can't use an enterprise token for database operations, but
/// you can create an application token to interact with databases in a specific organization."
#[test]
fn an_enterprise_token_is_refused_on_database_operations() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let enterprise_token = world.token(&world.boot.enterprise_token.token.clone());
    let enterprise_user = world.enterprise_admin();
    let db = format!("/v2/databases/{id}");
    let keyspace = format!("{db}/keyspaces/more");
    let attempts = [
        (Method::Get, "/v2/databases".to_owned(), Value::Null),
        (
            Method::Post,
            "/v2/databases".to_owned(),
            db_body("other-db"),
        ),
        (Method::Get, db.clone(), Value::Null),
        (Method::Delete, db.clone(), Value::Null),
        (Method::Post, keyspace.clone(), Value::Null),
        (Method::Delete, keyspace.clone(), Value::Null),
        (Method::Post, format!("{keyspace}/tables/t"), Value::Null),
    ];
    // A token is told to use an organization's token, a person to switch to an organization.
    let told = [
        (&enterprise_token, "needs an organization application token"),
        (&enterprise_user, "switch to an organization"),
    ];
    for (actor, what) in told {
        for (method, target, body) in &attempts {
            let refused = world.expect(403, actor, *method, target, body.clone());
            assert_eq!(error_id(&refused), FORBIDDEN);
            assert!(error_message(&refused).contains(what), "{refused}");
        }
    }
    let org_token = world.token(&world.boot.organization_token.token.clone());
    let list = world.expect(200, &org_token, Method::Get, "/v2/databases", Value::Null);
    assert_eq!(names(&list), ["orders-db"]);
}

/// The spec's Database and DatabaseInfo schemas: `{"id","orgId","ownerId","info":{"name",
/// "keyspace",...,"cloudProvider","region"},"creationTime","status"}`, and createDatabase's
/// `Location` header, "Database UUID"; seed 004, "Create DB: Create a database."
#[test]
fn create_database_answers_the_spec_shape_and_records_it() {
    let mut world = World::new();
    let admin = world.admin();
    let body = json!({
        "name": "orders-db", "cloudProvider": "gcp", "region": "us-east1",
        "keyspace": "orders", "keyspaces": ["archive"],
        // The spec's DatabaseInfoCreate fields that an inventory ignores.
        "tier": "serverless", "capacityUnits": 1
    });
    let response = world.call(&admin, Method::Post, "/v2/databases", body);
    assert_eq!(response.status, 201, "{}", response.body_text());
    let created = match &response.body {
        Body::Json(value) => value.clone(),
        other => panic!("a JSON body, not {other:?}"),
    };
    assert_eq!(response.header("location"), created["id"].as_str());
    assert_eq!(response.headers.len(), 1, "{:?}", response.headers);
    assert_eq!(
        keys(&created),
        [
            "creationTime",
            "id",
            "info",
            "orgId",
            "ownerId",
            "status",
            "tables"
        ]
    );
    assert_eq!(
        keys(&created["info"]),
        ["cloudProvider", "keyspace", "keyspaces", "name", "region"]
    );
    assert_eq!(created["orgId"], json!(world.org()));
    assert_eq!(created["ownerId"], json!(world.boot.user_id));
    assert_eq!(created["info"]["cloudProvider"], "GCP");
    assert_eq!(created["info"]["keyspaces"], json!(["archive", "orders"]));
    assert_eq!(created["creationTime"], "2025-06-01T12:00:00Z");
    assert_eq!(created["status"], "ACTIVE");
    assert_eq!(created["tables"], json!({"archive": [], "orders": []}));

    let id = created["id"].as_str().unwrap();
    let stored = &world.state.databases[id];
    assert_eq!(stored.name, "orders-db");
    assert_eq!(stored.org_id, world.org());
    let fetched = world.expect(
        200,
        &admin,
        Method::Get,
        &format!("/v2/databases/{id}"),
        Value::Null,
    );
    assert_eq!(fetched, created);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "database.create");
    assert_eq!(entry.targets[0], id);
    assert_eq!(entry.scope, Scope::Organization(world.org()));
}

/// Create DB's rules: a name of 1 to 50 letters, digits, '-' and '_', unique in the
/// organization; AWS, GCP or AZURE; a region; keyspaces that are CQL identifiers.
#[test]
fn create_database_checks_every_field() {
    let mut world = World::new();
    create_db(&mut world, "orders-db");
    let admin = world.admin();
    let with = |field: &str, value: Value| {
        let mut body = db_body("new-db");
        body[field] = value;
        body
    };
    let cases = [
        (with("name", json!("has space")), "name"),
        (with("name", json!("")), "name"),
        (with("name", json!("x".repeat(51))), "name"),
        (with("cloudProvider", json!("IBM")), "cloudProvider"),
        (with("region", json!("  ")), "region"),
        (with("keyspace", json!("1orders")), "keyspace"),
        (with("keyspace", json!("k".repeat(49))), "keyspace"),
        (with("keyspaces", json!(["ok", "not-ok"])), "keyspace"),
        (with("colour", json!("blue")), "colour"),
        (
            json!({"name": "new-db", "cloudProvider": "AWS", "region": "r"}),
            "keyspace",
        ),
    ];
    for (body, field) in cases {
        let refused = world.expect(400, &admin, Method::Post, "/v2/databases", body);
        assert_eq!(error_id(&refused), INVALID_FIELD, "{refused}");
        assert!(
            error_message(&refused).contains(field),
            "{field}: {refused}"
        );
    }
    let taken = world.expect(
        409,
        &admin,
        Method::Post,
        "/v2/databases",
        db_body("ORDERS-db"),
    );
    assert_eq!(error_id(&taken), NAME_TAKEN);
    let longest = "x".repeat(50);
    world.expect(
        201,
        &admin,
        Method::Post,
        "/v2/databases",
        db_body(&longest),
    );
    assert_eq!(world.state.databases.len(), 2);
}

/// seed 004, "Organization permissions": "Organization permissions related to database
/// management, such as Manage Region and View DB, can be further limited to specific
/// databases"; seed 002: "Invited users are listed as pending until they accept the invitation".
#[test]
fn the_database_list_shows_what_a_scoped_role_may_view() {
    let mut world = World::new();
    let orders = create_db(&mut world, "orders-db");
    create_db(&mut world, "billing-db");
    let admin = world.admin();
    let all = world.expect(200, &admin, Method::Get, "/v2/databases", Value::Null);
    assert_eq!(names(&all), ["billing-db", "orders-db"], "sorted by name");

    let org = world.org();
    let role = custom_role(
        &mut world,
        "Orders viewer",
        &["org-db-view"],
        vec![Drn::database(&org, &orders)],
    );
    let viewer = member(
        &mut world,
        "viewer@acme.test",
        std::slice::from_ref(&role),
        MemberStatus::Invited,
    );
    let refused = world.expect(403, &viewer, Method::Get, "/v2/databases", Value::Null);
    assert!(error_message(&refused).contains("org-db-view"), "{refused}");

    let user_id = viewer.user_id().unwrap().to_owned();
    world
        .state
        .users
        .get_mut(&user_id)
        .unwrap()
        .organizations
        .get_mut(&org)
        .unwrap()
        .status = MemberStatus::Active;
    let visible = world.expect(200, &viewer, Method::Get, "/v2/databases", Value::Null);
    assert_eq!(names(&visible), ["orders-db"]);

    let scoped_token = token(&mut world, &[role]);
    let visible = world.expect(
        200,
        &scoped_token,
        Method::Get,
        "/v2/databases",
        Value::Null,
    );
    assert_eq!(names(&visible), ["orders-db"]);
}

/// seed 004: "To view the Astra Portal, a role must have the View DB permission."
#[test]
fn listing_needs_view_db_somewhere_and_may_be_empty() {
    let mut world = World::new();
    let org = world.org();
    let billing = custom_role(
        &mut world,
        "Billing only",
        &["org-billing-read"],
        vec![Drn::organization(&org)],
    );
    let outsider = member(
        &mut world,
        "billing@acme.test",
        &[billing],
        MemberStatus::Active,
    );
    let refused = world.expect(403, &outsider, Method::Get, "/v2/databases", Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("View DB (org-db-view)"),
        "{refused}"
    );

    let admin = world.admin();
    let empty = world.expect(200, &admin, Method::Get, "/v2/databases", Value::Null);
    assert_eq!(empty, json!([]));
}

/// View DB: "View database information returned by an API request" (seed 004), within the
/// role's scope; a database of another organization is not found.
#[test]
fn get_needs_view_db_on_that_database() {
    let mut world = World::new();
    let orders = create_db(&mut world, "orders-db");
    let billing = create_db(&mut world, "billing-db");
    let org = world.org();
    let role = custom_role(
        &mut world,
        "Orders viewer",
        &["org-db-view"],
        vec![Drn::database(&org, &orders)],
    );
    let viewer = member(
        &mut world,
        "viewer@acme.test",
        &[role],
        MemberStatus::Active,
    );

    let got = world.expect(
        200,
        &viewer,
        Method::Get,
        &format!("/v2/databases/{orders}"),
        Value::Null,
    );
    assert_eq!(got["id"], json!(orders));
    let refused = world.expect(
        403,
        &viewer,
        Method::Get,
        &format!("/v2/databases/{billing}"),
        Value::Null,
    );
    assert!(
        error_message(&refused).contains(&format!("db:{billing}")),
        "{refused}"
    );

    let admin = world.admin();
    let missing = world.expect(404, &admin, Method::Get, "/v2/databases/nope", Value::Null);
    assert_eq!(error_id(&missing), NOT_FOUND);
    world.state.databases.get_mut(&billing).unwrap().org_id = "another-org".into();
    world.expect(
        404,
        &admin,
        Method::Get,
        &format!("/v2/databases/{billing}"),
        Value::Null,
    );
}

/// seed 004, "Terminate DB (org-db-terminate): Permanently delete a database and all of of its
/// data."
#[test]
fn terminate_needs_terminate_db_and_removes_the_database() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let org = world.org();
    let viewer_role = custom_role(
        &mut world,
        "Viewer",
        &["org-db-view"],
        vec![Drn::database(&org, "*")],
    );
    let viewer = member(
        &mut world,
        "viewer@acme.test",
        &[viewer_role],
        MemberStatus::Active,
    );
    let target = format!("/v2/databases/{id}");
    let refused = world.expect(403, &viewer, Method::Delete, &target, Value::Null);
    assert!(
        error_message(&refused).contains("org-db-terminate"),
        "{refused}"
    );
    assert!(world.state.databases.contains_key(&id));

    let admin = world.admin();
    world.expect(204, &admin, Method::Delete, &target, Value::Null);
    assert!(!world.state.databases.contains_key(&id));
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.terminate"
    );
    world.expect(404, &admin, Method::Delete, &target, Value::Null);
}

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
        let created = world.expect(201, &principal, Method::Post, &path(keyspace), Value::Null);
        assert!(created["tables"][keyspace].is_array(), "{created}");
    }
    let viewer = token(&mut world, &[neither]);
    let refused = world.expect(403, &viewer, Method::Post, &path("third"), Value::Null);
    assert!(
        error_message(&refused).contains("db-all-keyspace-create"),
        "{refused}"
    );
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
    let taken = world.expect(409, &admin, Method::Post, &path("orders"), Value::Null);
    assert_eq!(error_id(&taken), NAME_TAKEN);
    // addKeyspace: "422: The structured data in the request could not be parsed".
    let bad = world.expect(422, &admin, Method::Post, &path("_hidden"), Value::Null);
    assert_eq!(error_id(&bad), UNPROCESSABLE);
    assert!(error_message(&bad).contains("CQL identifier"), "{bad}");
    world.expect(
        404,
        &admin,
        Method::Post,
        "/v2/databases/nope/keyspaces/ks",
        Value::Null,
    );
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
    world.expect(201, &admin, Method::Post, &path("archive"), Value::Null);
    let org = world.org();
    let role = custom_role(
        &mut world,
        "Archive dropper",
        &["db-keyspace-drop"],
        vec![Drn::keyspace(&org, &id, "archive")],
    );
    let dropper = token(&mut world, &[role]);
    let refused = world.expect(403, &dropper, Method::Delete, &path("orders"), Value::Null);
    assert!(
        error_message(&refused).contains("db-keyspace-drop"),
        "{refused}"
    );
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

    let bad = world.expect(
        422,
        &admin,
        Method::Delete,
        &path("not-a-name"),
        Value::Null,
    );
    assert_eq!(error_id(&bad), UNPROCESSABLE);
    assert!(error_message(&bad).contains("CQL identifier"), "{bad}");
    // The database itself must exist.
    let missing = world.expect(
        404,
        &admin,
        Method::Delete,
        "/v2/databases/nope/keyspaces/archive",
        Value::Null,
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
    world.expect(
        201,
        &admin,
        Method::Post,
        &format!("/v2/databases/{id}/keyspaces/archive"),
        Value::Null,
    );
    let org = world.org();
    let role = custom_role(
        &mut world,
        "Orders tables",
        &["db-table-create", "db-table-drop"],
        vec![Drn::table(&org, &id, "orders", "*")],
    );
    let principal = token(&mut world, &[role]);
    let table = |ks: &str, t: &str| format!("/v2/databases/{id}/keyspaces/{ks}/tables/{t}");

    let created = world.expect(
        201,
        &principal,
        Method::Post,
        &table("orders", "items"),
        Value::Null,
    );
    assert_eq!(created["tables"]["orders"], json!(["items"]));
    let refused = world.expect(
        403,
        &principal,
        Method::Post,
        &table("archive", "items"),
        Value::Null,
    );
    assert!(
        error_message(&refused).contains("db-table-create"),
        "{refused}"
    );
    let taken = world.expect(
        409,
        &principal,
        Method::Post,
        &table("orders", "items"),
        Value::Null,
    );
    assert_eq!(error_id(&taken), NAME_TAKEN);
    world.expect(
        400,
        &principal,
        Method::Post,
        &table("orders", "bad-name"),
        Value::Null,
    );
    world.expect(
        404,
        &admin,
        Method::Post,
        &table("nowhere", "items"),
        Value::Null,
    );

    world.expect(
        204,
        &principal,
        Method::Delete,
        &table("orders", "items"),
        Value::Null,
    );
    assert_eq!(
        world.state.databases[&id].keyspaces["orders"],
        Vec::<String>::new()
    );
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.table.drop"
    );
    let missing = world.expect(
        404,
        &principal,
        Method::Delete,
        &table("orders", "items"),
        Value::Null,
    );
    assert_eq!(error_id(&missing), NOT_FOUND);
}

/// seed 004, "Read Audits (org-audits-read): Download organization audit logs": every change
/// is recorded, refusals are not, and only a principal with Read Audits reads the log.
#[test]
fn changes_are_audited_and_read_with_read_audits() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    world.expect(
        201,
        &admin,
        Method::Post,
        &format!("/v2/databases/{id}/keyspaces/archive"),
        Value::Null,
    );
    world.expect(
        409,
        &admin,
        Method::Post,
        "/v2/databases",
        db_body("orders-db"),
    );

    let log = world.expect(
        200,
        &admin,
        Method::Get,
        "/v2/organizations/audits",
        Value::Null,
    );
    let entries = log["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "{log}");
    assert_eq!(
        entries[0]["action"], "database.keyspace.create",
        "newest first"
    );
    assert_eq!(entries[1]["action"], "database.create");
    assert_eq!(
        keys(&entries[0]),
        [
            "action",
            "actor",
            "actorName",
            "at",
            "id",
            "scope",
            "summary",
            "targets"
        ]
    );
    assert_eq!(entries[0]["actor"], json!(world.boot.user_id));
    assert_eq!(entries[0]["actorName"], "admin@acme.test");
    assert_eq!(entries[0]["at"], "2025-06-01T12:00:00Z");
    assert_eq!(entries[0]["scope"], json!({"organization": world.org()}));
    assert_eq!(
        entries[0]["targets"],
        json!([
            id,
            format!("drn:astra:org:{}:db:{id}:keyspace:archive", world.org())
        ])
    );

    let org = world.org();
    let viewer_role = custom_role(
        &mut world,
        "Viewer",
        &["org-db-view"],
        vec![Drn::organization(&org)],
    );
    let viewer = member(
        &mut world,
        "viewer@acme.test",
        &[viewer_role],
        MemberStatus::Active,
    );
    let refused = world.expect(
        403,
        &viewer,
        Method::Get,
        "/v2/organizations/audits",
        Value::Null,
    );
    assert!(
        error_message(&refused).contains("Read Audits (org-audits-read)"),
        "{refused}"
    );
    let auditor_role = custom_role(
        &mut world,
        "Auditor",
        &["org-audits-read"],
        vec![Drn::organization(&org)],
    );
    let auditor = member(
        &mut world,
        "auditor@acme.test",
        &[auditor_role],
        MemberStatus::Active,
    );
    let read = world.expect(
        200,
        &auditor,
        Method::Get,
        "/v2/organizations/audits",
        Value::Null,
    );
    assert_eq!(read, log);
    let enterprise = world.enterprise_admin();
    world.expect(
        403,
        &enterprise,
        Method::Get,
        "/v2/organizations/audits",
        Value::Null,
    );
}

/// An entry of the audit log at `at`, put straight into the state.
fn entry(world: &mut World, at: &str, actor: (&str, &str), scope: Scope, action: &str) {
    let id = format!("{:012}", world.state.next_audit_id());
    world.state.audit.insert(
        id.clone(),
        AuditEntry {
            id,
            at: at.parse().unwrap(),
            actor: actor.0.into(),
            actor_name: actor.1.into(),
            scope,
            action: action.into(),
            targets: vec![],
            summary: action.into(),
        },
    );
}

fn actions(log: &Value) -> Vec<&str> {
    log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

/// The audit log's filters: `actor` (ID, or part of the name in any case), `action` (a prefix),
/// `from` (inclusive) and `to` (exclusive) instants, and `limit`; a bad value is a 400 naming
/// the parameter.
#[test]
fn the_audit_log_filters_by_actor_action_time_and_limit() {
    let mut world = World::new();
    let org = Scope::Organization(world.org());
    let alice = ("u-alice", "Alice@Acme.test");
    let bob = ("u-bob", "bob@acme.test");
    entry(
        &mut world,
        "2025-05-01T00:00:00Z",
        alice,
        org.clone(),
        "role.create",
    );
    entry(
        &mut world,
        "2025-05-02T00:00:00Z",
        bob,
        org.clone(),
        "user.invite",
    );
    entry(
        &mut world,
        "2025-05-03T00:00:00Z",
        alice,
        org.clone(),
        "role.update",
    );
    entry(
        &mut world,
        "2025-05-04T00:00:00Z",
        bob,
        Scope::Enterprise,
        "role.create",
    );
    let admin = world.admin();
    let mut read = |query: &str| {
        let target = format!("/v2/organizations/audits{query}");
        actions(&world.expect(200, &admin, Method::Get, &target, Value::Null)).join(",")
    };
    assert_eq!(read(""), "role.update,user.invite,role.create");
    assert_eq!(read("?actor=u-bob"), "user.invite");
    assert_eq!(read("?actor=ALICE"), "role.update,role.create");
    assert_eq!(read("?action=role."), "role.update,role.create");
    assert_eq!(
        read("?from=2025-05-02T00:00:00Z"),
        "role.update,user.invite"
    );
    assert_eq!(read("?to=2025-05-02T00:00:00Z"), "role.create");
    assert_eq!(
        read("?from=2025-05-01T12:00:00%2B02:00&to=2025-05-03T00:00:00Z"),
        "user.invite"
    );
    assert_eq!(read("?limit=1"), "role.update");
    assert_eq!(
        read("?actor=&action="),
        "role.update,user.invite,role.create"
    );

    for (query, parameter) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=many", "limit"),
        ("from=yesterday", "from"),
        ("to=2025-13-01T00:00:00Z", "to"),
        ("from=2025-05-02T00:00:00Z&to=2025-05-01T00:00:00Z", "to"),
    ] {
        let target = format!("/v2/organizations/audits?{query}");
        let refused = world.expect(400, &admin, Method::Get, &target, Value::Null);
        assert_eq!(error_id(&refused), INVALID_FIELD);
        assert!(
            error_message(&refused).contains(&format!("'{parameter}'")),
            "{refused}"
        );
    }
}

/// The enterprise's log: the seeds name no audit permission for the enterprise, so it is read
/// by Enterprise Administrators ("Enterprise Administrator role", seed 000), with the same
/// filters, and holds only enterprise entries.
#[test]
fn the_enterprise_audit_log_is_for_enterprise_administrators() {
    let mut world = World::new();
    let admin_id = world.boot.user_id.clone();
    let org = Scope::Organization(world.org());
    entry(
        &mut world,
        "2025-05-01T00:00:00Z",
        (&admin_id, "admin@acme.test"),
        Scope::Enterprise,
        "organization.create",
    );
    entry(
        &mut world,
        "2025-05-02T00:00:00Z",
        ("u-bob", "bob"),
        org,
        "role.create",
    );
    entry(
        &mut world,
        "2025-05-03T00:00:00Z",
        ("u-bob", "bob"),
        Scope::Enterprise,
        "user.invite",
    );
    let enterprise_admin = world.enterprise_admin();
    let log = world.expect(
        200,
        &enterprise_admin,
        Method::Get,
        "/v2/enterprises/audits",
        Value::Null,
    );
    assert_eq!(actions(&log), ["user.invite", "organization.create"]);
    assert_eq!(log["entries"][0]["scope"], "enterprise");
    let filtered = world.expect(
        200,
        &enterprise_admin,
        Method::Get,
        "/v2/enterprises/audits?actor=admin",
        Value::Null,
    );
    assert_eq!(actions(&filtered), ["organization.create"]);
    world.expect(
        400,
        &enterprise_admin,
        Method::Get,
        "/v2/enterprises/audits?limit=-1",
        Value::Null,
    );

    let enterprise_token = world.token(&world.boot.enterprise_token.token.clone());
    world.expect(
        200,
        &enterprise_token,
        Method::Get,
        "/v2/enterprises/audits",
        Value::Null,
    );
    let org_admin = world.admin();
    let refused = world.expect(
        403,
        &org_admin,
        Method::Get,
        "/v2/enterprises/audits",
        Value::Null,
    );
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("Enterprise Administrator"),
        "{refused}"
    );
}

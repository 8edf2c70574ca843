//! Databases created, listed, read and terminated, and who may do each.

use super::{active_member, create_db, custom_role, db_body, member, org_wide_member, token};
use crate::support::{
    assert_mentions, assert_refusal, codes::*, error_id, error_message, keys, World,
};
use portal_core::api::{Body, Method};
use portal_core::model::{MemberStatus, Scope};
use portal_core::rbac::Drn;
use serde_json::{json, Value};

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
            assert_refusal(&refused, FORBIDDEN, what);
        }
    }
    let org_token = world.token(&world.boot.organization_token.token.clone());
    let list = world.get(200, &org_token, "/v2/databases");
    assert_eq!(names(&list), ["orders-db"]);
}

/// The spec's Database, DatabaseInfo and Datacenter schemas (every field a client such as astrapy
/// reads: `info.datacenters[].id` and `.region` among them), and createDatabase's `Location`
/// header, "Database UUID"; seed 004, "Create DB: Create a database."
#[test]
fn create_database_answers_the_spec_shape_and_records_it() {
    let mut world = World::new();
    let admin = world.admin();
    let body = json!({
        "name": "orders-db", "cloudProvider": "gcp", "region": "us-east1",
        "keyspace": "orders", "keyspaces": ["archive"],
        "tier": "serverless", "capacityUnits": 1, "dbType": "vector"
    });
    let response = world.call(&admin, Method::Post, "/v2/databases", body);
    assert_eq!(response.status, 201, "{}", response.body_text());
    let created = match &response.body {
        Body::Json(json) => json.value(),
        other => panic!("a JSON body, not {other:?}"),
    };
    assert_eq!(response.header("location"), created["id"].as_str());
    assert_eq!(response.headers.len(), 1, "{:?}", response.headers);
    assert_eq!(
        keys(&created),
        [
            "availableActions",
            "creationTime",
            "dataEndpointUrl",
            "graphqlUrl",
            "id",
            "info",
            "orgId",
            "ownerId",
            "status",
            "storage",
            "tables"
        ]
    );
    assert_eq!(
        keys(&created["info"]),
        [
            "capacityUnits",
            "cloudProvider",
            "datacenters",
            "dbType",
            "keyspace",
            "keyspaces",
            "name",
            "region",
            "tier"
        ]
    );
    let id = created["id"].as_str().unwrap();
    let endpoint = format!("https://{id}-us-east1.apps.astra.datastax.com");
    assert_eq!(
        created["info"]["datacenters"],
        json!([{
            "id": format!("{id}-1"),
            "name": format!("dc-{id}"),
            "tier": "serverless",
            "status": "PENDING",
            "cloudProvider": "GCP",
            "region": "us-east1",
            "regionZone": "na",
            "regionClassification": "standard",
            "capacityUnits": 1,
            "dataEndpointUrl": format!("{endpoint}/api/rest"),
            "graphqlUrl": format!("{endpoint}/api/graphql"),
        }])
    );
    assert_eq!(created["dataEndpointUrl"], format!("{endpoint}/api/rest"));
    assert_eq!(created["info"]["dbType"], "vector");
    assert_eq!(created["availableActions"], json!(["terminate"]));
    assert_eq!(created["orgId"], json!(world.org()));
    assert_eq!(created["ownerId"], json!(world.boot.user_id));
    assert_eq!(created["info"]["cloudProvider"], "GCP");
    assert_eq!(created["info"]["keyspaces"], json!(["archive", "orders"]));
    assert_eq!(created["creationTime"], "2025-06-01T12:00:00Z");
    assert_eq!(created["status"], "PENDING");
    assert_eq!(created["tables"], json!({"archive": [], "orders": []}));

    let stored = &world.state.databases[id];
    assert_eq!(stored.name, "orders-db");
    assert_eq!(stored.org_id, world.org());
    let fetched = world.get(200, &admin, &format!("/v2/databases/{id}"));
    assert_eq!(fetched, created, "the same at the same instant");
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
    let all = world.get(200, &admin, "/v2/databases");
    let mut listed = names(&all);
    listed.sort();
    assert_eq!(listed, ["billing-db", "orders-db"]);

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
    let refused = world.get(403, &viewer, "/v2/databases");
    assert_mentions(&refused, "org-db-view");

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
    let visible = world.get(200, &viewer, "/v2/databases");
    assert_eq!(names(&visible), ["orders-db"]);

    let scoped_token = token(&mut world, &[role]);
    let visible = world.get(200, &scoped_token, "/v2/databases");
    assert_eq!(names(&visible), ["orders-db"]);
}

/// seed 004: "To view the Astra Portal, a role must have the View DB permission."
#[test]
fn listing_needs_view_db_somewhere_and_may_be_empty() {
    let mut world = World::new();
    let outsider = org_wide_member(&mut world, "billing", &["org-billing-read"]);
    let refused = world.get(403, &outsider, "/v2/databases");
    assert_refusal(&refused, FORBIDDEN, "View DB (org-db-view)");

    let admin = world.admin();
    let empty = world.get(200, &admin, "/v2/databases");
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
    let viewer = active_member(
        &mut world,
        "viewer",
        &["org-db-view"],
        Drn::database(&org, &orders),
    );

    let got = world.get(200, &viewer, &format!("/v2/databases/{orders}"));
    assert_eq!(got["id"], json!(orders));
    let refused = world.get(403, &viewer, &format!("/v2/databases/{billing}"));
    assert_mentions(&refused, &format!("db:{billing}"));

    let admin = world.admin();
    let missing = world.get(404, &admin, "/v2/databases/nope");
    assert_eq!(error_id(&missing), NOT_FOUND);
    world.state.databases.get_mut(&billing).unwrap().org_id = "another-org".into();
    world.get(404, &admin, &format!("/v2/databases/{billing}"));
}

/// seed 004, "Terminate DB (org-db-terminate): Permanently delete a database and all of of its
/// data."
#[test]
fn terminate_needs_terminate_db_and_removes_the_database() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let org = world.org();
    let viewer = active_member(
        &mut world,
        "viewer",
        &["org-db-view"],
        Drn::database(&org, "*"),
    );
    let target = format!("/v2/databases/{id}");
    let refused = world.bodiless(403, &viewer, Method::Delete, &target);
    assert_mentions(&refused, "org-db-terminate");
    assert!(world.state.databases.contains_key(&id));

    let admin = world.admin();
    world.bodiless(202, &admin, Method::Delete, &target);
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.terminate"
    );
    let again = world.bodiless(409, &admin, Method::Delete, &target);
    assert_refusal(&again, DATABASE_NOT_ACTIVE, "already TERMINATING");
    world.wait_out_database_steps(1);
    let gone = world.get(200, &admin, &target);
    assert_eq!(gone["status"], "TERMINATED");
    world.bodiless(404, &admin, Method::Delete, "/v2/databases/nope");
}

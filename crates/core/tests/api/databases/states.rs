//! A database's life cycle as a client of the DevOps API waits on it (PENDING, INITIALIZING,
//! ACTIVE; MAINTENANCE while a keyspace changes; PARKING, PARKED, UNPARKING; TERMINATING,
//! TERMINATED), the list's parameters, and the Serverless regions.

use super::{create_db, db_body, org_wide_member};
use crate::support::{assert_refusal, codes::*, keys, World};
use portal_core::api::Method;
use serde_json::{json, Value};

fn status(world: &mut World, id: &str) -> String {
    let admin = world.admin();
    let db = world.get(200, &admin, &format!("/v2/databases/{id}"));
    db["status"].as_str().unwrap().to_owned()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|db| db["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The spec's StatusEnum, in the order a created, changed and terminated database goes through
/// it; the spec's createDatabase (201), addKeyspace (201), dropKeyspace (202) and
/// terminateDatabase (202). Each status lasts one step of the context's pace, and nothing but the
/// instant changes between two of them.
#[test]
fn a_database_goes_through_its_statuses_in_turn() {
    let mut world = World::new();
    let admin = world.admin();
    let body = db_body("orders-db");
    let created = world.expect(201, &admin, Method::Post, "/v2/databases", body);
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(status(&mut world, &id), "PENDING");
    let keyspace = format!("/v2/databases/{id}/keyspaces/archive");
    let busy = world.bodiless(409, &admin, Method::Post, &keyspace);
    assert_refusal(&busy, DATABASE_NOT_ACTIVE, "is PENDING");
    world.wait_out_database_steps(1);
    assert_eq!(status(&mut world, &id), "INITIALIZING");
    world.wait_out_database_steps(1);
    assert_eq!(status(&mut world, &id), "ACTIVE");

    let added = world.bodiless(201, &admin, Method::Post, &keyspace);
    assert_eq!(added["status"], "MAINTENANCE");
    assert_eq!(added["info"]["keyspaces"], json!(["archive", "orders"]));
    let busy = world.bodiless(409, &admin, Method::Delete, &keyspace);
    assert_refusal(&busy, DATABASE_NOT_ACTIVE, "is MAINTENANCE");
    world.wait_out_database_steps(1);
    assert_eq!(status(&mut world, &id), "ACTIVE");
    world.bodiless(202, &admin, Method::Delete, &keyspace);
    assert_eq!(status(&mut world, &id), "MAINTENANCE");
    world.wait_out_database_steps(1);

    let terminate = format!("/v2/databases/{id}/terminate");
    // terminateDatabase's `preparedStateOnly` is a boolean.
    let typed = world.bodiless(
        400,
        &admin,
        Method::Post,
        &format!("{terminate}?preparedStateOnly=null"),
    );
    assert_refusal(&typed, INVALID_FIELD, "'preparedStateOnly'");
    world.bodiless(
        202,
        &admin,
        Method::Post,
        &format!("{terminate}?preparedStateOnly=false"),
    );
    let terminating = world.get(200, &admin, &format!("/v2/databases/{id}"));
    assert_eq!(terminating["status"], "TERMINATING");
    assert_eq!(terminating["terminationTime"], "2025-06-01T12:00:08Z");
    assert_eq!(terminating["availableActions"], json!([]));
    world.wait_out_database_steps(1);
    // Still there for a client that polls it to the end.
    assert_eq!(status(&mut world, &id), "TERMINATED");
}

/// The spec's parkDatabase and unparkDatabase (202 each, `org-db-suspend`): PARKING, then PARKED
/// until unparked, UNPARKING, then ACTIVE. A parked database takes no change but unpark and
/// terminate, and its refusals say how to get it back.
#[test]
fn a_parked_database_takes_nothing_until_it_is_unparked() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    let (park, unpark) = (
        format!("/v2/databases/{id}/park"),
        format!("/v2/databases/{id}/unpark"),
    );
    let early = world.bodiless(409, &admin, Method::Post, &unpark);
    assert_refusal(
        &early,
        DATABASE_NOT_ACTIVE,
        "is ACTIVE: only a PARKED database unparks",
    );
    world.bodiless(202, &admin, Method::Post, &park);
    assert_eq!(status(&mut world, &id), "PARKING");
    let twice = world.bodiless(409, &admin, Method::Post, &park);
    assert_refusal(&twice, DATABASE_NOT_ACTIVE, "is PARKING");
    world.wait_out_database_steps(1);
    let parked = world.get(200, &admin, &format!("/v2/databases/{id}"));
    assert_eq!(parked["status"], "PARKED");
    assert_eq!(parked["availableActions"], json!(["unpark", "terminate"]));
    let keyspace = format!("/v2/databases/{id}/keyspaces/archive");
    let refused = world.bodiless(409, &admin, Method::Post, &keyspace);
    assert_refusal(
        &refused,
        DATABASE_NOT_ACTIVE,
        &format!("is PARKED: unpark it first (POST {unpark})"),
    );
    let listed = world.get(200, &admin, "/v2/databases?include=parked");
    assert_eq!(ids(&listed), [id.as_str()]);

    world.bodiless(202, &admin, Method::Post, &unpark);
    assert_eq!(status(&mut world, &id), "UNPARKING");
    world.wait_out_database_steps(1);
    assert_eq!(status(&mut world, &id), "ACTIVE");
    world.bodiless(201, &admin, Method::Post, &keyspace);
    let lifecycle: Vec<&str> = world
        .state
        .audit
        .values()
        .map(|entry| entry.action.as_str())
        .filter(|action| action.ends_with("park"))
        .collect();
    assert_eq!(lifecycle, ["database.park", "database.unpark"]);
}

/// Parking takes Suspend DB on the database (seed 004, `org-db-suspend`, scoped to databases): a
/// role that may view the database but not suspend it is refused, with nothing changed.
#[test]
fn parking_takes_suspend_db_on_the_database() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let viewer = org_wide_member(&mut world, "viewer", &["org-db-view"]);
    let refused = world.bodiless(
        403,
        &viewer,
        Method::Post,
        &format!("/v2/databases/{id}/park"),
    );
    assert_refusal(&refused, FORBIDDEN, "org-db-suspend");
    assert_eq!(status(&mut world, &id), "ACTIVE");
}

/// A TERMINATED database leaves the default list (`include=nonterminated`), stays in
/// `include=terminated` and `include=all`, frees its name, and takes no new token.
#[test]
fn a_terminated_database_leaves_the_lists_and_frees_its_name() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    world.bodiless(
        202,
        &admin,
        Method::Post,
        &format!("/v2/databases/{id}/terminate"),
    );
    let token = world.expect(
        409,
        &admin,
        Method::Post,
        &format!("/v2/databases/{id}/tokens"),
        json!({}),
    );
    assert_refusal(&token, DATABASE_NOT_ACTIVE, "TERMINATING");
    let again = db_body("orders-db");
    let taken = world.expect(409, &admin, Method::Post, "/v2/databases", again);
    assert_refusal(&taken, NAME_TAKEN, "orders-db");
    assert_eq!(ids(&world.get(200, &admin, "/v2/databases")), [id.as_str()]);

    world.wait_out_database_steps(1);
    assert!(ids(&world.get(200, &admin, "/v2/databases")).is_empty());
    for include in ["terminated", "all", "TERMINATED"] {
        let listed = world.get(200, &admin, &format!("/v2/databases?include={include}"));
        assert_eq!(ids(&listed), [id.as_str()], "{include}");
    }
    assert!(ids(&world.get(200, &admin, "/v2/databases?include=active")).is_empty());
    // A status the spec lists that no database of the portal is ever in.
    assert!(ids(&world.get(200, &admin, "/v2/databases?include=hibernated")).is_empty());
    world.expect(
        201,
        &admin,
        Method::Post,
        "/v2/databases",
        db_body("orders-db"),
    );
}

/// The spec's listDatabases parameters: `limit` (1 to 100, 25 by default) and `starting_after`
/// page through the list without repeating or skipping a database, as a client that pages until
/// a short page does; `provider` filters (ALL, GCP, AWS, Azure). A value the spec doesn't take is
/// a 400 that names the parameter.
#[test]
fn the_list_pages_and_filters_as_the_spec_types_its_parameters() {
    let mut world = World::new();
    for n in 0..5 {
        create_db(&mut world, &format!("db-{n}"));
    }
    let admin = world.admin();
    let all = ids(&world.get(200, &admin, "/v2/databases"));
    assert_eq!(all.len(), 5);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "in the order of the IDs");

    let mut paged = Vec::new();
    let mut target = "/v2/databases?limit=2".to_owned();
    loop {
        let page = ids(&world.get(200, &admin, &target));
        paged.extend(page.iter().cloned());
        if page.len() < 2 {
            break;
        }
        target = format!("/v2/databases?limit=2&starting_after={}", page[1]);
    }
    assert_eq!(paged, all);

    let aws = world.get(200, &admin, "/v2/databases?provider=AWS");
    assert_eq!(ids(&aws).len(), 5);
    let gcp = world.get(200, &admin, "/v2/databases?provider=GCP");
    assert!(ids(&gcp).is_empty());
    assert_eq!(
        ids(&world.get(200, &admin, "/v2/databases?provider=ALL")).len(),
        5
    );

    for (query, named) in [
        ("limit=0", "'limit'"),
        ("limit=101", "'limit'"),
        ("limit=many", "'limit'"),
        ("provider=AAA", "'provider'"),
        ("include=sleeping", "'include'"),
    ] {
        let refused = world.get(400, &admin, &format!("/v2/databases?{query}"));
        assert_refusal(&refused, INVALID_FIELD, named);
    }
}

/// The spec's createDatabase body as typed: `tier` and `capacityUnits` required, the tier the
/// portal creates (serverless), 1 to 100 capacity units, `vector` as the one dbType, and a region where the provider has Serverless.
#[test]
fn create_database_takes_the_spec_values_and_a_serverless_region() {
    let mut world = World::new();
    let admin = world.admin();
    let with = |field: &str, value: Value| {
        let mut body = db_body("new-db");
        body[field] = value;
        body
    };
    let without = |field: &str| {
        let mut body = db_body("new-db");
        body.as_object_mut().unwrap().remove(field);
        body
    };
    for (body, says) in [
        (without("tier"), "tier"),
        (without("capacityUnits"), "capacityUnits"),
        (with("tier", json!("C10")), "'tier'"),
        (with("capacityUnits", json!(0)), "'capacityUnits'"),
        (with("capacityUnits", json!(101)), "'capacityUnits'"),
        (with("dbType", json!("graph")), "'dbType'"),
        (
            with("region", json!("mars-north-1")),
            "us-east-1, us-west-2",
        ),
    ] {
        let refused = world.expect(400, &admin, Method::Post, "/v2/databases", body);
        assert_refusal(&refused, INVALID_FIELD, says);
    }
    assert!(world.state.databases.is_empty());
}

/// The spec's listServerlessRegions (`region-type`, `filter-by-org`), from the price book's
/// regions (seed 001, "Cloud providers and regions": Standard, Premium and Premium+); it asks for
/// Create DB, as the spec's security does.
#[test]
fn the_serverless_regions_are_the_price_books() {
    let mut world = World::new();
    let admin = world.admin();
    let regions = world.get(200, &admin, "/v2/regions/serverless");
    let regions = regions.as_array().unwrap();
    assert_eq!(regions.len(), 11);
    assert_eq!(
        keys(&regions[0]),
        [
            "classification",
            "cloudProvider",
            "displayName",
            "enabled",
            "name",
            "region_type",
            "reservedForQualifiedUsers",
            "zone"
        ]
    );
    assert_eq!(
        regions[0],
        json!({"cloudProvider": "AWS", "name": "us-east-1", "displayName": "US East (N. Virginia)",
            "zone": "na", "classification": "standard", "region_type": "serverless",
            "enabled": true, "reservedForQualifiedUsers": false})
    );
    let plus = regions.iter().find(|r| r["name"] == "sa-east-1").unwrap();
    assert_eq!(plus["classification"], "premium_plus");
    assert!(regions.iter().all(|r| r["displayName"] != ""));

    let vector = world.get(
        200,
        &admin,
        "/v2/regions/serverless?region-type=vector&filter-by-org=enabled",
    );
    assert!(vector
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["region_type"] == "vector"));
    let all = world.get(200, &admin, "/v2/regions/serverless?region-type=all");
    assert_eq!(all.as_array().unwrap().len(), 22);
    for query in ["region-type=graph", "filter-by-org=maybe"] {
        let refused = world.get(400, &admin, &format!("/v2/regions/serverless?{query}"));
        assert_refusal(&refused, INVALID_FIELD, query.split('=').next().unwrap());
    }
    let viewer = org_wide_member(&mut world, "viewer", &["org-db-view"]);
    let refused = world.get(403, &viewer, "/v2/regions/serverless");
    assert_refusal(&refused, FORBIDDEN, "org-db-create");
}

//! A database's regions and private endpoints (seed 001, "Multiple regions" and "Private
//! endpoints"; seed 004, Manage Region `db-manage-region` and Manage Private Endpoint
//! `db-manage-privateendpoint`), through the spec's datacenter and private-link operations.

use super::{create_db, custom_role, member};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, World};
use portal_core::api::{Actor, ErrorId, Method};
use portal_core::model::{MemberStatus, Scope};
use portal_core::rbac::Drn;
use serde_json::{json, Value};
use Method::{Delete, Post, Put};

fn datacenters(db: &str) -> String {
    format!("/v2/databases/{db}/datacenters")
}

fn link(db: &str, dc: &str) -> String {
    format!("/v2/organizations/clusters/{db}/datacenters/{dc}")
}

/// Adds `region` to the database as the administrator; its new datacenter's ID.
pub(crate) fn add_region(world: &mut World, db: &str, region: &str) -> String {
    let admin = world.admin();
    let body = json!([{"cloudProvider": "AWS", "region": region}]);
    let added = world.expect(201, &admin, Post, &datacenters(db), body);
    added[0]["id"].as_str().unwrap().to_owned()
}

/// Allows a principal in the region and accepts an endpoint `endpoint` from it.
pub(crate) fn allow_and_accept(world: &mut World, db: &str, dc: &str, endpoint: &str) {
    let admin = world.admin();
    let principals = json!({"allowedPrincipals": ["arn:aws:iam::123456789012:role/app"]});
    world.expect(
        200,
        &admin,
        Post,
        &format!("{}/private-link", link(db, dc)),
        principals,
    );
    let body = json!({"endpointID": endpoint, "description": "app VPC"});
    world.expect(
        200,
        &admin,
        Post,
        &format!("{}/endpoints", link(db, dc)),
        body,
    );
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|dc| dc["id"].as_str().unwrap())
        .collect()
}

fn limited(world: &mut World, name: &str, actions: &[&str]) -> Actor {
    let org = world.org();
    let resources = vec![Drn::organization(&org), Drn::database(&org, "*")];
    let role = custom_role(world, name, actions, resources);
    member(
        world,
        &format!("{name}@acme.test"),
        &[role],
        MemberStatus::Active,
    )
}

/// The primary region is `{db}-1`, added ones `-2`, `-3`; a terminated one is listed only with
/// `?all=true`, keeps its number, and its region may be added again under a new one. Each
/// change is audited.
#[test]
fn regions_are_added_listed_and_terminated() {
    let mut world = World::new();
    let admin = world.admin();
    let db = create_db(&mut world, "orders");
    let listed = world.get(200, &admin, &datacenters(&db));
    assert_eq!(ids(&listed), [format!("{db}-1")]);
    assert_eq!(listed[0]["region"], "us-east-1");
    assert_eq!(listed[0]["status"], "ACTIVE");
    assert_eq!(listed[0]["primary"], true);

    let second = add_region(&mut world, &db, "us-west-2");
    assert_eq!(second, format!("{db}-2"));
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "database.datacenter.add");
    assert!(entry.summary.contains("us-west-2"), "{}", entry.summary);

    let terminate = format!("{}/{second}/terminate", datacenters(&db));
    world.bodiless(202, &admin, Post, &terminate);
    assert_eq!(
        world.state.audit.values().last().unwrap().action,
        "database.datacenter.terminate"
    );
    assert_eq!(
        ids(&world.get(200, &admin, &datacenters(&db))),
        [format!("{db}-1")]
    );
    let all = world.get(200, &admin, &format!("{}?all=true", datacenters(&db)));
    assert_eq!(ids(&all), [format!("{db}-1"), second.clone()]);
    assert_eq!(all[1]["status"], "TERMINATED");
    let again = world.bodiless(409, &admin, Post, &terminate);
    assert_mentions(&again, "already TERMINATED");
    assert_eq!(add_region(&mut world, &db, "us-west-2"), format!("{db}-3"));

    let refused = world.get(400, &admin, &format!("{}?all=yes", datacenters(&db)));
    assert_mentions(&refused, "use true");
}

/// The rules: seed 001, "Multiple regions is available on only pay as you go and annual plans";
/// a region the provider's Serverless regions (`GET /v2/regions/serverless`) know; the database's
/// own provider; not a region it already runs in; the primary region stays.
#[test]
fn a_region_is_refused_with_what_to_do() {
    let mut world = World::new();
    let admin = world.admin();
    let db = create_db(&mut world, "orders");
    let path = datacenters(&db);
    for (body, status, said) in [
        (
            json!([{"cloudProvider": "AWS", "region": "mars-1"}]),
            400,
            "AWS has no Serverless region 'mars-1'",
        ),
        (
            json!([{"cloudProvider": "GCP", "region": "us-east1"}]),
            400,
            "runs on AWS",
        ),
        (
            json!([{"cloudProvider": "AWS", "region": "us-east-1"}]),
            400,
            "already runs in us-east-1",
        ),
        (
            json!([{"cloudProvider": "AWS", "region": "eu-west-1"}, {"cloudProvider": "AWS", "region": "eu-west-1"}]),
            400,
            "already runs in eu-west-1",
        ),
        (json!([]), 400, "lists no region"),
        (json!({"region": "eu-west-1"}), 400, "field"),
        (
            json!([{"cloudProvider": "AWS", "region": "eu-west-1", "tier": "classic"}]),
            400,
            "tier",
        ),
    ] {
        let refused = world.expect(status, &admin, Post, &path, body);
        assert_mentions(&refused, said);
    }
    let malformed = world.call(&admin, Post, &path, Value::Null);
    assert_eq!(malformed.status, 400);
    assert_eq!(
        world.state.databases[&db].datacenters,
        vec![],
        "all or none"
    );

    let primary = world.bodiless(409, &admin, Post, &format!("{path}/{db}-1/terminate"));
    assert_refusal(
        &primary,
        ErrorId::DatacenterState.code() as u64,
        "primary region",
    );
    world.bodiless(404, &admin, Post, &format!("{path}/{db}-9/terminate"));

    // The Free plan: the administrator's personal organization.
    let personal = world
        .state
        .default_organization_of(&world.boot.user_id)
        .unwrap()
        .id
        .clone();
    let free = world.user(&world.boot.user_id, Scope::Organization(personal));
    let body = json!({"name": "hobby", "cloudProvider": "AWS", "region": "us-east-1", "keyspace": "ks", "tier": "serverless", "capacityUnits": 1});
    let hobby = world.expect(201, &free, Post, "/v2/databases", body)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    world.wait_out_database_steps(2);
    let body = json!([{"cloudProvider": "AWS", "region": "us-west-2"}]);
    let refused = world.expect(400, &free, Post, &datacenters(&hobby), body);
    assert_refusal(
        &refused,
        ErrorId::PremiumNeedsPlan.code() as u64,
        "only the Pay As You Go and Annual plans",
    );
}

/// Manage Region on the database: without it 403; another organization's database is not
/// found.
#[test]
fn regions_take_manage_region_on_the_database() {
    let mut world = World::new();
    let db = create_db(&mut world, "orders");
    let viewer = limited(&mut world, "viewer", &["org-db-view"]);
    world.get(200, &viewer, &datacenters(&db));
    let body = json!([{"cloudProvider": "AWS", "region": "us-west-2"}]);
    let refused = world.expect(403, &viewer, Post, &datacenters(&db), body.clone());
    assert_mentions(&refused, "Manage Region (db-manage-region)");
    let manager = limited(&mut world, "regions", &["db-manage-region"]);
    world.expect(201, &manager, Post, &datacenters(&db), body.clone());

    let theirs = elsewhere(&mut world, &db);
    let admin = world.admin();
    let missing = world.expect(404, &admin, Post, &datacenters(&theirs), body);
    assert_eq!(error_id(&missing), NOT_FOUND);
}

/// A copy of the database in a second organization; its ID.
fn elsewhere(world: &mut World, db: &str) -> String {
    let other = world.second_organization();
    let mut theirs = world.state.databases[db].clone();
    theirs.id = "0f1e2d3c-0000-4000-8000-000000000001".into();
    theirs.org_id = other;
    let id = theirs.id.clone();
    world.state.databases.insert(id.clone(), theirs);
    id
}

/// The private link of a region: allowed principals first, then endpoints accepted, described
/// and rejected, each audited; the spec's shapes.
#[test]
fn private_endpoints_are_allowed_accepted_and_rejected() {
    let mut world = World::new();
    let admin = world.admin();
    let db = create_db(&mut world, "orders");
    let dc = format!("{db}-1");
    let endpoints = format!("{}/endpoints", link(&db, &dc));
    let accept = json!({"endpointID": "vpce-0a1b2c3d4e5f67890", "description": "app"});
    let refused = world.expect(400, &admin, Post, &endpoints, accept.clone());
    assert_mentions(&refused, "allows no principal yet");

    let principals = format!("{}/allowed-principals", link(&db, &dc));
    let body = json!({"allowedPrincipals": ["arn:aws:iam::123456789012:role/app"]});
    let config = world.expect(200, &admin, Post, &principals, body.clone());
    assert!(config["serviceName"]
        .as_str()
        .unwrap()
        .starts_with("com.amazonaws.vpce.us-east-1.vpce-svc-"));
    assert_eq!(
        config["allowedPrincipals"],
        json!(["arn:aws:iam::123456789012:role/app"])
    );
    let again = world.expect(409, &admin, Post, &principals, body);
    assert_refusal(
        &again,
        ErrorId::PrivateLinkConflict.code() as u64,
        "already allowed",
    );

    let endpoint = world.expect(200, &admin, Post, &endpoints, accept.clone());
    assert_eq!(endpoint["endpointID"], "vpce-0a1b2c3d4e5f67890");
    assert_eq!(endpoint["status"], "Accepted");
    world.expect(409, &admin, Post, &endpoints, accept);
    let one = format!("{endpoints}/vpce-0a1b2c3d4e5f67890");
    let described = world.expect(
        200,
        &admin,
        Put,
        &one,
        json!({"description": "billing app"}),
    );
    assert_eq!(described["description"], "billing app");
    assert_eq!(world.get(200, &admin, &one)["description"], "billing app");

    let cluster = world.get(
        200,
        &admin,
        &format!("/v2/organizations/clusters/{db}/private-link"),
    );
    assert_eq!(cluster["clusterID"], db.as_str());
    assert_eq!(
        cluster["datacenters"][0]["endpoints"][0]["linkID"],
        endpoint["linkID"]
    );
    let org = world.get(200, &admin, "/v2/organizations/private-link");
    assert_eq!(org["clusters"].as_array().unwrap().len(), 1);

    world.bodiless(204, &admin, Delete, &one);
    world.get(404, &admin, &one);
    world.expect(
        204,
        &admin,
        Delete,
        &principals,
        json!({"allowedPrincipal": "arn:aws:iam::123456789012:role/app"}),
    );
    assert!(world.state.databases[&db].private_links.is_empty());
    let actions: Vec<&str> = world
        .state
        .audit
        .values()
        .map(|e| e.action.as_str())
        .collect();
    for action in [
        "database.privateLink.allow",
        "database.privateLink.accept",
        "database.privateLink.describe",
        "database.privateLink.reject",
        "database.privateLink.disallow",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

/// Refusals: malformed bodies name the field; a region the database doesn't run in and another
/// organization's database are not found; Manage Private Endpoint on the database; the Free plan
/// has no private endpoints; a region with endpoints is not terminated until they are rejected.
#[test]
fn private_endpoints_are_refused_with_what_to_do() {
    let mut world = World::new();
    let admin = world.admin();
    let db = create_db(&mut world, "orders");
    let second = add_region(&mut world, &db, "us-west-2");
    let principals = format!("{}/allowed-principals", link(&db, &second));
    for (body, said) in [
        (json!({"allowedPrincipals": []}), "is empty"),
        (
            json!({"allowedPrincipals": ["two words"]}),
            "allowedPrincipals[0]",
        ),
        (json!({"principals": ["a"]}), "unknown field"),
    ] {
        let refused = world.expect(400, &admin, Post, &principals, body);
        assert_mentions(&refused, said);
    }
    let endpoints = format!("{}/endpoints", link(&db, &second));
    allow_and_accept(&mut world, &db, &second, "vpce-1");
    let refused = world.expect(
        400,
        &admin,
        Post,
        &endpoints,
        json!({"endpointID": "no spaces allowed"}),
    );
    assert_mentions(&refused, "field 'endpointID'");
    world.get(
        404,
        &admin,
        &format!("{}/private-link", link(&db, &format!("{db}-7"))),
    );
    world.get(404, &admin, &format!("{endpoints}/vpce-404"));

    let terminate = format!("{}/{second}/terminate", datacenters(&db));
    let busy = world.bodiless(409, &admin, Post, &terminate);
    assert_mentions(&busy, "reject them first");

    let viewer = limited(&mut world, "viewer", &["org-db-view", "db-manage-region"]);
    let refused = world.get(
        403,
        &viewer,
        &format!("{}/private-link", link(&db, &second)),
    );
    assert_mentions(
        &refused,
        "Manage Private Endpoint (db-manage-privateendpoint)",
    );
    let refused = world.get(403, &viewer, "/v2/organizations/private-link");
    assert_mentions(&refused, "db-manage-privateendpoint");

    let theirs = elsewhere(&mut world, &db);
    world.get(
        404,
        &admin,
        &format!("{}/private-link", link(&theirs, &format!("{theirs}-1"))),
    );

    let org = world.org();
    world.state.billing.get_mut(&org).unwrap().plan = portal_core::pricing::billing::PlanKind::Free;
    let refused = world.expect(
        400,
        &admin,
        Post,
        &endpoints,
        json!({"endpointID": "vpce-2"}),
    );
    assert_refusal(
        &refused,
        ErrorId::PremiumNeedsPlan.code() as u64,
        "Free plan",
    );
}

//! Every fixture in `astra-cli-fixtures/` (real DevOps API responses
//! recorded by the astra-cli project) deserializes, and our Role, user list, token list, token
//! creation and organization responses carry the fields and key spellings of the fixtures and of
//! the spec (`astra-devops-api.yaml`) and seed 000.

use std::collections::BTreeSet;

use crate::support::World;
use portal_core::api::Method;
use portal_core::model::{Database, Lifecycle, PresentedToken};
use portal_core::rbac::Role;
use serde_json::{json, Value};

/// Copies of `../shared/reference/astra-cli-fixtures/` (see `fixtures/README.md`).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> Value {
    let path = format!("{FIXTURES}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect()
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Every key of the real object is in ours, with the same JSON type (null matches anything).
fn carries(ours: &Value, real: &Value, what: &str) {
    for (key, real_value) in real.as_object().expect("a fixture object") {
        let our_value = ours
            .get(key)
            .unwrap_or_else(|| panic!("{what}: missing key {key} in {ours}"));
        if !real_value.is_null() && !our_value.is_null() {
            assert_eq!(json_type(our_value), json_type(real_value), "{what}.{key}");
        }
    }
}

/// A world with a custom role, an invited user and a database, so every response has content.
fn populated() -> (World, String) {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    let body = json!({
        "name": "R/W Readers",
        "policy": {"description": "R/W Readers", "effect": "allow",
            "resources": [format!("drn:astra:org:{org}"), format!("drn:astra:org:{org}:db:*")],
            "actions": ["org-db-view", "db-table-select"]}
    });
    let role = world.expect(201, &admin, Method::Post, "/v2/organizations/roles", body);
    let role_id = role["ID"].as_str().unwrap().to_owned();
    let body = json!({
        "email": "alice@example.test", "orgID": org, "roles": [role_id]
    });
    world.expect(200, &admin, Method::Put, "/v2/organizations/users", body);
    world.state.databases.insert(
        "db-1".into(),
        Database {
            id: "db-1".into(),
            org_id: org,
            owner_id: world.boot.user_id.clone(),
            name: "orders".into(),
            cloud_provider: "AWS".into(),
            region: "us-east-1".into(),
            keyspaces: [("orders".to_owned(), vec!["items".to_owned()])].into(),
            created_at: world.now,
            tier: "serverless".into(),
            capacity_units: 1,
            db_type: None,
            lifecycle: Lifecycle::Active,
            access_list: Default::default(),
            datacenters: Vec::new(),
            private_links: Default::default(),
        },
    );
    (world, role_id)
}

/// Roles.json: the real default roles read as our Role, and ours are written with its keys.
/// What the populated world's organization administrator reads at `target`.
fn admin_get(target: &str) -> Value {
    let (mut world, _) = populated();
    let admin = world.admin();
    world.get(200, &admin, target)
}

#[test]
fn roles_match_roles_json() {
    let real = fixture("Roles.json");
    let roles = Role::list_from_json(&real.to_string()).expect("Roles.json reads");
    assert_eq!(roles.len(), real.as_array().unwrap().len());
    let (mut world, role_id) = populated();
    let admin = world.admin();
    let ours = world.get(200, &admin, "/v2/organizations/roles");
    let ours = ours.as_array().unwrap();
    for role in ours {
        carries(role, &real[0], "role");
        carries(&role["Policy"], &real[0]["Policy"], "role.Policy");
    }
    // The real API's "Organization Administrator" has this ID; ours is the same role.
    let real_admin = real
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Name"] == "Organization Administrator")
        .unwrap();
    assert!(ours
        .iter()
        .any(|r| r["ID"] == real_admin["ID"] && r["Name"] == real_admin["Name"]));
    // The spec's Role also has last_update_datetime and last_update_userid: custom roles carry them.
    let custom = ours.iter().find(|r| r["ID"] == role_id.as_str()).unwrap();
    assert!(custom["last_update_datetime"].is_string() && custom["last_update_userid"].is_string());
}

/// Users.json: the real user list reads (its roles as our Role), and ours has its keys; the
/// spec's OrganizationUsers envelope is `{orgID, orgName, users}`.
#[test]
fn users_match_users_json() {
    let real = fixture("Users.json");
    for user in real.as_array().unwrap() {
        for role in user["Roles"].as_array().unwrap() {
            Role::from_json(&role.to_string()).expect("a user's role reads");
        }
        assert!(["active", "invited"].contains(&user["Status"].as_str().unwrap()));
    }
    let ours = admin_get("/v2/organizations/users");
    assert_eq!(
        keys(&ours),
        ["orgID", "orgName", "users"].map(String::from).into()
    );
    let users = ours["users"].as_array().unwrap();
    assert!(
        users.iter().any(|u| u["Status"] == "invited")
            && users.iter().any(|u| u["Status"] == "active")
    );
    for user in users {
        carries(user, &real[0], "user");
        carries(&user["Roles"][0], &real[0]["Roles"][0], "user.Roles[0]");
    }
}

/// IamTokens.json: the real token list's items, and ours never carry a secret or a token.
#[test]
fn token_list_matches_iam_tokens_json() {
    let real = fixture("IamTokens.json");
    let ours = admin_get("/v2/tokens");
    let clients = ours["clients"].as_array().unwrap();
    assert!(!clients.is_empty());
    for client in clients {
        carries(client, &real[0], "token");
        assert_eq!(keys(client), keys(&real[0]), "exactly the real keys");
    }
}

/// CreateTokenResponse.json: the creation response has the real keys; its token has the real
/// shape.
#[test]
fn token_creation_matches_create_token_response_json() {
    let real = fixture("CreateTokenResponse.json");
    assert_eq!(real["token"].as_str().unwrap().len(), 97);
    assert_eq!(real["clientId"].as_str().unwrap().len(), 24);
    let (mut world, role_id) = populated();
    let admin = world.admin();
    let body = json!({"roles": [role_id]});
    let ours = world.expect(200, &admin, Method::Post, "/v2/tokens", body);
    carries(&ours, &real, "token creation");
    PresentedToken::parse(ours["token"].as_str().unwrap()).expect("our token has the real form");
}

/// Organization.json (`{name, id}`): what GET /v2/currentOrg returns carries it.
#[test]
fn current_org_matches_organization_json() {
    let real = fixture("Organization.json");
    let (mut world, _) = populated();
    let admin = world.admin();
    let ours = world.get(200, &admin, "/v2/currentOrg");
    carries(&ours, &real, "organization");
    assert_eq!(ours["id"], world.org().as_str());
}

/// seed 000, "Create an organization": the response keys, exactly.
#[test]
fn enterprise_organization_response_matches_seed_000() {
    let (mut world, _) = populated();
    let admin = world.enterprise_admin();
    let body = json!({
        "name": "Example Org", "email": "admin@acme-enterprises.com",
        "adminUserID": world.boot.user_id, "enterpriseID": world.boot.enterprise_id
    });
    let ours = world.expect(
        201,
        &admin,
        Method::Post,
        "/v2/enterprises/organizations",
        body,
    );
    let seed: BTreeSet<String> = [
        "OrganizationName",
        "OrganizationID",
        "OrganizationEmail",
        "MarketplaceData",
        "CreatedAt",
        "LastModified",
        "OrgType",
        "EnterpriseId",
        "OrganizationGroupId",
    ]
    .map(String::from)
    .into();
    assert_eq!(keys(&ours), seed);
    assert_eq!(ours["OrgType"], "organization");
    assert_eq!(ours["MarketplaceData"], json!({}));
}

/// The spec's Database: id, orgId, ownerId, info and status are required.
#[test]
fn database_matches_the_spec() {
    let ours = admin_get("/v2/databases/db-1");
    for key in ["id", "orgId", "ownerId", "info", "status"] {
        assert!(ours.get(key).is_some(), "{key}");
    }
    for key in ["name", "keyspace", "cloudProvider", "region"] {
        assert!(ours["info"].get(key).is_some(), "info.{key}");
    }
}

/// Errors: `{"errors":[{"ID": <int>, "message": "..."}]}` (the spec's Errors).
#[test]
fn errors_match_the_spec() {
    let mut world = World::new();
    let admin = world.admin();
    let body = world.get(404, &admin, "/v2/organizations/roles/nope");
    assert_eq!(keys(&body), ["errors".to_owned()].into());
    assert_eq!(
        keys(&body["errors"][0]),
        ["ID", "message"].map(String::from).into()
    );
    assert!(body["errors"][0]["ID"].is_u64());
}

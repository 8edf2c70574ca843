//! "Conformance with the real spec": every operation that both the route table and the
//! Astra DevOps API spec define answers, on success and on the refusals the spec documents, with a
//! body that validates against the schema the spec gives for that operation and status.
//!
//! The spec is `tests/fixtures/astra-devops-api.yaml`, a verbatim copy of the project's reference
//! `shared/reference/astra-devops-api.yaml` (Astra DevOps API 2.3.0, OpenAPI 3.0.0), so that the
//! test runs from any clone. Where the spec disagrees with the real API (the responses astra-cli
//! recorded, `shared/reference/astra-cli-fixtures/*.json`, which win) or with itself (a refusal
//! documented as a string where its shared responses give the `Errors` object), the exception is
//! written beside its check with its evidence, and the test prints which ones it applied.

mod check;
mod fuzz;
mod spec;

use portal_core::api::access::default_role;
use serde_json::{json, Value};

use crate::server::{args, Reply, Served};

use check::{success, Call, Check, Expect, Findings};
use spec::{Spec, COMPONENT_EXCEPTIONS};

#[test]
fn the_responses_the_spec_defines_validate_against_its_schemas() {
    let spec = Spec::load();
    let operations = spec.overlap();
    assert!(!operations.is_empty(), "no route of ROUTES is in the spec");
    let served = Served::start(&args("conformance", true));
    let org = served.boot().organization_token.token.clone();
    let ent = served.boot().enterprise_token.token.clone();
    let org_id = served.boot().organization_id.clone();
    // A token of the organization whose role grants no organization permission (seed 001, "RO
    // Svc Acct"): the 403s.
    let weak = served.request_token(&org, "Read Only Service Account", "weak");
    assert_eq!(weak.status, 200, "{}", weak.body);
    let weak = weak.json()["token"].as_str().expect("a token").to_owned();
    let mut check = Check {
        spec: &spec,
        operations,
        served: &served,
        weak: &weak,
        findings: Findings::default(),
    };

    // Each success, in an order that makes what the next ones need and removes it again; after
    // each, the refusals the spec documents for its operation.

    check.step(success("GET", "/v2/currentOrg".into(), &org, Value::Null));

    // Roles: create, read, update; deleted after the user who holds it.
    check.step(success(
        "GET",
        "/v2/organizations/roles".into(),
        &org,
        Value::Null,
    ));
    let policy = |description: &str| {
        json!({
            "description": description,
            "resources": [format!("drn:astra:org:{org_id}")],
            "actions": ["org-audits-read"],
            "effect": "allow",
        })
    };
    let role = check.step(success(
        "POST",
        "/v2/organizations/roles".into(),
        &org,
        json!({"name": "Conformance Auditors", "policy": policy("conformance")}),
    ));
    let role_id = role["ID"].as_str().expect("the new role's ID").to_owned();
    let role_path = format!("/v2/organizations/roles/{role_id}");
    let role_read = check.step(success("GET", role_path.clone(), &org, Value::Null));
    check.step(success(
        "PUT",
        role_path.clone(),
        &org,
        json!({"name": "Conformance Auditors", "policy": policy("updated")}),
    ));

    // Users: invite, list, read, change roles, remove.
    let reader = default_role("Read Only User").id;
    check.step(success(
        "PUT",
        "/v2/organizations/users".into(),
        &org,
        json!({"email": "conformance@acme.example", "orgID": org_id, "roles": [reader]}),
    ));
    let users = check.step(success(
        "GET",
        "/v2/organizations/users".into(),
        &org,
        Value::Null,
    ));
    let user_id = users["users"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|u| u["Email"] == "conformance@acme.example")
        .and_then(|u| u["UserID"].as_str())
        .unwrap_or_else(|| panic!("the invited user is listed: {users}"))
        .to_owned();
    let user_path = format!("/v2/organizations/users/{user_id}");
    check.step(success("GET", user_path.clone(), &org, Value::Null));
    check.step(success(
        "PUT",
        format!("{user_path}/roles"),
        &org,
        json!({"roles": [role_id]}),
    ));
    check.step(success("DELETE", user_path, &org, Value::Null));
    check.step(success("DELETE", role_path, &org, Value::Null));

    // Tokens: list, generate and revoke, through both paths.
    check.step(success(
        "GET",
        "/v2/clientIdSecrets".into(),
        &org,
        Value::Null,
    ));
    let readonly_token = json!({"roles": [reader], "description": "conformance"});
    // One with an expiry (our tokenExpiry field), so that the lists carry a tokenExpiry set.
    let expiring = json!({"roles": [reader], "tokenExpiry": "2099-12-31T23:59:59Z"});
    for (path, body) in [
        ("/v2/tokens", expiring),
        ("/v2/clientIdSecrets", readonly_token),
    ] {
        let issued = check.step(success("POST", path.into(), &org, body));
        let client_id = issued["clientId"].as_str().expect("a clientId");
        let listed = check.step(success("GET", path.into(), &org, Value::Null));
        let expiry = listed["clients"]
            .as_array()
            .and_then(|clients| clients.iter().find(|c| c["clientId"] == client_id))
            .map(|c| c["tokenExpiry"].clone());
        let expected = (path == "/v2/tokens").then(|| json!("2099-12-31T23:59:59Z"));
        assert_eq!(expiry, Some(expected.unwrap_or(Value::Null)), "{listed}");
        check.step(success(
            "DELETE",
            format!("/v2/clientIdSecrets/{client_id}"),
            &org,
            Value::Null,
        ));
    }

    // Databases: the regions, list, create, read, a keyspace added and dropped, parked and
    // unparked; then terminated, each change once the database is ACTIVE again, as a client waits
    // for it.
    check.step(success(
        "GET",
        "/v2/regions/serverless".into(),
        &org,
        Value::Null,
    ));
    check.step(success("GET", "/v2/databases".into(), &org, Value::Null));
    check.step(success(
        "POST",
        "/v2/databases".into(),
        &org,
        json!({
            "name": "conformance",
            "keyspace": "conformance",
            "cloudProvider": "AWS",
            "region": "us-east-1",
            "tier": "serverless",
            "capacityUnits": 1,
        }),
    ));
    let state = served.stored();
    let database = state
        .databases
        .values()
        .find(|db| db.org_id == org_id && db.name == "conformance")
        .expect("the new database is stored")
        .id
        .clone();
    let database_path = format!("/v2/databases/{database}");
    check.step(success("GET", database_path.clone(), &org, Value::Null));
    served.wait_for_database(&org, &database, "ACTIVE");
    let keyspace_path = format!("{database_path}/keyspaces/extra");
    check.step(success("POST", keyspace_path.clone(), &org, Value::Null));
    served.wait_for_database(&org, &database, "ACTIVE");
    // dropKeyspace: "202: dropped", "204: no keyspace found to delete".
    check.step(Call {
        expect: Expect::Status(202, "dropped"),
        ..success("DELETE", keyspace_path.clone(), &org, Value::Null)
    });
    served.wait_for_database(&org, &database, "ACTIVE");
    check.run(&Call {
        expect: Expect::Status(204, "no keyspace found to delete"),
        ..success("DELETE", keyspace_path, &org, Value::Null)
    });
    // parkDatabase and unparkDatabase: "202: Accepted" each.
    for (step, then) in [("park", "PARKED"), ("unpark", "ACTIVE")] {
        check.step(Call {
            expect: Expect::Status(202, "Accepted"),
            ..success("POST", format!("{database_path}/{step}"), &org, Value::Null)
        });
        served.wait_for_database(&org, &database, then);
    }
    // Regions and private endpoints (seed 001, "Multiple regions", "Private endpoints"): a region
    // added and listed; in the primary region a principal allowed, an endpoint accepted, read,
    // described and rejected, the principal removed; the added region terminated.
    let datacenters = format!("{database_path}/datacenters");
    check.step(success(
        "POST",
        datacenters.clone(),
        &org,
        json!([{"cloudProvider": "AWS", "region": "us-west-2"}]),
    ));
    check.step(success("GET", datacenters.clone(), &org, Value::Null));
    let link = format!("/v2/organizations/clusters/{database}/datacenters/{database}-1");
    let principal = "arn:aws:iam::123456789012:role/conformance";
    check.step(success(
        "POST",
        format!("{link}/allowed-principals"),
        &org,
        json!({"allowedPrincipals": [principal]}),
    ));
    check.step(success(
        "POST",
        format!("{link}/private-link"),
        &org,
        json!({"allowedPrincipals": ["arn:aws:iam::123456789012:role/second"]}),
    ));
    check.step(success(
        "GET",
        format!("{link}/private-link"),
        &org,
        Value::Null,
    ));
    check.step(success(
        "POST",
        format!("{link}/endpoints"),
        &org,
        json!({"endpointID": "vpce-0a1b2c3d4e5f67890", "description": "conformance"}),
    ));
    let endpoint = format!("{link}/endpoints/vpce-0a1b2c3d4e5f67890");
    check.step(success("GET", endpoint.clone(), &org, Value::Null));
    check.step(success(
        "PUT",
        endpoint.clone(),
        &org,
        json!({"description": "conformance, described"}),
    ));
    check.step(success(
        "GET",
        format!("/v2/organizations/clusters/{database}/private-link"),
        &org,
        Value::Null,
    ));
    check.step(success(
        "GET",
        "/v2/organizations/private-link".into(),
        &org,
        Value::Null,
    ));
    check.step(success("DELETE", endpoint, &org, Value::Null));
    check.step(success(
        "DELETE",
        format!("{link}/allowed-principals"),
        &org,
        json!({"allowedPrincipal": principal}),
    ));
    check.step(success(
        "POST",
        format!("{datacenters}/{database}-2/terminate"),
        &org,
        Value::Null,
    ));

    // The database's IP access list (seeds 001 and 004: Read/Write IP Access List): add, read,
    // change, replace, remove, and the organization's lists; validate and template. The 403s
    // come from a token whose role holds neither permission (seed 001's Billing Admin): the
    // weak token's RO Svc Acct holds Read IP Access List.
    let billing = served.request_token(&org, "Billing Administrator", "no access lists");
    assert_eq!(billing.status, 200, "{}", billing.body);
    let billing = billing.json()["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    check.weak = &billing;
    let access_list = format!("{database_path}/access-list");
    let address = |address: &str, description: &str| json!({"address": address, "enabled": true, "description": description});
    check.step(success(
        "POST",
        access_list.clone(),
        &org,
        json!([
            address("137.187.23.0/24", "prod"),
            address("10.0.0.7", "bastion")
        ]),
    ));
    check.step(success("GET", access_list.clone(), &org, Value::Null));
    check.step(success("GET", "/v2/access-lists".into(), &org, Value::Null));
    check.step(success(
        "PATCH",
        access_list.clone(),
        &org,
        json!({"addresses": [{"address": "10.0.0.7/32", "enabled": false, "description": "off"}],
            "configurations": {"accessListEnabled": true}}),
    ));
    check.step(success(
        "PUT",
        access_list.clone(),
        &org,
        json!({"addresses": [address("137.187.23.0/24", "prod"), address("198.51.100.0/24", "ci")],
            "configurations": {"accessListEnabled": true}}),
    ));
    check.step(success(
        "DELETE",
        format!("{access_list}?addresses=198.51.100.0/24"),
        &org,
        Value::Null,
    ));
    check.step(success("DELETE", access_list, &org, Value::Null));
    let template = check.step(success(
        "POST",
        "/v2/access-list/template".into(),
        &org,
        Value::Null,
    ));
    check.step(success(
        "POST",
        "/v2/access-list/validate".into(),
        &org,
        template,
    ));
    check.weak = &weak;
    // terminateDatabase: "202: Accepted".
    check.step(Call {
        expect: Expect::Status(202, "Accepted"),
        ..success(
            "POST",
            format!("{database_path}/terminate"),
            &org,
            Value::Null,
        )
    });
    served.wait_for_database(&org, &database, "TERMINATED");
    check.step(success("GET", database_path, &org, Value::Null));

    // Customer keys (seed 001, "Bring Your Own Key"): one registered, listed, read by provider
    // and region with the accounts to grant it to; a second for the region is the spec's 400.
    let key = json!({
        "orgId": org_id,
        "aws": {
            "keyID": "arn:aws:kms:us-east-1:111111111:key/aabbbb-a00f-4c38-9e92-b46ff1ed181d",
            "region": "us-east-1",
        },
    });
    check.step(success("POST", "/v2/kms".into(), &org, key.clone()));
    check.run(&Call {
        expect: Expect::Refusal(400, "a second key for the region"),
        ..success("POST", "/v2/kms".into(), &org, key)
    });
    check.step(success("GET", "/v2/kms".into(), &org, Value::Null));
    let region = "/v2/kms/provider/aws/region/us-east-1";
    check.step(success("GET", region.into(), &org, Value::Null));
    check.step(success(
        "GET",
        format!("{region}/accounts"),
        &org,
        Value::Null,
    ));

    // The enterprise: a new organization.
    check.step(success(
        "POST",
        "/v2/enterprises/organizations".into(),
        &ent,
        json!({
            "name": "Conformance Org",
            "email": "conformance-org@acme.example",
            "adminUserID": served.boot().user_id,
        }),
    ));

    // The check can fail: the role as read, with a policy that denies and without its name, is
    // refused with the route, the status and the JSON pointer of each departure.
    let mut broken = role_read;
    broken["Policy"]["effect"] = json!("deny");
    broken.as_object_mut().expect("a role").remove("Name");
    let mut control = Check {
        spec: &spec,
        operations: spec.overlap(),
        served: &served,
        weak: &weak,
        findings: Findings::default(),
    };
    let read = success(
        "GET",
        format!("/v2/organizations/roles/{role_id}"),
        &org,
        Value::Null,
    );
    let reply = Reply {
        status: 200,
        headers: Default::default(),
        body: broken.to_string(),
    };
    control.check(&read, &reply);
    let caught = control.findings.problems.join("\n");
    for departure in [
        "GET /v2/organizations/roles/{roleID} → 200: at /Policy/effect: \"deny\"",
        "GET /v2/organizations/roles/{roleID} → 200: at (root): \"Name\" is a required property",
    ] {
        assert!(
            caught.contains(departure),
            "the check misses {departure}:\n{caught}"
        );
    }

    let Findings {
        validated,
        skipped,
        unprovoked,
        mut problems,
        exceptions,
        seen,
    } = check.findings;
    for operation in &check.operations {
        let name = operation.name();
        let successes = seen
            .get(&name)
            .map_or(0, |s| s.iter().filter(|s| (200..300).contains(*s)).count());
        if successes == 0 {
            problems.push(format!("{name}: no success was checked"));
        }
    }
    println!(
        "The spec's operations that the route table serves ({}):",
        check.operations.len()
    );
    for operation in &check.operations {
        let statuses: Vec<String> = seen
            .get(&operation.name())
            .into_iter()
            .flatten()
            .map(u16::to_string)
            .collect();
        println!(
            "  {:<50} checked: {}",
            operation.name(),
            statuses.join(", ")
        );
    }
    println!("Validated against the spec's schema ({}):", validated.len());
    validated.iter().for_each(|v| println!("  {v}"));
    println!(
        "Not validated: no schema to validate against ({}):",
        skipped.len()
    );
    skipped.iter().for_each(|s| println!("  {s}"));
    println!(
        "Documented refusals this test has no request for ({}):",
        unprovoked.len()
    );
    unprovoked.iter().for_each(|s| println!("  {s}"));
    println!("Exceptions to the spec applied:");
    for (exception, _) in COMPONENT_EXCEPTIONS {
        println!("  {exception}");
    }
    exceptions.iter().for_each(|e| println!("  {e}"));
    assert!(
        problems.is_empty(),
        "{} responses do not conform to the spec:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

//! A database's IP access list over HTTP (seeds 001 and 004: Read/Write IP Access List): the
//! server keeps what the core decides, in its storage, and the gate answers for each token.

use serde_json::json;

use crate::server::{args, Served};

/// Seed 004, "Write IP Access List (accesslist-write): Create and modify database [...] IP access
/// lists"; seed 001's RO Svc Acct holds only Read IP Access List.
#[test]
fn an_access_list_is_kept_by_the_server_and_changed_only_with_write_ip_access_list() {
    let served = Served::start(&args("access-list", false));
    let admin = served.boot().organization_token.token.clone();
    let body = json!({"name": "lists", "keyspace": "main", "cloudProvider": "AWS",
        "region": "us-east-1", "tier": "serverless", "capacityUnits": 1});
    let created = served.call("POST", "/v2/databases", &admin, &body.to_string());
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_str().expect("an ID").to_owned();
    served.wait_for_database(&admin, &id, "ACTIVE");
    let list = format!("/v2/databases/{id}/access-list");

    let entries = json!([
        {"address": "137.187.23.0/24", "enabled": true, "description": "prod"},
        {"address": "10.0.0.7", "enabled": true, "description": "bastion"},
    ]);
    let added = served.call("POST", &list, &admin, &entries.to_string());
    assert_eq!((added.status, added.body.as_str()), (204, ""));
    let switched = json!({"configurations": {"accessListEnabled": true}});
    let patched = served.call("PATCH", &list, &admin, &switched.to_string());
    assert_eq!(patched.status, 204, "{}", patched.body);

    let read = served.call("GET", &list, &admin, "");
    assert_eq!(read.status, 200, "{}", read.body);
    let read = read.json();
    assert_eq!(read["configurations"]["accessListEnabled"], true);
    assert_eq!(read["addresses"][1]["address"], "10.0.0.7/32");
    let stored = served.stored();
    let kept = &stored.databases[&id].access_list;
    assert!(kept.enabled);
    assert_eq!(kept.addresses.len(), 2);

    let bad = json!([{"address": "10.0.0.1/24", "enabled": true, "description": ""}]);
    let refused = served.call("POST", &list, &admin, &bad.to_string());
    assert_eq!(refused.status, 400, "{}", refused.body);
    let message = refused.json()["errors"][0]["message"].to_string();
    assert!(
        message.contains("field '[0].address' is invalid"),
        "{message}"
    );

    let reader = served.request_token(&admin, "Read Only Service Account", "reader");
    assert_eq!(reader.status, 200, "{}", reader.body);
    let reader = reader.json()["token"].as_str().expect("a token").to_owned();
    assert_eq!(served.call("GET", &list, &reader, "").status, 200);
    let refused = served.call("DELETE", &list, &reader, "");
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Write IP Access List (accesslist-write)"),
        "{}",
        refused.body
    );

    let removed = served.call("DELETE", &format!("{list}?addresses=10.0.0.7"), &admin, "");
    assert_eq!(removed.status, 204, "{}", removed.body);
    let stored = served.stored();
    let left: Vec<&str> = stored.databases[&id]
        .access_list
        .addresses
        .iter()
        .map(|a| a.address.as_str())
        .collect();
    assert_eq!(left, ["137.187.23.0/24"]);
}

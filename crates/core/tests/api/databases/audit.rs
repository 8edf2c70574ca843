//! The audit log: the changes it records and who reads it, with its filters.

use super::{actions, add_keyspace, create_db, db_body, entry, org_wide_member};
use crate::support::{assert_mentions, assert_refusal, codes::*, keys, World};
use portal_core::api::{Body, Method, Response};
use portal_core::model::Scope;
use serde_json::{json, Value};

/// seed 004, "Read Audits (org-audits-read): Download organization audit logs": every change
/// is recorded, refusals are not, and only a principal with Read Audits reads the log.
#[test]
fn changes_are_audited_and_read_with_read_audits() {
    let mut world = World::new();
    let id = create_db(&mut world, "orders-db");
    let admin = world.admin();
    add_keyspace(&mut world, &id, "archive");
    world.expect(
        409,
        &admin,
        Method::Post,
        "/v2/databases",
        db_body("orders-db"),
    );

    let log = world.get(200, &admin, "/v2/organizations/audits");
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
    // The keyspace was added once the database was ACTIVE, two life-cycle steps after it was
    // created.
    assert_eq!(entries[0]["at"], "2025-06-01T12:00:04Z");
    assert_eq!(entries[1]["at"], "2025-06-01T12:00:00Z");
    assert_eq!(entries[0]["scope"], json!({"organization": world.org()}));
    assert_eq!(
        entries[0]["targets"],
        json!([
            id,
            format!("drn:astra:org:{}:db:{id}:keyspace:archive", world.org())
        ])
    );

    let viewer = org_wide_member(&mut world, "viewer", &["org-db-view"]);
    let refused = world.get(403, &viewer, "/v2/organizations/audits");
    assert_mentions(&refused, "Read Audits (org-audits-read)");
    let auditor = org_wide_member(&mut world, "auditor", &["org-audits-read"]);
    let read = world.get(200, &auditor, "/v2/organizations/audits");
    assert_eq!(read, log);
    let enterprise = world.enterprise_admin();
    world.get(403, &enterprise, "/v2/organizations/audits");
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
        actions(&world.get(200, &admin, &target)).join(",")
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
        let refused = world.get(400, &admin, &target);
        assert_refusal(&refused, INVALID_FIELD, &format!("'{parameter}'"));
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
    let log = world.get(200, &enterprise_admin, "/v2/enterprises/audits");
    assert_eq!(actions(&log), ["user.invite", "organization.create"]);
    assert_eq!(log["entries"][0]["scope"], "enterprise");
    let filtered = world.get(200, &enterprise_admin, "/v2/enterprises/audits?actor=admin");
    assert_eq!(actions(&filtered), ["organization.create"]);
    world.get(400, &enterprise_admin, "/v2/enterprises/audits?limit=-1");

    let enterprise_token = world.token(&world.boot.enterprise_token.token.clone());
    world.get(200, &enterprise_token, "/v2/enterprises/audits");
    let org_admin = world.admin();
    let refused = world.get(403, &org_admin, "/v2/enterprises/audits");
    assert_refusal(&refused, FORBIDDEN, "Enterprise Administrator");
}

/// The CSV file of an answer, with its name.
fn csv_of(response: &Response) -> (&str, &str) {
    match &response.body {
        Body::Csv { filename, text } => (filename, text),
        other => panic!("not a CSV body: {other:?}"),
    }
}

/// seed 004, "Read Audits (org-audits-read): Download organization audit logs": `format=csv`
/// answers the entries the JSON answer holds, with the same filters and to the same readers, as
/// a file headed with the page's columns, every cell neutralised against spreadsheet formulas.
#[test]
fn the_audit_log_downloads_as_csv_with_its_filters() {
    let mut world = World::new();
    let org = Scope::Organization(world.org());
    let typed = ("u-eve", "=HYPERLINK(\"http://x\")");
    entry(
        &mut world,
        "2025-05-01T00:00:00Z",
        typed,
        org.clone(),
        "role.create",
    );
    world.state.audit.values_mut().last().unwrap().targets = vec!["r-1".into(), "r-2".into()];
    let bob = ("u-bob", "bob@acme.test");
    entry(&mut world, "2025-05-02T00:00:00Z", bob, org, "user.invite");
    entry(
        &mut world,
        "2025-05-03T00:00:00Z",
        bob,
        Scope::Enterprise,
        "role.update",
    );
    let elsewhere = Scope::Organization("org-elsewhere".into());
    entry(
        &mut world,
        "2025-05-04T00:00:00Z",
        bob,
        elsewhere,
        "role.delete",
    );

    let auditor = org_wide_member(&mut world, "auditor", &["org-audits-read"]);
    let target = "/v2/organizations/audits?format=csv&action=role.";
    let response = world.call(&auditor, Method::Get, target, Value::Null);
    assert_eq!(response.status, 200);
    let (filename, text) = csv_of(&response);
    assert_eq!(
        filename,
        format!("audit-log-{}-2025-06-01.csv", world.org())
    );
    assert_eq!(
        text,
        "When,Who,Action,What changed,IDs\n\
         2025-05-01T00:00:00Z,\"'=HYPERLINK(\"\"http://x\"\")\",role.create,role.create,\"r-1, r-2\"\n",
        "the organization's role entries only: not the enterprise's, not another organization's"
    );

    // Unfiltered, the same entries as the JSON answer, in its order.
    let json = world.get(200, &auditor, "/v2/organizations/audits");
    let all = world.call(
        &auditor,
        Method::Get,
        "/v2/organizations/audits?format=csv",
        Value::Null,
    );
    let rows: Vec<&str> = csv_of(&all).1.lines().skip(1).collect();
    assert_eq!(rows.len(), actions(&json).len());
    for (row, action) in rows.iter().zip(actions(&json)) {
        assert!(row.contains(&format!(",{action},")), "{row}");
    }

    let enterprise = world.enterprise_admin();
    let target = "/v2/enterprises/audits?format=csv";
    let response = world.call(&enterprise, Method::Get, target, Value::Null);
    let (filename, text) = csv_of(&response);
    assert_eq!(filename, "audit-log-enterprise-2025-06-01.csv");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains(",role.update,"), "{text}");

    let viewer = org_wide_member(&mut world, "viewer", &["org-db-view"]);
    let refused = world.get(403, &viewer, "/v2/organizations/audits?format=csv");
    assert_mentions(&refused, "Read Audits (org-audits-read)");
    let refused = world.get(400, &auditor, "/v2/organizations/audits?format=xlsx");
    assert_refusal(&refused, INVALID_FIELD, "'format'");
}

//! A database's IP access list (seeds 001 and 004: Read IP Access List `accesslist-read`, Write
//! IP Access List `accesslist-write`; seed 001, "Manage access list for IP addresses and CIDR"),
//! through the spec's Access List operations.

use std::net::Ipv4Addr;

use super::{create_db, custom_role, member};
use crate::support::{assert_mentions, assert_refusal, codes::*, World};
use portal_core::api::visibility::Visibility;
use portal_core::api::Actor;
use portal_core::api::Method;
use portal_core::model::access_list::{check_entries, Admission, Cidr, EntryField, EntryInput};
use portal_core::model::{AccessAddress, AccessList, Database, Lifecycle, MemberStatus, Record};
use portal_core::rbac::Drn;
use serde_json::{json, Value};

fn path(db: &str) -> String {
    format!("/v2/databases/{db}/access-list")
}

fn entry(address: &str, description: &str) -> Value {
    json!({"address": address, "enabled": true, "description": description})
}

fn addresses(list: &Value) -> Vec<&str> {
    list["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["address"].as_str().unwrap())
        .collect()
}

/// A user holding a role with these actions on the organization and all its databases (the
/// portal's "Apply permissions to all databases in this organization").
fn org_wide_member(world: &mut World, name: &str, actions: &[&str]) -> Actor {
    let org = world.org();
    let resources = vec![Drn::organization(&org), Drn::database(&org, "*")];
    let role = custom_role(world, name, actions, resources);
    let email = format!("{name}@acme.test");
    member(world, &email, &[role], MemberStatus::Active)
}

fn ip(text: &str) -> Ipv4Addr {
    text.parse().unwrap()
}

#[test]
fn a_bare_address_is_one_host_and_a_range_keeps_its_prefix() {
    assert_eq!(Cidr::parse("10.0.0.1").unwrap().to_string(), "10.0.0.1/32");
    assert_eq!(
        Cidr::parse(" 137.187.23.0/24 ").unwrap().to_string(),
        "137.187.23.0/24"
    );
    assert_eq!(Cidr::parse("0.0.0.0/0").unwrap().to_string(), "0.0.0.0/0");
    assert_eq!(
        Cidr::parse("10.0.0.1"),
        Cidr::parse("10.0.0.1/32"),
        "the same entry"
    );
}

/// The spec's AddressRequest pattern: a dotted quad, and a prefix from /0 to /32; IPv4 only.
#[test]
fn what_is_not_an_ipv4_range_is_refused_with_how_to_write_one() {
    for (text, says) in [
        ("", "the address is empty"),
        ("10.0.0", "is not an IPv4 address"),
        ("256.0.0.1", "is not an IPv4 address"),
        ("010.0.0.1", "is not an IPv4 address"),
        ("10.0.0.0/33", "use a number from /0 to /32"),
        ("10.0.0.0/+8", "use a number from /0 to /32"),
        ("10.0.0.0/", "use a number from /0 to /32"),
        (
            "2001:db8::/32",
            "IPv6 address, and access lists take IPv4 only",
        ),
    ] {
        let refused = Cidr::parse(text).unwrap_err();
        assert!(refused.contains(says), "{text}: {refused}");
    }
}

/// Host bits set are refused, not silently widened: the message offers the range and the host.
#[test]
fn a_range_with_host_bits_set_is_refused_with_the_range_it_may_mean() {
    let refused = Cidr::parse("10.0.0.1/24").unwrap_err();
    assert!(
        refused.contains("write the range as 10.0.0.0/24, or the one address as 10.0.0.1/32"),
        "{refused}"
    );
}

#[test]
fn ranges_overlap_when_one_holds_the_other() {
    let cidr = |t| Cidr::parse(t).unwrap();
    assert!(cidr("10.0.0.0/8").overlaps(cidr("10.1.2.0/24")));
    assert!(cidr("10.1.2.0/24").overlaps(cidr("10.0.0.0/8")));
    assert!(cidr("0.0.0.0/0").overlaps(cidr("192.0.2.7/32")));
    assert!(!cidr("10.0.0.0/24").overlaps(cidr("10.0.1.0/24")));
    assert!(cidr("10.0.0.0/24").contains(ip("10.0.0.255")));
    assert!(!cidr("10.0.0.0/24").contains(ip("10.0.1.0")));
}

#[test]
fn duplicates_and_overlaps_are_refused_naming_the_entry_and_its_field() {
    let input = |address, description| EntryInput {
        address,
        description,
    };
    let long = "x".repeat(201);
    let problems = check_entries(&[
        input("10.0.0.0/16", "office"),
        input("10.0.0.0/16", "again"),
        input("10.0.5.0/24", ""),
        input("192.0.2.1", "ok"),
        input("nowhere", ""),
        input("192.0.2.2", &long),
    ])
    .unwrap_err();
    let said: Vec<(usize, EntryField)> = problems.iter().map(|p| (p.index, p.field)).collect();
    assert_eq!(
        said,
        [
            (1, EntryField::Address),
            (2, EntryField::Address),
            (4, EntryField::Address),
            (5, EntryField::Description)
        ]
    );
    assert_eq!(
        problems[0].message_with_field("addresses"),
        "field 'addresses[1].address' is invalid: 10.0.0.0/16 is already in the list as \
         10.0.0.0/16 ('office'): change or remove that entry instead"
    );
    assert!(
        problems[1]
            .message
            .contains("10.0.5.0/24 lies inside 10.0.0.0/16 ('office')"),
        "{}",
        problems[1].message
    );
    // A bare address and its /32 are one entry.
    let same = check_entries(&[input("192.0.2.1", ""), input("192.0.2.1/32", "")]).unwrap_err();
    assert!(same[0].message.contains("already in the list"));
}

fn listed(enabled: bool, entries: &[(&str, bool)]) -> AccessList {
    AccessList {
        enabled,
        addresses: entries
            .iter()
            .map(|(address, on)| AccessAddress {
                address: address.to_string(),
                enabled: *on,
                description: format!("{address} entry"),
                updated_at: "2025-06-01T12:00:00Z".parse().unwrap(),
            })
            .collect(),
    }
}

/// Reading of the spec's `accessListEnabled`: off, every address may connect; on, only one inside
/// an enabled entry, and the answer names that entry.
#[test]
fn the_allow_check_names_the_entry_that_allows_an_address() {
    let list = listed(true, &[("10.0.0.0/16", true), ("192.0.2.0/24", false)]);
    match list.admits(ip("10.0.3.4")) {
        Admission::By(entry) => assert_eq!(entry.address, "10.0.0.0/16"),
        other => panic!("{other:?}"),
    }
    match list.admits(ip("192.0.2.9")) {
        Admission::Refused {
            disabled: Some(entry),
        } => assert_eq!(entry.address, "192.0.2.0/24"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        list.admits(ip("8.8.8.8")),
        Admission::Refused { disabled: None }
    );
    assert!(!list.admits(ip("8.8.8.8")).allowed());
    let off = AccessList {
        enabled: false,
        ..list.clone()
    };
    assert_eq!(off.admits(ip("8.8.8.8")), Admission::ListOff);
    assert!(off.admits(ip("8.8.8.8")).allowed());
    assert_eq!(
        listed(true, &[]).admits(ip("10.0.0.1")),
        Admission::Refused { disabled: None },
        "a list that is on with no entries allows no one"
    );
}

/// Seed 004, Write IP Access List: add, change, turn on and remove through the spec's operations,
/// each change audited.
#[test]
fn addresses_are_added_changed_switched_and_removed() {
    let mut world = World::new();
    let db = create_db(&mut world, "orders-db");
    let admin = world.admin();
    let list = world.get(200, &admin, &path(&db));
    assert_eq!(
        list,
        json!({"organizationId": world.org(), "databaseId": db, "addresses": [],
            "configurations": {"accessListEnabled": false}})
    );

    let body = json!([
        entry("137.187.23.0/24", "prod"),
        entry("10.0.0.7", "bastion")
    ]);
    world.expect(204, &admin, Method::Post, &path(&db), body);
    let list = world.get(200, &admin, &path(&db));
    assert_eq!(addresses(&list), ["137.187.23.0/24", "10.0.0.7/32"]);
    assert_eq!(list["addresses"][0]["description"], "prod");
    assert_eq!(
        list["addresses"][0]["lastUpdateDateTime"],
        "2025-06-01 12:00:04 +0000 UTC"
    );

    // PATCH: disable one and turn the list on.
    world.now += chrono::Duration::minutes(5);
    let patch = json!({"addresses": [{"address": "10.0.0.7/32", "enabled": false,
        "description": "bastion (off)"}], "configurations": {"accessListEnabled": true}});
    world.expect(204, &admin, Method::Patch, &path(&db), patch);
    let list = world.get(200, &admin, &path(&db));
    assert_eq!(list["configurations"]["accessListEnabled"], true);
    assert_eq!(list["addresses"][1]["enabled"], false);
    assert_eq!(list["addresses"][1]["description"], "bastion (off)");
    assert_eq!(
        list["addresses"][1]["lastUpdateDateTime"],
        "2025-06-01 12:05:04 +0000 UTC"
    );
    assert_eq!(
        list["addresses"][0]["lastUpdateDateTime"], "2025-06-01 12:00:04 +0000 UTC",
        "an entry that did not change keeps its time"
    );

    // PUT replaces the entries; without configurations the switch stays.
    let put =
        json!({"addresses": [entry("137.187.23.0/24", "prod"), entry("198.51.100.0/24", "ci")]});
    world.expect(204, &admin, Method::Put, &path(&db), put);
    let list = world.get(200, &admin, &path(&db));
    assert_eq!(addresses(&list), ["137.187.23.0/24", "198.51.100.0/24"]);
    assert_eq!(list["configurations"]["accessListEnabled"], true);

    let one = format!("{}?addresses=198.51.100.0/24", path(&db));
    world.bodiless(204, &admin, Method::Delete, &one);
    assert_eq!(
        addresses(&world.get(200, &admin, &path(&db))),
        ["137.187.23.0/24"]
    );
    world.bodiless(404, &admin, Method::Delete, &one);
    world.bodiless(204, &admin, Method::Delete, &path(&db));
    let list = world.get(200, &admin, &path(&db));
    assert_eq!(addresses(&list), Vec::<&str>::new());
    assert_eq!(list["configurations"]["accessListEnabled"], false);

    let log = world.get(
        200,
        &admin,
        "/v2/organizations/audits?action=database.accessList",
    );
    let summaries: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "deleted the access list (database orders-db)",
            "removed 198.51.100.0/24 from the access list (database orders-db)",
            "replaced the access list with 137.187.23.0/24, 198.51.100.0/24 (database orders-db)",
            "updated 10.0.0.7/32 in the access list; turned the access list on (database orders-db)",
            "added 137.187.23.0/24, 10.0.0.7/32 to the access list (database orders-db)",
        ]
    );
}

#[test]
fn a_bad_entry_is_refused_naming_its_field_and_changes_nothing() {
    let mut world = World::new();
    let db = create_db(&mut world, "orders-db");
    let admin = world.admin();
    world.expect(
        204,
        &admin,
        Method::Post,
        &path(&db),
        json!([entry("10.0.0.0/16", "office")]),
    );
    let before = world.get(200, &admin, &path(&db));

    let refused = world.expect(
        400,
        &admin,
        Method::Post,
        &path(&db),
        json!([entry("192.0.2.0/24", ""), entry("10.0.0.1/24", "")]),
    );
    assert_refusal(
        &refused,
        INVALID_FIELD,
        "field '[1].address' is invalid: '10.0.0.1/24' has host bits set",
    );
    let refused = world.expect(
        400,
        &admin,
        Method::Post,
        &path(&db),
        json!([entry("10.0.9.0/24", "lab")]),
    );
    assert_refusal(
        &refused,
        INVALID_FIELD,
        "field '[0].address' is invalid: 10.0.9.0/24 lies inside 10.0.0.0/16 ('office')",
    );
    let put = json!({"addresses": [entry("10.0.0.0/16", ""), entry("10.0.0.0/16", "")]});
    let refused = world.expect(400, &admin, Method::Put, &path(&db), put);
    assert_mentions(&refused, "field 'addresses[1].address' is invalid");
    let patch = json!({"addresses": [entry("172.16.0.0/12", "")]});
    let refused = world.expect(400, &admin, Method::Patch, &path(&db), patch);
    assert_mentions(&refused, "172.16.0.0/12 is not in the access list");
    let missing_field = json!([{"address": "192.0.2.1", "enabled": true}]);
    let refused = world.expect(400, &admin, Method::Post, &path(&db), missing_field);
    assert_mentions(&refused, "description");
    // The spec's configurations is an object: left out keeps the switch, null is refused.
    for method in [Method::Put, Method::Patch] {
        let null = json!({"addresses": [], "configurations": null});
        let refused = world.expect(400, &admin, method, &path(&db), null);
        assert_mentions(&refused, "configurations");
    }
    assert_eq!(world.get(200, &admin, &path(&db)), before);
}

/// Seeds 001 and 004: a role without Write IP Access List reads the list (Read IP Access List is
/// in nearly every default role) and is refused every change by the gate.
#[test]
fn reading_takes_read_ip_access_list_and_changing_takes_write() {
    let mut world = World::new();
    let db = create_db(&mut world, "orders-db");
    let reader = org_wide_member(&mut world, "reader", &["accesslist-read"]);
    world.get(200, &reader, &path(&db));
    world.get(200, &reader, "/v2/access-lists");
    let refused = world.expect(
        403,
        &reader,
        Method::Post,
        &path(&db),
        json!([entry("10.0.0.0/8", "")]),
    );
    assert_mentions(&refused, "Write IP Access List (accesslist-write)");
    for method in [Method::Put, Method::Patch] {
        world.expect(403, &reader, method, &path(&db), json!({"addresses": []}));
    }
    world.bodiless(403, &reader, Method::Delete, &path(&db));

    let nobody = org_wide_member(&mut world, "viewer", &["org-db-view"]);
    let refused = world.get(403, &nobody, &path(&db));
    assert_mentions(&refused, "Read IP Access List (accesslist-read)");
    world.get(403, &nobody, "/v2/access-lists");
    // Validate and template read and change nothing.
    let answer = world.expect(
        200,
        &nobody,
        Method::Post,
        "/v2/access-list/validate",
        json!({"addresses": [entry("10.0.0.1/24", "")]}),
    );
    assert_eq!(answer["valid"], false);
    assert_mentions_failure(&answer, "field 'addresses[0].address' is invalid");

    let writer = org_wide_member(&mut world, "writer", &["accesslist-write"]);
    world.expect(
        204,
        &writer,
        Method::Post,
        &path(&db),
        json!([entry("10.0.0.0/8", "")]),
    );
}

fn assert_mentions_failure(answer: &Value, text: &str) {
    let failures = answer["validationFailures"].to_string();
    assert!(failures.contains(text), "{failures}");
}

/// Seed 004: "Visibility of database access lists depends on the role's resource scopes": a role
/// scoped to one database reads that database's list only.
#[test]
fn a_role_scoped_to_one_database_reads_that_list_only() {
    let mut world = World::new();
    let first = create_db(&mut world, "orders-db");
    let second = create_db(&mut world, "events-db");
    let org = world.org();
    let scoped = super::active_member(
        &mut world,
        "scoped",
        &["accesslist-read", "org-db-view"],
        Drn::database(&org, &first),
    );
    let lists = world.get(200, &scoped, "/v2/access-lists");
    let ids: Vec<&str> = lists
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["databaseId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [first.as_str()]);
    world.get(403, &scoped, &path(&second));
}

/// A database of another organization is not found, as the other database routes answer.
#[test]
fn another_organizations_database_is_not_found() {
    let mut world = World::new();
    let other = world.second_organization();
    let theirs = "0f1e2d3c-0000-4000-8000-000000000001".to_owned();
    world.state.databases.insert(
        theirs.clone(),
        Database {
            id: theirs.clone(),
            org_id: other,
            owner_id: "someone".into(),
            name: "theirs".into(),
            cloud_provider: "AWS".into(),
            region: "us-east-1".into(),
            keyspaces: Default::default(),
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
    let admin = world.admin();
    let refused = world.get(404, &admin, &path(&theirs));
    assert_refusal(&refused, NOT_FOUND, "was not found");
    world.expect(
        404,
        &admin,
        Method::Post,
        &path(&theirs),
        json!([entry("10.0.0.0/8", "")]),
    );
    assert!(world
        .get(200, &admin, "/v2/access-lists")
        .as_array()
        .unwrap()
        .is_empty());
    // An enterprise-level actor is turned away from database operations (seed 000).
    let enterprise = world.enterprise_admin();
    world.get(403, &enterprise, "/v2/access-lists");
}

#[test]
fn the_template_is_a_list_the_validator_takes() {
    let mut world = World::new();
    let admin = world.admin();
    let template = world.expect(
        200,
        &admin,
        Method::Post,
        "/v2/access-list/template",
        Value::Null,
    );
    let answer = world.expect(
        200,
        &admin,
        Method::Post,
        "/v2/access-list/validate",
        template,
    );
    assert_eq!(answer, json!({"valid": true, "validationFailures": []}));
    let answer = world.expect(
        200,
        &admin,
        Method::Post,
        "/v2/access-list/validate",
        json!({"adresses": []}),
    );
    assert_eq!(answer["valid"], false);
}

/// Seed 004: "Visibility of database access lists depends on the role's resource scopes": a
/// client's copy of the database (the changes feed) carries its access list only for an actor
/// with Read IP Access List on it.
#[test]
fn a_copy_of_the_database_carries_its_list_only_for_readers_of_it() {
    let mut world = World::new();
    let db = create_db(&mut world, "orders-db");
    let admin = world.admin();
    let body = json!([entry("10.0.0.0/8", "office")]);
    world.expect(204, &admin, Method::Post, &path(&db), body);
    let record = Record::Database(world.state.databases[&db].clone());
    let list_in = |world: &World, actor: &Actor| match Visibility::of(&world.state, actor)
        .project(record.clone())
    {
        Some(Record::Database(copy)) => copy.access_list.addresses.len(),
        other => panic!("the database is readable: {other:?}"),
    };
    let viewer = org_wide_member(&mut world, "viewer", &["org-db-view"]);
    assert_eq!(list_in(&world, &viewer), 0);
    let reader = org_wide_member(&mut world, "reader", &["org-db-view", "accesslist-read"]);
    assert_eq!(list_in(&world, &reader), 1);
}

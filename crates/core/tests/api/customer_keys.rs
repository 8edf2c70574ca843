//! Customer keys: seed 001, "Bring Your Own Key" ("associate a Customer Managed Key (one per
//! region) that you defined in the cloud provider's Key Management Service with a Customer Key
//! that you create in Astra DB"; "this organization-scoped Astra DB feature"), and seed 004's
//! Read CMK Key (org-cmk-read, "View customer keys in an organization") and Write CMK Key
//! (org-cmk-write, "Create and manage customer keys"), through the spec's `/v2/kms` operations.

use crate::support::{assert_mentions, assert_refusal, codes::*, default_id, error_id, World};
use portal_core::api::visibility::Visibility;
use portal_core::api::{Actor, ErrorId, Method};
use portal_core::model::entropy::uuid;
use portal_core::model::{check_invariants, KmsProvider, Membership, Record, Scope, User};
use serde_json::{json, Value};
use Method::Post;

const KMS: &str = "/v2/kms";
const AWS_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const GCP_KEY: &str = "projects/acme/locations/us-east1/keyRings/astra/cryptoKeys/byok";

fn aws(key: &str, region: &str) -> Value {
    json!({"aws": {"keyID": key, "region": region}})
}

/// A user active in the first organization with one default role.
fn with_default_role(world: &mut World, role: &str) -> Actor {
    let id = uuid(&mut world.entropy);
    let mut user = User {
        id: id.clone(),
        email: format!("{id}@acme.test"),
        organizations: Default::default(),
        enterprise: None,
    };
    let scope = Scope::Organization(world.org());
    user.set_membership(
        &scope,
        Some(Membership::active(vec![default_id(role).into()])),
    );
    world.state.users.insert(id.clone(), user);
    world.user(&id, scope)
}

fn register(world: &mut World, actor: &Actor, body: Value) -> Value {
    world.expect(200, actor, Post, KMS, body)
}

/// Seed 001: a Customer Managed Key defined in the provider's KMS is associated with the
/// organization; the spec's CreateKey answers 200, ListKeys the ExternalKMSResponse entries,
/// GetServerlessKey the key under its provider's name; only the key's identifier is kept, with
/// when and by whom it was added.
#[test]
fn a_key_is_registered_then_listed_and_read_for_its_region() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    assert_eq!(
        register(&mut world, &admin, aws(AWS_KEY, "us-east-1")),
        Value::Null
    );
    let gcp = json!({"orgId": org, "gcp": {"keyID": GCP_KEY, "region": "us-east1"}});
    register(&mut world, &admin, gcp);

    let listed = world.get(200, &admin, KMS);
    assert_eq!(
        listed,
        json!([
            {"OrganizationID": org, "CloudProvider": "aws", "KeyID": AWS_KEY, "Region": "us-east-1"},
            {"OrganizationID": org, "CloudProvider": "gcp", "KeyID": GCP_KEY, "Region": "us-east1"},
        ])
    );
    let one = world.get(200, &admin, "/v2/kms/provider/aws/region/us-east-1");
    assert_eq!(
        one,
        json!({"orgId": org, "aws": {"keyID": AWS_KEY, "region": "us-east-1"}})
    );
    let one = world.get(200, &admin, "/v2/kms/provider/GCP/region/us-east1");
    assert_eq!(one["gcp"]["keyID"], GCP_KEY);
    let none = world.get(404, &admin, "/v2/kms/provider/aws/region/us-west-2");
    assert_refusal(&none, NOT_FOUND, "no customer key for AWS us-west-2");

    let accounts = world.get(
        200,
        &admin,
        "/v2/kms/provider/aws/region/us-east-1/accounts",
    );
    assert_eq!(
        accounts,
        json!([{"organization_id": org, "provider_id": "astra-portal-aws-us-east-1", "provider": "aws"}])
    );

    let stored = &world.state.organizations[&org].customer_keys;
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].provider, KmsProvider::Aws);
    assert_eq!(stored[0].key_id, AWS_KEY);
    assert_eq!(stored[0].added_at, world.now);
    assert_eq!(stored[0].added_by, "admin@acme.test");
}

/// Seed 001: "a Customer Managed Key (one per region)": a second key for the same provider and
/// region is refused (400, the spec's CreateKey documents no 409) naming the key there and how
/// to go on; nothing changes. Another region, or the other provider, takes its own key.
#[test]
fn a_second_key_for_a_region_is_refused_naming_the_first() {
    let mut world = World::new();
    let admin = world.admin();
    register(&mut world, &admin, aws(AWS_KEY, "us-east-1"));
    let before = world.state.clone();
    let other = "arn:aws:kms:us-east-1:123456789012:key/ffff";
    let refused = world.expect(400, &admin, Post, KMS, aws(other, "us-east-1"));
    assert_eq!(error_id(&refused), ErrorId::CustomerKeyExists.code() as u64);
    for named in [
        AWS_KEY,
        "AWS us-east-1",
        "admin@acme.test",
        "another region",
    ] {
        assert_mentions(&refused, named);
    }
    assert_eq!(world.state, before, "nothing changed");
    register(
        &mut world,
        &admin,
        aws("arn:aws:kms:us-west-2:123456789012:key/ffff", "us-west-2"),
    );
    assert_eq!(world.get(200, &admin, KMS).as_array().unwrap().len(), 2);
}

/// Seed 001: the key is "defined in the cloud provider's Key Management Service": only the
/// spec's providers (aws, gcp), only their regions where databases can be, and a key ID shaped
/// as that provider's identifier of a key in that region; each refusal names the field.
#[test]
fn providers_regions_and_key_ids_are_checked_naming_the_field() {
    let mut world = World::new();
    let admin = world.admin();
    let before = world.state.clone();
    let refusals = [
        (
            json!({"azure": {"keyID": "k", "region": "eastus"}}),
            "azure",
        ),
        (json!({}), "'aws' or 'gcp'"),
        (
            json!({"aws": {"keyID": AWS_KEY, "region": "us-east-1"}, "gcp": {"keyID": GCP_KEY, "region": "us-east1"}}),
            "one key per request",
        ),
        (aws(AWS_KEY, "us-east1"), "field 'aws.region'"),
        (aws(AWS_KEY, "mars-1"), "use one of us-east-1"),
        (aws("1234abcd-12ab-34cd", "us-east-1"), "field 'aws.keyID'"),
        (aws(AWS_KEY, "us-west-2"), "not in region us-west-2"),
        (json!({"aws": {"region": "us-east-1"}}), "keyID"),
        (
            json!({"gcp": {"keyID": AWS_KEY, "region": "us-east1"}}),
            "field 'gcp.keyID'",
        ),
        (
            json!({"orgId": "someone-else", "aws": {"keyID": AWS_KEY, "region": "us-east-1"}}),
            "field 'orgId'",
        ),
        (aws(&"a".repeat(3000), "us-east-1"), "longer than 2048"),
    ];
    for (body, naming) in refusals {
        let refused = world.expect(400, &admin, Post, KMS, body);
        assert_mentions(&refused, naming);
    }
    for (path, naming) in [
        ("/v2/kms/provider/azure/region/eastus", "'provider'"),
        ("/v2/kms/provider/aws/region/us-east1", "'region'"),
        ("/v2/kms/provider/gcp/region/nowhere/accounts", "'region'"),
    ] {
        let refused = world.get(404, &admin, path);
        assert_refusal(&refused, NOT_FOUND, naming);
    }
    assert_eq!(world.state, before, "nothing changed");
}

/// Seed 004: Read CMK Key to view, Write CMK Key to create, checked by the gate before the
/// handler; an enterprise-level actor has no organization's keys to act on.
#[test]
fn reading_and_registering_take_the_cmk_permissions() {
    let mut world = World::new();
    let reader = world.member_with("reader@acme.test", &["org-read", "org-cmk-read"]);
    let bystander = world.member_with("bystander@acme.test", &["org-read"]);
    let body = aws(AWS_KEY, "us-east-1");
    let refused = world.expect(403, &reader, Post, KMS, body.clone());
    assert_refusal(&refused, FORBIDDEN, "org-cmk-write");
    world.get(200, &reader, KMS);
    world.get(
        200,
        &reader,
        "/v2/kms/provider/aws/region/us-east-1/accounts",
    );
    for path in [KMS, "/v2/kms/provider/aws/region/us-east-1"] {
        let refused = world.get(403, &bystander, path);
        assert_refusal(&refused, FORBIDDEN, "org-cmk-read");
    }
    let refused = world.expect(403, &bystander, Post, KMS, body.clone());
    assert_refusal(&refused, FORBIDDEN, "org-cmk-write");
    // Seed 001's Read Only User holds neither.
    let viewer = with_default_role(&mut world, "Read Only User");
    let refused = world.expect(403, &viewer, Post, KMS, body.clone());
    assert_refusal(&refused, FORBIDDEN, "org-cmk-write");
    let enterprise = world.enterprise_admin();
    world.expect(403, &enterprise, Post, KMS, body.clone());
    world.get(403, &enterprise, KMS);
    assert!(world.state.organizations[&world.org()]
        .customer_keys
        .is_empty());
}

/// "Nobody reads what they may not": another organization's keys are neither listed nor read
/// there, and an organization record carries its keys only to a reader with Read CMK Key (what
/// the changes feed and a connected page's copy hold).
#[test]
fn another_organizations_keys_are_invisible() {
    let mut world = World::new();
    let admin = world.admin();
    register(&mut world, &admin, aws(AWS_KEY, "us-east-1"));
    let second = world.second_organization();
    let admin_id = world.boot.user_id.clone();
    let there = Scope::Organization(second.clone());
    let administrator = vec![default_id("Organization Administrator").to_owned()];
    let user = world.state.users.get_mut(&admin_id).unwrap();
    user.set_membership(&there, Some(Membership::active(administrator)));
    let elsewhere = world.user(&admin_id, there);
    assert_eq!(world.get(200, &elsewhere, KMS), json!([]));
    world.get(404, &elsewhere, "/v2/kms/provider/aws/region/us-east-1");
    let body = json!({"orgId": world.org(), "aws": {"keyID": AWS_KEY, "region": "us-east-1"}});
    let refused = world.expect(400, &elsewhere, Post, KMS, body);
    assert_mentions(&refused, "field 'orgId'");
    // The second organization's own key for the region is its own.
    register(&mut world, &elsewhere, aws(AWS_KEY, "us-east-1"));
    assert_eq!(world.state.organizations[&second].customer_keys.len(), 1);

    let first = Record::Organization(world.state.organizations[&world.org()].clone());
    let keys_seen = |actor: &Actor, world: &World| match Visibility::of(&world.state, actor)
        .project(first.clone())
    {
        Some(Record::Organization(org)) => Some(org.customer_keys.len()),
        _ => None,
    };
    let bystander = world.member_with("bystander@acme.test", &["org-read"]);
    let reader = world.member_with("reader@acme.test", &["org-read", "org-cmk-read"]);
    assert_eq!(keys_seen(&admin, &world), Some(1));
    assert_eq!(keys_seen(&reader, &world), Some(1));
    assert_eq!(
        keys_seen(&bystander, &world),
        Some(0),
        "the record, without its keys"
    );
    assert_eq!(keys_seen(&elsewhere, &world), None);
    let enterprise = world.enterprise_admin();
    assert_eq!(keys_seen(&enterprise, &world), Some(0));
}

/// Every change is audited: one entry per registered key, in the organization's log, naming the
/// provider and region but not the key (the log's readers need not hold Read CMK Key); a refusal
/// writes none.
#[test]
fn each_registered_key_is_audited() {
    let mut world = World::new();
    let admin = world.admin();
    register(&mut world, &admin, aws(AWS_KEY, "us-east-1"));
    let entry = world.state.audit.values().last().unwrap().clone();
    assert_eq!(entry.action, "customer_key.create");
    assert_eq!(entry.scope, Scope::Organization(world.org()));
    assert_eq!(entry.actor_name, "admin@acme.test");
    assert!(entry.summary.contains("AWS us-east-1"), "{}", entry.summary);
    assert!(!entry.summary.contains(AWS_KEY), "{}", entry.summary);
    let log = world.get(200, &admin, "/v2/organizations/audits?action=customer_key");
    assert_eq!(
        log.to_string().matches("customer_key.create").count(),
        1,
        "{log}"
    );
    let entries = world.state.audit.len();
    world.expect(400, &admin, Post, KMS, aws(AWS_KEY, "us-east-1"));
    assert_eq!(world.state.audit.len(), entries, "a refusal is not audited");
}

/// The state keeps no key material: an organization stored before customer keys existed loads
/// with none, and a stored key is its identifier, place, time and who added it.
#[test]
fn an_organization_stored_without_keys_loads_with_none() {
    let mut world = World::new();
    let admin = world.admin();
    register(&mut world, &admin, aws(AWS_KEY, "us-east-1"));
    let org = &world.state.organizations[&world.org()];
    let mut stored = serde_json::to_value(org).unwrap();
    let mut fields: Vec<&String> = stored["customerKeys"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        ["addedAt", "addedBy", "keyId", "provider", "region"]
    );
    stored.as_object_mut().unwrap().remove("customerKeys");
    let old: portal_core::model::Organization = serde_json::from_value(stored).unwrap();
    assert!(old.customer_keys.is_empty());
}

/// Seed 001's "one per region" holds of every state, so that an imported file can't hold two
/// keys for one region either.
#[test]
fn two_keys_for_one_region_break_the_invariants() {
    let mut world = World::new();
    let admin = world.admin();
    register(&mut world, &admin, aws(AWS_KEY, "us-east-1"));
    assert!(check_invariants(&world.state).is_empty());
    let org = world.state.organizations.get_mut(&world.org()).unwrap();
    org.customer_keys.push(org.customer_keys[0].clone());
    let problems = check_invariants(&world.state);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0]
        .0
        .contains("more than one customer key for AWS us-east-1"));
}

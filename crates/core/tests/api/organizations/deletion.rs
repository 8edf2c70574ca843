//! Deleting an organization: the current one, or one of the enterprise's.

use super::{
    active, add_default_organization, add_user, assert_sound, create_enterprise_org, in_org,
    invited, last_audit, org_user, role_id,
};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, World};
use portal_core::api::Method::{Delete, Post};
use portal_core::model::{ApplicationToken, Database, Lifecycle, Scope, StoredRole, UsageRow};
use portal_core::rbac::{Drn, Permission, Policy, Role};
use serde_json::json;

fn add_database(w: &mut World, org: &str, name: &str) -> String {
    let id = format!("db-{name}");
    w.state.databases.insert(
        id.clone(),
        Database {
            id: id.clone(),
            org_id: org.to_owned(),
            owner_id: w.boot.user_id.clone(),
            name: name.to_owned(),
            cloud_provider: "AWS".into(),
            region: "us-east-1".into(),
            keyspaces: Default::default(),
            created_at: w.now,
            tier: "serverless".into(),
            capacity_units: 1,
            db_type: None,
            lifecycle: Lifecycle::Active,
            access_list: Default::default(),
            datacenters: Vec::new(),
            private_links: Default::default(),
        },
    );
    id
}

// --- DELETE /v2/currentOrg -------------------------------------------------------------------

/// Seed 004, "Write Organization": "Users can delete organizations only where they have the Write
/// Organization permission"; the organization goes with its roles, tokens, billing and
/// memberships, and a user who belonged only there goes too; history stays.
#[test]
fn delete_removes_the_organization_and_what_belongs_only_to_it() {
    let mut w = World::new();
    let doomed = create_enterprise_org(&mut w, "Doomed");
    let kept = w.org();
    let only_there = add_user(
        &mut w,
        "only@acme.test",
        &[(&doomed, invited("Read Only User"))],
        None,
    );
    let also_elsewhere = add_user(
        &mut w,
        "both@acme.test",
        &[
            (&doomed, active("Read Only User")),
            (&kept, active("Read Only User")),
        ],
        None,
    );
    let with_default = org_user(&mut w, "personal@acme.test", &doomed, "Read Only User");
    let personal = add_default_organization(&mut w, &with_default);
    let role = Role::new(
        "custom-role",
        "Doomed readers",
        Policy {
            description: String::new(),
            actions: [Permission::parse("org-read").unwrap()]
                .into_iter()
                .collect(),
            resources: vec![Drn::organization(&doomed)],
        },
    )
    .unwrap();
    w.state.roles.insert(
        role.id.clone(),
        StoredRole {
            role,
            scope: Scope::Organization(doomed.clone()),
            last_update_datetime: w.now,
            last_update_userid: "x".into(),
        },
    );
    w.state.tokens.insert(
        "doomed-token".into(),
        ApplicationToken {
            client_id: "doomed-token".into(),
            hash: String::new(),
            roles: vec![role_id("Read Only User")],
            scope: Scope::Organization(doomed.clone()),
            description: String::new(),
            generated_on: w.now,
            generated_by: w.boot.user_id.clone(),
            token_expiry: None,
            last_used: None,
        },
    );
    let admin = in_org(&w, &w.boot.user_id.clone(), &doomed);
    let usage: UsageRow = serde_json::from_value(json!({
        "id": "usage-1",
        "record": {
            "PRODUCT": "Astra DB", "ORG_ID": doomed, "ORG_NAME": "Doomed", "RESOURCE_ID": "db",
            "RESOURCE_NAME": "db", "REGION": "us-east-1", "CLOUD_PROVIDER": "AWS",
            "CLASSIFICATION": "standard", "ZONE": "na", "CLUSTER_SIZE": null, "AZ_COUNT": 3,
            "USAGE_TYPE": "read", "USAGE": "1", "USAGE_UNIT": "million", "CURRENCY_TYPE": "USD",
            "UNIT_PRICE": "1", "CALCULATED_COST": "1",
            "BREAKDOWN_START_TIMESTAMP": "2025-05-01T00:00:00Z",
            "BREAKDOWN_END_TIMESTAMP": "2025-05-02T00:00:00Z"
        }
    }))
    .unwrap();
    w.state.usage.insert(usage.id.clone(), usage);
    let audit_before = w.state.audit.len();

    let done = w.call(
        &admin,
        Delete,
        "/v2/currentOrg",
        json!({ "name": "Doomed" }),
    );
    assert_eq!(done.status, 204, "{}", done.body_text());

    assert!(!w.state.organizations.contains_key(&doomed));
    assert!(!w.state.billing.contains_key(&doomed));
    assert!(!w.state.roles.contains_key("custom-role"));
    assert!(!w.state.tokens.contains_key("doomed-token"));
    assert_eq!(w.state.tokens.len(), 2, "the bootstrap tokens stay");
    assert!(!w.state.users.contains_key(&only_there));
    assert_eq!(
        w.state.users[&also_elsewhere]
            .organizations
            .keys()
            .collect::<Vec<_>>(),
        [&kept]
    );
    let left: Vec<&String> = w.state.users[&with_default].organizations.keys().collect();
    assert_eq!(left, [&personal]);
    let admin_user = &w.state.users[&w.boot.user_id];
    assert!(!admin_user.organizations.contains_key(&doomed));
    assert!(admin_user.organizations.contains_key(&kept));
    assert!(w.state.usage.contains_key("usage-1"));
    assert_eq!(w.state.audit.len(), audit_before + 1);
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.delete");
    assert_eq!(audit.targets, [doomed]);
    // Its own log goes with it; the enterprise's keeps the record.
    assert_eq!(audit.scope, Scope::Enterprise);
    assert!(w.state.organizations.contains_key(&kept));
    assert_sound(&w);
}

/// Seed 004, "Write Organization": "Users can delete organizations only where they have the Write
/// Organization permission".
#[test]
fn delete_needs_write_organization() {
    let mut w = World::new();
    let org = w.org();
    let user = org_user(&mut w, "au@acme.test", &org, "Administrator User");
    let body = json!({ "name": "Acme Dev" });
    let body = w.expect(
        403,
        &in_org(&w, &user, &org),
        Delete,
        "/v2/currentOrg",
        body,
    );
    assert_mentions(&body, "org-write");
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let request = json!({ "name": "Acme Dev" });
    w.expect(403, &token, Delete, "/v2/currentOrg", request);
    assert!(w.state.organizations.contains_key(&org));
}

/// Seed 004, "Write Organization": "[...] except for the default organization."
#[test]
fn the_default_organization_cant_be_deleted() {
    let mut w = World::new();
    let user = add_user(&mut w, "me@acme.test", &[], None);
    let personal = add_default_organization(&mut w, &user);
    let name = w.state.organizations[&personal].name.clone();
    let body = json!({ "name": name });
    let body = w.expect(
        409,
        &in_org(&w, &user, &personal),
        Delete,
        "/v2/currentOrg",
        body,
    );
    assert_eq!(error_id(&body), DEFAULT_ORGANIZATION);
    assert!(w.state.organizations.contains_key(&personal));
}

/// Seed 000, "Delete an organization": "Enter the organization's name, and then click Delete
/// Organization to permanently delete the organization."
#[test]
fn delete_needs_the_exact_name_to_confirm() {
    let mut w = World::new();
    let admin = w.admin();
    for body in [
        json!({ "name": "acme dev" }),
        json!({ "name": " Acme Dev" }),
        json!({ "name": "" }),
    ] {
        let refused = w.expect(400, &admin, Delete, "/v2/currentOrg", body);
        assert_refusal(&refused, CONFIRMATION_MISMATCH, "Acme Dev");
    }
    let missing = w.bodiless(400, &admin, Delete, "/v2/currentOrg");
    assert_eq!(error_id(&missing), INVALID_FIELD);
    assert!(w.state.organizations.contains_key(&w.org()));
}

/// Seed 000, "Delete an organization": "To prepare the organization for deletion, clean up
/// organization resources, such as databases".
#[test]
fn delete_needs_an_organization_without_databases() {
    let mut w = World::new();
    let org = w.org();
    add_database(&mut w, &org, "orders");
    let admin = w.admin();
    let body = json!({ "name": "Acme Dev" });
    let body = w.expect(409, &admin, Delete, "/v2/currentOrg", body);
    assert_refusal(&body, ORGANIZATION_NOT_EMPTY, "orders");
    w.state.databases.clear();
    let done = w.call(
        &admin,
        Delete,
        "/v2/currentOrg",
        json!({ "name": "Acme Dev" }),
    );
    assert_eq!(done.status, 204);
}

// --- DELETE /v2/enterprises/organizations/{orgID} --------------------------------------------

/// Seed 000, "Delete an organization": "To delete an organization from the enterprise level, you
/// must be an Enterprise Administrator and the organization's Organization Administrator. If you
/// don't have these roles, an Organization Administrator can delete the organization from the
/// organization level."
#[test]
fn delete_from_the_enterprise_needs_both_administrator_roles() {
    let mut w = World::new();
    let dev = w.org();
    let target = format!("/v2/enterprises/organizations/{dev}");
    let confirm = json!({ "name": "Acme Dev" });

    // An Enterprise Administrator who is not the organization's Organization Administrator.
    let ent_admin = add_user(
        &mut w,
        "ea@acme.test",
        &[(&dev, active("Administrator User"))],
        Some(active("Enterprise Administrator")),
    );
    let body = w.expect(
        403,
        &w.user(&ent_admin, Scope::Enterprise),
        Delete,
        &target,
        confirm.clone(),
    );
    assert_mentions(&body, "an active Organization Administrator membership in");
    assert_mentions(&body, "from the organization level");

    // An invited Organization Administrator is not one yet.
    w.state
        .users
        .get_mut(&ent_admin)
        .unwrap()
        .organizations
        .insert(dev.clone(), invited("Organization Administrator"));
    w.expect(
        403,
        &w.user(&ent_admin, Scope::Enterprise),
        Delete,
        &target,
        confirm.clone(),
    );

    // An enterprise token is never an organization's Organization Administrator.
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let body = w.expect(403, &token, Delete, &target, confirm.clone());
    assert_mentions(&body, "from the organization level");

    // The administrator acting in the organization is not at the enterprise level.
    let in_dev = w.admin();
    let body = w.expect(403, &in_dev, Delete, &target, confirm.clone());
    assert_mentions(&body, "Enterprise Administrator role");
    assert!(w.state.organizations.contains_key(&dev));

    // Both roles: deleted.
    let both = w.enterprise_admin();
    let done = w.call(&both, Delete, &target, confirm);
    assert_eq!(done.status, 204, "{}", done.body_text());
    assert!(!w.state.organizations.contains_key(&dev));
    assert!(!w.state.users[&w.boot.user_id]
        .organizations
        .contains_key(&dev));
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.delete");
    assert_eq!(audit.scope, Scope::Enterprise);
    // The enterprise administrator stays: an enterprise membership is a membership.
    assert!(w.state.users.contains_key(&ent_admin));
    assert_sound(&w);
}

/// Seed 000: the enterprise level can't "Manage organizations that are outside your enterprise,
/// even if you are the Organization Administrator for that organization."
#[test]
fn delete_from_the_enterprise_only_reaches_its_organizations() {
    let mut w = World::new();
    let admin = w.admin();
    let request = json!({ "name": "Side", "email": "s@acme.test" });
    let side = w.expect(201, &admin, Post, "/v2/organizations", request);
    let side = side["id"].as_str().unwrap().to_owned();
    let actor = w.enterprise_admin();
    let body = json!({ "name": "Side" });
    let body = w.expect(
        404,
        &actor,
        Delete,
        &format!("/v2/enterprises/organizations/{side}"),
        body,
    );
    assert_eq!(error_id(&body), NOT_FOUND);
    assert!(w.state.organizations.contains_key(&side));
}

/// "Default (personal) organizations can't belong to an enterprise" (seed 000), and the
/// deletion's confirmation and clean-up rules hold from the enterprise level too.
#[test]
fn delete_from_the_enterprise_checks_default_confirmation_and_databases() {
    let mut w = World::new();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    let target = format!("/v2/enterprises/organizations/{prod}");
    let actor = w.enterprise_admin();

    let body = json!({ "name": "Acme prod" });
    let body = w.expect(400, &actor, Delete, &target, body);
    assert_eq!(error_id(&body), CONFIRMATION_MISMATCH);
    add_database(&mut w, &prod, "ledger");
    let body = json!({ "name": "Acme Prod" });
    let body = w.expect(409, &actor, Delete, &target, body);
    assert_eq!(error_id(&body), ORGANIZATION_NOT_EMPTY);
    w.state.databases.clear();
    // A state that wrongly holds a default organization in the enterprise still can't lose it.
    w.state.organizations.get_mut(&prod).unwrap().default_of = Some(w.boot.user_id.clone());
    let body = json!({ "name": "Acme Prod" });
    let body = w.expect(409, &actor, Delete, &target, body);
    assert_eq!(error_id(&body), DEFAULT_ORGANIZATION);
    assert!(w.state.organizations.contains_key(&prod));
    w.state.organizations.get_mut(&prod).unwrap().default_of = None;
    let done = w.call(&actor, Delete, &target, json!({ "name": "Acme Prod" }));
    assert_eq!(done.status, 204);
    assert!(!w.state.organizations.contains_key(&prod));
    // Its memberships went with it: nobody is its Organization Administrator any more.
    let body = json!({ "name": "Acme Prod" });
    let body = w.expect(403, &actor, Delete, &target, body);
    assert_eq!(error_id(&body), FORBIDDEN);
}

//! The organization and enterprise endpoints: the current organization (view, edit, delete), the
//! caller's organizations, standalone organizations, and the enterprise with its organizations.

use crate::support::{codes::*, error_id, error_message, keys, World};
use chrono::Duration;
use portal_core::api::organizations::valid_email;
use portal_core::api::Actor;
use portal_core::api::Method::{Delete, Get, Patch, Post};
use portal_core::model::{
    check_invariants, ApplicationToken, AuditEntry, Database, MemberStatus, Membership, OrgType,
    Organization, Scope, StoredRole, UsageRow, User,
};
use portal_core::pricing::billing::PlanKind;
use portal_core::rbac::{DefaultRole, Drn, Permission, Policy, Role};
use serde_json::{json, Value};

fn role_id(name: &str) -> String {
    DefaultRole::find(name)
        .expect("a default role")
        .id
        .to_owned()
}

fn member(status: MemberStatus, role: &str) -> Membership {
    Membership {
        status,
        roles: vec![role_id(role)],
    }
}

/// A user put straight into the state, with these organization memberships.
fn add_user(
    w: &mut World,
    email: &str,
    organizations: &[(&str, Membership)],
    enterprise: Option<Membership>,
) -> String {
    let id = format!("user-{email}");
    let user = User {
        id: id.clone(),
        email: email.to_owned(),
        organizations: organizations
            .iter()
            .map(|(org, m)| ((*org).to_owned(), m.clone()))
            .collect(),
        enterprise,
    };
    w.state.users.insert(id.clone(), user);
    id
}

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
        },
    );
    id
}

/// A default (personal) organization of `owner`, outside the enterprise, which the owner
/// administers (seed 004: "they are the Organization Administrator of their default
/// organization").
fn add_default_organization(w: &mut World, owner: &str) -> String {
    let id = format!("default-of-{owner}");
    w.state.organizations.insert(
        id.clone(),
        Organization {
            id: id.clone(),
            name: format!("{owner}'s organization"),
            email: "owner@acme.test".into(),
            org_type: OrgType::Standalone,
            default_of: Some(owner.to_owned()),
            description: String::new(),
            enterprise_id: None,
            organization_group_id: None,
            created_at: w.now,
            last_modified: w.now,
        },
    );
    let admin = member(MemberStatus::Active, "Organization Administrator");
    let user = w.state.users.get_mut(owner).expect("the owner");
    user.organizations.insert(id.clone(), admin);
    id
}

/// An organization the enterprise administrator creates at the enterprise level (and
/// administers).
fn create_enterprise_org(w: &mut World, name: &str) -> String {
    let actor = w.enterprise_admin();
    let created = w.expect(
        201,
        &actor,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": name }),
    );
    created["OrganizationID"].as_str().unwrap().to_owned()
}

fn in_org(w: &World, user: &str, org: &str) -> Actor {
    w.user(user, Scope::Organization(org.to_owned()))
}

/// A user whose one enterprise role ("Prod viewer": org-user-read) names only `org` in its scope;
/// their ID.
fn enterprise_viewer_of(w: &mut World, org: &str) -> String {
    let role = Role::new(
        "prod-viewer",
        "Prod viewer",
        Policy {
            description: String::new(),
            actions: [Permission::ORG_USER_READ].into_iter().collect(),
            resources: vec![Drn::enterprise_organization(&w.boot.enterprise_id, org)],
        },
    )
    .unwrap();
    w.state.roles.insert(
        role.id.clone(),
        StoredRole {
            role,
            scope: Scope::Enterprise,
            last_update_datetime: w.now,
            last_update_userid: "x".into(),
        },
    );
    add_user(
        w,
        "viewer@acme.test",
        &[],
        Some(Membership {
            status: MemberStatus::Active,
            roles: vec!["prod-viewer".into()],
        }),
    )
}

/// The state keeps every rule of `model::invariants` (no dangling references, an administrator
/// of each kind).
fn assert_sound(w: &World) {
    let problems = check_invariants(&w.state);
    assert!(problems.is_empty(), "{problems:?}");
}

fn last_audit(w: &World) -> &AuditEntry {
    w.state.audit.values().next_back().expect("an audit entry")
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list["organizations"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|o| o[key].as_str().unwrap().to_owned())
        .collect()
}

// --- GET /v2/currentOrg ----------------------------------------------------------------------

/// The spec's getCurrentOrganization: "Retrieve the details for the organization in the provided
/// token"; `id` and `name` as in astra-cli-fixtures/Organization.json.
#[test]
fn current_org_shows_the_organization_in_camel_case() {
    let mut w = World::new();
    let token = w.token(&w.boot.organization_token.token.clone());
    let org = w.expect(200, &token, Get, "/v2/currentOrg", Value::Null);
    assert_eq!(
        keys(&org),
        [
            "createdAt",
            "defaultOrganization",
            "description",
            "email",
            "enterpriseId",
            "id",
            "lastModified",
            "name",
            "orgType",
            "organizationGroupId"
        ]
    );
    assert_eq!(org["id"], json!(w.org()));
    assert_eq!(org["name"], json!("Acme Dev"));
    assert_eq!(org["email"], json!("admin@acme.test"));
    assert_eq!(org["orgType"], json!("enterprise"));
    assert_eq!(org["defaultOrganization"], json!(false));
    assert_eq!(org["enterpriseId"], json!(w.boot.enterprise_id));
    assert_eq!(org["createdAt"], json!("2025-06-01T12:00:00Z"));
    // astra-cli-fixtures/Organization.json has exactly these two keys.
    for key in ["id", "name"] {
        assert!(org[key].is_string(), "the fixture's '{key}' is missing");
    }
}

/// Seed 004, "Read Organization": "View an organization."
#[test]
fn current_org_needs_read_organization() {
    let mut w = World::new();
    let org = w.org();
    let reader = add_user(
        &mut w,
        "ro@acme.test",
        &[(&org, member(MemberStatus::Active, "Read Only User"))],
        None,
    );
    let body = w.expect(
        403,
        &in_org(&w, &reader, &org),
        Get,
        "/v2/currentOrg",
        Value::Null,
    );
    assert_eq!(error_id(&body), FORBIDDEN);
    assert!(error_message(&body).contains("org-read"), "{body}");
    let admin = w.admin();
    w.expect(200, &admin, Get, "/v2/currentOrg", Value::Null);
}

/// Seed 000: "GET /v2/organizations/users [...] requires an organization application token, not an
/// enterprise application token": the current organization is the token's.
#[test]
fn current_org_needs_an_organization_token() {
    let mut w = World::new();
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let body = w.expect(403, &token, Get, "/v2/currentOrg", Value::Null);
    assert!(
        error_message(&body).contains("organization application token"),
        "{body}"
    );
}

// --- PATCH /v2/currentOrg --------------------------------------------------------------------

/// Seed 000, "Create an organization": "After you create the organization, you can invite another
/// Organization Administrator, and then change the organization email."
#[test]
fn update_changes_name_email_and_description() {
    let mut w = World::new();
    w.now += Duration::hours(1);
    let admin = w.admin();
    let org = w.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({ "name": "  Acme Development ", "email": "ops@acme.test", "description": "builds" }),
    );
    assert_eq!(org["name"], json!("Acme Development"));
    assert_eq!(org["email"], json!("ops@acme.test"));
    assert_eq!(org["description"], json!("builds"));
    assert_eq!(org["lastModified"], json!("2025-06-01T13:00:00Z"));
    assert_eq!(org["createdAt"], json!("2025-06-01T12:00:00Z"));
    let stored = &w.state.organizations[&w.org()];
    assert_eq!(stored.name, "Acme Development");
    assert_eq!(stored.last_modified, w.now);
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.update");
    assert_eq!(audit.scope, Scope::Organization(w.org()));
    assert_eq!(audit.targets, [w.org()]);

    // One field alone is a change too.
    w.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({ "description": "" }),
    );
    assert_eq!(w.state.organizations[&w.org()].name, "Acme Development");
    assert_eq!(w.state.organizations[&w.org()].description, "");
}

/// Seed 004, "Write Organization": only a role with it edits the organization.
#[test]
fn update_needs_write_organization() {
    let mut w = World::new();
    let org = w.org();
    let user = add_user(
        &mut w,
        "au@acme.test",
        &[(&org, member(MemberStatus::Active, "Administrator User"))],
        None,
    );
    let actor = in_org(&w, &user, &org);
    w.expect(200, &actor, Get, "/v2/currentOrg", Value::Null);
    let body = w.expect(
        403,
        &actor,
        Patch,
        "/v2/currentOrg",
        json!({ "name": "Mine" }),
    );
    assert!(error_message(&body).contains("org-write"), "{body}");
    assert_eq!(w.state.organizations[&org].name, "Acme Dev");
}

/// A name of 1 to 100 characters, an email address, a description of at most 500 characters.
#[test]
fn update_checks_name_email_and_description() {
    let mut w = World::new();
    let admin = w.admin();
    let cases = [
        (json!({ "name": "   " }), INVALID_FIELD),
        (json!({ "name": "x".repeat(101) }), INVALID_FIELD),
        (json!({ "email": "no-at-sign" }), INVALID_EMAIL),
        (json!({ "email": "a@localhost" }), INVALID_EMAIL),
        (json!({ "description": "d".repeat(501) }), INVALID_FIELD),
        (json!({ "name": 7 }), INVALID_FIELD),
        (json!({}), INVALID_FIELD),
    ];
    for (body, id) in cases {
        let refused = w.expect(400, &admin, Patch, "/v2/currentOrg", body.clone());
        assert_eq!(error_id(&refused), id, "{body}: {refused}");
    }
    let ok = w.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({ "name": "n".repeat(100), "description": "d".repeat(500) }),
    );
    assert_eq!(ok["name"].as_str().unwrap().len(), 100);
}

/// An enterprise's organizations have distinct names; a standalone organization's name is its own
/// business ("organizations have no relationship to each other", seed 000).
#[test]
fn update_refuses_a_name_another_enterprise_organization_has() {
    let mut w = World::new();
    create_enterprise_org(&mut w, "Acme Prod");
    let admin = w.admin();
    let body = w.expect(
        409,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({ "name": "acme prod" }),
    );
    assert_eq!(error_id(&body), NAME_TAKEN);
    // Its own name, in another letter case, is not taken.
    w.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({ "name": "ACME DEV" }),
    );

    let standalone = w.expect(
        201,
        &admin,
        Post,
        "/v2/organizations",
        json!({ "name": "Side", "email": "s@acme.test" }),
    );
    let side = in_org(
        &w,
        &w.boot.user_id.clone(),
        standalone["id"].as_str().unwrap(),
    );
    w.expect(
        200,
        &side,
        Patch,
        "/v2/currentOrg",
        json!({ "name": "Acme Prod" }),
    );
}

/// Seed 000, "Delete an organization": "After you add an organization to your enterprise, you
/// can't transfer it out of your enterprise."
#[test]
fn an_organization_cant_be_moved_out_of_the_enterprise() {
    let mut w = World::new();
    let admin = w.admin();
    for body in [
        json!({ "enterpriseId": null }),
        json!({ "name": "Out", "enterpriseId": "" }),
        json!({ "orgType": "standalone" }),
    ] {
        let refused = w.expect(400, &admin, Patch, "/v2/currentOrg", body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
    }
    let org = &w.state.organizations[&w.org()];
    assert_eq!(
        org.enterprise_id.as_deref(),
        Some(w.boot.enterprise_id.as_str())
    );
    assert_eq!(org.name, "Acme Dev");
}

/// "The email address to receive administrative notifications related to this organization"
/// (seed 000): one '@', a domain with a dot, no whitespace.
#[test]
fn valid_email_accepts_addresses_and_refuses_the_rest() {
    for ok in ["a@b.co", "first.last+tag@mail.example.com"] {
        assert!(valid_email(ok), "{ok}");
    }
    for bad in [
        "", "a", "@b.co", "a@", "a@b", "a@@b.co", "a@b@c.co", "a b@c.co", "a@b .co", "a@.co",
        "a@b.", "a@b..co",
    ] {
        assert!(!valid_email(bad), "{bad}");
    }
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
        &[(&doomed, member(MemberStatus::Invited, "Read Only User"))],
        None,
    );
    let also_elsewhere = add_user(
        &mut w,
        "both@acme.test",
        &[
            (&doomed, member(MemberStatus::Active, "Read Only User")),
            (&kept, member(MemberStatus::Active, "Read Only User")),
        ],
        None,
    );
    let with_default = add_user(
        &mut w,
        "personal@acme.test",
        &[(&doomed, member(MemberStatus::Active, "Read Only User"))],
        None,
    );
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
    let user = add_user(
        &mut w,
        "au@acme.test",
        &[(&org, member(MemberStatus::Active, "Administrator User"))],
        None,
    );
    let body = w.expect(
        403,
        &in_org(&w, &user, &org),
        Delete,
        "/v2/currentOrg",
        json!({ "name": "Acme Dev" }),
    );
    assert!(error_message(&body).contains("org-write"), "{body}");
    let token = w.token(&w.boot.enterprise_token.token.clone());
    w.expect(
        403,
        &token,
        Delete,
        "/v2/currentOrg",
        json!({ "name": "Acme Dev" }),
    );
    assert!(w.state.organizations.contains_key(&org));
}

/// Seed 004, "Write Organization": "[...] except for the default organization."
#[test]
fn the_default_organization_cant_be_deleted() {
    let mut w = World::new();
    let user = add_user(&mut w, "me@acme.test", &[], None);
    let personal = add_default_organization(&mut w, &user);
    let name = w.state.organizations[&personal].name.clone();
    let body = w.expect(
        409,
        &in_org(&w, &user, &personal),
        Delete,
        "/v2/currentOrg",
        json!({ "name": name }),
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
        assert_eq!(error_id(&refused), CONFIRMATION_MISMATCH);
        assert!(error_message(&refused).contains("Acme Dev"));
    }
    let missing = w.expect(400, &admin, Delete, "/v2/currentOrg", Value::Null);
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
    let body = w.expect(
        409,
        &admin,
        Delete,
        "/v2/currentOrg",
        json!({ "name": "Acme Dev" }),
    );
    assert_eq!(error_id(&body), ORGANIZATION_NOT_EMPTY);
    assert!(error_message(&body).contains("orders"), "{body}");
    w.state.databases.clear();
    let done = w.call(
        &admin,
        Delete,
        "/v2/currentOrg",
        json!({ "name": "Acme Dev" }),
    );
    assert_eq!(done.status, 204);
}

// --- GET /v2/organizations -------------------------------------------------------------------

/// The caller's organizations, to switch between them; "Invited users are listed as pending until
/// they accept the invitation" (seed 002).
#[test]
fn list_gives_a_users_organizations_with_their_status() {
    let mut w = World::new();
    let dev = w.org();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    create_enterprise_org(&mut w, "Acme Hidden");
    let user = add_user(
        &mut w,
        "u@acme.test",
        &[
            (&prod, member(MemberStatus::Invited, "Read Only User")),
            (&dev, member(MemberStatus::Active, "Read Only User")),
        ],
        None,
    );
    let list = w.expect(
        200,
        &in_org(&w, &user, &dev),
        Get,
        "/v2/organizations",
        Value::Null,
    );
    assert_eq!(names(&list, "name"), ["Acme Dev", "Acme Prod"]);
    assert_eq!(names(&list, "status"), ["active", "invited"]);
    assert_eq!(list["organizations"][0]["orgType"], json!("enterprise"));
    assert_eq!(list["organizations"][0]["id"], json!(dev));
}

/// A token belongs to one organization, or to the enterprise.
#[test]
fn list_gives_a_tokens_organization_or_the_enterprises() {
    let mut w = World::new();
    create_enterprise_org(&mut w, "Acme Prod");
    let admin = w.admin();
    w.expect(
        201,
        &admin,
        Post,
        "/v2/organizations",
        json!({ "name": "Side", "email": "s@acme.test" }),
    );
    let org_token = w.token(&w.boot.organization_token.token.clone());
    let list = w.expect(200, &org_token, Get, "/v2/organizations", Value::Null);
    assert_eq!(names(&list, "name"), ["Acme Dev"]);
    assert!(list["organizations"][0].get("status").is_none());
    let ent_token = w.token(&w.boot.enterprise_token.token.clone());
    let list = w.expect(200, &ent_token, Get, "/v2/organizations", Value::Null);
    assert_eq!(names(&list, "name"), ["Acme Dev", "Acme Prod"]);
}

// --- POST /v2/organizations ------------------------------------------------------------------

/// Seed 002, "Add organizations in Astra DB": "Enter the name and email address for your new
/// organization." Seed 004: "Users can always create organizations from their default
/// organization because they are the Organization Administrator of their default organization."
#[test]
fn create_standalone_makes_the_creator_its_administrator() {
    let mut w = World::new();
    let user = add_user(&mut w, "solo@acme.test", &[], None);
    let personal = add_default_organization(&mut w, &user);
    let created = w.expect(
        201,
        &in_org(&w, &user, &personal),
        Post,
        "/v2/organizations",
        json!({ "name": "Solo Lab", "email": "lab@acme.test", "description": "experiments" }),
    );
    assert_eq!(created["name"], json!("Solo Lab"));
    assert_eq!(created["orgType"], json!("standalone"));
    assert_eq!(created["enterpriseId"], Value::Null);
    assert_eq!(created["defaultOrganization"], json!(false));
    let id = created["id"].as_str().unwrap().to_owned();
    let org = &w.state.organizations[&id];
    assert_eq!(org.org_type, OrgType::Standalone);
    assert_eq!(org.description, "experiments");
    assert_eq!(w.state.billing[&id].plan, PlanKind::Free);
    assert_eq!(
        w.state.users[&user].organizations[&id],
        member(MemberStatus::Active, "Organization Administrator")
    );
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.create");
    assert_eq!(audit.scope, Scope::Organization(id.clone()));
    // The creator acts in it as its administrator.
    assert_sound(&w);
    let creator = in_org(&w, &user, &id);
    w.expect(200, &creator, Get, "/v2/currentOrg", Value::Null);
    w.expect(
        200,
        &creator,
        Patch,
        "/v2/currentOrg",
        json!({ "email": "solo@acme.test" }),
    );
}

/// Seed 004, "Write Organization (org-write): In the Astra Portal, create new organizations"; seed
/// 000: "If you need to create an organization outside of your enterprise, switch to your personal
/// organization, and then create a standalone organization." A user without Write Organization
/// where they act, or acting at the enterprise level, is refused and told what to do.
#[test]
fn create_standalone_takes_write_organization_where_the_user_acts() {
    let mut w = World::new();
    let dev = w.org();
    let user = add_user(
        &mut w,
        "reader@acme.test",
        &[(&dev, member(MemberStatus::Active, "Read Only User"))],
        None,
    );
    let body = json!({ "name": "Reader Lab", "email": "r@acme.test" });
    let refused = w.expect(
        403,
        &in_org(&w, &user, &dev),
        Post,
        "/v2/organizations",
        body.clone(),
    );
    assert!(error_message(&refused).contains("org-write"), "{refused}");
    let at_enterprise = w.enterprise_admin();
    let refused = w.expect(403, &at_enterprise, Post, "/v2/organizations", body.clone());
    assert!(
        error_message(&refused).contains("switch to an organization to create organizations"),
        "{refused}"
    );
    let personal = add_default_organization(&mut w, &user);
    w.expect(
        201,
        &in_org(&w, &user, &personal),
        Post,
        "/v2/organizations",
        body,
    );
}

/// Organizations are created by people: an application token acts only where it belongs.
#[test]
fn create_standalone_refuses_tokens() {
    let mut w = World::new();
    let token = w.token(&w.boot.organization_token.token.clone());
    let body = w.expect(
        403,
        &token,
        Post,
        "/v2/organizations",
        json!({ "name": "Bot Org", "email": "b@acme.test" }),
    );
    assert!(error_message(&body).contains("sign in as a user"), "{body}");
}

/// Seed 002: "Enter the name and email address for your new organization."
#[test]
fn create_standalone_needs_a_name_and_an_email() {
    let mut w = World::new();
    let admin = w.admin();
    let cases = [
        (json!({ "name": "No Email" }), INVALID_FIELD),
        (json!({ "email": "n@acme.test" }), INVALID_FIELD),
        (json!({ "name": "", "email": "n@acme.test" }), INVALID_FIELD),
        (
            json!({ "name": "Bad", "email": "not an email" }),
            INVALID_EMAIL,
        ),
        (
            json!({ "name": "Extra", "email": "n@acme.test", "enterpriseId": "x" }),
            INVALID_FIELD,
        ),
    ];
    let before = w.state.organizations.len();
    for (body, id) in cases {
        let refused = w.expect(400, &admin, Post, "/v2/organizations", body.clone());
        assert_eq!(error_id(&refused), id, "{body}");
    }
    assert_eq!(w.state.organizations.len(), before);
}

// --- GET/PATCH /v2/enterprises/current -------------------------------------------------------

/// Seed 000, "Get your enterprise ID": "On the General page, click Copy to copy the enterprise ID."
#[test]
fn enterprise_get_shows_its_id_name_and_organization_count() {
    let mut w = World::new();
    let actor = w.enterprise_admin();
    let ent = w.expect(200, &actor, Get, "/v2/enterprises/current", Value::Null);
    assert_eq!(
        ent,
        json!({ "id": w.boot.enterprise_id, "name": "Acme", "organizations": 1 })
    );
    create_enterprise_org(&mut w, "Acme Prod");
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let ent = w.expect(200, &token, Get, "/v2/enterprises/current", Value::Null);
    assert_eq!(ent["organizations"], json!(2));
}

/// Seed 000, "Enterprise settings": "click the name of the current organization or enterprise,
/// and then select your enterprise"; enterprise access takes an enterprise role.
#[test]
fn enterprise_get_needs_the_enterprise_level_and_an_enterprise_role() {
    let mut w = World::new();
    let admin = w.admin();
    let body = w.expect(403, &admin, Get, "/v2/enterprises/current", Value::Null);
    assert!(
        error_message(&body).contains("switch to the enterprise"),
        "{body}"
    );
    let roleless = add_user(
        &mut w,
        "nobody@acme.test",
        &[],
        Some(Membership {
            status: MemberStatus::Active,
            roles: vec![],
        }),
    );
    let body = w.expect(
        403,
        &w.user(&roleless, Scope::Enterprise),
        Get,
        "/v2/enterprises/current",
        Value::Null,
    );
    assert!(
        error_message(&body).contains("no enterprise role"),
        "{body}"
    );
    let invited = add_user(
        &mut w,
        "inv@acme.test",
        &[],
        Some(member(MemberStatus::Invited, "Enterprise Administrator")),
    );
    w.expect(
        403,
        &w.user(&invited, Scope::Enterprise),
        Get,
        "/v2/enterprises/current",
        Value::Null,
    );
    let biller = add_user(
        &mut w,
        "bill@acme.test",
        &[],
        Some(member(
            MemberStatus::Active,
            "Enterprise Billing Administrator",
        )),
    );
    w.expect(
        200,
        &w.user(&biller, Scope::Enterprise),
        Get,
        "/v2/enterprises/current",
        Value::Null,
    );
}

/// Seed 000, "At the enterprise scope, you can do the following: Change the enterprise display
/// name." No permission names it: it takes the Enterprise Administrator role.
#[test]
fn enterprise_rename_needs_the_enterprise_administrator() {
    let mut w = World::new();
    let eoa = add_user(
        &mut w,
        "eoa@acme.test",
        &[],
        Some(member(
            MemberStatus::Active,
            "Enterprise Organization Administrator",
        )),
    );
    let body = w.expect(
        403,
        &w.user(&eoa, Scope::Enterprise),
        Patch,
        "/v2/enterprises/current",
        json!({ "name": "Mine" }),
    );
    assert!(
        error_message(&body).contains("needs the Enterprise Administrator role"),
        "{body}"
    );
    let admin = w.admin();
    let body = w.expect(
        403,
        &admin,
        Patch,
        "/v2/enterprises/current",
        json!({ "name": "Mine" }),
    );
    assert!(
        error_message(&body).contains("switch to the enterprise"),
        "{body}"
    );
    assert_eq!(w.state.enterprise.name, "Acme");

    let actor = w.enterprise_admin();
    let ent = w.expect(
        200,
        &actor,
        Patch,
        "/v2/enterprises/current",
        json!({ "name": " Acme Corp " }),
    );
    assert_eq!(ent["name"], json!("Acme Corp"));
    assert_eq!(w.state.enterprise.name, "Acme Corp");
    assert_eq!(w.state.enterprise.id, w.boot.enterprise_id);
    let audit = last_audit(&w);
    assert_eq!(audit.action, "enterprise.rename");
    assert_eq!(audit.scope, Scope::Enterprise);
    let token = w.token(&w.boot.enterprise_token.token.clone());
    w.expect(
        200,
        &token,
        Patch,
        "/v2/enterprises/current",
        json!({ "name": "Acme Inc" }),
    );
}

/// The enterprise's display name: 1 to 100 characters, and nothing else changes.
#[test]
fn enterprise_rename_checks_the_name() {
    let mut w = World::new();
    let actor = w.enterprise_admin();
    for body in [
        json!({ "name": " " }),
        json!({ "name": "e".repeat(101) }),
        json!({}),
        json!({ "name": "X", "id": "other" }),
    ] {
        let refused = w.expect(400, &actor, Patch, "/v2/enterprises/current", body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
    }
    assert_eq!(w.state.enterprise.name, "Acme");
}

// --- GET /v2/enterprises/organizations -------------------------------------------------------

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level."
#[test]
fn list_organizations_shows_what_the_roles_scope_covers() {
    let mut w = World::new();
    let dev = w.org();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    let admin = w.enterprise_admin();
    let list = w.expect(
        200,
        &admin,
        Get,
        "/v2/enterprises/organizations",
        Value::Null,
    );
    assert_eq!(names(&list, "OrganizationName"), ["Acme Dev", "Acme Prod"]);
    assert_eq!(
        keys(&list["organizations"][0]),
        [
            "CreatedAt",
            "EnterpriseId",
            "LastModified",
            "MarketplaceData",
            "OrgType",
            "OrganizationEmail",
            "OrganizationGroupId",
            "OrganizationID",
            "OrganizationName"
        ]
    );
    assert_eq!(list["organizations"][0]["OrganizationID"], json!(dev));

    let viewer = enterprise_viewer_of(&mut w, &prod);
    let list = w.expect(
        200,
        &w.user(&viewer, Scope::Enterprise),
        Get,
        "/v2/enterprises/organizations",
        Value::Null,
    );
    assert_eq!(names(&list, "OrganizationID"), [prod]);

    // The default Enterprise Organization Administrator's scope is every organization.
    let eoa = add_user(
        &mut w,
        "eoa@acme.test",
        &[],
        Some(member(
            MemberStatus::Active,
            "Enterprise Organization Administrator",
        )),
    );
    let list = w.expect(
        200,
        &w.user(&eoa, Scope::Enterprise),
        Get,
        "/v2/enterprises/organizations",
        Value::Null,
    );
    assert_eq!(names(&list, "OrganizationName"), ["Acme Dev", "Acme Prod"]);

    // Standalone organizations are not the enterprise's.
    let org_admin = w.admin();
    w.expect(
        201,
        &org_admin,
        Post,
        "/v2/organizations",
        json!({ "name": "Side", "email": "s@acme.test" }),
    );
    let list = w.expect(
        200,
        &admin,
        Get,
        "/v2/enterprises/organizations",
        Value::Null,
    );
    assert_eq!(names(&list, "OrganizationName"), ["Acme Dev", "Acme Prod"]);

    let body = w.expect(
        403,
        &org_admin,
        Get,
        "/v2/enterprises/organizations",
        Value::Null,
    );
    assert!(
        error_message(&body).contains("switch to the enterprise"),
        "{body}"
    );
}

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level": the enterprise's count of
/// organizations and an enterprise token's list of them are within that scope too, as the
/// Overview shows them.
#[test]
fn the_enterprise_count_and_an_enterprise_tokens_organizations_are_within_the_scope() {
    let mut w = World::new();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    let viewer = enterprise_viewer_of(&mut w, &prod);
    let viewer = w.user(&viewer, Scope::Enterprise);
    let ent = w.expect(200, &viewer, Get, "/v2/enterprises/current", Value::Null);
    assert_eq!(ent["organizations"], json!(1));
    let admin = w.enterprise_admin();
    let ent = w.expect(200, &admin, Get, "/v2/enterprises/current", Value::Null);
    assert_eq!(ent["organizations"], json!(2));

    let client_id = "ProdViewerTokenAbcdefghi".to_owned();
    w.state.tokens.insert(
        client_id.clone(),
        ApplicationToken {
            client_id: client_id.clone(),
            hash: String::new(),
            roles: vec!["prod-viewer".into()],
            scope: Scope::Enterprise,
            description: "prod viewer".into(),
            generated_on: w.now,
            generated_by: w.boot.user_id.clone(),
        },
    );
    let token = Actor {
        principal: portal_core::api::Principal::Token(client_id.clone()),
        scope: Scope::Enterprise,
    };
    let list = w.expect(200, &token, Get, "/v2/organizations", Value::Null);
    assert_eq!(names(&list, "name"), ["Acme Prod"]);
    // Its roles all gone: none.
    w.state.tokens.get_mut(&client_id).unwrap().roles.clear();
    let list = w.expect(200, &token, Get, "/v2/organizations", Value::Null);
    assert!(names(&list, "name").is_empty(), "{list}");
}

// --- POST /v2/enterprises/organizations ------------------------------------------------------

/// Seed 000, "Create an organization": the DevOps API request with an enterprise token, and the
/// response key for key.
#[test]
fn create_organization_returns_the_spec_response() {
    let mut w = World::new();
    let admin_id = w.boot.user_id.clone();
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let created = w.expect(
        201,
        &token,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "Example Org", "email": "admin@acme-enterprises.com", "adminUserID": admin_id, "enterpriseID": w.boot.enterprise_id }),
    );
    assert_eq!(
        keys(&created),
        [
            "CreatedAt",
            "EnterpriseId",
            "LastModified",
            "MarketplaceData",
            "OrgType",
            "OrganizationEmail",
            "OrganizationGroupId",
            "OrganizationID",
            "OrganizationName"
        ]
    );
    assert_eq!(created["OrganizationName"], json!("Example Org"));
    assert_eq!(
        created["OrganizationEmail"],
        json!("admin@acme-enterprises.com")
    );
    assert_eq!(created["MarketplaceData"], json!({}));
    assert_eq!(created["OrgType"], json!("organization"));
    assert_eq!(created["EnterpriseId"], json!(w.boot.enterprise_id));
    assert_eq!(created["CreatedAt"], json!("2025-06-01T12:00:00Z"));
    assert!(created["OrganizationGroupId"]
        .as_str()
        .is_some_and(|g| !g.is_empty()));
    let id = created["OrganizationID"].as_str().unwrap().to_owned();
    let org = &w.state.organizations[&id];
    assert_eq!(org.org_type, OrgType::Enterprise);
    assert_eq!(
        org.enterprise_id.as_deref(),
        Some(w.boot.enterprise_id.as_str())
    );
    assert_eq!(w.state.billing[&id].plan, PlanKind::Enterprise);
    assert_eq!(
        w.state.users[&admin_id].organizations[&id],
        member(MemberStatus::Active, "Organization Administrator")
    );
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.create");
    assert_eq!(audit.scope, Scope::Enterprise);
    assert!(audit.targets.contains(&id));
    // The new organization's administrator acts in it.
    let admin = in_org(&w, &admin_id, &id);
    let current = w.expect(200, &admin, Get, "/v2/currentOrg", Value::Null);
    assert_sound(&w);
    assert_eq!(current["name"], json!("Example Org"));
}

/// Seed 000: "When you create an organization in the Astra Portal, you are the initial
/// Organization Administrator. The Organization email defaults to your Astra DB account email
/// address."
#[test]
fn create_organization_defaults_to_the_acting_user() {
    let mut w = World::new();
    let actor = w.enterprise_admin();
    let created = w.expect(
        201,
        &actor,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "Mine", "description": "ours" }),
    );
    assert_eq!(created["OrganizationEmail"], json!("admin@acme.test"));
    let id = created["OrganizationID"].as_str().unwrap();
    assert_eq!(w.state.organizations[id].description, "ours");
    assert!(w.state.users[&w.boot.user_id]
        .organizations
        .contains_key(id));

    // Someone else as the administrator, with the acting user's email by default.
    let org = w.org();
    let other = add_user(
        &mut w,
        "other@acme.test",
        &[(&org, member(MemberStatus::Active, "Read Only User"))],
        None,
    );
    let created = w.expect(
        201,
        &actor,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "Theirs", "adminUserId": other }),
    );
    let id = created["OrganizationID"].as_str().unwrap();
    assert_eq!(
        w.state.users[&other].organizations[id],
        member(MemberStatus::Active, "Organization Administrator")
    );
    assert!(!w.state.users[&w.boot.user_id]
        .organizations
        .contains_key(id));
}

/// Seed 000, "ent-org-manage: Create an organization under your enterprise."
#[test]
fn create_organization_needs_manage_enterprise_organizations() {
    let mut w = World::new();
    let biller = add_user(
        &mut w,
        "bill@acme.test",
        &[],
        Some(member(
            MemberStatus::Active,
            "Enterprise Billing Administrator",
        )),
    );
    let body = w.expect(
        403,
        &w.user(&biller, Scope::Enterprise),
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "Nope" }),
    );
    assert_eq!(error_id(&body), FORBIDDEN);
    assert!(error_message(&body).contains("ent-org-manage"), "{body}");
    let org_admin = w.admin();
    let body = w.expect(
        403,
        &org_admin,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "Nope" }),
    );
    assert!(error_message(&body).contains("ent-org-manage"), "{body}");
    let org_token = w.token(&w.boot.organization_token.token.clone());
    w.expect(
        403,
        &org_token,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "Nope", "email": "n@acme.test", "adminUserID": w.boot.user_id }),
    );
    assert_eq!(w.state.organizations.len(), 1);
}

/// Seed 000, "Enterprise Organization Administrator role": "ent-org-manage: Create an
/// organization under your enterprise. To delete an organization, you must be the Organization
/// Administrator for that organization" (and, from the enterprise level, an Enterprise
/// Administrator).
#[test]
fn enterprise_organization_administrator_can_create_but_not_delete() {
    let mut w = World::new();
    let org = w.org();
    let eoa = add_user(
        &mut w,
        "eoa@acme.test",
        &[(&org, member(MemberStatus::Active, "Read Only User"))],
        Some(member(
            MemberStatus::Active,
            "Enterprise Organization Administrator",
        )),
    );
    let actor = w.user(&eoa, Scope::Enterprise);
    let created = w.expect(
        201,
        &actor,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "EOA Org" }),
    );
    let id = created["OrganizationID"].as_str().unwrap().to_owned();
    assert_eq!(
        w.state.users[&eoa].organizations[&id],
        member(MemberStatus::Active, "Organization Administrator")
    );
    let body = w.expect(
        403,
        &actor,
        Delete,
        &format!("/v2/enterprises/organizations/{id}"),
        json!({ "name": "EOA Org" }),
    );
    assert!(
        error_message(&body).contains("Enterprise Administrator role"),
        "{body}"
    );
    assert!(w.state.organizations.contains_key(&id));
    // From the organization level, its Organization Administrator can.
    let done = w.call(
        &in_org(&w, &eoa, &id),
        Delete,
        "/v2/currentOrg",
        json!({ "name": "EOA Org" }),
    );
    assert_eq!(done.status, 204);
    assert!(!w.state.organizations.contains_key(&id));
}

/// Seed 000: "ORG_ADMIN_ID: The Astra DB user ID of the user who will be the initial Organization
/// Administrator. The user must have an active Astra DB account."
#[test]
fn create_organization_needs_an_active_admin_user() {
    let mut w = World::new();
    let org = w.org();
    let invited = add_user(
        &mut w,
        "inv@acme.test",
        &[(&org, member(MemberStatus::Invited, "Read Only User"))],
        None,
    );
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let cases = [
        json!({ "name": "A", "email": "a@acme.test" }),
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": "no-such-user" }),
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": invited }),
    ];
    for body in cases {
        let refused = w.expect(
            400,
            &token,
            Post,
            "/v2/enterprises/organizations",
            body.clone(),
        );
        assert_eq!(error_id(&refused), INVALID_FIELD, "{body}");
    }
    assert!(error_message(&w.expect(
        400,
        &token,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": invited })
    ))
    .contains("active"));
    // An active enterprise membership is an active account too.
    let ent_only = add_user(
        &mut w,
        "ent@acme.test",
        &[],
        Some(member(
            MemberStatus::Active,
            "Enterprise Billing Administrator",
        )),
    );
    w.expect(
        201,
        &token,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": ent_only }),
    );
}

/// The spec's CreateOrgInEnterpriseRequest: `enterpriseID` names this enterprise; `email` is
/// required (a token has no email to default to); names are distinct within the enterprise.
#[test]
fn create_organization_checks_enterprise_name_and_email() {
    let mut w = World::new();
    let admin_id = w.boot.user_id.clone();
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let cases = [
        (
            json!({ "name": "A", "email": "a@acme.test", "adminUserID": admin_id, "enterpriseID": "other" }),
            400,
            INVALID_FIELD,
        ),
        (
            json!({ "name": "A", "adminUserID": admin_id }),
            400,
            INVALID_FIELD,
        ),
        (
            json!({ "name": "A", "email": "a@", "adminUserID": admin_id }),
            400,
            INVALID_EMAIL,
        ),
        (
            json!({ "name": " ", "email": "a@acme.test", "adminUserID": admin_id }),
            400,
            INVALID_FIELD,
        ),
        (
            json!({ "name": "ACME dev", "email": "a@acme.test", "adminUserID": admin_id }),
            409,
            NAME_TAKEN,
        ),
        (
            json!({ "name": "A", "email": "a@acme.test", "adminUserID": admin_id, "orgType": "x" }),
            400,
            INVALID_FIELD,
        ),
    ];
    for (body, status, id) in cases {
        let refused = w.expect(
            status,
            &token,
            Post,
            "/v2/enterprises/organizations",
            body.clone(),
        );
        assert_eq!(error_id(&refused), id, "{body}");
    }
    assert_eq!(w.state.organizations.len(), 1);
    w.expect(201, &token, Post, "/v2/enterprises/organizations", json!({ "name": "A", "email": "a@acme.test", "adminUserId": admin_id, "enterpriseId": w.boot.enterprise_id }));
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
        &[(&dev, member(MemberStatus::Active, "Administrator User"))],
        Some(member(MemberStatus::Active, "Enterprise Administrator")),
    );
    let body = w.expect(
        403,
        &w.user(&ent_admin, Scope::Enterprise),
        Delete,
        &target,
        confirm.clone(),
    );
    assert!(
        error_message(&body).contains("an active Organization Administrator membership in"),
        "{body}"
    );
    assert!(
        error_message(&body).contains("from the organization level"),
        "{body}"
    );

    // An invited Organization Administrator is not one yet.
    w.state
        .users
        .get_mut(&ent_admin)
        .unwrap()
        .organizations
        .insert(
            dev.clone(),
            member(MemberStatus::Invited, "Organization Administrator"),
        );
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
    assert!(
        error_message(&body).contains("from the organization level"),
        "{body}"
    );

    // The administrator acting in the organization is not at the enterprise level.
    let in_dev = w.admin();
    let body = w.expect(403, &in_dev, Delete, &target, confirm.clone());
    assert!(
        error_message(&body).contains("Enterprise Administrator role"),
        "{body}"
    );
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
    let side = w.expect(
        201,
        &admin,
        Post,
        "/v2/organizations",
        json!({ "name": "Side", "email": "s@acme.test" }),
    );
    let side = side["id"].as_str().unwrap().to_owned();
    let actor = w.enterprise_admin();
    let body = w.expect(
        404,
        &actor,
        Delete,
        &format!("/v2/enterprises/organizations/{side}"),
        json!({ "name": "Side" }),
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

    let body = w.expect(400, &actor, Delete, &target, json!({ "name": "Acme prod" }));
    assert_eq!(error_id(&body), CONFIRMATION_MISMATCH);
    add_database(&mut w, &prod, "ledger");
    let body = w.expect(409, &actor, Delete, &target, json!({ "name": "Acme Prod" }));
    assert_eq!(error_id(&body), ORGANIZATION_NOT_EMPTY);
    w.state.databases.clear();
    // A state that wrongly holds a default organization in the enterprise still can't lose it.
    w.state.organizations.get_mut(&prod).unwrap().default_of = Some(w.boot.user_id.clone());
    let body = w.expect(409, &actor, Delete, &target, json!({ "name": "Acme Prod" }));
    assert_eq!(error_id(&body), DEFAULT_ORGANIZATION);
    assert!(w.state.organizations.contains_key(&prod));
    w.state.organizations.get_mut(&prod).unwrap().default_of = None;
    let done = w.call(&actor, Delete, &target, json!({ "name": "Acme Prod" }));
    assert_eq!(done.status, 204);
    assert!(!w.state.organizations.contains_key(&prod));
    // Its memberships went with it: nobody is its Organization Administrator any more.
    let body = w.expect(403, &actor, Delete, &target, json!({ "name": "Acme Prod" }));
    assert_eq!(error_id(&body), FORBIDDEN);
}

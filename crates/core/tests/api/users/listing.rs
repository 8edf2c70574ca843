//! Listing and reading users, in an organization and at the enterprise.

use super::{invite, join, Realm, ENT_USERS, ORG_USERS};
use crate::support::{codes::*, default_id, error_id, error_message, keys, World};
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::{json, Value};
use Method::{Get, Post, Put};

/// seed 002, "Invite users to an organization": "Invited users are listed as pending until they
/// accept the invitation to join your organization." The spec's OrganizationUsers with the real
/// API's PascalCase users (Users.json), sorted by email.
#[test]
fn organization_users_are_listed_by_email_with_the_real_key_spellings() {
    let mut world = World::new();
    let admin = world.admin();
    invite(
        &mut world,
        &admin,
        ORG_USERS,
        "carol@acme.test",
        &[default_id("Read Only User")],
    );
    invite(
        &mut world,
        &admin,
        ORG_USERS,
        "Bob@acme.test",
        &[default_id("Read Only User")],
    );

    let body = world.expect(200, &admin, Get, ORG_USERS, Value::Null);
    assert_eq!(keys(&body), ["orgID", "orgName", "users"]);
    assert_eq!(body["orgID"], world.org());
    assert_eq!(body["orgName"], "Acme Dev");
    let users = body["users"].as_array().unwrap();
    let emails: Vec<&str> = users.iter().map(|u| u["Email"].as_str().unwrap()).collect();
    assert_eq!(
        emails,
        ["admin@acme.test", "Bob@acme.test", "carol@acme.test"]
    );
    assert_eq!(keys(&users[0]), ["Email", "Roles", "Status", "UserID"]);
    assert_eq!(users[0]["UserID"], world.boot.user_id);
    assert_eq!(users[0]["Status"], "active");
    assert_eq!(users[1]["Status"], "invited");
    let admin_role = &users[0]["Roles"][0];
    assert_eq!(keys(admin_role), ["ID", "Name", "Policy"]);
    assert_eq!(admin_role["Name"], "Organization Administrator");
    assert_eq!(admin_role["Policy"]["effect"], "allow");
}

/// seed 000, "Manage enterprise users": "The User management page for an enterprise lists all
/// enterprise users. The Admin flag indicates users with the Enterprise Administrator."
#[test]
fn enterprise_users_are_listed_with_the_admin_flag() {
    let mut world = World::new();
    let admin = world.enterprise_admin();
    invite(
        &mut world,
        &admin,
        ENT_USERS,
        "billing@acme.test",
        &[default_id("Enterprise Billing Administrator")],
    );
    let org_admin = world.admin();
    invite(
        &mut world,
        &org_admin,
        ORG_USERS,
        "dev@acme.test",
        &[default_id("Read Only User")],
    );

    let body = world.expect(200, &admin, Get, ENT_USERS, Value::Null);
    assert_eq!(keys(&body), ["enterpriseID", "enterpriseName", "users"]);
    assert_eq!(body["enterpriseID"], world.boot.enterprise_id);
    assert_eq!(body["enterpriseName"], "Acme");
    let users = body["users"].as_array().unwrap();
    assert_eq!(
        users.len(),
        2,
        "organization members are not enterprise users: {users:?}"
    );
    assert_eq!(
        keys(&users[0]),
        ["Admin", "Email", "Roles", "Status", "UserID"]
    );
    assert_eq!(users[0]["Email"], "admin@acme.test");
    assert_eq!(users[0]["Admin"], true);
    assert_eq!(users[1]["Email"], "billing@acme.test");
    assert_eq!(users[1]["Admin"], false);
    assert_eq!(users[1]["Status"], "invited");
    assert_eq!(
        users[1]["Roles"][0]["Name"],
        "Enterprise Billing Administrator"
    );
}

/// seed 004, "Organization permissions": "Read User: org-user-read: View users in an
/// organization."
#[test]
fn listing_and_reading_organization_users_needs_read_user() {
    let mut world = World::new();
    let reader = join(
        &mut world,
        Realm::Organization,
        "reader@acme.test",
        &[default_id("Read Only User")],
    );
    let service = join(
        &mut world,
        Realm::Organization,
        "svc@acme.test",
        &[default_id("Read Only Service Account")],
    );

    world.expect(200, &reader, Get, ORG_USERS, Value::Null);
    let path = format!("{ORG_USERS}/{}", world.boot.user_id);
    world.expect(200, &reader, Get, &path, Value::Null);
    for target in [ORG_USERS, path.as_str()] {
        let refused = world.expect(403, &service, Get, target, Value::Null);
        assert_eq!(error_id(&refused), FORBIDDEN);
        assert!(
            error_message(&refused).contains("org-user-read"),
            "{refused}"
        );
    }
}

/// seed 000, "Create an organization": "To get a list of users in an organization, including
/// their user IDs, use GET /v2/organizations/users. This endpoint requires an organization
/// application token, not an enterprise application token."
#[test]
fn an_enterprise_token_cannot_list_organization_users() {
    let mut world = World::new();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let refused = world.expect(403, &token, Get, ORG_USERS, Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("organization application token"),
        "{refused}"
    );

    let org_token = world.token(&world.boot.organization_token.token.clone());
    world.expect(200, &org_token, Get, ORG_USERS, Value::Null);
}

/// seed 000, "Enterprise RBAC is not a global RBAC tool": "Enterprise access is separate from
/// organization access." An Organization Administrator with no enterprise role can't see the
/// enterprise's users.
#[test]
fn an_organization_administrator_without_enterprise_roles_cannot_list_enterprise_users() {
    let mut world = World::new();
    let org_admin = join(
        &mut world,
        Realm::Organization,
        "orgadmin@acme.test",
        &[default_id("Organization Administrator")],
    );
    let refused = world.expect(403, &org_admin, Get, ENT_USERS, Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("ent-user-read"),
        "{refused}"
    );

    let org_token = world.token(&world.boot.organization_token.token.clone());
    let refused = world.expect(403, &org_token, Get, ENT_USERS, Value::Null);
    assert!(
        error_message(&refused).contains("ent-user-read"),
        "{refused}"
    );
}

/// The spec's "Get an organization's user": a UserResponse for a member of the organization;
/// anyone else is not found there.
#[test]
fn a_member_is_read_by_id_and_anyone_else_is_not_found() {
    let mut world = World::new();
    let admin = world.admin();
    let body = world.expect(
        200,
        &admin,
        Get,
        &format!("{ORG_USERS}/{}", world.boot.user_id),
        Value::Null,
    );
    assert_eq!(keys(&body), ["Email", "Roles", "Status", "UserID"]);
    assert_eq!(body["Email"], "admin@acme.test");

    let ent_admin = world.enterprise_admin();
    let ent_only = invite(
        &mut world,
        &ent_admin,
        ENT_USERS,
        "ent@acme.test",
        &[default_id("Enterprise Administrator")],
    );
    for missing in [ent_only.as_str(), "no-such-user"] {
        let refused = world.expect(
            404,
            &admin,
            Get,
            &format!("{ORG_USERS}/{missing}"),
            Value::Null,
        );
        assert_eq!(error_id(&refused), NOT_FOUND);
        assert!(error_message(&refused).contains(missing));
    }
    let body = world.expect(
        200,
        &world.enterprise_admin(),
        Get,
        &format!("{ENT_USERS}/{ent_only}"),
        Value::Null,
    );
    assert_eq!(body["Admin"], true);
    assert_eq!(body["Status"], "invited");
}

/// seed 000, "Manage enterprise roles": "if you grant the org-user-read permission with only one
/// organization in the role's scope, then a user with this permission can view the users in that
/// one organization only."
#[test]
fn an_enterprise_role_with_org_user_read_views_the_users_of_its_organizations_only() {
    let mut world = World::new();
    let boss = world.enterprise_admin();
    let dev = world.org();
    let other = world.expect(
        201,
        &boss,
        Post,
        "/v2/enterprises/organizations",
        json!({
            "name": "Acme Ops", "email": "ops@acme.test", "adminUserID": world.boot.user_id
        }),
    )["OrganizationID"]
        .as_str()
        .unwrap()
        .to_owned();
    let ent = world.boot.enterprise_id.clone();
    let auditor = world.expect(201, &boss, Post, "/v2/organizations/roles", json!({
        "name": "Dev User Auditor",
        "policy": {"description": "", "effect": "allow", "actions": ["org-user-read"],
            "resources": [format!("drn:astra:ent:{ent}"), format!("drn:astra:ent:{ent}:org:{dev}")]}
    }))["ID"]
        .as_str()
        .unwrap()
        .to_owned();
    world.expect(
        200,
        &boss,
        Put,
        "/v2/enterprises/users",
        json!({"email": "audit@acme.test", "roles": [auditor]}),
    );
    let id = world
        .state
        .user_by_email("audit@acme.test")
        .unwrap()
        .id
        .clone();
    let audit = world.user(&id, Scope::Enterprise);
    world.expect(
        200,
        &audit,
        Post,
        "/v2/enterprises/invitation/accept",
        Value::Null,
    );

    let seen = world.expect(
        200,
        &audit,
        Get,
        &format!("/v2/enterprises/organizations/{dev}/users"),
        Value::Null,
    );
    assert_eq!(seen["orgID"], dev.as_str());
    assert_eq!(seen["users"][0]["Email"], "admin@acme.test");
    let refused = world.expect(
        403,
        &audit,
        Get,
        &format!("/v2/enterprises/organizations/{other}/users"),
        Value::Null,
    );
    assert!(error_message(&refused).contains("org-user-read"));
    // It grants nothing inside the organization, and the Enterprise Administrator lacks it.
    assert_eq!(
        world
            .call(
                &world.user(&id, Scope::Organization(dev.clone())),
                Get,
                "/v2/organizations/users",
                Value::Null
            )
            .status,
        403
    );
    let refused = world.expect(
        403,
        &boss,
        Get,
        &format!("/v2/enterprises/organizations/{dev}/users"),
        Value::Null,
    );
    assert_eq!(error_id(&refused), 1102);
    let missing = world.expect(
        403,
        &audit,
        Get,
        "/v2/enterprises/organizations/nope/users",
        Value::Null,
    );
    assert_eq!(error_id(&missing), 1102);
}

//! Listing and reading users, in an organization and at the enterprise.

use super::{invite, invite_to_enterprise, invite_to_org, join_org, ENT_USERS, ORG_USERS};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, keys, World};
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
    invite_to_org(&mut world, "carol@acme.test", "Read Only User");
    invite_to_org(&mut world, "Bob@acme.test", "Read Only User");

    let body = world.get(200, &admin, ORG_USERS);
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
    invite_to_enterprise(
        &mut world,
        "billing@acme.test",
        "Enterprise Billing Administrator",
    );
    let org_admin = world.admin();
    invite(
        &mut world,
        &org_admin,
        ORG_USERS,
        "dev@acme.test",
        "Read Only User",
    );

    let body = world.get(200, &admin, ENT_USERS);
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
    let reader = join_org(&mut world, "reader@acme.test", "Read Only User");
    let service = join_org(&mut world, "svc@acme.test", "Read Only Service Account");

    world.get(200, &reader, ORG_USERS);
    let path = format!("{ORG_USERS}/{}", world.boot.user_id);
    world.get(200, &reader, &path);
    for target in [ORG_USERS, path.as_str()] {
        let refused = world.get(403, &service, target);
        assert_refusal(&refused, FORBIDDEN, "org-user-read");
    }
}

/// seed 000, "Create an organization": "To get a list of users in an organization, including
/// their user IDs, use GET /v2/organizations/users. This endpoint requires an organization
/// application token, not an enterprise application token."
#[test]
fn an_enterprise_token_cannot_list_organization_users() {
    let mut world = World::new();
    let token = world.token(&world.boot.enterprise_token.token.clone());
    let refused = world.get(403, &token, ORG_USERS);
    assert_refusal(&refused, FORBIDDEN, "organization application token");

    let org_token = world.token(&world.boot.organization_token.token.clone());
    world.get(200, &org_token, ORG_USERS);
}

/// seed 000, "Enterprise RBAC is not a global RBAC tool": "Enterprise access is separate from
/// organization access." An Organization Administrator with no enterprise role can't see the
/// enterprise's users.
#[test]
fn an_organization_administrator_without_enterprise_roles_cannot_list_enterprise_users() {
    let mut world = World::new();
    let org_admin = join_org(
        &mut world,
        "orgadmin@acme.test",
        "Organization Administrator",
    );
    let refused = world.get(403, &org_admin, ENT_USERS);
    assert_refusal(&refused, FORBIDDEN, "ent-user-read");

    let org_token = world.token(&world.boot.organization_token.token.clone());
    let refused = world.get(403, &org_token, ENT_USERS);
    assert_mentions(&refused, "ent-user-read");
}

/// The spec's "Get an organization's user": a UserResponse for a member of the organization;
/// anyone else is not found there.
#[test]
fn a_member_is_read_by_id_and_anyone_else_is_not_found() {
    let mut world = World::new();
    let admin = world.admin();
    let body = world.get(200, &admin, &format!("{ORG_USERS}/{}", world.boot.user_id));
    assert_eq!(keys(&body), ["Email", "Roles", "Status", "UserID"]);
    assert_eq!(body["Email"], "admin@acme.test");

    let ent_only = invite_to_enterprise(&mut world, "ent@acme.test", "Enterprise Administrator");
    for missing in [ent_only.as_str(), "no-such-user"] {
        let refused = world.get(404, &admin, &format!("{ORG_USERS}/{missing}"));
        assert_refusal(&refused, NOT_FOUND, missing);
    }
    let body = world.get(
        200,
        &world.enterprise_admin(),
        &format!("{ENT_USERS}/{ent_only}"),
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
    let request = json!({
        "name": "Acme Ops", "email": "ops@acme.test", "adminUserID": world.boot.user_id
    });
    let other = world.expect(201, &boss, Post, "/v2/enterprises/organizations", request)
        ["OrganizationID"]
        .as_str()
        .unwrap()
        .to_owned();
    let ent = world.boot.enterprise_id.clone();
    let payload = json!({
        "name": "Dev User Auditor",
        "policy": {"description": "", "effect": "allow", "actions": ["org-user-read"],
            "resources": [format!("drn:astra:ent:{ent}"), format!("drn:astra:ent:{ent}:org:{dev}")]}
    });
    let auditor = world.expect(201, &boss, Post, "/v2/organizations/roles", payload)["ID"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({"email": "audit@acme.test", "roles": [auditor]});
    world.expect(200, &boss, Put, "/v2/enterprises/users", body);
    let id = world
        .state
        .user_by_email("audit@acme.test")
        .unwrap()
        .id
        .clone();
    let audit = world.user(&id, Scope::Enterprise);
    world.bodiless(200, &audit, Post, "/v2/enterprises/invitation/accept");

    let seen = world.get(
        200,
        &audit,
        &format!("/v2/enterprises/organizations/{dev}/users"),
    );
    assert_eq!(seen["orgID"], dev.as_str());
    assert_eq!(seen["users"][0]["Email"], "admin@acme.test");
    let refused = world.get(
        403,
        &audit,
        &format!("/v2/enterprises/organizations/{other}/users"),
    );
    assert_mentions(&refused, "org-user-read");
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
    let refused = world.get(
        403,
        &boss,
        &format!("/v2/enterprises/organizations/{dev}/users"),
    );
    assert_eq!(error_id(&refused), 1102);
    let missing = world.get(403, &audit, "/v2/enterprises/organizations/nope/users");
    assert_eq!(error_id(&missing), 1102);
}

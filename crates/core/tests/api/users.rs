//! The users endpoints of both realms: `/v2/organizations/users...` for the actor's organization
//! and `/v2/enterprises/users...` for the enterprise, with invitations and their acceptance.

use crate::support::{codes::*, default_id, error_id, error_message, keys, World};
use portal_core::api::{Actor, Method};
use portal_core::model::bootstrap::enterprise_organization;
use portal_core::model::{MemberStatus, Membership, Scope};
use serde_json::{json, Value};

use Method::{Delete, Get, Post, Put};

const ORG_USERS: &str = "/v2/organizations/users";
const ENT_USERS: &str = "/v2/enterprises/users";
const ORG_ACCEPT: &str = "/v2/organizations/invitation/accept";
const ENT_ACCEPT: &str = "/v2/enterprises/invitation/accept";

/// Invites one address as `actor` and returns the invitee's user ID.
fn invite(world: &mut World, actor: &Actor, path: &str, email: &str, roles: &[&str]) -> String {
    let body = world.expect(
        200,
        actor,
        Put,
        path,
        json!({"email": email, "roles": roles}),
    );
    body["invited"][0]["userID"].as_str().unwrap().to_owned()
}

/// Which users a test means: the first organization's or the enterprise's.
#[derive(Clone, Copy)]
enum Realm {
    Organization,
    Enterprise,
}

/// Invites through the bootstrapped administrator and accepts as the invitee: an active member
/// of the first organization or of the enterprise, acting there.
fn join(world: &mut World, realm: Realm, email: &str, roles: &[&str]) -> Actor {
    let (admin, scope, users, accept) = match realm {
        Realm::Enterprise => (
            world.enterprise_admin(),
            Scope::Enterprise,
            ENT_USERS,
            ENT_ACCEPT,
        ),
        Realm::Organization => (world.admin(), org_scope(world), ORG_USERS, ORG_ACCEPT),
    };
    let id = invite(world, &admin, users, email, roles);
    let invitee = world.user(&id, scope);
    world.expect(200, &invitee, Post, accept, Value::Null);
    invitee
}

fn org_scope(world: &World) -> Scope {
    Scope::Organization(world.org())
}

fn membership(world: &World, user_id: &str, scope: &Scope) -> Option<Membership> {
    world.state.users.get(user_id)?.membership(scope).cloned()
}

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

/// seed 002, "Invite users to an organization": "Invite users to join your organization and
/// provide them with access based on the selected role." A new address becomes a user with a
/// pending membership holding the roles.
#[test]
fn inviting_a_new_address_creates_a_pending_member() {
    let mut world = World::new();
    let admin = world.admin();
    let body = world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "new@acme.test", "roles": [default_id("Read Only User")], "orgID": world.org()}),
    );
    assert_eq!(keys(&body), ["errors", "invited"]);
    assert_eq!(body["errors"], json!([]));
    let invited = &body["invited"][0];
    assert_eq!(keys(invited), ["email", "resent", "status", "userID"]);
    assert_eq!(invited["email"], "new@acme.test");
    assert_eq!(invited["status"], "invited");
    assert_eq!(invited["resent"], false);

    let id = invited["userID"].as_str().unwrap();
    let user = &world.state.users[id];
    assert_eq!(user.email, "new@acme.test");
    assert_eq!(
        user.membership(&org_scope(&world)),
        Some(&Membership {
            status: MemberStatus::Invited,
            roles: vec![default_id("Read Only User").to_owned()],
        })
    );
    assert_eq!(user.enterprise, None);
    let audit = world.state.audit.values().last().unwrap();
    assert_eq!(audit.action, "user.invite");
    assert_eq!(audit.targets, [id]);
    assert_eq!(audit.actor, world.boot.user_id);
}

/// The spec's UserInvite carries `orgID`: it can only be the organization the caller acts in
/// (either spelling, `orgID` or `orgId`).
#[test]
fn an_invitation_names_only_the_callers_organization() {
    let mut world = World::new();
    let admin = world.admin();
    let roles = [default_id("Read Only User")];
    world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "a@acme.test", "roles": roles, "orgId": world.org()}),
    );
    let refused = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "b@acme.test", "roles": roles, "orgID": "other-org"}),
    );
    assert_eq!(error_id(&refused), INVALID_FIELD);
    assert!(error_message(&refused).contains("other-org"), "{refused}");
    let refused = world.expect(
        400,
        &world.enterprise_admin(),
        Put,
        ENT_USERS,
        json!({"email": "c@acme.test", "roles": [default_id("Enterprise Administrator")], "orgID": world.org()}),
    );
    assert_eq!(error_id(&refused), INVALID_FIELD);
    world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "d@acme.test", "roles": roles, "extra": 1}),
    );
    assert!(world.state.user_by_email("b@acme.test").is_none());
}

/// seed 002, "Invite users to an organization": "If adding multiple users, separate the email
/// addresses with commas, spaces, or line breaks."
#[test]
fn several_addresses_are_separated_by_commas_spaces_or_line_breaks() {
    let mut world = World::new();
    let admin = world.admin();
    let body = world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "a@acme.test, b@acme.test c@acme.test\nd@acme.test\r\n,,A@ACME.TEST", "roles": [default_id("Read Only User")]}),
    );
    let emails: Vec<&str> = body["invited"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        ["a@acme.test", "b@acme.test", "c@acme.test", "d@acme.test"]
    );
    assert_eq!(world.state.users.len(), 5);
    let audits: Vec<_> = world
        .state
        .audit
        .values()
        .filter(|a| a.action == "user.invite")
        .collect();
    assert_eq!(audits.len(), 1, "one audit entry per request");
    assert_eq!(audits[0].targets.len(), 4);
}

/// One request invites at most 100 addresses (repeats counted once): past that, a clear 400 and
/// nobody invited, so that one request can't hold up everyone else's.
#[test]
fn an_invitation_holds_at_most_a_hundred_addresses() {
    let mut world = World::new();
    let admin = world.admin();
    let role = default_id("Read Only User");
    let hundred: Vec<String> = (0..100).map(|i| format!("u{i}@acme.test")).collect();
    let repeated = format!("{}, U0@ACME.TEST", hundred.join(", "));
    let body = world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": repeated, "roles": [role]}),
    );
    assert_eq!(body["invited"].as_array().unwrap().len(), 100);
    let users = world.state.users.len();
    let over = format!(
        "{}, v@acme.test",
        hundred.join(", ").replace("@acme", "@other")
    );
    let body = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": over, "roles": [role]}),
    );
    assert_eq!(error_id(&body), INVALID_EMAIL);
    assert!(
        error_message(&body).contains("at most 100 at a time"),
        "{body}"
    );
    assert_eq!(world.state.users.len(), users);
}

/// An address that isn't one is refused on its own; the others are still invited. When none is
/// valid, nothing changes.
#[test]
fn invalid_addresses_are_refused_one_by_one() {
    let mut world = World::new();
    let admin = world.admin();
    let roles = [default_id("Read Only User")];
    let body = world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "ok@acme.test, not-an-address", "roles": roles}),
    );
    assert_eq!(body["invited"].as_array().unwrap().len(), 1);
    assert_eq!(body["errors"][0]["ID"], INVALID_EMAIL);
    assert!(body["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("not-an-address"));

    let before = world.state.clone();
    for bad in [
        "@acme.test",
        "x@localhost",
        "x@@acme.test",
        "x@acme..test",
        "x@.acme.test",
        "a@b@acme.test",
        "",
        " , ",
    ] {
        let refused = world.expect(
            400,
            &admin,
            Put,
            ORG_USERS,
            json!({"email": bad, "roles": roles}),
        );
        assert_eq!(error_id(&refused), INVALID_EMAIL, "{bad:?}");
    }
    let long = format!("{}@acme.test", "x".repeat(250));
    world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": long, "roles": roles}),
    );
    let refused = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "bad1, bad2", "roles": roles}),
    );
    assert_eq!(refused["errors"].as_array().unwrap().len(), 2);
    assert_eq!(world.state, before);
}

/// Roles are checked before any address: every role must be available where the user is
/// invited, otherwise nothing is invited.
#[test]
fn invitation_roles_must_be_available_here() {
    let mut world = World::new();
    let admin = world.admin();
    let before = world.state.clone();
    let refused = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "a@acme.test", "roles": ["no-such-role"]}),
    );
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    let message = error_message(&refused);
    assert!(
        message.contains("no-such-role") && message.contains("GET /v2/organizations/roles"),
        "{message}"
    );

    let ent_role = default_id("Enterprise Administrator");
    let refused = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "a@acme.test", "roles": [default_id("Read Only User"), ent_role]}),
    );
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    assert!(error_message(&refused).contains(ent_role));

    let refused = world.expect(
        400,
        &world.enterprise_admin(),
        Put,
        ENT_USERS,
        json!({"email": "a@acme.test", "roles": [default_id("Read Only User")]}),
    );
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);

    let refused = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "a@acme.test", "roles": []}),
    );
    assert_eq!(error_id(&refused), INVALID_FIELD);
    assert_eq!(world.state, before);
}

/// The spec, "Invite a user to an organization": "Invite a user to an organization or resend an
/// invitation with new invitation details". Inviting a pending address again replaces its roles
/// and keeps it pending.
#[test]
fn inviting_a_pending_address_again_resends_with_the_new_roles() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "pending@acme.test",
        &[default_id("Read Only User")],
    );
    let body = world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "PENDING@acme.test", "roles": [default_id("Read/Write User")]}),
    );
    assert_eq!(body["invited"][0]["userID"], id);
    assert_eq!(body["invited"][0]["resent"], true);
    assert_eq!(
        membership(&world, &id, &org_scope(&world)),
        Some(Membership {
            status: MemberStatus::Invited,
            roles: vec![default_id("Read/Write User").to_owned()],
        })
    );
    assert_eq!(world.state.users.len(), 2);
}

/// An active member is not invited again: their roles are edited instead. With nobody else in
/// the request, it's a conflict.
#[test]
fn an_active_member_cannot_be_invited_again() {
    let mut world = World::new();
    let admin = world.admin();
    let roles = [default_id("Read Only User")];
    let refused = world.expect(
        409,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "admin@acme.test", "roles": roles}),
    );
    assert_eq!(error_id(&refused), INVITATION_STATE);
    assert!(error_message(&refused).contains("/roles"), "{refused}");

    let body = world.expect(
        200,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "admin@acme.test new@acme.test", "roles": roles}),
    );
    assert_eq!(body["invited"][0]["email"], "new@acme.test");
    assert_eq!(body["errors"][0]["ID"], INVITATION_STATE);
    let admin_roles = membership(&world, &world.boot.user_id, &org_scope(&world))
        .unwrap()
        .roles;
    assert_eq!(admin_roles, [default_id("Organization Administrator")]);

    let refused = world.expect(
        400,
        &admin,
        Put,
        ORG_USERS,
        json!({"email": "admin@acme.test bad", "roles": roles}),
    );
    assert_eq!(refused["errors"].as_array().unwrap().len(), 2);
}

/// seed 000, "Manage enterprise users": "Inviting a user to your enterprise does not add the
/// user to any organizations in your enterprise."
#[test]
fn an_enterprise_invitation_adds_no_organization() {
    let mut world = World::new();
    let admin = world.enterprise_admin();
    let id = invite(
        &mut world,
        &admin,
        ENT_USERS,
        "ent@acme.test",
        &[default_id("Enterprise Organization Administrator")],
    );
    let user = &world.state.users[&id];
    assert!(user.organizations.is_empty());
    assert_eq!(
        user.enterprise.as_ref().unwrap().status,
        MemberStatus::Invited
    );

    // A known user joins the enterprise without losing their organization.
    let dev = join(
        &mut world,
        Realm::Organization,
        "dev@acme.test",
        &[default_id("Read Only User")],
    );
    let dev_id = dev.id().to_owned();
    let body = world.expect(
        200,
        &admin,
        Put,
        ENT_USERS,
        json!({"email": "dev@acme.test", "roles": [default_id("Enterprise Billing Administrator")]}),
    );
    assert_eq!(body["invited"][0]["userID"], dev_id);
    assert_eq!(body["invited"][0]["resent"], false);
    assert_eq!(
        membership(&world, &dev_id, &org_scope(&world))
            .unwrap()
            .status,
        MemberStatus::Active
    );
    assert_eq!(
        membership(&world, &dev_id, &Scope::Enterprise)
            .unwrap()
            .status,
        MemberStatus::Invited
    );
}

/// seed 004, "Organization permissions": "Write User: org-user-write: Invite (add) users, edit
/// users' assigned roles, and remove users from an organization."
#[test]
fn inviting_editing_and_removing_need_write_user() {
    let mut world = World::new();
    let reader = join(
        &mut world,
        Realm::Organization,
        "reader@acme.test",
        &[default_id("Read Only User")],
    );
    let admin_path = format!("{ORG_USERS}/{}", world.boot.user_id);
    let attempts = [
        (
            Put,
            ORG_USERS.to_owned(),
            json!({"email": "x@acme.test", "roles": [default_id("Read Only User")]}),
        ),
        (Delete, admin_path.clone(), Value::Null),
        (
            Put,
            format!("{admin_path}/roles"),
            json!({"roles": [default_id("Read Only User")]}),
        ),
    ];
    for (method, path, body) in attempts {
        let refused = world.expect(403, &reader, method, &path, body);
        assert!(
            error_message(&refused).contains("org-user-write"),
            "{refused}"
        );
    }
    let ent_reader = join(
        &mut world,
        Realm::Enterprise,
        "entorg@acme.test",
        &[default_id("Enterprise Organization Administrator")],
    );
    let refused = world.expect(
        403,
        &ent_reader,
        Put,
        ENT_USERS,
        json!({"email": "y@acme.test", "roles": [default_id("Enterprise Administrator")]}),
    );
    assert!(
        error_message(&refused).contains("ent-user-write"),
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

/// seed 000, "Manage enterprise users": "To remove a user or revoke a pending invitation, click
/// More, and then select Remove User." A pending invitee with nothing else is gone entirely.
#[test]
fn removing_a_pending_invitation_revokes_it() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "pending@acme.test",
        &[default_id("Read Only User")],
    );
    let response = world.call(&admin, Delete, &format!("{ORG_USERS}/{id}"), Value::Null);
    assert_eq!(response.status, 204);
    assert!(!world.state.users.contains_key(&id));
    let audit = world.state.audit.values().last().unwrap();
    assert_eq!(audit.action, "user.remove");
    assert_eq!(audit.targets, [id.as_str()]);
    let refused = world.expect(
        404,
        &admin,
        Delete,
        &format!("{ORG_USERS}/{id}"),
        Value::Null,
    );
    assert_eq!(error_id(&refused), NOT_FOUND);
}

/// seed 000, "Manage enterprise users": "This removes the user from your enterprise only.
/// Organization Administrators must also remove the user from any organizations in your
/// enterprise, if necessary."
#[test]
fn removing_from_the_enterprise_keeps_organization_memberships() {
    let mut world = World::new();
    let dev = join(
        &mut world,
        Realm::Organization,
        "dev@acme.test",
        &[default_id("Read Only User")],
    );
    let id = dev.id().to_owned();
    let ent_admin = world.enterprise_admin();
    world.expect(
        200,
        &ent_admin,
        Put,
        ENT_USERS,
        json!({"email": "dev@acme.test", "roles": [default_id("Enterprise Billing Administrator")]}),
    );

    let response = world.call(
        &ent_admin,
        Delete,
        &format!("{ENT_USERS}/{id}"),
        Value::Null,
    );
    assert_eq!(response.status, 204);
    let user = &world.state.users[&id];
    assert_eq!(user.enterprise, None);
    assert_eq!(
        user.membership(&org_scope(&world)).unwrap().status,
        MemberStatus::Active
    );
    world.expect(
        404,
        &ent_admin,
        Delete,
        &format!("{ENT_USERS}/{id}"),
        Value::Null,
    );
}

/// A user who still owns a default (personal) organization is kept when their last membership
/// ends: the default organization is theirs ("Users can always create organizations from their
/// default organization because they are the Organization Administrator of their default
/// organization", seed 004).
#[test]
fn removing_the_last_membership_keeps_the_owner_of_a_default_organization() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "owner@acme.test",
        &[default_id("Read Only User")],
    );
    let mut personal = enterprise_organization(
        &world.state,
        "Owner's org",
        "owner@acme.test",
        world.now,
        &mut world.entropy,
    );
    personal.enterprise_id = None;
    personal.default_of = Some(id.clone());
    world
        .state
        .organizations
        .insert(personal.id.clone(), personal);

    world.expect(
        204,
        &admin,
        Delete,
        &format!("{ORG_USERS}/{id}"),
        Value::Null,
    );
    let user = &world.state.users[&id];
    assert!(user.organizations.is_empty() && user.enterprise.is_none());
}

/// seed 000, "Create an organization": "you are the initial Organization Administrator [...] you
/// can invite another Organization Administrator". The last active one can't be removed; once
/// another has accepted, they can.
#[test]
fn the_last_organization_administrator_cannot_be_removed() {
    let mut world = World::new();
    let admin = world.admin();
    let admin_path = format!("{ORG_USERS}/{}", world.boot.user_id);
    let refused = world.expect(409, &admin, Delete, &admin_path, Value::Null);
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);
    assert!(
        error_message(&refused).contains("make someone else"),
        "{refused}"
    );

    // A pending Organization Administrator doesn't count yet.
    let id = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "second@acme.test",
        &[default_id("Organization Administrator")],
    );
    world.expect(409, &admin, Delete, &admin_path, Value::Null);
    let second = world.user(&id, org_scope(&world));
    world.expect(200, &second, Post, ORG_ACCEPT, Value::Null);

    world.expect(204, &second, Delete, &admin_path, Value::Null);
    let boot_user = &world.state.users[&world.boot.user_id];
    assert!(boot_user.membership(&org_scope(&world)).is_none());
    assert!(
        boot_user.enterprise.is_some(),
        "the enterprise membership stays"
    );
    let refused = world.expect(
        409,
        &second,
        Delete,
        &format!("{ORG_USERS}/{id}"),
        Value::Null,
    );
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);
}

/// seed 000, "Enterprise tokens": "Each enterprise has at least one Enterprise Administrator".
#[test]
fn the_last_enterprise_administrator_cannot_be_removed_or_demoted() {
    let mut world = World::new();
    let admin = world.enterprise_admin();
    let path = format!("{ENT_USERS}/{}", world.boot.user_id);
    let refused = world.expect(409, &admin, Delete, &path, Value::Null);
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);
    assert!(
        error_message(&refused).contains("Enterprise Administrator"),
        "{refused}"
    );
    let refused = world.expect(
        409,
        &admin,
        Put,
        &format!("{path}/roles"),
        json!({"roles": [default_id("Enterprise Billing Administrator")]}),
    );
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);

    join(
        &mut world,
        Realm::Enterprise,
        "ent2@acme.test",
        &[default_id("Enterprise Administrator")],
    );
    world.expect(
        204,
        &admin,
        Put,
        &format!("{path}/roles"),
        json!({"roles": [default_id("Enterprise Billing Administrator")]}),
    );
    let roles = membership(&world, &world.boot.user_id, &Scope::Enterprise)
        .unwrap()
        .roles;
    assert_eq!(roles, [default_id("Enterprise Billing Administrator")]);
}

/// seed 000, "Manage enterprise users": "To edit a user's roles, click More, and then select Edit
/// User." The spec's RoleInviteRequest replaces the member's roles; a pending invitation stays
/// pending.
#[test]
fn editing_roles_replaces_them() {
    let mut world = World::new();
    let admin = world.admin();
    let dev = join(
        &mut world,
        Realm::Organization,
        "dev@acme.test",
        &[default_id("Read Only User")],
    );
    let pending = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "pending@acme.test",
        &[default_id("Read Only User")],
    );
    let new_roles = [
        default_id("Read/Write User"),
        default_id("Billing Administrator"),
        default_id("Read/Write User"),
    ];
    for id in [dev.id(), pending.as_str()] {
        let response = world.call(
            &admin,
            Put,
            &format!("{ORG_USERS}/{id}/roles"),
            json!({"roles": new_roles}),
        );
        assert_eq!(response.status, 204);
        let m = membership(&world, id, &org_scope(&world)).unwrap();
        assert_eq!(
            m.roles,
            [
                default_id("Read/Write User"),
                default_id("Billing Administrator")
            ]
        );
        let audit = world.state.audit.values().last().unwrap();
        assert_eq!(
            (audit.action.as_str(), audit.targets.as_slice()),
            ("user.roles", [id.to_owned()].as_slice())
        );
    }
    assert_eq!(
        membership(&world, dev.id(), &org_scope(&world))
            .unwrap()
            .status,
        MemberStatus::Active
    );
    assert_eq!(
        membership(&world, &pending, &org_scope(&world))
            .unwrap()
            .status,
        MemberStatus::Invited
    );
}

/// Editing roles follows the same rules as inviting: available roles only, members only, and
/// never demoting the last administrator.
#[test]
fn editing_roles_is_refused_for_unavailable_roles_non_members_and_the_last_administrator() {
    let mut world = World::new();
    let admin = world.admin();
    let dev = join(
        &mut world,
        Realm::Organization,
        "dev@acme.test",
        &[default_id("Read Only User")],
    );
    let path = format!("{ORG_USERS}/{}/roles", dev.id());
    let refused = world.expect(
        400,
        &admin,
        Put,
        &path,
        json!({"roles": [default_id("Enterprise Administrator")]}),
    );
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    world.expect(400, &admin, Put, &path, json!({"roles": []}));
    world.expect(400, &admin, Put, &path, json!({}));
    let refused = world.expect(
        404,
        &admin,
        Put,
        &format!("{ORG_USERS}/nobody/roles"),
        json!({"roles": [default_id("Read Only User")]}),
    );
    assert_eq!(error_id(&refused), NOT_FOUND);
    let own = format!("{ORG_USERS}/{}/roles", world.boot.user_id);
    let refused = world.expect(
        409,
        &admin,
        Put,
        &own,
        json!({"roles": [default_id("Read Only User")]}),
    );
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);
    // Keeping the administrator role beside others is fine.
    world.expect(
        204,
        &admin,
        Put,
        &own,
        json!({"roles": [default_id("Organization Administrator"), default_id("Read Only User")]}),
    );
}

/// seed 002: "Invited users are listed as pending until they accept the invitation to join your
/// organization." Accepting makes the membership active, once.
#[test]
fn the_invitee_accepts_the_invitation() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "new@acme.test",
        &[default_id("Read Only User")],
    );
    let invitee = world.user(&id, org_scope(&world));
    let body = world.expect(200, &invitee, Post, ORG_ACCEPT, Value::Null);
    assert_eq!(keys(&body), ["Email", "Roles", "Status", "UserID"]);
    assert_eq!(body["Status"], "active");
    assert_eq!(body["UserID"], id);
    assert_eq!(
        membership(&world, &id, &org_scope(&world)).unwrap().status,
        MemberStatus::Active
    );
    let audit = world.state.audit.values().last().unwrap();
    assert_eq!(
        (audit.action.as_str(), audit.actor.as_str()),
        ("user.accept", id.as_str())
    );

    let refused = world.expect(409, &invitee, Post, ORG_ACCEPT, Value::Null);
    assert_eq!(error_id(&refused), INVITATION_STATE);

    let ent_admin = world.enterprise_admin();
    let ent_id = invite(
        &mut world,
        &ent_admin,
        ENT_USERS,
        "ent@acme.test",
        &[default_id("Enterprise Billing Administrator")],
    );
    let body = world.expect(
        200,
        &world.user(&ent_id, Scope::Enterprise),
        Post,
        ENT_ACCEPT,
        Value::Null,
    );
    assert_eq!(body["Admin"], false);
    assert_eq!(body["Status"], "active");
}

/// Only the invited user accepts, where they were invited: a token can't, someone without an
/// invitation there finds none, and an enterprise invitation is accepted at the enterprise.
#[test]
fn only_the_invited_user_accepts_where_they_were_invited() {
    let mut world = World::new();
    let token = world.token(&world.boot.organization_token.token.clone());
    let refused = world.expect(403, &token, Post, ORG_ACCEPT, Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(error_message(&refused).contains("sign in as a user"));

    let dev = join(
        &mut world,
        Realm::Organization,
        "dev@acme.test",
        &[default_id("Read Only User")],
    );
    let other = enterprise_organization(
        &world.state,
        "Acme Ops",
        "ops@acme.test",
        world.now,
        &mut world.entropy,
    );
    let elsewhere = world.user(dev.id(), Scope::Organization(other.id.clone()));
    world.state.organizations.insert(other.id.clone(), other);
    let refused = world.expect(404, &elsewhere, Post, ORG_ACCEPT, Value::Null);
    assert_eq!(error_id(&refused), NOT_FOUND);

    world.expect(
        200,
        &world.enterprise_admin(),
        Put,
        ENT_USERS,
        json!({"email": "dev@acme.test", "roles": [default_id("Enterprise Billing Administrator")]}),
    );
    let refused = world.expect(403, &dev, Post, ENT_ACCEPT, Value::Null);
    assert!(
        error_message(&refused).contains("switch to the enterprise"),
        "{refused}"
    );
    let at_enterprise = world.user(dev.id(), Scope::Enterprise);
    let refused = world.expect(403, &at_enterprise, Post, ORG_ACCEPT, Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    world.expect(200, &at_enterprise, Post, ENT_ACCEPT, Value::Null);
}

/// seed 002: "Invited users are listed as pending until they accept the invitation"; until then
/// the invitation's roles grant nothing.
#[test]
fn an_invitations_roles_grant_nothing_until_it_is_accepted() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite(
        &mut world,
        &admin,
        ORG_USERS,
        "boss@acme.test",
        &[default_id("Organization Administrator")],
    );
    let invitee = world.user(&id, org_scope(&world));
    let refused = world.expect(403, &invitee, Get, ORG_USERS, Value::Null);
    assert!(
        error_message(&refused).contains("org-user-read"),
        "{refused}"
    );
    world.expect(200, &invitee, Post, ORG_ACCEPT, Value::Null);
    world.expect(200, &invitee, Get, ORG_USERS, Value::Null);
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

//! Inviting users: the addresses, the roles, and who is invited where.

use super::{
    invite_to_enterprise, invite_to_org, join_org, membership, org_scope, ENT_USERS, ORG_USERS,
};
use crate::support::{assert_refusal, codes::*, default_id, error_id, error_message, keys, World};
use portal_core::api::Method;
use portal_core::model::mail::INVITATION_LIFETIME;
use portal_core::model::{MemberStatus, Membership, Scope};
use serde_json::json;
use Method::Put;

/// seed 002, "Invite users to an organization": "Invite users to join your organization and
/// provide them with access based on the selected role." A new address becomes a user with a
/// pending membership holding the roles.
#[test]
fn inviting_a_new_address_creates_a_pending_member() {
    let mut world = World::new();
    let admin = world.admin();
    let body = json!({"email": "new@acme.test", "roles": [default_id("Read Only User")], "orgID": world.org()});
    let body = world.expect(200, &admin, Put, ORG_USERS, body);
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
            expires: Some(world.now + INVITATION_LIFETIME),
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
    let body = json!({"email": "a@acme.test", "roles": roles, "orgId": world.org()});
    world.expect(200, &admin, Put, ORG_USERS, body);
    let body = json!({"email": "b@acme.test", "roles": roles, "orgID": "other-org"});
    let refused = world.expect(400, &admin, Put, ORG_USERS, body);
    assert_refusal(&refused, INVALID_FIELD, "other-org");
    let body = json!({"email": "c@acme.test", "roles": [default_id("Enterprise Administrator")], "orgID": world.org()});
    let refused = world.expect(400, &world.enterprise_admin(), Put, ENT_USERS, body);
    assert_eq!(error_id(&refused), INVALID_FIELD);
    let body = json!({"email": "d@acme.test", "roles": roles, "extra": 1});
    world.expect(400, &admin, Put, ORG_USERS, body);
    assert!(world.state.user_by_email("b@acme.test").is_none());
}

/// seed 002, "Invite users to an organization": "If adding multiple users, separate the email
/// addresses with commas, spaces, or line breaks."
#[test]
fn several_addresses_are_separated_by_commas_spaces_or_line_breaks() {
    let mut world = World::new();
    let admin = world.admin();
    let body = json!({"email": "a@acme.test, b@acme.test c@acme.test\nd@acme.test\r\n,,A@ACME.TEST", "roles": [default_id("Read Only User")]});
    let body = world.expect(200, &admin, Put, ORG_USERS, body);
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
    let body = json!({"email": repeated, "roles": [role]});
    let body = world.expect(200, &admin, Put, ORG_USERS, body);
    assert_eq!(body["invited"].as_array().unwrap().len(), 100);
    let users = world.state.users.len();
    let over = format!(
        "{}, v@acme.test",
        hundred.join(", ").replace("@acme", "@other")
    );
    let body = json!({"email": over, "roles": [role]});
    let body = world.expect(400, &admin, Put, ORG_USERS, body);
    assert_refusal(&body, INVALID_EMAIL, "at most 100 at a time");
    assert_eq!(world.state.users.len(), users);
}

/// An address that isn't one is refused on its own; the others are still invited. When none is
/// valid, nothing changes.
#[test]
fn invalid_addresses_are_refused_one_by_one() {
    let mut world = World::new();
    let admin = world.admin();
    let roles = [default_id("Read Only User")];
    let body = json!({"email": "ok@acme.test, not-an-address", "roles": roles});
    let body = world.expect(200, &admin, Put, ORG_USERS, body);
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
        let request = json!({"email": bad, "roles": roles});
        let refused = world.expect(400, &admin, Put, ORG_USERS, request);
        assert_eq!(error_id(&refused), INVALID_EMAIL, "{bad:?}");
    }
    let long = format!("{}@acme.test", "x".repeat(250));
    let payload = json!({"email": long, "roles": roles});
    world.expect(400, &admin, Put, ORG_USERS, payload);
    let input = json!({"email": "bad1, bad2", "roles": roles});
    let refused = world.expect(400, &admin, Put, ORG_USERS, input);
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
    let body = json!({"email": "a@acme.test", "roles": ["no-such-role"]});
    let refused = world.expect(400, &admin, Put, ORG_USERS, body);
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    let message = error_message(&refused);
    assert!(
        message.contains("no-such-role") && message.contains("GET /v2/organizations/roles"),
        "{message}"
    );

    let ent_role = default_id("Enterprise Administrator");
    let body = json!({"email": "a@acme.test", "roles": [default_id("Read Only User"), ent_role]});
    let refused = world.expect(400, &admin, Put, ORG_USERS, body);
    assert_refusal(&refused, ROLE_NOT_AVAILABLE, ent_role);

    let body = json!({"email": "a@acme.test", "roles": [default_id("Read Only User")]});
    let refused = world.expect(400, &world.enterprise_admin(), Put, ENT_USERS, body);
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);

    let body = json!({"email": "a@acme.test", "roles": []});
    let refused = world.expect(400, &admin, Put, ORG_USERS, body);
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
    let id = invite_to_org(&mut world, "pending@acme.test", "Read Only User");
    let body = json!({"email": "PENDING@acme.test", "roles": [default_id("Read/Write User")]});
    let body = world.expect(200, &admin, Put, ORG_USERS, body);
    assert_eq!(body["invited"][0]["userID"], id);
    assert_eq!(body["invited"][0]["resent"], true);
    assert_eq!(
        membership(&world, &id, &org_scope(&world)),
        Some(Membership {
            status: MemberStatus::Invited,
            roles: vec![default_id("Read/Write User").to_owned()],
            expires: Some(world.now + INVITATION_LIFETIME),
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
    let request = json!({"email": "admin@acme.test", "roles": roles});
    let refused = world.expect(409, &admin, Put, ORG_USERS, request);
    assert_refusal(&refused, INVITATION_STATE, "/roles");

    let body = json!({"email": "admin@acme.test new@acme.test", "roles": roles});
    let body = world.expect(200, &admin, Put, ORG_USERS, body);
    assert_eq!(body["invited"][0]["email"], "new@acme.test");
    assert_eq!(body["errors"][0]["ID"], INVITATION_STATE);
    let admin_roles = membership(&world, &world.boot.user_id, &org_scope(&world))
        .unwrap()
        .roles;
    assert_eq!(admin_roles, [default_id("Organization Administrator")]);

    let payload = json!({"email": "admin@acme.test bad", "roles": roles});
    let refused = world.expect(400, &admin, Put, ORG_USERS, payload);
    assert_eq!(refused["errors"].as_array().unwrap().len(), 2);
}

/// seed 000, "Manage enterprise users": "Inviting a user to your enterprise does not add the
/// user to any organizations in your enterprise."
#[test]
fn an_enterprise_invitation_adds_no_organization() {
    let mut world = World::new();
    let admin = world.enterprise_admin();
    let id = invite_to_enterprise(
        &mut world,
        "ent@acme.test",
        "Enterprise Organization Administrator",
    );
    let user = &world.state.users[&id];
    assert!(user.organizations.is_empty());
    assert_eq!(
        user.enterprise.as_ref().unwrap().status,
        MemberStatus::Invited
    );

    // A known user joins the enterprise without losing their organization.
    let dev = join_org(&mut world, "dev@acme.test", "Read Only User");
    let dev_id = dev.id().to_owned();
    let body = json!({"email": "dev@acme.test", "roles": [default_id("Enterprise Billing Administrator")]});
    let body = world.expect(200, &admin, Put, ENT_USERS, body);
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

//! Removing a member, and the administrators that must remain.

use super::{
    invite_to_org, join, join_org, membership, org_scope, Realm, ENT_USERS, ORG_ACCEPT, ORG_USERS,
};
use crate::support::{assert_refusal, codes::*, default_id, error_id, World};
use portal_core::api::Method;
use portal_core::model::bootstrap::enterprise_organization;
use portal_core::model::{MemberStatus, Scope};
use serde_json::{json, Value};
use Method::{Delete, Post, Put};

/// seed 000, "Manage enterprise users": "To remove a user or revoke a pending invitation, click
/// More, and then select Remove User." A pending invitee with nothing else is gone entirely.
#[test]
fn removing_a_pending_invitation_revokes_it() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite_to_org(&mut world, "pending@acme.test", "Read Only User");
    let response = world.call(&admin, Delete, &format!("{ORG_USERS}/{id}"), Value::Null);
    assert_eq!(response.status, 204);
    assert!(!world.state.users.contains_key(&id));
    let audit = world.state.audit.values().last().unwrap();
    assert_eq!(audit.action, "user.remove");
    assert_eq!(audit.targets, [id.as_str()]);
    let refused = world.bodiless(404, &admin, Delete, &format!("{ORG_USERS}/{id}"));
    assert_eq!(error_id(&refused), NOT_FOUND);
}

/// seed 000, "Manage enterprise users": "This removes the user from your enterprise only.
/// Organization Administrators must also remove the user from any organizations in your
/// enterprise, if necessary."
#[test]
fn removing_from_the_enterprise_keeps_organization_memberships() {
    let mut world = World::new();
    let dev = join_org(&mut world, "dev@acme.test", "Read Only User");
    let id = dev.id().to_owned();
    let ent_admin = world.enterprise_admin();
    let body = json!({"email": "dev@acme.test", "roles": [default_id("Enterprise Billing Administrator")]});
    world.expect(200, &ent_admin, Put, ENT_USERS, body);

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
    world.bodiless(404, &ent_admin, Delete, &format!("{ENT_USERS}/{id}"));
}

/// A user who still owns a default (personal) organization is kept when their last membership
/// ends: the default organization is theirs ("Users can always create organizations from their
/// default organization because they are the Organization Administrator of their default
/// organization", seed 004).
#[test]
fn removing_the_last_membership_keeps_the_owner_of_a_default_organization() {
    let mut world = World::new();
    let admin = world.admin();
    let id = invite_to_org(&mut world, "owner@acme.test", "Read Only User");
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

    world.bodiless(204, &admin, Delete, &format!("{ORG_USERS}/{id}"));
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
    let refused = world.bodiless(409, &admin, Delete, &admin_path);
    assert_refusal(&refused, LAST_ADMINISTRATOR, "make someone else");

    // A pending Organization Administrator doesn't count yet.
    let id = invite_to_org(&mut world, "second@acme.test", "Organization Administrator");
    world.bodiless(409, &admin, Delete, &admin_path);
    let second = world.user(&id, org_scope(&world));
    world.bodiless(200, &second, Post, ORG_ACCEPT);

    world.bodiless(204, &second, Delete, &admin_path);
    let boot_user = &world.state.users[&world.boot.user_id];
    assert!(boot_user.membership(&org_scope(&world)).is_none());
    assert!(
        boot_user.enterprise.is_some(),
        "the enterprise membership stays"
    );
    let refused = world.bodiless(409, &second, Delete, &format!("{ORG_USERS}/{id}"));
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);
}

/// seed 000, "Enterprise tokens": "Each enterprise has at least one Enterprise Administrator".
#[test]
fn the_last_enterprise_administrator_cannot_be_removed_or_demoted() {
    let mut world = World::new();
    let admin = world.enterprise_admin();
    let path = format!("{ENT_USERS}/{}", world.boot.user_id);
    let refused = world.bodiless(409, &admin, Delete, &path);
    assert_refusal(&refused, LAST_ADMINISTRATOR, "Enterprise Administrator");
    let body = json!({"roles": [default_id("Enterprise Billing Administrator")]});
    let refused = world.expect(409, &admin, Put, &format!("{path}/roles"), body);
    assert_eq!(error_id(&refused), LAST_ADMINISTRATOR);

    join(
        &mut world,
        Realm::Enterprise,
        "ent2@acme.test",
        "Enterprise Administrator",
    );
    let body = json!({"roles": [default_id("Enterprise Billing Administrator")]});
    world.expect(204, &admin, Put, &format!("{path}/roles"), body);
    let roles = membership(&world, &world.boot.user_id, &Scope::Enterprise)
        .unwrap()
        .roles;
    assert_eq!(roles, [default_id("Enterprise Billing Administrator")]);
}

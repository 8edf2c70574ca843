//! Accepting an invitation: only by the invitee, and nothing granted before.

use super::{
    invite_to_enterprise, invite_to_org, join_org, membership, org_scope, ENT_ACCEPT, ENT_USERS,
    ORG_ACCEPT, ORG_USERS,
};
use crate::support::{
    assert_mentions, assert_refusal, codes::*, default_id, error_id, keys, World,
};
use portal_core::api::Method;
use portal_core::model::bootstrap::enterprise_organization;
use portal_core::model::{check_invariants, MemberStatus, Membership, OrgType, Scope};
use serde_json::json;
use Method::{Post, Put};

/// seed 002: "Invited users are listed as pending until they accept the invitation to join your
/// organization." Accepting makes the membership active, once.
#[test]
fn the_invitee_accepts_the_invitation() {
    let mut world = World::new();
    let id = invite_to_org(&mut world, "new@acme.test", "Read Only User");
    let invitee = world.user(&id, org_scope(&world));
    let body = world.bodiless(200, &invitee, Post, ORG_ACCEPT);
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

    let refused = world.bodiless(409, &invitee, Post, ORG_ACCEPT);
    assert_eq!(error_id(&refused), INVITATION_STATE);

    let ent_id = invite_to_enterprise(
        &mut world,
        "ent@acme.test",
        "Enterprise Billing Administrator",
    );
    let body = world.bodiless(
        200,
        &world.user(&ent_id, Scope::Enterprise),
        Post,
        ENT_ACCEPT,
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
    let refused = world.bodiless(403, &token, Post, ORG_ACCEPT);
    assert_refusal(&refused, FORBIDDEN, "sign in as a user");

    let dev = join_org(&mut world, "dev@acme.test", "Read Only User");
    let other = enterprise_organization(
        &world.state,
        "Acme Ops",
        "ops@acme.test",
        world.now,
        &mut world.entropy,
    );
    let elsewhere = world.user(dev.id(), Scope::Organization(other.id.clone()));
    world.state.organizations.insert(other.id.clone(), other);
    let refused = world.bodiless(404, &elsewhere, Post, ORG_ACCEPT);
    assert_eq!(error_id(&refused), NOT_FOUND);

    let body = json!({"email": "dev@acme.test", "roles": [default_id("Enterprise Billing Administrator")]});
    world.expect(200, &world.enterprise_admin(), Put, ENT_USERS, body);
    let refused = world.bodiless(403, &dev, Post, ENT_ACCEPT);
    assert_mentions(&refused, "switch to the enterprise");
    let at_enterprise = world.user(dev.id(), Scope::Enterprise);
    let refused = world.bodiless(403, &at_enterprise, Post, ORG_ACCEPT);
    assert_eq!(error_id(&refused), FORBIDDEN);
    world.bodiless(200, &at_enterprise, Post, ENT_ACCEPT);
}

/// seed 002: "Invited users are listed as pending until they accept the invitation"; until then
/// the invitation's roles grant nothing.
#[test]
fn an_invitations_roles_grant_nothing_until_it_is_accepted() {
    let mut world = World::new();
    let id = invite_to_org(&mut world, "boss@acme.test", "Organization Administrator");
    let invitee = world.user(&id, org_scope(&world));
    let refused = world.get(403, &invitee, ORG_USERS);
    assert_mentions(&refused, "org-user-read");
    world.bodiless(200, &invitee, Post, ORG_ACCEPT);
    world.get(200, &invitee, ORG_USERS);
}

/// Every user has a default (personal) organization. Seed 004: "Users can always create
/// organizations from their default organization because they are the Organization Administrator
/// of their default organization." The first administrator gets theirs at first start; a user who
/// first joins by invitation gets theirs on accepting, once.
#[test]
fn a_first_acceptance_makes_the_users_personal_organization_once() {
    let mut world = World::new();
    let admin = world.boot.user_id.clone();
    assert!(world.state.default_organization_of(&admin).is_some());

    let id = invite_to_org(&mut world, "new@acme.test", "Read Only User");
    assert!(world.state.default_organization_of(&id).is_none());
    world.bodiless(200, &world.user(&id, org_scope(&world)), Post, ORG_ACCEPT);
    let personal = world.state.default_organization_of(&id).unwrap().clone();
    assert_eq!(personal.name, "new's Organization");
    assert_eq!(personal.org_type, OrgType::Standalone);
    assert_eq!(personal.email, "new@acme.test");
    let there = Scope::Organization(personal.id.clone());
    assert_eq!(
        membership(&world, &id, &there),
        Some(Membership::active(vec![default_id(
            "Organization Administrator"
        )
        .to_owned()]))
    );
    let body = json!({"name": "New Lab", "email": "new@acme.test"});
    world.expect(
        201,
        &world.user(&id, there),
        Post,
        "/v2/organizations",
        body,
    );

    let again = invite_to_enterprise(
        &mut world,
        "new@acme.test",
        "Enterprise Billing Administrator",
    );
    assert_eq!(again, id);
    world.bodiless(200, &world.user(&id, Scope::Enterprise), Post, ENT_ACCEPT);
    let defaults = world
        .state
        .organizations
        .values()
        .filter(|o| o.default_of.as_deref() == Some(id.as_str()))
        .count();
    assert_eq!(defaults, 1);
    assert!(check_invariants(&world.state).is_empty());
}

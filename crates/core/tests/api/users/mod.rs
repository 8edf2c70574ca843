//! The users endpoints of both realms: `/v2/organizations/users...` for the actor's organization
//! and `/v2/enterprises/users...` for the enterprise, with invitations and their acceptance.

mod acceptance;
mod editing;
mod invitations;
mod listing;
mod removal;

use crate::support::{default_id, World};
use portal_core::api::{Actor, Method};
use portal_core::model::{Membership, Scope};
use serde_json::json;
use Method::{Post, Put};

const ORG_USERS: &str = "/v2/organizations/users";
const ENT_USERS: &str = "/v2/enterprises/users";
const ORG_ACCEPT: &str = "/v2/organizations/invitation/accept";
const ENT_ACCEPT: &str = "/v2/enterprises/invitation/accept";

/// Invites one address as `actor` with the default role named `role`, and returns the invitee's
/// user ID.
fn invite(world: &mut World, actor: &Actor, path: &str, email: &str, role: &str) -> String {
    let body = json!({"email": email, "roles": [default_id(role)]});
    let body = world.expect(200, actor, Put, path, body);
    body["invited"][0]["userID"].as_str().unwrap().to_owned()
}

/// Invites one address into the first organization through its administrator, with the default
/// role named `role`, and returns the invitee's user ID.
fn invite_to_org(world: &mut World, email: &str, role: &str) -> String {
    let admin = world.admin();
    invite(world, &admin, ORG_USERS, email, role)
}

/// Invites one address into the enterprise through its administrator, with the default role
/// named `role`, and returns the invitee's user ID.
fn invite_to_enterprise(world: &mut World, email: &str, role: &str) -> String {
    let admin = world.enterprise_admin();
    invite(world, &admin, ENT_USERS, email, role)
}

/// Which users a test means: the first organization's or the enterprise's.
#[derive(Clone, Copy)]
enum Realm {
    Organization,
    Enterprise,
}

/// Invites with the default role named `role` through the bootstrapped administrator and accepts
/// as the invitee: an active member of the first organization or of the enterprise, acting there.
fn join(world: &mut World, realm: Realm, email: &str, role: &str) -> Actor {
    let (admin, scope, users, accept) = match realm {
        Realm::Enterprise => (
            world.enterprise_admin(),
            Scope::Enterprise,
            ENT_USERS,
            ENT_ACCEPT,
        ),
        Realm::Organization => (world.admin(), org_scope(world), ORG_USERS, ORG_ACCEPT),
    };
    let id = invite(world, &admin, users, email, role);
    let invitee = world.user(&id, scope);
    world.bodiless(200, &invitee, Post, accept);
    invitee
}

/// Joins the first organization with the default role named `role`, as [`join`] does.
fn join_org(world: &mut World, email: &str, role: &str) -> Actor {
    join(world, Realm::Organization, email, role)
}

fn org_scope(world: &World) -> Scope {
    Scope::Organization(world.org())
}

fn membership(world: &World, user_id: &str, scope: &Scope) -> Option<Membership> {
    world.state.users.get(user_id)?.membership(scope).cloned()
}

//! The application token endpoints: `/v2/tokens` (and the legacy `/v2/clientIdSecrets`) for
//! organization and enterprise actors, and `/v2/databases/{databaseID}/tokens`.

mod database_tokens;
mod expiry;
mod generation;
mod last_use;
mod scope;

use crate::support::World;
use portal_core::api::{Actor, Method};
use portal_core::model::{MemberStatus, Membership, Scope, User};
use serde_json::Value;
use Method::Post;

const TOKENS: &str = "/v2/tokens";

fn enterprise_token(world: &World) -> Actor {
    world.token(&world.boot.enterprise_token.token)
}

/// An active member of the first organization with these roles, put straight into the state.
fn member(world: &mut World, email: &str, roles: &[&str]) -> Actor {
    let id = format!("user-{email}");
    let scope = Scope::Organization(world.org());
    let mut user = User {
        id: id.clone(),
        email: email.to_owned(),
        organizations: Default::default(),
        enterprise: None,
    };
    let membership = Membership {
        status: MemberStatus::Active,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        expires: None,
    };
    user.set_membership(&scope, Some(membership));
    world.state.users.insert(id.clone(), user);
    world.user(&id, scope)
}

fn generate(world: &mut World, actor: &Actor, body: Value) -> Value {
    world.expect(200, actor, Post, TOKENS, body)
}

fn client_id(token: &Value) -> String {
    token["clientId"].as_str().unwrap().to_owned()
}

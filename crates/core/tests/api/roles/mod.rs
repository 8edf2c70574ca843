//! The roles endpoints, `/v2/organizations/roles...`, for an organization actor (the
//! organization's roles) and an enterprise actor (the enterprise's roles).

mod creation;
mod editing;
mod impact;
mod listing;

use crate::support::World;
use portal_core::api::{Actor, Method};
use portal_core::model::{MemberStatus, Membership, Scope, User};
use serde_json::{json, Value};
use Method::Post;

const ROLES: &str = "/v2/organizations/roles";

fn org_scope(world: &World) -> Scope {
    Scope::Organization(world.org())
}

/// A CreateRoleRequest for the first organization, on all its databases.
fn org_role(world: &World, name: &str, actions: &[&str]) -> Value {
    let org = world.org();
    json!({
        "name": name,
        "policy": {
            "description": format!("{name} role"),
            "resources": [format!("drn:astra:org:{org}"), format!("drn:astra:org:{org}:db:*")],
            "actions": actions,
            "effect": "allow",
        }
    })
}

/// Creates an organization role as `actor` and returns its ID.
fn create_org_role(world: &mut World, actor: &Actor, name: &str, actions: &[&str]) -> String {
    let body = org_role(world, name, actions);
    create(world, actor, body)
}

/// Creates a role as `actor` and returns its ID.
fn create(world: &mut World, actor: &Actor, body: Value) -> String {
    let role = world.expect(201, actor, Post, ROLES, body);
    role["ID"].as_str().unwrap().to_owned()
}

/// An active member with these roles, put straight into the state.
fn member(world: &mut World, email: &str, scope: &Scope, roles: &[&str]) -> Actor {
    let id = format!("user-{email}");
    let membership = Membership {
        status: MemberStatus::Active,
        roles: roles.iter().map(|r| r.to_string()).collect(),
        expires: None,
    };
    let mut user = User {
        id: id.clone(),
        email: email.to_owned(),
        organizations: Default::default(),
        enterprise: None,
    };
    user.set_membership(scope, Some(membership));
    world.state.users.insert(id.clone(), user);
    world.user(&id, scope.clone())
}

//! The database inventory endpoints (`/v2/databases/...`) and the audit logs
//! (`/v2/organizations/audits`, `/v2/enterprises/audits`), through `api::handle` as a host calls
//! it. Database changes are what make most audit entries, so the audit log's tests live here.

mod access_list;
mod audit;
mod keyspaces;
mod lifecycle;
mod premium;
mod states;

pub(crate) use premium::{add_region, allow_and_accept};

use crate::support::World;
use portal_core::api::{Actor, Method};
use portal_core::model::entropy::uuid;
use portal_core::model::{
    ApplicationToken, AuditEntry, Credentials, MemberStatus, Membership, Scope, StoredRole, User,
};
use portal_core::rbac::{Drn, Permission, Policy, Role};
use serde_json::{json, Value};

fn db_body(name: &str) -> Value {
    json!({"name": name, "cloudProvider": "aws", "region": "us-east-1", "keyspace": "orders",
        "tier": "serverless", "capacityUnits": 1})
}

/// Adds a database as the administrator, waits until it is ACTIVE, and returns its ID.
pub(crate) fn create_db(world: &mut World, name: &str) -> String {
    let admin = world.admin();
    let body = world.expect(201, &admin, Method::Post, "/v2/databases", db_body(name));
    world.wait_out_database_steps(2);
    body["id"].as_str().unwrap().to_owned()
}

/// Adds `keyspace` to the database `db` as the administrator, and waits out the maintenance.
fn add_keyspace(world: &mut World, db: &str, keyspace: &str) {
    let admin = world.admin();
    let target = format!("/v2/databases/{db}/keyspaces/{keyspace}");
    world.bodiless(201, &admin, Method::Post, &target);
    world.wait_out_database_steps(1);
}

/// Stores a custom role of the first organization and returns its ID.
fn custom_role(world: &mut World, name: &str, actions: &[&str], resources: Vec<Drn>) -> String {
    let id = uuid(&mut world.entropy);
    let policy = Policy {
        description: name.to_owned(),
        actions: actions
            .iter()
            .map(|a| Permission::parse(a).unwrap())
            .collect(),
        resources,
    };
    let stored = StoredRole {
        role: Role::new(id.clone(), name, policy).unwrap(),
        scope: Scope::Organization(world.org()),
        last_update_datetime: world.now,
        last_update_userid: world.boot.user_id.clone(),
    };
    world.state.roles.insert(id.clone(), stored);
    id
}

/// Adds a user of the first organization with these roles and returns the user acting there.
fn member(world: &mut World, email: &str, roles: &[String], status: MemberStatus) -> Actor {
    let id = uuid(&mut world.entropy);
    let membership = Membership {
        status,
        roles: roles.to_vec(),
        expires: None,
    };
    world.state.users.insert(
        id.clone(),
        User {
            id: id.clone(),
            email: email.to_owned(),
            organizations: [(world.org(), membership)].into(),
            enterprise: None,
        },
    );
    world.user(&id, Scope::Organization(world.org()))
}

/// Adds an organization application token with these roles and returns the actor it
/// authenticates as.
fn token(world: &mut World, roles: &[String]) -> Actor {
    let credentials = Credentials::generate(&mut world.entropy);
    world.state.tokens.insert(
        credentials.client_id.clone(),
        ApplicationToken {
            client_id: credentials.client_id.clone(),
            hash: credentials.hash(),
            roles: roles.to_vec(),
            scope: Scope::Organization(world.org()),
            description: "test token".into(),
            generated_on: world.now,
            generated_by: world.boot.user_id.clone(),
            token_expiry: None,
            last_used: None,
        },
    );
    world.token(&credentials.token)
}

/// [`active_member`] with the actions on the whole organization.
fn org_wide_member(world: &mut World, name: &str, actions: &[&str]) -> Actor {
    let org = world.org();
    active_member(world, name, actions, Drn::organization(&org))
}

/// Adds an active user `{name}@acme.test` of the first organization holding one new custom role
/// (named `name` too) with these actions on `resource`, and returns the user acting there.
fn active_member(world: &mut World, name: &str, actions: &[&str], resource: Drn) -> Actor {
    let role = custom_role(world, name, actions, vec![resource]);
    member(
        world,
        &format!("{name}@acme.test"),
        &[role],
        MemberStatus::Active,
    )
}

/// An entry of the audit log at `at`, put straight into the state.
fn entry(world: &mut World, at: &str, actor: (&str, &str), scope: Scope, action: &str) {
    let id = format!("{:012}", world.state.next_audit_id());
    world.state.audit.insert(
        id.clone(),
        AuditEntry {
            id,
            at: at.parse().unwrap(),
            actor: actor.0.into(),
            actor_name: actor.1.into(),
            scope,
            action: action.into(),
            targets: vec![],
            summary: action.into(),
        },
    );
}

fn actions(log: &Value) -> Vec<&str> {
    log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect()
}

//! The organization and enterprise endpoints: the current organization (view, edit, delete), the
//! caller's organizations, standalone organizations, and the enterprise with its organizations.

mod current;
mod deletion;
mod enterprise;
mod enterprise_creation;
mod standalone;

use crate::support::World;
use portal_core::api::Actor;
use portal_core::api::Method::Post;
use portal_core::model::{
    check_invariants, AuditEntry, MemberStatus, Membership, OrgType, Organization, Scope, User,
};
use portal_core::rbac::DefaultRole;
use serde_json::{json, Value};

/// The keys of an enterprise's organization on the wire, sorted: the spec's
/// CreateOrgInEnterpriseResponse, which the enterprise's list repeats.
const ENTERPRISE_ORGANIZATION_KEYS: [&str; 9] = [
    "CreatedAt",
    "EnterpriseId",
    "LastModified",
    "MarketplaceData",
    "OrgType",
    "OrganizationEmail",
    "OrganizationGroupId",
    "OrganizationID",
    "OrganizationName",
];

fn role_id(name: &str) -> String {
    DefaultRole::find(name)
        .expect("a default role")
        .id
        .to_owned()
}

/// An active membership with the default role named `role`.
fn active(role: &str) -> Membership {
    Membership {
        status: MemberStatus::Active,
        roles: vec![role_id(role)],
        expires: None,
    }
}

/// A pending invitation with the default role named `role`.
fn invited(role: &str) -> Membership {
    Membership {
        status: MemberStatus::Invited,
        ..active(role)
    }
}

/// A user put straight into the state, with these organization memberships.
fn add_user(
    w: &mut World,
    email: &str,
    organizations: &[(&str, Membership)],
    enterprise: Option<Membership>,
) -> String {
    let id = format!("user-{email}");
    let user = User {
        id: id.clone(),
        email: email.to_owned(),
        organizations: organizations
            .iter()
            .map(|(org, m)| ((*org).to_owned(), m.clone()))
            .collect(),
        enterprise,
    };
    w.state.users.insert(id.clone(), user);
    id
}

/// A user put straight into the state, active in `org` with the default role named `role`.
fn org_user(w: &mut World, email: &str, org: &str, role: &str) -> String {
    add_user(w, email, &[(org, active(role))], None)
}

/// A user put straight into the state, active at the enterprise with the default role named
/// `role`.
fn enterprise_user(w: &mut World, email: &str, role: &str) -> String {
    add_user(w, email, &[], Some(active(role)))
}

/// A default (personal) organization of `owner`, outside the enterprise, which the owner
/// administers (seed 004: "they are the Organization Administrator of their default
/// organization").
fn add_default_organization(w: &mut World, owner: &str) -> String {
    let id = format!("default-of-{owner}");
    w.state.organizations.insert(
        id.clone(),
        Organization {
            id: id.clone(),
            name: format!("{owner}'s organization"),
            email: "owner@acme.test".into(),
            org_type: OrgType::Standalone,
            default_of: Some(owner.to_owned()),
            description: String::new(),
            enterprise_id: None,
            organization_group_id: None,
            created_at: w.now,
            last_modified: w.now,
            max_token_lifetime_days: None,
            customer_keys: Vec::new(),
        },
    );
    let admin = active("Organization Administrator");
    let user = w.state.users.get_mut(owner).expect("the owner");
    user.organizations.insert(id.clone(), admin);
    id
}

/// An organization the enterprise administrator creates at the enterprise level (and
/// administers).
fn create_enterprise_org(w: &mut World, name: &str) -> String {
    let actor = w.enterprise_admin();
    let body = json!({ "name": name });
    let created = w.expect(201, &actor, Post, "/v2/enterprises/organizations", body);
    created["OrganizationID"].as_str().unwrap().to_owned()
}

fn in_org(w: &World, user: &str, org: &str) -> Actor {
    w.user(user, Scope::Organization(org.to_owned()))
}

/// The state keeps every rule of `model::invariants` (no dangling references, an administrator
/// of each kind).
fn assert_sound(w: &World) {
    let problems = check_invariants(&w.state);
    assert!(problems.is_empty(), "{problems:?}");
}

fn last_audit(w: &World) -> &AuditEntry {
    w.state.audit.values().next_back().expect("an audit entry")
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list["organizations"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|o| o[key].as_str().unwrap().to_owned())
        .collect()
}

//! What must hold of every state, after every request and of every imported file: no dangling
//! references, at least one administrator of each kind, tokens holding only roles available where
//! they belong. The property test checks these after random operations, and import refuses a file
//! that breaks any of them.

use std::collections::BTreeSet;
use std::fmt;

use super::state::realm_of;
use super::{MemberStatus, OrgType, Scope, State};
use crate::rbac::drn::Segment;
use crate::rbac::DefaultRole;

/// One broken rule, said so that a person can find the record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem(pub String);

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every broken rule of a state; empty when it is sound.
pub fn check(state: &State) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |message: String| problems.push(Problem(message));
    organizations(state, &mut report);
    administrators(state, &mut report);
    users(state, &mut report);
    roles(state, &mut report);
    tokens(state, &mut report);
    records(state, &mut report);
    problems
}

fn organizations(state: &State, report: &mut impl FnMut(String)) {
    let enterprise = &state.enterprise.id;
    if enterprise.trim().is_empty() {
        report("the enterprise has no ID".into());
    }
    for (id, org) in &state.organizations {
        if *id != org.id {
            report(format!("organization {} is filed under {id}", org.id));
        }
        let in_enterprise = org.enterprise_id.as_deref() == Some(enterprise.as_str());
        match org.org_type {
            OrgType::Enterprise if !in_enterprise => report(format!(
                "enterprise organization {} ({}) does not name the enterprise {enterprise}",
                org.name, org.id
            )),
            OrgType::Standalone if org.enterprise_id.is_some() => report(format!(
                "standalone organization {} ({}) names an enterprise",
                org.name, org.id
            )),
            _ => {}
        }
        // seed 000: "Default (personal) organizations can't belong to an enterprise."
        if org.is_default() && org.org_type == OrgType::Enterprise {
            report(format!(
                "default organization {} ({}) belongs to the enterprise",
                org.name, org.id
            ));
        }
        // Seed 001, "Bring Your Own Key": "a Customer Managed Key (one per region)".
        let mut places = BTreeSet::new();
        for key in &org.customer_keys {
            if !places.insert((key.provider, key.region.as_str())) {
                report(format!(
                    "organization {} ({}) has more than one customer key for {} {}",
                    org.name,
                    org.id,
                    key.provider.label(),
                    key.region
                ));
            }
        }
        if let Some(owner) = &org.default_of {
            if !state.users.contains_key(owner) {
                report(format!(
                    "default organization {} ({}) belongs to unknown user {owner}",
                    org.name, org.id
                ));
            }
        }
    }
}

/// Whether the user holds the default role with an active membership in the scope.
fn is_admin(user: &super::User, scope: &Scope, role: &DefaultRole) -> bool {
    user.membership(scope)
        .is_some_and(|m| m.status == MemberStatus::Active && m.roles.iter().any(|r| r == role.id))
}

/// seed 000: "Each enterprise has at least one Enterprise Administrator"; and an organization
/// always has an active Organization Administrator, or nobody could manage it.
fn administrators(state: &State, report: &mut impl FnMut(String)) {
    let ent_admin = DefaultRole::find("Enterprise Administrator").expect("a default role");
    if !state
        .users
        .values()
        .any(|u| is_admin(u, &Scope::Enterprise, ent_admin))
    {
        report(format!(
            "the enterprise {} has no active Enterprise Administrator",
            state.enterprise.name
        ));
    }
    let org_admin = DefaultRole::find("Organization Administrator").expect("a default role");
    for org in state.organizations.values() {
        let scope = Scope::Organization(org.id.clone());
        if !state.users.values().any(|u| is_admin(u, &scope, org_admin)) {
            report(format!(
                "organization {} ({}) has no active Organization Administrator",
                org.name, org.id
            ));
        }
    }
}

fn users(state: &State, report: &mut impl FnMut(String)) {
    let mut emails = BTreeSet::new();
    for (id, user) in &state.users {
        if *id != user.id {
            report(format!("user {} is filed under {id}", user.id));
        }
        if !emails.insert(user.email.to_ascii_lowercase()) {
            report(format!("two users have the email {}", user.email));
        }
        for scope in user.scopes() {
            if let Scope::Organization(org) = &scope {
                if !state.organizations.contains_key(org) {
                    report(format!(
                        "user {} belongs to unknown organization {org}",
                        user.email
                    ));
                    continue;
                }
            }
            let membership = user.membership(&scope).expect("listed from the user");
            for role in &membership.roles {
                if state.role(&scope, role).is_none() {
                    report(format!(
                        "user {} has role {role}, which is not available in {scope:?}",
                        user.email
                    ));
                }
            }
        }
    }
}

fn roles(state: &State, report: &mut impl FnMut(String)) {
    let mut names = BTreeSet::new();
    for (id, stored) in &state.roles {
        let role = &stored.role;
        if *id != role.id {
            report(format!("role {} is filed under {id}", role.id));
        }
        if DefaultRole::find_by_id(id).is_some() {
            report(format!("custom role {id} has a default role's ID"));
        }
        if let Scope::Organization(org) = &stored.scope {
            if !state.organizations.contains_key(org) {
                report(format!(
                    "role {} belongs to unknown organization {org}",
                    role.name
                ));
            }
        }
        if role.realm() != realm_of(&stored.scope) {
            report(format!(
                "role {} is of the other realm than its owner",
                role.name
            ));
        }
        let owner = state.owner_id(&stored.scope);
        for drn in &role.policy.resources {
            if !matches!(drn.root_id(), Segment::Id(root) if &**root == owner) {
                report(format!(
                    "role {} names a resource outside its owner: {drn}",
                    role.name
                ));
            }
        }
        let default_name = DefaultRole::find(&role.name)
            .is_some_and(|d| d.realm == role.realm() && d.name.eq_ignore_ascii_case(&role.name));
        if default_name || !names.insert((stored.scope.clone(), role.name.to_lowercase())) {
            report(format!(
                "two roles are named {} in {:?}",
                role.name, stored.scope
            ));
        }
    }
}

fn tokens(state: &State, report: &mut impl FnMut(String)) {
    for (id, token) in &state.tokens {
        if *id != token.client_id {
            report(format!("token {} is filed under {id}", token.client_id));
        }
        if token.hash.len() != 64 || !token.hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            report(format!(
                "token {} does not keep a SHA-256 hash",
                token.client_id
            ));
        }
        if let Scope::Organization(org) = &token.scope {
            if !state.organizations.contains_key(org) {
                report(format!(
                    "token {} belongs to unknown organization {org}",
                    token.client_id
                ));
            }
        }
        for role in &token.roles {
            if state.role(&token.scope, role).is_none() {
                report(format!(
                    "token {} has role {role}, which is not available to it",
                    token.client_id
                ));
            }
        }
    }
}

fn records(state: &State, report: &mut impl FnMut(String)) {
    for (id, db) in &state.databases {
        if *id != db.id || !state.organizations.contains_key(&db.org_id) {
            report(format!(
                "database {} ({id}) is misfiled or its organization is unknown",
                db.name
            ));
        }
    }
    for org in state.billing.keys() {
        if !state.organizations.contains_key(org) {
            report(format!("billing for unknown organization {org}"));
        }
    }
    for (id, entry) in &state.audit {
        if *id != entry.id {
            report(format!("audit entry {} is filed under {id}", entry.id));
        }
    }
}

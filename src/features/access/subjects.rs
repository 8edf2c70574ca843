//! What the Access page asks about in one organization: its principals (users and tokens, each
//! with the roles it holds there), its resources (the organization down to tables), and the
//! permission tables of the seeds. Read from the state, so the answers follow every change.

use portal_core::api::{access, Actor, Principal};
use portal_core::model::{Scope, State};
use portal_core::rbac::permission::Category;
use portal_core::rbac::{Drn, Role};

/// The seeds' permission tables that apply inside an organization (enterprise permissions never
/// allow anything on an organization's resources).
pub fn organization_categories() -> impl Iterator<Item = Category> {
    Category::ALL
        .into_iter()
        .filter(|category| *category != Category::Enterprise)
}

/// A user or token of the organization and the roles it holds there.
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    /// `user:<id>` or `token:<clientId>`: the value of the pickers' options.
    pub key: String,
    pub label: String,
    pub roles: Vec<Role>,
}

impl Subject {
    pub fn is_token(&self) -> bool {
        self.key.starts_with("token:")
    }
}

/// The organization's members (invited ones hold no roles until they accept) and its tokens.
pub fn subjects(state: &State, org: &str) -> Vec<Subject> {
    let scope = Scope::Organization(org.to_owned());
    let roles = |principal: Principal| {
        access::roles(
            state,
            &Actor {
                principal,
                scope: scope.clone(),
            },
        )
    };
    let users = state
        .users
        .values()
        .filter(|u| u.membership(&scope).is_some())
        .map(|u| Subject {
            key: format!("user:{}", u.id),
            label: u.email.clone(),
            roles: roles(Principal::User(u.id.clone())),
        });
    let tokens = state
        .tokens
        .values()
        .filter(|t| t.scope == scope)
        .map(|t| Subject {
            key: format!("token:{}", t.client_id),
            label: token_label(&t.description, &t.client_id),
            roles: roles(Principal::Token(t.client_id.clone())),
        });
    users.chain(tokens).collect()
}

fn token_label(description: &str, client_id: &str) -> String {
    if description.is_empty() {
        format!("token {client_id}")
    } else {
        format!("token \"{description}\" ({client_id})")
    }
}

/// A resource of the organization and how deep it sits (0 the organization, 3 a table).
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    pub drn: Drn,
    pub label: String,
    pub depth: usize,
}

/// The organization, its databases, their keyspaces and tables, in that nesting; none for an
/// organization the state doesn't hold.
pub fn resources(state: &State, org: &str) -> Vec<Resource> {
    let Some(organization) = state.organizations.get(org) else {
        return Vec::new();
    };
    let mut list = vec![Resource {
        drn: Drn::organization(org),
        label: format!("Organization {}", organization.name),
        depth: 0,
    }];
    // What a terminated database allowed no longer matters.
    for db in state
        .databases
        .values()
        .filter(|d| d.org_id == org && !d.is_terminating())
    {
        list.push(Resource {
            drn: Drn::database(org, &db.id),
            label: format!("Database {}", db.name),
            depth: 1,
        });
        for (keyspace, tables) in &db.keyspaces {
            list.push(Resource {
                drn: Drn::keyspace(org, &db.id, keyspace),
                label: format!("Keyspace {}.{keyspace}", db.name),
                depth: 2,
            });
            list.extend(tables.iter().map(|table| Resource {
                drn: Drn::table(org, &db.id, keyspace, table),
                label: format!("Table {}.{keyspace}.{table}", db.name),
                depth: 3,
            }));
        }
    }
    list
}

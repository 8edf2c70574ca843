//! Whose users a users page shows (an organization's or the enterprise's), the core's answer for
//! the requests its controls would send, and the rows it lists.

use portal_core::api::Method;
use portal_core::model::{MemberStatus, Scope, State};
use portal_core::rbac::DefaultRole;
use serde_json::Value;

use crate::portal::{Allowed, Portal};

/// The members of one organization or of the enterprise, as the users handlers see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserScope {
    pub scope: Scope,
    /// The DevOps API prefix of these users' endpoints.
    base: &'static str,
}

impl UserScope {
    pub fn of(scope: Scope) -> UserScope {
        match scope {
            Scope::Enterprise => UserScope {
                scope,
                base: "/v2/enterprises",
            },
            Scope::Organization(_) => UserScope {
                scope,
                base: "/v2/organizations",
            },
        }
    }

    pub fn is_enterprise(&self) -> bool {
        self.scope == Scope::Enterprise
    }

    /// The core's answer for `method` on `path` (below these users' API prefix) as the acting
    /// principal (tracked): `Ok`, or the refusal a disabled control shows.
    pub fn permits(&self, portal: &Portal, method: Method, path: &str, body: &Value) -> Allowed {
        portal.permits(&self.scope, method, &self.target(path), body)
    }

    /// The DevOps API path of `path` below these users' API prefix.
    pub fn target(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The organization's or the enterprise's name, as a person calls it.
    pub fn name(&self, state: &State) -> String {
        match &self.scope {
            Scope::Organization(org) => state.organization_name(org),
            Scope::Enterprise => state.enterprise.name.clone(),
        }
    }

    /// The administrator role whose holders the enterprise list flags (seed 000: "The Admin flag
    /// indicates users with the Enterprise Administrator").
    fn admin_role(&self) -> Option<&'static str> {
        if self.is_enterprise() {
            DefaultRole::find("Enterprise Administrator").map(|r| r.id)
        } else {
            None
        }
    }

    /// Everyone with a membership here, active or invited, by email as the API lists them.
    pub fn rows(&self, state: &State) -> Vec<UserRow> {
        let admin = self.admin_role();
        let mut rows: Vec<UserRow> = state
            .users
            .values()
            .filter_map(|user| {
                let membership = user.membership(&self.scope)?;
                Some(UserRow {
                    id: user.id.clone(),
                    email: user.email.clone(),
                    pending: membership.status == MemberStatus::Invited,
                    role_ids: membership.roles.clone(),
                    role_names: role_names(state, &self.scope, &membership.roles),
                    admin: admin.map(|id| membership.roles.iter().any(|r| r == id)),
                })
            })
            .collect();
        rows.sort_by_cached_key(|r| (r.email.to_lowercase(), r.id.clone()));
        rows
    }
}

/// One member as the list shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    /// Invited, not accepted yet.
    pub pending: bool,
    pub role_ids: Vec<String>,
    pub role_names: Vec<String>,
    /// Only on the enterprise list.
    pub admin: Option<bool>,
}

impl UserRow {
    /// Whether the filter text (trimmed and in lower case) is in the email or a role name, in
    /// any letter case.
    pub fn matches(&self, filter: &str) -> bool {
        filter.is_empty()
            || self.email.to_lowercase().contains(filter)
            || self
                .role_names
                .iter()
                .any(|name| name.to_lowercase().contains(filter))
    }
}

/// The names of these roles where they are available; a custom role the state doesn't hold (a
/// connected portal's copy holds the custom roles its token may read) by its ID, so that a member
/// or a token never looks as if it held fewer roles than it does.
pub fn role_names(state: &State, scope: &Scope, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            state
                .role_name(scope, id)
                .map_or_else(|| format!("custom role {id}"), str::to_owned)
        })
        .collect()
}

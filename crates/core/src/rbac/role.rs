//! Roles: a name, a set of permissions and the resources they apply to. Default roles are data
//! (`default_roles.rs`); custom roles come from users and the DevOps API.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::{Permission, PermissionSet};

/// Enterprise roles and organization roles are separate worlds (seed 000, "Enterprise RBAC is not
/// a global RBAC tool").
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Realm {
    Organization,
    Enterprise,
}

/// A built-in role, as the seeds define it.
#[derive(Debug)]
pub struct DefaultRole {
    /// The DevOps API role ID: the real one where the reference responses have it
    /// (`astra-cli-fixtures/Roles.json`), otherwise a fixed generated UUID.
    pub id: &'static str,
    /// The name the seeds give, e.g. "Read/Write Service Account".
    pub name: &'static str,
    /// Other names that find the role: the short API names ("R/W Svc Acct") and older spellings.
    pub aliases: &'static [&'static str],
    pub realm: Realm,
    pub grants: DefaultGrant,
    /// Where the seeds define it, e.g. "seed 001, User Service Account Roles".
    pub source: &'static str,
}

/// The permissions of a default role.
#[derive(Debug)]
pub enum DefaultGrant {
    /// Organization Administrator "grants all permissions" (seed 004): every permission of the
    /// organization realm, legacy ones included.
    AllOrganization,
    /// Exactly these DevOps API parameters.
    Listed(&'static [&'static str]),
}

impl DefaultRole {
    pub fn find_by_id(id: &str) -> Option<&'static DefaultRole> {
        super::DEFAULT_ROLES.iter().find(|role| role.id == id)
    }

    /// The default role with this ID, name or alias; names and aliases in any letter case.
    pub fn find(key: &str) -> Option<&'static DefaultRole> {
        let key = key.trim();
        DefaultRole::find_by_id(key).or_else(|| {
            super::DEFAULT_ROLES.iter().find(|role| {
                role.name.eq_ignore_ascii_case(key)
                    || role.aliases.iter().any(|a| a.eq_ignore_ascii_case(key))
            })
        })
    }

    /// The permissions the role grants. Read on every listing of the roles, so each default
    /// role's list is parsed once, not on every request.
    pub fn actions(&self) -> PermissionSet {
        static PARSED: LazyLock<BTreeMap<&'static str, PermissionSet>> = LazyLock::new(|| {
            super::DEFAULT_ROLES
                .iter()
                .map(|role| (role.id, role.parse_actions()))
                .collect()
        });
        PARSED
            .get(self.id)
            .copied()
            .unwrap_or_else(|| self.parse_actions())
    }

    fn parse_actions(&self) -> PermissionSet {
        match self.grants {
            DefaultGrant::AllOrganization => PermissionSet::filtered(|p| !p.is_enterprise()),
            DefaultGrant::Listed(list) => list
                .iter()
                .map(|api| Permission::parse(api).expect("default roles name known permissions"))
                .collect(),
        }
    }
}

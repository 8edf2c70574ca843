//! "Which role should I assign a user?" (seed 001, "Database Access Method Roles"): the default
//! roles the seed recommends for each way of reaching a database, the roles that serve every
//! method someone will use, and the permissions a custom role needs for its holders to see the
//! portal at all.

use super::{DefaultRole, Permission, PermissionSet};

/// One row of seed 001's table: an access method and the roles it recommends, both in the
/// seed's words.
#[derive(Debug)]
pub struct AccessMethod {
    pub name: &'static str,
    /// The roles as the seed names them. "Developer Administrator", "Developer Read/Write" and
    /// "Developer Read Only" are among them, but no role table of the seeds defines them (see
    /// `default_roles.rs`), so they name no [`DefaultRole`] and are never recommended.
    pub roles: &'static [&'static str],
}

/// Seed 001's table, its rows in the seed's order and each row's roles in the seed's order.
pub static ACCESS_METHODS: [AccessMethod; 7] = [
    AccessMethod {
        name: "Astra User Interface access",
        roles: &[
            "Organization Administrator",
            "Database Administrator",
            "Billing Administrator",
            "UI View Only",
            "Developer Administrator",
            "Developer Read/Write",
            "Developer Read Only",
            "Administrator Service Account",
            "Read/Write Service Account",
            "Read Only Service Account",
        ],
    },
    AccessMethod {
        name: "GraphQL, REST, and Document API access based on database access permissions",
        roles: &[
            "Organization Administrator",
            "Database Administrator",
            "Billing Administrator",
            "UI View Only",
            "Administrator User",
            "Read/Write User",
            "Read Only User",
            "Administrator Service Account",
            "Read/Write Service Account",
            "Read Only Service Account",
            "API Administrator User",
            "API Read/Write User",
            "API Read Only User",
            "API Administrator Service Account",
            "API Read/Write Service Account",
            "API Read Only Service Account",
        ],
    },
    AccessMethod {
        name: "Data Loader access based on database access permissions",
        roles: DATABASE_ACCESS,
    },
    AccessMethod {
        name: "dsbulk access based on database access permissions",
        roles: &["Read/Write Service Account", "Read Only Service Account"],
    },
    AccessMethod {
        name: "DevOps API access based on database access permissions",
        roles: &["Organization Administrator", "Database Administrator"],
    },
    AccessMethod {
        name: "Drivers based on database access permissions",
        roles: DATABASE_ACCESS,
    },
    AccessMethod {
        name: "Manage access list for IP addresses and CIDR",
        roles: &["Organization Administrator", "Database Administrator"],
    },
];

/// The seed gives Data Loader and drivers the same six roles.
const DATABASE_ACCESS: &[&str] = &[
    "Administrator User",
    "Read/Write User",
    "Read Only User",
    "Administrator Service Account",
    "Read/Write Service Account",
    "Read Only Service Account",
];

impl AccessMethod {
    /// The method the seed calls `name`.
    pub fn find(name: &str) -> Option<&'static AccessMethod> {
        ACCESS_METHODS.iter().find(|method| method.name == name)
    }

    /// The recommended roles that are default roles of the portal, in the seed's order.
    pub fn default_roles(&self) -> impl Iterator<Item = &'static DefaultRole> {
        self.roles.iter().filter_map(|name| DefaultRole::find(name))
    }

    pub fn recommends(&self, role: &DefaultRole) -> bool {
        self.default_roles().any(|r| r.id == role.id)
    }
}

/// The default roles the seed recommends for every one of `chosen`, least privileged first:
/// fewest permissions, and among equals in the seeds' order of the default roles. Nothing is
/// recommended when nothing is chosen.
pub fn recommended_roles(chosen: &[&AccessMethod]) -> Vec<&'static DefaultRole> {
    if chosen.is_empty() {
        return Vec::new();
    }
    let mut roles: Vec<&'static DefaultRole> = super::DEFAULT_ROLES
        .iter()
        .filter(|role| chosen.iter().all(|method| method.recommends(role)))
        .collect();
    // A stable sort: equals stay in the seeds' order.
    roles.sort_by_key(|role| role.actions().len());
    roles
}

/// Seed 001, "Create custom role", step 6.
pub const SEE_THE_UI: &str = "If you want users with this role to be able to see the Astra DB \
                              user interface, make sure you select Read User and View DB \
                              permissions.";

/// The permissions of [`SEE_THE_UI`] that `actions` lacks, in catalog order.
pub fn missing_to_see_the_ui(actions: PermissionSet) -> Vec<Permission> {
    [Permission::ORG_USER_READ, Permission::ORG_DB_VIEW]
        .into_iter()
        .filter(|p| !actions.contains(*p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(roles: &[&DefaultRole]) -> Vec<&'static str> {
        roles.iter().map(|r| r.name).collect()
    }

    fn method(name: &str) -> &'static AccessMethod {
        AccessMethod::find(name).unwrap_or_else(|| panic!("no access method {name}"))
    }

    #[test]
    fn one_method_recommends_its_roles_least_privileged_first() {
        let dsbulk = method("dsbulk access based on database access permissions");
        assert_eq!(
            names(&recommended_roles(&[dsbulk])),
            ["Read Only Service Account", "Read/Write Service Account"]
        );
        let loader = method("Data Loader access based on database access permissions");
        let recommended = recommended_roles(&[loader]);
        assert_eq!(recommended.len(), 6);
        assert!(recommended
            .windows(2)
            .all(|w| w[0].actions().len() <= w[1].actions().len()));
        assert_eq!(recommended[0].name, "Read Only Service Account");
    }

    #[test]
    fn several_methods_recommend_only_the_roles_every_one_recommends() {
        let ui = method("Astra User Interface access");
        let dsbulk = method("dsbulk access based on database access permissions");
        let devops = method("DevOps API access based on database access permissions");
        let access_list = method("Manage access list for IP addresses and CIDR");
        assert_eq!(
            names(&recommended_roles(&[ui, dsbulk])),
            ["Read Only Service Account", "Read/Write Service Account"]
        );
        // Database Administrator grants fewer permissions than Organization Administrator,
        // which grants them all.
        assert_eq!(
            names(&recommended_roles(&[devops, access_list, ui])),
            ["Database Administrator", "Organization Administrator"]
        );
        assert!(recommended_roles(&[devops, dsbulk]).is_empty());
        assert!(recommended_roles(&[]).is_empty());
    }

    #[test]
    fn equally_privileged_roles_keep_the_seeds_order() {
        // Read Only Service Account and API Read/Write Service Account grant 8 permissions each,
        // Read/Write Service Account and API Read Only User 9, Read Only User and API Read/Write
        // User 10; seed 004 lists the first of each pair first.
        let api =
            method("GraphQL, REST, and Document API access based on database access permissions");
        assert_eq!(
            names(&recommended_roles(&[api])),
            [
                "UI View Only",
                "Billing Administrator",
                "API Read Only Service Account",
                "Read Only Service Account",
                "API Read/Write Service Account",
                "Read/Write Service Account",
                "API Read Only User",
                "Read Only User",
                "API Read/Write User",
                "Read/Write User",
                "Administrator Service Account",
                "API Administrator Service Account",
                "API Administrator User",
                "Administrator User",
                "Database Administrator",
                "Organization Administrator",
            ]
        );
    }

    #[test]
    fn a_role_sees_the_ui_with_read_user_and_view_db() {
        let set = |apis: &[&str]| -> PermissionSet {
            apis.iter().map(|a| Permission::parse(a).unwrap()).collect()
        };
        assert_eq!(
            missing_to_see_the_ui(PermissionSet::EMPTY),
            [Permission::ORG_USER_READ, Permission::ORG_DB_VIEW]
        );
        assert_eq!(
            missing_to_see_the_ui(set(&["org-user-read", "db-table-select"])),
            [Permission::ORG_DB_VIEW]
        );
        assert_eq!(
            missing_to_see_the_ui(set(&["org-db-view"])),
            [Permission::ORG_USER_READ]
        );
        assert!(missing_to_see_the_ui(set(&["org-db-view", "org-user-read"])).is_empty());
        assert_eq!(Permission::ORG_USER_READ.name(), "Read User");
        assert_eq!(Permission::ORG_DB_VIEW.name(), "View DB");
    }
}

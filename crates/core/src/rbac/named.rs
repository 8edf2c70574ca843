//! The permissions the backend's rules and the page name, as constants: each is looked up in the catalog when
//! the crate compiles, so a misspelt or removed permission is a build error, not a refusal that
//! nobody meets.

use super::catalog::CATALOG;
use super::permission::Permission;

impl Permission {
    /// The catalog's permission with this DevOps API parameter, found at compile time when used in
    /// a constant (a name the catalog lacks stops the build there).
    pub const fn named(api: &str) -> Permission {
        let mut i = 0;
        while i < CATALOG.len() {
            if same(CATALOG[i].api, api) {
                return Permission::at(i);
            }
            i += 1;
        }
        panic!("the permission catalog has no such DevOps API parameter");
    }

    pub const ORG_READ: Permission = Permission::named("org-read");
    pub const ORG_WRITE: Permission = Permission::named("org-write");
    pub const ORG_USER_READ: Permission = Permission::named("org-user-read");
    pub const ORG_USER_WRITE: Permission = Permission::named("org-user-write");
    pub const ORG_ROLE_READ: Permission = Permission::named("org-role-read");
    pub const ORG_ROLE_WRITE: Permission = Permission::named("org-role-write");
    pub const ORG_ROLE_DELETE: Permission = Permission::named("org-role-delete");
    pub const ORG_TOKEN_READ: Permission = Permission::named("org-token-read");
    pub const ORG_TOKEN_WRITE: Permission = Permission::named("org-token-write");
    pub const ORG_AUDITS_READ: Permission = Permission::named("org-audits-read");
    pub const ORG_BILLING_READ: Permission = Permission::named("org-billing-read");
    pub const ORG_BILLING_WRITE: Permission = Permission::named("org-billing-write");
    pub const ORG_CMK_READ: Permission = Permission::named("org-cmk-read");
    pub const ORG_CMK_WRITE: Permission = Permission::named("org-cmk-write");
    pub const ORG_DB_VIEW: Permission = Permission::named("org-db-view");
    pub const ORG_DB_CREATE: Permission = Permission::named("org-db-create");
    pub const ORG_DB_TERMINATE: Permission = Permission::named("org-db-terminate");
    pub const ORG_DB_SUSPEND: Permission = Permission::named("org-db-suspend");
    pub const ACCESSLIST_READ: Permission = Permission::named("accesslist-read");
    pub const ACCESSLIST_WRITE: Permission = Permission::named("accesslist-write");
    pub const DB_MANAGE_REGION: Permission = Permission::named("db-manage-region");
    pub const DB_MANAGE_PRIVATEENDPOINT: Permission =
        Permission::named("db-manage-privateendpoint");
    pub const DB_ALL_KEYSPACE_CREATE: Permission = Permission::named("db-all-keyspace-create");
    pub const DB_KEYSPACE_CREATE: Permission = Permission::named("db-keyspace-create");
    pub const DB_KEYSPACE_DROP: Permission = Permission::named("db-keyspace-drop");
    pub const DB_TABLE_CREATE: Permission = Permission::named("db-table-create");
    pub const DB_TABLE_DROP: Permission = Permission::named("db-table-drop");
    pub const DB_TABLE_SELECT: Permission = Permission::named("db-table-select");
    pub const ENT_ORG_MANAGE: Permission = Permission::named("ent-org-manage");
    pub const ENT_USER_READ: Permission = Permission::named("ent-user-read");
    pub const ENT_USER_WRITE: Permission = Permission::named("ent-user-write");
    pub const ENT_ROLE_READ: Permission = Permission::named("ent-role-read");
    pub const ENT_ROLE_WRITE: Permission = Permission::named("ent-role-write");
    pub const ENT_TOKEN_READ: Permission = Permission::named("ent-token-read");
    pub const ENT_TOKEN_WRITE: Permission = Permission::named("ent-token-write");
    pub const ENT_BILLING_READ: Permission = Permission::named("ent-billing-read");
}

/// String equality that a constant can evaluate.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_permission_is_the_catalogs() {
        for permission in Permission::all() {
            assert_eq!(Permission::named(permission.api()), permission);
        }
        assert_eq!(Permission::ORG_TOKEN_WRITE.api(), "org-token-write");
        assert_eq!(Permission::ENT_BILLING_READ.api(), "ent-billing-read");
    }
}

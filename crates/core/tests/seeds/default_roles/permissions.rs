//! The default roles' permissions, table by table from the seeds.

use std::collections::BTreeSet;

use super::{grants, role, EXPECTED};
use portal_core::rbac::{DefaultGrant, DefaultRole, Permission, Realm, DEFAULT_ROLES};

/// Seed 001's Organization Administrator list ("Special Roles Detail"), which seed 004's "grants
/// all permissions" supersedes; it must still be a subset.
const SEED_001_ORGANIZATION_ADMINISTRATOR: &[&str] = &[
    "accesslist-read",
    "accesslist-write",
    "db-all-keyspace-create",
    "db-all-keyspace-describe",
    "db-graphql",
    "db-cql",
    "db-keyspace-alter",
    "db-keyspace-authorize",
    "db-keyspace-create",
    "db-keyspace-describe",
    "db-keyspace-drop",
    "db-keyspace-grant",
    "db-keyspace-modify",
    "db-manage-privateendpoint",
    "db-manage-region",
    "db-rest",
    "db-table-alter",
    "db-table-authorize",
    "db-table-create",
    "db-table-describe",
    "db-table-drop",
    "db-table-grant",
    "db-table-modify",
    "db-table-select",
    "org-audits-read",
    "org-billing-read",
    "org-billing-write",
    "org-db-addpeering",
    "org-db-create",
    "org-db-expand",
    "org-db-managemigratorproxy",
    "org-db-passwordreset",
    "org-db-suspend",
    "org-db-terminate",
    "org-db-view",
    "org-external-auth-read",
    "org-external-auth-write",
    "org-notification-write",
    "org-read",
    "org-role-delete",
    "org-role-read",
    "org-role-write",
    "org-token-read",
    "org-token-write",
    "org-user-read",
    "org-user-write",
    "org-write",
];

fn granted_apis(role: &DefaultRole) -> BTreeSet<&'static str> {
    Permission::all()
        .filter(|&p| grants(role, p))
        .map(Permission::api)
        .collect()
}

/// seed 001, "Operational Roles Detail" and "Special Roles Detail"; seed 000, "Manage enterprise
/// roles": every role × every permission of the catalog. A permission the seed does not list
/// for the role must not be granted, and each one it lists must be.
#[test]
fn seed_001_000_full_role_permission_table() {
    assert_eq!(EXPECTED.len() + 1, DEFAULT_ROLES.len());
    for &(name, expected) in EXPECTED {
        let role = role(name);
        assert!(
            matches!(role.grants, DefaultGrant::Listed(_)),
            "{name} lists its permissions"
        );
        for p in Permission::all() {
            assert_eq!(
                grants(role, p),
                expected.contains(&p.api()),
                "{name} × {p}: the seed {} it",
                if expected.contains(&p.api()) {
                    "grants"
                } else {
                    "does not grant"
                }
            );
        }
        // Nothing listed outside the catalog, and the same set as the seed's list.
        let expected_set: BTreeSet<&str> = expected.iter().copied().collect();
        assert_eq!(
            expected_set.len(),
            expected.len(),
            "{name}: duplicate in the seed list"
        );
        assert_eq!(granted_apis(role), expected_set, "{name}");
        if let DefaultGrant::Listed(list) = role.grants {
            assert_eq!(
                list.len(),
                expected.len(),
                "{name}: duplicates in the role's list"
            );
        }
    }
}

/// seed 004, "Default roles" ("Organization Administrator: Grants all permissions"): every
/// organization permission, legacy and undocumented ones included, and no `ent-*` (seed 000,
/// "Enterprise RBAC is not a global RBAC tool").
#[test]
fn seed_004_organization_administrator_grants_all() {
    let admin = role("Organization Administrator");
    assert!(matches!(admin.grants, DefaultGrant::AllOrganization));
    assert_eq!(admin.realm, Realm::Organization);
    for p in Permission::all() {
        assert_eq!(grants(admin, p), !p.api().starts_with("ent-"), "{p}");
    }
    for api in [
        // Legacy (seeds 001/002/003 only).
        "org-db-passwordreset",
        "org-db-managemigratorproxy",
        "org-notification-write",
        // Only seed 004 lists these.
        "org-cmk-read",
        "org-cmk-write",
        "org-integrations-read",
        "org-integrations-write",
        "org-stream-manage",
        "db-manage-thirdpartymetrics",
        // Undocumented (Roles.json).
        "db-data-import",
    ] {
        assert!(grants(admin, Permission::parse(api).unwrap()), "{api}");
    }
    // Seed 001's older list is contained in it.
    for api in SEED_001_ORGANIZATION_ADMINISTRATOR {
        let p = Permission::parse(api).unwrap_or_else(|e| panic!("{e}"));
        assert!(grants(admin, p), "{api}");
    }
    assert_eq!(SEED_001_ORGANIZATION_ADMINISTRATOR.len(), 47);
    // It is the only role that grants everything.
    assert_eq!(
        DEFAULT_ROLES
            .iter()
            .filter(|r| matches!(r.grants, DefaultGrant::AllOrganization))
            .count(),
        1
    );
}

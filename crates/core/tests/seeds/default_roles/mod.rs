//! The default roles against the seeds: the full role × permission table, with the expected
//! permission lists copied by hand from seed 001's role tables (DevOps API Parameters column) and
//! seed 000's enterprise roles, not generated from the code.

mod names;
mod permissions;

use portal_core::rbac::{DefaultGrant, DefaultRole, Permission, DEFAULT_ROLES};

/// (name as in seed 004 / seed 000, the seed's DevOps API parameters for it.)
/// Organization Administrator is not here: seed 004 says it "grants all permissions"
/// (`seed_004_organization_administrator_grants_all`).
const EXPECTED: &[(&str, &[&str])] = &[
    // seed 001, "User Service Account Roles", Admin Svc Acct.
    (
        "Administrator Service Account",
        &[
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
            "org-user-read",
            "org-user-write",
        ],
    ),
    // seed 001, "User Roles", Admin User.
    (
        "Administrator User",
        &[
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
            "org-read",
            "org-user-read",
            "org-user-write",
        ],
    ),
    // seed 001, "Special Roles Detail", Billing Admin.
    (
        "Billing Administrator",
        &[
            "org-billing-read",
            "org-billing-write",
            "org-db-view",
            "org-user-read",
        ],
    ),
    // seed 001, "Special Roles Detail", UI View Only.
    (
        "UI View Only",
        &["accesslist-read", "org-db-view", "org-user-read"],
    ),
    // seed 001, "Special Roles Detail", Database Administrator.
    (
        "Database Administrator",
        &[
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
            "org-db-addpeering",
            "org-db-create",
            "org-db-expand",
            "org-db-managemigratorproxy",
            "org-db-passwordreset",
            "org-db-suspend",
            "org-db-terminate",
            "org-db-view",
            "org-token-read",
            "org-token-write",
            "org-user-read",
        ],
    ),
    // seed 001, "User Service Account Roles", RO Svc Acct.
    (
        "Read Only Service Account",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-cql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
        ],
    ),
    // seed 001, "User Service Account Roles", R/W Svc Acct.
    (
        "Read/Write Service Account",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-cql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-modify",
            "db-table-select",
        ],
    ),
    // seed 001, "User Roles", RO User.
    (
        "Read Only User",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-cql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
            "org-db-view",
            "org-user-read",
        ],
    ),
    // seed 001, "User Roles", R/W User.
    (
        "Read/Write User",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-cql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-modify",
            "db-table-select",
            "org-db-view",
            "org-user-read",
        ],
    ),
    // seed 001, "API Service Account Roles", API Admin Svc Acct.
    (
        "API Administrator Service Account",
        &[
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
            "org-user-read",
            "org-user-write",
        ],
    ),
    // seed 001, "API Service Account Roles", API R/W Svc Acct.
    (
        "API Read/Write Service Account",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-modify",
            "db-table-select",
        ],
    ),
    // seed 001, "API Service Account Roles", API RO Svc Acct.
    (
        "API Read Only Service Account",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
        ],
    ),
    // seed 001, "API User Roles", API RO User.
    (
        "API Read Only User",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
            "org-db-view",
            "org-user-read",
        ],
    ),
    // seed 001, "API User Roles", API Admin User.
    (
        "API Administrator User",
        &[
            "accesslist-read",
            "db-all-keyspace-create",
            "db-all-keyspace-describe",
            "db-graphql",
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
            "org-user-read",
            "org-user-write",
        ],
    ),
    // seed 001, "API User Roles", API R/W User.
    (
        "API Read/Write User",
        &[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-modify",
            "db-table-select",
            "org-db-view",
            "org-user-read",
        ],
    ),
    // seed 000, "Enterprise Administrator role".
    (
        "Enterprise Administrator",
        &[
            "ent-billing-read",
            "ent-billing-write",
            "ent-user-read",
            "ent-user-write",
            "ent-token-read",
            "ent-token-write",
            "ent-org-manage",
            "ent-role-read",
            "ent-role-write",
        ],
    ),
    // seed 000, "Enterprise Billing Administrator role".
    (
        "Enterprise Billing Administrator",
        &["ent-billing-read", "ent-billing-write"],
    ),
    // seed 000, "Enterprise Organization Administrator role".
    ("Enterprise Organization Administrator", &["ent-org-manage"]),
];

fn role(name: &str) -> &'static DefaultRole {
    DEFAULT_ROLES
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no default role named {name}"))
}

/// Whether the role grants the permission, read from `role.grants`.
fn grants(role: &DefaultRole, p: Permission) -> bool {
    match role.grants {
        DefaultGrant::AllOrganization => !p.is_enterprise(),
        DefaultGrant::Listed(list) => list.contains(&p.api()),
    }
}

//! The permission catalog against the seeds. The expected tables are copied from the seed
//! documents by hand (name, DevOps API parameter), not generated from the catalog.

use std::collections::HashSet;

use portal_core::rbac::{Category, Permission, Scopable, Status};

fn get(api: &str) -> Permission {
    Permission::parse(api).unwrap_or_else(|e| panic!("{api} missing from the catalog: {e}"))
}

/// Checks that each (name, api) row is in the catalog with that exact name, in `category`, and
/// is current.
fn assert_table(table: &[(&str, &str)], category: Category) {
    for &(name, api) in table {
        let p = get(api);
        assert_eq!(p.api(), api);
        assert_eq!(p.name(), name, "name of {api}");
        assert_eq!(p.info().category, category, "category of {api}");
        assert_eq!(p.info().status, Status::Current, "status of {api}");
        assert!(
            p.info().source.starts_with("seed 004"),
            "source of {api}: {}",
            p.info().source
        );
    }
}

/// seed 004, "Permissions" / "Organization permissions" (all 30 rows, in the seed's order).
/// "Manage Streaming" is in this table in 004 but has its own category (seed 003), checked in
/// `seed_003_manage_streaming`.
#[test]
fn seed_004_organization_permissions() {
    let table = [
        ("Add Peering", "org-db-addpeering"),
        ("Create DB", "org-db-create"),
        ("Delete Custom Role", "org-role-delete"),
        ("Expand DB", "org-db-expand"),
        ("Manage Metrics", "db-manage-thirdpartymetrics"),
        ("Manage Private Endpoint", "db-manage-privateendpoint"),
        ("Manage Region", "db-manage-region"),
        // ("Manage Streaming", "org-stream-manage"): see seed_003_manage_streaming.
        ("Read Audits", "org-audits-read"),
        ("Read Billing", "org-billing-read"),
        ("Read CMK Key", "org-cmk-read"),
        ("Read Custom Role", "org-role-read"),
        ("Read External Auth", "org-external-auth-read"),
        ("Read Integrations", "org-integrations-read"),
        ("Read IP Access List", "accesslist-read"),
        ("Read Organization", "org-read"),
        ("Read Token", "org-token-read"),
        ("Read User", "org-user-read"),
        ("Suspend DB", "org-db-suspend"),
        ("Terminate DB", "org-db-terminate"),
        ("View DB", "org-db-view"),
        ("Write Billing", "org-billing-write"),
        ("Write CMK Key", "org-cmk-write"),
        ("Write Custom Role", "org-role-write"),
        ("Write External Auth", "org-external-auth-write"),
        ("Write Integrations", "org-integrations-write"),
        ("Write IP Access List", "accesslist-write"),
        ("Write Organization", "org-write"),
        ("Write Token", "org-token-write"),
        ("Write User", "org-user-write"),
    ];
    assert_eq!(table.len(), 29);
    assert_table(&table, Category::Organization);

    // A few descriptions, verbatim from 004 (where 004 rewrote the older seeds' text).
    assert_eq!(
        get("org-token-write").info().description,
        "Create application tokens."
    );
    assert_eq!(
        get("org-db-suspend").info().description,
        "Suspend/unsuspend Astra DB Serverless databases (Astra DB Classic databases only)."
    );
    assert_eq!(
        get("org-db-view").info().description,
        "View the Astra Portal generally. View databases in the Astra Portal. View database \
         information returned by an API request."
    );
    assert_eq!(
        get("org-billing-read").info().description,
        "Access the Billing page and download invoices in the Astra Portal."
    );
}

/// seed 004, "Organization permissions" ("Manage Streaming") and seed 003, "Astra Streaming
/// Organization permissions".
#[test]
fn seed_003_manage_streaming() {
    let p = get("org-stream-manage");
    assert_eq!(p.name(), "Manage Streaming");
    assert_eq!(p.info().category, Category::Streaming);
    assert_eq!(p.info().status, Status::Current);
    assert_eq!(p.info().scope, Scopable::Organization);
    // 004's description, not 003's "Create a Streaming Service using the DevOps API ...".
    assert_eq!(
        p.info().description,
        "View, add, edit, or remove Astra Streaming configurations."
    );
    let streaming: Vec<&str> = Permission::all()
        .filter(|p| p.info().category == Category::Streaming)
        .map(Permission::api)
        .collect();
    assert_eq!(streaming, ["org-stream-manage"]);
}

/// seed 004, "Keyspace permissions" (all rows, in the seed's order).
#[test]
fn seed_004_keyspace_permissions() {
    let table = [
        ("Alter Keyspace", "db-keyspace-alter"),
        ("Authorize Keyspace", "db-keyspace-authorize"),
        ("Create All Keyspaces", "db-all-keyspace-create"),
        ("Create Keyspace", "db-keyspace-create"),
        ("Describe All Keyspaces", "db-all-keyspace-describe"),
        ("Describe Keyspace", "db-keyspace-describe"),
        ("Drop Keyspace", "db-keyspace-drop"),
        ("Grant Keyspace", "db-keyspace-grant"),
        ("Modify Keyspace", "db-keyspace-modify"),
    ];
    assert_table(&table, Category::Keyspace);
    let in_catalog = Permission::all()
        .filter(|p| p.info().category == Category::Keyspace)
        .count();
    assert_eq!(in_catalog, table.len());
}

/// seed 004, "Table permissions" (all rows, in the seed's order).
#[test]
fn seed_004_table_permissions() {
    let table = [
        ("Alter Table", "db-table-alter"),
        ("Authorize Table", "db-table-authorize"),
        ("Create Table", "db-table-create"),
        ("Describe Table", "db-table-describe"),
        ("Drop Table", "db-table-drop"),
        ("Grant Table", "db-table-grant"),
        ("Modify Table", "db-table-modify"),
        ("Select Table", "db-table-select"),
    ];
    assert_table(&table, Category::Table);
    let in_catalog = Permission::all()
        .filter(|p| p.info().category == Category::Table)
        .count();
    assert_eq!(in_catalog, table.len());
    assert_eq!(
        get("db-table-select").info().description,
        "Use CQL SELECT on a table."
    );
}

/// seed 004, "API access permissions" (all rows, in the seed's order). "Access GraphQL" is 004's
/// name; seeds 001 and 002 said "Access GraphQL API".
#[test]
fn seed_004_api_access_permissions() {
    let table = [
        ("Access CQL", "db-cql"),
        ("Access GraphQL", "db-graphql"),
        ("Access REST", "db-rest"),
    ];
    assert_table(&table, Category::ApiAccess);
    // Plus the undocumented db-data-import (see `reference_roles_json_undocumented`).
    let in_catalog: Vec<&str> = Permission::all()
        .filter(|p| p.info().category == Category::ApiAccess)
        .map(Permission::api)
        .collect();
    assert_eq!(
        in_catalog,
        ["db-cql", "db-graphql", "db-rest", "db-data-import"]
    );
}

/// seed 001, "Custom permissions" / "Organization permissions" (also seed 002's), and seed 003,
/// "Astra Streaming Organization permissions": the permissions that seed 004 no longer lists.
#[test]
fn seeds_001_002_003_legacy_permissions() {
    let legacy = [
        ("Reset Password", "org-db-passwordreset"),
        ("Manage Migrator Proxy", "org-db-managemigratorproxy"),
        ("Notification Write", "org-notification-write"),
    ];
    for (name, api) in legacy {
        let p = get(api);
        assert_eq!(p.name(), name);
        assert_eq!(p.info().status, Status::Legacy, "{api}");
        assert_eq!(p.info().category, Category::Organization, "{api}");
        assert!(
            p.info().source.contains("legacy"),
            "{api}: {}",
            p.info().source
        );
    }
    assert_eq!(
        get("org-db-passwordreset").info().description,
        "Reset the password for a classic database."
    );
    let all_legacy: HashSet<&str> = Permission::all()
        .filter(|p| p.info().status == Status::Legacy)
        .map(Permission::api)
        .collect();
    assert_eq!(all_legacy, legacy.iter().map(|&(_, api)| api).collect());
}

/// reference `astra-cli-fixtures/Roles.json`: `db-data-import` is carried by the real Admin User
/// and Organization Administrator roles but listed by no seed; it is the only such action.
#[test]
fn reference_roles_json_undocumented() {
    let p = get("db-data-import");
    assert_eq!(p.name(), "Data Import");
    assert_eq!(p.info().status, Status::Undocumented);
    assert_eq!(p.info().scope, Scopable::Database);
    assert_eq!(p.info().source, "reference astra-cli-fixtures/Roles.json");
    assert!(!p.info().description.is_empty());
    let undocumented: Vec<&str> = Permission::all()
        .filter(|p| p.info().status == Status::Undocumented)
        .map(Permission::api)
        .collect();
    assert_eq!(undocumented, ["db-data-import"]);
}

/// seed 000, "Enterprise Administrator role": the nine `ent-*` permissions.
#[test]
fn seed_000_enterprise_permissions() {
    let ent = [
        "ent-billing-read",
        "ent-billing-write",
        "ent-user-read",
        "ent-user-write",
        "ent-token-read",
        "ent-token-write",
        "ent-org-manage",
        "ent-role-read",
        "ent-role-write",
    ];
    for api in ent {
        let p = get(api);
        assert_eq!(p.info().category, Category::Enterprise, "{api}");
        assert_eq!(p.info().status, Status::Current, "{api}");
        assert!(p.is_enterprise());
        assert!(p.info().source.starts_with("seed 000"), "{api}");
    }
    assert_eq!(
        get("ent-billing-read").info().description,
        "Retrieve billing details for organizations in the enterprise."
    );
    assert_eq!(
        get("ent-role-write").info().description,
        "Create, edit, and delete enterprise-level custom roles."
    );
    // Enterprise category <=> ent- prefix, and exactly these nine.
    for p in Permission::all() {
        assert_eq!(
            p.is_enterprise(),
            p.api().starts_with("ent-"),
            "{p}: category {:?}",
            p.info().category
        );
    }
    let in_catalog: HashSet<&str> = Permission::all()
        .filter(|p| p.is_enterprise())
        .map(Permission::api)
        .collect();
    assert_eq!(in_catalog, ent.into_iter().collect());
}

/// seeds 000, 001, 002, 003 and 004 together: the catalog is exactly the union of their
/// permissions, plus `db-data-import` (reference `Roles.json`). Counts per category and status.
#[test]
fn all_seeds_catalog_size() {
    let n = Permission::all().len();
    assert_eq!(n, 63);
    // Permission sets are u128 bitsets.
    assert!(n <= 128);
    let count = |c: Category| Permission::all().filter(|p| p.info().category == c).count();
    assert_eq!(count(Category::Organization), 29 + 3);
    assert_eq!(count(Category::Keyspace), 9);
    assert_eq!(count(Category::Table), 8);
    assert_eq!(count(Category::ApiAccess), 3 + 1);
    assert_eq!(count(Category::Streaming), 1);
    assert_eq!(count(Category::Enterprise), 9);
    let status = |s: Status| Permission::all().filter(|p| p.info().status == s).count();
    assert_eq!(status(Status::Current), 59);
    assert_eq!(status(Status::Legacy), 3);
    assert_eq!(status(Status::Undocumented), 1);
    for (i, p) in Permission::all().enumerate() {
        assert_eq!(p.index(), i);
        assert!(!p.name().is_empty(), "{}", p.api());
        assert!(!p.info().description.is_empty(), "{}", p.api());
        let source = p.info().source;
        assert!(
            source.starts_with("seed 0") || source.starts_with("reference "),
            "{}: {source}",
            p.api()
        );
    }
}

/// seed 004, "Permissions": "Each permission has a Permission name that is visible in the Astra
/// Portal as well as a DevOps API parameter value": both identify it, so both are unique.
#[test]
fn seed_004_api_parameters_and_names_unique() {
    let mut apis = HashSet::new();
    let mut names = HashSet::new();
    for p in Permission::all() {
        assert!(apis.insert(p.api()), "duplicate API parameter {}", p.api());
        assert!(names.insert(p.name()), "duplicate name {}", p.name());
        assert_eq!(Permission::parse(p.api()), Ok(p));
        assert_eq!(p.api().trim(), p.api());
        assert!(
            p.api().chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            p.api()
        );
    }
}

/// seed 004, "Permissions" (DevOps API parameter column): a mistyped parameter is an error that
/// names the nearest real one.
#[test]
fn seed_004_unknown_parameter_suggests_nearest() {
    for (typo, nearest) in [
        ("org-token-wrte", "org-token-write"),
        ("db-table-selct", "db-table-select"),
        ("org-user-reed", "org-user-read"),
        ("db-keyspace-creat", "db-keyspace-create"),
        ("accesslist-wirte", "accesslist-write"),
        ("ORG-DB-VIEW", "org-db-view"),
        ("ent-org-manag", "ent-org-manage"),
    ] {
        let err = Permission::parse(typo).expect_err(typo);
        assert_eq!(err.given, typo);
        assert_eq!(err.nearest, nearest, "nearest to {typo}");
        let message = err.to_string();
        assert!(message.contains(typo), "{message}");
        assert!(message.contains(nearest), "{message}");
    }
    assert!(Permission::parse("").is_err());
    // Surrounding whitespace is not part of the parameter.
    assert_eq!(Permission::parse(" org-read "), Ok(get("org-read")));
}

/// seed 004, "Organization permissions": "Write Token" is `org-token-write`; the portal shows
/// both.
#[test]
fn seed_004_display() {
    assert_eq!(
        get("org-token-write").to_string(),
        "Write Token (org-token-write)"
    );
    assert_eq!(
        get("db-table-select").to_string(),
        "Select Table (db-table-select)"
    );
}

/// seed 004, "Organization permissions" ("Organization permissions related to database
/// management, such as Manage Region and View DB, can be further limited to specific
/// databases"), "Keyspace permissions", "Table permissions" ("database, keyspace, and table
/// scopes"); seed 000, "Enterprise Administrator role": the finest scope of a sample from each
/// category.
#[test]
fn seed_004_000_scopable_levels() {
    let expected = [
        // Organization-wide.
        ("org-read", Scopable::Organization),
        ("org-write", Scopable::Organization),
        ("org-billing-read", Scopable::Organization),
        ("org-token-write", Scopable::Organization),
        ("org-user-write", Scopable::Organization),
        ("org-role-delete", Scopable::Organization),
        ("org-db-create", Scopable::Organization),
        ("org-notification-write", Scopable::Organization),
        ("org-stream-manage", Scopable::Organization),
        // Database management, limited to specific databases.
        ("db-manage-region", Scopable::Database),
        ("org-db-view", Scopable::Database),
        ("org-db-terminate", Scopable::Database),
        ("org-db-passwordreset", Scopable::Database),
        ("accesslist-read", Scopable::Database),
        ("db-manage-thirdpartymetrics", Scopable::Database),
        // Keyspace permissions that act on a whole database, and on one keyspace.
        ("db-all-keyspace-create", Scopable::Database),
        ("db-all-keyspace-describe", Scopable::Database),
        ("db-keyspace-create", Scopable::Database),
        ("db-keyspace-alter", Scopable::Keyspace),
        ("db-keyspace-describe", Scopable::Keyspace),
        ("db-keyspace-drop", Scopable::Keyspace),
        // Table permissions.
        ("db-table-select", Scopable::Table),
        ("db-table-modify", Scopable::Table),
        ("db-table-drop", Scopable::Table),
        // API access.
        ("db-cql", Scopable::Database),
        ("db-rest", Scopable::Database),
        ("db-data-import", Scopable::Database),
        // Enterprise.
        ("ent-user-read", Scopable::Enterprise),
        ("ent-token-write", Scopable::Enterprise),
        ("ent-org-manage", Scopable::Enterprise),
        ("ent-role-write", Scopable::Enterprise),
        ("ent-billing-read", Scopable::EnterpriseOrganization),
        ("ent-billing-write", Scopable::EnterpriseOrganization),
    ];
    for (api, scope) in expected {
        assert_eq!(get(api).info().scope, scope, "scope of {api}");
    }
    // Whole categories.
    for p in Permission::all() {
        let scope = p.info().scope;
        match p.info().category {
            Category::Table => assert_eq!(scope, Scopable::Table, "{p}"),
            Category::ApiAccess => assert_eq!(scope, Scopable::Database, "{p}"),
            Category::Streaming => assert_eq!(scope, Scopable::Organization, "{p}"),
            Category::Keyspace => assert!(
                matches!(scope, Scopable::Database | Scopable::Keyspace),
                "{p}"
            ),
            Category::Organization => assert!(
                matches!(scope, Scopable::Organization | Scopable::Database),
                "{p}"
            ),
            Category::Enterprise => assert!(
                matches!(
                    scope,
                    Scopable::Enterprise | Scopable::EnterpriseOrganization
                ),
                "{p}"
            ),
        }
    }
}

/// seed 004, "Permissions": the tables "Organization permissions", "Keyspace permissions",
/// "Table permissions" and "API access permissions", in that order; seed 003, "Astra Streaming
/// Organization permissions"; seed 000's enterprise permissions last. Every permission falls in
/// exactly one table, and grouping keeps each table's catalog order.
#[test]
fn seed_004_003_000_permission_tables() {
    let titles: Vec<&str> = Category::ALL.iter().map(|c| c.title()).collect();
    assert_eq!(
        titles,
        [
            "Organization permissions",
            "Keyspace permissions",
            "Table permissions",
            "API access permissions",
            "Astra Streaming permissions",
            "Enterprise permissions",
        ]
    );
    let groups = Category::groups(Permission::all());
    assert_eq!(
        groups.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        Category::ALL,
        "every table holds some permission"
    );
    let grouped: usize = groups.iter().map(|(_, members)| members.len()).sum();
    assert_eq!(grouped, Permission::all().len());
    let tables = Category::groups([get("db-table-select"), get("org-db-view")]);
    assert_eq!(
        tables,
        [
            (Category::Organization, vec![get("org-db-view")]),
            (Category::Table, vec![get("db-table-select")]),
        ],
        "tables in the seeds' order, only those that hold any"
    );
}

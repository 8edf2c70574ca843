//! The built-in roles: the 16 default organization roles (seed 004, "Default roles", with the
//! permission lists of seed 001, "Operational Roles Detail" and "Special Roles Detail") and the 3
//! default enterprise roles (seed 000, "Manage enterprise roles").
//!
//! # Names and aliases
//!
//! Names are seed 004's. Aliases are the names seed 001 uses: the short names of its role tables
//! ("Admin User", "R/W Svc Acct", "Billing Admin", ...), which are also the names the real DevOps
//! API gives (`astra-cli-fixtures/Roles.json`), and the longer spellings of its "Default
//! Operational Roles" matrix ("Administrator Svc Acct", "API Administrator Svc Acct"). Seed 001's
//! "Which role should I assign a user?" also names "Developer Administrator", "Developer
//! Read/Write" and "Developer Read Only", which no role table defines; they are not made aliases
//! because nothing says which roles they are.
//!
//! # Permissions
//!
//! Exactly seed 001's DevOps API Parameters column, in the seed's order, except Organization
//! Administrator, which seed 004 says "grants all permissions" ([`DefaultGrant::AllOrganization`]:
//! also the CMK, integrations, streaming and third-party metrics permissions that only 004 lists,
//! the legacy ones and `db-data-import`). Seed 004 lists no permissions for the other roles.
//!
//! Seed 002 (the older version of 001) has the same tables, but every cell of its role tables
//! holds only the first entry of 001's list (the rest of the cell is missing from that copy). In
//! every role that one entry agrees with 001; 001 wins for the rest, and the per-role comments
//! below say what 002 gives. 002's console-name column says "Create All Keyspaces" where 001 says
//! "Create All Keyspace"; the parameter, `db-all-keyspace-create`, is the same.
//!
//! # IDs
//!
//! The five roles that `astra-cli-fixtures/Roles.json` holds keep their real IDs. The others have
//! a fixed UUID generated once, as `uuid5(NAMESPACE_URL, "astra-portal:default-role:" + name)`
//! with Python's `uuid` module, and hardcoded here; do not regenerate them, IDs are stored in
//! tokens and user records.
//!
//! # Where the real roles differ from seed 001
//!
//! We follow the seed; the differences (noted at each role too) are:
//! - Admin User (`43745b73-…`): the real role also has `org-cmk-read`, `org-cmk-write`,
//!   `db-data-import` and `db-manage-thirdpartymetrics`.
//! - API Admin User (`67c4b5dc-…`): the real role also has `org-stream-manage` (and lists
//!   `org-db-view` twice).
//! - Organization Administrator (`ad0566b5-…`): the real role has seed 001's 47 permissions plus
//!   `org-cmk-read`, `org-cmk-write`, `org-integrations-read`, `org-integrations-write`,
//!   `org-stream-manage`, `db-data-import` and `db-manage-thirdpartymetrics`: every organization
//!   permission of the catalog, which is what [`DefaultGrant::AllOrganization`] grants.
//! - R/W Svc Acct (`b4ed0e9e-…`) and RO Svc Acct (`16a4b1d7-…`): the same set as seed 001.

use super::role::{DefaultGrant, DefaultRole, Realm};

pub static DEFAULT_ROLES: [DefaultRole; 19] = [
    // ---------------------------------------------------------------------------------------
    // Organization roles, in seed 004's order ("Default Astra DB roles").
    // ---------------------------------------------------------------------------------------
    DefaultRole {
        // Real ID (Roles.json, "Organization Administrator").
        id: "ad0566b5-2a67-49de-89e8-92258c2f2c98",
        name: "Organization Administrator",
        aliases: &[],
        realm: Realm::Organization,
        // Seed 004: "Grants all permissions." Seed 001's list (47 parameters) predates CMK,
        // integrations, streaming and third-party metrics; 004 wins. Seed 002 gives only
        // `accesslist-read`.
        grants: DefaultGrant::AllOrganization,
        source: "seed 004, Default roles; seed 001, Special Roles Detail",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:Administrator Service Account").
        id: "bdaf9003-84c9-5159-abe2-770177262092",
        name: "Administrator Service Account",
        aliases: &["Admin Svc Acct", "Administrator Svc Acct"],
        realm: Realm::Organization,
        // Seed 002 gives only `db-all-keyspace-create`. Seed 001 says "Service Account Roles are
        // limited from listing users and databases", yet lists `org-db-view` and `org-user-read`
        // for this one; we follow the table.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, User Service Account Roles (Admin Svc Acct)",
    },
    DefaultRole {
        // Real ID (Roles.json, "Admin User").
        id: "43745b73-ad46-46e4-b826-c15d06d2cea0",
        name: "Administrator User",
        aliases: &["Admin User"],
        realm: Realm::Organization,
        // Seed 002 gives only `db-all-keyspace-create`.
        // Roles.json's real role also has org-cmk-read, org-cmk-write, db-data-import and
        // db-manage-thirdpartymetrics; we follow seed 001.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, User Roles (Admin User)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:Billing Administrator").
        id: "4868ef20-b2c1-5900-804f-917e4f4ebde8",
        name: "Billing Administrator",
        aliases: &["Billing Admin"],
        realm: Realm::Organization,
        // Seed 002 gives only `org-billing-read`.
        grants: DefaultGrant::Listed(&[
            "org-billing-read",
            "org-billing-write",
            "org-db-view",
            "org-user-read",
        ]),
        source: "seed 001, Special Roles Detail (Billing Admin)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:UI View Only").
        id: "fd2b4c49-42eb-5ebd-b6f3-d9142b7bafd6",
        name: "UI View Only",
        aliases: &[],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&["accesslist-read", "org-db-view", "org-user-read"]),
        source: "seed 001, Special Roles Detail (UI View Only)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:Database Administrator").
        id: "bcba8e70-06d0-5a4b-80e8-59ab288d94d6",
        name: "Database Administrator",
        aliases: &[],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, Special Roles Detail (Database Administrator)",
    },
    DefaultRole {
        // Real ID (Roles.json, "RO Svc Acct"); the real actions are the same set as seed 001's.
        id: "16a4b1d7-a615-41f8-95ca-52b0280f4d77",
        name: "Read Only Service Account",
        aliases: &["RO Svc Acct"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-cql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
        ]),
        source: "seed 001, User Service Account Roles (RO Svc Acct)",
    },
    DefaultRole {
        // Real ID (Roles.json, "R/W Svc Acct"); the real actions are the same set as seed 001's.
        id: "b4ed0e9e-67e8-47b6-8b58-c6629be961a9",
        name: "Read/Write Service Account",
        aliases: &["R/W Svc Acct"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-cql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-modify",
            "db-table-select",
        ]),
        source: "seed 001, User Service Account Roles (R/W Svc Acct)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:Read Only User").
        id: "9d274655-116c-53d6-8b25-9ec10c7e26f6",
        name: "Read Only User",
        aliases: &["RO User"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, User Roles (RO User)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:Read/Write User").
        id: "5c4c33f7-f255-541c-9887-2d13f5ef4024",
        name: "Read/Write User",
        aliases: &["R/W User"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, User Roles (R/W User)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL,
        // "astra-portal:default-role:API Administrator Service Account").
        id: "64a4fc10-75e9-5dc8-9ae3-796ac60cfa67",
        name: "API Administrator Service Account",
        aliases: &["API Admin Svc Acct", "API Administrator Svc Acct"],
        realm: Realm::Organization,
        // Seed 002 gives only `db-all-keyspace-create`. Seed 001 lists `db-cql` for this API role
        // although "API Roles limit CQL access" (its other API roles lack it); we follow the
        // table.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, API Service Account Roles (API Admin Svc Acct)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL,
        // "astra-portal:default-role:API Read/Write Service Account").
        id: "f0969df0-e080-5f2e-908f-cd566447b789",
        name: "API Read/Write Service Account",
        aliases: &["API R/W Svc Acct"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-modify",
            "db-table-select",
        ]),
        source: "seed 001, API Service Account Roles (API R/W Svc Acct)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL,
        // "astra-portal:default-role:API Read Only Service Account").
        id: "e3d108f9-b859-5a70-a66f-15dd930da819",
        name: "API Read Only Service Account",
        aliases: &["API RO Svc Acct"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
        ]),
        source: "seed 001, API Service Account Roles (API RO Svc Acct)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:API Read Only User").
        id: "7f21cceb-dd22-5eeb-811d-e1bb4b26ba65",
        name: "API Read Only User",
        aliases: &["API RO User"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
            "accesslist-read",
            "db-all-keyspace-describe",
            "db-graphql",
            "db-keyspace-describe",
            "db-rest",
            "db-table-describe",
            "db-table-select",
            "org-db-view",
            "org-user-read",
        ]),
        source: "seed 001, API User Roles (API RO User)",
    },
    DefaultRole {
        // Real ID (Roles.json, "API Admin User").
        id: "67c4b5dc-dd3f-4b2d-be51-09be12836d57",
        name: "API Administrator User",
        aliases: &["API Admin User"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        // Roles.json's real role also has org-stream-manage (and lists org-db-view twice); we
        // follow seed 001.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, API User Roles (API Admin User)",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:API Read/Write User").
        id: "46198378-2da7-5708-8b0c-a1c0c0e397bf",
        name: "API Read/Write User",
        aliases: &["API R/W User"],
        realm: Realm::Organization,
        // Seed 002 gives only `accesslist-read`.
        grants: DefaultGrant::Listed(&[
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
        ]),
        source: "seed 001, API User Roles (API R/W User)",
    },
    // ---------------------------------------------------------------------------------------
    // Enterprise roles: seed 000, "Manage enterprise roles", in the seed's order.
    // ---------------------------------------------------------------------------------------
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL, "astra-portal:default-role:Enterprise Administrator").
        id: "a44e7fb6-65a1-5630-919a-f2ea7b64b4c6",
        name: "Enterprise Administrator",
        aliases: &[],
        realm: Realm::Enterprise,
        grants: DefaultGrant::Listed(&[
            "ent-billing-read",
            "ent-billing-write",
            "ent-user-read",
            "ent-user-write",
            "ent-token-read",
            "ent-token-write",
            "ent-org-manage",
            "ent-role-read",
            "ent-role-write",
        ]),
        source: "seed 000, Enterprise Administrator role",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL,
        // "astra-portal:default-role:Enterprise Billing Administrator").
        id: "c894efe3-00aa-54bd-916b-c6ba498d7858",
        name: "Enterprise Billing Administrator",
        aliases: &[],
        realm: Realm::Enterprise,
        grants: DefaultGrant::Listed(&["ent-billing-read", "ent-billing-write"]),
        source: "seed 000, Enterprise Billing Administrator role",
    },
    DefaultRole {
        // Generated: uuid5(NAMESPACE_URL,
        // "astra-portal:default-role:Enterprise Organization Administrator").
        id: "180f3ce1-8991-58f7-8932-1a92d71f65b5",
        name: "Enterprise Organization Administrator",
        aliases: &[],
        realm: Realm::Enterprise,
        grants: DefaultGrant::Listed(&["ent-org-manage"]),
        source: "seed 000, Enterprise Organization Administrator role",
    },
];

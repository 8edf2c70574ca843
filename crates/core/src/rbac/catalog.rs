//! The permission catalog: every permission that any seed names, plus the one that the real
//! DevOps API's default roles carry although no seed lists it.
//!
//! Order: grouped by [`Category`], each group in the order of the seed table it comes from. The
//! position of an entry is its bit in a permission set, so the catalog must not grow beyond 128
//! entries (a `u128`); it has 63.
//!
//! # Where the seeds disagree, and what was decided
//!
//! The newest document wins: seed 004 (2025, roles and permissions) and seed 000 (2025,
//! enterprise) over seed 003 (2024, Astra Streaming) over seed 001 (older) over seed 002 (an older
//! version of 001). See `DESIGN.md`, "Where the seeds disagree".
//!
//! - **Names.** Seed 004's permission names win. `db-graphql` is "Access GraphQL" (001 and 002:
//!   "Access GraphQL API"). `db-all-keyspace-create` is "Create All Keyspaces" (001's role tables:
//!   "Create All Keyspace"; 002's role tables already say "Create All Keyspaces"). All other names
//!   agree between the seeds that list them.
//! - **Descriptions.** Seed 004's descriptions win over 003's and 001's, also where they say
//!   something different. Notably:
//!   - `org-db-suspend`: 004 "Suspend/unsuspend Astra DB Serverless databases (Astra DB Classic
//!     databases only)" replaces 001 "Park/unpark classic databases and suspend/unsuspend serverless
//!     databases". 004's text contradicts itself (Serverless vs "Classic only"); it is kept verbatim
//!     because it is the newest. What it allows follows 001 and 002, which agree: the portal's
//!     databases are all Serverless, and the spec's parkDatabase and unparkDatabase, the only
//!     operations that take the permission, park and unpark them (`api::handlers::databases`).
//!   - `org-db-expand`: 004 "Resize a database (Astra DB Classic databases only)" replaces 001
//!     "Classic only: Resize a database ... to add more capacity units". 002 does not list Expand DB
//!     at all; 001 wins over 002 and 004 confirms it.
//!   - `org-stream-manage`: 004 "View, add, edit, or remove Astra Streaming configurations" replaces
//!     003 "Create a Streaming Service using the DevOps API or the Astra console".
//!   - `org-write`: 004's description has three paragraphs; the first two are joined here and the
//!     third ("For more information, see Delete an organization", a link) is left out.
//!   - `org-db-terminate`: "all of of its data" is the seeds' own wording (001, 002 and 004), kept
//!     verbatim.
//! - **Descriptions no seed gives.** Seed 004 lists "Manage Metrics" (`db-manage-thirdpartymetrics`)
//!   with an empty description, and `db-data-import` is in no seed: both descriptions are ours and
//!   are marked as such at their entries.
//! - **Legacy.** `org-db-passwordreset` ("Reset Password") and `org-db-managemigratorproxy`
//!   ("Manage Migrator Proxy") are listed by 001 and 002 only; `org-notification-write`
//!   ("Notification Write") by 001, 002 and 003 (2024) but not by 004. Seed 004's table is the
//!   current catalog, so they are [`Status::Legacy`]: kept so that existing roles that carry them
//!   still read (the real Organization Administrator in `Roles.json` still carries all three, and
//!   seed 001's default roles list the first two), and granted by Organization Administrator
//!   ("Grants all permissions", seed 004). Their names and descriptions are 001's (003's for
//!   `org-notification-write`, which is identical to 001's).
//! - **Category of `org-stream-manage`.** Seed 004 lists "Manage Streaming" in its Organization
//!   permissions table; seed 003 is the Astra Streaming permission table in which it is the one
//!   streaming-specific permission. It is kept under [`Category::Streaming`] so that the portal can
//!   show it with streaming; its name, description and organization-wide scope are 004's.
//! - **Table permissions** (`db-table-*`) appear in 001's default-role tables but in none of 001's
//!   or 002's "Custom permissions" tables; 004 is the first seed to describe them.
//! - **Seed 003** lists "Delete Custom Role" twice; it is one permission.
//! - **Undocumented.** `db-data-import` is in no seed, but the real Admin User and Organization
//!   Administrator roles (`astra-cli-fixtures/Roles.json`) carry it, so it is
//!   [`Status::Undocumented`] (name "Data Import"). It is placed with the API access permissions
//!   (a way of writing data into a database, like CQL, REST and GraphQL; `Roles.json` lists it right
//!   after them) and can be scoped to databases. No other action of `Roles.json` is missing from
//!   the seeds.
//! - **Enterprise.** Seed 000 gives the nine `ent-*` permissions only as DevOps API parameters with
//!   descriptions, no portal names; the names here ("Read Enterprise Billing", ...) are ours,
//!   built like seed 004's ("Read Billing") with "Enterprise" added so that they do not collide with
//!   the organization permissions. 000 describes `ent-billing-read`/`-write` twice (Enterprise
//!   Administrator: "for organizations in the enterprise"; Enterprise Billing Administrator: "for
//!   the enterprise"); the Enterprise Administrator wording is used, since these can be scoped to
//!   the enterprise's organizations.
//!
//! # Scopes
//!
//! Seed 004: "Organization permissions related to database management, such as Manage Region and
//! View DB, can be further limited to specific databases"; keyspace permissions to keyspaces;
//! "you can use database, keyspace, and table scopes to further restrict table permissions".
//! Permissions that act on the organization itself (billing, users, roles, tokens, creating a
//! database, streaming) are organization-wide. The keyspace permissions that act on a whole
//! database (Create All Keyspaces, Describe All Keyspaces, Create Keyspace) scope to databases.

use super::permission::{Category, PermissionInfo, Scopable, Status};

pub static CATALOG: [PermissionInfo; 63] = [
    // ---------------------------------------------------------------------------------------
    // Organization permissions: seed 004, "Organization permissions", in the seed's order
    // (Manage Streaming, which 004 lists here too, is under Streaming below).
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "org-db-addpeering",
        name: "Add Peering",
        description: "Create a VPC peering connection (Astra DB Classic databases only).",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-db-create",
        name: "Create DB",
        description: "Create a database.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-role-delete",
        name: "Delete Custom Role",
        description: "Delete a custom role.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-db-expand",
        name: "Expand DB",
        description: "Resize a database (Astra DB Classic databases only).",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "db-manage-thirdpartymetrics",
        name: "Manage Metrics",
        // Seed 004 leaves the description empty and no other seed lists the permission: this
        // description is ours, from the parameter's name.
        description: "Configure the export of a database's metrics to third-party monitoring \
                      services.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "db-manage-privateendpoint",
        name: "Manage Private Endpoint",
        description: "Configure private endpoints.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "db-manage-region",
        name: "Manage Region",
        description: "Add or remove regions from multi-region databases.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-audits-read",
        name: "Read Audits",
        description: "Download organization audit logs in the Astra Portal.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-billing-read",
        name: "Read Billing",
        description: "Access the Billing page and download invoices in the Astra Portal.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-cmk-read",
        name: "Read CMK Key",
        description: "View customer keys in an organization.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-role-read",
        name: "Read Custom Role",
        description: "View custom roles and their associated permissions.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-external-auth-read",
        name: "Read External Auth",
        description: "View an organization’s SSO configuration in the Astra Portal.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-integrations-read",
        name: "Read Integrations",
        description: "View an organization’s enabled integrations on the Integrations page in the \
                      Astra Portal. Namely, vectorize embedding provider integrations.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "accesslist-read",
        name: "Read IP Access List",
        description: "View database and DevOps API IP access lists. Visibility of database access \
                      lists depends on the role’s resource scopes.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-read",
        name: "Read Organization",
        description: "View an organization.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-token-read",
        name: "Read Token",
        description: "View application tokens in an organization.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-user-read",
        name: "Read User",
        description: "View users in an organization.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-db-suspend",
        name: "Suspend DB",
        description: "Suspend/unsuspend Astra DB Serverless databases (Astra DB Classic databases \
                      only).",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-db-terminate",
        name: "Terminate DB",
        description: "Permanently delete a database and all of of its data.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-db-view",
        name: "View DB",
        description: "View the Astra Portal generally. View databases in the Astra Portal. View \
                      database information returned by an API request.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-billing-write",
        name: "Write Billing",
        description: "Add, edit, or remove a payment method.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-cmk-write",
        name: "Write CMK Key",
        description: "Create and manage customer keys.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-role-write",
        name: "Write Custom Role",
        description: "Create and manage custom roles.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-external-auth-write",
        name: "Write External Auth",
        description: "Manage an organization’s SSO configuration in the Astra Portal.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-integrations-write",
        name: "Write Integrations",
        description: "Add, edit, and remove an organization’s integrations on the Integrations \
                      page in the Astra Portal. Namely, vectorize embedding provider integrations.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "accesslist-write",
        name: "Write IP Access List",
        description: "Create and modify database and DevOps API IP access lists. Access to \
                      database access lists depends on the role’s resource scopes.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-write",
        name: "Write Organization",
        // 004's first two paragraphs; its third is a link ("For more information, see Delete an
        // organization").
        description: "In the Astra Portal, create new organizations or delete an existing \
                      organization. Users can always create organizations from their default \
                      organization because they are the Organization Administrator of their \
                      default organization. Users can delete organizations only where they have \
                      the Write Organization permission, except for the default organization.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-token-write",
        name: "Write Token",
        description: "Create application tokens.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    PermissionInfo {
        api: "org-user-write",
        name: "Write User",
        description: "Invite (add) users, edit users' assigned roles, and remove users from an \
                      organization.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions",
    },
    // ---------------------------------------------------------------------------------------
    // Organization permissions that only older seeds list (legacy), in seed 001's order.
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "org-db-passwordreset",
        name: "Reset Password",
        description: "Reset the password for a classic database.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Legacy,
        source: "seed 001, Custom permissions (legacy)",
    },
    PermissionInfo {
        api: "org-db-managemigratorproxy",
        name: "Manage Migrator Proxy",
        description: "Add and remove the migrator proxy from a db.",
        category: Category::Organization,
        scope: Scopable::Database,
        status: Status::Legacy,
        source: "seed 001, Custom permissions (legacy)",
    },
    PermissionInfo {
        api: "org-notification-write",
        name: "Notification Write",
        description: "Enable or disable notifications in organization notification settings.",
        category: Category::Organization,
        scope: Scopable::Organization,
        status: Status::Legacy,
        source: "seed 003, Astra Streaming Organization permissions; seed 001, Custom \
                 permissions (legacy)",
    },
    // ---------------------------------------------------------------------------------------
    // Keyspace permissions: seed 004, "Keyspace permissions", in the seed's order.
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "db-keyspace-alter",
        name: "Alter Keyspace",
        description: "Add, edit, or remove a keyspace’s configuration or tables, such as with CQL \
                      ALTER.",
        category: Category::Keyspace,
        scope: Scopable::Keyspace,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-keyspace-authorize",
        name: "Authorize Keyspace",
        description: "Grant admin permissions on a keyspace, such as with CQL AUTHORIZE.",
        category: Category::Keyspace,
        scope: Scopable::Keyspace,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-all-keyspace-create",
        name: "Create All Keyspaces",
        description: "Create keyspaces programmatically.",
        category: Category::Keyspace,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-keyspace-create",
        name: "Create Keyspace",
        description: "Create a keyspace in the Astra Portal.",
        category: Category::Keyspace,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-all-keyspace-describe",
        name: "Describe All Keyspaces",
        description: "Get a list of tables in multiple keyspaces, such as with CQL DESCRIBE.",
        category: Category::Keyspace,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-keyspace-describe",
        name: "Describe Keyspace",
        description: "Get a list of tables within a single keyspace.",
        category: Category::Keyspace,
        scope: Scopable::Keyspace,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-keyspace-drop",
        name: "Drop Keyspace",
        description: "Remove a keyspace.",
        category: Category::Keyspace,
        scope: Scopable::Keyspace,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-keyspace-grant",
        name: "Grant Keyspace",
        description: "Grant specific permissions on a keyspace, such as with CQL GRANT.",
        category: Category::Keyspace,
        scope: Scopable::Keyspace,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    PermissionInfo {
        api: "db-keyspace-modify",
        name: "Modify Keyspace",
        description: "Edit a keyspace (a limited version of Alter Keyspace).",
        category: Category::Keyspace,
        scope: Scopable::Keyspace,
        status: Status::Current,
        source: "seed 004, Keyspace permissions",
    },
    // ---------------------------------------------------------------------------------------
    // Table permissions: seed 004, "Table permissions", in the seed's order.
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "db-table-alter",
        name: "Alter Table",
        description: "Add, edit, or remove a table’s columns, such as with CQL ALTER.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-authorize",
        name: "Authorize Table",
        description: "Grant admin permissions on a table, such as with CQL AUTHORIZE.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-create",
        name: "Create Table",
        description: "Create a table.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-describe",
        name: "Describe Table",
        description: "Get table information, such as with CQL DESCRIBE.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-drop",
        name: "Drop Table",
        description: "Delete a table.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-grant",
        name: "Grant Table",
        description: "Grant specific permissions on a table, such as with CQL GRANT.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-modify",
        name: "Modify Table",
        description: "Edit a table (a limited version of Alter Table).",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    PermissionInfo {
        api: "db-table-select",
        name: "Select Table",
        description: "Use CQL SELECT on a table.",
        category: Category::Table,
        scope: Scopable::Table,
        status: Status::Current,
        source: "seed 004, Table permissions",
    },
    // ---------------------------------------------------------------------------------------
    // API access permissions: seed 004, "API access permissions", in the seed's order; then
    // db-data-import, which no seed lists (undocumented, from the real default roles).
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "db-cql",
        name: "Access CQL",
        description: "Connect to database through CQL.",
        category: Category::ApiAccess,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, API access permissions",
    },
    PermissionInfo {
        api: "db-graphql",
        name: "Access GraphQL",
        description: "Connect to database through the GraphQL API (deprecated).",
        category: Category::ApiAccess,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, API access permissions",
    },
    PermissionInfo {
        api: "db-rest",
        name: "Access REST",
        description: "Connect to database through the REST API (deprecated).",
        category: Category::ApiAccess,
        scope: Scopable::Database,
        status: Status::Current,
        source: "seed 004, API access permissions",
    },
    PermissionInfo {
        api: "db-data-import",
        name: "Data Import",
        // No seed lists this permission, so no seed describes it: this description is ours.
        description: "Import data into a database's tables and collections.",
        category: Category::ApiAccess,
        scope: Scopable::Database,
        status: Status::Undocumented,
        source: "reference astra-cli-fixtures/Roles.json",
    },
    // ---------------------------------------------------------------------------------------
    // Streaming: seed 003, "Astra Streaming Organization permissions" (its one streaming-specific
    // permission); name and description from seed 004, "Organization permissions".
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "org-stream-manage",
        name: "Manage Streaming",
        description: "View, add, edit, or remove Astra Streaming configurations.",
        category: Category::Streaming,
        scope: Scopable::Organization,
        status: Status::Current,
        source: "seed 004, Organization permissions; seed 003, Astra Streaming Organization \
                 permissions",
    },
    // ---------------------------------------------------------------------------------------
    // Enterprise permissions: seed 000, "Enterprise Administrator role", in the seed's order.
    // Seed 000 gives no portal names for them; the names are ours (see the module comment).
    // ---------------------------------------------------------------------------------------
    PermissionInfo {
        api: "ent-billing-read",
        name: "Read Enterprise Billing",
        description: "Retrieve billing details for organizations in the enterprise.",
        category: Category::Enterprise,
        scope: Scopable::EnterpriseOrganization,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-billing-write",
        name: "Write Enterprise Billing",
        description: "(Future functionality) Update billing details for organizations in the \
                      enterprise.",
        category: Category::Enterprise,
        scope: Scopable::EnterpriseOrganization,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-user-read",
        name: "Read Enterprise User",
        description: "Retrieve users with the Enterprise Administrator role. To view users within \
                      an organization, you must have the org-user-read permission in that \
                      organization.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-user-write",
        name: "Write Enterprise User",
        description: "Add or remove the Enterprise Administrator role from users. To manage users \
                      within an organization, you must have the org-user-write permission in \
                      that organization.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-token-read",
        name: "Read Enterprise Token",
        description: "Retrieve enterprise application tokens and their details. To view an \
                      organization's application tokens, you must have the org-token-read \
                      permission in that organization.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-token-write",
        name: "Write Enterprise Token",
        description: "Create and revoke enterprise application tokens. To manage an \
                      organization's application tokens, you must have the org-token-write \
                      permission in that organization.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-org-manage",
        name: "Manage Enterprise Organizations",
        description:
            "Create an organization under your enterprise. To delete an organization, you \
                      must be the Organization Administrator for that organization.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-role-read",
        name: "Read Enterprise Role",
        description: "Retrieve enterprise-level custom roles.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
    PermissionInfo {
        api: "ent-role-write",
        name: "Write Enterprise Role",
        description: "Create, edit, and delete enterprise-level custom roles.",
        category: Category::Enterprise,
        scope: Scopable::Enterprise,
        status: Status::Current,
        source: "seed 000, Enterprise Administrator role",
    },
];

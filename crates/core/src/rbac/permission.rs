//! Permissions: the actions a role can allow, as the DevOps API names them (`org-token-write`) and
//! as the portal shows them ("Write Token"). The table itself is in `catalog.rs`.

use std::fmt;

use super::catalog::CATALOG;

/// One permission of the catalog. It is an index into [`CATALOG`], so that a set of permissions is
/// a bitset and a check allocates nothing.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Permission(u8);

/// What the catalog knows of a permission.
#[derive(Debug)]
pub struct PermissionInfo {
    /// The DevOps API parameter, e.g. `org-token-write`.
    pub api: &'static str,
    /// The name the portal shows, e.g. "Write Token".
    pub name: &'static str,
    pub description: &'static str,
    pub category: Category,
    /// The finest resource a role's scope can restrict this permission to.
    pub scope: Scopable,
    pub status: Status,
    /// Where the seeds (or the reference) define it, e.g. "seed 004, Organization permissions".
    pub source: &'static str,
}

/// The seeds' permission tables.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    Organization,
    Keyspace,
    Table,
    /// "API access permissions" (seed 004).
    ApiAccess,
    /// Astra Streaming (seed 003).
    Streaming,
    /// `ent-*` (seed 000).
    Enterprise,
}

impl Category {
    /// The tables in the seeds' order: seed 004's four, seed 003's streaming one, then seed 000's
    /// enterprise one.
    pub const ALL: [Category; 6] = [
        Category::Organization,
        Category::Keyspace,
        Category::Table,
        Category::ApiAccess,
        Category::Streaming,
        Category::Enterprise,
    ];

    /// The table's title, which heads its permissions wherever they are listed.
    pub fn title(self) -> &'static str {
        match self {
            Category::Organization => "Organization permissions",
            Category::Keyspace => "Keyspace permissions",
            Category::Table => "Table permissions",
            Category::ApiAccess => "API access permissions",
            Category::Streaming => "Astra Streaming permissions",
            Category::Enterprise => "Enterprise permissions",
        }
    }

    /// `permissions` by table: the tables that hold any, in [`Category::ALL`]'s order, each with
    /// its permissions in the order given.
    pub fn groups(
        permissions: impl IntoIterator<Item = Permission>,
    ) -> Vec<(Category, Vec<Permission>)> {
        let permissions: Vec<Permission> = permissions.into_iter().collect();
        Category::ALL
            .into_iter()
            .map(|category| {
                let members = permissions
                    .iter()
                    .copied()
                    .filter(|p| p.info().category == category)
                    .collect::<Vec<_>>();
                (category, members)
            })
            .filter(|(_, members)| !members.is_empty())
            .collect()
    }
}

/// The finest resource a permission can be scoped to.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scopable {
    /// Organization-wide only: no database scope restricts it.
    Organization,
    Database,
    Keyspace,
    Table,
    /// Enterprise-wide only.
    Enterprise,
    /// The enterprise, or some of its organizations.
    EnterpriseOrganization,
}

/// Whether the newest seed still lists the permission.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Current,
    /// Only older documents list it (DESIGN.md "Where the seeds disagree"): kept so that existing
    /// roles that carry it still read, and granted by Organization Administrator.
    Legacy,
    /// In no seed, but in the DevOps API's real default roles (`astra-cli-fixtures/Roles.json`),
    /// so that real Role JSON reads.
    Undocumented,
}

impl Permission {
    /// Every permission of the catalog, in catalog order.
    pub fn all() -> impl ExactSizeIterator<Item = Permission> + Clone {
        (0..CATALOG.len()).map(|i| Permission(i as u8))
    }

    /// The permission with this DevOps API parameter. An unknown string is an error that names
    /// the nearest valid parameter.
    pub fn parse(api: &str) -> Result<Permission, UnknownPermission> {
        let wanted = api.trim();
        CATALOG
            .iter()
            .position(|p| p.api == wanted)
            .map(|i| Permission(i as u8))
            .ok_or_else(|| UnknownPermission {
                given: wanted.to_owned(),
                nearest: nearest(wanted),
            })
    }

    /// The catalog's entry at this position.
    pub(super) const fn at(index: usize) -> Permission {
        Permission(index as u8)
    }

    pub fn info(self) -> &'static PermissionInfo {
        &CATALOG[self.0 as usize]
    }

    pub fn api(self) -> &'static str {
        self.info().api
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The position in the catalog: the bit of this permission in a permission set.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub fn is_enterprise(self) -> bool {
        self.info().category == Category::Enterprise
    }
}

impl fmt::Display for Permission {
    /// "Write Token (org-token-write)", the way the portal explains a decision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name(), self.api())
    }
}

/// A permission string that is not in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPermission {
    pub given: String,
    /// The closest DevOps API parameter, by edit distance.
    pub nearest: &'static str,
}

impl fmt::Display for UnknownPermission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown permission '{}': did you mean '{}'? (`portal permissions` lists them all)",
            self.given, self.nearest
        )
    }
}

impl std::error::Error for UnknownPermission {}

fn nearest(given: &str) -> &'static str {
    let given = given.to_ascii_lowercase();
    CATALOG
        .iter()
        .map(|p| (strsim::damerau_levenshtein(&given, p.api), p.api))
        .min()
        .map(|(_, api)| api)
        .expect("the catalog is not empty")
}

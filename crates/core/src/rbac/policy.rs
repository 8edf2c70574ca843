//! Roles as the evaluator uses them: parsed permissions and resource patterns, checked once when
//! the role is made. They read and write the DevOps API Role format
//! `{"ID","Name","Policy":{"description","resources","actions","effect"}}`: real responses use
//! PascalCase for the outer keys (Roles.json), the spec lower case; both are accepted.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::drn::{Drn, DrnError, Segment};
use super::permission::{Permission, UnknownPermission};
use super::permission_set::PermissionSet;
use super::role::{DefaultRole, Realm};

/// A role: default or custom, organization or enterprise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub policy: Policy,
    realm: Realm,
}

/// What a role allows, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub description: String,
    pub actions: PermissionSet,
    pub resources: Vec<Drn>,
}

/// Why a role is not valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleError {
    Json(String),
    UnknownPermission(UnknownPermission),
    Drn(DrnError),
    Effect(String),
    NoResources,
    NoActions,
    MixedRealms,
    SeveralOrganizations(String, String),
    /// Default roles are built in: "You can't edit or delete default roles" (seed 004).
    DefaultRole(String),
    /// An enterprise role with an organization permission, or the reverse.
    WrongRealm {
        permission: Permission,
        realm: Realm,
    },
}

impl fmt::Display for RoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoleError::Json(e) => write!(f, "not a Role JSON document: {e}"),
            RoleError::UnknownPermission(e) => e.fmt(f),
            RoleError::Drn(e) => e.fmt(f),
            RoleError::Effect(effect) => {
                write!(
                    f,
                    "effect '{effect}' is not supported: the only effect is 'allow'"
                )
            }
            RoleError::NoResources => {
                f.write_str("the policy has no resources: add at least 'drn:astra:org:<ORG_ID>'")
            }
            RoleError::NoActions => {
                f.write_str("the policy has no actions: add the permissions the role grants")
            }
            RoleError::MixedRealms => f.write_str(
                "the resources mix enterprise ('drn:astra:ent:...') and organization \
                 ('drn:astra:org:...') DRNs: a role is one or the other",
            ),
            RoleError::SeveralOrganizations(a, b) => write!(
                f,
                "the resources name two organizations ({a} and {b}): a role belongs to one"
            ),
            RoleError::DefaultRole(name) => write!(
                f,
                "{name} is a default role, and default roles can't be edited or deleted: create a \
                 custom role with the permissions and scope you need"
            ),
            RoleError::WrongRealm { permission, realm } => match realm {
                Realm::Enterprise => write!(
                    f,
                    "{permission} is an organization permission: enterprise roles never grant \
                     permissions inside an organization; give it with a role in the organization"
                ),
                Realm::Organization => write!(
                    f,
                    "{permission} is an enterprise permission: give it with an enterprise role"
                ),
            },
        }
    }
}

impl std::error::Error for RoleError {}

impl From<UnknownPermission> for RoleError {
    fn from(e: UnknownPermission) -> RoleError {
        RoleError::UnknownPermission(e)
    }
}

impl From<DrnError> for RoleError {
    fn from(e: DrnError) -> RoleError {
        RoleError::Drn(e)
    }
}

/// The organization permissions an enterprise role may also carry: "if you grant the
/// org-user-read permission with only one organization in the role's scope, then a user with this
/// permission can view the users in that one organization only" (seed 000, "Manage enterprise
/// roles"). It lets the role see those users from the enterprise, never inside the organization.
pub const ENTERPRISE_VIEWS: [&str; 1] = ["org-user-read"];

pub(crate) fn is_enterprise_view(permission: Permission) -> bool {
    ENTERPRISE_VIEWS.contains(&permission.api())
}

impl Role {
    /// A role from its parts, checked: known permissions of the role's realm, well-formed DRNs of
    /// one realm and (for organization roles) one organization.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        policy: Policy,
    ) -> Result<Role, RoleError> {
        let realm = realm_of(&policy.resources)?;
        if policy.actions.is_empty() {
            return Err(RoleError::NoActions);
        }
        for permission in policy.actions.iter() {
            let fits = match realm {
                Realm::Organization => !permission.is_enterprise(),
                Realm::Enterprise => permission.is_enterprise() || is_enterprise_view(permission),
            };
            if !fits {
                return Err(RoleError::WrongRealm { permission, realm });
            }
        }
        Ok(Role {
            id: id.into(),
            name: name.into(),
            policy,
            realm,
        })
    }

    /// A default role, instantiated for one organization (or, for enterprise roles, one
    /// enterprise): "Default roles have access to resources in your entire organization"
    /// (seed 004, "Resource scopes").
    pub fn from_default(role: &DefaultRole, owner: &str) -> Role {
        let actions = role.actions();
        let resources = match role.realm {
            Realm::Organization => vec![
                Drn::organization(owner),
                Drn::database(owner, "*"),
                Drn::keyspace(owner, "*", "*"),
                Drn::table(owner, "*", "*", "*"),
            ],
            Realm::Enterprise => vec![
                Drn::enterprise(owner),
                Drn::enterprise_organization(owner, "*"),
            ],
        };
        Role {
            id: role.id.to_owned(),
            name: role.name.to_owned(),
            policy: Policy {
                description: role.name.to_owned(),
                actions,
                resources,
            },
            realm: role.realm,
        }
    }

    pub fn realm(&self) -> Realm {
        self.realm
    }

    /// Whether this is one of the built-in default roles (by its ID).
    pub fn is_default(&self) -> bool {
        DefaultRole::find_by_id(&self.id).is_some()
    }

    /// Refuses a change to a default role; custom roles may be edited and deleted.
    pub fn ensure_editable(&self) -> Result<(), RoleError> {
        match DefaultRole::find_by_id(&self.id) {
            Some(default) => Err(RoleError::DefaultRole(default.name.to_owned())),
            None => Ok(()),
        }
    }

    /// Reads a Role JSON document (either key case).
    pub fn from_json(text: &str) -> Result<Role, RoleError> {
        let wire: RoleWire =
            serde_json::from_str(text).map_err(|e| RoleError::Json(e.to_string()))?;
        Role::try_from(wire)
    }

    /// Reads an array of Role JSON documents, as `GET /v2/organizations/roles` returns them.
    pub fn list_from_json(text: &str) -> Result<Vec<Role>, RoleError> {
        let wire: Vec<RoleWire> =
            serde_json::from_str(text).map_err(|e| RoleError::Json(e.to_string()))?;
        wire.into_iter().map(Role::try_from).collect()
    }
}

fn realm_of(resources: &[Drn]) -> Result<Realm, RoleError> {
    let first = resources.first().ok_or(RoleError::NoResources)?;
    let realm = if first.kind().is_enterprise() {
        Realm::Enterprise
    } else {
        Realm::Organization
    };
    for drn in resources {
        if drn.kind().is_enterprise() != (realm == Realm::Enterprise) {
            return Err(RoleError::MixedRealms);
        }
        if let (Segment::Id(a), Segment::Id(b)) = (first.root_id(), drn.root_id()) {
            if a != b {
                return Err(RoleError::SeveralOrganizations(
                    a.to_string(),
                    b.to_string(),
                ));
            }
        }
    }
    Ok(realm)
}

/// The JSON shape, outer keys PascalCase as the real API answers.
#[derive(Deserialize)]
struct RoleWire {
    #[serde(rename = "ID", alias = "id")]
    id: String,
    #[serde(rename = "Name", alias = "name")]
    name: String,
    #[serde(rename = "Policy", alias = "policy")]
    policy: PolicyWire,
}

#[derive(Deserialize)]
struct PolicyWire {
    #[serde(default)]
    description: String,
    resources: Vec<String>,
    actions: Vec<String>,
    effect: String,
}

impl TryFrom<RoleWire> for Role {
    type Error = RoleError;

    fn try_from(wire: RoleWire) -> Result<Role, RoleError> {
        if wire.policy.effect != "allow" {
            return Err(RoleError::Effect(wire.policy.effect));
        }
        let actions = wire
            .policy
            .actions
            .iter()
            .map(|a| Permission::parse(a))
            .collect::<Result<PermissionSet, _>>()?;
        let resources = wire
            .policy
            .resources
            .iter()
            .map(|r| Drn::parse(r))
            .collect::<Result<Vec<_>, _>>()?;
        Role::new(
            wire.id,
            wire.name,
            Policy {
                description: wire.policy.description,
                actions,
                resources,
            },
        )
    }
}

/// The wire shape for writing, borrowing the role: a listing writes many roles, and copying each
/// of their strings first cost as much as writing them.
#[derive(Serialize)]
struct RoleOut<'a> {
    #[serde(rename = "ID")]
    id: &'a str,
    #[serde(rename = "Name")]
    name: &'a str,
    #[serde(rename = "Policy")]
    policy: PolicyOut<'a>,
}

#[derive(Serialize)]
struct PolicyOut<'a> {
    description: &'a str,
    #[serde(serialize_with = "displayed")]
    resources: &'a [Drn],
    #[serde(serialize_with = "api_names")]
    actions: PermissionSet,
    effect: &'static str,
}

fn displayed<S: serde::Serializer>(resources: &&[Drn], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(resources.iter().map(Displayed))
}

fn api_names<S: serde::Serializer>(
    actions: &PermissionSet,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(actions.iter().map(Permission::api))
}

/// A value written as the text `Display` gives it, without an owned copy.
struct Displayed<'a, T>(&'a T);

impl<T: fmt::Display> Serialize for Displayed<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RoleOut {
            id: &self.id,
            name: &self.name,
            policy: PolicyOut {
                description: &self.policy.description,
                resources: &self.policy.resources,
                actions: self.policy.actions,
                effect: "allow",
            },
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Role, D::Error> {
        let wire = RoleWire::deserialize(deserializer)?;
        Role::try_from(wire).map_err(serde::de::Error::custom)
    }
}

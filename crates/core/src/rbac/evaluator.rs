//! The RBAC evaluator: may a principal with these roles do this action on this resource, and why.
//!
//! A principal (a user or an application token: the same rules) is its roles. A role allows an
//! action on a resource when the action is among its permissions and one of its resource
//! patterns matches the resource (seed 004: "Scopes restrict all permissions for the role"). There
//! are only allow policies, so a principal may do what any one of its roles allows.
//!
//! Enterprise and organization roles are separate worlds (seed 000, "Enterprise RBAC is not a
//! global RBAC tool"): a resource is either an organization's (`drn:astra:org:...`) or the
//! enterprise's (`drn:astra:ent:...`), and only roles of that realm can allow anything on it.

use std::borrow::Borrow;
use std::fmt;
use std::sync::OnceLock;

use super::drn::{Drn, DrnKind};
use super::permission::{Permission, Scopable};
use super::permission_set::PermissionSet;
use super::policy::{is_enterprise_view, Role};
use super::role::Realm;

/// Whether asking about `permission` on a resource of `kind` makes sense: an organization-wide
/// permission is checked on the organization, a table permission on a table (or on the keyspace
/// or database that holds it), and so on, by each permission's scopable level.
pub fn applies_to(permission: Permission, kind: DrnKind) -> bool {
    use Scopable as S;
    let scope = permission.info().scope;
    match kind {
        DrnKind::Organization => matches!(scope, S::Organization | S::Database),
        DrnKind::Database => matches!(scope, S::Database | S::Keyspace | S::Table),
        DrnKind::Keyspace => matches!(scope, S::Keyspace | S::Table),
        DrnKind::Table => scope == S::Table,
        DrnKind::Stream | DrnKind::Role => scope == S::Organization,
        DrnKind::Enterprise => matches!(scope, S::Enterprise | S::EnterpriseOrganization),
        DrnKind::EnterpriseOrganization => {
            scope == S::EnterpriseOrganization || is_enterprise_view(permission)
        }
    }
}

/// The permissions that apply to resources of `kind`, computed once.
pub fn applicable(kind: DrnKind) -> PermissionSet {
    static MASKS: OnceLock<[PermissionSet; 8]> = OnceLock::new();
    let masks =
        MASKS.get_or_init(|| DrnKind::ALL.map(|k| PermissionSet::filtered(|p| applies_to(p, k))));
    // `DrnKind::ALL` lists the kinds in declaration order, so a kind is its own index.
    masks[kind as usize]
}

/// A question the evaluator cannot answer: the permission is never checked on such a resource.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotApplicable {
    pub permission: Permission,
    pub resource: Drn,
}

impl fmt::Display for NotApplicable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<&str> = DrnKind::ALL
            .iter()
            .filter(|k| applies_to(self.permission, **k))
            .map(|k| k.article_name())
            .collect();
        write!(
            f,
            "{} applies to {}, not to {} ({})",
            self.permission,
            kinds.join(" or "),
            self.resource.kind().article_name(),
            self.resource
        )
    }
}

impl std::error::Error for NotApplicable {}

fn check(permission: Permission, resource: &Drn) -> Result<(), NotApplicable> {
    if applies_to(permission, resource.kind()) {
        Ok(())
    } else {
        Err(NotApplicable {
            permission,
            resource: resource.clone(),
        })
    }
}

/// The fast path of a decision: the first role that allows it, without allocating.
pub(crate) fn allowing_role<'r, R: Borrow<Role>>(
    roles: &'r [R],
    action: Permission,
    resource: &Drn,
) -> Option<&'r Role> {
    roles.iter().map(Borrow::borrow).find(|role| {
        role.policy.actions.contains(action)
            && role.policy.resources.iter().any(|p| p.matches(resource))
    })
}

/// Allow or deny, without reasons.
pub fn decide<R: Borrow<Role>>(
    roles: &[R],
    action: Permission,
    resource: &Drn,
) -> Result<bool, NotApplicable> {
    check(action, resource)?;
    Ok(allowing_role(roles, action, resource).is_some())
}

/// Allow or deny, with every reason: on allow, each (role, permission, pattern) that grants it;
/// on deny, why each role does not.
pub fn explain<R: Borrow<Role>>(
    roles: &[R],
    action: Permission,
    resource: &Drn,
) -> Result<Decision, NotApplicable> {
    check(action, resource)?;
    let realm = if resource.kind().is_enterprise() {
        Realm::Enterprise
    } else {
        Realm::Organization
    };
    let mut granted = Vec::new();
    let mut refused = Vec::new();
    for role in roles.iter().map(Borrow::borrow) {
        let who = RoleRef::of(role);
        if role.realm() != realm {
            refused.push(Reason::OtherRealm {
                role: who,
                realm: role.realm(),
            });
        } else if !role.policy.actions.contains(action) {
            refused.push(Reason::Lacks {
                role: who,
                permission: action,
            });
        } else {
            match role.policy.resources.iter().find(|p| p.matches(resource)) {
                Some(pattern) => granted.push(Reason::Grants {
                    role: who,
                    permission: action,
                    pattern: pattern.clone(),
                }),
                None => refused.push(Reason::OutOfScope {
                    role: who,
                    permission: action,
                    resource: resource.clone(),
                    scope: role.policy.resources.clone(),
                }),
            }
        }
    }
    let allowed = !granted.is_empty();
    let reasons = match (allowed, refused.is_empty()) {
        (true, _) => granted,
        (false, true) => vec![Reason::NoRoles],
        (false, false) => refused,
    };
    Ok(Decision { allowed, reasons })
}

/// Every permission the roles allow on the resource (of those that apply to it).
pub fn permissions_on<R: Borrow<Role>>(roles: &[R], resource: &Drn) -> PermissionSet {
    let mut allowed = PermissionSet::EMPTY;
    for role in roles.iter().map(Borrow::borrow) {
        if role.policy.resources.iter().any(|p| p.matches(resource)) {
            allowed = allowed.union(role.policy.actions);
        }
    }
    allowed.intersection(applicable(resource.kind()))
}

/// Which principals may do the action on the resource, in the order given.
pub fn who_can<'p, P, R>(
    principals: &'p [P],
    roles_of: impl Fn(&P) -> &[R],
    action: Permission,
    resource: &Drn,
) -> Result<Vec<&'p P>, NotApplicable>
where
    R: Borrow<Role>,
{
    check(action, resource)?;
    Ok(principals
        .iter()
        .filter(|p| allowing_role(roles_of(p), action, resource).is_some())
        .collect())
}

/// The effective permissions of many principals over many resources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    pub resources: usize,
    /// Row by principal, a cell per resource.
    pub cells: Vec<PermissionSet>,
}

impl Matrix {
    pub fn cell(&self, principal: usize, resource: usize) -> PermissionSet {
        self.cells[principal * self.resources + resource]
    }
}

pub fn matrix<P, R: Borrow<Role>>(
    principals: &[P],
    roles_of: impl Fn(&P) -> &[R],
    resources: &[Drn],
) -> Matrix {
    let mut cells = Vec::with_capacity(principals.len() * resources.len());
    for principal in principals {
        let roles = roles_of(principal);
        cells.extend(resources.iter().map(|r| permissions_on(roles, r)));
    }
    Matrix {
        resources: resources.len(),
        cells,
    }
}

/// A decision and its reasons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub reasons: Vec<Reason>,
}

/// The role a reason is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRef {
    pub id: String,
    pub name: String,
}

impl RoleRef {
    fn of(role: &Role) -> RoleRef {
        RoleRef {
            id: role.id.clone(),
            name: role.name.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The role has the permission and a resource pattern that matches.
    Grants {
        role: RoleRef,
        permission: Permission,
        pattern: Drn,
    },
    /// The role does not have the permission.
    Lacks {
        role: RoleRef,
        permission: Permission,
    },
    /// The role has the permission, but none of its resources matches.
    OutOfScope {
        role: RoleRef,
        permission: Permission,
        resource: Drn,
        scope: Vec<Drn>,
    },
    /// An enterprise role asked about an organization's resource, or the reverse.
    OtherRealm { role: RoleRef, realm: Realm },
    /// The principal has no roles at all.
    NoRoles,
}

impl Reason {
    /// A short machine-readable name for JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Grants { .. } => "grants",
            Reason::Lacks { .. } => "lacks-permission",
            Reason::OutOfScope { .. } => "out-of-scope",
            Reason::OtherRealm { .. } => "other-realm",
            Reason::NoRoles => "no-roles",
        }
    }

    pub fn role(&self) -> Option<&RoleRef> {
        match self {
            Reason::Grants { role, .. }
            | Reason::Lacks { role, .. }
            | Reason::OutOfScope { role, .. }
            | Reason::OtherRealm { role, .. } => Some(role),
            Reason::NoRoles => None,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Grants {
                role,
                permission,
                pattern,
            } => write!(f, "{} grants {permission} on {pattern}", role.name),
            Reason::Lacks { role, permission } => write!(f, "{} lacks {permission}", role.name),
            Reason::OutOfScope {
                role,
                permission,
                resource,
                scope,
            } => {
                let scope: Vec<String> = scope.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "{} has {permission}, but its scope ({}) does not include {resource}",
                    role.name,
                    scope.join(", ")
                )
            }
            Reason::OtherRealm { role, realm } => match realm {
                Realm::Enterprise => write!(
                    f,
                    "{} is an enterprise role: enterprise roles never grant permissions inside \
                     an organization",
                    role.name
                ),
                Realm::Organization => write!(
                    f,
                    "{} is an organization role: it grants nothing at the enterprise level",
                    role.name
                ),
            },
            Reason::NoRoles => f.write_str("no roles: a principal without roles may do nothing"),
        }
    }
}

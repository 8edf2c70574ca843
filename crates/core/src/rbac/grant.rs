//! Nobody grants more than they hold: the rule Kubernetes RBAC enforces against escalation. A
//! principal may grant a role (to a token, to a user or an invitation, or as the definition of a
//! custom role) only if its own roles allow every permission of that role on every resource the
//! role covers. Taking away is bounded the same way: revoking a token, removing a user or changing
//! what they hold is for a principal that could have granted it.

use std::borrow::Borrow;
use std::fmt;

use super::drn::{Drn, DrnKind};
use super::evaluator::{allowing_role, applicable};
use super::permission::Permission;
use super::policy::{is_enterprise_view, Role};

/// A permission on a resource (pattern) that a grant would give and the granter does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ungranted {
    pub permission: Permission,
    pub resource: Drn,
}

impl fmt::Display for Ungranted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}", self.permission.api(), self.resource)
    }
}

/// What the `granted` roles give beyond what the `granter`'s roles hold, in the order the roles
/// list it; empty when the grant is within the granter's own. A role's permission counts on each
/// of its resources it applies to: a table permission on its table patterns, an organization
/// permission on the organization. Holding a pattern covers what it matches, so `db:*` covers
/// `db:orders` but not the reverse.
pub fn beyond<G: Borrow<Role>, R: Borrow<Role>>(granter: &[G], granted: &[R]) -> Vec<Ungranted> {
    let mut missing: Vec<Ungranted> = Vec::new();
    for role in granted.iter().map(Borrow::borrow) {
        for resource in &role.policy.resources {
            let resource = checked_on(resource);
            let actions = role
                .policy
                .actions
                .intersection(applicable(resource.kind()));
            for permission in actions.iter() {
                let lacking = Ungranted {
                    permission,
                    resource: resource.clone(),
                };
                if !holds(granter, permission, &resource) && !missing.contains(&lacking) {
                    missing.push(lacking);
                }
            }
        }
    }
    missing
}

/// Whether the granter's roles allow the permission on the resource. The enterprise's view of an
/// organization's users (org-user-read in an enterprise role, seed 000 "Manage enterprise roles")
/// is in no default role's list, and the Enterprise Administrator, who "can view" every user,
/// must be able to hand it out: reading the enterprise's users (ent-user-read) in a role whose
/// scope has the organization holds it too.
pub fn holds<G: Borrow<Role>>(granter: &[G], permission: Permission, resource: &Drn) -> bool {
    if allowing_role(granter, permission, resource).is_some() {
        return true;
    }
    is_enterprise_view(permission)
        && resource.kind() == DrnKind::EnterpriseOrganization
        && granter.iter().map(Borrow::borrow).any(|role| {
            role.policy
                .actions
                .iter()
                .any(|p| p.api() == "ent-user-read")
                && role.policy.resources.iter().any(|p| p.matches(resource))
        })
}

/// Where a pattern's permissions are held: a stream's or a role's DRN (Roles.json's forms) lies
/// in its organization, whose organization permissions it takes; anything else is itself.
fn checked_on(resource: &Drn) -> Drn {
    match resource.kind() {
        DrnKind::Stream | DrnKind::Role => match resource.root_id().id() {
            Some(org) => Drn::organization(org),
            None => resource.clone(),
        },
        _ => resource.clone(),
    }
}

/// The lacking permissions in a phrase, by resource ("org-user-write, org-role-write on
/// drn:astra:org:..."), the first few of a long list and how many more.
pub fn describe(missing: &[Ungranted]) -> String {
    const SHOWN: usize = 8;
    let mut groups: Vec<(&Drn, Vec<&str>)> = Vec::new();
    for lacking in missing.iter().take(SHOWN) {
        let api = lacking.permission.api();
        match groups
            .iter_mut()
            .find(|(resource, _)| **resource == lacking.resource)
        {
            Some((_, permissions)) => permissions.push(api),
            None => groups.push((&lacking.resource, vec![api])),
        }
    }
    let mut text: Vec<String> = groups
        .iter()
        .map(|(resource, permissions)| format!("{} on {resource}", permissions.join(", ")))
        .collect();
    if missing.len() > SHOWN {
        text.push(format!("and {} more", missing.len() - SHOWN));
    }
    text.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rbac::{DefaultRole, PermissionSet, Policy};

    fn role(actions: &[&str], resources: &[&str]) -> Role {
        Role::new(
            "custom",
            "custom",
            Policy {
                description: String::new(),
                actions: actions
                    .iter()
                    .map(|a| Permission::parse(a).unwrap())
                    .collect::<PermissionSet>(),
                resources: resources.iter().map(|r| Drn::parse(r).unwrap()).collect(),
            },
        )
        .unwrap()
    }

    fn default(name: &str) -> Role {
        Role::from_default(DefaultRole::find(name).unwrap(), "o1")
    }

    #[test]
    fn the_organization_administrator_grants_every_organization_role() {
        let admin = [default("Organization Administrator")];
        for role in crate::rbac::DEFAULT_ROLES
            .iter()
            .filter(|d| d.realm == crate::rbac::Realm::Organization)
        {
            let granted = Role::from_default(role, "o1");
            assert_eq!(beyond(&admin, &[granted]), [], "{}", role.name);
        }
        let scoped = role(
            &["db-table-select", "org-stream-manage"],
            &[
                "drn:astra:org:o1",
                "drn:astra:org:o1:db:d1:keyspace:shop:table:*",
                "drn:astra:org:o1:stream:s1",
            ],
        );
        assert_eq!(beyond(&admin, &[scoped]), []);
    }

    #[test]
    fn a_permission_not_held_or_held_narrower_is_named_with_its_resource() {
        let holder = [role(
            &["org-token-write", "db-table-select"],
            &[
                "drn:astra:org:o1",
                "drn:astra:org:o1:db:d1:keyspace:*:table:*",
            ],
        )];
        let granted = role(
            &["org-token-write", "org-user-write", "db-table-select"],
            &[
                "drn:astra:org:o1",
                "drn:astra:org:o1:db:*:keyspace:*:table:*",
            ],
        );
        let missing: Vec<String> = beyond(&holder, &[granted])
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            missing,
            [
                "org-user-write on drn:astra:org:o1",
                "db-table-select on drn:astra:org:o1:db:*:keyspace:*:table:*"
            ]
        );
        let narrower = role(
            &["db-table-select"],
            &["drn:astra:org:o1:db:d1:keyspace:shop:table:orders"],
        );
        assert_eq!(beyond(&holder, &[narrower]), []);
    }

    #[test]
    fn another_organizations_roles_grant_nothing_here() {
        let elsewhere = [Role::from_default(
            DefaultRole::find("Organization Administrator").unwrap(),
            "o2",
        )];
        assert!(!beyond(&elsewhere, &[default("Read Only User")]).is_empty());
    }

    #[test]
    fn a_long_list_is_cut_with_a_count() {
        let missing = beyond::<Role, _>(&[], &[default("Organization Administrator")]);
        let text = describe(&missing);
        assert!(
            text.ends_with(&format!("; and {} more", missing.len() - 8)),
            "{text}"
        );
        assert_eq!(text.matches(" on drn:astra:org:o1").count(), 1, "{text}");
    }
}

//! Tokens whose roles grant far more than a token needs (the Access page): a token is a
//! service's credential, so managing the organization's people, roles or credentials is rarely
//! its job, and it is what a leaked token would be abused for.

use super::evaluator::permissions_on;
use super::{DefaultRole, Drn, Permission, Role};

/// The permissions no token should need across the whole organization.
pub const OVERREACHING: [&str; 3] = ["org-user-write", "org-role-write", "org-token-write"];

/// Why a token with these roles in organization `org` is flagged; empty when it is not.
pub fn overbroad_reasons(roles: &[Role], org: &str) -> Vec<String> {
    let mut why = Vec::new();
    if let Some(admin) = DefaultRole::find("Organization Administrator") {
        if roles.iter().any(|r| r.id == admin.id) {
            why.push("holds Organization Administrator, which grants every permission".to_owned());
        }
    }
    let allowed = permissions_on(roles, &Drn::organization(org));
    let grants: Vec<String> = OVERREACHING
        .iter()
        .filter_map(|api| Permission::parse(api).ok())
        .filter(|p| allowed.contains(*p))
        .map(|p| p.to_string())
        .collect();
    if !grants.is_empty() {
        why.push(format!(
            "its roles grant {}: it can manage the organization's users, roles or tokens",
            grants.join(", ")
        ));
    }
    why
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str) -> Role {
        Role::from_default(DefaultRole::find(name).unwrap(), "o")
    }

    #[test]
    fn organization_administrator_and_management_permissions_are_flagged() {
        let why = overbroad_reasons(&[role("Organization Administrator")], "o");
        assert_eq!(why.len(), 2, "{why:?}");
        assert!(why[0].contains("Organization Administrator"));
        assert!(why[1].contains("org-token-write"));
        assert!(overbroad_reasons(&[role("Read/Write Service Account")], "o").is_empty());
    }
}

//! "Which role should I assign a user?" against seed 001: the table of access methods and the
//! roles it recommends, copied from the seed's text, not generated from the code.

use portal_core::rbac::{DefaultRole, Realm, ACCESS_METHODS};

/// seed 001, "Which role should I assign a user?" / "Database Access Method Roles", as the seed
/// lays it out: a method's name, then its roles as bullets.
const SEED_001_ACCESS_METHOD_ROLES: &str = "\
Astra User Interface access
  • Organization Administrator
  • Database Administrator
  • Billing Administrator
  • UI View Only
  • Developer Administrator
  • Developer Read/Write
  • Developer Read Only
  • Administrator Service Account
  • Read/Write Service Account
  • Read Only Service Account
GraphQL, REST, and Document API access based on database access permissions
  • Organization Administrator
  • Database Administrator
  • Billing Administrator
  • UI View Only
  • Administrator User
  • Read/Write User
  • Read Only User
  • Administrator Service Account
  • Read/Write Service Account
  • Read Only Service Account
  • API Administrator User
  • API Read/Write User
  • API Read Only User
  • API Administrator Service Account
  • API Read/Write Service Account
  • API Read Only Service Account
Data Loader access based on database access permissions
  • Administrator User
  • Read/Write User
  • Read Only User
  • Administrator Service Account
  • Read/Write Service Account
  • Read Only Service Account
dsbulk access based on database access permissions
  • Read/Write Service Account
  • Read Only Service Account
DevOps API access based on database access permissions
  • Organization Administrator
  • Database Administrator
Drivers based on database access permissions
  • Administrator User
  • Read/Write User
  • Read Only User
  • Administrator Service Account
  • Read/Write Service Account
  • Read Only Service Account
Manage access list for IP addresses and CIDR
  • Organization Administrator
  • Database Administrator
";

/// The seed's table as (method, roles).
fn seed_table() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut table: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in SEED_001_ACCESS_METHOD_ROLES.lines() {
        match line.trim().strip_prefix("• ") {
            Some(role) => table.last_mut().expect("a method first").1.push(role),
            None => table.push((line, Vec::new())),
        }
    }
    table
}

#[test]
fn seed_001_database_access_method_roles() {
    let code: Vec<(&str, Vec<&str>)> = ACCESS_METHODS
        .iter()
        .map(|method| (method.name, method.roles.to_vec()))
        .collect();
    assert_eq!(code, seed_table());
}

/// Every role the table names is an organization default role, except the three "Developer"
/// roles, which no role table of the seeds defines.
#[test]
fn seed_001_recommended_roles_are_default_roles() {
    let mut unknown: Vec<&str> = Vec::new();
    for (_, roles) in seed_table() {
        for name in roles {
            match DefaultRole::find(name) {
                Some(role) => {
                    assert_eq!(role.name, name, "{name} is found by its own name");
                    assert_eq!(role.realm, Realm::Organization, "{name}");
                }
                None if !unknown.contains(&name) => unknown.push(name),
                None => {}
            }
        }
    }
    assert_eq!(
        unknown,
        [
            "Developer Administrator",
            "Developer Read/Write",
            "Developer Read Only"
        ]
    );
    for method in &ACCESS_METHODS {
        let resolved: Vec<&str> = method.default_roles().map(|r| r.name).collect();
        let named: Vec<&str> = method
            .roles
            .iter()
            .copied()
            .filter(|name| !unknown.contains(name))
            .collect();
        assert_eq!(resolved, named, "{}", method.name);
    }
}

/// seed 001, "Create custom role", step 6.
#[test]
fn seed_001_custom_roles_see_the_ui_with_read_user_and_view_db() {
    assert_eq!(
        portal_core::rbac::advisor::SEE_THE_UI,
        "If you want users with this role to be able to see the Astra DB user interface, make \
         sure you select Read User and View DB permissions."
    );
}

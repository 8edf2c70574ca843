//! Listing the roles: the default ones, then the custom ones.

use super::{create_org_role, ROLES};
use crate::support::{keys, World};
use portal_core::rbac::{Realm, DEFAULT_ROLES};

/// seed 004, "Default roles": "Astra DB provides built-in default roles that you can assign to
/// users and application tokens"; "View roles": custom roles are listed too. The organization's
/// roles: its 16 default roles, then its custom roles, with the real API's key spellings.
#[test]
fn an_organization_lists_its_default_roles_then_its_custom_roles() {
    let mut world = World::new();
    let admin = world.admin();
    let custom = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);

    let body = world.get(200, &admin, ROLES);
    let roles = body.as_array().unwrap();
    let defaults: Vec<&str> = DEFAULT_ROLES
        .iter()
        .filter(|d| d.realm == Realm::Organization)
        .map(|d| d.id)
        .collect();
    assert_eq!(defaults.len(), 16);
    let ids: Vec<&str> = roles.iter().map(|r| r["ID"].as_str().unwrap()).collect();
    assert_eq!(ids[..16], defaults[..]);
    assert_eq!(ids[16..], [custom.as_str()]);

    let default = &roles[0];
    assert_eq!(keys(default), ["ID", "Name", "Policy"]);
    assert_eq!(default["Name"], "Organization Administrator");
    assert_eq!(
        keys(&default["Policy"]),
        ["actions", "description", "effect", "resources"]
    );
    assert_eq!(
        default["Policy"]["resources"][0],
        format!("drn:astra:org:{}", world.org())
    );
    let custom = &roles[16];
    assert_eq!(
        keys(custom),
        [
            "ID",
            "Name",
            "Policy",
            "last_update_datetime",
            "last_update_userid"
        ]
    );
    assert_eq!(custom["last_update_datetime"], "2025-06-01T12:00:00Z");
    assert_eq!(custom["last_update_userid"], world.boot.user_id);
}

/// seed 000, "Create enterprise tokens": "To get enterprise role IDs, use GET
/// /v2/organizations/roles. The roles returned by this request depend on the scope of the
/// provided application token. To retrieve enterprise roles, your application token must have the
/// Enterprise Administrator role."
#[test]
fn an_enterprise_token_lists_the_enterprise_roles() {
    let mut world = World::new();
    let enterprise = world.token(&world.boot.enterprise_token.token.clone());
    let body = world.get(200, &enterprise, ROLES);
    let names: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Enterprise Administrator",
            "Enterprise Billing Administrator",
            "Enterprise Organization Administrator"
        ]
    );
    assert_eq!(
        body[0]["Policy"]["resources"][0],
        format!("drn:astra:ent:{}", world.state.enterprise.id)
    );

    let organization = world.token(&world.boot.organization_token.token.clone());
    let body = world.get(200, &organization, ROLES);
    assert_eq!(body.as_array().unwrap().len(), 16);
}

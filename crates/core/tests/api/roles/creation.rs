//! Creating a custom role: who may, and the name, permissions, policy and resources it takes.

use super::{create_org_role, member, org_role, org_scope, ROLES};
use crate::support::{
    assert_mentions, assert_refusal, codes::*, default_id, error_id, error_message, World,
};
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::{json, Value};
use Method::{Delete, Post, Put};

/// seed 004, "Custom roles": "To manage custom roles, you must have a role with the Read Custom
/// Role, Write Custom Role, and Delete Custom Role permissions, such as the Organization
/// Administrator role."
#[test]
fn managing_roles_needs_the_custom_role_permissions() {
    let mut world = World::new();
    let scope = org_scope(&world);
    let reader = member(
        &mut world,
        "ro@acme.test",
        &scope,
        &[default_id("Read Only User")],
    );
    let admin = world.admin();
    let id = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);

    let refused = world.get(403, &reader, ROLES);
    assert_refusal(&refused, FORBIDDEN, "org-role-read");
    let body = org_role(&world, "Readers", &["org-read"]);
    let refused = world.expect(403, &reader, Post, ROLES, body.clone());
    assert_mentions(&refused, "org-role-write");
    let refused = world.expect(403, &reader, Put, &format!("{ROLES}/{id}"), body);
    assert_mentions(&refused, "org-role-write");

    // Write Custom Role alone does not delete: that is Delete Custom Role.
    let writer_role = create_org_role(
        &mut world,
        &admin,
        "Role Writers",
        &["org-role-read", "org-role-write"],
    );
    let writer = member(&mut world, "rw@acme.test", &scope, &[&writer_role]);
    world.get(200, &writer, &format!("{ROLES}/{id}"));
    let refused = world.bodiless(403, &writer, Delete, &format!("{ROLES}/{id}"));
    assert_mentions(&refused, "org-role-delete");
    assert!(world.state.roles.contains_key(&id));
}

/// seed 004, "Create a custom role": "Enter a name for the role. Select permissions to grant to
/// the role. [...] define the role's resource scope." The role is stored with who made it and
/// when, and audited.
#[test]
fn a_custom_role_is_created_with_its_policy_and_audited() {
    let mut world = World::new();
    let admin = world.admin();
    let body = org_role(&world, "  Auditors  ", &["org-audits-read", "org-read"]);
    let role = world.expect(201, &admin, Post, ROLES, body);
    let id = role["ID"].as_str().unwrap();
    assert_eq!(id.len(), 36);
    assert_eq!(role["Name"], "Auditors");
    assert_eq!(
        role["Policy"]["actions"],
        json!(["org-audits-read", "org-read"])
    );
    assert_eq!(role["Policy"]["effect"], "allow");
    assert_eq!(role["Policy"]["description"], "Auditors   role", "trimmed");

    let stored = &world.state.roles[id];
    assert_eq!(stored.scope, Scope::Organization(world.org()));
    assert_eq!(stored.last_update_userid, world.boot.user_id);
    assert_eq!(stored.last_update_datetime, world.now);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "role.create");
    assert_eq!(entry.targets, [id]);

    let fetched = world.get(200, &admin, &format!("{ROLES}/{id}"));
    assert_eq!(fetched, role);
}

/// Real responses use PascalCase keys (Roles.json) and the spec lower case; both are accepted on
/// input, so that a client written to either is understood.
#[test]
fn a_role_body_may_use_the_real_apis_pascal_case_keys() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    let body = json!({
        "Name": "Viewers",
        "Policy": {
            "description": "view",
            "resources": [format!("drn:astra:org:{org}")],
            "actions": ["org-read"],
            "effect": "allow",
        }
    });
    let role = world.expect(201, &admin, Post, ROLES, body);
    assert_eq!(role["Name"], "Viewers");
    let request = json!({"name": "x", "policy": {}, "color": 1});
    let refused = world.expect(400, &admin, Post, ROLES, request);
    assert_eq!(error_id(&refused), INVALID_FIELD);
}

/// seed 004, "Create a custom role": "Enter a name for the role": a name is required, and
/// short.
#[test]
fn a_role_name_is_required_and_at_most_100_characters() {
    let mut world = World::new();
    let admin = world.admin();
    for name in ["", "   ", &"x".repeat(101)] {
        let body = org_role(&world, name, &["org-read"]);
        let refused = world.expect(400, &admin, Post, ROLES, body);
        assert_refusal(&refused, INVALID_FIELD, "'name'");
    }
    create_org_role(&mut world, &admin, &"x".repeat(100), &["org-read"]);
}

/// seed 004, "View roles": "Before creating custom roles, inspect your organization's existing
/// custom roles to avoid duplicating roles." A name is used once in a scope, letter case aside,
/// default roles (and their real API names) included.
#[test]
fn a_role_name_already_used_in_the_scope_is_a_conflict() {
    let mut world = World::new();
    let admin = world.admin();
    let auditors = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);
    for name in ["AUDITORS", "organization administrator", "Admin User"] {
        let body = org_role(&world, name, &["org-read"]);
        let refused = world.expect(409, &admin, Post, ROLES, body);
        assert_refusal(&refused, NAME_TAKEN, "choose another name");
    }
    let readers = create_org_role(&mut world, &admin, "Readers", &["org-read"]);
    let renamed = org_role(&world, "auditors", &["org-read"]);
    let refused = world.expect(409, &admin, Put, &format!("{ROLES}/{readers}"), renamed);
    assert_eq!(error_id(&refused), NAME_TAKEN);
    // A role keeps its own name, in any letter case.
    let same = org_role(&world, "AUDITORS", &["org-audits-read"]);
    world.expect(200, &admin, Put, &format!("{ROLES}/{auditors}"), same);

    // Names are per scope: an enterprise role may share an organization role's name.
    let enterprise = world.enterprise_admin();
    let ent = world.state.enterprise.id.clone();
    let body = json!({"name": "Auditors", "policy": {
        "resources": [format!("drn:astra:ent:{ent}")], "actions": ["ent-billing-read"], "effect": "allow"}});
    world.expect(201, &enterprise, Post, ROLES, body);
}

/// seed 004, "Custom roles" lists the permissions a role may have; an unknown one is refused with
/// the nearest real one, so that a typo is easy to fix.
#[test]
fn an_unknown_permission_is_refused_naming_the_nearest_one() {
    let mut world = World::new();
    let admin = world.admin();
    let refused = world.expect(
        400,
        &admin,
        Post,
        ROLES,
        org_role(&world, "Viewers", &["org-db-veiw"]),
    );
    assert_eq!(error_id(&refused), INVALID_FIELD);
    let message = error_message(&refused);
    assert!(
        message.contains("unknown permission 'org-db-veiw'"),
        "{message}"
    );
    assert!(message.contains("did you mean 'org-db-view'"), "{message}");
}

/// The spec's Policy: "effect [...] enum: [allow]", DRN resources and PolicyAction actions;
/// seed 000: "Enterprise roles are separate from organization roles."
#[test]
fn a_bad_policy_is_refused_with_the_reason() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    let mut policy = |resources: Value, actions: Value, effect: &str| {
        let body = json!({"name": "Bad", "policy": {
            "description": "", "resources": resources, "actions": actions, "effect": effect}});
        let refused = world.expect(400, &admin, Post, ROLES, body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
        error_message(&refused)
    };
    let here = json!([format!("drn:astra:org:{org}")]);
    let read = json!(["org-read"]);
    assert!(
        policy(json!(["drn:astra:org:my org"]), read.clone(), "allow").contains("malformed DRN")
    );
    assert!(policy(here.clone(), json!([]), "allow").contains("no actions"));
    assert!(policy(json!([]), read.clone(), "allow").contains("no resources"));
    assert!(policy(here.clone(), read.clone(), "deny").contains("only effect is 'allow'"));
    assert!(
        policy(here.clone(), json!(["ent-token-write"]), "allow").contains("enterprise permission")
    );
    assert!(policy(here, json!("org-read"), "allow").contains("'policy'"));
    assert!(world.state.roles.is_empty());
}

/// seed 004, "Custom roles": "You can edit any custom roles in your organization": an
/// organization's role names only that organization's resources; an enterprise role names the
/// enterprise and its organizations (seed 000: "the resource scope determines the organizations
/// that the role can view at the enterprise level").
#[test]
fn a_roles_resources_must_belong_to_its_scope() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    let body = |resource: String| {
        json!({"name": "Elsewhere", "policy": {
            "description": "", "resources": [resource], "actions": ["org-read"], "effect": "allow"}})
    };
    for resource in [
        "drn:astra:org:another-org".to_owned(),
        "drn:astra:org:*".to_owned(),
    ] {
        let refused = world.expect(400, &admin, Post, ROLES, body(resource));
        assert_refusal(&refused, INVALID_FIELD, &format!("drn:astra:org:{org}"));
    }

    let enterprise = world.enterprise_admin();
    let ent = world.state.enterprise.id.clone();
    let second_id = world.second_organization();
    let ent_body = |resources: Vec<String>| {
        json!({"name": "Billing Watchers", "policy": {
            "description": "", "resources": resources, "actions": ["ent-billing-read"], "effect": "allow"}})
    };
    for body in [
        ent_body(vec!["drn:astra:ent:other:org:*".to_owned()]),
        ent_body(vec![
            format!("drn:astra:ent:{ent}"),
            format!("drn:astra:ent:{ent}:org:not-ours"),
        ]),
        org_role(&world, "An organization's role", &["org-read"]),
    ] {
        let refused = world.expect(400, &enterprise, Post, ROLES, body);
        assert_mentions(&refused, &format!("drn:astra:ent:{ent}"));
    }
    let role = world.expect(
        201,
        &enterprise,
        Post,
        ROLES,
        ent_body(vec![
            format!("drn:astra:ent:{ent}"),
            format!("drn:astra:ent:{ent}:org:{second_id}"),
        ]),
    );
    let id = role["ID"].as_str().unwrap();
    assert_eq!(world.state.roles[id].scope, Scope::Enterprise);
    // Enterprise roles are the enterprise's alone.
    world.get(404, &admin, &format!("{ROLES}/{id}"));
}

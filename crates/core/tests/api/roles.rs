//! The roles endpoints, `/v2/organizations/roles...`, for an organization actor (the
//! organization's roles) and an enterprise actor (the enterprise's roles).

use crate::support::{codes::*, default_id, error_id, error_message, keys, World};
use portal_core::api::{Actor, Method};
use portal_core::model::bootstrap::enterprise_organization;
use portal_core::model::{check_invariants, MemberStatus, Membership, Scope, User};
use portal_core::rbac::{Realm, DEFAULT_ROLES};
use serde_json::{json, Value};

use Method::{Delete, Get, Post, Put};

const ROLES: &str = "/v2/organizations/roles";

fn org_scope(world: &World) -> Scope {
    Scope::Organization(world.org())
}

/// A CreateRoleRequest for the first organization, on all its databases.
fn org_role(world: &World, name: &str, actions: &[&str]) -> Value {
    let org = world.org();
    json!({
        "name": name,
        "policy": {
            "description": format!("{name} role"),
            "resources": [format!("drn:astra:org:{org}"), format!("drn:astra:org:{org}:db:*")],
            "actions": actions,
            "effect": "allow",
        }
    })
}

/// Creates an organization role as `actor` and returns its ID.
fn create_org_role(world: &mut World, actor: &Actor, name: &str, actions: &[&str]) -> String {
    let body = org_role(world, name, actions);
    create(world, actor, body)
}

/// Creates a role as `actor` and returns its ID.
fn create(world: &mut World, actor: &Actor, body: Value) -> String {
    let role = world.expect(201, actor, Post, ROLES, body);
    role["ID"].as_str().unwrap().to_owned()
}

/// An active member with these roles, put straight into the state.
fn member(world: &mut World, email: &str, scope: &Scope, roles: &[&str]) -> Actor {
    let id = format!("user-{email}");
    let membership = Membership {
        status: MemberStatus::Active,
        roles: roles.iter().map(|r| r.to_string()).collect(),
    };
    let mut user = User {
        id: id.clone(),
        email: email.to_owned(),
        organizations: Default::default(),
        enterprise: None,
    };
    user.set_membership(scope, Some(membership));
    world.state.users.insert(id.clone(), user);
    world.user(&id, scope.clone())
}

/// The state keeps every rule of `model::invariants` (no role left dangling, unique names).
fn assert_sound(world: &World) {
    let problems = check_invariants(&world.state);
    assert!(problems.is_empty(), "{problems:?}");
}

fn audit_actions(world: &World) -> Vec<&str> {
    world
        .state
        .audit
        .values()
        .map(|a| a.action.as_str())
        .collect()
}

/// seed 004, "Default roles": "Astra DB provides built-in default roles that you can assign to
/// users and application tokens"; "View roles": custom roles are listed too. The organization's
/// roles: its 16 default roles, then its custom roles, with the real API's key spellings.
#[test]
fn an_organization_lists_its_default_roles_then_its_custom_roles() {
    let mut world = World::new();
    let admin = world.admin();
    let custom = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);

    let body = world.expect(200, &admin, Get, ROLES, Value::Null);
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
    let body = world.expect(200, &enterprise, Get, ROLES, Value::Null);
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
    let body = world.expect(200, &organization, Get, ROLES, Value::Null);
    assert_eq!(body.as_array().unwrap().len(), 16);
}

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

    let refused = world.expect(403, &reader, Get, ROLES, Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("org-role-read"),
        "{refused}"
    );
    let body = org_role(&world, "Readers", &["org-read"]);
    let refused = world.expect(403, &reader, Post, ROLES, body.clone());
    assert!(
        error_message(&refused).contains("org-role-write"),
        "{refused}"
    );
    let refused = world.expect(403, &reader, Put, &format!("{ROLES}/{id}"), body);
    assert!(
        error_message(&refused).contains("org-role-write"),
        "{refused}"
    );

    // Write Custom Role alone does not delete: that is Delete Custom Role.
    let writer_role = create_org_role(
        &mut world,
        &admin,
        "Role Writers",
        &["org-role-read", "org-role-write"],
    );
    let writer = member(&mut world, "rw@acme.test", &scope, &[&writer_role]);
    world.expect(200, &writer, Get, &format!("{ROLES}/{id}"), Value::Null);
    let refused = world.expect(403, &writer, Delete, &format!("{ROLES}/{id}"), Value::Null);
    assert!(
        error_message(&refused).contains("org-role-delete"),
        "{refused}"
    );
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

    let fetched = world.expect(200, &admin, Get, &format!("{ROLES}/{id}"), Value::Null);
    assert_eq!(fetched, role);
}

/// DESIGN "Wire contract": real responses use PascalCase keys, the spec lower case; both are
/// accepted on input.
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
    let refused = world.expect(
        400,
        &admin,
        Post,
        ROLES,
        json!({"name": "x", "policy": {}, "color": 1}),
    );
    assert_eq!(error_id(&refused), INVALID_FIELD);
}

/// seed 004, "Create a custom role": "Enter a name for the role": a name is required, and
/// short.
#[test]
fn a_role_name_is_required_and_at_most_100_characters() {
    let mut world = World::new();
    let admin = world.admin();
    for name in ["", "   ", &"x".repeat(101)] {
        let refused = world.expect(
            400,
            &admin,
            Post,
            ROLES,
            org_role(&world, name, &["org-read"]),
        );
        assert_eq!(error_id(&refused), INVALID_FIELD);
        assert!(error_message(&refused).contains("'name'"), "{refused}");
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
        let refused = world.expect(
            409,
            &admin,
            Post,
            ROLES,
            org_role(&world, name, &["org-read"]),
        );
        assert_eq!(error_id(&refused), NAME_TAKEN);
        assert!(
            error_message(&refused).contains("choose another name"),
            "{refused}"
        );
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
        assert_eq!(error_id(&refused), INVALID_FIELD);
        assert!(
            error_message(&refused).contains(&format!("drn:astra:org:{org}")),
            "{refused}"
        );
    }

    let enterprise = world.enterprise_admin();
    let ent = world.state.enterprise.id.clone();
    let second = enterprise_organization(
        &world.state,
        "Acme Ops",
        "ops@acme.test",
        world.now,
        &mut world.entropy,
    );
    let second_id = second.id.clone();
    world.state.organizations.insert(second_id.clone(), second);
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
        assert!(
            error_message(&refused).contains(&format!("drn:astra:ent:{ent}")),
            "{refused}"
        );
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
    world.expect(404, &admin, Get, &format!("{ROLES}/{id}"), Value::Null);
}

/// seed 004, "Default roles": "You can't edit or delete default roles."
#[test]
fn default_roles_are_never_edited_or_deleted() {
    let mut world = World::new();
    let admin = world.admin();
    let path = format!("{ROLES}/{}", default_id("Read Only User"));
    let fetched = world.expect(200, &admin, Get, &path, Value::Null);
    assert_eq!(fetched["Name"], "Read Only User");

    let refused = world.expect(
        400,
        &admin,
        Put,
        &path,
        org_role(&world, "Mine now", &["org-read"]),
    );
    assert_eq!(error_id(&refused), DEFAULT_ROLE);
    assert!(
        error_message(&refused).contains("default roles can't be edited or deleted"),
        "{refused}"
    );
    let refused = world.expect(400, &admin, Delete, &path, Value::Null);
    assert_eq!(error_id(&refused), DEFAULT_ROLE);

    let enterprise = world.enterprise_admin();
    let path = format!("{ROLES}/{}", default_id("Enterprise Administrator"));
    let refused = world.expect(400, &enterprise, Delete, &path, Value::Null);
    assert_eq!(error_id(&refused), DEFAULT_ROLE);
}

/// seed 004, "Edit a custom role": "Modify the role's name and permissions as necessary, and
/// then click Edit Role." The edit keeps the ID, records who made it and when, and is audited.
#[test]
fn a_custom_role_is_edited_in_place() {
    let mut world = World::new();
    let admin = world.admin();
    let id = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);
    world.now = "2025-06-02T08:30:00.5Z".parse().unwrap();
    let token = world.token(&world.boot.organization_token.token.clone());
    let body = org_role(
        &world,
        "Auditors and readers",
        &["org-audits-read", "org-read"],
    );
    let role = world.expect(200, &token, Put, &format!("{ROLES}/{id}"), body);
    assert_eq!(role["ID"], id.as_str());
    assert_eq!(role["Name"], "Auditors and readers");
    assert_eq!(role["last_update_datetime"], "2025-06-02T08:30:00.500Z");
    assert_eq!(
        role["last_update_userid"],
        world.boot.organization_token.client_id
    );
    assert_eq!(world.state.roles.len(), 1);
    assert_eq!(world.state.roles[&id].role.name, "Auditors and readers");
    assert_eq!(audit_actions(&world), ["role.create", "role.update"]);

    let refused = world.expect(
        400,
        &admin,
        Put,
        &format!("{ROLES}/{id}"),
        org_role(&world, "A", &["org-db-veiw"]),
    );
    assert!(error_message(&refused).contains("org-db-view"));
}

/// A role that isn't in the actor's scope is as good as absent: a 404.
#[test]
fn an_unknown_role_is_not_found() {
    let mut world = World::new();
    let admin = world.admin();
    let body = org_role(&world, "Ghost", &["org-read"]);
    for (method, body) in [(Get, Value::Null), (Put, body), (Delete, Value::Null)] {
        let refused = world.expect(404, &admin, method, &format!("{ROLES}/nope"), body);
        assert_eq!(error_id(&refused), NOT_FOUND);
    }
    // An enterprise default role is not an organization's.
    let path = format!("{ROLES}/{}", default_id("Enterprise Administrator"));
    world.expect(404, &admin, Get, &path, Value::Null);
}

/// seed 004, "Delete a custom role": "Deleting a custom role removes it from all users and
/// application tokens it is assigned to."
#[test]
fn deleting_a_custom_role_removes_it_from_users_and_tokens() {
    let mut world = World::new();
    let admin = world.admin();
    let scope = org_scope(&world);
    let id = create_org_role(&mut world, &admin, "Auditors", &["org-audits-read"]);
    let reader = default_id("Read Only User");
    let both = member(&mut world, "both@acme.test", &scope, &[reader, &id]);
    let only = member(&mut world, "only@acme.test", &scope, &[&id]);
    let other = member(&mut world, "other@acme.test", &scope, &[reader]);
    world
        .state
        .users
        .get_mut(only.user_id().unwrap())
        .unwrap()
        .set_membership(
            &scope,
            Some(Membership {
                status: MemberStatus::Invited,
                roles: vec![id.clone()],
            }),
        );
    let token = world.expect(
        200,
        &admin,
        Post,
        "/v2/tokens",
        json!({"roles": [reader, id]}),
    );
    let client_id = token["clientId"].as_str().unwrap().to_owned();
    let untouched_token = world.boot.organization_token.client_id.clone();
    let before_other = world.state.users[other.user_id().unwrap()].clone();

    world.expect(204, &admin, Delete, &format!("{ROLES}/{id}"), Value::Null);
    assert!(!world.state.roles.contains_key(&id));
    let roles_of = |actor: &Actor| {
        world.state.users[actor.user_id().unwrap()]
            .membership(&scope)
            .unwrap()
            .roles
            .clone()
    };
    assert_eq!(roles_of(&both), [reader]);
    assert!(roles_of(&only).is_empty());
    assert_eq!(world.state.users[other.user_id().unwrap()], before_other);
    assert_eq!(world.state.tokens[&client_id].roles, [reader]);
    assert_eq!(
        world.state.tokens[&untouched_token].roles,
        [default_id("Organization Administrator")]
    );

    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "role.delete");
    let mut targets = entry.targets.clone();
    targets.sort();
    let mut expected = vec![
        id.clone(),
        both.user_id().unwrap().to_owned(),
        only.user_id().unwrap().to_owned(),
        client_id,
    ];
    expected.sort();
    assert_eq!(targets, expected);
    world.expect(404, &admin, Get, &format!("{ROLES}/{id}"), Value::Null);
    assert_sound(&world);
}

/// seed 000, "Manage enterprise roles": "To delete a custom role, click More, and then select
/// Delete Role. The role is removed from all users and tokens that it was assigned to."
#[test]
fn deleting_an_enterprise_role_removes_it_from_enterprise_users_and_tokens() {
    let mut world = World::new();
    let enterprise = world.enterprise_admin();
    let ent = world.state.enterprise.id.clone();
    let body = json!({"name": "Billing Watchers", "policy": {
        "description": "", "resources": [format!("drn:astra:ent:{ent}")],
        "actions": ["ent-billing-read"], "effect": "allow"}});
    let id = create(&mut world, &enterprise, body);
    let watcher = member(&mut world, "watch@acme.test", &Scope::Enterprise, &[&id]);
    let token = world.expect(200, &enterprise, Post, "/v2/tokens", json!({"roles": [id]}));
    let client_id = token["clientId"].as_str().unwrap().to_owned();

    world.expect(
        204,
        &enterprise,
        Delete,
        &format!("{ROLES}/{id}"),
        Value::Null,
    );
    let user = &world.state.users[watcher.user_id().unwrap()];
    assert!(user.enterprise.as_ref().unwrap().roles.is_empty());
    assert!(world.state.tokens[&client_id].roles.is_empty());
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.scope, Scope::Enterprise);
    assert_eq!(entry.targets.len(), 3);
    assert_sound(&world);
}

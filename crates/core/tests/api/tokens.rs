//! The application token endpoints: `/v2/tokens` (and the legacy `/v2/clientIdSecrets`) for
//! organization and enterprise actors, and `/v2/databases/{databaseID}/tokens`.

use std::collections::BTreeMap;

use crate::support::{codes::*, default_id, error_id, error_message, keys, World};
use portal_core::api::{self, Actor, Method};
use portal_core::model::bootstrap::enterprise_organization;
use portal_core::model::{
    check_invariants, Database, MemberStatus, Membership, OrgType, Organization, Scope, User,
};
use portal_core::rbac::{DatabaseKeyspaces, DefaultRole, Keyspaces, ResourceScope, Role};
use serde_json::{json, Value};

use Method::{Delete, Get, Patch, Post, Put};

const TOKENS: &str = "/v2/tokens";

fn org_token(world: &World) -> Actor {
    world.token(&world.boot.organization_token.token)
}

fn enterprise_token(world: &World) -> Actor {
    world.token(&world.boot.enterprise_token.token)
}

/// An active member of the first organization with these roles, put straight into the state.
fn member(world: &mut World, email: &str, roles: &[&str]) -> Actor {
    let id = format!("user-{email}");
    let scope = Scope::Organization(world.org());
    let mut user = User {
        id: id.clone(),
        email: email.to_owned(),
        organizations: Default::default(),
        enterprise: None,
    };
    let membership = Membership {
        status: MemberStatus::Active,
        roles: roles.iter().map(|r| r.to_string()).collect(),
    };
    user.set_membership(&scope, Some(membership));
    world.state.users.insert(id.clone(), user);
    world.user(&id, scope)
}

/// A second organization of the enterprise.
fn second_organization(world: &mut World) -> String {
    let org = enterprise_organization(
        &world.state,
        "Acme Ops",
        "ops@acme.test",
        world.now,
        &mut world.entropy,
    );
    let id = org.id.clone();
    world.state.organizations.insert(id.clone(), org);
    id
}

/// Someone's standalone organization, outside the enterprise.
fn standalone_organization(world: &mut World) -> String {
    let id = "standalone-org".to_owned();
    let org = Organization {
        id: id.clone(),
        name: "Elsewhere".into(),
        email: "else@example.test".into(),
        org_type: OrgType::Standalone,
        default_of: None,
        description: String::new(),
        enterprise_id: None,
        organization_group_id: None,
        created_at: world.now,
        last_modified: world.now,
    };
    world.state.organizations.insert(id.clone(), org);
    id
}

fn database(world: &mut World, org: &str, id: &str, name: &str) {
    let db = Database {
        id: id.to_owned(),
        org_id: org.to_owned(),
        owner_id: world.boot.user_id.clone(),
        name: name.to_owned(),
        cloud_provider: "AWS".into(),
        region: "us-east-1".into(),
        keyspaces: BTreeMap::new(),
        created_at: world.now,
    };
    world.state.databases.insert(id.to_owned(), db);
}

fn generate(world: &mut World, actor: &Actor, body: Value) -> Value {
    world.expect(200, actor, Post, TOKENS, body)
}

fn client_id(token: &Value) -> String {
    token["clientId"].as_str().unwrap().to_owned()
}

/// DESIGN "Wire contract": "A token is `AstraCS:` + 24 ASCII letters (the clientId) + `:` + 64
/// lower-case hex, 97 characters." The response is CreateTokenResponse.json's, with the
/// description; the state keeps neither the secret nor the token.
#[test]
fn a_generated_token_has_the_97_character_form_and_is_shown_once() {
    let mut world = World::new();
    let admin = world.admin();
    let reader = default_id("Read Only User");
    let body = json!({"roles": [reader], "description": "Token for service A"});
    let token = generate(&mut world, &admin, body);
    assert_eq!(
        keys(&token),
        [
            "clientId",
            "description",
            "generatedOn",
            "orgId",
            "roles",
            "secret",
            "token"
        ]
    );
    let id = client_id(&token);
    let text = token["token"].as_str().unwrap();
    assert_eq!(text.len(), 97);
    assert!(text.starts_with(&format!("AstraCS:{id}:")), "{text}");
    assert_eq!(id.len(), 24);
    assert!(id.bytes().all(|b| b.is_ascii_alphabetic()));
    assert!(text[33..]
        .bytes()
        .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')));
    assert_eq!(token["orgId"], world.org());
    assert_eq!(token["roles"], json!([reader]));
    assert_eq!(token["generatedOn"], "2025-06-01T12:00:00Z");
    assert_eq!(token["description"], "Token for service A");

    let secret = token["secret"].as_str().unwrap();
    let stored = serde_json::to_string(&world.state).unwrap();
    assert!(!stored.contains(secret) && !stored.contains(&text[33..]));
    let record = &world.state.tokens[&id];
    assert_eq!(record.scope, Scope::Organization(world.org()));
    assert_eq!(record.generated_by, world.boot.user_id);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "token.generate");
    assert_eq!(entry.targets, [id]);
    assert!(
        entry.summary.contains("Read Only User"),
        "{}",
        entry.summary
    );
    let audit = serde_json::to_string(entry).unwrap();
    assert!(!audit.contains(secret) && !audit.contains(text));
}

/// seed 000, "Create enterprise tokens": "Copy the token and store it securely": it works at
/// once; "Revoke enterprise tokens": "rotate or revoke unused and potentially compromised tokens"
/// and a revoked token no longer authenticates.
#[test]
fn a_token_authenticates_until_it_is_revoked() {
    let mut world = World::new();
    let admin = world.admin();
    let token = generate(
        &mut world,
        &admin,
        json!({"roles": [default_id("Read Only User")]}),
    );
    let text = token["token"].as_str().unwrap();
    let actor = api::authenticate(&world.state, text).unwrap();
    assert_eq!(actor.scope, Scope::Organization(world.org()));
    assert_eq!(actor.id(), client_id(&token));

    // The spec's deleteTokenForClient: "200: The request completed successfully", no body.
    let revoked = world.call(
        &admin,
        Delete,
        &format!("{TOKENS}/{}", client_id(&token)),
        Value::Null,
    );
    assert_eq!(
        (revoked.status, &revoked.body),
        (200, &api::Body::Empty),
        "{}",
        revoked.body_text()
    );
    assert!(api::authenticate(&world.state, text).is_err());
    assert!(!world.state.tokens.contains_key(&client_id(&token)));
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "token.revoke");
    assert_eq!(entry.targets, [client_id(&token)]);

    let refused = world.expect(
        404,
        &admin,
        Delete,
        &format!("{TOKENS}/{}", client_id(&token)),
        Value::Null,
    );
    assert_eq!(error_id(&refused), NOT_FOUND);
}

/// seed 000, "Get a list of enterprise tokens": "The response includes the roles assigned to
/// each token, but the secret and token values are excluded", as `{"clients": [...]}`.
#[test]
fn listing_tokens_never_shows_a_secret_or_token() {
    let mut world = World::new();
    let admin = world.admin();
    let reader = default_id("Read Only User");
    world.now = "2025-06-03T00:00:00Z".parse().unwrap();
    let later = generate(
        &mut world,
        &admin,
        json!({"roles": [reader], "description": "later"}),
    );
    world.now = "2025-06-02T00:00:00Z".parse().unwrap();
    let earlier = generate(&mut world, &admin, json!({"roles": [reader]}));

    for path in [TOKENS, "/v2/clientIdSecrets"] {
        let body = world.expect(200, &admin, Get, path, Value::Null);
        assert_eq!(keys(&body), ["clients"]);
        let clients = body["clients"].as_array().unwrap();
        let ids: Vec<String> = clients.iter().map(client_id).collect();
        assert_eq!(
            ids,
            [
                world.boot.organization_token.client_id.clone(),
                client_id(&earlier),
                client_id(&later)
            ]
        );
        for client in clients {
            assert_eq!(
                keys(client),
                [
                    "clientId",
                    "description",
                    "generatedOn",
                    "roles",
                    "tokenExpiry"
                ]
            );
        }
        assert_eq!(clients[2]["description"], "later");
        assert_eq!(clients[2]["generatedOn"], "2025-06-03T00:00:00Z");
        let text = body.to_string();
        for token in [&earlier, &later] {
            assert!(!text.contains(token["secret"].as_str().unwrap()));
            assert!(!text.contains(token["token"].as_str().unwrap()));
        }
    }
    // The enterprise's tokens are listed at the enterprise level only.
    let enterprise = world.enterprise_admin();
    let body = world.expect(200, &enterprise, Get, TOKENS, Value::Null);
    assert_eq!(body["clients"].as_array().unwrap().len(), 1);
    assert_eq!(
        body["clients"][0]["clientId"],
        world.boot.enterprise_token.client_id
    );
}

/// seed 004: "Read Token (org-token-read): View application tokens in an organization"; "Write
/// Token (org-token-write): Create application tokens."
#[test]
fn tokens_need_the_token_permissions() {
    let mut world = World::new();
    let reader = member(&mut world, "ro@acme.test", &[default_id("Read Only User")]);
    let refused = world.expect(403, &reader, Get, TOKENS, Value::Null);
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("org-token-read"),
        "{refused}"
    );
    let body = json!({"roles": [default_id("Read Only User")]});
    let refused = world.expect(403, &reader, Post, TOKENS, body);
    assert!(
        error_message(&refused).contains("org-token-write"),
        "{refused}"
    );
    let path = format!("{TOKENS}/{}", world.boot.organization_token.client_id);
    let refused = world.expect(403, &reader, Delete, &path, Value::Null);
    assert!(
        error_message(&refused).contains("org-token-write"),
        "{refused}"
    );
}

/// seed 000, "Create enterprise tokens": "You can't change the description after generating the
/// token": there is no operation that changes a token.
#[test]
fn a_tokens_description_is_set_once_and_never_changed() {
    let mut world = World::new();
    let admin = world.admin();
    let body = json!({"roles": [default_id("Read Only User")], "description": "  CI pipeline  "});
    let token = generate(&mut world, &admin, body);
    let id = client_id(&token);
    assert_eq!(world.state.tokens[&id].description, "CI pipeline");
    for method in [Put, Patch] {
        let refused = world.expect(
            405,
            &admin,
            method,
            &format!("{TOKENS}/{id}"),
            json!({"description": "new"}),
        );
        assert_eq!(error_id(&refused), METHOD_NOT_ALLOWED);
    }
    assert_eq!(world.state.tokens[&id].description, "CI pipeline");

    let long = json!({"roles": [default_id("Read Only User")], "description": "x".repeat(201)});
    let refused = world.expect(400, &admin, Post, TOKENS, long);
    assert_eq!(error_id(&refused), INVALID_FIELD);
    assert!(error_message(&refused).contains("200"), "{refused}");
}

/// seed 000, "Create enterprise tokens": "Enterprise application tokens are application tokens
/// that have enterprise roles"; "ROLE_ID: An array of one or more enterprise roles to assign to
/// the token." Their orgId is the enterprise's ID.
#[test]
fn an_enterprise_actor_generates_enterprise_tokens() {
    let mut world = World::new();
    let enterprise = enterprise_token(&world);
    let billing = default_id("Enterprise Billing Administrator");
    let token = generate(&mut world, &enterprise, json!({"roles": [billing]}));
    assert_eq!(token["orgId"], world.state.enterprise.id);
    let actor = world.token(token["token"].as_str().unwrap());
    assert_eq!(actor.scope, Scope::Enterprise);
    // The orgId a token reports may be sent back.
    let again = json!({"roles": [billing], "orgId": world.state.enterprise.id});
    let token = generate(&mut world, &enterprise, again);
    assert_eq!(
        world.state.tokens[&client_id(&token)].scope,
        Scope::Enterprise
    );

    // seed 000: "Enterprise application tokens are limited to enterprise roles."
    let refused = world.expect(
        400,
        &enterprise,
        Post,
        TOKENS,
        json!({"roles": [default_id("Read Only User")]}),
    );
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    let refused = world.expect(403, &actor, Post, TOKENS, json!({"roles": [billing]}));
    assert!(
        error_message(&refused).contains("ent-token-write"),
        "{refused}"
    );
}

/// seed 000, "Create organization application tokens": "If you have a role with the
/// ent-token-write permission, such as the Enterprise Administrator role, then you can create
/// application tokens to access organizations in your enterprise."
#[test]
fn an_enterprise_token_creates_tokens_for_the_enterprises_organizations_only() {
    let mut world = World::new();
    let enterprise = enterprise_token(&world);
    let ops = second_organization(&mut world);
    let reader = default_id("Read Only User");
    let token = generate(
        &mut world,
        &enterprise,
        json!({"orgId": ops, "roles": [reader]}),
    );
    assert_eq!(token["orgId"], ops.as_str());
    let actor = world.token(token["token"].as_str().unwrap());
    assert_eq!(actor.scope, Scope::Organization(ops.clone()));
    assert_eq!(
        world.state.audit.values().last().unwrap().scope,
        Scope::Organization(ops)
    );

    let outside = standalone_organization(&mut world);
    let refused = world.expect(
        403,
        &enterprise,
        Post,
        TOKENS,
        json!({"orgId": outside, "roles": [reader]}),
    );
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("is not in the enterprise Acme"),
        "{refused}"
    );
    let refused = world.expect(
        404,
        &enterprise,
        Post,
        TOKENS,
        json!({"orgId": "nowhere", "roles": [reader]}),
    );
    assert_eq!(error_id(&refused), NOT_FOUND);
}

/// seed 000, "Create organization application tokens": "ORG_ID [...] If omitted, the
/// organization can be assumed from the application token if it isn't an enterprise application
/// token." An organization's token makes tokens for that organization only.
#[test]
fn an_organization_token_creates_tokens_for_its_own_organization_only() {
    let mut world = World::new();
    let token = org_token(&world);
    let reader = default_id("Read Only User");
    let body = json!({"orgId": world.org(), "roles": [reader]});
    let own = generate(&mut world, &token, body);
    assert_eq!(own["orgId"], world.org());
    let ops = second_organization(&mut world);
    let refused = world.expect(
        403,
        &token,
        Post,
        TOKENS,
        json!({"orgId": ops, "roles": [reader]}),
    );
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("ent-token-write"),
        "{refused}"
    );
}

/// seed 000: "ROLE_ID: An array of one or more roles to assign to the token. Make sure that you
/// select roles that are available to the specified orgId."
#[test]
fn a_tokens_roles_must_be_available_where_it_belongs() {
    let mut world = World::new();
    let admin = world.admin();
    let enterprise = enterprise_token(&world);
    let ops = second_organization(&mut world);
    let org = world.org();
    let body = json!({"name": "Dev auditors", "policy": {"description": "", "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")], "actions": ["org-audits-read"]}});
    let custom = world.expect(201, &admin, Post, "/v2/organizations/roles", body)["ID"].clone();

    let cases = [
        (
            &admin,
            json!({"roles": [default_id("Enterprise Administrator")]}),
        ),
        (&admin, json!({"roles": ["no-such-role"]})),
        (&enterprise, json!({"orgId": ops, "roles": [custom]})),
    ];
    for (actor, body) in cases {
        let refused = world.expect(400, actor, Post, TOKENS, body);
        assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
        assert!(
            error_message(&refused).contains("available to the specified orgId"),
            "{refused}"
        );
    }
    for body in [
        json!({}),
        json!({"roles": []}),
        json!({"roles": [custom, custom]}),
    ] {
        let refused = world.expect(400, &admin, Post, TOKENS, body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
    }
    let token = generate(
        &mut world,
        &enterprise,
        json!({"orgId": org, "roles": [custom]}),
    );
    assert_eq!(token["roles"], json!([custom]));
}

/// seed 000, "Enterprise application tokens": an enterprise actor manages its enterprise's
/// tokens and the tokens it created for the enterprise's organizations; an organization's actor
/// only its organization's.
#[test]
fn revoking_is_limited_to_the_tokens_the_actor_manages() {
    let mut world = World::new();
    let enterprise = enterprise_token(&world);
    let ops = second_organization(&mut world);
    let reader = default_id("Read Only User");
    let ops_token = generate(
        &mut world,
        &enterprise,
        json!({"orgId": ops, "roles": [reader]}),
    );

    let org = org_token(&world);
    let path = format!(
        "/v2/clientIdSecrets/{}",
        world.boot.enterprise_token.client_id
    );
    world.expect(404, &org, Delete, &path, Value::Null);
    world.expect(
        404,
        &org,
        Delete,
        &format!("{TOKENS}/{}", client_id(&ops_token)),
        Value::Null,
    );

    // Seed 000: managing an organization's tokens takes org-token-write there, which no
    // enterprise role grants; the enterprise hands tokens to its organizations, and they revoke.
    world.expect(
        404,
        &enterprise,
        Delete,
        &format!("{TOKENS}/{}", client_id(&ops_token)),
        Value::Null,
    );
    assert!(world.state.tokens.contains_key(&client_id(&ops_token)));
    let ops_admin = generate(
        &mut world,
        &enterprise,
        json!({"orgId": ops, "roles": [default_id("Organization Administrator")]}),
    );
    world.expect(
        200,
        &world.token(ops_admin["token"].as_str().unwrap()),
        Delete,
        &format!("{TOKENS}/{}", client_id(&ops_token)),
        Value::Null,
    );
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.scope, Scope::Organization(ops));

    let outside = standalone_organization(&mut world);
    // A token of an organization outside the enterprise.
    let mut foreign = world.state.tokens[&world.boot.organization_token.client_id].clone();
    foreign.client_id = "ForeignForeignForeignFor".into();
    foreign.scope = Scope::Organization(outside);
    world
        .state
        .tokens
        .insert(foreign.client_id.clone(), foreign);
    world.expect(
        404,
        &enterprise,
        Delete,
        &format!("{TOKENS}/ForeignForeignForeignFor"),
        Value::Null,
    );
}

/// seed 004, "View roles": "When you create an application token from a database's Overview
/// tab, Astra DB automatically creates a custom role based on the Database Administrator default
/// role that is scoped to that database. These roles are named DATABASE_NAME Database
/// Administrator, and you can edit them like any other custom role."
#[test]
fn a_databases_token_gets_a_database_administrator_role_scoped_to_it() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    let path = "/v2/databases/db-1/tokens";
    let body = world.expect(
        200,
        &admin,
        Post,
        path,
        json!({"description": "orders app"}),
    );
    assert_eq!(
        keys(&body),
        [
            "clientId",
            "description",
            "generatedOn",
            "orgId",
            "role",
            "roles",
            "secret",
            "token"
        ]
    );
    let role = &body["role"];
    assert_eq!(role["Name"], "orders Database Administrator");
    let role_id = role["ID"].as_str().unwrap().to_owned();
    assert_eq!(body["roles"], json!([role_id]));
    assert_eq!(body["token"].as_str().unwrap().len(), 97);
    assert_eq!(
        role["Policy"]["resources"],
        json!([
            format!("drn:astra:org:{org}"),
            format!("drn:astra:org:{org}:db:db-1"),
            format!("drn:astra:org:{org}:db:db-1:keyspace:*"),
            format!("drn:astra:org:{org}:db:db-1:keyspace:*:table:*"),
        ])
    );
    let administrator =
        Role::from_default(DefaultRole::find("Database Administrator").unwrap(), &org);
    assert_eq!(
        world.state.roles[&role_id].role.policy.actions,
        administrator.policy.actions
    );
    assert_eq!(role["last_update_userid"], world.boot.user_id);
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "token.generate");
    assert_eq!(entry.targets, [client_id(&body), role_id.clone()]);
    let actor = world.token(body["token"].as_str().unwrap());
    assert_eq!(actor.scope, Scope::Organization(org.clone()));

    // Edited like any custom role, and then reused as it is.
    let edited = json!({"name": "orders Database Administrator", "policy": {"description": "",
        "effect": "allow", "resources": [format!("drn:astra:org:{org}:db:db-1")], "actions": ["org-db-view"]}});
    world.expect(
        200,
        &admin,
        Put,
        &format!("/v2/organizations/roles/{role_id}"),
        edited,
    );
    let again = world.expect(200, &admin, Post, path, Value::Null);
    assert_eq!(again["role"]["ID"], role_id.as_str());
    assert_eq!(again["role"]["Policy"]["actions"], json!(["org-db-view"]));
    assert_eq!(world.state.roles.len(), 1);
    assert_eq!(
        world.state.audit.values().last().unwrap().targets[1],
        role_id
    );
    assert!(check_invariants(&world.state).is_empty());
}

/// seed 004, "View roles": the database's role is "scoped to that database", future keyspaces
/// included, and "you can edit them like any other custom role": its resources read back as the
/// scope form's whole-database choice, so the page's role editor can edit them.
#[test]
fn a_databases_role_reads_back_as_the_whole_database() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    let body = world.expect(200, &admin, Post, "/v2/databases/db-1/tokens", Value::Null);
    let role = &world.state.roles[body["role"]["ID"].as_str().unwrap()].role;
    let scope = ResourceScope::from_drns(&org, &role.policy.resources);
    assert_eq!(
        scope,
        Some(ResourceScope::Specific(vec![DatabaseKeyspaces {
            database: "db-1".into(),
            keyspaces: Keyspaces::All,
        }]))
    );
}

/// seed 004: "Write Custom Role (org-role-write): Create and manage custom roles": making the
/// database's role needs it besides Write Token; reusing it does not.
#[test]
fn making_a_databases_role_needs_the_custom_role_permission() {
    let mut world = World::new();
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    let dba = member(
        &mut world,
        "dba@acme.test",
        &[default_id("Database Administrator")],
    );
    let path = "/v2/databases/db-1/tokens";
    let refused = world.expect(403, &dba, Post, path, Value::Null);
    assert!(
        error_message(&refused).contains("org-role-write"),
        "{refused}"
    );
    let admin = world.admin();
    world.expect(200, &admin, Post, path, Value::Null);
    world.expect(200, &dba, Post, path, Value::Null);
    let reader = member(&mut world, "ro@acme.test", &[default_id("Read Only User")]);
    let refused = world.expect(403, &reader, Post, path, Value::Null);
    assert!(
        error_message(&refused).contains("org-token-write"),
        "{refused}"
    );
}

/// seed 000, "Manage your enterprise": "you can't use an enterprise token for database
/// operations, but you can create an application token to interact with databases in a specific
/// organization."
#[test]
fn an_enterprise_token_cant_make_a_databases_token() {
    let mut world = World::new();
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    let enterprise = enterprise_token(&world);
    let refused = world.expect(
        403,
        &enterprise,
        Post,
        "/v2/databases/db-1/tokens",
        Value::Null,
    );
    assert_eq!(error_id(&refused), FORBIDDEN);
    assert!(
        error_message(&refused).contains("organization application token"),
        "{refused}"
    );
}

/// A database of another organization is not this organization's: a 404, as for an unknown one.
#[test]
fn a_database_outside_the_organization_is_not_found() {
    let mut world = World::new();
    let ops = second_organization(&mut world);
    database(&mut world, &ops, "db-ops", "ledger");
    let admin = world.admin();
    for path in ["/v2/databases/db-ops/tokens", "/v2/databases/nope/tokens"] {
        let refused = world.expect(404, &admin, Post, path, Value::Null);
        assert_eq!(error_id(&refused), NOT_FOUND);
    }
    // A body the endpoint doesn't take is refused once the database is found.
    let org = world.org();
    database(&mut world, &org, "db-1", "orders");
    let refused = world.expect(
        400,
        &admin,
        Post,
        "/v2/databases/db-1/tokens",
        json!({"roles": []}),
    );
    assert_eq!(error_id(&refused), INVALID_FIELD);
}

//! Where a token belongs: the enterprise or an organization, the roles available there, and who
//! revokes it.

use super::{client_id, enterprise_token, generate, second_organization, TOKENS};
use crate::support::{assert_mentions, assert_refusal, codes::*, default_id, error_id, World};
use portal_core::api::{Actor, Method};
use portal_core::model::{OrgType, Organization, Scope};
use serde_json::json;
use Method::{Delete, Post};

fn org_token(world: &World) -> Actor {
    world.token(&world.boot.organization_token.token)
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
    let body = json!({"roles": [default_id("Read Only User")]});
    let refused = world.expect(400, &enterprise, Post, TOKENS, body);
    assert_eq!(error_id(&refused), ROLE_NOT_AVAILABLE);
    let body = json!({"roles": [billing]});
    let refused = world.expect(403, &actor, Post, TOKENS, body);
    assert_mentions(&refused, "ent-token-write");
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
    let body = json!({"orgId": outside, "roles": [reader]});
    let refused = world.expect(403, &enterprise, Post, TOKENS, body);
    assert_refusal(&refused, FORBIDDEN, "is not in the enterprise Acme");
    let body = json!({"orgId": "nowhere", "roles": [reader]});
    let refused = world.expect(404, &enterprise, Post, TOKENS, body);
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
    let request = json!({"orgId": ops, "roles": [reader]});
    let refused = world.expect(403, &token, Post, TOKENS, request);
    assert_refusal(&refused, FORBIDDEN, "ent-token-write");
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
        assert_refusal(
            &refused,
            ROLE_NOT_AVAILABLE,
            "available to the specified orgId",
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
    world.bodiless(404, &org, Delete, &path);
    world.bodiless(
        404,
        &org,
        Delete,
        &format!("{TOKENS}/{}", client_id(&ops_token)),
    );

    // Seed 000: managing an organization's tokens takes org-token-write there, which no
    // enterprise role grants; the enterprise hands tokens to its organizations, and they revoke.
    world.bodiless(
        404,
        &enterprise,
        Delete,
        &format!("{TOKENS}/{}", client_id(&ops_token)),
    );
    assert!(world.state.tokens.contains_key(&client_id(&ops_token)));
    let ops_admin = generate(
        &mut world,
        &enterprise,
        json!({"orgId": ops, "roles": [default_id("Organization Administrator")]}),
    );
    world.bodiless(
        200,
        &world.token(ops_admin["token"].as_str().unwrap()),
        Delete,
        &format!("{TOKENS}/{}", client_id(&ops_token)),
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
    world.bodiless(
        404,
        &enterprise,
        Delete,
        &format!("{TOKENS}/ForeignForeignForeignFor"),
    );
}

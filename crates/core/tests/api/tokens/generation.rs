//! Generating, listing and using tokens: the secret shown once, the permissions they need.

use super::{client_id, generate, member, TOKENS};
use crate::support::{
    assert_mentions, assert_refusal, codes::*, default_id, error_id, keys, World,
};
use portal_core::api::{self, Method};
use portal_core::model::Scope;
use serde_json::{json, Value};
use Method::{Delete, Patch, Post, Put};

/// A token has the real API's form, so that clients that check it accept ours: `AstraCS:` + 24
/// ASCII letters (the clientId) + `:` + 64 lower-case hex, 97 characters. The response is
/// CreateTokenResponse.json's, with the description; the state keeps neither the secret nor the
/// token.
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
    let actor = api::authenticate(&world.state, text, world.now).unwrap();
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
    assert!(api::authenticate(&world.state, text, world.now).is_err());
    assert!(!world.state.tokens.contains_key(&client_id(&token)));
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "token.revoke");
    assert_eq!(entry.targets, [client_id(&token)]);

    let refused = world.bodiless(
        404,
        &admin,
        Delete,
        &format!("{TOKENS}/{}", client_id(&token)),
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
        let body = world.get(200, &admin, path);
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
    let body = world.get(200, &enterprise, TOKENS);
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
    let refused = world.get(403, &reader, TOKENS);
    assert_refusal(&refused, FORBIDDEN, "org-token-read");
    let body = json!({"roles": [default_id("Read Only User")]});
    let refused = world.expect(403, &reader, Post, TOKENS, body);
    assert_mentions(&refused, "org-token-write");
    let path = format!("{TOKENS}/{}", world.boot.organization_token.client_id);
    let refused = world.bodiless(403, &reader, Delete, &path);
    assert_mentions(&refused, "org-token-write");
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
        let request = json!({"description": "new"});
        let refused = world.expect(405, &admin, method, &format!("{TOKENS}/{id}"), request);
        assert_eq!(error_id(&refused), METHOD_NOT_ALLOWED);
    }
    assert_eq!(world.state.tokens[&id].description, "CI pipeline");

    let long = json!({"roles": [default_id("Read Only User")], "description": "x".repeat(201)});
    let refused = world.expect(400, &admin, Post, TOKENS, long);
    assert_refusal(&refused, INVALID_FIELD, "200");
}

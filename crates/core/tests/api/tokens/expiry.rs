//! A token's expiry, and an organization's maximum lifetime for new tokens. Seed 000 says
//! application tokens "never expire": that stays the default ("Never"); choosing an expiry goes
//! beyond the seeds, as the current Astra portal and its API's `tokenExpiry` do.

use super::{client_id, generate, member, TOKENS};
use crate::support::{assert_refusal, codes::*, default_id, error_id, World};
use chrono::{DateTime, Utc};
use portal_core::api::{self, ErrorId, Method};
use serde_json::{json, Value};
use Method::{Patch, Post};

fn reader() -> &'static str {
    default_id("Read Only User")
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// Generates a Read Only User token expiring at `expiry` (JSON null: "Never").
fn generate_expiring(world: &mut World, expiry: Value) -> Value {
    let admin = world.admin();
    generate(
        world,
        &admin,
        json!({"roles": [reader()], "tokenExpiry": expiry}),
    )
}

/// A token expiring at T authenticates at T - 1 s and is refused from T on, with a 401 that
/// says it expired and when; the list shows the expiry as the real API's `tokenExpiry`.
#[test]
fn a_token_expiring_at_t_works_until_t_minus_one_second_and_not_at_t() {
    let mut world = World::new();
    let issued = generate_expiring(&mut world, json!("2025-06-08T12:00:00Z"));
    assert_eq!(issued["tokenExpiry"], "2025-06-08T12:00:00Z");
    let text = issued["token"].as_str().unwrap().to_owned();
    let listed = world.get(200, &world.admin(), TOKENS);
    let entry = listed["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["clientId"] == issued["clientId"])
        .unwrap()
        .clone();
    assert_eq!(entry["tokenExpiry"], "2025-06-08T12:00:00Z");

    let before = at("2025-06-08T11:59:59Z");
    let actor = api::authenticate(&world.state, &text, before).expect("valid at T - 1 s");
    assert_eq!(actor.id(), client_id(&issued));
    for refused_at in [
        "2025-06-08T12:00:00Z",
        "2025-06-08T12:00:00.5Z",
        "2026-01-01T00:00:00Z",
    ] {
        let refusal = api::authenticate(&world.state, &text, at(refused_at)).unwrap_err();
        assert_eq!(refusal.status, 401, "{refused_at}");
        assert_eq!(refusal.errors[0].id, ErrorId::Unauthenticated.code());
        let message = refusal.to_string();
        assert!(
            message.contains("expired at 2025-06-08T12:00:00Z"),
            "{message}"
        );
    }
    // A wrong secret for that clientId learns nothing of the expiry.
    let mut forged = text.clone();
    forged.replace_range(96.., if text.ends_with('0') { "1" } else { "0" });
    let refusal = api::authenticate(&world.state, &forged, at("2025-06-09T00:00:00Z")).unwrap_err();
    assert!(!refusal.to_string().contains("expired"), "{refusal}");
}

/// "Never" is the default (seed 000: "never expire"): no expiry, or null, is null in the list
/// and authenticates years later; the creation response keeps the real API's keys.
#[test]
fn never_is_the_default_and_never_expires() {
    let mut world = World::new();
    let admin = world.admin();
    let plain = generate(&mut world, &admin, json!({"roles": [reader()]}));
    assert!(plain.get("tokenExpiry").is_none(), "{plain}");
    let null = generate_expiring(&mut world, Value::Null);
    for issued in [&plain, &null] {
        let id = client_id(issued);
        assert_eq!(world.state.tokens[&id].token_expiry, None);
        let text = issued["token"].as_str().unwrap();
        assert!(api::authenticate(&world.state, text, at("2125-01-01T00:00:00Z")).is_ok());
    }
    let listed = world.get(200, &admin, TOKENS);
    for client in listed["clients"].as_array().unwrap() {
        assert_eq!(client["tokenExpiry"], Value::Null);
    }
}

/// An expiry must be an RFC 3339 time after now; it is kept to the second. A refusal names the
/// field and changes nothing.
#[test]
fn an_expiry_in_the_past_or_unreadable_is_refused_naming_the_field() {
    let mut world = World::new();
    let admin = world.admin();
    let before = world.state.tokens.len();
    for (expiry, says) in [
        (
            "2025-06-01T12:00:00Z",
            "not after now (2025-06-01T12:00:00Z)",
        ),
        ("2024-01-01T00:00:00Z", "not after now"),
        ("next week", "not an RFC 3339 time"),
        ("2025-06-08", "not an RFC 3339 time"),
    ] {
        let body = json!({"roles": [reader()], "tokenExpiry": expiry});
        let refused = world.expect(400, &admin, Post, TOKENS, body);
        assert_refusal(&refused, INVALID_FIELD, "field 'tokenExpiry'");
        assert_refusal(&refused, INVALID_FIELD, says);
    }
    assert_eq!(world.state.tokens.len(), before);
    let issued = generate_expiring(&mut world, json!("2025-06-01T12:00:01.750Z"));
    assert_eq!(issued["tokenExpiry"], "2025-06-01T12:00:01Z");
}

/// An organization's maximum lifetime: set through PATCH /v2/currentOrg with org-write (and
/// audited); then "Never" and an expiry beyond it are refused with a 400 naming `tokenExpiry`,
/// an expiry up to it is accepted; lifted with null.
#[test]
fn the_organizations_maximum_lifetime_bounds_new_tokens() {
    let mut world = World::new();
    let admin = world.admin();
    let org = world.get(200, &admin, "/v2/currentOrg");
    assert_eq!(org["maxTokenLifetimeDays"], Value::Null);
    let set = world.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({"maxTokenLifetimeDays": 30}),
    );
    assert_eq!(set["maxTokenLifetimeDays"], 30);
    assert_eq!(
        world.state.organizations[&world.org()].max_token_lifetime_days,
        Some(30)
    );
    let entry = world.state.audit.values().last().unwrap();
    assert_eq!(entry.action, "organization.update");
    assert!(
        entry.summary.contains("maximum token lifetime"),
        "{}",
        entry.summary
    );

    let before = world.state.tokens.len();
    for expiry in [
        Value::Null,
        json!("2025-07-01T12:00:01Z"),
        json!("2026-06-01T12:00:00Z"),
    ] {
        let body = json!({"roles": [reader()], "tokenExpiry": expiry});
        let refused = world.expect(400, &admin, Post, TOKENS, body);
        assert_refusal(&refused, INVALID_FIELD, "field 'tokenExpiry'");
        assert_refusal(&refused, INVALID_FIELD, "at most 30 day(s)");
        assert_refusal(&refused, INVALID_FIELD, "at or before 2025-07-01T12:00:00Z");
    }
    let never = world.expect(400, &admin, Post, TOKENS, json!({"roles": [reader()]}));
    assert_refusal(&never, INVALID_FIELD, "is Never");
    assert_eq!(world.state.tokens.len(), before);

    // Exactly the maximum, and less, are accepted.
    for expiry in ["2025-07-01T12:00:00Z", "2025-06-08T12:00:00Z"] {
        let issued = generate_expiring(&mut world, json!(expiry));
        assert_eq!(issued["tokenExpiry"], expiry);
    }
    let lifted = world.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({"maxTokenLifetimeDays": null}),
    );
    assert_eq!(lifted["maxTokenLifetimeDays"], Value::Null);
    let never = generate_expiring(&mut world, Value::Null);
    assert!(never.get("tokenExpiry").is_none());
}

/// A maximum is 1 to 3650 days (or null); setting it needs org-write like the rest of the
/// organization's settings; the enterprise's tokens have no organization, so no maximum.
#[test]
fn a_maximum_lifetime_is_checked_and_needs_org_write() {
    let mut world = World::new();
    let admin = world.admin();
    for days in [json!(0), json!(-5), json!(3651)] {
        let body = json!({"maxTokenLifetimeDays": days});
        let refused = world.expect(400, &admin, Patch, "/v2/currentOrg", body);
        assert_refusal(&refused, INVALID_FIELD, "field 'maxTokenLifetimeDays'");
        assert_refusal(&refused, INVALID_FIELD, "1 to 3650 days");
    }
    let text = world.expect(
        400,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({"maxTokenLifetimeDays": "30"}),
    );
    assert_eq!(error_id(&text), INVALID_FIELD, "{text}");
    assert_eq!(
        world.state.organizations[&world.org()].max_token_lifetime_days,
        None
    );

    let read_only = member(&mut world, "reader@acme.test", &[reader()]);
    let refused = world.expect(
        403,
        &read_only,
        Patch,
        "/v2/currentOrg",
        json!({"maxTokenLifetimeDays": 7}),
    );
    assert_refusal(&refused, FORBIDDEN, "org-write");
    assert_eq!(
        world.state.organizations[&world.org()].max_token_lifetime_days,
        None
    );

    world.expect(
        200,
        &admin,
        Patch,
        "/v2/currentOrg",
        json!({"maxTokenLifetimeDays": 7}),
    );
    let enterprise = super::enterprise_token(&world);
    let billing = default_id("Enterprise Billing Administrator");
    let issued = generate(&mut world, &enterprise, json!({"roles": [billing]}));
    assert!(issued.get("tokenExpiry").is_none());
    // A token the enterprise makes for the organization is the organization's: bounded.
    let body = json!({"orgId": world.org(), "roles": [reader()]});
    let refused = world.expect(400, &enterprise, Post, TOKENS, body);
    assert_refusal(&refused, INVALID_FIELD, "at most 7 day(s)");
}

//! The current organization (`/v2/currentOrg`): viewed and edited.

use super::{create_enterprise_org, in_org, last_audit, org_user};
use crate::support::{assert_mentions, assert_refusal, codes::*, error_id, keys, World};
use chrono::Duration;
use portal_core::api::Method::{Patch, Post};
use portal_core::model::Scope;
use serde_json::json;

// --- GET /v2/currentOrg ----------------------------------------------------------------------

/// The spec's getCurrentOrganization: "Retrieve the details for the organization in the provided
/// token"; `id` and `name` as in astra-cli-fixtures/Organization.json.
#[test]
fn current_org_shows_the_organization_in_camel_case() {
    let mut w = World::new();
    let token = w.token(&w.boot.organization_token.token.clone());
    let org = w.get(200, &token, "/v2/currentOrg");
    assert_eq!(
        keys(&org),
        [
            "createdAt",
            "defaultOrganization",
            "description",
            "email",
            "enterpriseId",
            "id",
            "lastModified",
            "maxTokenLifetimeDays",
            "name",
            "orgType",
            "organizationGroupId"
        ]
    );
    assert_eq!(org["id"], json!(w.org()));
    assert_eq!(org["name"], json!("Acme Dev"));
    assert_eq!(org["email"], json!("admin@acme.test"));
    assert_eq!(org["orgType"], json!("enterprise"));
    assert_eq!(org["defaultOrganization"], json!(false));
    assert_eq!(org["enterpriseId"], json!(w.boot.enterprise_id));
    assert_eq!(org["createdAt"], json!("2025-06-01T12:00:00Z"));
    // astra-cli-fixtures/Organization.json has exactly these two keys.
    for key in ["id", "name"] {
        assert!(org[key].is_string(), "the fixture's '{key}' is missing");
    }
}

/// Seed 004, "Read Organization": "View an organization."
#[test]
fn current_org_needs_read_organization() {
    let mut w = World::new();
    let org = w.org();
    let reader = org_user(&mut w, "ro@acme.test", &org, "Read Only User");
    let body = w.get(403, &in_org(&w, &reader, &org), "/v2/currentOrg");
    assert_refusal(&body, FORBIDDEN, "org-read");
    let admin = w.admin();
    w.get(200, &admin, "/v2/currentOrg");
}

/// Seed 000: "GET /v2/organizations/users [...] requires an organization application token, not an
/// enterprise application token": the current organization is the token's.
#[test]
fn current_org_needs_an_organization_token() {
    let mut w = World::new();
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let body = w.get(403, &token, "/v2/currentOrg");
    assert_mentions(&body, "organization application token");
}

// --- PATCH /v2/currentOrg --------------------------------------------------------------------

/// Seed 000, "Create an organization": "After you create the organization, you can invite another
/// Organization Administrator, and then change the organization email."
#[test]
fn update_changes_name_email_and_description() {
    let mut w = World::new();
    w.now += Duration::hours(1);
    let admin = w.admin();
    let body =
        json!({ "name": "  Acme Development ", "email": "ops@acme.test", "description": "builds" });
    let org = w.expect(200, &admin, Patch, "/v2/currentOrg", body);
    assert_eq!(org["name"], json!("Acme Development"));
    assert_eq!(org["email"], json!("ops@acme.test"));
    assert_eq!(org["description"], json!("builds"));
    assert_eq!(org["lastModified"], json!("2025-06-01T13:00:00Z"));
    assert_eq!(org["createdAt"], json!("2025-06-01T12:00:00Z"));
    let stored = &w.state.organizations[&w.org()];
    assert_eq!(stored.name, "Acme Development");
    assert_eq!(stored.last_modified, w.now);
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.update");
    assert_eq!(audit.scope, Scope::Organization(w.org()));
    assert_eq!(audit.targets, [w.org()]);

    // One field alone is a change too.
    let body = json!({ "description": "" });
    w.expect(200, &admin, Patch, "/v2/currentOrg", body);
    assert_eq!(w.state.organizations[&w.org()].name, "Acme Development");
    assert_eq!(w.state.organizations[&w.org()].description, "");
}

/// Seed 004, "Write Organization": only a role with it edits the organization.
#[test]
fn update_needs_write_organization() {
    let mut w = World::new();
    let org = w.org();
    let user = org_user(&mut w, "au@acme.test", &org, "Administrator User");
    let actor = in_org(&w, &user, &org);
    w.get(200, &actor, "/v2/currentOrg");
    let body = json!({ "name": "Mine" });
    let body = w.expect(403, &actor, Patch, "/v2/currentOrg", body);
    assert_mentions(&body, "org-write");
    assert_eq!(w.state.organizations[&org].name, "Acme Dev");
}

/// A name of 1 to 100 characters, an email address, a description of at most 500 characters.
#[test]
fn update_checks_name_email_and_description() {
    let mut w = World::new();
    let admin = w.admin();
    let cases = [
        (json!({ "name": "   " }), INVALID_FIELD),
        (json!({ "name": "x".repeat(101) }), INVALID_FIELD),
        (json!({ "email": "no-at-sign" }), INVALID_EMAIL),
        (json!({ "email": "a@localhost" }), INVALID_EMAIL),
        (json!({ "description": "d".repeat(501) }), INVALID_FIELD),
        (json!({ "name": 7 }), INVALID_FIELD),
        (json!({}), INVALID_FIELD),
    ];
    for (body, id) in cases {
        let refused = w.expect(400, &admin, Patch, "/v2/currentOrg", body.clone());
        assert_eq!(error_id(&refused), id, "{body}: {refused}");
    }
    let request = json!({ "name": "n".repeat(100), "description": "d".repeat(500) });
    let ok = w.expect(200, &admin, Patch, "/v2/currentOrg", request);
    assert_eq!(ok["name"].as_str().unwrap().len(), 100);
}

/// An enterprise's organizations have distinct names; a standalone organization's name is its own
/// business ("organizations have no relationship to each other", seed 000).
#[test]
fn update_refuses_a_name_another_enterprise_organization_has() {
    let mut w = World::new();
    create_enterprise_org(&mut w, "Acme Prod");
    let admin = w.admin();
    let body = json!({ "name": "acme prod" });
    let body = w.expect(409, &admin, Patch, "/v2/currentOrg", body);
    assert_eq!(error_id(&body), NAME_TAKEN);
    // Its own name, in another letter case, is not taken.
    let request = json!({ "name": "ACME DEV" });
    w.expect(200, &admin, Patch, "/v2/currentOrg", request);

    let payload = json!({ "name": "Side", "email": "s@acme.test" });
    let standalone = w.expect(201, &admin, Post, "/v2/organizations", payload);
    let side = in_org(
        &w,
        &w.boot.user_id.clone(),
        standalone["id"].as_str().unwrap(),
    );
    let input = json!({ "name": "Acme Prod" });
    w.expect(200, &side, Patch, "/v2/currentOrg", input);
}

/// Seed 000, "Delete an organization": "After you add an organization to your enterprise, you
/// can't transfer it out of your enterprise."
#[test]
fn an_organization_cant_be_moved_out_of_the_enterprise() {
    let mut w = World::new();
    let admin = w.admin();
    for body in [
        json!({ "enterpriseId": null }),
        json!({ "name": "Out", "enterpriseId": "" }),
        json!({ "orgType": "standalone" }),
    ] {
        let refused = w.expect(400, &admin, Patch, "/v2/currentOrg", body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
    }
    let org = &w.state.organizations[&w.org()];
    assert_eq!(
        org.enterprise_id.as_deref(),
        Some(w.boot.enterprise_id.as_str())
    );
    assert_eq!(org.name, "Acme Dev");
}

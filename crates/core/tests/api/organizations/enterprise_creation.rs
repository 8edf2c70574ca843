//! Creating an organization in the enterprise (`POST /v2/enterprises/organizations`).

use super::{
    active, add_user, assert_sound, enterprise_user, in_org, invited, last_audit, org_user,
    ENTERPRISE_ORGANIZATION_KEYS,
};
use crate::support::{
    assert_mentions, assert_refusal, codes::*, error_id, error_message, keys, World,
};
use portal_core::api::Method::{Delete, Post};
use portal_core::model::{OrgType, Scope};
use portal_core::pricing::billing::PlanKind;
use serde_json::json;

// --- POST /v2/enterprises/organizations ------------------------------------------------------

/// Seed 000, "Create an organization": the DevOps API request with an enterprise token, and the
/// response key for key.
#[test]
fn create_organization_returns_the_spec_response() {
    let mut w = World::new();
    let admin_id = w.boot.user_id.clone();
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let body = json!({ "name": "Example Org", "email": "admin@acme-enterprises.com", "adminUserID": admin_id, "enterpriseID": w.boot.enterprise_id });
    let created = w.expect(201, &token, Post, "/v2/enterprises/organizations", body);
    assert_eq!(keys(&created), ENTERPRISE_ORGANIZATION_KEYS);
    assert_eq!(created["OrganizationName"], json!("Example Org"));
    assert_eq!(
        created["OrganizationEmail"],
        json!("admin@acme-enterprises.com")
    );
    assert_eq!(created["MarketplaceData"], json!({}));
    assert_eq!(created["OrgType"], json!("organization"));
    assert_eq!(created["EnterpriseId"], json!(w.boot.enterprise_id));
    assert_eq!(created["CreatedAt"], json!("2025-06-01T12:00:00Z"));
    assert!(created["OrganizationGroupId"]
        .as_str()
        .is_some_and(|g| !g.is_empty()));
    let id = created["OrganizationID"].as_str().unwrap().to_owned();
    let org = &w.state.organizations[&id];
    assert_eq!(org.org_type, OrgType::Enterprise);
    assert_eq!(
        org.enterprise_id.as_deref(),
        Some(w.boot.enterprise_id.as_str())
    );
    assert_eq!(w.state.billing[&id].plan, PlanKind::Enterprise);
    assert_eq!(
        w.state.users[&admin_id].organizations[&id],
        active("Organization Administrator")
    );
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.create");
    assert_eq!(audit.scope, Scope::Enterprise);
    assert!(audit.targets.contains(&id));
    // The new organization's administrator acts in it.
    let admin = in_org(&w, &admin_id, &id);
    let current = w.get(200, &admin, "/v2/currentOrg");
    assert_sound(&w);
    assert_eq!(current["name"], json!("Example Org"));
}

/// Seed 000: "When you create an organization in the Astra Portal, you are the initial
/// Organization Administrator. The Organization email defaults to your Astra DB account email
/// address."
#[test]
fn create_organization_defaults_to_the_acting_user() {
    let mut w = World::new();
    let actor = w.enterprise_admin();
    let body = json!({ "name": "Mine", "description": "ours" });
    let created = w.expect(201, &actor, Post, "/v2/enterprises/organizations", body);
    assert_eq!(created["OrganizationEmail"], json!("admin@acme.test"));
    let id = created["OrganizationID"].as_str().unwrap();
    assert_eq!(w.state.organizations[id].description, "ours");
    assert!(w.state.users[&w.boot.user_id]
        .organizations
        .contains_key(id));

    // Someone else as the administrator, with the acting user's email by default.
    let org = w.org();
    let other = org_user(&mut w, "other@acme.test", &org, "Read Only User");
    let body = json!({ "name": "Theirs", "adminUserId": other });
    let created = w.expect(201, &actor, Post, "/v2/enterprises/organizations", body);
    let id = created["OrganizationID"].as_str().unwrap();
    assert_eq!(
        w.state.users[&other].organizations[id],
        active("Organization Administrator")
    );
    assert!(!w.state.users[&w.boot.user_id]
        .organizations
        .contains_key(id));
}

/// Seed 000, "ent-org-manage: Create an organization under your enterprise."
#[test]
fn create_organization_needs_manage_enterprise_organizations() {
    let mut w = World::new();
    let biller = enterprise_user(&mut w, "bill@acme.test", "Enterprise Billing Administrator");
    let body = json!({ "name": "Nope" });
    let body = w.expect(
        403,
        &w.user(&biller, Scope::Enterprise),
        Post,
        "/v2/enterprises/organizations",
        body,
    );
    assert_refusal(&body, FORBIDDEN, "ent-org-manage");
    let org_admin = w.admin();
    let body = json!({ "name": "Nope" });
    let body = w.expect(403, &org_admin, Post, "/v2/enterprises/organizations", body);
    assert_mentions(&body, "ent-org-manage");
    let org_token = w.token(&w.boot.organization_token.token.clone());
    let request = json!({ "name": "Nope", "email": "n@acme.test", "adminUserID": w.boot.user_id });
    w.expect(
        403,
        &org_token,
        Post,
        "/v2/enterprises/organizations",
        request,
    );
    // The first organization and its administrator's personal one: nothing was created.
    assert_eq!(w.state.organizations.len(), 2);
}

/// Seed 000, "Enterprise Organization Administrator role": "ent-org-manage: Create an
/// organization under your enterprise. To delete an organization, you must be the Organization
/// Administrator for that organization" (and, from the enterprise level, an Enterprise
/// Administrator).
#[test]
fn enterprise_organization_administrator_can_create_but_not_delete() {
    let mut w = World::new();
    let org = w.org();
    let eoa = add_user(
        &mut w,
        "eoa@acme.test",
        &[(&org, active("Read Only User"))],
        Some(active("Enterprise Organization Administrator")),
    );
    let actor = w.user(&eoa, Scope::Enterprise);
    let request = json!({ "name": "EOA Org" });
    let created = w.expect(201, &actor, Post, "/v2/enterprises/organizations", request);
    let id = created["OrganizationID"].as_str().unwrap().to_owned();
    assert_eq!(
        w.state.users[&eoa].organizations[&id],
        active("Organization Administrator")
    );
    let body = json!({ "name": "EOA Org" });
    let body = w.expect(
        403,
        &actor,
        Delete,
        &format!("/v2/enterprises/organizations/{id}"),
        body,
    );
    assert_mentions(&body, "Enterprise Administrator role");
    assert!(w.state.organizations.contains_key(&id));
    // From the organization level, its Organization Administrator can.
    let done = w.call(
        &in_org(&w, &eoa, &id),
        Delete,
        "/v2/currentOrg",
        json!({ "name": "EOA Org" }),
    );
    assert_eq!(done.status, 204);
    assert!(!w.state.organizations.contains_key(&id));
}

/// Seed 000: "ORG_ADMIN_ID: The Astra DB user ID of the user who will be the initial Organization
/// Administrator. The user must have an active Astra DB account."
#[test]
fn create_organization_needs_an_active_admin_user() {
    let mut w = World::new();
    let org = w.org();
    let invited = add_user(
        &mut w,
        "inv@acme.test",
        &[(&org, invited("Read Only User"))],
        None,
    );
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let cases = [
        json!({ "name": "A", "email": "a@acme.test" }),
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": "no-such-user" }),
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": invited }),
    ];
    for body in cases {
        let refused = w.expect(
            400,
            &token,
            Post,
            "/v2/enterprises/organizations",
            body.clone(),
        );
        assert_eq!(error_id(&refused), INVALID_FIELD, "{body}");
    }
    assert!(error_message(&w.expect(
        400,
        &token,
        Post,
        "/v2/enterprises/organizations",
        json!({ "name": "A", "email": "a@acme.test", "adminUserID": invited })
    ))
    .contains("active"));
    // An active enterprise membership is an active account too.
    let ent_only = enterprise_user(&mut w, "ent@acme.test", "Enterprise Billing Administrator");
    let request = json!({ "name": "A", "email": "a@acme.test", "adminUserID": ent_only });
    w.expect(201, &token, Post, "/v2/enterprises/organizations", request);
}

/// The spec's CreateOrgInEnterpriseRequest: `enterpriseID` names this enterprise; `email` is
/// required (a token has no email to default to); names are distinct within the enterprise.
#[test]
fn create_organization_checks_enterprise_name_and_email() {
    let mut w = World::new();
    let admin_id = w.boot.user_id.clone();
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let cases = [
        (
            json!({ "name": "A", "email": "a@acme.test", "adminUserID": admin_id, "enterpriseID": "other" }),
            400,
            INVALID_FIELD,
        ),
        (
            json!({ "name": "A", "adminUserID": admin_id }),
            400,
            INVALID_FIELD,
        ),
        (
            json!({ "name": "A", "email": "a@", "adminUserID": admin_id }),
            400,
            INVALID_EMAIL,
        ),
        (
            json!({ "name": " ", "email": "a@acme.test", "adminUserID": admin_id }),
            400,
            INVALID_FIELD,
        ),
        (
            json!({ "name": "ACME dev", "email": "a@acme.test", "adminUserID": admin_id }),
            409,
            NAME_TAKEN,
        ),
        (
            json!({ "name": "A", "email": "a@acme.test", "adminUserID": admin_id, "orgType": "x" }),
            400,
            INVALID_FIELD,
        ),
    ];
    for (body, status, id) in cases {
        let refused = w.expect(
            status,
            &token,
            Post,
            "/v2/enterprises/organizations",
            body.clone(),
        );
        assert_eq!(error_id(&refused), id, "{body}");
    }
    // The first organization and its administrator's personal one: nothing was created.
    assert_eq!(w.state.organizations.len(), 2);
    w.expect(201, &token, Post, "/v2/enterprises/organizations", json!({ "name": "A", "email": "a@acme.test", "adminUserId": admin_id, "enterpriseId": w.boot.enterprise_id }));
}

//! The enterprise (`/v2/enterprises/current`) and the organizations its roles let an actor list.

use super::{
    add_user, create_enterprise_org, enterprise_user, invited, last_audit, names,
    ENTERPRISE_ORGANIZATION_KEYS,
};
use crate::support::{assert_mentions, codes::*, error_id, keys, World};
use portal_core::api::Actor;
use portal_core::api::Method::{Patch, Post};
use portal_core::model::{ApplicationToken, MemberStatus, Membership, Scope, StoredRole};
use portal_core::rbac::{Drn, Permission, Policy, Role};
use serde_json::json;

/// A user whose one enterprise role ("Prod viewer": org-user-read) names only `org` in its scope;
/// their ID.
fn enterprise_viewer_of(w: &mut World, org: &str) -> String {
    let role = Role::new(
        "prod-viewer",
        "Prod viewer",
        Policy {
            description: String::new(),
            actions: [Permission::ORG_USER_READ].into_iter().collect(),
            resources: vec![Drn::enterprise_organization(&w.boot.enterprise_id, org)],
        },
    )
    .unwrap();
    w.state.roles.insert(
        role.id.clone(),
        StoredRole {
            role,
            scope: Scope::Enterprise,
            last_update_datetime: w.now,
            last_update_userid: "x".into(),
        },
    );
    add_user(
        w,
        "viewer@acme.test",
        &[],
        Some(Membership {
            status: MemberStatus::Active,
            roles: vec!["prod-viewer".into()],
            expires: None,
        }),
    )
}

// --- GET/PATCH /v2/enterprises/current -------------------------------------------------------

/// Seed 000, "Get your enterprise ID": "On the General page, click Copy to copy the enterprise ID."
#[test]
fn enterprise_get_shows_its_id_name_and_organization_count() {
    let mut w = World::new();
    let actor = w.enterprise_admin();
    let ent = w.get(200, &actor, "/v2/enterprises/current");
    assert_eq!(
        ent,
        json!({ "id": w.boot.enterprise_id, "name": "Acme", "organizations": 1 })
    );
    create_enterprise_org(&mut w, "Acme Prod");
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let ent = w.get(200, &token, "/v2/enterprises/current");
    assert_eq!(ent["organizations"], json!(2));
}

/// Seed 000, "Enterprise settings": "click the name of the current organization or enterprise,
/// and then select your enterprise"; enterprise access takes an enterprise role.
#[test]
fn enterprise_get_needs_the_enterprise_level_and_an_enterprise_role() {
    let mut w = World::new();
    let admin = w.admin();
    let body = w.get(403, &admin, "/v2/enterprises/current");
    assert_mentions(&body, "switch to the enterprise");
    let roleless = add_user(
        &mut w,
        "nobody@acme.test",
        &[],
        Some(Membership {
            status: MemberStatus::Active,
            roles: vec![],
            expires: None,
        }),
    );
    let body = w.get(
        403,
        &w.user(&roleless, Scope::Enterprise),
        "/v2/enterprises/current",
    );
    assert_mentions(&body, "no enterprise role");
    let invited = add_user(
        &mut w,
        "inv@acme.test",
        &[],
        Some(invited("Enterprise Administrator")),
    );
    w.get(
        403,
        &w.user(&invited, Scope::Enterprise),
        "/v2/enterprises/current",
    );
    let biller = enterprise_user(&mut w, "bill@acme.test", "Enterprise Billing Administrator");
    w.get(
        200,
        &w.user(&biller, Scope::Enterprise),
        "/v2/enterprises/current",
    );
}

/// Seed 000, "At the enterprise scope, you can do the following: Change the enterprise display
/// name." No permission names it: it takes the Enterprise Administrator role.
#[test]
fn enterprise_rename_needs_the_enterprise_administrator() {
    let mut w = World::new();
    let eoa = enterprise_user(
        &mut w,
        "eoa@acme.test",
        "Enterprise Organization Administrator",
    );
    let body = json!({ "name": "Mine" });
    let body = w.expect(
        403,
        &w.user(&eoa, Scope::Enterprise),
        Patch,
        "/v2/enterprises/current",
        body,
    );
    assert_mentions(&body, "needs the Enterprise Administrator role");
    let admin = w.admin();
    let body = json!({ "name": "Mine" });
    let body = w.expect(403, &admin, Patch, "/v2/enterprises/current", body);
    assert_mentions(&body, "switch to the enterprise");
    assert_eq!(w.state.enterprise.name, "Acme");

    let actor = w.enterprise_admin();
    let request = json!({ "name": " Acme Corp " });
    let ent = w.expect(200, &actor, Patch, "/v2/enterprises/current", request);
    assert_eq!(ent["name"], json!("Acme Corp"));
    assert_eq!(w.state.enterprise.name, "Acme Corp");
    assert_eq!(w.state.enterprise.id, w.boot.enterprise_id);
    let audit = last_audit(&w);
    assert_eq!(audit.action, "enterprise.rename");
    assert_eq!(audit.scope, Scope::Enterprise);
    let token = w.token(&w.boot.enterprise_token.token.clone());
    let payload = json!({ "name": "Acme Inc" });
    w.expect(200, &token, Patch, "/v2/enterprises/current", payload);
}

/// The enterprise's display name: 1 to 100 characters, and nothing else changes.
#[test]
fn enterprise_rename_checks_the_name() {
    let mut w = World::new();
    let actor = w.enterprise_admin();
    for body in [
        json!({ "name": " " }),
        json!({ "name": "e".repeat(101) }),
        json!({}),
        json!({ "name": "X", "id": "other" }),
    ] {
        let refused = w.expect(400, &actor, Patch, "/v2/enterprises/current", body);
        assert_eq!(error_id(&refused), INVALID_FIELD);
    }
    assert_eq!(w.state.enterprise.name, "Acme");
}

// --- GET /v2/enterprises/organizations -------------------------------------------------------

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level."
#[test]
fn list_organizations_shows_what_the_roles_scope_covers() {
    let mut w = World::new();
    let dev = w.org();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    let admin = w.enterprise_admin();
    let list = w.get(200, &admin, "/v2/enterprises/organizations");
    assert_eq!(names(&list, "OrganizationName"), ["Acme Dev", "Acme Prod"]);
    assert_eq!(
        keys(&list["organizations"][0]),
        ENTERPRISE_ORGANIZATION_KEYS
    );
    assert_eq!(list["organizations"][0]["OrganizationID"], json!(dev));

    let viewer = enterprise_viewer_of(&mut w, &prod);
    let list = w.get(
        200,
        &w.user(&viewer, Scope::Enterprise),
        "/v2/enterprises/organizations",
    );
    assert_eq!(names(&list, "OrganizationID"), [prod]);

    // The default Enterprise Organization Administrator's scope is every organization.
    let eoa = enterprise_user(
        &mut w,
        "eoa@acme.test",
        "Enterprise Organization Administrator",
    );
    let list = w.get(
        200,
        &w.user(&eoa, Scope::Enterprise),
        "/v2/enterprises/organizations",
    );
    assert_eq!(names(&list, "OrganizationName"), ["Acme Dev", "Acme Prod"]);

    // Standalone organizations are not the enterprise's.
    let org_admin = w.admin();
    let request = json!({ "name": "Side", "email": "s@acme.test" });
    w.expect(201, &org_admin, Post, "/v2/organizations", request);
    let list = w.get(200, &admin, "/v2/enterprises/organizations");
    assert_eq!(names(&list, "OrganizationName"), ["Acme Dev", "Acme Prod"]);

    let body = w.get(403, &org_admin, "/v2/enterprises/organizations");
    assert_mentions(&body, "switch to the enterprise");
}

/// Seed 000, "Manage enterprise roles": "For enterprise roles, the resource scope determines the
/// organizations that the role can view at the enterprise level": the enterprise's count of
/// organizations and an enterprise token's list of them are within that scope too, as the
/// Overview shows them.
#[test]
fn the_enterprise_count_and_an_enterprise_tokens_organizations_are_within_the_scope() {
    let mut w = World::new();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    let viewer = enterprise_viewer_of(&mut w, &prod);
    let viewer = w.user(&viewer, Scope::Enterprise);
    let ent = w.get(200, &viewer, "/v2/enterprises/current");
    assert_eq!(ent["organizations"], json!(1));
    let admin = w.enterprise_admin();
    let ent = w.get(200, &admin, "/v2/enterprises/current");
    assert_eq!(ent["organizations"], json!(2));

    let client_id = "ProdViewerTokenAbcdefghi".to_owned();
    w.state.tokens.insert(
        client_id.clone(),
        ApplicationToken {
            client_id: client_id.clone(),
            hash: String::new(),
            roles: vec!["prod-viewer".into()],
            scope: Scope::Enterprise,
            description: "prod viewer".into(),
            generated_on: w.now,
            generated_by: w.boot.user_id.clone(),
            token_expiry: None,
            last_used: None,
        },
    );
    let token = Actor {
        principal: portal_core::api::Principal::Token(client_id.clone()),
        scope: Scope::Enterprise,
    };
    let list = w.get(200, &token, "/v2/organizations");
    assert_eq!(names(&list, "name"), ["Acme Prod"]);
    // Its roles all gone: none.
    w.state.tokens.get_mut(&client_id).unwrap().roles.clear();
    let list = w.get(200, &token, "/v2/organizations");
    assert!(names(&list, "name").is_empty(), "{list}");
}

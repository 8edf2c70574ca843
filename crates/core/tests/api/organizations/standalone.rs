//! The caller's organizations (`/v2/organizations`) and the standalone ones a user creates.

use super::{
    active, add_default_organization, add_user, assert_sound, create_enterprise_org, in_org,
    invited, last_audit, names, org_user,
};
use crate::support::{assert_mentions, codes::*, error_id, World};
use portal_core::api::Method::{Patch, Post};
use portal_core::model::{OrgType, Scope};
use portal_core::pricing::billing::PlanKind;
use serde_json::{json, Value};

// --- GET /v2/organizations -------------------------------------------------------------------

/// The caller's organizations, to switch between them; "Invited users are listed as pending until
/// they accept the invitation" (seed 002).
#[test]
fn list_gives_a_users_organizations_with_their_status() {
    let mut w = World::new();
    let dev = w.org();
    let prod = create_enterprise_org(&mut w, "Acme Prod");
    create_enterprise_org(&mut w, "Acme Hidden");
    let user = add_user(
        &mut w,
        "u@acme.test",
        &[
            (&prod, invited("Read Only User")),
            (&dev, active("Read Only User")),
        ],
        None,
    );
    let list = w.get(200, &in_org(&w, &user, &dev), "/v2/organizations");
    assert_eq!(names(&list, "name"), ["Acme Dev", "Acme Prod"]);
    assert_eq!(names(&list, "status"), ["active", "invited"]);
    assert_eq!(list["organizations"][0]["orgType"], json!("enterprise"));
    assert_eq!(list["organizations"][0]["id"], json!(dev));
}

/// A token belongs to one organization, or to the enterprise.
#[test]
fn list_gives_a_tokens_organization_or_the_enterprises() {
    let mut w = World::new();
    create_enterprise_org(&mut w, "Acme Prod");
    let admin = w.admin();
    let body = json!({ "name": "Side", "email": "s@acme.test" });
    w.expect(201, &admin, Post, "/v2/organizations", body);
    let org_token = w.token(&w.boot.organization_token.token.clone());
    let list = w.get(200, &org_token, "/v2/organizations");
    assert_eq!(names(&list, "name"), ["Acme Dev"]);
    assert!(list["organizations"][0].get("status").is_none());
    let ent_token = w.token(&w.boot.enterprise_token.token.clone());
    let list = w.get(200, &ent_token, "/v2/organizations");
    assert_eq!(names(&list, "name"), ["Acme Dev", "Acme Prod"]);
}

// --- POST /v2/organizations ------------------------------------------------------------------

/// Seed 002, "Add organizations in Astra DB": "Enter the name and email address for your new
/// organization." Seed 004: "Users can always create organizations from their default
/// organization because they are the Organization Administrator of their default organization."
#[test]
fn create_standalone_makes_the_creator_its_administrator() {
    let mut w = World::new();
    let user = add_user(&mut w, "solo@acme.test", &[], None);
    let personal = add_default_organization(&mut w, &user);
    let body =
        json!({ "name": "Solo Lab", "email": "lab@acme.test", "description": "experiments" });
    let created = w.expect(
        201,
        &in_org(&w, &user, &personal),
        Post,
        "/v2/organizations",
        body,
    );
    assert_eq!(created["name"], json!("Solo Lab"));
    assert_eq!(created["orgType"], json!("standalone"));
    assert_eq!(created["enterpriseId"], Value::Null);
    assert_eq!(created["defaultOrganization"], json!(false));
    let id = created["id"].as_str().unwrap().to_owned();
    let org = &w.state.organizations[&id];
    assert_eq!(org.org_type, OrgType::Standalone);
    assert_eq!(org.description, "experiments");
    assert_eq!(w.state.billing[&id].plan, PlanKind::Free);
    assert_eq!(
        w.state.users[&user].organizations[&id],
        active("Organization Administrator")
    );
    let audit = last_audit(&w);
    assert_eq!(audit.action, "organization.create");
    assert_eq!(audit.scope, Scope::Organization(id.clone()));
    // The creator acts in it as its administrator.
    assert_sound(&w);
    let creator = in_org(&w, &user, &id);
    w.get(200, &creator, "/v2/currentOrg");
    let body = json!({ "email": "solo@acme.test" });
    w.expect(200, &creator, Patch, "/v2/currentOrg", body);
}

/// Seed 004, "Write Organization (org-write): In the Astra Portal, create new organizations"; seed
/// 000: "If you need to create an organization outside of your enterprise, switch to your personal
/// organization, and then create a standalone organization." A user without Write Organization
/// where they act, or acting at the enterprise level, is refused and told what to do.
#[test]
fn create_standalone_takes_write_organization_where_the_user_acts() {
    let mut w = World::new();
    let dev = w.org();
    let user = org_user(&mut w, "reader@acme.test", &dev, "Read Only User");
    let body = json!({ "name": "Reader Lab", "email": "r@acme.test" });
    let refused = w.expect(
        403,
        &in_org(&w, &user, &dev),
        Post,
        "/v2/organizations",
        body.clone(),
    );
    assert_mentions(&refused, "org-write");
    let at_enterprise = w.enterprise_admin();
    let refused = w.expect(403, &at_enterprise, Post, "/v2/organizations", body.clone());
    assert_mentions(
        &refused,
        "switch to an organization to create organizations",
    );
    let personal = add_default_organization(&mut w, &user);
    w.expect(
        201,
        &in_org(&w, &user, &personal),
        Post,
        "/v2/organizations",
        body,
    );
}

/// Organizations are created by people: an application token acts only where it belongs.
#[test]
fn create_standalone_refuses_tokens() {
    let mut w = World::new();
    let token = w.token(&w.boot.organization_token.token.clone());
    let body = json!({ "name": "Bot Org", "email": "b@acme.test" });
    let body = w.expect(403, &token, Post, "/v2/organizations", body);
    assert_mentions(&body, "sign in as a user");
}

/// Seed 002: "Enter the name and email address for your new organization."
#[test]
fn create_standalone_needs_a_name_and_an_email() {
    let mut w = World::new();
    let admin = w.admin();
    let cases = [
        (json!({ "name": "No Email" }), INVALID_FIELD),
        (json!({ "email": "n@acme.test" }), INVALID_FIELD),
        (json!({ "name": "", "email": "n@acme.test" }), INVALID_FIELD),
        (
            json!({ "name": "Bad", "email": "not an email" }),
            INVALID_EMAIL,
        ),
        (
            json!({ "name": "Extra", "email": "n@acme.test", "enterpriseId": "x" }),
            INVALID_FIELD,
        ),
    ];
    let before = w.state.organizations.len();
    for (body, id) in cases {
        let refused = w.expect(400, &admin, Post, "/v2/organizations", body.clone());
        assert_eq!(error_id(&refused), id, "{body}");
    }
    assert_eq!(w.state.organizations.len(), before);
}

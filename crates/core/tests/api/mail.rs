//! The emails the portal writes into its outbox, who reads them there, and invitations that
//! expire: seed 000 ("The user receives an email invitation to join your enterprise"), seed 002
//! ("An email is sent to the email address entered for the organization owner") and seed 001
//! ("An email is also sent for your records" when a payment method is removed).

use crate::support::{assert_refusal, codes::*, default_id, World};
use chrono::TimeDelta;
use portal_core::api::{Actor, Method};
use portal_core::model::mail::{About, Delivery, Topic, INVITATION_LIFETIME};
use portal_core::model::{Email, MemberStatus, Scope};
use serde_json::{json, Value};
use Method::{Delete, Post, Put};

const OUTBOX: &str = "/v2/portal/emails";
const ORG_USERS: &str = "/v2/organizations/users";
const ORG_ACCEPT: &str = "/v2/organizations/invitation/accept";

fn invite(world: &mut World, emails: &str) -> Value {
    let body = json!({"email": emails, "roles": [default_id("Read Only User")]});
    world.expect(200, &world.admin(), Put, ORG_USERS, body)
}

fn outbox(world: &mut World, actor: &Actor) -> Vec<Value> {
    let body = world.get(200, actor, OUTBOX);
    body["emails"].as_array().unwrap().clone()
}

fn recipients(emails: &[Value]) -> Vec<&str> {
    emails.iter().map(|e| e["to"].as_str().unwrap()).collect()
}

/// Seed 000, "Invite User": "The user receives an email invitation", one per address (seed 002:
/// "separate the email addresses with commas, spaces, or line breaks"), each with the page's
/// address that accepts it and until when it can.
#[test]
fn each_invited_address_gets_an_invitation_with_the_link_that_accepts_it() {
    let mut world = World::new();
    let body = invite(&mut world, "ana@acme.test, bo@acme.test");
    let org = world.org();
    let emails: Vec<Email> = world.state.emails.values().cloned().collect();
    assert_eq!(emails.len(), 2);
    for (email, invited) in emails.iter().zip(body["invited"].as_array().unwrap()) {
        let user_id = invited["userID"].as_str().unwrap();
        assert_eq!(email.to, invited["email"].as_str().unwrap());
        assert_eq!(email.delivery, Delivery::Outbox);
        assert_eq!(
            email.about,
            About::Invitation {
                scope: Scope::Organization(org.clone()),
                user_id: user_id.to_owned(),
                expires: world.now + INVITATION_LIFETIME,
            }
        );
        assert!(
            email.subject.contains("You're invited to join"),
            "{email:?}"
        );
        assert!(email.body.contains("Read Only User"), "{email:?}");
        let link = format!("/invitation/{user_id}/organization/{org}");
        assert_eq!(email.link().as_deref(), Some(link.as_str()));
        assert!(email
            .text("https://portal.example")
            .contains(&format!("https://portal.example{link}")));
    }

    // The administrator reads both, newest first; each invitee reads their own.
    let admin = world.admin();
    let listed = outbox(&mut world, &admin);
    assert_eq!(recipients(&listed), ["bo@acme.test", "ana@acme.test"]);
    assert_eq!(
        listed[1]["link"],
        json!(emails[0].link().unwrap()),
        "{listed:?}"
    );
    let ana = body["invited"][0]["userID"].as_str().unwrap().to_owned();
    let invitee = world.user(&ana, Scope::Organization(org));
    assert_eq!(recipients(&outbox(&mut world, &invitee)), ["ana@acme.test"]);
}

/// The spec's invite "resend[s] an invitation with new invitation details, such as an updated
/// expiration": an invitation can be accepted until it expires, to the second, and inviting the
/// address again renews it with a new email.
#[test]
fn an_invitation_expires_and_inviting_again_renews_it() {
    let mut world = World::new();
    let sent = world.now;
    let body = invite(&mut world, "late@acme.test, early@acme.test");
    let org = Scope::Organization(world.org());
    let late = body["invited"][0]["userID"].as_str().unwrap().to_owned();
    let early = body["invited"][1]["userID"].as_str().unwrap().to_owned();

    world.now = sent + INVITATION_LIFETIME - TimeDelta::seconds(1);
    world.bodiless(200, &world.user(&early, org.clone()), Post, ORG_ACCEPT);

    world.now = sent + INVITATION_LIFETIME;
    let before = world.state.clone();
    let refused = world.bodiless(409, &world.user(&late, org.clone()), Post, ORG_ACCEPT);
    assert_refusal(&refused, INVITATION_STATE, "expired at");
    assert!(
        refused.to_string().contains("invite you again"),
        "{refused}"
    );
    assert_eq!(world.state, before, "a refusal changes nothing");

    let body = invite(&mut world, "late@acme.test");
    assert_eq!(body["invited"][0]["resent"], true);
    let membership = world.state.users[&late].membership(&org).unwrap().clone();
    assert_eq!(membership.status, MemberStatus::Invited);
    assert_eq!(membership.expires, Some(world.now + INVITATION_LIFETIME));
    let invitations = world
        .state
        .emails
        .values()
        .filter(|e| matches!(e.about, About::Invitation { .. }))
        .count();
    assert_eq!(invitations, 3, "the renewal is sent as well");
    world.bodiless(200, &world.user(&late, org), Post, ORG_ACCEPT);
}

/// Seed 002, "Add organizations": "An email is sent to the email address entered for the
/// organization owner"; seed 001, "Remove a payment method": "An email is also sent for your
/// records". A refused removal sends nothing.
#[test]
fn a_new_organization_and_a_removed_payment_method_each_send_a_notice() {
    let mut world = World::new();
    let admin_id = world.boot.user_id.clone();
    let body = json!({ "name": "Example Org", "email": "owner@acme.test", "adminUserID": admin_id, "enterpriseID": world.boot.enterprise_id });
    let created = world.expect(
        201,
        &world.enterprise_admin(),
        Post,
        "/v2/enterprises/organizations",
        body,
    );
    let new_org = created["OrganizationID"].as_str().unwrap().to_owned();
    let notice = world.state.emails.values().last().unwrap().clone();
    assert_eq!(notice.to, "owner@acme.test");
    assert_eq!(
        notice.about,
        About::Organization {
            org_id: new_org,
            topic: Topic::Created
        }
    );
    assert!(notice.subject.contains("Example Org"), "{notice:?}");

    let admin = world.admin();
    let card = json!({"brand": "Visa", "last4": "4242", "expires": "12/29"});
    let path = "/v2/organizations/billing/payment-method";
    world.expect(200, &admin, Put, path, card);
    let org = world.org();
    world
        .state
        .billing
        .get_mut(&org)
        .unwrap()
        .outstanding_balance = "3".parse().unwrap();
    let count = world.state.emails.len();
    world.bodiless(409, &admin, Delete, path);
    assert_eq!(world.state.emails.len(), count);

    world
        .state
        .billing
        .get_mut(&org)
        .unwrap()
        .outstanding_balance = Default::default();
    world.bodiless(204, &admin, Delete, path);
    let notice = world.state.emails.values().last().unwrap();
    assert_eq!(notice.to, world.state.organizations[&org].email);
    assert_eq!(
        notice.about,
        About::Organization {
            org_id: org,
            topic: Topic::PaymentMethodRemoved
        }
    );
    assert!(notice.body.contains("ending in 4242"), "{notice:?}");
}

/// Nobody reads what they may not: an invitation with the organization's users (seed 004,
/// org-user-read), a payment notice with its billing (org-billing-read), and in the organization
/// where the reader acts; an email to one's own address always.
#[test]
fn the_outbox_shows_only_what_the_reader_may_read() {
    let mut world = World::new();
    invite(&mut world, "new@acme.test");
    let admin = world.admin();
    let path = "/v2/organizations/billing/payment-method";
    let card = json!({"brand": "Visa", "last4": "4242", "expires": "12/29"});
    world.expect(200, &admin, Put, path, card);
    world.bodiless(204, &admin, Delete, path);
    let org_email = world.state.organizations[&world.org()].email.clone();

    let users = world.member_with("users@acme.test", &["org-user-read"]);
    assert_eq!(recipients(&outbox(&mut world, &users)), ["new@acme.test"]);
    let billing = world.member_with("billing@acme.test", &["org-billing-read"]);
    assert_eq!(
        recipients(&outbox(&mut world, &billing)),
        [org_email.as_str()]
    );
    let neither = world.member_with("db@acme.test", &["org-db-view"]);
    assert!(outbox(&mut world, &neither).is_empty());
    // The same reader, acting at the enterprise, reads nothing of the organization's.
    let elsewhere = world.user(users.id(), Scope::Enterprise);
    assert!(outbox(&mut world, &elsewhere).is_empty());
    // A token reads by its roles, like a user.
    let token = world.token(&world.boot.organization_token.token.clone());
    assert_eq!(outbox(&mut world, &token).len(), 2);
}

/// An email moves on once: from the outbox to a sender, then sent or failed; a second sender's
/// late step changes nothing.
#[test]
fn an_email_moves_out_once() {
    let mut world = World::new();
    invite(&mut world, "new@acme.test");
    let email = world.state.emails.values().next().unwrap().clone();
    let at = world.now;
    let sent = Delivery::Sent { at };
    assert_eq!(email.moved(sent.clone()), None);
    let sending = email.moved(Delivery::Sending { at }).unwrap();
    assert_eq!(sending.moved(Delivery::Sending { at }), None);
    let failed = Delivery::Failed {
        at,
        reason: "refused".into(),
    };
    assert_eq!(sending.moved(failed.clone()).unwrap().delivery, failed);
    let done = sending.moved(sent.clone()).unwrap();
    assert_eq!(done.delivery, sent);
    assert_eq!(done.moved(failed), None);
}

/// The demo's pending invitations (seed 002: "Invited users are listed as pending") each have
/// their email waiting in the outbox, with the expiry their membership has.
#[test]
fn the_demos_pending_invitations_wait_in_the_outbox() {
    let world = World::demo(7);
    let mut pending = Vec::new();
    for user in world.state.users.values() {
        for scope in user.scopes() {
            let membership = user.membership(&scope).unwrap();
            if membership.status == MemberStatus::Invited {
                pending.push((user.email.clone(), scope, membership.expires.unwrap()));
            }
        }
    }
    assert_eq!(pending.len(), 3);
    for (to, scope, expires) in pending {
        let email = world
            .state
            .emails
            .values()
            .find(|e| e.to == to)
            .unwrap_or_else(|| panic!("no invitation email to {to}"));
        assert!(
            matches!(&email.about, About::Invitation { scope: s, expires: e, .. } if *s == scope && *e == expires),
            "{email:?}"
        );
        assert!(
            expires > world.now,
            "the demo's invitations can still be accepted"
        );
    }
}

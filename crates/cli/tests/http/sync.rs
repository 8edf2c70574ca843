//! Connected mode's protocol over real HTTP: the feed, a mutation applied at most once
//! however often it is sent, and a stale edit refused with both sides, then settled by choice.
//! The client is the core's `Outbox`, as the page runs it.

use portal_core::api::{Body, Json, Request, Response};
use portal_core::model::{Change, Collection, Record};
use portal_core::sync::{Choice, Feed, Outbox, Pending, Settled};
use serde_json::json;

use crate::server::{args, token_body, Reply, Served};

fn response(reply: &Reply) -> Response {
    let body = Json::parse(&reply.body).map_or(Body::Empty, Body::Json);
    Response::new(reply.status, body)
}

/// Sends a pending change with its mutation headers.
fn send(served: &Served, token: &str, pending: &Pending) -> Reply {
    let number = pending.mutation.number.to_string();
    let base = pending.mutation.base.to_string();
    let headers = [
        ("X-Portal-Client", pending.mutation.client_id.as_str()),
        ("X-Portal-Mutation", number.as_str()),
        ("X-Portal-Base", base.as_str()),
    ];
    let request = pending.request();
    served.send(
        request.method.as_str(),
        &request.target(),
        Some(token),
        &headers,
        request.body.as_bytes(),
    )
}

fn pull(served: &Served, token: &str, outbox: &mut Outbox) -> Feed {
    let reply = served.call(
        "GET",
        &format!("/v2/portal/changes?since={}", outbox.revision),
        token,
        "",
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let feed: Feed = serde_json::from_str(&reply.body).expect("a feed");
    outbox.revision = feed.revision;
    feed
}

fn role(org: &str, name: &str) -> String {
    json!({"name": name, "policy": {"description": name, "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")], "actions": ["org-read"]}})
    .to_string()
}

/// "the server applies each mutation at most once (it remembers the last mutation number per
/// client), so a retry never duplicates".
#[test]
fn a_mutation_sent_twice_is_applied_once() {
    let served = Served::start(&args("sync-once", false));
    let token = served.boot().organization_token.token.clone();
    let mut outbox = Outbox::new("laptop");
    pull(&served, &token, &mut outbox);
    let body = token_body("Organization Administrator", "made offline");
    outbox.push(&Request::new(
        portal_core::api::Method::Post,
        "/v2/tokens",
        body,
    ));
    let pending = outbox.front().cloned().unwrap();
    let first = send(&served, &token, &pending);
    assert_eq!(first.status, 200, "{}", first.body);
    let again = send(&served, &token, &pending);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["replayed"], json!(true), "{}", again.body);
    assert!(matches!(
        outbox.settle(&response(&again)),
        Settled::Applied(1, _)
    ));
    let made = served
        .stored()
        .tokens
        .values()
        .filter(|t| t.description == "made offline")
        .count();
    assert_eq!(made, 1, "the retry made a second token");
}

/// "Every record carries a version; an edit based on a stale version gets 409 and the page shows
/// the conflict (yours, theirs) and lets the user choose; nothing is overwritten silently."
#[test]
fn a_stale_edit_gets_409_with_both_sides_and_mine_applies_it_after() {
    let served = Served::start(&args("sync-conflict", false));
    let token = served.boot().organization_token.token.clone();
    let org = served.boot().organization_id.clone();
    let created = served.call(
        "POST",
        "/v2/organizations/roles",
        &token,
        &role(&org, "Ops"),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["ID"].as_str().unwrap().to_owned();
    let path = format!("/v2/organizations/roles/{id}");
    let (mut alice, mut bob) = (Outbox::new("alice"), Outbox::new("bob"));
    let snapshot = pull(&served, &token, &mut alice);
    assert!(snapshot.snapshot);
    pull(&served, &token, &mut bob);

    alice.push(&Request::new(
        portal_core::api::Method::Put,
        &path,
        role(&org, "Ops (Alice)"),
    ));
    bob.push(&Request::new(
        portal_core::api::Method::Put,
        &path,
        role(&org, "Ops (Bob)"),
    ));
    let first = send(&served, &token, alice.front().unwrap());
    assert_eq!(first.status, 200, "{}", first.body);
    let stale = send(&served, &token, bob.front().unwrap());
    assert_eq!(
        (stale.status, stale.error_id()),
        (409, 1311),
        "{}",
        stale.body
    );
    let conflict = stale.json();
    assert!(conflict["yours"]["body"]
        .as_str()
        .unwrap()
        .contains("Ops (Bob)"));
    assert_eq!(conflict["theirs"][0]["key"], json!(format!("roles/{id}")));
    assert!(conflict["theirs"][0]["record"]
        .to_string()
        .contains("Ops (Alice)"));
    assert_eq!(bob.settle(&response(&stale)), Settled::Conflict(1));

    let changed = pull(&served, &token, &mut bob);
    assert!(
        !changed.snapshot && !changed.changes.is_empty(),
        "{changed:?}"
    );
    assert!(bob.resolve(1, Choice::Mine));
    let mine = send(&served, &token, bob.front().unwrap());
    assert_eq!(mine.status, 200, "{}", mine.body);
    let roles = served.call("GET", &path, &token, "");
    assert_eq!(roles.json()["Name"], json!("Ops (Bob)"));
}

#[test]
fn half_a_mutation_is_a_400_and_a_feed_from_the_future_asks_for_a_snapshot() {
    let served = Served::start(&args("sync-bad", false));
    let token = served.boot().organization_token.token.clone();
    let half = served.send(
        "POST",
        "/v2/tokens",
        Some(&token),
        &[("X-Portal-Client", "laptop")],
        token_body("Organization Administrator", "x").as_bytes(),
    );
    assert_eq!((half.status, half.error_id()), (400, 1002), "{}", half.body);
    let ahead = served.call("GET", "/v2/portal/changes?since=999", &token, "");
    assert_eq!(ahead.status, 400);
    assert!(ahead.body.contains("since=0"), "{}", ahead.body);
}

/// A client's mutation marks are its token's: another token sending the same client ID neither
/// makes the real client's mutations look like retries nor writes anything when it is refused,
/// and a client ID is short and plain.
#[test]
fn a_client_id_is_the_tokens_own_and_a_refusal_marks_nothing() {
    let served = Served::start(&args("sync-marks", false));
    let boot = served.boot().clone();
    let owner = boot.organization_token.token.clone();
    let intruder = {
        let reply = served.request_token(&owner, "Database Administrator", "other");
        reply.json()["token"].as_str().unwrap().to_owned()
    };
    let mutation = |client: &str, number: u64| -> Vec<(String, String)> {
        vec![
            ("X-Portal-Client".into(), client.into()),
            ("X-Portal-Mutation".into(), number.to_string()),
            ("X-Portal-Base".into(), "0".into()),
        ]
    };
    let post = |token: &str, headers: &[(String, String)], body: &str| {
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        served.send("POST", "/v2/tokens", Some(token), &headers, body.as_bytes())
    };
    // The intruder claims the laptop's ID with a high number, within what it may do.
    let claimed = post(
        &intruder,
        &mutation("laptop", 99),
        &token_body("Database Administrator", "claim"),
    );
    assert_eq!(claimed.status, 200, "{}", claimed.body);
    // The laptop's own first mutation is applied, not taken for a retry.
    let real = post(
        &owner,
        &mutation("laptop", 1),
        &token_body("Read Only User", "the laptop's"),
    );
    assert_eq!(real.status, 200, "{}", real.body);
    assert!(real.json().get("replayed").is_none(), "{}", real.body);
    assert!(served
        .stored()
        .tokens
        .values()
        .any(|t| t.description == "the laptop's"));

    // A refused mutation writes no mark.
    let marks = served.stored().sync.clients.len();
    let refused = post(
        &intruder,
        &mutation("flood", 1),
        &token_body("Organization Administrator", "up"),
    );
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(served.stored().sync.clients.len(), marks);

    let long = "x".repeat(65);
    let reply = post(
        &owner,
        &mutation(&long, 1),
        &token_body("Read Only User", "long"),
    );
    assert_eq!(reply.status, 400, "{}", reply.body);
    assert!(
        reply.body.contains("X-Portal-Client must be 1 to 64"),
        "{}",
        reply.body
    );
    served.stop();
}

/// The feed reads only what its token may read (seed 001: a Read Only Service Account has no
/// org-user-read, org-token-read, org-billing-read nor org-audits-read): over real HTTP, on the
/// demo data, its snapshot holds no other user's email, no other token's hash, no card and no
/// audit entry, and a change to the card reaches it as a deletion, not as the card.
#[test]
fn a_read_only_service_accounts_feed_holds_no_email_hash_card_or_audit_entry() {
    let served = Served::start(&args("sync-read-only", true));
    let admin = served.boot().organization_token.token.clone();
    let issued = served.request_token(&admin, "Read Only Service Account", "dashboard");
    assert_eq!(issued.status, 200, "{}", issued.body);
    let ro = issued.json()["token"].as_str().unwrap().to_owned();
    let own = issued.json()["clientId"].as_str().unwrap().to_owned();
    // The users page's route refuses it, and so does the feed.
    let users = served.call("GET", "/v2/organizations/users", &ro, "");
    assert_eq!(users.status, 403, "{}", users.body);

    let reply = served.call("GET", "/v2/portal/changes?since=0", &ro, "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let stored = served.stored();
    for user in stored.users.values() {
        assert!(!reply.body.contains(&user.email), "{} leaked", user.email);
    }
    for token in stored.tokens.values().filter(|t| t.client_id != own) {
        assert!(!reply.body.contains(&token.hash), "a token hash leaked");
        assert!(!reply.body.contains(&token.client_id), "a token leaked");
    }
    for billing in stored.billing.values() {
        if let Some(card) = &billing.payment_method {
            assert!(
                !reply.body.contains(&format!("\"{}\"", card.last4)),
                "a card leaked"
            );
        }
    }
    let feed: Feed = serde_json::from_str(&reply.body).expect("a feed");
    let collections: Vec<Collection> = feed
        .changes
        .iter()
        .map(|change| match change {
            Change::Put(record) => record.key().collection,
            Change::Delete(key) => panic!("a snapshot deletes nothing: {key:?}"),
        })
        .collect();
    assert_eq!(collections, [Collection::Enterprise, Collection::Tokens]);
    assert!(!stored.audit.is_empty(), "the demo's changes were audited");

    // The card changes: the feed says that billing and the audit log changed, not how.
    let card = json!({"brand": "Visa", "last4": "1881", "expires": "12/30"}).to_string();
    let put = served.call(
        "PUT",
        "/v2/organizations/billing/payment-method",
        &admin,
        &card,
    );
    assert_eq!(put.status, 200, "{}", put.body);
    let next = served.call(
        "GET",
        &format!("/v2/portal/changes?since={}", feed.revision),
        &ro,
        "",
    );
    assert_eq!(next.status, 200, "{}", next.body);
    assert!(!next.body.contains("1881"), "{}", next.body);
    let next: Feed = serde_json::from_str(&next.body).expect("a feed");
    assert!(!next.snapshot && !next.changes.is_empty());
    // Its own token's record comes as it is: the feed it read stamped its last use.
    assert!(next.changes.iter().all(|change| match change {
        Change::Put(Record::Token(token)) => token.client_id == own && token.last_used.is_some(),
        change => matches!(change, Change::Delete(_)),
    }));
    served.stop();
}

/// Seed 004, "Delete a custom role": "Deleting a custom role removes it from all users and
/// application tokens it is assigned to." A token left with no role still authenticates, and
/// its feed is the enterprise and itself; a copy made before gets a snapshot without the rest.
#[test]
fn a_token_whose_roles_were_all_deleted_reads_only_the_enterprise_and_itself() {
    let served = Served::start(&args("sync-roleless", true));
    let admin = served.boot().organization_token.token.clone();
    let org = served.boot().organization_id.clone();
    let body = json!({"name": "Reader", "policy": {"description": "r", "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")],
        "actions": ["org-read", "org-user-read", "org-token-read", "org-billing-read"]}});
    let created = served.call("POST", "/v2/organizations/roles", &admin, &body.to_string());
    assert_eq!(created.status, 201, "{}", created.body);
    let role = created.json()["ID"].as_str().unwrap().to_owned();
    let issued = served.call(
        "POST",
        "/v2/tokens",
        &admin,
        &json!({"roles": [role], "description": "reader"}).to_string(),
    );
    assert_eq!(issued.status, 200, "{}", issued.body);
    let reader = issued.json()["token"].as_str().unwrap().to_owned();
    let own = issued.json()["clientId"].as_str().unwrap().to_owned();
    let mut outbox = Outbox::new("reader");
    let before = pull(&served, &reader, &mut outbox);
    let copy = before.apply_to(None).expect("a copy");
    assert!(!copy.users.is_empty() && !copy.billing.is_empty());

    let deleted = served.call(
        "DELETE",
        &format!("/v2/organizations/roles/{role}"),
        &admin,
        "",
    );
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    let after = pull(&served, &reader, &mut outbox);
    assert!(after.snapshot, "its access changed: a snapshot");
    let copy = after.apply_to(Some(copy)).expect("a copy");
    assert!(copy.users.is_empty() && copy.billing.is_empty() && copy.organizations.is_empty());
    assert_eq!(copy.tokens.keys().collect::<Vec<_>>(), [&own]);
    let reply = served.call("GET", "/v2/portal/changes?since=0", &reader, "");
    let feed: Feed = serde_json::from_str(&reply.body).expect("a feed");
    let keys: Vec<_> = feed
        .changes
        .iter()
        .map(|change| match change {
            Change::Put(record) => record.key(),
            Change::Delete(key) => key.clone(),
        })
        .collect();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert_eq!(keys[0].collection, Collection::Enterprise);
    assert_eq!(
        (keys[1].collection, keys[1].id.as_str()),
        (Collection::Tokens, own.as_str())
    );
    served.stop();
}

/// A connected page may talk to any of the servers over one PostgreSQL database (behind one
/// address, a request may reach either): a retry through another server is a replay, not a
/// second change; the feed of one server holds what went through the other; and a stale edit
/// through one is the same 409 with both sides.
#[test]
fn a_page_may_sync_through_any_of_the_servers_of_one_database() {
    let Some(db) = crate::postgres::database("sync_any") else {
        return;
    };
    let first = Served::start(&crate::postgres::pg_args(&db, "sync_any_1"));
    let second = Served::start(&crate::postgres::pg_args(&db, "sync_any_2"));
    let token = first.boot().organization_token.token.clone();
    let org = first.boot().organization_id.clone();
    let (mut laptop, mut phone) = (Outbox::new("laptop"), Outbox::new("phone"));
    pull(&first, &token, &mut laptop);
    pull(&second, &token, &mut phone);
    // A pull stamps the token's last use (once a minute), after its answer: both agree once both
    // have seen the stamp, the next round (or the one after, across a minute's turn).
    for _ in 0..2 {
        if laptop.revision != phone.revision {
            pull(&first, &token, &mut laptop);
            pull(&second, &token, &mut phone);
        }
    }
    assert_eq!(
        laptop.revision, phone.revision,
        "one revision for both servers"
    );

    laptop.push(&Request::new(
        portal_core::api::Method::Post,
        "/v2/organizations/roles",
        role(&org, "Ops"),
    ));
    let pending = laptop.front().cloned().unwrap();
    let made = send(&first, &token, &pending);
    assert_eq!(made.status, 201, "{}", made.body);
    let again = send(&second, &token, &pending);
    assert_eq!(again.json()["replayed"], json!(true), "{}", again.body);
    assert!(matches!(
        laptop.settle(&response(&again)),
        Settled::Applied(1, _)
    ));
    let id = made.json()["ID"].as_str().unwrap().to_owned();
    let feed = pull(&second, &token, &mut phone);
    let key = format!("roles/{id}");
    assert!(
        feed.changes
            .iter()
            .any(|c| matches!(c, Change::Put(r) if r.key().path() == key)),
        "the second server's feed holds the role made through the first: {feed:?}"
    );

    let path = format!("/v2/organizations/roles/{id}");
    pull(&first, &token, &mut laptop);
    laptop.push(&Request::new(
        portal_core::api::Method::Put,
        &path,
        role(&org, "Ops (laptop)"),
    ));
    phone.push(&Request::new(
        portal_core::api::Method::Put,
        &path,
        role(&org, "Ops (phone)"),
    ));
    let edited = send(&second, &token, laptop.front().unwrap());
    assert_eq!(edited.status, 200, "{}", edited.body);
    let stale = send(&first, &token, phone.front().unwrap());
    assert_eq!(
        (stale.status, stale.error_id()),
        (409, 1311),
        "{}",
        stale.body
    );
    assert!(stale.json()["theirs"][0]["record"]
        .to_string()
        .contains("Ops (laptop)"));
    let stored = first.call("GET", &path, &token, "");
    assert_eq!(stored.json()["Name"], json!("Ops (laptop)"));
}

//! Two tabs of one connected page queue into one outbox in IndexedDB: offline, queuing at the
//! same moments again and again, neither loses nor renumbers the other's changes, and the
//! server, once back, applies each of them once.

use std::collections::BTreeSet;

use crate::support::{fixture_time, forget, keep_connection};
use portal::connection::{self, Connected, OUTBOX};
use portal::store::indexed_db::IdbStore;
use portal_core::api::{Actor, Context, Method, Principal, Request, Response};
use portal_core::model::demo::demo;
use portal_core::model::{OsEntropy, Scope, SeededEntropy};
use portal_core::store::{Backend, MemoryStore};
use portal_core::sync::Outbox;
use serde_json::json;
use wasm_bindgen_test::*;

/// How many times both tabs queue a change at once.
const ROUNDS: usize = 50;

/// A tab of the page taking up the kept connection, its token given again; the server is away.
async fn tab(token: &str) -> Connected {
    let mut tab = Connected::resume()
        .await
        .unwrap()
        .expect("a kept connection");
    tab.unlock(token).unwrap();
    tab
}

/// A change that leaves its own mark on the server: an organization named after the tab and
/// the round.
fn new_organization(name: &str, admin_user_id: &str) -> Request {
    let body = json!({ "name": name, "email": "ops@acme.example", "adminUserID": admin_user_id });
    Request::new(
        Method::Post,
        "/v2/enterprises/organizations",
        body.to_string(),
    )
}

fn queued(response: &Response, name: &str) {
    assert_eq!(response.status, 201, "{name}: {}", response.body_text());
}

#[wasm_bindgen_test]
async fn two_offline_tabs_queuing_at_the_same_moments_lose_no_change() {
    let (copy, boot) = demo(fixture_time(), &mut SeededEntropy::new(7));
    let mut outbox = Outbox::new("two-tabs");
    outbox.revision = copy.sync.revision();
    keep_connection(&copy, &boot.enterprise_token.client_id, &outbox).await;
    let token = &boot.enterprise_token.token;
    let (mut first, mut second) = (tab(token).await, tab(token).await);

    let mut names = BTreeSet::new();
    for round in 0..ROUNDS {
        let (a, b) = (format!("First tab {round}"), format!("Second tab {round}"));
        let (queued_a, queued_b) = futures::join!(
            first.request(new_organization(&a, &boot.user_id), fixture_time()),
            second.request(new_organization(&b, &boot.user_id), fixture_time()),
        );
        queued(&queued_a, &a);
        queued(&queued_b, &b);
        names.extend([a, b]);
    }

    let store = IdbStore::open(connection::DATABASE).await.unwrap();
    let kept: Outbox = store.get_meta(OUTBOX).await.unwrap().unwrap();
    store.close();
    let numbers: BTreeSet<u64> = kept.pending.iter().map(|p| p.mutation.number).collect();
    assert_eq!(
        numbers.len(),
        kept.pending.len(),
        "a mutation number used twice"
    );

    // The server is back: the syncing tab sends the outbox in order, and the server (the core's
    // backend, as `portal serve` runs it) applies each mutation number at most once.
    let (mut server, _) = Backend::open(MemoryStore::default(), || copy.clone())
        .await
        .unwrap();
    let actor = Actor {
        principal: Principal::Token(boot.enterprise_token.client_id.clone()),
        scope: Scope::Enterprise,
    };
    let mut entropy = OsEntropy;
    for pending in &kept.pending {
        let mut ctx = Context::new(fixture_time(), &mut entropy);
        let request = pending.request();
        let answer = server
            .mutate(&actor, &request, &pending.mutation, &mut ctx)
            .await;
        assert_eq!(answer.status, 201, "{}", answer.body_text());
    }
    let made: Vec<&String> = server
        .state()
        .organizations
        .values()
        .map(|org| &org.name)
        .filter(|name| names.contains(*name))
        .collect();
    let distinct: BTreeSet<&String> = made.iter().copied().collect();
    assert_eq!(made.len(), distinct.len(), "a change applied twice");
    let lost: Vec<&String> = names.iter().filter(|n| !distinct.contains(n)).collect();
    assert!(lost.is_empty(), "changes lost: {lost:?}");

    first.close();
    second.close();
    forget(connection::DATABASE).await;
}

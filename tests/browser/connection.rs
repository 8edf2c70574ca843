//! Connected mode without a server at hand (issue 7): a refused connection says why and changes
//! nothing; a connection of an earlier visit opens from its copy in IndexedDB while the server is
//! away, asks for the token again (it is never stored), and keeps an edit in the outbox.

use crate::support::{demo_state, fixture_time, forget, seed, until, Mounted};
use portal::connection::{self, Remote, OUTBOX, REMOTE};
use portal::store::indexed_db::{IdbStore, DATABASE};
use portal_core::model::demo::demo;
use portal_core::model::SeededEntropy;
use portal_core::sync::Outbox;
use wasm_bindgen_test::*;

/// Nobody listens on the discard port of this machine.
const NOBODY: &str = "http://127.0.0.1:9";

#[wasm_bindgen_test]
async fn connecting_where_nobody_answers_says_why_and_changes_nothing() {
    const DB: &str = "portal-test-connection-refused";
    let app = Mounted::seeded("/settings/enterprise/general", DB, &demo_state()).await;
    app.fill("form.connect input[type=url]", NOBODY).await;
    app.fill("form.connect input[type=password]", "AstraCS:x:y")
        .await;
    app.click("Connect").await;
    app.wait_for_text(|t| t.contains("Not connected:"), "the refusal")
        .await;
    assert!(app.find(".sync-status").is_none(), "no sync state");
    assert!(app.find("form.connect").is_some(), "still offered");
    drop(app);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn an_earlier_connection_opens_from_its_copy_offline_and_queues_an_edit() {
    let (copy, boot) = demo(fixture_time(), &mut SeededEntropy::new(7));
    // What a connection of an earlier visit left: the copy, the server's address, the token's
    // clientId (not the token) and an empty outbox.
    seed(connection::DATABASE, &copy).await;
    let store = IdbStore::open(connection::DATABASE).await.unwrap();
    let remote = Remote {
        base_url: NOBODY.into(),
        token_client_id: boot.enterprise_token.client_id.clone(),
    };
    store.put_meta(REMOTE, Some(&remote)).await.unwrap();
    let mut outbox = Outbox::new("browser-test");
    outbox.revision = 1;
    store.put_meta(OUTBOX, Some(&outbox)).await.unwrap();
    store.close();

    seed(DATABASE, &demo_state()).await;
    let app = Mounted::at("/settings/enterprise/general", DATABASE);
    app.wait_for("[data-portal-ready]").await;
    app.wait_for_text(
        |t| t.contains("Waiting for the token"),
        "the token asked for",
    )
    .await;
    let acting = app.text_of(".acting-as").unwrap_or_default();
    assert!(
        acting.contains(&boot.enterprise_token.client_id),
        "{acting}"
    );

    app.fill(
        "form.unlock input[type=password]",
        &boot.enterprise_token.token,
    )
    .await;
    app.click("Sync").await;
    app.wait_for_text(|t| t.contains("Offline ("), "the server out of reach")
        .await;

    app.click("Edit").await;
    app.fill("dialog[open] input[type=text]", "Renamed offline")
        .await;
    app.click("Save").await;
    app.wait_for_text(|t| t.contains("1 pending change"), "the edit queued")
        .await;
    assert_eq!(
        app.text_of(".enterprise-name").as_deref(),
        Some("Renamed offline")
    );
    let store = IdbStore::open(connection::DATABASE).await.unwrap();
    let kept: Outbox = store.get_meta(OUTBOX).await.unwrap().unwrap();
    store.close();
    assert_eq!(kept.pending.len(), 1, "the outbox is in IndexedDB");
    assert_eq!(kept.pending[0].change.target, "/v2/enterprises/current");

    drop(app);
    forget(connection::DATABASE).await;
    forget(DATABASE).await;
}

/// A tab asks for the sync lock once, however often it connects: the second claim is the first
/// one's answer, and both see the browser grant it.
#[wasm_bindgen_test]
async fn a_tab_asks_for_the_sync_lock_once() {
    let first = connection::leader::claim("portal-test-lock");
    let again = connection::leader::claim("portal-test-lock");
    assert!(std::rc::Rc::ptr_eq(&first, &again));
    until(
        "the browser to grant the only tab asking the sync lock",
        || again.get().then_some(()),
    )
    .await;
    assert!(first.get(), "both claims see the grant");
}

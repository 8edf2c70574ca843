//! Issue 7, Connected mode end to end: "two browser sessions against one server see each
//! other's changes; a session that goes offline, edits, and comes back syncs its edits". The API
//! is a real `portal serve` (in-process) over SQLite; the page comes from another one, as from a
//! static host, so that it still loads while the API is away (CORS between them); each session
//! is a Chromium profile of its own.

use fantoccini::Locator;
use portal_e2e::{Served, Session};

/// General → API connection: the server's address and the token.
async fn connect(session: &Session, api: &str, token: &str) {
    session.visit("/settings/enterprise/general").await;
    session.ready().await;
    session.type_into("form.connect input[type=url]", api).await;
    session
        .type_into("form.connect input[type=password]", token)
        .await;
    session
        .click_at("//form[@class='connect']//button[@type='submit']")
        .await;
    session.wait_for_text(".sync-status", "Online").await;
}

/// After a reload: the token again, which was never stored.
async fn unlock(session: &Session, token: &str) {
    session
        .type_into("form.unlock input[type=password]", token)
        .await;
    session
        .click_at("//form[@class='unlock']//button[@type='submit']")
        .await;
}

/// "Click Edit to change the enterprise's display name" (seed 000).
async fn rename(session: &Session, name: &str) {
    session
        .click_at(
            "//section[@aria-labelledby='enterprise-heading']//button[normalize-space()='Edit']",
        )
        .await;
    session
        .type_into("dialog[open] input[type=text]", name)
        .await;
    session
        .click_at("//dialog[@open]//button[normalize-space()='Save']")
        .await;
    session.wait_for_text(".enterprise-name", name).await;
}

#[tokio::test]
async fn two_sessions_share_a_server_and_an_offline_edit_syncs_when_it_is_back() {
    let page = Served::start().await;
    let mut served = Served::start_api(&page.url()).await;
    // The enterprise administrator's token, printed once on the API server's first start.
    let token = served.bootstrap.enterprise_token.token.clone();
    let alice = Session::open(&page.url()).await;
    let bob = Session::open(&page.url()).await;
    connect(&alice, &served.url(), &token).await;
    connect(&bob, &served.url(), &token).await;
    bob.wait_for_text(".enterprise-name", "E2E Enterprise")
        .await;

    rename(&alice, "Acme Shared").await;
    bob.wait_for_text(".enterprise-name", "Acme Shared").await;
    bob.screenshot("connected_second_session").await;

    // The server goes away: the edit is kept in the outbox and shown.
    served.stop().await;
    rename(&alice, "Acme Offline Edit").await;
    alice
        .wait_for_text(".sync-status", "1 pending change")
        .await;
    alice.screenshot("connected_offline_pending").await;

    // A reload while offline opens from IndexedDB; the token was never stored.
    alice.client.refresh().await.unwrap();
    alice.ready().await;
    alice
        .wait_for_text(".enterprise-name", "Acme Offline Edit")
        .await;
    alice
        .wait_for_text(".sync-status", "Waiting for the token, 1 pending change")
        .await;

    // The server is back and the token given again: the edit reaches the server and Bob.
    served.resume().await;
    unlock(&alice, &token).await;
    alice
        .wait_for_text(".sync-status", "Online, no pending changes")
        .await;
    bob.wait_for_text(".enterprise-name", "Acme Offline Edit")
        .await;
    alice.screenshot("connected_synced").await;

    // Both edit the name: Alice on her copy while away, Bob on the server meanwhile. Alice's
    // edit comes back as a conflict with both sides, and she keeps hers.
    served.stop().await;
    rename(&alice, "Alice's name").await;
    alice.client.refresh().await.unwrap();
    alice.ready().await;
    served.resume().await;
    rename(&bob, "Bob's name").await;
    unlock(&alice, &token).await;
    alice
        .wait_for_text(".sync-status", "1 conflict to resolve")
        .await;
    let conflict = alice
        .client
        .find(Locator::Css(".conflict"))
        .await
        .expect("the conflict is shown")
        .text()
        .await
        .unwrap();
    assert!(
        conflict.contains("Alice's name") && conflict.contains("Bob's name"),
        "{conflict}"
    );
    alice.screenshot("connected_conflict").await;
    alice
        .click_at("//li[@class='conflict']//button[normalize-space()='Keep mine']")
        .await;
    alice
        .wait_for_text(".sync-status", "Online, no pending changes")
        .await;
    bob.wait_for_text(".enterprise-name", "Alice's name").await;

    alice.close().await;
    bob.close().await;
    served.stop().await;
    let mut page = page;
    page.stop().await;
}

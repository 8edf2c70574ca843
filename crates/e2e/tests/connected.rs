//! Issue 7, Connected mode end to end: "two browser sessions against one server see each
//! other's changes; a session that goes offline, edits, and comes back syncs its edits". The API
//! is a real `portal serve` (in-process) over SQLite; the page comes from another one, as from a
//! static host, so that it still loads while the API is away (CORS between them); each session
//! is a Chromium profile of its own.

use std::time::Duration;

use fantoccini::Locator;
use portal_e2e::{Served, Session};

/// Waits until the element's text contains `expected`.
async fn wait_for_text(session: &Session, css: &str, expected: &str) {
    let mut seen = String::new();
    for _ in 0..300 {
        if let Ok(element) = session.client.find(Locator::Css(css)).await {
            seen = element.text().await.unwrap_or_default();
            if seen.contains(expected) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed '{expected}'; it shows '{seen}'");
}

async fn type_into(session: &Session, css: &str, text: &str) {
    let input = session
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    input.clear().await.unwrap();
    input.send_keys(text).await.unwrap();
}

async fn click(session: &Session, xpath: &str) {
    session
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("no {xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// General → API connection: the server's address and the token.
async fn connect(session: &Session, api: &str, token: &str) {
    session.visit("/settings/enterprise/general").await;
    session.ready().await;
    type_into(session, "form.connect input[type=url]", api).await;
    type_into(session, "form.connect input[type=password]", token).await;
    click(session, "//form[@class='connect']//button[@type='submit']").await;
    wait_for_text(session, ".sync-status", "Online").await;
}

/// After a reload: the token again, which was never stored.
async fn unlock(session: &Session, token: &str) {
    type_into(session, "form.unlock input[type=password]", token).await;
    click(session, "//form[@class='unlock']//button[@type='submit']").await;
}

/// "Click Edit to change the enterprise's display name" (seed 000).
async fn rename(session: &Session, name: &str) {
    click(
        session,
        "//section[@aria-labelledby='enterprise-heading']//button[normalize-space()='Edit']",
    )
    .await;
    type_into(session, "dialog[open] input[type=text]", name).await;
    click(session, "//dialog[@open]//button[normalize-space()='Save']").await;
    wait_for_text(session, ".enterprise-name", name).await;
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
    wait_for_text(&bob, ".enterprise-name", "E2E Enterprise").await;

    rename(&alice, "Acme Shared").await;
    wait_for_text(&bob, ".enterprise-name", "Acme Shared").await;
    bob.screenshot("connected_second_session").await;

    // The server goes away: the edit is kept in the outbox and shown.
    served.stop().await;
    rename(&alice, "Acme Offline Edit").await;
    wait_for_text(&alice, ".sync-status", "1 pending change").await;
    alice.screenshot("connected_offline_pending").await;

    // A reload while offline opens from IndexedDB; the token was never stored.
    alice.client.refresh().await.unwrap();
    alice.ready().await;
    wait_for_text(&alice, ".enterprise-name", "Acme Offline Edit").await;
    wait_for_text(
        &alice,
        ".sync-status",
        "Waiting for the token, 1 pending change",
    )
    .await;

    // The server is back and the token given again: the edit reaches the server and Bob.
    served.resume().await;
    unlock(&alice, &token).await;
    wait_for_text(&alice, ".sync-status", "Online, no pending changes").await;
    wait_for_text(&bob, ".enterprise-name", "Acme Offline Edit").await;
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
    wait_for_text(&alice, ".sync-status", "1 conflict to resolve").await;
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
    click(
        &alice,
        "//li[@class='conflict']//button[normalize-space()='Keep mine']",
    )
    .await;
    wait_for_text(&alice, ".sync-status", "Online, no pending changes").await;
    wait_for_text(&bob, ".enterprise-name", "Alice's name").await;

    alice.close().await;
    bob.close().await;
    served.stop().await;
    let mut page = page;
    page.stop().await;
}

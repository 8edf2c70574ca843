//! Connected mode end to end: "two browser sessions against one server see each
//! other's changes; a session that goes offline, edits, and comes back syncs its edits". The API
//! is a real `portal serve` (in-process) over SQLite; the page comes from another one, as from a
//! static host, so that it still loads while the API is away (CORS between them); each session
//! is a Chromium profile of its own. A token that may read only part of the state connects, and
//! its pages show the refusals.

use std::io::{Read, Write};

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

/// Starts, in the window WebDriver is on, a person renaming the enterprise to each of `names`
/// in turn through General's Edit dialog, as fast as the page takes it; it runs on in the page
/// while the test goes on, and counts what it did in `window.renamed`.
async fn start_renaming(session: &Session, names: Vec<String>) {
    let script = r#"
        const names = arguments[0];
        window.renamed = 0;
        const tick = () => new Promise(resolve => setTimeout(resolve, 0));
        const button = (within, name) =>
            [...within.querySelectorAll('button')].find(b => b.textContent.trim() === name);
        (async () => {
            for (const name of names) {
                button(document.querySelector("section[aria-labelledby='enterprise-heading']"), 'Edit').click();
                let dialog;
                while (!(dialog = document.querySelector('dialog[open]'))) await tick();
                const input = dialog.querySelector('input[type=text]');
                input.value = name;
                input.dispatchEvent(new Event('input', { bubbles: true }));
                button(dialog, 'Save').click();
                while (document.querySelector('dialog[open]')) await tick();
                window.renamed += 1;
            }
        })().catch(e => { window.renameFailed = String(e); });
        return true;
    "#;
    let names = serde_json::json!(names);
    session
        .client
        .execute(script, vec![names])
        .await
        .expect("the renames start");
}

/// Two tabs of one connected page, both offline, queue changes at the same moments, many times
/// over: the tabs share one outbox, each change queued in one IndexedDB transaction, so when the
/// server is back every change reaches it once, sent by the tab that holds the token.
#[tokio::test]
async fn two_tabs_queuing_offline_at_the_same_moments_lose_no_change() {
    const RENAMES: usize = 20;
    let page = Served::start().await;
    let mut served = Served::start_api(&page.url()).await;
    let token = served.bootstrap.enterprise_token.token.clone();
    let session = Session::open(&page.url()).await;
    connect(&session, &served.url(), &token).await;
    let first = session.client.window().await.unwrap();
    let second = session.client.new_window(false).await.unwrap().handle;
    session
        .client
        .switch_to_window(second.clone())
        .await
        .unwrap();
    session.visit("/settings/enterprise/general").await;
    session.ready().await;
    session
        .wait_for_text(".sync-status", "Waiting for the token")
        .await;

    served.stop().await;
    let names =
        |tab: &str| -> Vec<String> { (1..=RENAMES).map(|n| format!("Tab {tab} {n}")).collect() };
    start_renaming(&session, names("B")).await;
    session
        .client
        .switch_to_window(first.clone())
        .await
        .unwrap();
    start_renaming(&session, names("A")).await;
    for window in [&first, &second] {
        session
            .client
            .switch_to_window(window.clone())
            .await
            .unwrap();
        session
            .until_true(
                &format!(
                    "return window.renameFailed === undefined && window.renamed === {RENAMES};"
                ),
                "each tab's renames, queued offline",
            )
            .await;
    }

    served.resume().await;
    session.client.switch_to_window(first).await.unwrap();
    session
        .wait_for_text(".sync-status", "Online, no pending changes")
        .await;
    let url = served.url();
    let log = tokio::task::spawn_blocking(move || {
        get(&url, "/v2/enterprises/audits?limit=1000", &token).to_string()
    })
    .await
    .expect("the audit log is read");
    for name in names("A").into_iter().chain(names("B")) {
        let applied = log.matches(&format!(" to {name}\"")).count();
        assert_eq!(
            applied, 1,
            "the rename to {name} reached the server {applied} times"
        );
    }
    session.close().await;
    served.stop().await;
    let mut page = page;
    page.stop().await;
}

/// `GET path` with a bearer token: the JSON answer.
fn get(base_url: &str, path: &str, token: &str) -> serde_json::Value {
    call(base_url, "GET", path, token, "")
}

/// `POST path` with a bearer token and a JSON body: the JSON answer.
fn post(base_url: &str, path: &str, token: &str, body: &str) -> serde_json::Value {
    call(base_url, "POST", path, token, body)
}

/// A request over plain HTTP/1.1 that must be answered 200: the JSON answer.
fn call(base_url: &str, method: &str, path: &str, token: &str, body: &str) -> serde_json::Value {
    let address = base_url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(address).expect("the API server");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").expect("an HTTP answer");
    assert!(head.starts_with("HTTP/1.1 200"), "{answer}");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

/// Seed 001: a Read Only Service Account has no org-read, org-user-read, org-db-view nor
/// org-billing-read. Connected with such a token, the page's copy holds the enterprise and the
/// token, and each page says what the token is refused instead of showing an empty list; no other
/// user's address reaches the browser.
#[tokio::test]
async fn a_token_that_reads_part_of_the_state_sees_each_page_refuse_the_rest() {
    let served = Served::start().await;
    let admin = served.bootstrap.organization_token.token.clone();
    let org = served.bootstrap.organization_id.clone();
    let role = portal_core::api::access::default_role("Read Only Service Account");
    let body = serde_json::json!({"roles": [role.id], "description": "dashboard"}).to_string();
    // The server answers on this test's runtime: the blocking call goes on a thread of its own.
    let url = served.url();
    let issued = tokio::task::spawn_blocking(move || post(&url, "/v2/tokens", &admin, &body))
        .await
        .expect("the request");
    let token = issued["token"].as_str().expect("a token").to_owned();

    let session = Session::open(&served.url()).await;
    connect(&session, &served.url(), &token).await;
    let pages = [
        (
            "/settings/enterprise/overview".to_owned(),
            ".organizations-hidden",
            "switch to the enterprise",
        ),
        (
            format!("/settings/organizations/{org}/general"),
            ".organization-hidden",
            "org-read",
        ),
        (
            format!("/settings/organizations/{org}/users"),
            ".user-unreadable",
            "org-user-read",
        ),
        (
            format!("/settings/organizations/{org}/databases"),
            ".databases-hidden",
            "org-db-view",
        ),
        (
            format!("/settings/organizations/{org}/billing"),
            ".billing-hidden",
            "org-billing-read",
        ),
    ];
    for (path, refusal, naming) in pages {
        // A reload opens the copy at once; the token is asked for again.
        session.visit(&path).await;
        session.ready().await;
        session.wait_for_text(refusal, naming).await;
        let text = session.text("body").await;
        assert!(!text.contains("admin@e2e.test"), "{path}: {text}");
    }
    session.screenshot("connected_partial_copy_billing").await;
    session.close().await;
    let mut served = served;
    served.stop().await;
}

//! Connected mode without a server at hand: a refused connection says why and changes
//! nothing; a connection of an earlier visit opens from its copy in IndexedDB while the server is
//! away, asks for the token again (it is never stored), and keeps an edit in the outbox; a copy
//! of only part of the state renders every page with the refusals; while connected, the
//! portal's own data is out of reach, and Disconnect serves it again as it was.

use crate::support::{
    demo_state, fixture_time, forget, keep_connection, org_id, seed, started, until, visible_text,
    Mounted, NOBODY,
};
use leptos::prelude::*;
use portal::connection::{self, Remote, OUTBOX, REMOTE};
use portal::portal::{Config, DataError};
use portal::store::indexed_db::{IdbStore, DATABASE};
use portal_core::api::visibility::Visibility;
use portal_core::api::{Actor, Method, Principal};
use portal_core::model::demo::demo;
use portal_core::model::{export, ApplicationToken, Credentials, Scope, SeededEntropy, State};
use portal_core::rbac::DefaultRole;
use portal_core::store::Storage;
use portal_core::sync::Outbox;
use wasm_bindgen_test::*;

/// Deletes the server's copy and the own data.
async fn forget_both() {
    forget(connection::DATABASE).await;
    forget(DATABASE).await;
}

/// The page as a visit starts it: over its own database, taking up the kept connection.
fn visit(path: &str) -> Mounted {
    Mounted::with(path, Config::default(), fixture_time())
}

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
    let mut outbox = Outbox::new("browser-test");
    outbox.revision = 1;
    keep_connection(&copy, &boot.enterprise_token.client_id, &outbox).await;

    seed(DATABASE, &demo_state()).await;
    let app = visit("/settings/enterprise/general");
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
    forget_both().await;
}

/// A connected copy holds only what its token may read (the server's feed, `api::visibility`).
/// Over the copy a Read Only Service Account's connection keeps (seed 001: no org-read,
/// org-user-read, org-token-read, org-db-view, org-billing-read, org-role-read nor
/// org-audits-read), every page renders, and shows the refusal where the token is refused rather
/// than an empty list.
#[wasm_bindgen_test]
async fn a_copy_of_what_a_read_only_service_account_reads_shows_each_pages_refusal() {
    let mut state = demo_state();
    let production = org_id(&state, "Acme Production");
    let credentials = Credentials::generate(&mut SeededEntropy::new(11));
    let read_only = DefaultRole::find("Read Only Service Account").unwrap();
    state.tokens.insert(
        credentials.client_id.clone(),
        ApplicationToken {
            client_id: credentials.client_id.clone(),
            hash: credentials.hash(),
            roles: vec![read_only.id.to_owned()],
            scope: Scope::Organization(production.clone()),
            description: "dashboard".into(),
            generated_on: fixture_time(),
            generated_by: String::new(),
            token_expiry: None,
            last_used: None,
        },
    );
    let actor = Actor {
        principal: Principal::Token(credentials.client_id.clone()),
        scope: Scope::Organization(production.clone()),
    };
    let copy = Visibility::of(&state, &actor).state();
    assert!(copy.organizations.is_empty() && copy.users.is_empty() && copy.billing.is_empty());
    keep_connection(&copy, &credentials.client_id, &Outbox::new("browser-test")).await;
    seed(DATABASE, &demo_state()).await;

    let org = |page: &str| format!("/settings/organizations/{production}/{page}");
    let pages = [
        (
            "/settings/enterprise/overview".to_owned(),
            "The organizations are hidden",
        ),
        (
            "/settings/enterprise/overview".to_owned(),
            "usage and credits are hidden",
        ),
        ("/settings/enterprise/users".to_owned(), "ent-user-read"),
        (
            "/settings/enterprise/tokens".to_owned(),
            "These tokens are hidden",
        ),
        (org("general"), "The organization's details are hidden"),
        (org("users"), "org-user-read"),
        (org("roles"), "org-role-read"),
        (org("tokens"), "org-token-read"),
        (org("databases"), "The databases are hidden"),
        (org("billing"), "The billing details are hidden"),
        (org("audit"), "org-audits-read"),
        ("/access".to_owned(), "Access"),
        ("/usage".to_owned(), "Usage"),
    ];
    for (path, refusal) in pages {
        let app = visit(&path);
        app.wait_for("[data-portal-ready]").await;
        app.wait_for_text(|t| t.contains("Waiting for the token"), "the copy opened")
            .await;
        app.wait_for_text(|t| t.contains(refusal), &format!("{path}: {refusal}"))
            .await;
        // Nothing the token may not read is on the page.
        let text = visible_text();
        assert!(!text.contains("ana.dba@acme.example"), "{path}: {text}");
        assert!(!text.contains("4242"), "{path}: {text}");
        drop(app);
    }
    forget_both().await;
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

/// A portal that took up the connection of an earlier visit, over its own data named
/// "Own Data" (the server's copy keeps the demo's name), with the owner to clean it up.
async fn connected_over_own_data() -> (Owner, portal::portal::Portal) {
    let (copy, boot) = demo(fixture_time(), &mut SeededEntropy::new(7));
    keep_connection(
        &copy,
        &boot.enterprise_token.client_id,
        &Outbox::new("browser-test"),
    )
    .await;
    let mut own = demo_state();
    own.enterprise.name = "Own Data".into();
    seed(DATABASE, &own).await;
    let owner = Owner::new();
    let portal = started(&owner, Config::default()).await;
    assert!(untrack(|| portal.sync_view()).is_some(), "connected");
    assert_eq!(
        portal.state_untracked().unwrap().enterprise.name,
        copy.enterprise.name
    );
    (owner, portal)
}

/// The own data as IndexedDB holds it.
async fn stored_own_data() -> State {
    let mut store = IdbStore::open(DATABASE).await.unwrap();
    let stored = store.load().await.unwrap().unwrap();
    store.close();
    stored
}

/// Export, import and replace act on this browser's own data, which a connected portal doesn't
/// show: the handle refuses them, whatever a page offers, and the own data stays as it was.
#[wasm_bindgen_test]
async fn the_own_data_is_refused_while_connected() {
    let (owner, portal) = connected_over_own_data().await;
    assert_eq!(portal.export().await, Err(DataError::Connected));
    let document = export(&demo_state());
    assert_eq!(portal.import(&document).await, Err(DataError::Connected));
    assert_eq!(portal.reset(demo_state()).await, Err(DataError::Connected));
    assert!(untrack(|| portal.sync_view()).is_some(), "still connected");
    assert_eq!(stored_own_data().await.enterprise.name, "Own Data");

    owner.cleanup();
    forget_both().await;
}

/// Disconnect serves the portal's own data again as it was before connecting, acted on as
/// before, and no later visit takes the connection up.
#[wasm_bindgen_test]
async fn disconnecting_serves_the_own_data_again() {
    let (owner, portal) = connected_over_own_data().await;
    portal.disconnect().await.unwrap();
    assert!(untrack(|| portal.sync_view()).is_none(), "disconnected");
    assert_eq!(
        portal.state_untracked().unwrap().enterprise.name,
        "Own Data"
    );
    assert!(portal.export().await.is_ok());
    let response = portal
        .request(
            &Scope::Enterprise,
            Method::Patch,
            "/v2/enterprises/current",
            Some(serde_json::json!({"name": "Own Data, renamed"})),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.body_text());
    assert_eq!(stored_own_data().await.enterprise.name, "Own Data, renamed");
    let store = IdbStore::open(connection::DATABASE).await.unwrap();
    let remote: Option<Remote> = store.get_meta(REMOTE).await.unwrap();
    store.close();
    assert_eq!(remote, None, "the connection is forgotten");

    owner.cleanup();
    forget_both().await;
}

/// Disconnect reaches every open tab at once: the other tab of the connection serves its own
/// data again without a reload, and acts as someone of it rather than as the forgotten token.
#[wasm_bindgen_test]
async fn disconnecting_in_one_tab_disconnects_the_others() {
    let (first_owner, first) = connected_over_own_data().await;
    let second_owner = Owner::new();
    let second = started(&second_owner, Config::default()).await;
    assert!(
        untrack(|| second.sync_view()).is_some(),
        "both tabs connected"
    );

    first.disconnect().await.unwrap();
    until("the other tab to serve its own data again", || {
        let own = second
            .state_untracked()
            .is_some_and(|state| state.enterprise.name == "Own Data");
        (own && untrack(|| second.sync_view()).is_none()).then_some(())
    })
    .await;
    assert!(
        matches!(untrack(|| second.principal()), Some(Principal::User(_))),
        "a user of the own data acts"
    );
    assert!(second.export().await.is_ok(), "the own data is in reach");

    first_owner.cleanup();
    second_owner.cleanup();
    forget_both().await;
}

/// A connection made in another tab is taken up at once by the tabs of the earlier one: they
/// read the new copy and wait for its token. The other tab is played by what its Connect leaves:
/// the new connection in IndexedDB, and the announcement on the tabs' channel.
#[wasm_bindgen_test]
async fn a_connection_made_in_another_tab_is_taken_up_at_once() {
    let (owner, portal) = connected_over_own_data().await;
    let (copy, boot) = demo(fixture_time(), &mut SeededEntropy::new(8));
    let client_id = boot.enterprise_token.client_id;
    keep_connection(&copy, &client_id, &Outbox::new("another-tab")).await;
    let channel = web_sys::BroadcastChannel::new(&format!("portal:{DATABASE}")).unwrap();
    channel.post_message(&"changed".into()).unwrap();
    channel.close();

    until("the tab to take up the new connection", || {
        untrack(|| portal.sync_view())
            .filter(|sync| sync.remote.token_client_id == client_id)
            .map(|sync| assert!(sync.needs_token, "its token is asked for"))
    })
    .await;
    assert_eq!(
        untrack(|| portal.principal()),
        Some(Principal::Token(client_id)),
        "the new connection's token acts"
    );

    owner.cleanup();
    forget_both().await;
}

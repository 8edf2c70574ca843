//! What the page suites share: mounting the app at a path over an IndexedDB database of the
//! test's own (seeded with a deterministic demo state, so the test knows its IDs), waiting for
//! the page to settle, and driving controls as a person would. Each suite uses part of it.
#![allow(dead_code)]

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use portal::connection::{self, Remote, OUTBOX, REMOTE};
use portal::portal::{Config, Portal, Status};
use portal::store::indexed_db::IdbStore;
use portal::App;
use portal_core::api::{Method, Response};
use portal_core::fixtures::bulk::{grow, Growth};
use portal_core::model::demo::demo;
use portal_core::model::{ApplicationToken, Database, Organization, Scope, SeededEntropy, State};
use portal_core::store::Storage;
use portal_core::sync::Outbox;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn location_path() -> String {
    web_sys::window().unwrap().location().pathname().unwrap()
}

/// The instant the page suites' demo state is made at; every mounted app's clock runs from it,
/// so that "the current month" is the fixture's month whatever the day the suites run.
pub fn fixture_time() -> DateTime<Utc> {
    "2026-11-22T10:00:00Z".parse().unwrap()
}

/// The demo state every page suite starts from: the same IDs every run.
pub fn demo_state() -> State {
    demo_state_at(fixture_time())
}

/// The demo with three users invited through the core's handlers: the demo has no emails, and
/// this has their invitations.
pub fn demo_with_invitations() -> State {
    let mut state = demo_state();
    let growth = Growth {
        users: 3,
        roles: 0,
        tokens: 0,
    };
    grow(
        &mut state,
        growth,
        fixture_time(),
        &mut SeededEntropy::new(3),
    )
    .unwrap();
    state
}

/// The demo state as made at `now` (its usage runs up to that day).
pub fn demo_state_at(now: DateTime<Utc>) -> State {
    demo(now, &mut SeededEntropy::new(7)).0
}

/// How long any wait in the suites may take. Generous, since a loaded machine renders slowly;
/// a wait returns as soon as what it waits for holds.
const DEADLINE_MS: f64 = 30_000.0;

/// Polls `probe` until it finds what it looks for. Past the deadline, fails saying what it
/// waited for, where, and what the page showed instead.
pub async fn until<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let started = js_sys::Date::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        if js_sys::Date::now() - started > DEADLINE_MS {
            panic!(
                "waited {} s for {what} at {}; the page showed:\n{}",
                DEADLINE_MS / 1000.0,
                location_path(),
                visible_text()
            );
        }
        TimeoutFuture::new(10).await;
    }
}

/// The text a person sees on the page, as the browser lays it out.
pub fn visible_text() -> String {
    document()
        .body()
        .map(|body| body.inner_text())
        .unwrap_or_default()
}

/// The one of `records` that `is` picks; a test that names a record the demo lacks stops there.
fn demo_record<'a, T>(
    mut records: impl Iterator<Item = &'a T>,
    is: impl Fn(&T) -> bool,
    what: &str,
) -> &'a T {
    records
        .find(|record| is(record))
        .unwrap_or_else(|| panic!("no {what} in the demo data"))
}

/// The ID of the demo organization named `name`.
pub fn org_id(state: &State, name: &str) -> String {
    let is = |o: &Organization| o.name == name;
    let found = demo_record(state.organizations.values(), is, name);
    found.id.clone()
}

/// The ID of the demo user with this email.
pub fn user_id(state: &State, email: &str) -> String {
    state
        .user_by_email(email)
        .unwrap_or_else(|| panic!("no user {email}"))
        .id
        .clone()
}

/// The demo token with this description.
pub fn token_described<'a>(state: &'a State, description: &str) -> &'a ApplicationToken {
    let is = |t: &ApplicationToken| t.description == description;
    demo_record(state.tokens.values(), is, description)
}

/// The ID of the demo database named `name`.
pub fn database_id(state: &State, name: &str) -> String {
    let is = |d: &Database| d.name == name;
    let found = demo_record(state.databases.values(), is, name);
    found.id.clone()
}

/// Writes `state` into the IndexedDB database `name`, replacing whatever was there.
pub async fn seed(name: &'static str, state: &State) {
    let mut store = IdbStore::open(name).await.unwrap();
    store.replace(state).await.unwrap();
    store.close();
}

thread_local! {
    /// The app mounted now, as its owner and container. A test that fails aborts (wasm has no
    /// unwinding), so its `Mounted` is never dropped; the next mount unmounts it, or its router,
    /// still listening for clicks on the window, would take every later test's links.
    static LIVE: RefCell<Option<(Owner, HtmlElement)>> = const { RefCell::new(None) };
}

/// Unmounts what a failed test left in the page.
fn unmount_leftover() {
    if let Some((owner, container)) = LIVE.take() {
        owner.cleanup();
        container.remove();
    }
}

/// The app mounted at a path; it unmounts when dropped. One is mounted at a time.
///
/// The app runs under an owner of our own so that dropping the guard runs the router's cleanups
/// (its window click listener among them): tests share one page, and a stale router would take
/// the next test's clicks.
pub struct Mounted {
    pub container: HtmlElement,
    owner: Owner,
    handle: Option<Box<dyn std::any::Any>>,
}

impl Mounted {
    /// Mounts the app at `path` over the IndexedDB database `database`, its clock at the
    /// fixture's time.
    pub fn at(path: &str, database: &'static str) -> Mounted {
        Mounted::at_time(path, database, fixture_time())
    }

    /// Mounts the app at `path` over `database`, its clock running from `now`. The app leaves
    /// the browser's kept connection to the suite that tests it.
    pub fn at_time(path: &str, database: &'static str, now: DateTime<Utc>) -> Mounted {
        Mounted::with(path, own_data(database), now)
    }

    /// Mounts the app at `path` started with `config`, its clock running from `now`.
    pub fn with(path: &str, config: Config, now: DateTime<Utc>) -> Mounted {
        unmount_leftover();
        portal::clock::run_from(now);
        let window = web_sys::window().unwrap();
        window
            .history()
            .unwrap()
            .replace_state_with_url(&JsValue::NULL, "", Some(path))
            .unwrap();
        let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&container).unwrap();
        let owner = Owner::new();
        let handle = owner.with(|| mount_to(container.clone(), move || view! { <App config/> }));
        LIVE.set(Some((owner.clone(), container.clone())));
        Mounted {
            container,
            owner,
            handle: Some(Box::new(handle)),
        }
    }

    /// Mounts the app over a database seeded with `state`, and waits until it has loaded.
    pub async fn seeded(path: &str, database: &'static str, state: &State) -> Mounted {
        Mounted::seeded_at(path, database, state, fixture_time()).await
    }

    /// [`Mounted::seeded`] with the app's clock running from `now`.
    pub async fn seeded_at(
        path: &str,
        database: &'static str,
        state: &State,
        now: DateTime<Utc>,
    ) -> Mounted {
        seed(database, state).await;
        let app = Mounted::at_time(path, database, now);
        app.wait_for("[data-portal-ready]").await;
        app
    }

    pub fn find(&self, selector: &str) -> Option<Element> {
        self.container.query_selector(selector).unwrap()
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.container.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.unchecked_into())
            .collect()
    }

    pub fn text_of(&self, selector: &str) -> Option<String> {
        self.find(selector).and_then(|e| e.text_content())
    }

    /// The element, once it exists (renders and requests settle over a few ticks).
    pub async fn wait_for(&self, selector: &str) -> Element {
        until(&format!("an element matching {selector}"), || {
            self.find(selector)
        })
        .await
    }

    /// Waits until `check` holds of the container's text.
    pub async fn wait_for_text(&self, check: impl Fn(&str) -> bool, what: &str) {
        until(what, || {
            check(&self.container.text_content().unwrap_or_default()).then_some(())
        })
        .await
    }

    /// Waits until the element's trimmed text is `expected`.
    pub async fn text_becomes(&self, selector: &str, expected: &str) {
        until(&format!("{selector} to read {expected:?}"), || {
            (self.text_of(selector).as_deref().map(str::trim) == Some(expected)).then_some(())
        })
        .await
    }

    /// The main heading, once rendered.
    pub async fn heading(&self) -> String {
        self.wait_for("main h1")
            .await
            .text_content()
            .unwrap_or_default()
    }

    /// Clicks the first button (or link) whose text or accessible name is `name`.
    pub async fn click(&self, name: &str) {
        let element = until(&format!("a button or link named {name:?}"), || {
            self.all("button, a, summary").into_iter().find(|e| {
                e.text_content().is_some_and(|t| t.trim() == name)
                    || e.get_attribute("aria-label").as_deref() == Some(name)
            })
        })
        .await;
        element.unchecked_into::<HtmlElement>().click();
        TimeoutFuture::new(0).await;
    }

    /// Clicks the button named `name` in the open dialog (the page may have one of the same
    /// name, such as the one that opened it).
    pub async fn click_in_dialog(&self, name: &str) {
        let selector = "dialog[open] button";
        let button = until(&format!("a button {name:?} in the open dialog"), || {
            self.all(selector)
                .into_iter()
                .find(|b| b.text_content().is_some_and(|t| t.trim() == name))
        })
        .await;
        button.unchecked_into::<HtmlElement>().click();
        TimeoutFuture::new(0).await;
    }

    /// Types `value` into the input, select or textarea with that label text (or selector).
    pub async fn fill(&self, selector: &str, value: &str) {
        let element = self.wait_for(selector).await;
        let input: HtmlInputElement = element.unchecked_into();
        input.set_value(value);
        let event = web_sys::Event::new("input").unwrap();
        input.dispatch_event(&event).unwrap();
        let event = web_sys::Event::new("change").unwrap();
        input.dispatch_event(&event).unwrap();
        TimeoutFuture::new(0).await;
    }

    /// Checks or clears the checkbox `selector` finds, as a click would, and sees that it took.
    pub async fn tick(&self, selector: &str, on: bool) {
        let input: HtmlInputElement = self.wait_for(selector).await.unchecked_into();
        if input.checked() != on {
            input.unchecked_ref::<HtmlElement>().click();
        }
        TimeoutFuture::new(0).await;
        assert_eq!(input.checked(), on, "{selector}");
    }

    /// Chooses the demo user with this email in the header's "acting as" select.
    pub async fn act_as(&self, state: &State, email: &str) {
        self.act_as_id(&user_id(state, email)).await;
    }

    /// Opens the header's "acting as" menu, whose select lists the users only while it is
    /// open, chooses the user with this ID and signs in as them.
    pub async fn act_as_id(&self, id: &str) {
        let menu: web_sys::HtmlDetailsElement =
            self.wait_for("details.acting-as").await.unchecked_into();
        menu.set_open(true);
        self.wait_for(&format!(".acting-as select option[value='{id}']"))
            .await;
        self.fill(".acting-as select", id).await;
        self.click("Sign in").await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        LIVE.set(None);
        self.handle.take();
        self.owner.cleanup();
        self.container.remove();
    }
}

/// Waits for the open dialog to close, and then for its `close` event: the Dialog clears its
/// signal on that event, which is queued as a task and would close a dialog reopened at once.
pub async fn dialog_closes(app: &Mounted) {
    until("the dialog to close", || {
        app.find("dialog[open]").is_none().then_some(())
    })
    .await;
    TimeoutFuture::new(50).await;
}

/// The checkbox of this access method in "Which role should I assign?" (seed 001's words).
pub fn access_method(name: &str) -> String {
    format!(".role-advisor input[name='access-method'][value='{name}']")
}

/// The roles "Which role should I assign?" recommends, each with the reason beside it.
pub fn role_advice(app: &Mounted) -> Vec<(String, String)> {
    let part = |li: &Element, class: &str| {
        li.query_selector(class)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    };
    app.all(".role-advice-roles li")
        .iter()
        .map(|li| {
            (
                part(li, ".role-advice-role"),
                part(li, ".role-advice-reason"),
            )
        })
        .collect()
}

/// Chooses a file with `text` in a file input, as the file picker would.
pub fn choose_file(input: &HtmlInputElement, name: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let file = web_sys::File::new_with_str_sequence(&parts, name).unwrap();
    let get = |target: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(target, &key.into()).unwrap()
    };
    let constructor: js_sys::Function = get(&js_sys::global(), "DataTransfer").unchecked_into();
    let transfer = js_sys::Reflect::construct(&constructor, &js_sys::Array::new()).unwrap();
    let items = get(&transfer, "items");
    let add: js_sys::Function = get(&items, "add").unchecked_into();
    add.call1(&items, &file).unwrap();
    input.set_files(Some(get(&transfer, "files").unchecked_ref()));
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Nobody listens on the discard port of this machine.
pub const NOBODY: &str = "http://127.0.0.1:9";

/// What a connection of an earlier visit leaves in IndexedDB: the copy, the server's address
/// ([`NOBODY`]: the server is away), the token's clientId (not the token) and the outbox.
pub async fn keep_connection(copy: &State, token_client_id: &str, outbox: &Outbox) {
    seed(connection::DATABASE, copy).await;
    let store = IdbStore::open(connection::DATABASE).await.unwrap();
    let remote = Remote {
        base_url: NOBODY.into(),
        token_client_id: token_client_id.into(),
    };
    store.put_meta(REMOTE, Some(&remote)).await.unwrap();
    store.put_meta(OUTBOX, Some(outbox)).await.unwrap();
    store.close();
}

/// Deletes a test's database.
pub async fn forget(name: &str) {
    let _ = indexed_db_futures::database::Database::delete_by_name(name)
        .unwrap()
        .await;
}

/// How the suites start a portal: over the IndexedDB database `database` alone, leaving the
/// browser's kept connection to the suite that tests it, and without the service worker the
/// test runner's page doesn't have.
pub fn own_data(database: &'static str) -> Config {
    Config {
        database,
        resume_connection: false,
        offline: false,
    }
}

/// A portal handle without a page, started with `config` under `owner`, once it has loaded: for
/// the suites that drive the handle itself.
pub async fn started(owner: &Owner, config: Config) -> Portal {
    // Mounting anything starts Leptos's task executor, which the portal's loading uses.
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    drop(mount_to(host, || ()));
    let portal = owner.with(|| Portal::start(config));
    until("the portal to load", || {
        (portal.status_untracked() == Status::Ready).then_some(())
    })
    .await;
    portal
}

/// Renames the enterprise through the portal's handle, as its General page does.
pub async fn rename_enterprise(portal: Portal, name: &str) -> Response {
    portal
        .request(
            &Scope::Enterprise,
            Method::Patch,
            "/v2/enterprises/current",
            Some(serde_json::json!({ "name": name })),
        )
        .await
}

/// The files the page offers for download while this lives, kept as the page makes them (the
/// Blob each download's address is made of, `URL.createObjectURL`), for a test to read; the
/// browser's own function is put back when it is dropped.
pub struct Downloads {
    files: js_sys::Array,
    original: JsValue,
}

impl Downloads {
    pub fn capture() -> Downloads {
        let url = js_sys::Reflect::get(&js_sys::global(), &"URL".into()).unwrap();
        let original = js_sys::Reflect::get(&url, &"createObjectURL".into()).unwrap();
        let files = js_sys::Array::new();
        let hook = js_sys::Function::new_with_args(
            "files, original",
            "return function (blob) { files.push(blob); return original.call(URL, blob); };",
        )
        .call2(&JsValue::NULL, &files, &original)
        .unwrap();
        js_sys::Reflect::set(&url, &"createObjectURL".into(), &hook).unwrap();
        Downloads { files, original }
    }

    /// The text of the `index`th file offered (from 0), once it is.
    pub async fn text(&self, index: u32) -> String {
        let what = format!("download number {} to be offered", index + 1);
        let blob: web_sys::Blob = until(&what, || {
            let file = self.files.get(index);
            (!file.is_undefined()).then(|| file.unchecked_into())
        })
        .await;
        let text = wasm_bindgen_futures::JsFuture::from(blob.text()).await;
        text.unwrap().as_string().unwrap()
    }
}

impl Drop for Downloads {
    fn drop(&mut self) {
        let url = js_sys::Reflect::get(&js_sys::global(), &"URL".into()).unwrap();
        js_sys::Reflect::set(&url, &"createObjectURL".into(), &self.original).unwrap();
    }
}

//! What the page suites share: mounting the app at a path over an IndexedDB database of the
//! test's own (seeded with a deterministic demo state, so the test knows its IDs), waiting for
//! the page to settle, and driving controls as a person would. Each suite uses part of it.
#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::*;
use portal::store::indexed_db::IdbStore;
use portal::App;
use portal_core::model::demo::demo;
use portal_core::model::{SeededEntropy, State};
use portal_core::store::Backend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn location_path() -> String {
    web_sys::window().unwrap().location().pathname().unwrap()
}

/// The demo state every page suite starts from: the same IDs every run.
pub fn demo_state() -> State {
    demo(
        "2026-11-22T10:00:00Z".parse().unwrap(),
        &mut SeededEntropy::new(7),
    )
    .0
}

/// The ID of the demo organization named `name`.
pub fn org_id(state: &State, name: &str) -> String {
    state
        .organizations
        .values()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no organization {name}"))
        .id
        .clone()
}

/// The ID of the demo user with this email.
pub fn user_id(state: &State, email: &str) -> String {
    state
        .user_by_email(email)
        .unwrap_or_else(|| panic!("no user {email}"))
        .id
        .clone()
}

/// The ID of the demo database named `name`.
pub fn database_id(state: &State, name: &str) -> String {
    state
        .databases
        .values()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("no database {name}"))
        .id
        .clone()
}

/// Writes `state` into the IndexedDB database `name`, replacing whatever was there.
pub async fn seed(name: &'static str, state: &State) {
    let store = IdbStore::open(name).await.unwrap();
    let mut backend = Backend::open(store, || state.clone()).await.unwrap();
    backend.reset(state.clone()).await.unwrap();
    backend.into_storage().close();
}

/// The app mounted at a path; it unmounts when dropped.
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
    /// Mounts the app at `path` over the IndexedDB database `database`.
    pub fn at(path: &str, database: &'static str) -> Mounted {
        let window = web_sys::window().unwrap();
        window
            .history()
            .unwrap()
            .replace_state_with_url(&JsValue::NULL, "", Some(path))
            .unwrap();
        let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&container).unwrap();
        let owner = Owner::new();
        let handle = owner.with(|| mount_to(container.clone(), move || view! { <App database/> }));
        Mounted {
            container,
            owner,
            handle: Some(Box::new(handle)),
        }
    }

    /// Mounts the app over a database seeded with `state`, and waits until it has loaded.
    pub async fn seeded(path: &str, database: &'static str, state: &State) -> Mounted {
        seed(database, state).await;
        let app = Mounted::at(path, database);
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
        for _ in 0..300 {
            if let Some(element) = self.find(selector) {
                return element;
            }
            TimeoutFuture::new(10).await;
        }
        panic!("nothing matches {selector} at {}", location_path());
    }

    /// Waits until `check` holds of the container's text.
    pub async fn wait_for_text(&self, check: impl Fn(&str) -> bool, what: &str) {
        for _ in 0..300 {
            if check(&self.container.text_content().unwrap_or_default()) {
                return;
            }
            TimeoutFuture::new(10).await;
        }
        panic!("the page never showed {what}");
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
        for _ in 0..300 {
            let found = self.all("button, a, summary").into_iter().find(|e| {
                e.text_content().is_some_and(|t| t.trim() == name)
                    || e.get_attribute("aria-label").as_deref() == Some(name)
            });
            if let Some(element) = found {
                element.unchecked_into::<HtmlElement>().click();
                TimeoutFuture::new(0).await;
                return;
            }
            TimeoutFuture::new(10).await;
        }
        panic!("no button or link named {name} at {}", location_path());
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
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.handle.take();
        self.owner.cleanup();
        self.container.remove();
    }
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

/// Deletes a test's database.
pub async fn forget(name: &str) {
    let _ = indexed_db_futures::database::Database::delete_by_name(name)
        .unwrap()
        .await;
}

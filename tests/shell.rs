//! The app shell mounted in a real Chromium page: routes, headings, navigation.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::mount::mount_to;
use leptos::prelude::Owner;
use portal::scope::SettingsScope;
use portal::App;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{HtmlAnchorElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const ORG: &str = "7d1c5b0e-3f4a-4b8e-9a62-2f0d6c1e8b47";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn location_path() -> String {
    web_sys::window().unwrap().location().pathname().unwrap()
}

/// Mounts the app at `path` in a fresh container; it unmounts when the guard is dropped.
///
/// The app runs under an owner of our own so that dropping the guard runs the router's cleanups
/// (its window click listener among them): tests share one page, and a stale router would take
/// the next test's clicks.
struct Mounted {
    container: HtmlElement,
    owner: Owner,
    handle: Option<Box<dyn std::any::Any>>,
}

impl Mounted {
    fn at(path: &str) -> Mounted {
        let window = web_sys::window().unwrap();
        window
            .history()
            .unwrap()
            .replace_state_with_url(&JsValue::NULL, "", Some(path))
            .unwrap();
        let container: HtmlElement = document().create_element("div").unwrap().unchecked_into();
        document().body().unwrap().append_child(&container).unwrap();
        let owner = Owner::new();
        let handle = owner.with(|| mount_to(container.clone(), App));
        Mounted {
            container,
            owner,
            handle: Some(Box::new(handle)),
        }
    }

    fn text_of(&self, selector: &str) -> Option<String> {
        self.container
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.text_content())
    }

    /// The heading once rendered (routes and redirects settle over a few ticks).
    async fn heading(&self) -> String {
        for _ in 0..100 {
            if let Some(text) = self.text_of("main h1") {
                return text;
            }
            TimeoutFuture::new(10).await;
        }
        panic!("no heading rendered at {}", location_path());
    }

    /// Waits for the heading to become `expected`.
    async fn heading_becomes(&self, expected: &str) {
        for _ in 0..100 {
            if self.text_of("main h1").as_deref() == Some(expected) {
                return;
            }
            TimeoutFuture::new(10).await;
        }
        assert_eq!(self.heading().await, expected);
    }

    fn link(&self, selector: &str) -> HtmlAnchorElement {
        self.container
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no link {selector}"))
            .unchecked_into()
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.handle.take();
        self.owner.cleanup();
        self.container.remove();
    }
}

#[wasm_bindgen_test]
async fn enterprise_and_organization_pages_render_their_headings() {
    for (path, context, heading) in [
        (
            "/settings/enterprise/tokens",
            "Enterprise settings",
            "Tokens",
        ),
        (
            "/settings/enterprise/billing",
            "Enterprise settings",
            "Billing and usage",
        ),
        (
            "/settings/organizations/acme/roles",
            "Organization settings",
            "Roles",
        ),
        (
            "/settings/organizations/acme/databases",
            "Organization settings",
            "Databases",
        ),
        ("/pricing", "", "Pricing"),
        ("/access", "", "Access"),
    ] {
        let app = Mounted::at(path);
        assert_eq!(app.heading().await, heading, "{path}");
        assert_eq!(
            app.text_of("main .page-context").unwrap_or_default(),
            context,
            "{path}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_root_and_bare_scopes_redirect_to_a_page() {
    let app = Mounted::at("/");
    app.heading_becomes("Overview").await;
    assert_eq!(location_path(), "/settings/enterprise/overview");
    drop(app);

    let app = Mounted::at(&format!("/settings/organizations/{ORG}"));
    app.heading_becomes("General").await;
    assert_eq!(
        location_path(),
        format!("/settings/organizations/{ORG}/general")
    );
}

#[wasm_bindgen_test]
async fn unknown_paths_get_the_not_found_page() {
    let app = Mounted::at("/settings/enterprise/nothing-here");
    assert_eq!(app.heading().await, "Page not found");
    assert!(app
        .text_of("main")
        .unwrap()
        .contains("/settings/enterprise/nothing-here"));
}

#[wasm_bindgen_test]
async fn the_header_shows_the_current_scope_and_the_nav_follows_it() {
    let app = Mounted::at("/settings/enterprise/users");
    app.heading().await;
    assert_eq!(app.text_of(".current-scope").unwrap(), "Enterprise");
    assert!(
        app.text_of("nav").unwrap().contains("Overview"),
        "the enterprise pages are listed"
    );
    assert!(
        !app.text_of("nav").unwrap().contains("Databases"),
        "no organization pages without an organization"
    );
    drop(app);

    let app = Mounted::at(&format!("/settings/organizations/{ORG}/users"));
    app.heading().await;
    assert_eq!(
        app.text_of(".current-scope").unwrap(),
        format!("Organization {ORG}")
    );
    let databases = app.link(&format!(
        "nav a[href='/settings/organizations/{ORG}/databases']"
    ));
    databases.click();
    app.heading_becomes("Databases").await;
    assert_eq!(
        location_path(),
        format!("/settings/organizations/{ORG}/databases")
    );
    assert_eq!(
        app.text_of("nav a[aria-current=page]").unwrap(),
        "Databases"
    );
}

#[wasm_bindgen_test]
fn settings_scope_is_read_from_the_path() {
    assert_eq!(
        SettingsScope::of_path("/settings/enterprise/users"),
        Some(SettingsScope::Enterprise)
    );
    assert_eq!(
        SettingsScope::of_path("/settings/organizations/abc/roles"),
        Some(SettingsScope::Organization("abc".into()))
    );
    assert_eq!(SettingsScope::of_path("/settings/organizations/"), None);
    assert_eq!(SettingsScope::of_path("/pricing"), None);
    assert_eq!(SettingsScope::of_path(""), None);
    assert_eq!(
        SettingsScope::Organization("abc".into()).href("tokens"),
        "/settings/organizations/abc/tokens"
    );
}

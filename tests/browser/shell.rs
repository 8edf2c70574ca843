//! The app shell mounted in a real Chromium page: routes, headings, navigation.

use crate::support::{demo_state, location_path, org_id, until, visible_text, Mounted};
use portal::scope::SettingsScope;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlAnchorElement;

const ORG: &str = "7d1c5b0e-3f4a-4b8e-9a62-2f0d6c1e8b47";

const DB: &str = "portal-test-shell";

/// Waits for the heading to become `expected`.
async fn heading_becomes(app: &Mounted, expected: &str) {
    app.text_becomes("main h1", expected).await;
}

fn link(app: &Mounted, selector: &str) -> HtmlAnchorElement {
    app.find(selector)
        .unwrap_or_else(|| panic!("no link {selector}"))
        .unchecked_into()
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
        let app = Mounted::at(path, DB);
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
    let app = Mounted::at("/", DB);
    heading_becomes(&app, "Overview").await;
    assert_eq!(location_path(), "/settings/enterprise/overview");
    drop(app);

    let app = Mounted::at(&format!("/settings/organizations/{ORG}"), DB);
    heading_becomes(&app, "General").await;
    assert_eq!(
        location_path(),
        format!("/settings/organizations/{ORG}/general")
    );
}

#[wasm_bindgen_test]
async fn unknown_paths_get_the_not_found_page() {
    let app = Mounted::at("/settings/enterprise/nothing-here", DB);
    assert_eq!(app.heading().await, "Page not found");
    assert!(app
        .text_of("main")
        .unwrap()
        .contains("/settings/enterprise/nothing-here"));
}

#[wasm_bindgen_test]
async fn the_header_shows_the_current_scope_and_the_nav_follows_it() {
    let app = Mounted::at("/settings/enterprise/users", DB);
    app.heading().await;
    // The switcher names the enterprise once the state (the demo, on this first start) is read,
    // and says "Enterprise" until then; tests/pages_organizations.rs checks the names.
    let current = app.text_of(".current-scope").unwrap();
    assert!(
        ["Enterprise", "Acme Corporation"].contains(&current.as_str()),
        "{current}"
    );
    assert!(
        app.text_of("nav").unwrap().contains("Overview"),
        "the enterprise pages are listed"
    );
    assert!(
        !app.text_of("nav").unwrap().contains("Databases"),
        "no organization pages without an organization"
    );
    drop(app);

    let app = Mounted::at(&format!("/settings/organizations/{ORG}/users"), DB);
    app.heading().await;
    // An organization the state doesn't hold is named by its ID.
    assert_eq!(
        app.text_of(".current-scope").unwrap(),
        format!("Organization {ORG}")
    );
    let databases = link(
        &app,
        &format!("nav a[href='/settings/organizations/{ORG}/databases']"),
    );
    databases.click();
    heading_becomes(&app, "Databases").await;
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

/// What a view template looks like when it leaks into the page instead of rendering (a `>` in an
/// attribute's expression ends the tag early, and the rest of the template shows as text).
const TEMPLATE_SOURCE: [&str; 4] = ["move |", "on:", "=>", ".set("];

/// Every route of the app over the demo state, in the page's own words only: no template source
/// in what a person sees, and every pager's buttons read "Previous" and "Next".
#[wasm_bindgen_test]
async fn every_route_shows_text_and_no_template_source() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let mut paths: Vec<String> = [
        "general", "overview", "users", "roles", "tokens", "billing", "audit",
    ]
    .iter()
    .map(|page| format!("/settings/enterprise/{page}"))
    .collect();
    paths.extend(
        [
            "general",
            "users",
            "roles",
            "tokens",
            "billing",
            "databases",
            "customer-keys",
            "audit",
        ]
        .iter()
        .map(|page| format!("/settings/organizations/{org}/{page}")),
    );
    paths.extend(["/pricing", "/usage", "/access"].map(String::from));
    for path in &paths {
        let app = Mounted::seeded(path, DB, &state).await;
        app.heading().await;
        // The state's lists render once it is read: wait for the page to name what it holds.
        until(&format!("{path} to show the demo's enterprise"), || {
            visible_text().contains("Acme").then_some(())
        })
        .await;
        let text = visible_text();
        for source in TEMPLATE_SOURCE {
            assert!(!text.contains(source), "{path} shows {source:?}:\n{text}");
        }
        for pager in app.all(".pager") {
            let buttons: Vec<String> = (0..2)
                .map(|i| {
                    pager
                        .query_selector_all("button")
                        .unwrap()
                        .item(i)
                        .map(|b| b.unchecked_into::<web_sys::HtmlElement>().inner_text())
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(buttons, ["Previous", "Next"], "{path}");
        }
    }
}

/// A failed test aborts without dropping its app (wasm has no unwinding): the next mount takes it
/// out of the page, so that its router no longer takes the next test's clicks on links.
#[wasm_bindgen_test]
async fn an_app_left_by_a_failed_test_does_not_take_the_next_ones_clicks() {
    let left = Mounted::at("/settings/enterprise/billing", DB);
    left.heading().await;
    std::mem::forget(left);

    let app = Mounted::at(&format!("/settings/organizations/{ORG}/users"), DB);
    heading_becomes(&app, "Users").await;
    assert_eq!(
        crate::support::document()
            .query_selector_all("main")
            .unwrap()
            .length(),
        1
    );
    link(
        &app,
        &format!("nav a[href='/settings/organizations/{ORG}/databases']"),
    )
    .click();
    heading_becomes(&app, "Databases").await;
}

//! The page from the keyboard, as a screen reader user meets it: where focus goes after the skip
//! link, a route change, a menu's Escape and a closed dialog, and the title each route gives the
//! document.

use crate::support::{demo_state, document, until, Mounted};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

const DB: &str = "portal-test-keyboard";

/// The element that has focus, once `selector` matches it.
async fn focus_reaches(selector: &str) -> Element {
    until(&format!("focus on {selector}"), || {
        document()
            .active_element()
            .filter(|focused| focused.matches(selector).unwrap_or(false))
    })
    .await
}

/// Presses Escape on `target`, as the keyboard would: a keydown that bubbles.
fn press_escape(target: &Element) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &"Escape".into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &JsValue::TRUE).unwrap();
    let constructor: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"KeyboardEvent".into())
            .unwrap()
            .unchecked_into();
    let event =
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of2(&"keydown".into(), &init))
            .unwrap();
    target.dispatch_event(event.unchecked_ref()).unwrap();
}

fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn the_skip_link_moves_focus_to_the_main_content() {
    let app = Mounted::at("/settings/enterprise/users", DB);
    app.heading().await;
    click(&app.wait_for(".skip-link").await);
    focus_reaches("main#main").await;
    assert_eq!(
        web_sys::window().unwrap().location().hash().unwrap(),
        "",
        "the router took the skip link for a navigation"
    );
}

#[wasm_bindgen_test]
async fn each_route_titles_the_document_and_a_route_change_focuses_and_announces_its_page() {
    let state = demo_state();
    let org = crate::support::org_id(&state, "Acme Production");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/users"), DB, &state).await;
    let title = "Users · Acme Production · Astra Portal";
    until(&format!("the title {title:?}"), || {
        (document().title() == title).then_some(())
    })
    .await;
    // A visit starts at the top of the page, not on its heading.
    assert!(!document()
        .active_element()
        .is_some_and(|focused| focused.matches("main h1").unwrap()));

    click(
        &app.wait_for(&format!(
            "nav a[href='/settings/organizations/{org}/roles']"
        ))
        .await,
    );
    let heading = focus_reaches("main h1").await;
    assert_eq!(heading.text_content().unwrap(), "Roles");
    let title = "Roles · Acme Production · Astra Portal";
    assert_eq!(document().title(), title);
    app.text_becomes("[role=status].visually-hidden", title)
        .await;

    click(&app.wait_for("nav a[href='/pricing']").await);
    app.text_becomes("main h1", "Pricing").await;
    focus_reaches("main h1").await;
    assert_eq!(document().title(), "Pricing · Astra Portal");
}

/// The header's sync state links to the connection's settings on Enterprise → General: the router
/// takes the link, and focus lands on that part of the page, not on the page's heading.
#[wasm_bindgen_test]
async fn a_link_to_a_part_of_a_page_moves_focus_there() {
    let app = Mounted::at("/settings/enterprise/users", DB);
    app.heading().await;
    let link: HtmlElement = document().create_element("a").unwrap().unchecked_into();
    link.set_attribute("href", "/settings/enterprise/general#connection-heading")
        .unwrap();
    document().body().unwrap().append_child(&link).unwrap();
    link.click();
    let heading = focus_reaches("#connection-heading").await;
    assert_eq!(heading.text_content().unwrap(), "API connection");
    link.remove();
}

#[wasm_bindgen_test]
async fn escape_closes_a_more_menu_and_focus_returns_to_its_button() {
    let app = Mounted::seeded("/settings/enterprise/users", DB, &demo_state()).await;
    let more = app.wait_for(".user-table details summary").await;
    click(&more);
    let menu = more.parent_element().unwrap();
    assert!(menu.has_attribute("open"));
    let edit = app.wait_for(".user-table details[open] button").await;
    edit.unchecked_ref::<HtmlElement>().focus().unwrap();

    press_escape(&edit);
    assert!(!menu.has_attribute("open"), "Escape left the menu open");
    let focused = focus_reaches("summary").await;
    assert_eq!(focused, more);
}

/// Choosing who acts closes the header's "Sign in as" menu, and focus goes back to its summary,
/// which now names them.
#[wasm_bindgen_test]
async fn choosing_who_acts_closes_the_menu_and_focus_returns_to_it() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &state).await;
    // Not the first administrator, who acts at first.
    let email = "lee.billing@acme.example";
    app.act_as(&state, email).await;
    let summary = focus_reaches("details.acting-as summary").await;
    let menu = summary.parent_element().unwrap();
    assert!(!menu.has_attribute("open"), "the menu stayed open");
    assert!(
        summary.text_content().unwrap().contains(email),
        "{:?}",
        summary.text_content()
    );
}

#[wasm_bindgen_test]
async fn closing_add_organization_gives_focus_back_to_the_switcher() {
    let app = Mounted::seeded("/settings/enterprise/overview", DB, &demo_state()).await;
    click(&app.wait_for(".org-switcher summary").await);
    app.click("Add Organization").await;
    app.wait_for("dialog[open]").await;
    app.click("Cancel").await;
    focus_reaches(".org-switcher summary").await;
}

//! A database's Access list page (seeds 001 and 004: Read/Write IP Access List), driven as a
//! person would: reached from the Databases page, an address added (a bad CIDR refused beside its
//! field, by the core), the list turned on, an entry disabled, the allow check, and the controls
//! of someone who may only read the list.

use crate::support::{database_id, demo_state, org_id, until, Mounted};
use portal::store::indexed_db::IdbStore;
use portal_core::model::State;
use portal_core::store::Storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

const DB: &str = "portal-test-pages-access-list";

async fn stored() -> State {
    let mut store = IdbStore::open(DB).await.unwrap();
    let state = store.load().await.unwrap().expect("a stored state");
    store.close();
    state
}

/// The field error of the open dialog's input named `name`, once shown: the input is
/// `aria-invalid` and described by it.
async fn field_error(app: &Mounted, name: &str) -> String {
    let selector = format!("dialog[open] input[name={name}][aria-invalid=true]");
    let input = app.wait_for(&selector).await;
    let described = input.get_attribute("aria-describedby").unwrap_or_default();
    let message = described
        .split_whitespace()
        .find_map(|id| app.find(&format!("#{id}")))
        .expect("the field is described by its message");
    message.text_content().unwrap_or_default()
}

/// Seed 004, "Write IP Access List (accesslist-write): Create and modify database [...] IP access
/// lists", as the Organization Administrator (seed 001: "Manage access list for IP addresses and
/// CIDR").
#[wasm_bindgen_test]
async fn an_address_is_added_a_bad_cidr_refused_beside_its_field_and_the_list_switched_on() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let orders = database_id(&state, "orders");
    let path = format!("/settings/organizations/{org}/databases");
    let app = Mounted::seeded(&path, DB, &state).await;
    app.click("Access list of orders").await;
    until("the Access list page", || {
        app.text_of("main h1").filter(|h| h == "Access list")
    })
    .await;
    app.text_becomes(
        ".access-list-state",
        "The access list is off: every address may connect.",
    )
    .await;

    app.click("Add Address").await;
    app.fill("dialog[open] input[name=address]", "10.0.0.1/24")
        .await;
    app.fill("dialog[open] input[name=description]", "office")
        .await;
    app.click_in_dialog("Add Address").await;
    let refused = field_error(&app, "address").await;
    assert!(
        refused.contains("'10.0.0.1/24' has host bits set") && refused.contains("10.0.0.0/24"),
        "{refused}"
    );
    assert!(app.find("dialog[open]").is_some(), "the dialog stays open");

    app.fill("dialog[open] input[name=address]", "10.0.0.0/24")
        .await;
    app.click_in_dialog("Add Address").await;
    crate::support::dialog_closes(&app).await;
    app.wait_for("tr[data-address='10.0.0.0/24']").await;

    // A range inside one listed is refused too, naming the one it overlaps.
    app.click("Add Address").await;
    app.fill("dialog[open] input[name=address]", "10.0.0.128/25")
        .await;
    app.click_in_dialog("Add Address").await;
    let refused = field_error(&app, "address").await;
    assert!(
        refused.contains("lies inside 10.0.0.0/24 ('office')"),
        "{refused}"
    );
    app.click_in_dialog("Cancel").await;
    crate::support::dialog_closes(&app).await;

    app.click("Turn On Access List").await;
    app.text_becomes(
        ".access-list-state",
        "The access list is on: only the enabled addresses below may connect.",
    )
    .await;
    app.fill("input[name=ip]", "10.0.0.9").await;
    app.click("Check").await;
    app.text_becomes(
        ".allow-check-answer",
        "10.0.0.9 would be allowed by 10.0.0.0/24 (office).",
    )
    .await;

    app.click("Disable 10.0.0.0/24").await;
    app.text_becomes(
        ".allow-check-answer",
        "10.0.0.9 would be refused: only the disabled entry 10.0.0.0/24 (office) holds it; enable it to allow it.",
    )
    .await;

    let kept = stored().await.databases[&orders].access_list.clone();
    assert!(kept.enabled);
    assert_eq!(kept.addresses.len(), 1);
    assert_eq!(kept.addresses[0].address, "10.0.0.0/24");
    assert!(!kept.addresses[0].enabled);

    // Edit opens with the entry filled in; Remove asks first.
    app.click("Edit 10.0.0.0/24").await;
    let address: web_sys::HtmlInputElement = app
        .wait_for("dialog[open] input[name=address]")
        .await
        .unchecked_into();
    assert_eq!(address.value(), "10.0.0.0/24");
    app.fill("dialog[open] input[name=description]", "old office")
        .await;
    app.click_in_dialog("Edit Address").await;
    crate::support::dialog_closes(&app).await;
    app.wait_for_text(|t| t.contains("old office"), "the new description")
        .await;
    app.click("Remove 10.0.0.0/24").await;
    app.click_in_dialog("Remove Address").await;
    crate::support::dialog_closes(&app).await;
    until("the entry to go", || {
        app.find("tr[data-address='10.0.0.0/24']")
            .is_none()
            .then_some(())
    })
    .await;
    let kept = stored().await.databases[&orders].access_list.clone();
    assert!(kept.addresses.is_empty() && kept.enabled);
}

/// Seeds 001 and 004: the Read/Write User holds Read IP Access List, not Write: the list shows,
/// and its changes are disabled with the evaluator's reason.
#[wasm_bindgen_test]
async fn a_reader_sees_the_list_with_its_changes_disabled_and_why() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let orders = database_id(&state, "orders");
    let path = format!("/settings/organizations/{org}/databases/{orders}/access-list");
    let app = Mounted::seeded(&path, DB, &state).await;
    app.act_as(&state, "raj.dev@acme.example").await;
    let add: HtmlButtonElement = until("Add Address disabled", || {
        app.all(".actions button")
            .into_iter()
            .map(|b| b.unchecked_into::<HtmlButtonElement>())
            .find(|b| b.text_content().as_deref() == Some("Add Address") && b.disabled())
    })
    .await;
    let reason = add.get_attribute("aria-describedby").expect("a reason");
    let why = app.text_of(&format!("#{reason}")).unwrap_or_default();
    assert!(
        why.contains("Write IP Access List (accesslist-write)"),
        "{why}"
    );
}

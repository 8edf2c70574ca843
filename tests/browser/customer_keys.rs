//! Customer keys driven as a person would (seed 001, "Bring Your Own Key": "a Customer Managed
//! Key (one per region)"; seed 004, Read CMK Key and Write CMK Key): a key added and listed, a
//! second key for its region refused in the dialog, and a user without Write CMK Key finding
//! Add Customer Key disabled with the reason.

use crate::support::{demo_state, dialog_closes, org_id, Mounted};
use portal::store::indexed_db::IdbStore;
use portal_core::model::{CustomerKey, State};
use portal_core::store::Storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

const DB: &str = "portal-test-pages-customer-keys";
const KEY: &str = "arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const SECOND: &str = "arn:aws:kms:us-west-2:123456789012:key/ffffeeee-12ab-34cd-56ef-1234567890ab";

/// The organization's keys as IndexedDB holds them now.
async fn stored_keys(org: &str) -> Vec<CustomerKey> {
    let mut store = IdbStore::open(DB).await.unwrap();
    let state = store.load().await.unwrap().expect("a stored state");
    store.close();
    state.organizations[org].customer_keys.clone()
}

async fn keys_page() -> (Mounted, State, String) {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let path = format!("/settings/organizations/{org}/customer-keys");
    let app = Mounted::seeded(&path, DB, &state).await;
    assert_eq!(app.heading().await, "Customer keys");
    (app, state, org)
}

async fn add_key(app: &Mounted, key: &str) {
    app.click("Add Customer Key").await;
    app.wait_for("dialog[open] select[name=provider]").await;
    app.fill("dialog select[name=provider]", "aws").await;
    app.fill("dialog select[name=region]", "us-west-2").await;
    app.fill("dialog input[name=key-id]", key).await;
    app.click_in_dialog("Create Customer Key").await;
}

fn add_button(app: &Mounted) -> HtmlButtonElement {
    app.all("button")
        .into_iter()
        .find(|b| {
            b.text_content()
                .is_some_and(|t| t.trim() == "Add Customer Key")
        })
        .expect("Add Customer Key")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn a_key_is_added_and_listed_and_a_second_for_its_region_refused() {
    let (app, _, org) = keys_page().await;
    app.wait_for(".customer-keys-empty").await;
    add_key(&app, KEY).await;
    app.wait_for_text(
        |t| t.contains("Added the customer key for AWS us-west-2."),
        "the confirmation",
    )
    .await;
    dialog_closes(&app).await;
    let stored = stored_keys(&org).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].key_id, KEY);
    let row = app.text_of("table.customer-keys tbody").unwrap_or_default();
    for shown in ["AWS", "us-west-2", KEY, stored[0].added_by.as_str()] {
        assert!(row.contains(shown), "{shown} in {row}");
    }

    add_key(&app, SECOND).await;
    app.wait_for_text(
        |t| t.contains("already has customer key") && t.contains("one Customer Managed Key"),
        "the one-per-region refusal",
    )
    .await;
    assert!(app.find("dialog[open]").is_some(), "the dialog stays open");
    assert_eq!(stored_keys(&org).await.len(), 1, "nothing stored");
}

#[wasm_bindgen_test]
async fn a_user_without_write_cmk_key_sees_why_add_is_disabled() {
    let (app, state, _) = keys_page().await;
    add_button(&app);
    // Seed 001's Read/Write User holds neither CMK permission.
    app.act_as(&state, "raj.dev@acme.example").await;
    app.wait_for(".customer-keys-hidden").await;
    assert!(app
        .text_of(".customer-keys-hidden")
        .unwrap_or_default()
        .contains("org-cmk-read"));
    assert!(add_button(&app).disabled());
    let why = app.text_of(".actions .refusal").unwrap_or_default();
    assert!(why.contains("Write CMK Key (org-cmk-write)"), "{why}");
}

//! The dialogs' shared pieces, driven as a person would: a refusal shown from the core's own
//! entries with the dialog kept open, a confirmation that Cancel leaves without a trace, and a
//! field's problem said in the page's words and tied to the field for assistive technology.

use crate::support::{demo_state, dialog_closes, org_id, token_described, until, Mounted};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

const DB: &str = "portal-test-dialogs";

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The button named `name` in the open dialog.
async fn dialog_button(app: &Mounted, name: &str) -> HtmlButtonElement {
    until(&format!("a button {name} in the open dialog"), || {
        app.all("dialog[open] button")
            .into_iter()
            .find(|b| text(b).trim() == name)
    })
    .await
    .unchecked_into()
}

#[wasm_bindgen_test]
async fn a_refusal_is_shown_from_the_cores_entries_and_the_dialog_stays_open() {
    let state = demo_state();
    let app = Mounted::seeded("/settings/enterprise/general", DB, &state).await;
    app.wait_for(".enterprise-name").await;
    app.click("Edit").await;
    app.fill("dialog[open] input[type=text]", "").await;
    dialog_button(&app, "Save").await.click();

    let alert = app.wait_for("dialog[open] .notice.error[role=alert]").await;
    assert!(
        text(&alert).contains("is empty"),
        "the core's own message: {}",
        text(&alert)
    );
    let save = dialog_button(&app, "Save").await;
    until("Save to be enabled again", || {
        (!save.disabled()).then_some(())
    })
    .await;
    assert_eq!(
        app.text_of(".enterprise-name").unwrap(),
        state.enterprise.name,
        "nothing changed"
    );

    // Opened again, the dialog starts without the last refusal.
    dialog_button(&app, "Cancel").await.click();
    dialog_closes(&app).await;
    app.click("Edit").await;
    app.wait_for("dialog[open] input[type=text]").await;
    assert!(app.find("dialog[open] .notice.error").is_none());
}

#[wasm_bindgen_test]
async fn cancel_in_a_confirmation_deletes_nothing() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let client_id = token_described(&state, "orders-service").client_id.clone();
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/tokens"), DB, &state).await;
    let row = app
        .wait_for(&format!("tr[data-client-id='{client_id}']"))
        .await;
    app.click(&format!("Delete token {client_id}")).await;
    let dialog = app.wait_for("dialog[open]").await;
    assert!(text(&dialog).contains("Delete token"));
    assert!(
        text(&dialog).contains(&client_id),
        "the question names the token"
    );
    assert!(
        dialog.get_attribute("aria-labelledby").is_some(),
        "the dialog is named by its heading"
    );

    dialog_button(&app, "Cancel").await.click();
    dialog_closes(&app).await;
    assert!(row.is_connected(), "the token is still listed");
    assert!(app.find(".notice.done").is_none());
}

#[wasm_bindgen_test]
async fn a_missing_role_is_said_in_the_pages_words_and_tied_to_its_field() {
    let state = demo_state();
    let org = org_id(&state, "Acme Production");
    let app = Mounted::seeded(&format!("/settings/organizations/{org}/users"), DB, &state).await;
    app.wait_for(".user-table").await;
    app.click("Invite User").await;
    app.fill("dialog[open] textarea", "new.person@acme.example")
        .await;
    dialog_button(&app, "Invite Users").await.click();

    let message = app.wait_for("dialog[open] .field-error").await;
    assert_eq!(text(&message), "Choose at least one role.");
    let id = message.id();
    assert!(!id.is_empty(), "the message has an ID to point at");
    let boxes = app.all("dialog[open] .user-role input[type=checkbox]");
    assert!(!boxes.is_empty());
    for checkbox in &boxes {
        assert_eq!(
            checkbox.get_attribute("aria-invalid").as_deref(),
            Some("true")
        );
        assert_eq!(checkbox.get_attribute("aria-describedby"), Some(id.clone()));
    }
    // Focus moves to the first field in error, so that it is in view and read with its message.
    until("focus on the first role", || {
        let focused = crate::support::document().active_element()?;
        (focused == boxes[0]).then_some(())
    })
    .await;
    // The filled field is not in error, and nothing was sent: no API text, no result.
    let emails = app.find("dialog[open] textarea").unwrap();
    assert_eq!(emails.get_attribute("aria-invalid"), None);
    assert_eq!(
        emails.get_attribute("aria-describedby").as_deref(),
        Some("user-invite-hint")
    );
    assert!(!app.text_of("dialog[open]").unwrap().contains("'roles'"));
    assert!(app.find(".user-invite-result").is_none());

    // Choosing a role clears the problem and its wiring.
    boxes[0].clone().unchecked_into::<HtmlElement>().click();
    until("the message to go", || {
        app.find("dialog[open] .field-error")
            .is_none()
            .then_some(())
    })
    .await;
    assert_eq!(boxes[0].get_attribute("aria-invalid"), None);
    assert_eq!(boxes[0].get_attribute("aria-describedby"), None);

    // An empty address list is the other field's problem, beside its hint.
    app.fill("dialog[open] textarea", "  ").await;
    dialog_button(&app, "Invite Users").await.click();
    let message = app.wait_for("dialog[open] .field-error").await;
    assert_eq!(text(&message), "Enter at least one email address.");
    assert_eq!(
        emails.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        emails.get_attribute("aria-describedby"),
        Some(format!("user-invite-hint {}", message.id()))
    );
}

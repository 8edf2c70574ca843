//! A reload: what the portal shows first, and what it serves.

use crate::support::{demo_with_invitations, forget, own_data, rename_enterprise, seed, until};
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal::portal::Portal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// A reload shows the state before its audit entries and emails are decoded; a change asked for
/// as soon as it is shown waits for the whole state, instead of being refused as too early, and
/// is stored beside the audit entries read after.
#[wasm_bindgen_test]
async fn a_change_asked_for_as_the_first_rows_show_waits_for_the_whole_state() {
    const DB: &str = "portal-test-first-rows";
    let demo = demo_with_invitations();
    assert!(!demo.emails.is_empty());
    seed(DB, &demo).await;
    let config = own_data(DB);
    let owner = Owner::new();
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    drop(mount_to(host, || ()));
    let portal = owner.with(|| Portal::start(config));
    let shown = StoredValue::new_local(Vec::<(usize, usize)>::new());
    let answer = StoredValue::new_local(None::<u16>);
    owner.with(|| {
        Effect::new(move |_| {
            let Some(state) = portal.state() else {
                return;
            };
            shown.update_value(|s| s.push((state.users.len(), state.audit.len())));
            if shown.with_value(Vec::len) == 1 {
                spawn_local(async move {
                    let response = rename_enterprise(portal, "Acme Renamed").await;
                    answer.set_value(Some(response.status));
                });
            }
        });
    });
    let status = until("the early change's answer", || answer.get_value()).await;
    assert_eq!(status, 200, "answered once the whole state was in");
    let first = shown.with_value(|s| s[0]);
    assert_eq!(
        first,
        (demo.users.len(), 0),
        "the first state shown has the users and no audit entries yet"
    );
    let state = portal.state_untracked().unwrap();
    assert_eq!(state.enterprise.name, "Acme Renamed");
    assert_eq!(state.emails, demo.emails);
    assert!(
        state.audit.len() > demo.audit.len()
            && demo.audit.keys().all(|k| state.audit.contains_key(k)),
        "the demo's audit entries and the rename's"
    );
    owner.cleanup();
    forget(DB).await;
}

//! Two tabs on one database stay consistent: a change made through one
//! portal reaches the other through the BroadcastChannel and a re-read of IndexedDB.

use crate::support::{demo_state, forget, seed, until};
use leptos::prelude::*;
use portal::portal::{Portal, Status};
use portal_core::api::Method;
use portal_core::model::Scope;
use wasm_bindgen_test::*;

const DB: &str = "portal-test-two-tabs";

async fn ready(portal: Portal) {
    until("the portal to load", || {
        (portal.status_now() == Status::Ready).then_some(())
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_change_in_one_tab_appears_in_the_other() {
    // Mounting anything starts Leptos's task executor, which the portals' loading uses.
    let host = crate::support::document().create_element("div").unwrap();
    let _mounted = leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(host), || ());
    seed(DB, &demo_state()).await;
    let (first_owner, second_owner) = (Owner::new(), Owner::new());
    let first = first_owner.with(|| Portal::start(DB));
    let second = second_owner.with(|| Portal::start(DB));
    ready(first).await;
    ready(second).await;

    let response = first
        .request(
            &Scope::Enterprise,
            Method::Patch,
            "/v2/enterprises/current",
            Some(serde_json::json!({"name": "Acme Renamed"})),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.body_text());
    until("the other tab to show the new name", || {
        second
            .state_now()
            .is_some_and(|s| s.enterprise.name == "Acme Renamed")
            .then_some(())
    })
    .await;
    first_owner.cleanup();
    second_owner.cleanup();
    forget(DB).await;
}

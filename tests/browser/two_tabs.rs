//! Two tabs on one database stay consistent: a change made through one
//! portal reaches the other through the BroadcastChannel and a re-read of IndexedDB.

use crate::support::{demo_state, forget, own_data, rename_enterprise, seed, started, until};
use leptos::prelude::*;
use wasm_bindgen_test::*;

const DB: &str = "portal-test-two-tabs";

#[wasm_bindgen_test]
async fn a_change_in_one_tab_appears_in_the_other() {
    seed(DB, &demo_state()).await;
    let config = own_data(DB);
    let (first_owner, second_owner) = (Owner::new(), Owner::new());
    let first = started(&first_owner, config).await;
    let second = started(&second_owner, config).await;

    let response = rename_enterprise(first, "Acme Renamed").await;
    assert_eq!(response.status, 200, "{}", response.body_text());
    until("the other tab to show the new name", || {
        second
            .state_untracked()
            .is_some_and(|s| s.enterprise.name == "Acme Renamed")
            .then_some(())
    })
    .await;
    first_owner.cleanup();
    second_owner.cleanup();
    forget(DB).await;
}

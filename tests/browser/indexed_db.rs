//! The IndexedDB store in a real Chromium (issue 6, "Persistence"): the state round-trips and
//! survives a reopen, a refused request writes nothing, a change set is all or nothing, and two
//! connections (two tabs) see each other's writes.

use crate::support::{demo_state, forget, seed};
use portal::store::indexed_db::IdbStore;
use portal_core::api::{Actor, Context, Method, Principal, Request};
use portal_core::model::{Record, Scope, SeededEntropy, State};
use portal_core::store::{Backend, Storage};
use wasm_bindgen_test::*;

async fn load(name: &'static str) -> State {
    let mut store = IdbStore::open(name).await.unwrap();
    let state = store.load().await.unwrap().expect("a stored state");
    store.close();
    state
}

fn admin(state: &State) -> Actor {
    let org = state
        .organizations
        .values()
        .find(|o| o.name == "Acme Production")
        .unwrap();
    let user = state.user_by_email("dana.admin@acme.example").unwrap();
    Actor {
        principal: Principal::User(user.id.clone()),
        scope: Scope::Organization(org.id.clone()),
    }
}

fn create_role(state: &State, name: &str) -> Request {
    let Scope::Organization(org) = admin(state).scope else {
        unreachable!()
    };
    let body = serde_json::json!({"name": name, "policy": {"description": "", "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")], "actions": ["org-read"]}});
    Request::new(Method::Post, "/v2/organizations/roles", body.to_string())
}

#[wasm_bindgen_test]
async fn the_state_round_trips_and_survives_a_reopen() {
    const DB: &str = "portal-test-idb-round-trip";
    let demo = demo_state();
    seed(DB, &demo).await;
    assert_eq!(load(DB).await, demo);
    assert_eq!(load(DB).await, demo, "again, from a new connection");
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn a_change_is_stored_and_a_refused_request_stores_nothing() {
    const DB: &str = "portal-test-idb-atomic";
    let demo = demo_state();
    seed(DB, &demo).await;
    let store = IdbStore::open(DB).await.unwrap();
    let mut backend = Backend::open(store, || unreachable!("seeded"))
        .await
        .unwrap();
    let mut entropy = SeededEntropy::new(1);
    let mut ctx = Context {
        now: "2026-11-22T11:00:00Z".parse().unwrap(),
        entropy: &mut entropy,
    };
    let actor = admin(&demo);

    let created = backend
        .request(&actor, &create_role(&demo, "Stored Role"), &mut ctx)
        .await;
    assert_eq!(created.status, 201, "{}", created.body_text());
    let after = backend.state().clone();
    // The same name again is a conflict: nothing is written.
    let refused = backend
        .request(&actor, &create_role(&demo, "Stored Role"), &mut ctx)
        .await;
    assert_eq!(refused.status, 409);
    backend.into_storage().close();
    let stored = load(DB).await;
    assert_eq!(stored, after);
    assert!(stored.roles.values().any(|r| r.role.name == "Stored Role"));
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn two_connections_see_each_others_writes() {
    const DB: &str = "portal-test-idb-two-tabs";
    let demo = demo_state();
    seed(DB, &demo).await;
    let mut first = IdbStore::open(DB).await.unwrap();
    let mut second = IdbStore::open(DB).await.unwrap();
    let mut state = first.load().await.unwrap().unwrap();
    let mut renamed = state.enterprise.clone();
    renamed.name = "Renamed in the first tab".into();
    let mut changes = portal_core::model::ChangeSet::default();
    changes.put(Record::Enterprise(renamed));
    first.commit(&changes).await.unwrap();
    state.apply(&changes);
    let seen = second.load().await.unwrap().unwrap();
    assert_eq!(seen.enterprise.name, "Renamed in the first tab");
    assert_eq!(seen, state);
    first.close();
    second.close();
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn an_empty_database_has_no_state() {
    const DB: &str = "portal-test-idb-empty";
    forget(DB).await;
    let mut store = IdbStore::open(DB).await.unwrap();
    assert_eq!(store.load().await.unwrap(), None);
    store.close();
    forget(DB).await;
}

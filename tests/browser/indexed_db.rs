//! The IndexedDB store in a real Chromium: the state round-trips and
//! survives a reopen, a refused request writes nothing, a change set is all or nothing, two
//! connections (two tabs) see each other's writes and an edit on a stale copy is refused, and a
//! database of an earlier schema is upgraded (its records rewritten as JSON text), and Connected
//! mode's outbox as earlier builds kept it reads back.

use crate::support::{demo_state, demo_with_invitations, fixture_time, forget, seed};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use portal::connection::OUTBOX;
use portal::store::indexed_db::IdbStore;
use portal_core::api::{Actor, Context, ErrorEntry, Method, Principal, Request, Response};
use portal_core::model::{
    Collection, Record, Scope, SeededEntropy, State, StoredRole, COLLECTIONS_ADDED,
};
use portal_core::store::{Backend, Created, Storage};
use portal_core::sync::{Conflict, Mutation, Outbox, Pending, Theirs, Yours};
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

/// A role body named `name` that reads the admin's organization.
fn role_body(state: &State, name: &str) -> String {
    let Scope::Organization(org) = admin(state).scope else {
        unreachable!()
    };
    let body = serde_json::json!({"name": name, "policy": {"description": "", "effect": "allow",
        "resources": [format!("drn:astra:org:{org}")], "actions": ["org-read"]}});
    body.to_string()
}

fn create_role(state: &State, name: &str) -> Request {
    Request::new(
        Method::Post,
        "/v2/organizations/roles",
        role_body(state, name),
    )
}

fn rename_role(state: &State, id: &str, name: &str) -> Request {
    Request::new(
        Method::Put,
        &format!("/v2/organizations/roles/{id}"),
        role_body(state, name),
    )
}

/// A custom role of the admin's organization.
fn custom_role(state: &State) -> &StoredRole {
    let scope = admin(state).scope;
    state.roles.values().find(|r| r.scope == scope).unwrap()
}

/// The IDs of the custom roles of the admin's organization.
fn custom_roles(state: &State) -> Vec<String> {
    let scope = admin(state).scope;
    let roles = state.roles.values().filter(|r| r.scope == scope);
    roles.map(|r| r.role.id.clone()).collect()
}

/// A backend over the IndexedDB database `name`, which must hold a state.
async fn open_backend(name: &str) -> Backend<IdbStore> {
    let store = IdbStore::open(name).await.unwrap();
    Backend::open(store, || unreachable!("seeded"))
        .await
        .unwrap()
        .0
}

/// Sends `request` as the demo admin; `seed` keeps the IDs it makes apart from another tab's.
async fn send(backend: &mut Backend<IdbStore>, request: &Request, seed: u64) -> Response {
    let actor = admin(backend.state());
    let mut entropy = SeededEntropy::new(seed);
    let mut ctx = Context::new("2026-11-22T11:00:00Z".parse().unwrap(), &mut entropy);
    backend.request(&actor, request, &mut ctx).await
}

/// Seeds the database `name` with the demo state, and returns that state.
async fn seeded_demo(name: &'static str) -> State {
    let demo = demo_state();
    seed(name, &demo).await;
    demo
}

#[wasm_bindgen_test]
async fn the_state_round_trips_and_survives_a_reopen() {
    const DB: &str = "portal-test-idb-round-trip";
    let demo = seeded_demo(DB).await;
    assert_eq!(load(DB).await, demo);
    assert_eq!(load(DB).await, demo, "again, from a new connection");
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn a_change_is_stored_and_a_refused_request_stores_nothing() {
    const DB: &str = "portal-test-idb-atomic";
    let demo = seeded_demo(DB).await;
    let mut backend = open_backend(DB).await;

    let created = send(&mut backend, &create_role(&demo, "Stored Role"), 1).await;
    assert_eq!(created.status, 201, "{}", created.body_text());
    let after = backend.state().clone();
    // The same name again is a conflict: nothing is written.
    let refused = send(&mut backend, &create_role(&demo, "Stored Role"), 2).await;
    assert_eq!(refused.status, 409);
    backend.into_storage().close();
    let stored = load(DB).await;
    assert_eq!(stored, after);
    assert!(stored.roles.values().any(|r| r.role.name == "Stored Role"));
    forget(DB).await;
}

/// A deleted record is gone from its bucket, and a bucket emptied is removed.
#[wasm_bindgen_test]
async fn a_deletion_is_stored() {
    const DB: &str = "portal-test-idb-delete";
    let demo = seeded_demo(DB).await;
    let mut backend = open_backend(DB).await;
    let roles = custom_roles(&demo);
    for id in &roles {
        let path = format!("/v2/organizations/roles/{id}");
        let deleted = send(&mut backend, &Request::new(Method::Delete, &path, ""), 1).await;
        assert_eq!(deleted.status, 204, "{}", deleted.body_text());
    }
    let after = backend.state().clone();
    backend.into_storage().close();
    let stored = load(DB).await;
    assert!(roles.iter().all(|id| !stored.roles.contains_key(id)));
    assert_eq!(stored, after);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn two_connections_see_each_others_writes() {
    const DB: &str = "portal-test-idb-two-tabs";
    seeded_demo(DB).await;
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

/// Two tabs first-starting at once on an empty database: one stores its state, the other gets
/// that one back, and neither replaces the other's.
#[wasm_bindgen_test]
async fn of_two_tabs_creating_a_first_state_at_once_one_is_stored() {
    const DB: &str = "portal-test-idb-create";
    forget(DB).await;
    let mut first = IdbStore::open(DB).await.unwrap();
    let mut second = IdbStore::open(DB).await.unwrap();
    assert_eq!(first.load().await.unwrap(), None);
    assert_eq!(second.load().await.unwrap(), None);
    let ours = demo_state();
    let theirs = portal_core::model::demo::demo(fixture_time(), &mut SeededEntropy::new(8)).0;
    assert_ne!(ours.enterprise.id, theirs.enterprise.id);
    let (a, b) = futures::join!(first.create(&ours), second.create(&theirs));
    let stored = match (a.unwrap(), b.unwrap()) {
        (Created::Stored, Created::Existing(found)) => {
            assert!(*found == ours, "the second tab got the first one's state");
            ours
        }
        (Created::Existing(found), Created::Stored) => {
            assert!(*found == theirs, "the first tab got the second one's state");
            theirs
        }
        (Created::Stored, Created::Stored) => panic!("both tabs stored a state"),
        (Created::Existing(_), Created::Existing(_)) => panic!("neither tab stored a state"),
    };
    assert!(first.load().await.unwrap() == Some(stored.clone()));
    assert!(second.load().await.unwrap() == Some(stored));
    first.close();
    second.close();
    forget(DB).await;
}

/// The stores schema version 1 created, as it created them: the test must not follow the
/// current schema, or it would not be a version 1 database.
const VERSION_1_STORES: &[&str] = COLLECTIONS_ADDED[0];

/// The store of Connected mode's values (its server, its outbox) beside the state.
const META_STORE: &str = "connection";

/// The stores schema version 4 had: every collection of its time, and Connected mode's keys.
pub(crate) fn version_4_stores() -> Vec<&'static str> {
    let mut stores: Vec<&str> = COLLECTIONS_ADDED[..3].concat();
    stores.push(META_STORE);
    stores
}

/// Writes `state` into a new database `name` the way schema versions 1 to 4 did, each record as
/// the structured value serde_wasm_bindgen makes of it, in the `stores` that version had.
pub(crate) async fn write_as_version(
    name: &str,
    version: u32,
    stores: &[&'static str],
    state: &State,
) {
    let made = stores.to_vec();
    let db = Database::open(name)
        .with_version(version)
        .with_on_upgrade_needed(move |_, db| {
            for store in made {
                db.create_object_store(store).build()?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let tx = db
        .transaction(stores)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    for record in state.records() {
        let key = record.key();
        let store = tx.object_store(key.collection.name()).unwrap();
        put_serde(&store, &key.id, &record).await;
    }
    tx.commit().await.unwrap();
    db.close();
}

/// The values the store `store` of the database `name` holds, as IndexedDB gives them.
async fn stored_values(name: &str, store: &str) -> Vec<wasm_bindgen::JsValue> {
    let db = Database::open(name).await.unwrap();
    let tx = db.transaction(store).build().unwrap();
    let values = tx
        .object_store(store)
        .unwrap()
        .get_all()
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(tx);
    db.close();
    values
}

/// Opens the database an earlier version wrote, checks that it reads back as `written`, makes a
/// custom role "After Upgrade" through the backend, and returns the state after it.
async fn opened_after_upgrade(name: &str, written: &State) -> State {
    let mut backend = open_backend(name).await;
    assert_eq!(backend.state(), written);
    let created = send(&mut backend, &create_role(written, "After Upgrade"), 1).await;
    assert_eq!(created.status, 201, "{}", created.body_text());
    let after = backend.state().clone();
    backend.into_storage().close();
    after
}

/// A database of schema version 4 or earlier kept each record as a structured value of its own;
/// the upgrade moves them into a few JSON texts per store, and the state reads back the same.
#[wasm_bindgen_test]
async fn a_database_written_by_version_4_is_upgraded_to_buckets() {
    const DB: &str = "portal-test-idb-version-4";
    let demo = demo_state();
    forget(DB).await;
    write_as_version(DB, 4, &version_4_stores(), &demo).await;
    assert!(
        stored_values(DB, "users")
            .await
            .iter()
            .all(|v| !v.is_string()),
        "version 4 stored structured values"
    );

    let after = opened_after_upgrade(DB, &demo).await;

    let buckets = stored_values(DB, "users").await;
    assert!(buckets.len() < demo.users.len(), "{} values", buckets.len());
    let users: usize = buckets
        .iter()
        .map(|bucket| {
            let text = bucket.as_string().expect("a bucket is JSON text");
            let records: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&text).unwrap();
            records.len()
        })
        .sum();
    assert_eq!(users, demo.users.len(), "every user is in a bucket");
    assert_eq!(load(DB).await, after);
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn a_database_written_by_version_1_is_upgraded() {
    const DB: &str = "portal-test-idb-version-1";
    // What a version-1 portal could hold: it wrote no emails (a later version's collection).
    let mut demo = demo_state();
    demo.emails.clear();
    forget(DB).await;
    write_as_version(DB, 1, VERSION_1_STORES, &demo).await;

    let after = opened_after_upgrade(DB, &demo).await;

    let stored = load(DB).await;
    assert_eq!(stored, after);
    let role = stored
        .roles
        .values()
        .find(|r| r.role.name == "After Upgrade")
        .expect("the new role is stored");
    let version = stored.sync.versions.get(&format!("roles/{}", role.role.id));
    assert_eq!(version.map(|s| s.version), Some(1), "its version is stored");
    forget(DB).await;
}

#[wasm_bindgen_test]
async fn an_edit_on_a_stale_copy_is_refused_and_the_copy_reloaded() {
    const DB: &str = "portal-test-idb-stale";
    let demo = seeded_demo(DB).await;
    let role = custom_role(&demo).role.id.clone();
    let mut first = open_backend(DB).await;
    let mut second = open_backend(DB).await;

    let renamed = send(&mut first, &rename_role(&demo, &role, "Renamed First"), 1).await;
    assert_eq!(renamed.status, 200, "{}", renamed.body_text());
    let refused = send(&mut second, &rename_role(&demo, &role, "Renamed Second"), 2).await;
    assert_eq!(refused.status, 409, "{}", refused.body_text());
    let body: serde_json::Value = serde_json::from_str(&refused.body_text()).unwrap();
    assert_eq!(body["errors"][0]["ID"], 1311, "{body}");
    assert!(
        refused.body_text().contains(&format!("roles/{role}")),
        "it names the record: {body}"
    );
    assert_eq!(second.state(), first.state(), "the stale copy was reloaded");
    assert_eq!(
        load(DB).await,
        *first.state(),
        "only the first change is stored"
    );

    let again = send(&mut second, &rename_role(&demo, &role, "Renamed Second"), 3).await;
    assert_eq!(again.status, 200, "{}", again.body_text());
    assert_eq!(
        load(DB).await.roles[&role].role.name,
        "Renamed Second",
        "an edit on the current copy is stored"
    );
    first.into_storage().close();
    second.into_storage().close();
    forget(DB).await;
}

/// An open portal does not block a newer build's upgrade in another tab: it closes its
/// connection when asked and says to reload: a blocked upgrade is shown as an error, never
/// a page that silently stops saving.
#[wasm_bindgen_test]
async fn an_open_portal_steps_aside_for_a_newer_version_and_says_to_reload() {
    const DB: &str = "portal-test-idb-step-aside";
    let app =
        crate::support::Mounted::seeded("/settings/enterprise/general", DB, &demo_state()).await;
    let newer = Database::open(DB)
        .with_version(portal::store::indexed_db::SCHEMA_VERSION + 1)
        .await
        .expect("the newer version opens: nothing blocks it");
    newer.close();
    app.wait_for_text(|t| t.contains("reload this page"), "the reload notice")
        .await;
    drop(app);
    forget(DB).await;
}

/// A reload reads the audit entries and emails after the rest (the page shows the rest first):
/// the two steps, read in one transaction, make the state a read at once makes.
#[wasm_bindgen_test]
async fn a_state_read_in_two_steps_is_the_state_read_at_once() {
    const DB: &str = "portal-test-idb-two-steps";
    let demo = demo_with_invitations();
    seed(DB, &demo).await;
    assert!(
        !demo.audit.is_empty() && !demo.emails.is_empty(),
        "the state has audit entries and emails"
    );
    let store = IdbStore::open(DB).await.unwrap();
    let (mut first, later) = store
        .load_but(&[Collection::Audit, Collection::Emails])
        .await
        .unwrap()
        .expect("a stored state");
    assert!(first.audit.is_empty() && first.emails.is_empty());
    assert_eq!(first.users, demo.users);
    later.add_to(&mut first).unwrap();
    assert_eq!(first, demo);
    store.close();
    forget(DB).await;
}

/// Connected mode's outbox as the builds before kept it in the meta store, the structured value
/// serde_wasm_bindgen makes of it (a conflict's records in it, and a deleted one's `None`), reads
/// back the same: the store now reads every value through its JSON text.
#[wasm_bindgen_test]
async fn an_outbox_kept_as_a_structured_value_reads_back_the_same() {
    const DB: &str = "portal-test-idb-outbox-structured";
    forget(DB).await;
    IdbStore::open(DB).await.unwrap().close();
    let record = demo_state().records().swap_remove(0);
    let yours = Yours {
        method: Method::Put,
        target: "/v2/enterprise".into(),
        body: r#"{"name":"Renamed"}"#.into(),
    };
    let outbox = Outbox {
        client_id: "client-a".into(),
        numbered: 3,
        revision: 7,
        pending: [Pending {
            mutation: Mutation {
                client_id: "client-a".into(),
                number: 3,
                base: 7,
            },
            change: yours.clone(),
        }]
        .into(),
        conflicts: vec![Conflict {
            errors: vec![ErrorEntry {
                id: 2,
                message: "Someone else changed it first.".into(),
            }],
            mutation: 2,
            yours,
            theirs: vec![
                Theirs {
                    key: "users/one".into(),
                    version: 8,
                    record: Some(record),
                },
                Theirs {
                    key: "users/gone".into(),
                    version: 9,
                    record: None,
                },
            ],
        }],
    };
    put_structured(DB, OUTBOX, &outbox).await;

    let store = IdbStore::open(DB).await.unwrap();
    let read: Option<Outbox> = store.get_meta(OUTBOX).await.unwrap();
    store.close();
    assert_eq!(read, Some(outbox));
}

/// Keeps `value` under `key` in the meta store of the database `name` as the builds before did:
/// the structured value serde_wasm_bindgen makes of it.
async fn put_structured<T: serde::Serialize>(name: &str, key: &str, value: &T) {
    let db = Database::open(name).await.unwrap();
    let tx = db
        .transaction(META_STORE)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    put_serde(&tx.object_store(META_STORE).unwrap(), key, value).await;
    tx.commit().await.unwrap();
    db.close();
}

/// Places `value` under `key` in `store` as the builds before did: the structured value
/// serde_wasm_bindgen makes of it.
async fn put_serde<T: serde::Serialize>(
    store: &indexed_db_futures::object_store::ObjectStore<'_>,
    key: &str,
    value: &T,
) {
    store
        .put(value)
        .with_key(key.to_owned())
        .serde()
        .unwrap()
        .await
        .unwrap();
}

//! The read of the own data `index.html` begins before the module has loaded (`store::early`),
//! run here as the page runs it: the portal serves what it read, reads again when another tab
//! announced a change since, leaves a read of an earlier schema to the upgrade, and a first
//! visit's read makes no database.

use crate::indexed_db::{version_4_stores, write_as_version};
use crate::support::{demo_state, forget, own_data, seed, started, until};
use js_sys::{Promise, Reflect};
use leptos::prelude::*;
use portal::store::indexed_db::{DATABASE, SCHEMA_VERSION};
use portal_core::model::State;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

const INDEX_HTML: &str = include_str!("../../index.html");

/// The call that begins the page's read of its own database, at the schema this build writes.
fn page_call() -> String {
    format!("portalReadEarly(\"{DATABASE}\", {SCHEMA_VERSION});")
}

/// The page-load step the portal marks when it has decoded an early read.
const DECODED: &str = "portal-early-decoded";

fn performance() -> web_sys::Performance {
    web_sys::window().unwrap().performance().unwrap()
}

/// Whether the portal decoded an early read since [`read_early`] began one.
fn decoded_early() -> bool {
    performance().get_entries_by_name(DECODED).length() > 0
}

/// Runs `index.html`'s early-read script as the page does, but for the database `name`, and
/// returns what its read found once it is done (null when it found no database).
async fn read_early(name: &str) -> JsValue {
    let (_, script) = INDEX_HTML
        .split_once("<script id=\"portal-early-read\">")
        .expect("index.html has the early-read script");
    let (script, _) = script.split_once("</script>").unwrap();
    assert!(
        script.contains(&page_call()),
        "the page reads its own data, at this build's schema"
    );
    performance().clear_marks_with_mark_name(DECODED);
    let call = format!("portalReadEarly(\"{name}\", {SCHEMA_VERSION});");
    js_sys::eval(&script.replace(&page_call(), &call)).unwrap();
    JsFuture::from(early_field("read").dyn_into::<Promise>().unwrap())
        .await
        .unwrap()
}

/// A field of the read the script left for the portal; undefined once the portal took it.
fn early_field(name: &str) -> JsValue {
    let early = Reflect::get(&js_sys::global(), &"portalEarly".into()).unwrap();
    if early.is_undefined() {
        return early;
    }
    Reflect::get(&early, &name.into()).unwrap()
}

fn renamed(state: &State, name: &str) -> State {
    let mut renamed = state.clone();
    renamed.enterprise.name = name.to_owned();
    renamed
}

/// The portal takes the read the page made (once: the global is gone) and serves it without
/// reading IndexedDB again: a write made since that nobody announced is not in what it serves.
#[wasm_bindgen_test]
async fn the_portal_serves_what_the_page_read_before_the_module_loaded() {
    const DB: &str = "portal-test-early-read";
    let demo = demo_state();
    seed(DB, &demo).await;
    let read = read_early(DB).await;
    let version = Reflect::get(&read, &"version".into()).unwrap();
    assert_eq!(version.as_f64(), Some(f64::from(SCHEMA_VERSION)));
    seed(DB, &renamed(&demo, "Written Unannounced")).await;
    let owner = Owner::new();
    let portal = started(&owner, own_data(DB)).await;
    assert_eq!(portal.state_untracked().as_deref(), Some(&demo));
    assert!(decoded_early());
    assert!(early_field("name").is_undefined(), "the read is taken once");
    owner.cleanup();
    forget(DB).await;
}

/// A change another tab announced after the read began (as its `Tabs` do, on the database's
/// channel) makes the portal read through its own connection: it serves what is stored.
#[wasm_bindgen_test]
async fn a_change_announced_since_the_read_is_read_again() {
    const DB: &str = "portal-test-early-read-changed";
    let demo = demo_state();
    seed(DB, &demo).await;
    read_early(DB).await;
    let theirs = renamed(&demo, "Renamed In Another Tab");
    seed(DB, &theirs).await;
    let channel = web_sys::BroadcastChannel::new(&format!("portal:{DB}")).unwrap();
    channel.post_message(&"changed".into()).unwrap();
    until("the page's read to hear the change", || {
        early_field("changed").is_truthy().then_some(())
    })
    .await;
    let owner = Owner::new();
    let portal = started(&owner, own_data(DB)).await;
    assert_eq!(portal.state_untracked().as_deref(), Some(&theirs));
    assert!(!decoded_early(), "the changed read was left");
    channel.close();
    owner.cleanup();
    forget(DB).await;
}

/// A database of an earlier schema is left unread by the page, which closes it at once: the
/// portal's upgrade is not held up, and it serves what the upgrade kept.
#[wasm_bindgen_test]
async fn a_read_of_an_earlier_schema_is_left_and_the_database_upgraded() {
    const DB: &str = "portal-test-early-read-version-4";
    let demo = demo_state();
    forget(DB).await;
    write_as_version(DB, 4, &version_4_stores(), &demo).await;
    let read = read_early(DB).await;
    assert_eq!(
        Reflect::get(&read, &"version".into()).unwrap().as_f64(),
        Some(4.0)
    );
    assert!(Reflect::get(&read, &"stores".into())
        .unwrap()
        .is_undefined());
    let owner = Owner::new();
    let portal = started(&owner, own_data(DB)).await;
    assert_eq!(portal.state_untracked().as_deref(), Some(&demo));
    assert!(!decoded_early());
    owner.cleanup();
    forget(DB).await;
}

/// The names of the browser's IndexedDB databases.
async fn database_names() -> Vec<String> {
    let factory = Reflect::get(&js_sys::global(), &"indexedDB".into()).unwrap();
    let databases: js_sys::Function = Reflect::get(&factory, &"databases".into())
        .unwrap()
        .unchecked_into();
    let listed = databases
        .call0(&factory)
        .unwrap()
        .unchecked_into::<Promise>();
    let listed: js_sys::Array = JsFuture::from(listed).await.unwrap().unchecked_into();
    listed
        .iter()
        .filter_map(|db| Reflect::get(&db, &"name".into()).ok()?.as_string())
        .collect()
}

/// On a first visit the page's read finds nothing and makes nothing (a database it made would
/// be of no schema, and the portal's upgrade would skip its first steps); the portal makes the
/// database and its demo.
#[wasm_bindgen_test]
async fn a_first_visit_read_makes_no_database_and_the_portal_makes_the_demo() {
    const DB: &str = "portal-test-early-read-first-visit";
    forget(DB).await;
    assert!(read_early(DB).await.is_null(), "nothing was there to read");
    assert!(!database_names().await.iter().any(|name| name == DB));
    let owner = Owner::new();
    let portal = started(&owner, own_data(DB)).await;
    let state = portal.state_untracked().expect("the demo");
    assert!(!state.organizations.is_empty());
    assert!(database_names().await.iter().any(|name| name == DB));
    owner.cleanup();
    forget(DB).await;
}

//! The storage trait's host loop, and export/import of the whole state ("Errors,
//! atomicity, persistence").

use std::cell::RefCell;
use std::rc::Rc;

use crate::support::World;
use portal_core::api::{Context, Method, Request, Response};
use portal_core::model::{
    export, import, ChangeSet, ImportError, SeededEntropy, State, FORMAT, SCHEMA_VERSION,
};
use portal_core::store::{Backend, Created, MemoryStore, Opened, Refused, ReplaceError, Storage};

fn block<T>(future: impl std::future::Future<Output = T>) -> T {
    futures_executor::block_on(future)
}

fn backend(world: &World) -> Backend<MemoryStore> {
    let state = world.state.clone();
    block(Backend::open(MemoryStore::default(), move || state))
        .unwrap()
        .0
}

fn create_role(org: &str) -> Request {
    let body = serde_json::json!({
        "name": "Readers",
        "policy": {"description": "", "resources": [format!("drn:astra:org:{org}")], "actions": ["org-read"], "effect": "allow"}
    });
    Request::new(Method::Post, "/v2/organizations/roles", body.to_string())
}

/// The administrator creates a role through `backend`.
fn admin_creates_a_role(world: &World, backend: &mut Backend<MemoryStore>) -> Response {
    let mut entropy = SeededEntropy::new(3);
    let mut ctx = Context::new(world.now, &mut entropy);
    block(backend.request(&world.admin(), &create_role(&world.org()), &mut ctx))
}

/// A change is written to the storage and then served; the storage and the state agree.
#[test]
fn a_change_is_stored_then_served() {
    let world = World::new();
    let mut backend = backend(&world);
    let response = admin_creates_a_role(&world, &mut backend);
    assert_eq!(response.status, 201, "{}", response.body_text());
    assert_eq!(backend.state().roles.len(), 1);
    assert_eq!(backend.storage().state.as_ref(), Some(backend.state()));
}

/// "A request either applies entirely or changes nothing": a failed write is a 503 and neither
/// the storage nor the served state changes.
#[test]
fn a_failed_write_changes_nothing() {
    let world = World::new();
    let backend = backend(&world);
    let before = backend.state().clone();
    let mut store = backend.into_storage();
    store.fail_next_commit = true;
    let (mut backend, _) = block(Backend::open(store, || unreachable!("stored already"))).unwrap();
    let response = admin_creates_a_role(&world, &mut backend);
    assert_eq!(response.status, 503);
    assert!(response.body_text().contains("nothing changed"));
    assert_eq!(backend.state(), &before);
    assert_eq!(backend.storage().state.as_ref(), Some(&before));
}

/// Requests presenting a token authenticate through the same backend.
#[test]
fn token_requests_authenticate() {
    let world = World::new();
    let mut backend = backend(&world);
    let mut entropy = SeededEntropy::new(3);
    let mut ctx = Context::new(world.now, &mut entropy);
    let get = Request::get("/v2/organizations/roles");
    let ok =
        block(backend.request_with_token(&world.boot.organization_token.token, &get, &mut ctx));
    assert_eq!(ok.status, 200);
    let bearer = format!("Bearer {}", world.boot.organization_token.token);
    assert_eq!(
        block(backend.request_with_token(&bearer, &get, &mut ctx)).status,
        200
    );
    let refused = block(backend.request_with_token("AstraCS:nope", &get, &mut ctx));
    assert_eq!(refused.status, 401);
}

/// The export is versioned JSON that imports back to the same state.
#[test]
fn export_round_trips() {
    let world = World::new();
    let text = export(&world.state);
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["format"], FORMAT);
    assert_eq!(document["version"], SCHEMA_VERSION);
    assert_eq!(import(&text).unwrap(), world.state);
    let (demo, _) = portal_core::model::demo::demo(world.now, &mut SeededEntropy::new(9));
    assert_eq!(import(&export(&demo)).unwrap(), demo);
}

/// "import validates everything first and refuses a bad file without touching the state", and
/// says why.
#[test]
fn a_bad_import_is_refused_and_changes_nothing() {
    let world = World::new();
    let good = export(&world.state);
    let mut backend = backend(&world);
    let before = backend.state().clone();

    let refuse = |backend: &mut Backend<MemoryStore>, text: &str| -> String {
        match block(backend.import(text)) {
            Err(ReplaceError::Import(e)) => e.to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    };

    let message = refuse(&mut backend, "{\"format\": \"portal-state\",");
    assert!(message.contains("line 1"), "{message}");
    assert!(refuse(&mut backend, "[1, 2]").contains("line"));
    assert!(
        refuse(&mut backend, r#"{"format":"other","version":1}"#).contains("not a portal export")
    );
    let newer = good.replacen(
        &format!("\"version\": {SCHEMA_VERSION}"),
        "\"version\": 99",
        1,
    );
    assert!(refuse(&mut backend, &newer).contains("newer"));
    let wrong_type = good.replacen("\"name\": \"Acme\"", "\"name\": 7", 1);
    assert!(refuse(&mut backend, &wrong_type).contains("state.enterprise.name"));

    // Reads, but leaves the enterprise without an administrator.
    let mut broken = world.state.clone();
    for user in broken.users.values_mut() {
        user.enterprise = None;
    }
    match import(&export(&broken)) {
        Err(ImportError::Invalid(problems)) => {
            assert!(problems
                .iter()
                .any(|p| p.0.contains("no active Enterprise Administrator")))
        }
        other => panic!("{other:?}"),
    }
    assert!(refuse(&mut backend, &export(&broken)).contains("Enterprise Administrator"));

    assert_eq!(backend.state(), &before);
    assert_eq!(backend.storage().state.as_ref(), Some(&before));
    block(backend.import(&good)).unwrap();
}

/// Every collection is created by exactly one step of the stored layout, so a new collection
/// without a migration step fails here rather than in a browser or a server.
#[test]
fn every_collection_is_created_by_one_layout_step() {
    use portal_core::model::{Collection, COLLECTIONS_ADDED};
    let mut created: Vec<&str> = COLLECTIONS_ADDED
        .iter()
        .flat_map(|step| step.iter().copied())
        .collect();
    let mut current: Vec<&str> = Collection::ALL.iter().map(|c| c.name()).collect();
    created.sort_unstable();
    current.sort_unstable();
    assert_eq!(created, current);
}

/// Runs a future that waits for nothing, as the memory store's don't, inside another one (where
/// `block` may not be called).
fn at_once<T>(future: impl std::future::Future<Output = T>) -> T {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut cx) {
        std::task::Poll::Ready(out) => out,
        std::task::Poll::Pending => panic!("the memory store waited"),
    }
}

/// One memory store that several backends use, as several servers use one database.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<MemoryStore>>);

impl Shared {
    /// Runs `f` on the store, taken out of the cell rather than borrowed across the await.
    async fn with<T>(&self, f: impl AsyncFnOnce(&mut MemoryStore) -> T) -> T {
        let mut store = self.0.take();
        let out = f(&mut store).await;
        *self.0.borrow_mut() = store;
        out
    }

    fn stored(&self) -> Option<State> {
        self.0.borrow().state.clone()
    }
}

impl Storage for Shared {
    type Error = Refused;

    async fn load(&mut self) -> Result<Option<State>, Refused> {
        self.with(async |store| store.load().await).await
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), Refused> {
        self.with(async |store| store.commit(changes).await).await
    }

    async fn create(&mut self, state: &State) -> Result<Created, Refused> {
        self.with(async |store| store.create(state).await).await
    }

    async fn replace(&mut self, state: &State) -> Result<(), Refused> {
        self.with(async |store| store.replace(state).await).await
    }
}

/// An empty store gets the first state, and says so; opened again, it loads that state and
/// makes no other.
#[test]
fn an_empty_store_gets_the_first_state_once() {
    let world = World::new();
    let store = Shared::default();
    let state = world.state.clone();
    let (backend, opened) = block(Backend::open(store.clone(), || state)).unwrap();
    assert_eq!(opened, Opened::Created);
    assert_eq!(backend.state(), &world.state);
    assert_eq!(store.stored().as_ref(), Some(&world.state));

    let (again, opened) = block(Backend::open(store.clone(), || {
        unreachable!("a stored state is loaded, and no other made")
    }))
    .unwrap();
    assert_eq!(opened, Opened::Loaded);
    assert_eq!(again.state(), &world.state);
}

/// Two backends that both find the store empty: the one whose state is stored first is served
/// by both, and the other's state is dropped, not written over it. The second backend opens
/// while the first is making its state, between its load and its create.
#[test]
fn of_two_first_starts_one_state_is_stored_and_both_serve_it() {
    let (ours, theirs) = (World::new(), World::demo(7));
    assert_ne!(ours.state.enterprise.id, theirs.state.enterprise.id);
    let store = Shared::default();
    let mut other = None;
    let (backend, opened) = block(Backend::open(store.clone(), || {
        let state = theirs.state.clone();
        other = Some(at_once(Backend::open(store.clone(), || state)).unwrap());
        ours.state.clone()
    }))
    .unwrap();
    let (other, other_opened) = other.expect("the other backend opened meanwhile");

    assert_eq!(other_opened, Opened::Created);
    assert_eq!(opened, Opened::CreatedElsewhere);
    assert_eq!(backend.state(), &theirs.state);
    assert_eq!(other.state(), &theirs.state);
    assert_eq!(
        store.stored().as_ref(),
        Some(&theirs.state),
        "kept, not replaced"
    );
}

/// A host that read the store itself and found it empty creates the first state without another
/// read; when another writer stored one since, that one is served and the host's is dropped.
#[test]
fn creating_after_an_empty_read_serves_what_another_writer_stored_since() {
    let (ours, theirs) = (World::new(), World::demo(7));
    let store = Shared::default();
    let (backend, opened) = block(Backend::create(store.clone(), || ours.state.clone())).unwrap();
    assert_eq!(opened, Opened::Created);
    assert_eq!(backend.state(), &ours.state);

    let (late, opened) = block(Backend::create(store.clone(), || theirs.state.clone())).unwrap();
    assert_eq!(opened, Opened::CreatedElsewhere);
    assert_eq!(late.state(), &ours.state);
    assert_eq!(
        store.stored().as_ref(),
        Some(&ours.state),
        "kept, not replaced"
    );
}

/// `create` on a store that holds a state returns that state and writes nothing.
#[test]
fn create_keeps_a_stored_state() {
    let (first, second) = (World::new(), World::demo(7));
    let mut store = MemoryStore::default();
    assert!(matches!(
        block(store.create(&first.state)),
        Ok(Created::Stored)
    ));
    match block(store.create(&second.state)) {
        Ok(Created::Existing(found)) => assert_eq!(*found, first.state),
        other => panic!("expected the first state, got {other:?}"),
    }
    assert_eq!(store.state.as_ref(), Some(&first.state));
}

/// A token's last use is stored by the request that used it, in its one commit; a second read
/// in the same minute commits nothing; the page's next poll of the feed gets the stamped token
/// as a change, not a snapshot. An expired token is a 401 that says when, and stamps nothing.
#[test]
fn a_tokens_use_is_stored_with_its_request_once_a_minute() {
    let mut world = World::new();
    let admin = world.admin();
    let body = serde_json::json!({
        "roles": [portal_core::api::access::default_role("Organization Administrator").id],
        "tokenExpiry": "2025-06-01T13:00:00Z",
    });
    let issued = world.expect(200, &admin, Method::Post, "/v2/tokens", body);
    let token = issued["token"].as_str().unwrap().to_owned();
    let id = issued["clientId"].as_str().unwrap().to_owned();
    let mut backend = backend(&world);
    // A revision to start from: a feed since 0 is a snapshot anyway.
    assert_eq!(admin_creates_a_role(&world, &mut backend).status, 201);
    let mut entropy = SeededEntropy::new(3);
    let at = |text: &str| text.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
    let get = Request::get("/v2/portal/changes?since=0");

    let mut ctx = Context::new(at("2025-06-01T12:30:10Z"), &mut entropy);
    let first = block(backend.request_with_token(&token, &get, &mut ctx));
    assert_eq!(first.status, 200);
    let answered: portal_core::sync::Feed = serde_json::from_str(&first.body_text()).unwrap();
    let revision = backend.state().sync.revision();
    assert_eq!(
        revision,
        answered.revision + 1,
        "the stamp, committed with the read"
    );
    let stored = backend.storage().state.clone().unwrap();
    assert_eq!(
        stored.tokens[&id].last_used,
        Some(at("2025-06-01T12:30:00Z"))
    );

    let mut ctx = Context::new(at("2025-06-01T12:30:50Z"), &mut entropy);
    let poll = Request::get(&format!("/v2/portal/changes?since={}", answered.revision));
    let again = block(backend.request_with_token(&token, &poll, &mut ctx));
    assert_eq!(again.status, 200);
    assert_eq!(
        backend.state().sync.revision(),
        revision,
        "nothing committed"
    );
    let feed: portal_core::sync::Feed = serde_json::from_str(&again.body_text()).unwrap();
    assert!(
        !feed.snapshot,
        "its own last use is no change of its access"
    );
    assert!(feed.changes.iter().any(|change| matches!(change,
        portal_core::model::Change::Put(portal_core::model::Record::Token(t)) if t.client_id == id)));

    let mut ctx = Context::new(at("2025-06-01T13:00:00Z"), &mut entropy);
    let expired = block(backend.request_with_token(&token, &get, &mut ctx));
    assert_eq!(expired.status, 401);
    assert!(expired
        .body_text()
        .contains("expired at 2025-06-01T13:00:00Z"));
    assert_eq!(backend.state().sync.revision(), revision);
}

//! The storage trait's host loop, and export/import of the whole state (issue 4, "Errors,
//! atomicity, persistence").

mod support;

use portal_core::api::{Context, Method, Request};
use portal_core::model::{export, import, ImportError, SeededEntropy, FORMAT, SCHEMA_VERSION};
use portal_core::store::{Backend, MemoryStore, ReplaceError};
use support::World;

fn block<T>(future: impl std::future::Future<Output = T>) -> T {
    futures_executor::block_on(future)
}

fn backend(world: &World) -> Backend<MemoryStore> {
    let state = world.state.clone();
    block(Backend::open(MemoryStore::default(), move || state)).unwrap()
}

fn create_role(org: &str) -> Request {
    let body = serde_json::json!({
        "name": "Readers",
        "policy": {"description": "", "resources": [format!("drn:astra:org:{org}")], "actions": ["org-read"], "effect": "allow"}
    });
    Request::new(Method::Post, "/v2/organizations/roles", body.to_string())
}

/// A change is written to the storage and then served; the storage and the state agree.
#[test]
fn a_change_is_stored_then_served() {
    let world = World::new();
    let mut backend = backend(&world);
    let mut entropy = SeededEntropy::new(3);
    let mut ctx = Context {
        now: world.now,
        entropy: &mut entropy,
    };
    let response = block(backend.request(&world.admin(), &create_role(&world.org()), &mut ctx));
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
    let mut backend = block(Backend::open(store, || unreachable!("stored already"))).unwrap();
    let mut entropy = SeededEntropy::new(3);
    let mut ctx = Context {
        now: world.now,
        entropy: &mut entropy,
    };
    let response = block(backend.request(&world.admin(), &create_role(&world.org()), &mut ctx));
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
    let mut ctx = Context {
        now: world.now,
        entropy: &mut entropy,
    };
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

//! The SQLite file under the server ("one transaction per request; schema migrations
//! from every earlier version; WAL mode").

use chrono::{DateTime, Utc};
use portal_cli::serve::sqlite::{SqliteStore, SCHEMA_VERSION, TABLES_ADDED};
use portal_cli::serve::Args;
use portal_core::api::{self, Context, Method, Request};
use portal_core::model::bootstrap::{new_state, Names};
use portal_core::model::SeededEntropy;
use portal_core::store::{Backend, Storage};

use crate::server::{args, token_body, Served};

/// The server's state survives a restart, and only a first start prints tokens.
#[test]
fn a_restart_keeps_every_change_and_creates_nothing_new() {
    restart_keeps_every_change(&args("restart", false));
}

/// A server on `options` serves a change, stops, and starts again with the change stored and
/// served, creating nothing new.
pub fn restart_keeps_every_change(options: &Args) {
    let served = Served::start(options);
    let token = served.boot().organization_token.token.clone();
    let role = r#"{"name":"Auditors","policy":{"actions":["org-audits-read"],"resources":["drn:astra:org:__ORG__"],"effect":"allow"}}"#
        .replace("__ORG__", &served.boot().organization_id);
    let created = served.call("POST", "/v2/organizations/roles", &token, &role);
    assert_eq!(created.status, 201, "{}", created.body);
    let before = served.stored();
    served.stop();

    let again = Served::start(options);
    assert!(again.boot.is_none(), "a second start creates no enterprise");
    assert_eq!(again.stored(), before);
    let roles = again.call("GET", "/v2/organizations/roles", &token, "");
    assert_eq!(roles.status, 200);
    assert!(roles.body.contains("Auditors"), "{}", roles.body);
}

/// A write the storage refuses is a 503 and changes nothing, neither in the file nor in what the
/// server answers, so that a client may simply try again; the next try succeeds.
#[test]
fn a_write_the_database_refuses_is_a_503_and_changes_nothing() {
    let served = Served::start(&args("locked", false));
    let db = served.db.clone();
    a_held_lock_refuses_writes(
        &served,
        || {
            let lock = rusqlite::Connection::open(&db).unwrap();
            lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
            lock
        },
        |lock| lock.execute_batch("COMMIT").unwrap(),
    );
}

/// While another session holds what `hold` locks, a write is a 503 that changes nothing; once
/// `release` lets go, the same write succeeds.
pub fn a_held_lock_refuses_writes<L>(
    served: &Served,
    hold: impl FnOnce() -> L,
    release: impl FnOnce(L),
) {
    let token = served.boot().organization_token.token.clone();
    let before = served.stored();
    let lock = hold();
    let body = token_body("Organization Administrator", "blocked");
    let refused = served.call("POST", "/v2/tokens", &token, &body);
    assert_eq!(
        (refused.status, refused.error_id()),
        (503, 1401),
        "{}",
        refused.body
    );
    let listed = served.call("GET", "/v2/tokens", &token, "");
    assert!(
        !listed.body.contains("blocked"),
        "the server kept a change it did not store"
    );
    release(lock);
    assert_eq!(served.stored(), before);
    let retried = served.call("POST", "/v2/tokens", &token, &body);
    assert_eq!(retried.status, 200, "{}", retried.body);
}

pub fn now() -> DateTime<Utc> {
    "2025-06-01T12:00:00Z".parse().unwrap()
}

fn names() -> Names<'static> {
    Names {
        enterprise: "Acme",
        organization: "Acme Dev",
        admin_email: "admin@acme.test",
    }
}

fn dir() -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sqlite");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// "schema migrations from every earlier version": an empty file (version 0) ...
#[test]
fn a_new_file_is_migrated_to_the_current_schema_in_wal_mode() {
    let path = dir().join("new.db");
    let _ = std::fs::remove_file(&path);
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    drop(store);
    let db = rusqlite::Connection::open(&path).unwrap();
    let mode: String = db
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let reopened = SqliteStore::open(&path).unwrap();
    assert_eq!(reopened.schema_version().unwrap(), SCHEMA_VERSION);
}

/// ... and a file written by version 1, which had no sync bookkeeping: it keeps its state, and
/// the next change is stored with its record versions.
#[test]
fn a_version_1_file_is_migrated_and_keeps_its_state() {
    let path = dir().join("v1.db");
    let _ = std::fs::remove_file(&path);
    let (state, boot) = new_state(&names(), now(), &mut SeededEntropy::new(5));
    let db = rusqlite::Connection::open(&path).unwrap();
    for table in TABLES_ADDED[0] {
        db.execute_batch(&format!(
            "CREATE TABLE \"{table}\" (id TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID"
        ))
        .unwrap();
    }
    for record in state.records() {
        let key = record.key();
        let value = serde_json::to_string(&record).unwrap();
        db.execute(
            &format!(
                "INSERT INTO \"{}\" (id, value) VALUES (?1, ?2)",
                key.collection.name()
            ),
            (key.id, value),
        )
        .unwrap();
    }
    db.execute_batch("PRAGMA user_version = 1").unwrap();
    drop(db);

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mut backend = futures_executor::block_on(Backend::open_existing(store))
        .unwrap()
        .expect("the version 1 state");
    assert_eq!(backend.state(), &state);
    let admin = api::authenticate(backend.state(), &boot.organization_token.token, now()).unwrap();
    let request = Request::new(
        Method::Post,
        "/v2/tokens",
        token_body("Organization Administrator", "v2"),
    );
    let mut entropy = SeededEntropy::new(6);
    let mut ctx = Context::new(now(), &mut entropy);
    let response = futures_executor::block_on(backend.request(&admin, &request, &mut ctx));
    assert_eq!(response.status, 200, "{}", response.body_text());
    let mut reader = SqliteStore::open(&path).unwrap();
    let stored = futures_executor::block_on(reader.load()).unwrap().unwrap();
    assert_eq!(&stored, backend.state());
    assert_eq!(stored.sync.revision(), 1, "the change has its version");
}

#[test]
fn a_file_from_a_newer_portal_is_refused_untouched() {
    let path = dir().join("newer.db");
    let _ = std::fs::remove_file(&path);
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(db);
    let error = SqliteStore::open(&path).err().expect("refused");
    assert!(error.to_string().contains("run a newer portal"), "{error}");
    let db = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = db
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99);
}

/// The file holds exactly what the backend serves after every request: each change set is
/// stored whole.
#[test]
fn the_file_holds_what_the_backend_serves_after_each_request() {
    let path = dir().join("lockstep.db");
    let _ = std::fs::remove_file(&path);
    holds_what_the_backend_serves(|| SqliteStore::open(&path).unwrap());
}

/// After each of a series of requests, a new store opened with `open` on the backend's
/// database loads exactly the state the backend serves.
pub fn holds_what_the_backend_serves<S: Storage>(open: impl Fn() -> S) {
    let now = now();
    let mut entropy = SeededEntropy::new(3);
    let (state, boot) = new_state(&names(), now, &mut entropy);
    let (mut backend, _) = futures_executor::block_on(Backend::open(open(), || state))
        .unwrap_or_else(|e| panic!("{e}"));
    let admin = api::authenticate(backend.state(), &boot.organization_token.token, now).unwrap();
    let org = &boot.organization_id;
    let role = format!(
        r#"{{"name":"Readers","policy":{{"actions":["org-db-view"],"resources":["drn:astra:org:{org}"],"effect":"allow"}}}}"#
    );
    let steps = [
        (Method::Post, "/v2/organizations/roles".to_owned(), role),
        (
            Method::Put,
            "/v2/organizations/users".to_owned(),
            r#"{"email":"a@acme.test, b@acme.test","roles":["Organization Administrator"]}"#
                .to_owned(),
        ),
        (
            Method::Post,
            "/v2/tokens".to_owned(),
            crate::server::token_body("Organization Administrator", "ci"),
        ),
        (Method::Delete, "/v2/currentOrg".to_owned(), "{}".to_owned()),
    ];
    for (method, target, body) in steps {
        let mut ctx = Context::new(now, &mut entropy);
        let request = Request::new(method, &target, body);
        let response = futures_executor::block_on(backend.request(&admin, &request, &mut ctx));
        let stored = futures_executor::block_on(open().load())
            .unwrap_or_else(|e| panic!("{e}"))
            .expect("a state");
        assert_eq!(
            &stored,
            backend.state(),
            "after {target} ({})",
            response.status
        );
    }
}

/// A database whose rows hold no enterprise is not an empty one: the start is refused with the
/// reason, and the rows stay as they were (it used to be replaced with a fresh state).
#[test]
fn a_database_without_its_enterprise_row_is_refused_not_replaced() {
    let options = args("headless", false);
    let served = Served::start(&options);
    let before = served.stored();
    served.stop();
    let db = rusqlite::Connection::open(&options.db).unwrap();
    db.execute_batch("DELETE FROM \"enterprise\"").unwrap();
    let count = |db: &rusqlite::Connection| -> i64 {
        db.query_row("SELECT count(*) FROM \"users\"", [], |r| r.get(0))
            .unwrap()
    };
    let users = count(&db);
    assert_eq!(users as usize, before.users.len());
    drop(db);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let refused = runtime
        .block_on(portal_cli::serve::Server::start(&options))
        .err()
        .expect("the start is refused");
    let message = refused.to_string();
    assert!(
        message.contains("no enterprise record") && message.contains("Nothing was changed"),
        "{message}"
    );
    let db = rusqlite::Connection::open(&options.db).unwrap();
    assert_eq!(count(&db), users, "the rows are kept");
}

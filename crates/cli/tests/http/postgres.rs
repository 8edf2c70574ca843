//! The same store on PostgreSQL ("For deployments that outgrow one file, the same trait
//! on PostgreSQL"): a real server from Debian's packages, listening on 127.0.0.1 only, with its
//! data in a temporary directory; it starts with the first of these tests and stops when the last
//! one running ends. Without PostgreSQL installed each test says why it skipped, and passes.

use std::collections::BTreeSet;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use portal_cli::serve::postgres::{describe, PostgresStore};
use portal_cli::serve::sqlite::{SCHEMA_VERSION, TABLES_ADDED};
use portal_cli::serve::{Args, Server};
use portal_core::model::{ChangeSet, ClientMark, Collection, Record, SeededEntropy};
use portal_core::store::{Since, Storage};
use postgres::{Client, NoTls};

use crate::server::{args, Served};
use crate::storage::{
    a_held_lock_refuses_writes, holds_what_the_backend_serves, now, restart_keeps_every_change,
};

const USER: &str = "portal";
/// A password, so that the tests see it kept out of what the server shows.
const PASSWORD: &str = "pw-never-shown";

/// A PostgreSQL server of the tests' own; dropped, it stops and its directory goes.
struct Cluster {
    bin: PathBuf,
    /// The data directory, the socket and the log; named after the test process, so that a
    /// later run can tell a directory left by one that was killed.
    dir: PathBuf,
    port: u16,
    /// PostgreSQL refuses to run as root: its commands then run as its own system user.
    as_postgres: bool,
}

/// A database on a PostgreSQL server of its own, which the test may restart: `None` (the reason
/// printed) when PostgreSQL is not installed.
pub fn private_database(name: &str) -> Option<Database> {
    Some(Database::new(Arc::new(Cluster::start(startable()?)), name))
}

impl Database {
    fn new(cluster: Arc<Cluster>, name: &str) -> Database {
        cluster
            .connect("postgres")
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .unwrap_or_else(|e| panic!("create database {name}: {e}"));
        Database {
            url: cluster.url(name),
            name: name.to_owned(),
            cluster,
        }
    }

    /// Ends every session on the database, as a restart or an administrator would: how many.
    pub fn end_sessions(&self) -> i64 {
        self.cluster
            .connect("postgres")
            .query_one(
                // In the select list: only the rows the WHERE kept are ended.
                "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity \
                 WHERE datname = $1",
                &[&self.name],
            )
            .unwrap()
            .get(0)
    }

    /// Stops PostgreSQL (fast: sessions are ended, as a service restart does) and starts it
    /// again on the same port.
    pub fn restart_server(&self) {
        let cluster = &self.cluster;
        assert!(cluster.stop(&cluster.data(), "fast"), "PostgreSQL stops");
        cluster.run();
    }
}

/// A port of 127.0.0.1 that nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A database of a test's own, on the server shared by the tests that run at the same time.
pub struct Database {
    pub url: String,
    name: String,
    cluster: Arc<Cluster>,
}

/// A new database named `name`, or `None` (the reason printed) when PostgreSQL is not installed.
pub fn database(name: &str) -> Option<Database> {
    Some(Database::new(cluster()?, name))
}

/// The server's options for a store in the PostgreSQL database `db`, its logs named `name`.
pub fn pg_args(db: &Database, name: &str) -> Args {
    let mut options = args(name, false);
    options.db = db.url.clone().into();
    options
}

/// PostgreSQL's programs, when a server can be started here; else `None`, the reason printed.
fn startable() -> Option<PathBuf> {
    let Some(bin) = installed() else {
        // Straight to stderr: the test harness keeps a passing test's `eprintln!` to itself.
        let _ = writeln!(
            std::io::stderr(),
            "skipped: PostgreSQL is not installed (scripts/setup test installs Debian's postgresql)"
        );
        return None;
    };
    if is_root() && runuser().is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: PostgreSQL refuses to run as root, and runuser (util-linux) is not there to \
             start it as the postgres user"
        );
        return None;
    }
    Some(bin)
}

fn cluster() -> Option<Arc<Cluster>> {
    static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
    let bin = startable()?;
    let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(cluster) = shared.upgrade() {
        return Some(cluster);
    }
    let cluster = Arc::new(Cluster::start(bin));
    *shared = Arc::downgrade(&cluster);
    Some(cluster)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).trim() == "0"
}

/// `runuser`, which lives in an sbin directory that a user's PATH may leave out.
fn runuser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|dir| dir.join("runuser"))
        .find(|candidate| candidate.is_file())
}

/// The server binaries of the newest PostgreSQL that Debian's packages installed.
fn installed() -> Option<PathBuf> {
    std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let major: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((major, bin))
        })
        .max_by_key(|(major, _)| *major)
        .map(|(_, bin)| bin)
}

impl Cluster {
    fn start(bin: PathBuf) -> Cluster {
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let as_postgres = is_root();
        let mut base = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("postgres");
        std::fs::create_dir_all(&base).expect("the clusters' directory");
        // The server's user must reach its directory, and a checkout may sit under one that
        // only root can enter.
        let reachable = || {
            Command::new(runuser().unwrap_or_default())
                .args(["-u", "postgres", "--", "test", "-x"])
                .arg(&base)
                .status()
                .is_ok_and(|status| status.success())
        };
        if as_postgres && !reachable() {
            base = std::env::temp_dir().join("portal-postgres");
            std::fs::create_dir_all(&base).expect("the clusters' directory");
        }
        let n = STARTED.fetch_add(1, Ordering::Relaxed);
        let mut cluster = Cluster {
            bin,
            dir: base.join(format!("{}-{n}", std::process::id())),
            port: 0,
            as_postgres,
        };
        cluster.stop_abandoned(&base);
        let _ = std::fs::remove_dir_all(&cluster.dir);
        std::fs::create_dir(&cluster.dir).expect("the cluster's directory");
        if as_postgres {
            output(Command::new("chown").arg("postgres:").arg(&cluster.dir));
        }
        let password = cluster.dir.join("password");
        std::fs::write(&password, PASSWORD).expect("the password file");
        output(
            cluster
                .command("initdb")
                .arg("-D")
                .arg(cluster.data())
                .args([
                    "-U",
                    USER,
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                ])
                .arg(format!("--pwfile={}", password.display()))
                // Nothing here needs to survive a power cut: syncing would only slow the start.
                .args(["--no-sync", "-E", "UTF8", "--locale=C"]),
        );
        cluster.port = free_port();
        cluster.run();
        cluster
    }

    /// Starts the server on its data directory and port.
    fn run(&self) {
        // -F (no fsync): nothing here needs to survive a power cut; -w waits until it accepts
        // connections.
        let options = format!("-k {} -p {} -h 127.0.0.1 -F", self.dir.display(), self.port);
        let started = self
            .command("pg_ctl")
            .args(["start", "-w", "-D"])
            .arg(self.data())
            .arg("-l")
            .arg(self.dir.join("log"))
            .args(["-o", &options])
            .output()
            .expect("pg_ctl runs");
        if !started.status.success() {
            let log = std::fs::read_to_string(self.dir.join("log")).unwrap_or_default();
            panic!(
                "PostgreSQL did not start: {}\n{log}",
                String::from_utf8_lossy(&started.stderr)
            );
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn url(&self, database: &str) -> String {
        format!(
            "postgres://{USER}:{PASSWORD}@127.0.0.1:{}/{database}",
            self.port
        )
    }

    fn connect(&self, database: &str) -> Client {
        Client::connect(&self.url(database), NoTls)
            .unwrap_or_else(|e| panic!("connect to {database}: {e}"))
    }

    /// One of the server's own programs, as the user it must run as.
    fn command(&self, program: &str) -> Command {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres {
            let mut command = Command::new(runuser().unwrap_or_default());
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        };
        // PostgreSQL keeps the machine's clock when scripts/test runs these tests under
        // libfaketime: the date faked is the portal's, and the preload stalls PostgreSQL's own
        // lock timeouts.
        command.env_remove("LD_PRELOAD").env_remove("FAKETIME");
        command
    }

    fn stop(&self, data: &Path, mode: &str) -> bool {
        self.command("pg_ctl")
            .args(["stop", "-w", "-m", mode, "-D"])
            .arg(data)
            .output()
            .is_ok_and(|out| out.status.success())
    }

    /// Stops and removes the servers of test processes that are gone (killed before their
    /// clusters could stop), so that none is left running.
    fn stop_abandoned(&self, base: &Path) {
        let Ok(entries) = std::fs::read_dir(base) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some((pid, _)) = name.to_str().and_then(|n| n.split_once('-')) else {
                continue;
            };
            if pid != std::process::id().to_string() && !Path::new("/proc").join(pid).exists() {
                self.stop(&entry.path().join("data"), "immediate");
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        if !self.stop(&data, "fast") {
            self.stop(&data, "immediate");
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn output(command: &mut Command) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        status.success(),
        "{command:?}: {status}\n{}",
        String::from_utf8_lossy(&stderr)
    );
    String::from_utf8_lossy(&stdout).into_owned()
}

pub fn connect(url: &str) -> PostgresStore {
    PostgresStore::connect(url).unwrap_or_else(|e| panic!("{e}"))
}

pub fn load(store: &mut PostgresStore) -> portal_core::model::State {
    futures_executor::block_on(store.load())
        .unwrap_or_else(|e| panic!("{e}"))
        .expect("a state")
}

/// The same trait on PostgreSQL: a demo state and then a change set (puts, a delete and
/// their versions) come back exactly, through a new connection as after a restart.
#[test]
fn the_store_round_trips_a_demo_state_and_a_change_set() {
    let Some(db) = database("round_trip") else {
        return;
    };
    let (mut state, _) = portal_core::model::demo::demo(now(), &mut SeededEntropy::new(1));
    let mut store = connect(&db.url);
    futures_executor::block_on(store.replace(&state)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(load(&mut connect(&db.url)), state);

    let mut changes = ChangeSet::default();
    let mut org = state.organizations.values().next().expect("an org").clone();
    org.name = "Quotes ' \" and \u{e9}\u{1F600}; DROP TABLE users".into();
    changes.put(Record::Organization(org));
    let token = state.tokens.keys().next().expect("a token").clone();
    changes.delete(Collection::Tokens, token);
    changes.put(Record::Client(ClientMark {
        client_id: "page-1".into(),
        last_mutation: 7,
        last_status: 200,
        conflict: false,
    }));
    let changes = state.versioned(changes, Some("page-1"));
    futures_executor::block_on(store.commit(&changes)).unwrap_or_else(|e| panic!("{e}"));
    state.apply(&changes);
    drop(store);
    assert_eq!(load(&mut connect(&db.url)), state);
}

/// Another server's commits reach a server through the log, in order; a server further behind
/// than the log keeps (1,000 commits) loads the whole state instead. Either way it ends with the
/// state stored.
#[test]
fn a_server_behind_applies_the_log_or_loads_the_state() {
    let Some(db) = database("behind") else {
        return;
    };
    let (mut state, _) = portal_core::model::demo::demo(now(), &mut SeededEntropy::new(1));
    let mut writer = connect(&db.url);
    futures_executor::block_on(writer.replace(&state)).unwrap_or_else(|e| panic!("{e}"));
    let mut reader = connect(&db.url);
    let mut behind = load(&mut reader);
    let mut commit = |state: &mut portal_core::model::State, n: u64| {
        let mut changes = ChangeSet::default();
        changes.put(Record::Client(ClientMark {
            client_id: format!("page-{n}"),
            last_mutation: n,
            last_status: 200,
            conflict: false,
        }));
        let changes = state.versioned(changes, None);
        futures_executor::block_on(writer.commit(&changes)).unwrap_or_else(|e| panic!("{e}"));
        state.apply(&changes);
    };
    for n in 1..=3 {
        commit(&mut state, n);
    }
    let since = futures_executor::block_on(reader.changes_since(behind.sync.revision()));
    match since.unwrap_or_else(|e| panic!("{e}")) {
        Since::Changes(sets) => {
            assert_eq!(sets.len(), 3, "one entry per commit");
            sets.iter().for_each(|changes| behind.apply(changes));
        }
        other => panic!("three commits behind is read from the log: {other:?}"),
    }
    assert_eq!(behind, state);
    for n in 4..=1010 {
        commit(&mut state, n);
    }
    let since = futures_executor::block_on(reader.changes_since(behind.sync.revision()));
    match since.unwrap_or_else(|e| panic!("{e}")) {
        Since::Replaced(stored) => assert_eq!(*stored, state),
        other => panic!("1,007 commits behind is past the log: {other:?}"),
    }
}

/// Migrations: an empty database gets every version's tables, step by step, and a second
/// connection finds nothing left to do.
#[test]
fn an_empty_database_is_migrated_to_the_current_schema() {
    let Some(db) = database("migrate") else {
        return;
    };
    assert_eq!(connect(&db.url).schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(connect(&db.url).schema_version().unwrap(), SCHEMA_VERSION);
    let mut client = db.cluster.connect("migrate");
    let tables: BTreeSet<String> = client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut expected: BTreeSet<String> =
        TABLES_ADDED.concat().into_iter().map(Into::into).collect();
    expected.extend(["portal_schema", "portal_head", "portal_log"].map(Into::into));
    assert_eq!(tables, expected);
    let versions = client
        .query("SELECT version FROM portal_schema", &[])
        .unwrap();
    assert_eq!(versions.len(), 1, "one version row");
    let heads = client
        .query("SELECT generation, revision FROM portal_head", &[])
        .unwrap();
    assert_eq!(heads.len(), 1, "one head row");
}

/// Migrations: a database a newer portal wrote is refused with the reason, and left as
/// it was.
#[test]
fn a_database_from_a_newer_portal_is_refused_untouched() {
    let Some(db) = database("newer") else {
        return;
    };
    let mut client = db.cluster.connect("newer");
    client
        .batch_execute(
            "CREATE TABLE portal_schema (version INTEGER NOT NULL); \
             INSERT INTO portal_schema VALUES (99)",
        )
        .unwrap();
    let error = PostgresStore::connect(&db.url).err().expect("refused");
    assert!(error.to_string().contains("run a newer portal"), "{error}");
    let version: i32 = client
        .query_one("SELECT version FROM portal_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(version, 99);
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "no table was created");
}

/// One transaction per request: after each request, a new connection loads exactly what
/// the backend serves.
#[test]
fn the_database_holds_what_the_backend_serves_after_each_request() {
    let Some(db) = database("lockstep") else {
        return;
    };
    holds_what_the_backend_serves(|| connect(&db.url));
}

/// `portal serve --db postgres://...` answers authenticated requests, keeps every change
/// across a restart, and creates nothing new the second time.
#[test]
fn portal_serve_on_postgres_keeps_every_change_across_a_restart() {
    let Some(db) = database("serve_restart") else {
        return;
    };
    let options = pg_args(&db, "serve_restart");
    restart_keeps_every_change(&options);
}

/// On PostgreSQL, a write that waits on another session's lock past the lock timeout is a 503
/// that changes nothing, so that a client may simply try again, and the retry works.
#[test]
fn a_write_the_database_refuses_is_a_503_and_changes_nothing() {
    let Some(db) = database("locked") else {
        return;
    };
    let options = pg_args(&db, "pg_locked");
    let served = Served::start(&options);
    a_held_lock_refuses_writes(
        &served,
        || {
            let mut lock = db.cluster.connect("locked");
            // Every change writes its records' versions.
            lock.batch_execute("BEGIN; LOCK TABLE versions IN ACCESS EXCLUSIVE MODE")
                .unwrap();
            lock
        },
        |mut lock| lock.batch_execute("COMMIT").unwrap(),
    );
}

/// A server whose session was ended (a restarted PostgreSQL, an administrator, an idle timeout)
/// refuses the change that finds it gone, and opens a new session for the next one; a read, which
/// can always be asked again, opens one at once.
#[test]
fn a_lost_connection_is_opened_again() {
    let Some(db) = database("reconnect") else {
        return;
    };
    let options = pg_args(&db, "pg_reconnect");
    let served = Served::start(&options);
    let token = served.boot().organization_token.token.clone();
    let body = crate::server::token_body("Organization Administrator", "again");
    assert!(db.end_sessions() >= 1, "the server's sessions");
    let refused = served.call("POST", "/v2/tokens", &token, &body);
    assert_eq!(refused.status, 503, "{}", refused.body);
    let retried = served.call("POST", "/v2/tokens", &token, &body);
    assert_eq!(retried.status, 200, "{}", retried.body);
    assert!(db.end_sessions() >= 1, "the server's sessions");
    let listed = served.call("GET", "/v2/tokens", &token, "");
    assert_eq!(listed.status, 200, "{}", listed.body);
    assert_eq!(listed.body.matches("again").count(), 1, "{}", listed.body);
    assert!(served
        .stored()
        .tokens
        .values()
        .any(|t| t.description == "again"));
}

/// PostgreSQL restarted (every session ended) between a revoke through one server and a read
/// through another with the revoked token: the reader finds its sessions gone, opens new ones,
/// catches up, and refuses the token; it never answers on the state from before.
#[test]
fn a_read_after_lost_sessions_still_sees_a_revoke_made_elsewhere() {
    let Some(db) = database("revoked_elsewhere") else {
        return;
    };
    let first = Served::start(&pg_args(&db, "revoked_elsewhere_1"));
    let second = Served::start(&pg_args(&db, "revoked_elsewhere_2"));
    let admin = first.boot().organization_token.token.clone();
    let made = first.request_token(&admin, "Organization Administrator", "short-lived");
    assert_eq!(made.status, 200, "{}", made.body);
    let (client_id, token) = (
        made.json()["clientId"].as_str().unwrap().to_owned(),
        made.json()["token"].as_str().unwrap().to_owned(),
    );
    let read = || second.call("GET", "/v2/organizations/roles", &token, "");
    assert_eq!(read().status, 200, "the second server knows the new token");
    let ended = db.end_sessions();
    assert!(ended >= 2, "both servers' sessions");
    let revoke = || first.call("DELETE", &format!("/v2/tokens/{client_id}"), &admin, "");
    // The change that finds its session gone is refused (503); asked again, it is made.
    let revoked = match revoke() {
        refused if refused.status == 503 => revoke(),
        answered => answered,
    };
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    let refused = read();
    assert_eq!(refused.status, 401, "{}", refused.body);
}

/// The connection string's password shows neither in the name logs and errors give the
/// database nor in the error of a start that failed.
#[test]
fn the_password_is_never_shown() {
    let Some(db) = database("shown") else {
        return;
    };
    let port = db.cluster.port;
    assert_eq!(
        describe(&db.url),
        format!("postgresql://{USER}@127.0.0.1:{port}/shown")
    );
    let mut options = args("pg_missing", false);
    options.db = db.cluster.url("missing").into();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let error = runtime
        .block_on(Server::start(&options))
        .err()
        .expect("no such database")
        .to_string();
    assert!(
        error.starts_with(&format!("postgresql://{USER}@127.0.0.1:{port}/missing: ")),
        "{error}"
    );
    assert!(error.contains("\"missing\" does not exist"), "{error}");
    assert!(!error.contains(PASSWORD), "{error}");
}

//! Several `portal serve` processes first-starting at once on one empty database: one of them
//! creates the state and prints its bootstrap JSON; on PostgreSQL the others serve that state
//! and print none, and on a SQLite file, which is one server's, they refuse to start.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::Value;

use portal_cli::serve::postgres::PostgresStore;
use portal_cli::serve::sqlite::SqliteStore;
use portal_cli::serve::{describe, Db};
use portal_core::model::bootstrap::{new_state, Names};
use portal_core::model::demo::demo;
use portal_core::model::{SeededEntropy, State};
use portal_core::store::{Created, Storage};

use crate::postgres::database;
use crate::server::args;
use crate::storage::now;

/// How many servers start at once.
const SERVERS: usize = 4;

/// The one deadline: every server listening.
const DEADLINE: Duration = Duration::from_secs(120);

/// What the server logs when another one's state was stored first.
const FOUND: &str = "another server created its state first";

pub struct Process {
    child: Child,
    /// Standard output and the log in one stream, in the order the server wrote them: the
    /// bootstrap JSON, if any, comes before the "listening" line.
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

/// A started server: where it listens, and the bootstrap JSON it printed before that.
pub struct Started {
    process: Process,
    pub url: String,
    pub boot: Option<Value>,
}

fn spawn(db: &Path, extra: &[&str]) -> Process {
    spawn_at(db, "127.0.0.1:0", extra)
}

/// `portal serve --db DB --listen LISTEN EXTRA...`, its output read as it comes.
pub fn spawn_at(db: &Path, listen: &str, extra: &[&str]) -> Process {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    let child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["serve", "--listen", listen, "--db"])
        .arg(db)
        .args(extra)
        .stdout(writer.try_clone().expect("the pipe's other end"))
        .stderr(writer)
        .stdin(Stdio::null())
        .spawn()
        .expect("portal serve starts");
    let (send, lines) = mpsc::channel();
    // Drained on a thread of its own: a full pipe would stall the server. The writing ends went
    // with the `Command`, so the stream ends when the process does.
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                break;
            }
        }
    });
    Process {
        child,
        lines,
        seen: Vec::new(),
    }
}

impl Process {
    /// Reads up to the "listening" line; the lines before it that form a JSON document are the
    /// bootstrap.
    pub fn started(self, deadline: Instant) -> Started {
        self.outcome(deadline)
            .unwrap_or_else(|seen| panic!("a server exited before it listened: {seen:?}"))
    }

    /// [`Process::started`], or every line of a server that exited before it listened, with
    /// its exit status.
    fn outcome(mut self, deadline: Instant) -> Result<Started, (Vec<String>, ExitStatus)> {
        // The JSON, while it is being read, and once it was.
        let (mut reading, mut json) = (false, None::<String>);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match self.lines.recv_timeout(left) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "waited {DEADLINE:?} for every server to log \"listening\"; this one \
                     printed {:?}",
                    self.seen
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait().expect("the server's exit status");
                    return Err((std::mem::take(&mut self.seen), status));
                }
            };
            self.seen.push(line.clone());
            if line == "{" {
                reading = true;
            }
            if reading {
                json.get_or_insert_default().push_str(&line);
                reading = line != "}";
            }
            if line.contains("listening") {
                break;
            }
        }
        let url = self
            .seen
            .last()
            .and_then(|line| {
                line.split_whitespace()
                    .find_map(|field| field.strip_prefix("url="))
            })
            .expect("the listening line gives the URL")
            .to_owned();
        let boot = json.map(|json| {
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("the bootstrap JSON: {e}"))
        });
        Ok(Started {
            process: self,
            url,
            boot,
        })
    }
}

impl Started {
    /// Ends the process at once (SIGKILL), as a crash or a power cut would.
    pub fn kill(mut self) {
        let _ = self.process.child.kill();
        let _ = self.process.child.wait();
    }

    fn get(&self, path: &str, token: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent
            .get(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {token}"))
            .call()
            .expect("the server answers");
        let status = response.status().as_u16();
        (status, response.body_mut().read_to_string().unwrap())
    }

    /// SIGTERM; whether it stopped with success, and every line it printed.
    pub fn terminate(mut self) -> (bool, Vec<String>) {
        let process = &mut self.process;
        let pid = process.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let status = process.child.wait().unwrap();
        // The process is gone, so the stream has ended.
        let mut seen = std::mem::take(&mut process.seen);
        seen.extend(process.lines.iter());
        (status.success(), seen)
    }
}

/// A test that failed leaves no server running.
impl Drop for Process {
    fn drop(&mut self) {
        // Nothing to do for a process already waited for.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts [`SERVERS`] servers at once on `db` and checks that exactly one printed a bootstrap,
/// that all serve its enterprise with its tokens, and that the database holds its state.
fn one_bootstrap(db: &Path, extra: &[&str]) {
    let processes: Vec<Process> = (0..SERVERS).map(|_| spawn(db, extra)).collect();
    let deadline = Instant::now() + DEADLINE;
    let servers: Vec<Started> = processes
        .into_iter()
        .map(|process| process.started(deadline))
        .collect();

    let boots: Vec<&Value> = servers.iter().filter_map(|s| s.boot.as_ref()).collect();
    assert_eq!(
        boots.len(),
        1,
        "exactly one server prints a bootstrap: {boots:#?}"
    );
    let boot = boots[0].clone();
    let enterprise = boot["enterpriseId"].as_str().expect("enterpriseId");
    assert_eq!(stored(db).enterprise.id, enterprise, "the state stored");
    let enterprise_token = boot["enterpriseToken"]["token"].as_str().unwrap();
    let organization_token = boot["organizationToken"]["token"].as_str().unwrap();
    for server in &servers {
        let (status, body) = server.get("/v2/enterprises/current", enterprise_token);
        assert_eq!(status, 200, "{}: {body}", server.url);
        let served: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(served["id"], enterprise, "{}: {body}", server.url);
        let (status, body) = server.get("/v2/organizations/roles", organization_token);
        assert_eq!(status, 200, "{}: {body}", server.url);
    }

    let mut found = 0;
    for server in servers {
        let printed = server.boot.is_some();
        let (stopped, lines) = server.terminate();
        assert!(stopped, "SIGTERM stops each server with success: {lines:?}");
        if lines.iter().any(|line| line.contains(FOUND)) {
            assert!(!printed, "a server that found another's state printed one");
            found += 1;
        }
    }
    // How often the race was lost after finding the database empty, rather than found already
    // created: it depends on the timing, so it is reported rather than asserted.
    eprintln!(
        "{SERVERS} servers on {}: {found} found the state another one created after finding \
         the database empty",
        describe(db)
    );
}

/// The state the database holds, read through a connection of its own.
fn stored(db: &Path) -> State {
    let state = match Db::of(db) {
        Db::File(path) => {
            futures_executor::block_on(SqliteStore::open(path).unwrap().load()).unwrap()
        }
        Db::Postgres(url) => {
            futures_executor::block_on(PostgresStore::connect(url).unwrap().load()).unwrap()
        }
    };
    state.expect("the database holds a state")
}

/// Two connections that both found the database empty: the second `create` finds the state the
/// first stored, returns it, and writes nothing.
fn create_keeps_the_first_state<S: Storage>(open: impl Fn() -> S)
where
    S::Error: std::fmt::Debug,
{
    let (mut late, mut early) = (open(), open());
    assert_eq!(
        futures_executor::block_on(late.load()).unwrap(),
        None,
        "an empty database"
    );
    let (first, _) = demo(now(), &mut SeededEntropy::new(1));
    let (second, _) = new_state(&Names::default(), now(), &mut SeededEntropy::new(2));
    assert!(matches!(
        futures_executor::block_on(early.create(&first)),
        Ok(Created::Stored)
    ));
    match futures_executor::block_on(late.create(&second)).unwrap() {
        Created::Existing(found) => assert_eq!(*found, first),
        Created::Stored => panic!("the second state was stored over the first"),
    }
    assert_eq!(
        futures_executor::block_on(open().load()).unwrap(),
        Some(first)
    );
}

#[test]
fn a_sqlite_file_keeps_the_state_created_first() {
    let db = args("create_first", false).db;
    create_keeps_the_first_state(|| SqliteStore::open(&db).unwrap());
}

#[test]
fn a_postgres_database_keeps_the_state_created_first() {
    let Some(db) = database("create_first") else {
        return;
    };
    create_keeps_the_first_state(|| PostgresStore::connect(&db.url).unwrap());
}

/// Servers started at once on one new SQLite file: the first to hold the file serves it and
/// prints the one bootstrap; each of the others exits at once, saying the file is another
/// server's and where several servers can share one state.
#[test]
fn of_servers_starting_at_once_on_one_sqlite_file_one_serves_and_the_others_refuse() {
    let db = args("first_start_race", false).db;
    let processes: Vec<Process> = (0..SERVERS).map(|_| spawn(&db, &[])).collect();
    let deadline = Instant::now() + DEADLINE;
    let (mut serving, mut refused) = (Vec::new(), 0);
    for process in processes {
        match process.outcome(deadline) {
            Ok(started) => serving.push(started),
            Err((lines, status)) => {
                assert_eq!(status.code(), Some(2), "{lines:?}");
                let said = lines.join("\n");
                assert!(
                    said.contains("another portal server is serving this file")
                        && said.contains("postgres://"),
                    "{said}"
                );
                refused += 1;
            }
        }
    }
    assert_eq!(serving.len(), 1, "one server holds the file");
    assert_eq!(refused, SERVERS - 1);
    let boot = serving[0]
        .boot
        .clone()
        .expect("the one server made the state");
    assert_eq!(
        stored(&db).enterprise.id,
        boot["enterpriseId"].as_str().unwrap()
    );
    let (stopped, lines) = serving.remove(0).terminate();
    assert!(stopped, "{lines:?}");
    // Let go with the process: the next server serves the file.
    let again = spawn(&db, &[]).started(Instant::now() + DEADLINE);
    assert!(again.boot.is_none(), "the state was kept");
    assert!(again.terminate().0);
}

/// Servers started at once on one empty PostgreSQL database, with the demo data: one bootstrap,
/// one state.
#[test]
fn servers_first_starting_at_once_on_one_postgres_database_create_one_state() {
    let Some(db) = database("first_start_race") else {
        return;
    };
    one_bootstrap(Path::new(&db.url), &["--demo"]);
}

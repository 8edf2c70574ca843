//! The `portal serve` command itself: the bootstrap JSON printed once, the logs, and a graceful
//! stop on SIGTERM.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

struct Running {
    child: Child,
    url: String,
    /// Every line of the log so far, and the ones still to come.
    log: mpsc::Receiver<String>,
    seen: Vec<String>,
}

/// Starts the command and waits for its "listening" line.
/// The path of a database file `name` that does not exist yet, in this test's own folder.
fn fresh_db(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("command");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(name);
    let _ = std::fs::remove_file(&db);
    db
}

fn start(db: &Path) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("portal serve starts");
    let (lines, log) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    // Drained on a thread of its own: a full pipe would stall the server.
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut running = Running {
        child,
        url: String::new(),
        log,
        seen: Vec::new(),
    };
    let line = running.wait_for("listening");
    let url = line
        .split_whitespace()
        .find_map(|field| field.strip_prefix("url="))
        .expect("the listening line gives the URL");
    running.url = url.to_owned();
    running
}

impl Running {
    fn wait_for(&mut self, text: &str) -> String {
        loop {
            let line = self
                .log
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no log line with '{text}'; got {:?}", self.seen));
            self.seen.push(line.clone());
            if line.contains(text) {
                return line;
            }
        }
    }

    fn get(&self, path: &str, token: &str) -> u16 {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        agent
            .get(format!("{}{path}", self.url))
            .header("Authorization", format!("Bearer {token}"))
            .call()
            .expect("the server answers")
            .status()
            .as_u16()
    }

    /// SIGTERM, then whether it exited with success, everything it printed on standard output
    /// and every log line.
    fn terminate(mut self) -> (bool, String, Vec<String>) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let status = self.child.wait().unwrap();
        let mut out = String::new();
        if let Some(mut stdout) = self.child.stdout.take() {
            stdout.read_to_string(&mut out).unwrap();
        }
        // The process is gone, so its log ends: read it to the end, which the thread forwarding
        // it may not have reached yet.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while let Ok(line) = self
            .log
            .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()))
        {
            self.seen.push(line);
        }
        (status.success(), out, self.seen)
    }
}

/// "First start on an empty database creates the enterprise as `portal init` does and
/// prints the same JSON [...] once"; "Structured logs [...] with its principal's clientId, never
/// a secret"; "graceful shutdown on SIGINT/SIGTERM".
#[test]
fn the_first_start_prints_the_tokens_once_logs_client_ids_and_stops_on_sigterm() {
    let db = fresh_db("portal.db");

    let mut first = start(&db);
    // The JSON is on standard output before the server listens, so it can be read now.
    let stdout = first.child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut json = String::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        json.push_str(&line);
        if line == "}" {
            break;
        }
    }
    let boot: Value = serde_json::from_str(&json).expect("the bootstrap JSON");
    for key in [
        "enterpriseId",
        "organizationId",
        "enterpriseToken",
        "organizationToken",
    ] {
        assert!(boot.get(key).is_some(), "{key} in {boot}");
    }
    let token = boot["organizationToken"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let client_id = boot["organizationToken"]["clientId"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret = boot["organizationToken"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(first.get("/v2/organizations/roles", &token), 200);
    let logged = first.wait_for("/v2/organizations/roles");
    assert!(logged.contains(&client_id), "{logged}");
    assert!(logged.contains("status=200"), "{logged}");

    let (stopped, _, _) = first.terminate();
    assert!(stopped, "SIGTERM stops the server with success");
    let raw = std::fs::read(&db).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(
        !text.contains(&secret) && !text.contains(&token),
        "a secret was stored"
    );

    let second = start(&db);
    assert_eq!(second.get("/v2/organizations/roles", &token), 200);
    let (stopped, out, log) = second.terminate();
    assert!(stopped);
    assert!(out.trim().is_empty(), "a second start printed: {out}");
    assert!(log.iter().any(|line| line.contains("stopping")), "{log:?}");
    for line in &log {
        assert!(
            !line.contains(&secret) && !line.contains(&token),
            "logged a secret: {line}"
        );
    }
}

/// A SIGTERM sent the moment the server logs "listening" (as a service manager or a script
/// that waited for it may) stops it gracefully: the handler is in place before the line. It
/// was not, and about one such stop in six ended the process without finishing anything.
#[test]
fn a_stop_sent_as_soon_as_the_server_listens_is_graceful() {
    let db = fresh_db("prompt-stop.db");
    for round in 0..20 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(&db)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("portal serve starts");
        let pid = i32::try_from(child.id()).expect("a pid");
        let mut log = Vec::new();
        for line in BufReader::new(child.stderr.take().unwrap()).lines() {
            let line = line.unwrap();
            if line.contains("listening") {
                // At once, from here: `kill` as a command would start too late to tell.
                // SAFETY: kill(2) with a child's pid and a signal number touches no memory.
                assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
            }
            log.push(line);
        }
        let status = child.wait().unwrap();
        assert!(status.success(), "round {round}: {status}, {log:?}");
        assert!(
            log.iter().any(|line| line.contains("stopping")),
            "round {round}: {log:?}"
        );
    }
}

//! A real `portal serve` for the HTTP tests: the server started in-process on 127.0.0.1 with its
//! own SQLite file (or PostgreSQL database), and a plain HTTP client.

use std::path::PathBuf;

use portal_cli::first_start::FirstStart;
use portal_cli::serve::postgres::PostgresStore;
use portal_cli::serve::sqlite::SqliteStore;
use portal_cli::serve::{Args, Db, Server};
use portal_core::model::bootstrap::Bootstrap;
use portal_core::model::State;
use portal_core::store::Storage;
use ureq::http::Request;

pub struct Served {
    pub url: String,
    pub db: PathBuf,
    pub boot: Option<Bootstrap>,
    server: Option<Server>,
    runtime: tokio::runtime::Runtime,
    agent: ureq::Agent,
}

/// A status, the response's headers and its body.
pub struct Reply {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The first error's ID of a `{"errors":[...]}` body.
    pub fn error_id(&self) -> u64 {
        self.json()["errors"][0]["ID"].as_u64().unwrap_or(0)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Server options as `portal serve` would parse them, for a database file in the test's own
/// temporary directory.
pub fn args(name: &str, demo: bool) -> Args {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("http");
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let db = dir.join(format!("{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    Args {
        listen: "127.0.0.1:0".parse().expect("an address"),
        db,
        dist: None,
        allowed_origins: Vec::new(),
        rate_limit: 0,
        max_body: 64 * 1024,
        database_step: 50,
        read_timeout: 2,
        smtp: None,
        mail_from: "Astra Portal <portal@acme.test>".into(),
        public_url: None,
        first: FirstStart {
            demo,
            enterprise: "Acme".into(),
            organization: "Acme Dev".into(),
            email: "admin@acme.test".into(),
        },
    }
}

/// The body of `POST /v2/tokens` for a token with the default role `name`.
pub fn token_body(name: &str, description: &str) -> String {
    let role = portal_core::api::access::default_role(name);
    serde_json::json!({"roles": [role.id], "description": description}).to_string()
}

impl Served {
    pub fn start(args: &Args) -> Served {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let server = runtime
            .block_on(Server::start(args))
            .unwrap_or_else(|e| panic!("the server starts: {e}"));
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Served {
            url: server.url(),
            db: args.db.clone(),
            boot: server.bootstrap.clone(),
            server: Some(server),
            runtime,
            agent,
        }
    }

    pub fn boot(&self) -> &Bootstrap {
        self.boot.as_ref().expect("this start created the database")
    }

    /// Sends a request; `token` goes in `Authorization: Bearer`, `headers` as they are.
    pub fn send(
        &self,
        method: &str,
        target: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{target}", self.url));
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.to_vec()).expect("a request");
        let mut response = self.agent.run(request).expect("the server answers");
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.body_mut().read_to_string().expect("a UTF-8 body"),
        }
    }

    /// Writes `raw` (a request head and whatever body) on a new connection and returns the
    /// status of the answer: for what a well-behaved client would not send.
    pub fn raw(&self, raw: &[u8]) -> u16 {
        use std::io::{Read, Write};
        let address = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        // The server may answer (and close) before it read everything: that is the point.
        let _ = stream.write_all(raw);
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).expect("a status line");
        std::str::from_utf8(&head[9..12])
            .ok()
            .and_then(|code| code.parse().ok())
            .expect("HTTP/1.1 NNN")
    }

    /// Sends `raw` and reads until the server closes the connection: what it answered, if
    /// anything. Fails if the connection is still open after a generous deadline.
    pub fn until_closed(&self, raw: &[u8]) -> Vec<u8> {
        use std::io::{Read, Write};
        let address = self.url.trim_start_matches("http://");
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(60)))
            .expect("a read timeout");
        stream.write_all(raw).expect("the request is sent");
        let mut answered = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            match stream.read(&mut chunk) {
                Ok(0) => return answered,
                Ok(n) => answered.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return answered,
                // A signal (libfaketime's, in the dates layer) cut the wait short: wait on.
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => panic!(
                    "waited 60 s for the server to close the connection after {:?}: {e}",
                    String::from_utf8_lossy(raw)
                ),
            }
        }
    }

    pub fn call(&self, method: &str, target: &str, token: &str, body: &str) -> Reply {
        self.send(method, target, Some(token), &[], body.as_bytes())
    }

    /// `POST /v2/tokens` by `token` for a new token with the default role `role`.
    pub fn request_token(&self, token: &str, role: &str, description: &str) -> Reply {
        self.call("POST", "/v2/tokens", token, &token_body(role, description))
    }

    /// Polls `GET /v2/databases/{id}` as a client waiting on it does, until its status is
    /// `status`; one generous deadline, which says what it waited for.
    pub fn wait_for_database(&self, token: &str, id: &str, status: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let reply = self.call("GET", &format!("/v2/databases/{id}"), token, "");
            if reply.status == 200 && reply.json()["status"] == status {
                return;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "waited 60 s for database {id} to be {status}; it answers {} {}",
                reply.status,
                reply.body
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// The state as the database holds it now (a second connection, as a backup would).
    pub fn stored(&self) -> State {
        match Db::of(&self.db) {
            Db::File(path) => load(SqliteStore::open(path)),
            Db::Postgres(url) => load(PostgresStore::connect(url)),
        }
    }

    /// Stops the server gracefully, closing its database.
    pub fn stop(mut self) {
        if let Some(server) = self.server.take() {
            self.runtime
                .block_on(server.stop())
                .expect("the server stops cleanly");
        }
    }
}

fn load<S: Storage>(store: Result<S, S::Error>) -> State {
    let mut store = store.unwrap_or_else(|e| panic!("the database opens: {e}"));
    futures_executor::block_on(store.load())
        .unwrap_or_else(|e| panic!("the database reads: {e}"))
        .expect("the database has a state")
}

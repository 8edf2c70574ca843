//! Three `portal serve` processes over one PostgreSQL database behave as one portal, checked the
//! way Jepsen checks a database: clients on every server create and revoke tokens, invite users,
//! create and edit roles, and promote and demote the organization's administrators, while servers
//! are killed and started again at random and PostgreSQL itself restarts once. Afterwards:
//! - every change that was acknowledged is stored exactly once, and none that was not is stored
//!   twice;
//! - the state's invariants hold (among them, an active administrator in every organization:
//!   demotions decided on stale states would remove the last one);
//! - no request sent after a revoke was answered authenticated with the revoked token, on any
//!   server;
//! - every server lists the same tokens, the ones stored.
//!
//! Bounded in time and on loopback only; skipped, with the reason, where PostgreSQL can't run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use portal_core::api::access::default_role;
use portal_core::model::{invariants, Scope, SeededEntropy};
use serde_json::{json, Value};

use crate::first_start::{spawn_at, Started};
use crate::postgres::{connect, free_port, load, private_database};

/// How long the clients work.
const RUN: Duration = Duration::from_secs(20);
const SERVERS: usize = 3;
const CLIENTS: usize = 6;
/// The one deadline for a server to listen, and for the checks' requests to be answered.
const DEADLINE: Duration = Duration::from_secs(120);

/// One server's address, and its process while it runs.
struct Node {
    listen: String,
    running: Mutex<Option<Started>>,
}

impl Node {
    fn start(&self, db: &Path) {
        let started = spawn_at(db, &self.listen, &["--rate-limit", "0", "--demo"])
            .started(Instant::now() + DEADLINE);
        *self.lock() = Some(started);
    }

    fn kill(&self) {
        if let Some(started) = self.lock().take() {
            started.kill();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Started>> {
        self.running.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn url(&self) -> String {
        format!("http://{}", self.listen)
    }
}

/// What the clients saw, for the checks afterwards.
#[derive(Default)]
struct History {
    /// Tokens made, by description; revokes, by the token's description; users invited, by
    /// email; roles made, by name.
    tokens: Seen,
    revoked: Seen,
    invited: Seen,
    roles: Seen,
    /// Requests sent after their token's revoke was answered, and answered as authenticated.
    violations: Vec<String>,
    acknowledged: usize,
}

/// Changes acknowledged, and changes sent without an answer (which may or may not have happened).
#[derive(Default)]
struct Seen {
    acknowledged: BTreeSet<String>,
    unknown: BTreeSet<String>,
}

/// A client's HTTP agent: short timeouts, since servers die under it.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// The status and body, or `None` when no answer came (the server died, or was down).
fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: &str,
    body: &str,
) -> Option<(u16, String)> {
    let auth = format!("Bearer {token}");
    let mut response = match method {
        "GET" => agent.get(url).header("Authorization", &auth).call(),
        "DELETE" => agent.delete(url).header("Authorization", &auth).call(),
        "POST" => agent
            .post(url)
            .header("Authorization", &auth)
            .content_type("application/json")
            .send(body),
        "PUT" => agent
            .put(url)
            .header("Authorization", &auth)
            .content_type("application/json")
            .send(body),
        _ => unreachable!("the clients send these methods only"),
    }
    .ok()?;
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().ok()?;
    // A 503 is "nothing changed, try again": as good as no answer for what was stored.
    (status != 503).then_some((status, body))
}

fn pick(rng: &mut SeededEntropy, n: usize) -> usize {
    use portal_core::model::Entropy;
    let mut bytes = [0u8; 8];
    rng.fill(&mut bytes);
    (u64::from_le_bytes(bytes) % n as u64) as usize
}

struct Client<'a> {
    n: usize,
    nodes: &'a [Node],
    token: &'a str,
    org: &'a str,
    users: &'a [String],
    history: &'a Mutex<History>,
    agent: ureq::Agent,
    rng: SeededEntropy,
    /// Tokens this client made and saw acknowledged: description → (clientId, secret).
    live: BTreeMap<String, (String, String)>,
    /// Role IDs this client made, to edit.
    roles: Vec<String>,
    /// Revoked secrets with the moment their revoke was answered.
    dead: Vec<(String, String, Instant)>,
    made: usize,
}

impl Client<'_> {
    fn server(&mut self) -> String {
        let i = pick(&mut self.rng, self.nodes.len());
        self.nodes[i].url()
    }

    fn history(&self) -> std::sync::MutexGuard<'_, History> {
        self.history.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Files a change under what its answer said: acknowledged, or sent without an answer.
    fn file(&self, seen: impl FnOnce(&mut History) -> &mut Seen, name: String, answered: bool) {
        let mut history = self.history();
        if answered {
            history.acknowledged += 1;
            seen(&mut history).acknowledged.insert(name);
        } else {
            seen(&mut history).unknown.insert(name);
        }
    }

    fn step(&mut self) {
        self.made += 1;
        let name = format!("c{}-{}", self.n, self.made);
        match pick(&mut self.rng, 10) {
            0..=2 => self.create_token(name),
            3..=4 => self.revoke(),
            5 => self.invite(name),
            6 => self.create_role(name),
            7 => self.edit_role(),
            _ => self.set_admin(),
        }
    }

    fn create_token(&mut self, description: String) {
        let body = json!({"roles": [default_role("Organization Administrator").id], "description": description});
        let url = format!("{}/v2/tokens", self.server());
        match send(&self.agent, "POST", &url, self.token, &body.to_string()) {
            Some((200, body)) => {
                let made: Value = serde_json::from_str(&body).expect("a token's JSON");
                let id = made["clientId"].as_str().expect("clientId").to_owned();
                let secret = made["token"].as_str().expect("token").to_owned();
                self.live.insert(description.clone(), (id, secret));
                self.file(|h| &mut h.tokens, description, true);
            }
            Some((status, body)) => panic!("POST /v2/tokens: {status} {body}"),
            None => self.file(|h| &mut h.tokens, description, false),
        }
    }

    /// Revokes one of this client's tokens, then at once uses it on every server.
    fn revoke(&mut self) {
        let Some(description) = self.live.keys().next().cloned() else {
            return;
        };
        let (id, secret) = self.live.remove(&description).expect("listed");
        let url = format!("{}/v2/tokens/{id}", self.server());
        match send(&self.agent, "DELETE", &url, self.token, "") {
            Some((200, _)) => {
                self.dead
                    .push((description.clone(), secret, Instant::now()));
                self.file(|h| &mut h.revoked, description, true);
            }
            Some((status, body)) => panic!("DELETE /v2/tokens/{id}: {status} {body}"),
            None => self.file(|h| &mut h.revoked, description, false),
        }
        let dead = self.dead.clone();
        for (description, secret, answered) in &dead {
            for node in self.nodes {
                let sent = Instant::now();
                let url = format!("{}/v2/organizations/roles", node.url());
                if let Some((status, _)) = send(&self.agent, "GET", &url, secret, "") {
                    if status != 401 && sent > *answered {
                        self.history().violations.push(format!(
                            "{} answered {status} to {description}'s token, revoked {:?} before",
                            node.listen,
                            sent - *answered
                        ));
                    }
                }
            }
        }
        // Probed once after every later revoke too; a few are enough.
        let keep = self.dead.len().saturating_sub(3);
        self.dead.drain(..keep);
    }

    fn invite(&mut self, name: String) {
        let email = format!("{name}@jepsen.test");
        let body = json!({"email": email, "roles": [default_role("Read Only User").id]});
        let url = format!("{}/v2/organizations/users", self.server());
        match send(&self.agent, "PUT", &url, self.token, &body.to_string()) {
            Some((status, _)) if status < 300 => self.file(|h| &mut h.invited, email, true),
            Some((status, body)) => panic!("PUT /v2/organizations/users: {status} {body}"),
            None => self.file(|h| &mut h.invited, email, false),
        }
    }

    fn role_body(&self, name: &str, action: &str) -> String {
        json!({"name": name, "policy": {"description": "", "resources": [format!("drn:astra:org:{}", self.org)], "actions": [action], "effect": "allow"}}).to_string()
    }

    fn create_role(&mut self, name: String) {
        let url = format!("{}/v2/organizations/roles", self.server());
        match send(
            &self.agent,
            "POST",
            &url,
            self.token,
            &self.role_body(&name, "org-read"),
        ) {
            Some((201, body)) => {
                let made: Value = serde_json::from_str(&body).expect("a role's JSON");
                let id = made["ID"]
                    .as_str()
                    .or(made["id"].as_str())
                    .expect("the role's ID");
                self.roles.push(id.to_owned());
                self.file(|h| &mut h.roles, name, true);
            }
            Some((status, body)) => panic!("POST /v2/organizations/roles: {status} {body}"),
            None => self.file(|h| &mut h.roles, name, false),
        }
    }

    fn edit_role(&mut self) {
        let Some(id) = self.roles.last().cloned() else {
            return;
        };
        // Its name stays: the history knows it by name.
        let Some(name) = self.role_name(&id) else {
            return;
        };
        let action = ["org-read", "org-audits-read", "org-user-read"][pick(&mut self.rng, 3)];
        let url = format!("{}/v2/organizations/roles/{id}", self.server());
        match send(
            &self.agent,
            "PUT",
            &url,
            self.token,
            &self.role_body(&name, action),
        ) {
            Some((status, _)) if status < 300 => self.history().acknowledged += 1,
            Some((status, body)) => panic!("PUT {url}: {status} {body}"),
            None => {}
        }
    }

    fn role_name(&mut self, id: &str) -> Option<String> {
        let url = format!("{}/v2/organizations/roles/{id}", self.server());
        let (status, body) = send(&self.agent, "GET", &url, self.token, "")?;
        assert_eq!(status, 200, "GET {url}: {body}");
        let role: Value = serde_json::from_str(&body).ok()?;
        role["name"]
            .as_str()
            .or(role["Name"].as_str())
            .map(str::to_owned)
    }

    /// Makes one of the organization's users an administrator, or takes it away: refused when it
    /// would leave the organization none.
    fn set_admin(&mut self) {
        let user = &self.users[pick(&mut self.rng, self.users.len())];
        let role = if pick(&mut self.rng, 2) == 0 {
            "Organization Administrator"
        } else {
            "Read Only User"
        };
        let body = json!({"roles": [default_role(role).id]}).to_string();
        let url = format!("{}/v2/organizations/users/{user}/roles", self.server());
        match send(&self.agent, "PUT", &url, self.token, &body) {
            Some((status, _)) if status < 300 => self.history().acknowledged += 1,
            // The last administrator is kept: the refusal is the rule working.
            Some((409 | 400 | 403, _)) | None => {}
            Some((status, body)) => panic!("PUT {url}: {status} {body}"),
        }
    }
}

/// Each of `names` is among `stored` as often as `times` allows.
fn stored_once(
    names: &BTreeSet<String>,
    stored: &[&str],
    times: std::ops::RangeInclusive<usize>,
    what: &str,
) {
    for name in names {
        let found = stored.iter().filter(|s| **s == name).count();
        assert!(
            times.contains(&found),
            "{what} {name}: stored {found} times"
        );
    }
}

#[test]
fn three_servers_over_one_postgres_behave_as_one_portal_through_kills_and_a_restart() {
    let Some(db) = private_database("jepsen") else {
        return;
    };
    let path = Path::new(&db.url);
    let nodes: Vec<Node> = (0..SERVERS)
        .map(|_| Node {
            listen: format!("127.0.0.1:{}", free_port()),
            running: Mutex::new(None),
        })
        .collect();
    // The first one alone, with the demo's users: it makes the state and prints the tokens.
    nodes[0].start(path);
    let boot = nodes[0].lock().as_ref().and_then(|s| s.boot.clone());
    let boot = boot.expect("the first server printed its bootstrap");
    for node in &nodes[1..] {
        node.start(path);
    }
    let token = boot["organizationToken"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let state = load(&mut connect(&db.url));
    let client_id = boot["organizationToken"]["clientId"]
        .as_str()
        .expect("clientId");
    let Scope::Organization(org) = state.tokens[client_id].scope.clone() else {
        panic!("the organization token acts in an organization");
    };
    let users: Vec<String> = state
        .users
        .values()
        .filter(|u| u.membership(&Scope::Organization(org.clone())).is_some())
        .map(|u| u.id.clone())
        .collect();

    let history = Mutex::new(History::default());
    let done = AtomicBool::new(false);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for n in 0..CLIENTS {
            let (nodes, token, org, users, history, done) =
                (&nodes, &token, &org, &users, &history, &done);
            scope.spawn(move || {
                let mut client = Client {
                    n,
                    nodes,
                    token,
                    org,
                    users,
                    history,
                    agent: agent(),
                    rng: SeededEntropy::new(n as u64 + 1),
                    live: BTreeMap::new(),
                    roles: Vec::new(),
                    dead: Vec::new(),
                    made: 0,
                };
                while !done.load(Ordering::Relaxed) {
                    client.step();
                }
            });
        }
        // The nemesis: a server killed and started again every two seconds, and PostgreSQL
        // restarted once, half-way.
        let mut rng = SeededEntropy::new(99);
        let mut restarted = false;
        while started.elapsed() < RUN {
            std::thread::sleep(Duration::from_secs(2));
            let node = &nodes[pick(&mut rng, SERVERS)];
            node.kill();
            std::thread::sleep(Duration::from_millis(300));
            node.start(path);
            if !restarted && started.elapsed() > RUN / 2 {
                db.restart_server();
                restarted = true;
            }
        }
        done.store(true, Ordering::Relaxed);
    });

    let history = history.into_inner().unwrap_or_else(PoisonError::into_inner);
    eprintln!(
        "{} changes acknowledged in {:?} by {CLIENTS} clients on {SERVERS} servers",
        history.acknowledged,
        started.elapsed()
    );
    assert!(history.acknowledged > 0, "the clients got answers");
    assert_eq!(
        history.violations,
        Vec::<String>::new(),
        "revoked tokens authenticated"
    );

    let state = load(&mut connect(&db.url));
    let problems = invariants::check(&state);
    assert!(problems.is_empty(), "{problems:?}");
    let tokens: Vec<&str> = state
        .tokens
        .values()
        .map(|t| t.description.as_str())
        .collect();
    for description in &history.tokens.acknowledged {
        let expected = if history.revoked.acknowledged.contains(description) {
            0..=0
        } else if history.revoked.unknown.contains(description) {
            0..=1
        } else {
            1..=1
        };
        let found = tokens.iter().filter(|t| *t == description).count();
        assert!(
            expected.contains(&found),
            "token {description}: stored {found} times"
        );
    }
    stored_once(&history.tokens.unknown, &tokens, 0..=1, "token");
    let emails: Vec<&str> = state.users.values().map(|u| u.email.as_str()).collect();
    stored_once(&history.invited.acknowledged, &emails, 1..=1, "user");
    stored_once(&history.invited.unknown, &emails, 0..=1, "user");
    let roles: Vec<&str> = state.roles.values().map(|r| r.role.name.as_str()).collect();
    stored_once(&history.roles.acknowledged, &roles, 1..=1, "role");
    stored_once(&history.roles.unknown, &roles, 0..=1, "role");

    // One portal: every server lists the tokens stored.
    let stored_ids: BTreeSet<String> = state
        .tokens
        .values()
        .filter(|t| t.scope == Scope::Organization(org.clone()))
        .map(|t| t.client_id.clone())
        .collect();
    let agent = agent();
    for node in &nodes {
        let url = format!("{}/v2/tokens", node.url());
        let deadline = Instant::now() + DEADLINE;
        let body = loop {
            match send(&agent, "GET", &url, &token, "") {
                Some((200, body)) => break body,
                _ if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
                other => panic!("waited {DEADLINE:?} for {url} to answer: {other:?}"),
            }
        };
        let listed: Value = serde_json::from_str(&body).expect("the list's JSON");
        let ids: BTreeSet<String> = listed["clients"]
            .as_array()
            .expect("clients")
            .iter()
            .filter_map(|t| t["clientId"].as_str().map(str::to_owned))
            .collect();
        assert_eq!(ids, stored_ids, "{} lists the tokens stored", node.listen);
    }
    for node in &nodes {
        node.kill();
    }
}

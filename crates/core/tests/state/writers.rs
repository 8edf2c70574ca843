//! Several writers of one storage, as several servers over one PostgreSQL database: each commit
//! is conditional on the revision it was decided on, and a writer that another got ahead of
//! catches up and decides the request again, so that the writers behave as one.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::support::World;
use portal_core::api::{Context, Method, Request, Response};
use portal_core::model::{ChangeSet, SeededEntropy, State};
use portal_core::store::{Backend, Created, Since, Storage};
use portal_core::sync::Mutation;

fn block<T>(future: impl std::future::Future<Output = T>) -> T {
    futures_executor::block_on(future)
}

/// The first state and the change sets committed on it, in order: what every writer shares.
struct Log {
    first: State,
    committed: Vec<ChangeSet>,
    /// The next catch-up finds nothing: as if the other writer committed just after it.
    hide_next: bool,
}

/// One writer's handle on the shared log.
#[derive(Clone)]
struct Writer(Rc<RefCell<Log>>);

#[derive(Debug)]
struct Behind;

impl fmt::Display for Behind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("another writer committed first")
    }
}

impl Log {
    fn head(&self) -> u64 {
        self.committed
            .last()
            .and_then(ChangeSet::revision)
            .unwrap_or(self.first.sync.revision())
    }

    fn stored(&self) -> State {
        let mut state = self.first.clone();
        for changes in &self.committed {
            state.apply(changes);
        }
        state
    }
}

impl Storage for Writer {
    type Error = Behind;

    async fn load(&mut self) -> Result<Option<State>, Behind> {
        Ok(Some(self.0.borrow().stored()))
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), Behind> {
        let mut log = self.0.borrow_mut();
        if changes.revision() != Some(log.head() + 1) {
            return Err(Behind);
        }
        log.committed.push(changes.clone());
        Ok(())
    }

    async fn create(&mut self, _: &State) -> Result<Created, Behind> {
        Ok(Created::Existing(Box::new(self.0.borrow().stored())))
    }

    async fn replace(&mut self, _: &State) -> Result<(), Behind> {
        unreachable!("no writer here replaces the state")
    }

    async fn changes_since(&mut self, revision: u64) -> Result<Since, Behind> {
        let mut log = self.0.borrow_mut();
        Ok(match log.head() {
            _ if std::mem::take(&mut log.hide_next) => Since::Current,
            head if head == revision => Since::Current,
            _ => Since::Changes(
                log.committed
                    .iter()
                    .filter(|changes| changes.revision() > Some(revision))
                    .cloned()
                    .collect(),
            ),
        })
    }

    fn is_behind(_: &Behind) -> bool {
        true
    }
}

/// Two writers of one log, both opened on the world's state.
fn two_writers(world: &World) -> (Writer, Backend<Writer>, Backend<Writer>) {
    let log = Writer(Rc::new(RefCell::new(Log {
        first: world.state.clone(),
        committed: Vec::new(),
        hide_next: false,
    })));
    let open = || {
        block(Backend::open(log.clone(), || {
            unreachable!("stored already")
        }))
        .unwrap()
        .0
    };
    let (a, b) = (open(), open());
    (log, a, b)
}

fn send(world: &World, backend: &mut Backend<Writer>, token: &str, request: Request) -> Response {
    // IDs as unique as a server's: no two requests draw the same ones.
    static DRAWN: AtomicU64 = AtomicU64::new(1);
    let mut entropy = SeededEntropy::new(DRAWN.fetch_add(1, Ordering::Relaxed));
    let mut ctx = Context::new(world.now, &mut entropy);
    block(backend.request_with_token(token, &request, &mut ctx))
}

/// A custom role of the world's organization that reads it.
fn role(world: &World, name: &str) -> String {
    serde_json::json!({
        "name": name,
        "policy": {"description": "", "resources": [format!("drn:astra:org:{}", world.org())], "actions": ["org-read"], "effect": "allow"}
    })
    .to_string()
}

fn create_role(world: &World, name: &str) -> Request {
    Request::new(Method::Post, "/v2/organizations/roles", role(world, name))
}

/// Writers that take turns each commit on top of the other: every change is stored once, in
/// order, and both serve the stored state.
#[test]
fn writers_taking_turns_keep_every_change_once() {
    let world = World::new();
    let (log, mut a, mut b) = two_writers(&world);
    let token = world.boot.organization_token.token.clone();
    for round in 0..20 {
        for (name, writer) in [("a", &mut a), ("b", &mut b)] {
            let answer = send(
                &world,
                writer,
                &token,
                create_role(&world, &format!("{name}{round}")),
            );
            assert_eq!(answer.status, 201, "{}", answer.body_text());
        }
    }
    let stored = log.0.borrow().stored();
    assert_eq!(stored.roles.len(), 40);
    assert_eq!(log.0.borrow().committed.len(), 40, "one commit per change");
    let listed = send(
        &world,
        &mut a,
        &token,
        Request::new(Method::Get, "/v2/organizations/roles", ""),
    );
    assert_eq!(listed.status, 200);
    assert_eq!(a.state(), &stored);
    block(b.catch_up()).unwrap();
    assert_eq!(b.state(), &stored);
}

/// A change decided on a state another writer got ahead of (it committed between this writer's
/// catch-up and its commit) is refused by the storage and decided again on the newer state: the
/// second role of one name is refused, as it would be on one server.
#[test]
fn a_change_made_behind_is_decided_again_on_the_latest_state() {
    let world = World::new();
    let (log, mut a, mut b) = two_writers(&world);
    let token = world.boot.organization_token.token.clone();
    let first = send(&world, &mut a, &token, create_role(&world, "Readers"));
    assert_eq!(first.status, 201, "{}", first.body_text());
    log.0.borrow_mut().hide_next = true;
    let second = send(&world, &mut b, &token, create_role(&world, "Readers"));
    assert_eq!(second.status, 409, "{}", second.body_text());
    assert!(second
        .body_text()
        .contains("already has a custom role named 'Readers'"));
    assert_eq!(log.0.borrow().committed.len(), 1);
    assert!(
        !log.0.borrow().hide_next,
        "b's first decision was on the older state"
    );
    assert_eq!(b.state(), &log.0.borrow().stored());
}

/// A token revoked through one writer is refused by the other from the next request on, reads
/// included.
#[test]
fn a_token_revoked_through_one_writer_is_refused_by_the_other() {
    let world = World::new();
    let (_, mut a, mut b) = two_writers(&world);
    let admin = world.boot.organization_token.token.clone();
    let role = crate::support::default_id("Organization Administrator");
    let body = serde_json::json!({"roles": [role], "description": "short-lived"});
    let made = send(
        &world,
        &mut a,
        &admin,
        Request::new(Method::Post, "/v2/tokens", body.to_string()),
    );
    assert_eq!(made.status, 200, "{}", made.body_text());
    let made: serde_json::Value = serde_json::from_str(&made.body_text()).unwrap();
    let (client_id, secret) = (
        made["clientId"].as_str().unwrap().to_owned(),
        made["token"].as_str().unwrap().to_owned(),
    );
    let read = || Request::new(Method::Get, "/v2/organizations/roles", "");
    assert_eq!(
        send(&world, &mut b, &secret, read()).status,
        200,
        "b knows the new token"
    );
    let revoked = send(
        &world,
        &mut a,
        &admin,
        Request::new(Method::Delete, &format!("/v2/tokens/{client_id}"), ""),
    );
    assert_eq!(revoked.status, 200, "{}", revoked.body_text());
    let refused = send(&world, &mut b, &secret, read());
    assert_eq!(refused.status, 401, "{}", refused.body_text());
}

/// A mutation refused as stale through one writer stores only the client's mark: that too is
/// one revision, which the other writer catches up to (a change set without a revision of its
/// own would be taken for one made behind, again and again).
#[test]
fn a_conflicts_mark_alone_is_a_revision_the_other_writer_catches_up_to() {
    let world = World::new();
    let (log, mut a, mut b) = two_writers(&world);
    let token = world.boot.organization_token.token.clone();
    let made = send(&world, &mut a, &token, create_role(&world, "Ops"));
    assert_eq!(made.status, 201, "{}", made.body_text());
    let id = a.state().roles.keys().next().expect("the role").clone();
    let edit = Request::new(
        Method::Put,
        &format!("/v2/organizations/roles/{id}"),
        role(&world, "Ops 2"),
    );
    let mutation = Mutation {
        client_id: "laptop".into(),
        number: 1,
        base: 0,
    };
    let mut entropy = SeededEntropy::new(5);
    let mut ctx = Context::new(world.now, &mut entropy);
    let stale = block(b.mutate_with_token(&token, &edit, &mutation, &mut ctx));
    assert_eq!(stale.status, 409, "{}", stale.body_text());
    assert_eq!(log.0.borrow().committed.len(), 2, "the role, then the mark");
    block(a.catch_up()).unwrap();
    assert_eq!(a.state(), &log.0.borrow().stored());
    assert_eq!(
        a.state().sync.clients.len(),
        1,
        "the mark reached the other writer"
    );
}

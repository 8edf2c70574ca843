//! Storage and the host loop that every front end shares.
//!
//! [`Storage`] is what IndexedDB (the page), SQLite and PostgreSQL (the server) and the state
//! file (`portal api`) implement: load everything once, then write each request's change set in
//! one transaction. A first state is stored with [`Storage::create`], which is atomic per
//! storage: of several servers (or tabs) that find one storage empty at once, one stores its
//! state and the others serve that one. [`Backend`] runs a request through [`api::handle`],
//! commits its changes, and only when the write succeeded applies them to the state it serves
//! from: a refused request or a failed write leaves both the storage and the state as they were.
//!
//! A storage may have several writers (servers over one PostgreSQL database): each commit is then
//! conditional on the revision it was decided on, and one that another writer got ahead of is
//! refused ([`Storage::is_behind`]). The backend catches up on what the others committed
//! ([`Storage::changes_since`]) and decides the request again on that state, so that every
//! change is decided on the latest state whichever writer it goes through.

use std::fmt;
use std::sync::Arc;

use crate::api::{self, Actor, ApiError, Context, ErrorId, Request, Response};
use crate::model::mail::Delivery;
use crate::model::{ChangeSet, ImportError, Record, State};

/// A place the state is kept.
// `async fn` without `Send` bounds on purpose: IndexedDB's futures are not `Send`, and hosts that
// need `Send` (the server) run their store on a thread of its own.
#[allow(async_fn_in_trait)]
pub trait Storage {
    type Error: fmt::Display;

    /// The stored state, or `None` when nothing was stored yet.
    async fn load(&mut self) -> Result<Option<State>, Self::Error>;

    /// Writes one request's changes, all or nothing.
    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), Self::Error>;

    /// Stores `state` unless a state is stored already, in one atomic step: the check and the
    /// write are one transaction that no other writer of the storage can come between, so that
    /// two first starts never both write, and neither replaces the other's state.
    async fn create(&mut self, state: &State) -> Result<Created, Self::Error>;

    /// Replaces everything with `state`, all or nothing (import, reset).
    async fn replace(&mut self, state: &State) -> Result<(), Self::Error>;

    /// Whether a commit failed because another writer of the same storage (another tab) had
    /// changed one of its records first: a [`RecordVersion`]'s `previous` was not the version
    /// stored. Only storages with several writers check; the others never fail this way.
    ///
    /// [`RecordVersion`]: crate::model::RecordVersion
    fn is_stale(error: &Self::Error) -> bool {
        let _ = error;
        false
    }

    /// What other writers of the same storage committed after `revision` (the revision of the
    /// state this writer serves). A storage with one writer has nothing to tell.
    async fn changes_since(&mut self, revision: u64) -> Result<Since, Self::Error> {
        let _ = revision;
        Ok(Since::Current)
    }

    /// [`Storage::changes_since`] for a request about to be decided, which may write: a storage
    /// with several writers may hold its write lock from here to the request's commit, or to
    /// [`Storage::end_write`] when it changed nothing, so that no other writer commits between.
    async fn begin_write(&mut self, revision: u64) -> Result<Since, Self::Error> {
        self.changes_since(revision).await
    }

    /// The request begun with [`Storage::begin_write`] changed nothing: let the lock go.
    async fn end_write(&mut self) {}

    /// Whether a commit was refused because another writer committed first: the state it was
    /// decided on is behind, and nothing was written. Only storages with several writers that
    /// catch up through [`Storage::changes_since`] refuse this way.
    fn is_behind(error: &Self::Error) -> bool {
        let _ = error;
        false
    }
}

/// What [`Storage::changes_since`] found.
#[derive(Debug)]
pub enum Since {
    /// Nothing was committed since.
    Current,
    /// The change sets committed since, in order, each as its writer stored it (versioned).
    Changes(Vec<ChangeSet>),
    /// The state as stored now: the changes since are no longer kept, or it was replaced.
    Replaced(Box<State>),
}

/// What [`Storage::create`] found.
#[derive(Debug)]
pub enum Created {
    /// The storage was empty and now holds the state given.
    Stored,
    /// Another writer's state was stored first; it is returned as stored, and nothing was
    /// written.
    Existing(Box<State>),
}

/// How [`Backend::open`] came by the state it serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    /// The storage held a state.
    Loaded,
    /// The storage was empty, and now holds the state `first()` made.
    Created,
    /// The storage was empty, but another writer (another server, another tab) stored its first
    /// state before this one could: that state is served, and the one `first()` made is
    /// dropped.
    CreatedElsewhere,
}

/// A state in memory: for tests, and the reference the other stores are compared with.
#[derive(Default)]
pub struct MemoryStore {
    pub state: Option<State>,
    /// Refuse the next commit, as a full disk or a blocked upgrade would.
    pub fail_next_commit: bool,
}

/// The memory store's only failure, the one tests ask for.
#[derive(Debug)]
pub struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the store refused the write")
    }
}

impl Storage for MemoryStore {
    type Error = Refused;

    async fn load(&mut self) -> Result<Option<State>, Refused> {
        Ok(self.state.clone())
    }

    async fn commit(&mut self, changes: &ChangeSet) -> Result<(), Refused> {
        if std::mem::take(&mut self.fail_next_commit) {
            return Err(Refused);
        }
        if let Some(state) = &mut self.state {
            state.apply(changes);
        }
        Ok(())
    }

    async fn create(&mut self, state: &State) -> Result<Created, Refused> {
        if let Some(existing) = &self.state {
            return Ok(Created::Existing(Box::new(existing.clone())));
        }
        self.state = Some(state.clone());
        Ok(Created::Stored)
    }

    async fn replace(&mut self, state: &State) -> Result<(), Refused> {
        self.state = Some(state.clone());
        Ok(())
    }
}

/// Why an import or reset did not happen.
#[derive(Debug)]
pub enum ReplaceError<E> {
    Import(ImportError),
    Storage(E),
}

impl<E: fmt::Display> fmt::Display for ReplaceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplaceError::Import(e) => e.fmt(f),
            ReplaceError::Storage(e) => {
                // Whoever shows it says that nothing changed.
                write!(f, "the state could not be saved ({e})")
            }
        }
    }
}

/// A state served from a storage.
pub struct Backend<S: Storage> {
    /// Shared with whoever shows it (a page), who then holds a snapshot: a change copies the
    /// state only while someone holds the one it changes.
    state: Arc<State>,
    storage: S,
    /// Counts the changes served, so that a host can tell whether a request changed anything.
    revision: u64,
}

impl<S: Storage> Backend<S> {
    /// Loads the stored state, or stores `first()` when there is none yet; says which. `first`
    /// is called only when the storage was found empty, and what it made is served only when it
    /// was stored (see [`Opened`]).
    pub async fn open(
        mut storage: S,
        first: impl FnOnce() -> State,
    ) -> Result<(Backend<S>, Opened), S::Error> {
        match storage.load().await? {
            Some(state) => Ok((Backend::loaded(storage, state), Opened::Loaded)),
            None => Backend::create(storage, first).await,
        }
    }

    /// Stores `first()` in a storage its host has just found empty (the page reads it itself, in
    /// two steps), or serves the state another writer stored since: [`Opened::Created`] or
    /// [`Opened::CreatedElsewhere`].
    pub async fn create(
        mut storage: S,
        first: impl FnOnce() -> State,
    ) -> Result<(Backend<S>, Opened), S::Error> {
        let state = first();
        let (state, opened) = match storage.create(&state).await? {
            Created::Stored => (state, Opened::Created),
            Created::Existing(theirs) => (*theirs, Opened::CreatedElsewhere),
        };
        Ok((Backend::loaded(storage, state), opened))
    }

    /// Serves a state its host read from `storage` itself (the page reads a large state in two
    /// steps, to show the first before the second is decoded).
    pub fn loaded(storage: S, state: State) -> Backend<S> {
        Backend {
            state: Arc::new(state),
            storage,
            revision: 0,
        }
    }

    /// Loads the stored state; `None` when nothing was stored yet.
    pub async fn open_existing(mut storage: S) -> Result<Option<Backend<S>>, S::Error> {
        Ok(storage
            .load()
            .await?
            .map(|state| Backend::loaded(storage, state)))
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The state, to keep as it is now while the backend goes on.
    pub fn shared(&self) -> Arc<State> {
        Arc::clone(&self.state)
    }

    /// Grows with every change applied (a request, an import, a reset, a reload).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn storage(&self) -> &S {
        &self.storage
    }

    pub fn into_storage(self) -> S {
        self.storage
    }

    /// Answers a request as `actor`; its changes are stored before they are applied.
    pub async fn request(
        &mut self,
        actor: &Actor,
        request: &Request,
        ctx: &mut Context<'_>,
    ) -> Response {
        self.decide(ctx, |state, ctx| {
            let outcome = api::handle(state, actor, request, ctx);
            Decision::new(outcome.changes, outcome.response)
        })
        .await
    }

    /// Answers a request that presents a token (`Authorization: Bearer AstraCS:...`). The token
    /// is looked up again on each state the request is decided on: one that another writer
    /// revoked meanwhile is refused.
    pub async fn request_with_token(
        &mut self,
        token: &str,
        request: &Request,
        ctx: &mut Context<'_>,
    ) -> Response {
        self.decide(ctx, |state, ctx| {
            match api::authenticate(state, token, ctx.now) {
                Ok(actor) => {
                    let outcome = api::handle(state, &actor, request, ctx);
                    Decision::new(outcome.changes, outcome.response)
                }
                Err(refusal) => Decision::new(ChangeSet::default(), refusal.into_response()),
            }
        })
        .await
    }

    /// Decides a request on the latest state and stores what it changes; when another writer of
    /// the storage committed first, catches up and decides it again on the newer state.
    pub(crate) async fn decide(
        &mut self,
        ctx: &mut Context<'_>,
        mut decide: impl FnMut(&State, &mut Context<'_>) -> Decision,
    ) -> Response {
        for _ in 0..DECISIONS {
            // Every request, reads and refusals included, is answered on a state that holds
            // what the other writers committed before it arrived.
            match self.storage.begin_write(self.state.sync.revision()).await {
                Ok(since) => self.apply_since(since),
                Err(e) => return storage_failed(&e),
            }
            let Decision {
                changes,
                response,
                by,
            } = decide(&self.state, ctx);
            if changes.is_empty() {
                self.storage.end_write().await;
            }
            match self.save(changes, response, by.as_deref()).await {
                Saved::Answered(response) => return response,
                Saved::Behind => {}
            }
        }
        ApiError::new(
            ErrorId::StorageFailed,
            format!(
                "other servers changed the state {DECISIONS} times while this change was being \
                 decided; nothing changed: try again"
            ),
        )
        .into_response()
    }

    /// Stores a decision's changes, each record stamped with its new version (and the client
    /// whose mutation made them), then applies them; the response is the answer when that
    /// worked.
    async fn save(&mut self, changes: ChangeSet, response: Response, by: Option<&str>) -> Saved {
        if changes.is_empty() {
            return Saved::Answered(response);
        }
        let changes = self.state.versioned(changes, by);
        let refusal = match self.storage.commit(&changes).await {
            Ok(()) => {
                Arc::make_mut(&mut self.state).apply(&changes);
                self.revision += 1;
                return Saved::Answered(response);
            }
            Err(e) if S::is_behind(&e) => return Saved::Behind,
            Err(e) if S::is_stale(&e) => {
                // What the other writer stored is what the person must see before trying again.
                let reloaded = self.reload().await.is_ok();
                ApiError::new(
                    ErrorId::StaleEdit,
                    format!(
                        "this change was made on an older copy: {e}. {}",
                        if reloaded {
                            "The page now shows the current state: make the change again if it \
                             still applies"
                        } else {
                            "Reload the page to see the current state, then make the change again"
                        }
                    ),
                )
            }
            Err(e) => return Saved::Answered(storage_failed(&e)),
        };
        Saved::Answered(refusal.into_response())
    }

    /// Moves an email on its way out (a server's mailer, `model::mail`); false when it isn't
    /// there any more or is past that step, as another server took it first.
    pub async fn move_email(&mut self, id: &str, next: Delivery, ctx: &mut Context<'_>) -> bool {
        let response = self
            .decide(ctx, |state, _| {
                match state.emails.get(id).and_then(|e| e.moved(next.clone())) {
                    Some(email) => {
                        let mut changes = ChangeSet::default();
                        changes.put(Record::Email(email));
                        Decision::new(changes, Response::no_content())
                    }
                    None => Decision::new(ChangeSet::default(), Response::json(409, ())),
                }
            })
            .await;
        response.status == 204
    }

    /// Takes the oldest unfinished billing report one step on (`api::report_generation`), as its
    /// own committed change; false when no report waits, or the step could not be stored (the
    /// host tries again after its next commit). `max_bytes` bounds a report's CSV
    /// (`usage::MAX_REPORT_BYTES` but in tests).
    pub async fn advance_report(&mut self, ctx: &mut Context<'_>, max_bytes: usize) -> bool {
        let response = self
            .decide(ctx, |state, ctx| {
                match api::report_generation::step(state, ctx, max_bytes) {
                    Some(changes) => Decision::new(changes, Response::no_content()),
                    None => Decision::new(ChangeSet::default(), Response::json(404, ())),
                }
            })
            .await;
        response.status == 204
    }

    /// Applies what other writers of the storage committed since the state served.
    pub async fn catch_up(&mut self) -> Result<(), S::Error> {
        let since = self
            .storage
            .changes_since(self.state.sync.revision())
            .await?;
        self.apply_since(since);
        Ok(())
    }

    fn apply_since(&mut self, since: Since) {
        match since {
            Since::Current => {}
            Since::Changes(sets) => {
                let state = Arc::make_mut(&mut self.state);
                for changes in &sets {
                    state.apply(changes);
                }
                self.revision += 1;
            }
            Since::Replaced(state) => {
                self.state = Arc::new(*state);
                self.revision += 1;
            }
        }
    }

    /// Replaces the state with an exported document, after validating all of it.
    pub async fn import(&mut self, document: &str) -> Result<(), ReplaceError<S::Error>> {
        let state = crate::model::import(document).map_err(ReplaceError::Import)?;
        self.reset(state).await
    }

    /// Replaces the state (Reset to demo data, Start empty).
    pub async fn reset(&mut self, state: State) -> Result<(), ReplaceError<S::Error>> {
        self.storage
            .replace(&state)
            .await
            .map_err(ReplaceError::Storage)?;
        self.state = Arc::new(state);
        self.revision += 1;
        Ok(())
    }

    /// Reads the stored state again: another tab (or another process) wrote it.
    pub async fn reload(&mut self) -> Result<(), S::Error> {
        if let Some(state) = self.storage.load().await? {
            self.state = Arc::new(state);
            self.revision += 1;
        }
        Ok(())
    }

    pub fn export(&self) -> String {
        crate::model::export(&self.state)
    }
}

/// How many times a request is decided again because other writers committed first, before it is
/// refused: each attempt follows a commit elsewhere, so only a storage written that fast without
/// pause runs out.
const DECISIONS: usize = 16;

/// What a request decided on one state.
pub(crate) struct Decision {
    pub changes: ChangeSet,
    pub response: Response,
    /// The client whose mutation it is.
    pub by: Option<String>,
}

impl Decision {
    pub fn new(changes: ChangeSet, response: Response) -> Decision {
        Decision {
            changes,
            response,
            by: None,
        }
    }
}

enum Saved {
    Answered(Response),
    /// Another writer committed first: decide again on the newer state.
    Behind,
}

fn storage_failed(e: &impl fmt::Display) -> Response {
    ApiError::new(
        ErrorId::StorageFailed,
        format!("the change could not be saved ({e}); nothing changed: try again"),
    )
    .into_response()
}

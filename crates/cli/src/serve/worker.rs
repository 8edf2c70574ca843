//! The backend's own thread, and the reads that don't need it.
//!
//! The core's `Backend` decides one change at a time and its storage futures need not be `Send`,
//! so it lives on a thread of its own and the HTTP tasks hand it the requests that write: each is
//! one database transaction committed before its response leaves. The thread also opens the
//! database: the PostgreSQL client blocks on a runtime of its own, which tokio forbids inside its
//! tasks.
//!
//! Reads (GET without a mutation) are answered on the HTTP task itself, on the state as last
//! committed ([`Shared`]), in parallel with each other and with the write under way. A server
//! that shares its database with others first asks the database for its revision ([`Head`]) and,
//! when another server committed since, has the thread catch up before it answers: every request
//! is answered on a state holding every change acknowledged before it arrived, on any server.

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use portal_core::api::report_generation;
use portal_core::api::{self, ApiError, Context, ErrorId, Method, Principal, Request, Response};
use portal_core::model::bootstrap::Bootstrap;
use portal_core::model::mail::Delivery;
use portal_core::model::{Email, OsEntropy, State};
use portal_core::store::{Backend, Storage};
use portal_core::sync::Mutation;
use portal_core::usage::MAX_REPORT_BYTES;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot, Notify};

use super::postgres::Head;
use super::published::{Published, Shared};
use super::rate_limit::RateLimit;

/// What the HTTP layer needs to answer and to log.
pub struct Answer {
    pub response: Response,
    /// The token's clientId once it authenticated: logs name the principal, never the secret.
    pub client_id: Option<String>,
    /// For a 429: when the token may try again.
    pub retry_after: Option<Duration>,
}

enum Job {
    Request {
        token: String,
        request: Request,
        /// Set when the request comes from a client's outbox.
        mutation: Option<Mutation>,
        /// The token's clientId when the rate limit was already counted for it (a read that
        /// turned out to write).
        admitted: Option<String>,
        reply: oneshot::Sender<Answer>,
    },
    /// Apply what other servers committed; answered once the shared state holds it, or with
    /// why it could not be read.
    CatchUp(oneshot::Sender<Result<(), String>>),
    /// Move an email on its way out; answered with whether it moved (`Backend::move_email`).
    MoveEmail {
        id: String,
        next: Delivery,
        done: oneshot::Sender<bool>,
    },
    /// Take the oldest unfinished billing report one step on; answered with whether one moved
    /// (`Backend::advance_report`).
    AdvanceReport(oneshot::Sender<bool>),
}

/// Hands requests to the backend's thread, or answers reads itself; cloned into every HTTP task.
#[derive(Clone)]
pub struct Worker {
    jobs: mpsc::Sender<Job>,
    shared: Shared,
    /// For a database shared with other servers: where to ask for the stored revision.
    head: Option<Arc<Head>>,
    /// The generation of the stored state the shared copy was last caught up to.
    generation: Arc<AtomicI64>,
    limit: Arc<RateLimit>,
    step: TimeDelta,
    /// Told when a commit leaves a billing report unfinished (`serve::reporter` waits for it).
    reports: Arc<Notify>,
}

impl Worker {
    /// Starts the thread, which opens the backend with `open` (and returns what a first start
    /// created) before it takes requests; it ends, closing the database, when the last `Worker`
    /// is dropped.
    pub async fn spawn<S: Storage + 'static>(
        open: impl FnOnce(Shared) -> Result<(Backend<Published<S>>, Option<Bootstrap>), String>
            + Send
            + 'static,
        head: Option<Head>,
        limit: RateLimit,
        step: TimeDelta,
    ) -> Result<(Worker, std::thread::JoinHandle<()>, Option<Bootstrap>), String> {
        // Bounded: under a flood, HTTP tasks wait for room instead of queueing without end.
        let (jobs, mut queue) = mpsc::channel::<Job>(1024);
        let (opened, outcome) = oneshot::channel();
        let shared = Shared::default();
        let limit = Arc::new(limit);
        let (thread_shared, thread_limit) = (shared.clone(), limit.clone());
        let reports = Arc::new(Notify::new());
        let thread_reports = reports.clone();
        let thread = std::thread::Builder::new()
            .name("portal-backend".into())
            .spawn(move || {
                let mut backend = match open(thread_shared) {
                    Ok((backend, bootstrap)) => {
                        let _ = opened.send(Ok(bootstrap));
                        backend
                    }
                    Err(e) => {
                        let _ = opened.send(Err(e));
                        return;
                    }
                };
                while let Some(job) = queue.blocking_recv() {
                    // Only a request's commit queues a report; the reporter's own steps tell it
                    // nothing (it goes on until there is nothing to do, and a step that could
                    // not be stored waits for the next request rather than being retried at
                    // once, again and again).
                    let request = matches!(job, Job::Request { .. });
                    futures_executor::block_on(run(&mut backend, &thread_limit, step, job));
                    if request && report_generation::waiting(backend.state()) {
                        thread_reports.notify_one();
                    }
                }
            })
            .expect("the backend thread starts");
        let bootstrap = outcome.await.unwrap_or_else(|_| {
            Err("the backend's thread stopped before the database was open".into())
        })?;
        let worker = Worker {
            jobs,
            shared,
            head: head.map(Arc::new),
            generation: Default::default(),
            limit,
            step,
            reports,
        };
        if let Some(head) = &worker.head {
            if let Ok(Some((generation, _))) = head.get().await {
                worker.generation.store(generation, Ordering::Relaxed);
            }
        }
        Ok((worker, thread, bootstrap))
    }

    /// Runs one request as the token's principal; a mutation at most once.
    pub async fn call(
        &self,
        token: String,
        request: Request,
        mutation: Option<Mutation>,
    ) -> Answer {
        let mut admitted = None;
        if mutation.is_none() && request.method == Method::Get {
            match self.read(&token, &request).await {
                Read::Answered(answer) => return answer,
                Read::Writes(client_id) => admitted = Some(client_id),
            }
        }
        let (reply, answer) = oneshot::channel();
        let job = Job::Request {
            token,
            request,
            mutation,
            admitted,
            reply,
        };
        if self.jobs.send(job).await.is_err() {
            return stopping();
        }
        answer.await.unwrap_or_else(|_| stopping())
    }

    /// The emails waiting in the outbox, oldest first, on the latest state.
    pub async fn waiting_emails(&self) -> Result<Vec<Email>, ApiError> {
        self.catch_up().await?;
        let state = self.shared.read();
        Ok(state
            .emails
            .values()
            .filter(|email| email.delivery == Delivery::Outbox)
            .cloned()
            .collect())
    }

    /// Moves an email on its way out; false when another server took it first, or the server
    /// is stopping.
    pub async fn move_email(&self, id: String, next: Delivery) -> bool {
        let (done, moved) = oneshot::channel();
        if self
            .jobs
            .send(Job::MoveEmail { id, next, done })
            .await
            .is_err()
        {
            return false;
        }
        moved.await.unwrap_or(false)
    }

    /// Returns once a commit has left a billing report unfinished since the last call (at once
    /// when one did meanwhile).
    pub async fn report_waits(&self) {
        self.reports.notified().await;
    }

    /// Takes the oldest unfinished billing report one step on; false when none waits, its step
    /// could not be stored, or the server is stopping.
    pub async fn advance_report(&self) -> bool {
        let (done, advanced) = oneshot::channel();
        if self.jobs.send(Job::AdvanceReport(done)).await.is_err() {
            return false;
        }
        advanced.await.unwrap_or(false)
    }

    /// Answers a read on the shared state, once it holds what other servers committed before
    /// the read arrived.
    async fn read(&self, token: &str, request: &Request) -> Read {
        if let Err(refusal) = self.catch_up().await {
            return Read::Answered(refused(refusal, None, None));
        }
        let state = self.shared.read();
        let now = Utc::now();
        let (actor, client_id) = match admit(&state, &self.limit, token, now) {
            Ok(admitted) => admitted,
            Err(answer) => return Read::Answered(*answer),
        };
        let mut entropy = OsEntropy;
        let mut ctx = Context::new(now, &mut entropy).with_step(self.step);
        // A token's first answered read of a minute stamps its last use: that read is decided
        // again by the backend's thread, which stores the stamp.
        let outcome = api::handle(&state, &actor, request, &mut ctx);
        if !outcome.changes.is_empty() {
            return Read::Writes(client_id);
        }
        Read::Answered(Answer {
            response: outcome.response,
            client_id: Some(client_id),
            retry_after: None,
        })
    }

    /// Brings the shared state up to the database's, when other servers share it.
    async fn catch_up(&self) -> Result<(), ApiError> {
        let Some(head) = &self.head else {
            return Ok(());
        };
        let found = head.get().await.map_err(|e| unreachable(&e))?;
        let current = found.is_some_and(|(generation, revision)| {
            generation == self.generation.load(Ordering::Relaxed)
                && revision <= self.shared.read().sync.revision()
        });
        if current {
            return Ok(());
        }
        let (done, caught_up) = oneshot::channel();
        if self.jobs.send(Job::CatchUp(done)).await.is_err() {
            return Err(unreachable(&"the server is shutting down"));
        }
        // A read that can't be brought up to the latest state is refused, never answered on the
        // state before: that could let in a token revoked through another server.
        match caught_up.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(unreachable(&e)),
            Err(_) => return Err(unreachable(&"the server is shutting down")),
        }
        if let Some((generation, _)) = found {
            self.generation.store(generation, Ordering::Relaxed);
        }
        Ok(())
    }
}

enum Read {
    Answered(Answer),
    /// The request changes the state after all: the backend's thread decides it. The token's
    /// clientId, admitted already.
    Writes(String),
}

/// Why a request was refused when the latest state could not be read.
fn unreachable(e: &dyn std::fmt::Display) -> ApiError {
    ApiError::new(
        ErrorId::StorageFailed,
        format!("the database could not be asked for the latest state ({e}): try again"),
    )
}

/// The token's principal, within its rate limit.
fn admit(
    state: &State,
    limit: &RateLimit,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(api::Actor, String), Box<Answer>> {
    let actor = api::authenticate(state, token, now)
        .map_err(|refusal| Box::new(refused(refusal, None, None)))?;
    let (Principal::Token(client_id) | Principal::User(client_id)) = actor.principal.clone();
    if let Err(wait) = limit.check(&client_id) {
        let seconds = wait.as_secs() + 1;
        let refusal = ApiError::new(
            ErrorId::TooManyRequests,
            format!(
                "this token made more requests than its rate limit allows: retry after \
                 {seconds} s (the Retry-After header), or spread the requests out"
            ),
        );
        return Err(Box::new(refused(
            refusal,
            Some(client_id),
            Some(Duration::from_secs(seconds)),
        )));
    }
    Ok((actor, client_id))
}

async fn run<S: Storage>(
    backend: &mut Backend<Published<S>>,
    limit: &RateLimit,
    step: TimeDelta,
    job: Job,
) {
    match job {
        Job::CatchUp(done) => {
            let caught_up = backend.catch_up().await.map_err(|e| e.to_string());
            let _ = done.send(caught_up);
        }
        Job::MoveEmail { id, next, done } => {
            let mut entropy = OsEntropy;
            let mut ctx = Context::new(Utc::now(), &mut entropy).with_step(step);
            let _ = done.send(backend.move_email(&id, next, &mut ctx).await);
        }
        Job::AdvanceReport(done) => {
            let mut entropy = OsEntropy;
            let mut ctx = Context::new(Utc::now(), &mut entropy).with_step(step);
            let _ = done.send(backend.advance_report(&mut ctx, MAX_REPORT_BYTES).await);
        }
        Job::Request {
            token,
            request,
            mutation,
            admitted,
            reply,
        } => {
            let answer = answer(
                backend,
                limit,
                step,
                &token,
                &request,
                mutation.as_ref(),
                admitted,
            )
            .await;
            // The client may have gone away; its answer is then simply dropped.
            let _ = reply.send(answer);
        }
    }
}

async fn answer<S: Storage>(
    backend: &mut Backend<Published<S>>,
    limit: &RateLimit,
    step: TimeDelta,
    token: &str,
    request: &Request,
    mutation: Option<&Mutation>,
    admitted: Option<String>,
) -> Answer {
    let now = Utc::now();
    let client_id = match admitted {
        Some(client_id) => client_id,
        None => {
            // Counted against its rate limit on the state at hand; a token that state doesn't
            // know may have been made through another server, and is looked for again on the
            // latest. The request itself is decided on the latest state, where a token revoked
            // through another server is refused.
            let mut admission = admit(backend.state(), limit, token, now);
            if admission.as_ref().is_err_and(|a| a.response.status == 401) {
                if let Err(e) = backend.catch_up().await {
                    return refused(unreachable(&e), None, None);
                }
                admission = admit(backend.state(), limit, token, now);
            }
            match admission {
                Ok((_, client_id)) => client_id,
                Err(answer) => return *answer,
            }
        }
    };
    let mut entropy = OsEntropy;
    let mut ctx = Context::new(now, &mut entropy).with_step(step);
    // The token is looked up again on every state the request is decided on.
    let response = match mutation {
        Some(mutation) => {
            backend
                .mutate_with_token(token, request, mutation, &mut ctx)
                .await
        }
        None => backend.request_with_token(token, request, &mut ctx).await,
    };
    Answer {
        response,
        client_id: Some(client_id),
        retry_after: None,
    }
}

fn refused(error: ApiError, client_id: Option<String>, retry_after: Option<Duration>) -> Answer {
    Answer {
        response: error.into_response(),
        client_id,
        retry_after,
    }
}

fn stopping() -> Answer {
    refused(
        ApiError::new(
            ErrorId::StorageFailed,
            "the server is shutting down; nothing changed: try again in a moment",
        ),
        None,
        None,
    )
}

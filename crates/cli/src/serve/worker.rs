//! The backend's own thread. The core's `Backend` answers one request at a time and its storage
//! futures need not be `Send`, so it lives on a thread of its own and the HTTP tasks hand it
//! jobs: every request sees the state the previous one left, and each change is one database
//! transaction committed before its response leaves. The thread also opens the database: the
//! PostgreSQL client blocks on a runtime of its own, which tokio forbids inside its tasks.

use std::time::Duration;

use chrono::{TimeDelta, Utc};
use portal_core::api::{self, ApiError, Context, ErrorId, Principal, Request, Response};
use portal_core::model::bootstrap::Bootstrap;
use portal_core::model::OsEntropy;
use portal_core::store::{Backend, Storage};
use portal_core::sync::Mutation;
use tokio::sync::{mpsc, oneshot};

use super::rate_limit::RateLimit;

/// What the HTTP layer needs to answer and to log.
pub struct Answer {
    pub response: Response,
    /// The token's clientId once it authenticated: logs name the principal, never the secret.
    pub client_id: Option<String>,
    /// For a 429: when the token may try again.
    pub retry_after: Option<Duration>,
}

struct Job {
    token: String,
    request: Request,
    /// Set when the request comes from a client's outbox.
    mutation: Option<Mutation>,
    reply: oneshot::Sender<Answer>,
}

/// Hands requests to the backend's thread; cloned into every HTTP task.
#[derive(Clone)]
pub struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Starts the thread, which opens the backend with `open` (and returns what a first start
    /// created) before it takes requests; it ends, closing the database, when the last `Worker`
    /// is dropped.
    pub async fn spawn<S: Storage + 'static>(
        open: impl FnOnce() -> Result<(Backend<S>, Option<Bootstrap>), String> + Send + 'static,
        limit: RateLimit,
        step: TimeDelta,
    ) -> Result<(Worker, std::thread::JoinHandle<()>, Option<Bootstrap>), String> {
        // Bounded: under a flood, HTTP tasks wait for room instead of queueing without end.
        let (jobs, mut queue) = mpsc::channel::<Job>(1024);
        let (opened, outcome) = oneshot::channel();
        let thread = std::thread::Builder::new()
            .name("portal-backend".into())
            .spawn(move || {
                let mut backend = match open() {
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
                    let answer =
                        futures_executor::block_on(answer(&mut backend, &limit, step, &job));
                    // The client may have gone away; its answer is then simply dropped.
                    let _ = job.reply.send(answer);
                }
            })
            .expect("the backend thread starts");
        let bootstrap = outcome.await.unwrap_or_else(|_| {
            Err("the backend's thread stopped before the database was open".into())
        })?;
        Ok((Worker { jobs }, thread, bootstrap))
    }

    /// Runs one request as the token's principal; a mutation at most once.
    pub async fn call(
        &self,
        token: String,
        request: Request,
        mutation: Option<Mutation>,
    ) -> Answer {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            token,
            request,
            mutation,
            reply,
        };
        if self.jobs.send(job).await.is_err() {
            return stopping();
        }
        answer.await.unwrap_or_else(|_| stopping())
    }
}

async fn answer<S: Storage>(
    backend: &mut Backend<S>,
    limit: &RateLimit,
    step: TimeDelta,
    job: &Job,
) -> Answer {
    let actor = match api::authenticate(backend.state(), &job.token) {
        Ok(actor) => actor,
        Err(refusal) => return refused(refusal, None, None),
    };
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
        return refused(refusal, Some(client_id), Some(Duration::from_secs(seconds)));
    }
    let mut entropy = OsEntropy;
    let mut ctx = Context::new(Utc::now(), &mut entropy).with_step(step);
    let response = match &job.mutation {
        Some(mutation) => {
            backend
                .mutate(&actor, &job.request, mutation, &mut ctx)
                .await
        }
        None => backend.request(&actor, &job.request, &mut ctx).await,
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

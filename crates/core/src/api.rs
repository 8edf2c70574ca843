//! The DevOps API v2 backend: `handle(state, actor, request, context)` answers one request as the
//! acting principal and says what it changes. The page (over IndexedDB), the `portal api`
//! command (over a state file) and the server (over SQLite) all call this one function.
//!
//! One gate ([`gate`]) checks the route's need with the RBAC evaluator before any handler runs;
//! a refusal is `{"errors":[{"ID","message"}]}` with a 4xx status and an empty change set.

pub mod access;
pub mod effects;
pub mod error;
pub mod gate;
pub mod handlers;
pub mod impact;
pub mod report_generation;
pub mod request;
pub mod routes;
pub mod visibility;

pub use access::{authenticate, sign_in, Actor, Principal};
pub use effects::Effects;
pub use error::{ApiError, ErrorEntry, ErrorId};
pub use request::{Body, Json, Method, Request, Response};

use chrono::{DateTime, TimeDelta, Utc};

use crate::model::database::DEFAULT_STEP;
use crate::model::{ChangeSet, Entropy, Record, SeededEntropy, State};

/// What a handler may use besides the state: the time, a source of randomness, and how long a
/// database's life-cycle step takes. The core never reads a clock or an RNG itself.
pub struct Context<'a> {
    pub now: DateTime<Utc>,
    pub entropy: &'a mut dyn Entropy,
    /// A server may make it shorter (tests) or longer (a demo that shows each status).
    pub step: TimeDelta,
}

impl<'a> Context<'a> {
    /// At `now`, with the default life-cycle step.
    pub fn new(now: DateTime<Utc>, entropy: &'a mut dyn Entropy) -> Context<'a> {
        Context {
            now,
            entropy,
            step: DEFAULT_STEP,
        }
    }

    /// With database life-cycle steps of `step`.
    pub fn with_step(self, step: TimeDelta) -> Context<'a> {
        Context { step, ..self }
    }
}

/// A request's answer and what it changes (empty when it was refused or only read).
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub response: Response,
    pub changes: ChangeSet,
}

/// Whether the request would get past every check of who may send it: the page asks this of
/// the request a control would send, and shows the refusal in the handler's own words, so that it
/// never decides a permission itself. The handler runs on the state and nothing is kept; an
/// answer other than 401 or 403 (done, or a field to fix) counts as permitted.
///
/// A read is answered by the gate alone: a read's handler filters what it shows and never
/// refuses, so running it (listing 10,000 users to learn whether the list may be read) would only
/// cost time. The route matrix test holds every read to that.
pub fn permits(
    state: &State,
    actor: &Actor,
    request: &Request,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if request.method == Method::Get {
        return match routes::route_of(request) {
            Ok((route, params)) => gate::admit(state, actor, route, &params),
            Err(_) => Ok(()),
        };
    }
    // What a refused or dry request draws from it is never shown or kept.
    let mut entropy = SeededEntropy::new(0);
    let mut ctx = Context::new(now, &mut entropy);
    match routes::dispatch(state, actor, request, &mut ctx) {
        Err(refusal) if matches!(refusal.status, 401 | 403) => Err(refusal),
        _ => Ok(()),
    }
}

/// Answers one request as `actor`; a token's answered request also stamps its last use. One that
/// asks for a dry run (`?dryRun=true`) changes nothing, its token's last use included, and is
/// answered with what it would do ([`impact`]).
pub fn handle(state: &State, actor: &Actor, request: &Request, ctx: &mut Context) -> Outcome {
    let mut outcome = answer(state, actor, request, ctx);
    if impact::dry(request).is_none() {
        outcome.stamp_last_use(state, actor, ctx.now);
    }
    outcome
}

/// [`handle`] without the last-use stamp, for a host that decides more on the outcome first (a
/// mutation's conflicts) and then stamps with [`Outcome::stamp_last_use`].
pub fn answer(state: &State, actor: &Actor, request: &Request, ctx: &mut Context) -> Outcome {
    if let Some(request) = impact::dry(request) {
        let response = match impact::dry_run(state, actor, &request, ctx) {
            Ok(impact) => Response::ok(impact),
            Err(error) => error.into_response(),
        };
        return Outcome {
            response,
            changes: ChangeSet::default(),
        };
    }
    match routes::dispatch(state, actor, request, ctx) {
        Ok((response, changes)) => Outcome { response, changes },
        Err(error) => Outcome {
            response: error.into_response(),
            changes: ChangeSet::default(),
        },
    }
}

impl Outcome {
    /// Adds the acting token's last use, to the minute of `now`, to what the request changes,
    /// so that it is stored in the same transaction. Only when the stored minute differs: a
    /// read by a token already stamped this minute still writes nothing. A refused request
    /// doesn't stamp (a refusal changes nothing, and nobody can make the server write by being
    /// refused); nor does one that changes the token itself (it revoked itself, say). Not
    /// audited: it is the token's own bookkeeping, not a change anyone made, and an entry a
    /// minute per busy token would bury the log.
    pub fn stamp_last_use(&mut self, state: &State, actor: &Actor, now: DateTime<Utc>) {
        let Principal::Token(client_id) = &actor.principal else {
            return;
        };
        if self.response.status >= 400 {
            return;
        }
        let Some(stamped) = state
            .tokens
            .get(client_id)
            .and_then(|token| token.last_use_stamp(now))
        else {
            return;
        };
        let record = Record::Token(stamped);
        if !self.changes.keys().contains(&record.key()) {
            self.changes.put(record);
        }
    }
}

//! The server's side of a mutation: a request sent from a client's outbox with the client's ID,
//! its number, and the revision the client's copy had when the change was made.

use serde::{Deserialize, Serialize};

use crate::api::visibility::Visibility;
use crate::api::{self, Actor, ApiError, Context, ErrorEntry, ErrorId, Method, Request, Response};
use crate::model::{ClientMark, Key, Record, State};
use crate::store::{Backend, Decision, Storage};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mutation {
    pub client_id: String,
    /// Counts up from 1 for each client; a number at or below the last one applied is a retry.
    pub number: u64,
    /// The revision the change was based on.
    pub base: u64,
}

/// The answer to a retry of a mutation that was already applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Replayed {
    pub replayed: bool,
    pub mutation: u64,
    /// The status it was answered with the first time; 0 for a number before the last one.
    pub status: u16,
}

/// A 409's body: the error, and both sides for the person to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub errors: Vec<ErrorEntry>,
    pub mutation: u64,
    pub yours: Yours,
    pub theirs: Vec<Theirs>,
}

/// The change as the client asked for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Yours {
    pub method: Method,
    pub target: String,
    pub body: String,
}

/// A record as the server has it now: changed (or deleted, `record` null) after the base.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Theirs {
    pub key: String,
    pub version: u64,
    pub record: Option<Record>,
}

impl<S: Storage> Backend<S> {
    /// Answers a client's mutation: at most once per number, and only when every record it
    /// changes is still at a version the client had seen.
    pub async fn mutate(
        &mut self,
        actor: &Actor,
        request: &Request,
        mutation: &Mutation,
        ctx: &mut Context<'_>,
    ) -> Response {
        self.decide(ctx, |state, ctx| {
            decide(state, actor, request, mutation, ctx)
        })
        .await
    }

    /// [`Backend::mutate`] for a client that presents a token, looked up again on each state the
    /// mutation is decided on.
    pub async fn mutate_with_token(
        &mut self,
        token: &str,
        request: &Request,
        mutation: &Mutation,
        ctx: &mut Context<'_>,
    ) -> Response {
        self.decide(ctx, |state, ctx| {
            match api::authenticate(state, token, ctx.now) {
                Ok(actor) => decide(state, &actor, request, mutation, ctx),
                Err(refusal) => Decision::new(Default::default(), refusal.into_response()),
            }
        })
        .await
    }
}

fn decide(
    state: &State,
    actor: &Actor,
    request: &Request,
    mutation: &Mutation,
    ctx: &mut Context<'_>,
) -> Decision {
    let answer = |response: Response| Decision::new(Default::default(), response);
    let Some(mark_id) = mutation.mark_id(actor) else {
        return answer(
            ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "X-Portal-Client must be 1 to {CLIENT_ID_MAX} letters, digits, '-' or '_': \
                     send the client ID the page made"
                ),
            )
            .into_response(),
        );
    };
    let (last, last_status) = state.sync.last_mutation(&mark_id);
    let (last_conflict, retry) = (
        state.sync.clients.get(&mark_id).is_some_and(|m| m.conflict),
        mutation.number <= last,
    );
    if retry && !(mutation.number == last && last_conflict) {
        let status = if mutation.number == last {
            last_status
        } else {
            0
        };
        return answer(Response::ok(Replayed {
            replayed: true,
            mutation: mutation.number,
            status,
        }));
    }
    // Stamped once the conflicts are known: the token's own last use is no change of the
    // client's that someone else could have overtaken.
    let outcome = api::answer(state, actor, request, ctx);
    // A request that changes nothing (refused, or a read) leaves no mark: asking again
    // answers the same, and nobody can make the server write by being refused.
    if outcome.changes.is_empty() && !retry {
        return answer(outcome.response);
    }
    let stale = stale(state, &outcome.changes.keys(), &mark_id, mutation.base);
    if retry {
        // The conflict's answer was lost: the client needs both sides again, and versions
        // only grow, so what was stale still is.
        return answer(Response::json(
            409,
            conflict(state, actor, request, mutation, stale),
        ));
    }
    let mut answered = if stale.is_empty() {
        outcome
    } else {
        let conflict = conflict(state, actor, request, mutation, stale.clone());
        api::Outcome {
            response: Response::json(409, conflict),
            changes: Default::default(),
        }
    };
    answered.stamp_last_use(state, actor, ctx.now);
    let api::Outcome {
        mut changes,
        response,
    } = answered;
    changes.put(Record::Client(ClientMark {
        client_id: mark_id.clone(),
        last_mutation: mutation.number,
        last_status: response.status,
        conflict: !stale.is_empty(),
    }));
    Decision {
        changes,
        response,
        by: Some(mark_id),
    }
}

/// The longest client ID a mutation may carry.
pub const CLIENT_ID_MAX: usize = 64;

impl Mutation {
    /// Where the server keeps this client's last mutation: under the acting principal as well
    /// as the client's ID, so that one token can neither answer for another's client (its
    /// mutations would be taken for retries and dropped) nor slip past its conflicts. `None`
    /// for an ID that isn't one.
    fn mark_id(&self, actor: &Actor) -> Option<String> {
        let id = self.client_id.as_str();
        let fits = (1..=CLIENT_ID_MAX).contains(&id.len())
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        fits.then(|| format!("{}:{id}", actor.id()))
    }
}

/// The keys someone else changed after the mutation's base. The client's own earlier mutations
/// don't count: its outbox sends changes made one on top of the other.
fn stale(state: &State, keys: &[Key], mark_id: &str, base: u64) -> Vec<Key> {
    keys.iter()
        .filter(|key| {
            state
                .sync
                .stamp(key)
                .is_some_and(|stamp| stamp.version > base && stamp.by.as_deref() != Some(mark_id))
        })
        .cloned()
        .collect()
}

/// The 409's body. "Theirs" holds the changed records as the actor may read them
/// (`api::visibility`): one it may not read is named in the message only.
fn conflict(
    state: &State,
    actor: &Actor,
    request: &Request,
    mutation: &Mutation,
    stale: Vec<Key>,
) -> Conflict {
    let visibility = Visibility::of(state, actor);
    let names: Vec<String> = stale.iter().map(Key::path).collect();
    let error = ApiError::new(
        ErrorId::StaleEdit,
        format!(
            "this change was made on an older copy: {} changed since (revision {}); choose \
             yours to apply it to the current state, or theirs to drop it",
            names.join(", "),
            mutation.base
        ),
    );
    Conflict {
        errors: error.errors,
        mutation: mutation.number,
        yours: Yours {
            method: request.method,
            target: request.target(),
            body: request.body.clone(),
        },
        theirs: stale
            .iter()
            .filter_map(|key| {
                let record = match state.record(key) {
                    Some(record) => Some(visibility.project(record)?),
                    None => None,
                };
                Some(Theirs {
                    key: key.path(),
                    version: state.sync.version(key),
                    record,
                })
            })
            .collect(),
    }
}

//! `GET /v2/portal/changes?since=N`: the feed a connected page follows ("While
//! connected, the server is the source of truth"). Not a DevOps API path: the spec has no sync.

use super::access::Actor;
use super::error::{ApiError, ErrorId};
use super::request::{Request, Response};
use super::routes::{Handled, Params};
use super::Context;
use crate::model::{ChangeSet, State};
use crate::sync;

/// The changes since revision `since` (0 or absent: all of it) that the actor may read
/// (`api::visibility`): any token of the state may follow it, and reads in it only what the read
/// routes would show it. The page runs the evaluator on the copy it keeps, and the server still
/// checks every change.
pub fn feed(
    state: &State,
    actor: &Actor,
    request: &Request,
    _ctx: &mut Context,
    _params: &Params,
) -> Handled {
    let since = match request.query("since") {
        None => 0,
        Some(text) => text.parse::<u64>().map_err(|_| {
            ApiError::new(
                ErrorId::InvalidField,
                format!(
                    "since='{text}' is not a revision: give the revision of the last feed \
                     applied, or 0 for everything"
                ),
            )
        })?,
    };
    Ok((
        Response::ok(sync::feed(state, actor, since)?),
        ChangeSet::default(),
    ))
}

//! `GET /v2/portal/changes?since=N`: the feed a connected page follows ("While
//! connected, the server is the source of truth"). Not a DevOps API path: the spec has no sync.

use super::{unchanged, Call, Handled};
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::Response;
use crate::api::Context;
use crate::sync;

/// The changes since revision `since` (0 or absent: all of it) that the actor may read
/// (`api::visibility`): any token of the state may follow it, and reads in it only what the read
/// routes would show it. The page runs the evaluator on the copy it keeps, and the server still
/// checks every change.
pub fn feed(call: Call, _ctx: &mut Context) -> Handled {
    let (state, actor, request) = (call.state, call.actor, call.request);
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
    unchanged(Response::ok(sync::feed(state, actor, since)?))
}

//! Syncing with a server that runs these same handlers.
//!
//! The server is the source of truth. A client keeps a copy of its state, follows it through the
//! [`feed`] of changes since the revision it has, and sends its own changes as numbered
//! mutations from an [`outbox`](Outbox): the server applies each number at most once, and
//! refuses (409, with both sides) an edit based on a version of a record that someone else has
//! changed since. Nothing is overwritten silently and no retry is applied twice.

pub mod feed;
pub mod mutation;
pub mod outbox;

pub use feed::{feed, Feed};
pub use mutation::{Conflict, Mutation, Replayed, Theirs, Yours};
pub use outbox::{Choice, Outbox, Pending, Settled};

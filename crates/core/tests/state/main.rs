//! The state as a whole: its invariants under random requests, the store that keeps it and the
//! sync that copies it.

#[path = "../support/mod.rs"]
mod support;

mod invariants;
mod store;
mod sync;
mod writers;

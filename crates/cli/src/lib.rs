//! The parts of the `portal` command that other crates start too: the server (`portal serve`),
//! which the HTTP tests and the end-to-end harness run in-process, and the first state a new
//! database or state file gets.

pub mod first_start;
pub mod serve;

//! Enterprise settings (seed 000 "Enterprise settings").

pub mod billing;
pub mod general;
pub mod overview;

// The pages both scopes have, under the names the routes give them.
pub use crate::pages::{audit, roles, tokens, users};

pub const CONTEXT: &str = "Enterprise settings";

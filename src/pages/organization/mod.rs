//! Organization settings (seed 000 "Edit organization settings", seed 004 "View roles").

pub mod access_list;
pub mod billing;
pub mod customer_keys;
pub mod databases;
pub mod general;
pub mod invoice;
pub mod private_endpoints;
pub mod regions;

// The pages both scopes have, under the names the routes give them.
pub use crate::pages::{audit, roles, tokens, users};

pub const CONTEXT: &str = "Organization settings";

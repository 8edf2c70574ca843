//! Organization settings (seed 000 "Edit organization settings", seed 004 "View roles").

pub mod audit;
pub mod billing;
pub mod databases;
pub mod general;
pub mod roles;
pub mod tokens;
pub mod users;

const CONTEXT: &str = "Organization settings";

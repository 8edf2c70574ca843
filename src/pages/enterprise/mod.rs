//! Enterprise settings (seed 000 "Enterprise settings").

pub mod audit;
pub mod billing;
pub mod general;
pub mod overview;
pub mod roles;
pub mod tokens;
pub mod users;

const CONTEXT: &str = "Enterprise settings";

pub mod delete;
pub mod expiry;
pub mod generator;
pub mod lifetime;
pub mod list;
pub mod reveal;

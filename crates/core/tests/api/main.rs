//! The API as a host calls it: each endpoint family's rules and refusals, what each actor may
//! read, the route table's checks and the wire shapes the real API answers with.

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/mod.rs"]
mod support;

mod billing;
mod customer_keys;
mod databases;
mod escalation;
mod mail;
mod organizations;
mod roles;
mod routes;
mod tokens;
mod users;
mod visibility;
mod wire;

//! `portal serve` over real HTTP on 127.0.0.1: one test binary, since linking is what
//! costs.

mod access_list;
mod astrapy;
mod billing_reports;
mod command;
mod conformance;
mod edges;
mod escalation;
mod first_start;
mod mail;
mod matrix;
mod postgres;
mod server;
mod servers;
mod storage;
mod sync;
mod token_use;

//! Usage: the report's rows, their periods, the consumption endpoint, billing reports and the
//! analysis that reconciles them.

#[path = "../common/mod.rs"]
mod common;

mod analysis;
mod billing_report;
mod consumption;
mod periods;
mod report;

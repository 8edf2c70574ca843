//! `POST /v2/enterprises/consumption` (seed 000, "Get usage for the current month" and "Get
//! usage for a specific time range"): every rule of the request, and the answer from usage rows.

mod requests;
mod responses;

use crate::common::{d, now};
use portal_core::usage::consumption::handle;
use portal_core::usage::{
    ConsumptionRequest, ConsumptionResponse, Credits, UsageRecord, Violations,
};
use serde_json::Value;

fn credits() -> Credits {
    Credits {
        credit_type: "committed".into(),
        total: d("100"),
    }
}

fn range(from: &str, to: &str) -> ConsumptionRequest {
    ConsumptionRequest {
        from_date: Some(from.into()),
        to_date: Some(to.into()),
        organizations: None,
    }
}

/// Asks for `body` over `records`, with the credits of [`credits`], now.
fn ask(body: &Value, records: &[UsageRecord]) -> Result<ConsumptionResponse, Violations> {
    handle(&body.to_string(), records, &credits(), now())
}

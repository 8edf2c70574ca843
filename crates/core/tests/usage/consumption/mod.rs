//! `POST /v2/enterprises/consumption` (seed 000, "Get usage for the current month" and "Get
//! usage for a specific time range"): every rule of the request, and the answer from usage rows.

mod requests;
mod responses;

use crate::common::d;
use portal_core::usage::{ConsumptionRequest, Credits};

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

//! An organization's Estimated Bill and invoices (seed 001, "Pricing and billing"; Read Billing
//! "download invoices", seed 004): each month priced by the calculator from the organization's
//! usage on the plan the month closed on (`pricing::invoice`).

use super::billing::billing_of;
use super::{unchanged, Call, Handled};
use crate::api::access;
use crate::api::error::{ApiError, ErrorId};
use crate::api::request::{Body, Response};
use crate::api::Context;
use crate::model::State;
use crate::pricing::invoice::{self, Invoice, InvoiceStatus};
use crate::pricing::{EstimateError, PriceBook};
use crate::usage::periods::Month;
use crate::usage::UsageRecord;
use chrono::{DateTime, Utc};

/// Every month of the organization up to the one under way, oldest first.
pub fn months_of(state: &State, org: &str, now: DateTime<Utc>) -> Result<Vec<Invoice>, ApiError> {
    invoice::months(
        PriceBook::shipped(),
        &billing_of(state, org),
        usage_of(state, org),
        now,
    )
    .map_err(unpriceable)
}

/// The month under way, priced.
pub fn current_of(state: &State, org: &str, now: DateTime<Utc>) -> Result<Invoice, ApiError> {
    invoice::current(
        PriceBook::shipped(),
        &billing_of(state, org),
        usage_of(state, org),
        now,
    )
    .map_err(unpriceable)
}

fn usage_of<'a>(state: &'a State, org: &'a str) -> impl Iterator<Item = &'a UsageRecord> {
    state
        .usage
        .values()
        .map(|row| &row.record)
        .filter(move |record| record.org_id == org)
}

fn unpriceable((month, problem): (Month, EstimateError)) -> ApiError {
    ApiError::new(
        ErrorId::Unprocessable,
        format!(
            "the usage of {month} can't be priced: {problem}; correct or remove its rows on the \
             Usage page"
        ),
    )
}

/// `GET /v2/organizations/billing/estimated-bill`: the month under way.
pub fn estimated_bill(call: Call, ctx: &mut Context) -> Handled {
    let org = access::organization_of(call.actor)?;
    unchanged(Response::ok(current_of(call.state, org, ctx.now)?))
}

/// `GET /v2/organizations/billing/invoices`: one for each closed month, the newest first.
pub fn invoices(call: Call, ctx: &mut Context) -> Handled {
    let org = access::organization_of(call.actor)?;
    let months = months_of(call.state, org, ctx.now)?;
    let list: Vec<_> = months
        .iter()
        .rev()
        .filter(|m| m.status != InvoiceStatus::Estimated)
        .map(Invoice::summary)
        .collect();
    unchanged(Response::ok(list))
}

/// The closed month the path names.
fn closed_month(call: Call, now: DateTime<Utc>) -> Result<Invoice, ApiError> {
    let org = access::organization_of(call.actor)?;
    let text = call.path_id();
    let month: Month = text.parse().map_err(|_| {
        ApiError::new(
            ErrorId::InvalidField,
            format!(
                "'{text}' is not a month: name the invoice's month as YYYY-MM, such as 2025-02"
            ),
        )
    })?;
    let current = Month::of_instant(now);
    if month >= current {
        return Err(ApiError::new(
            ErrorId::NotFound,
            format!(
                "{month} has not closed: its invoice is drafted on the first of the next month \
                 (UTC); see the Estimated Bill for {current}"
            ),
        ));
    }
    months_of(call.state, org, now)?
        .into_iter()
        .find(|m| m.month == month)
        .ok_or_else(|| ApiError::not_found("invoice", text))
}

/// `GET /v2/organizations/billing/invoices/{month}`.
pub fn invoice(call: Call, ctx: &mut Context) -> Handled {
    unchanged(Response::ok(closed_month(call, ctx.now)?))
}

/// `GET /v2/organizations/billing/invoices/{month}/csv`: its lines, adjustments and total, exact.
pub fn invoice_csv(call: Call, ctx: &mut Context) -> Handled {
    let invoice = closed_month(call, ctx.now)?;
    let body = Body::Csv {
        filename: format!("invoice-{}.csv", invoice.month),
        text: invoice::csv(&invoice),
    };
    unchanged(Response::new(200, body))
}

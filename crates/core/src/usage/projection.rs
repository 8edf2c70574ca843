//! Projecting a month's total cost from the usage so far.
//!
//! The rule (the seed is silent): linear extrapolation over elapsed time.
//! - The caller says which month and "now" (`as_of`); the core never reads the clock. The
//!   `portal usage` command uses the row with the latest BREAKDOWN_END_TIMESTAMP: its end is
//!   `as_of` and the month its BREAKDOWN_START_TIMESTAMP is in is the month.
//! - The elapsed time is from the month's first midnight (UTC) to `as_of`, at most the whole
//!   month; the cost so far is the sum of CALCULATED_COST of the rows whose
//!   BREAKDOWN_START_TIMESTAMP is in that span, per currency.
//! - projected = cost so far × (length of the month / elapsed time), rounded to the cent (half
//!   away from zero). When the month is over, the projection is the cost itself, unrounded.
//! - Nothing elapsed yet (`as_of` at or before the month's start): no projection.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::aggregate::add_to;
use super::periods::{Month, Period};
use super::report::UsageRecord;

/// The decimal places of a projected cost.
pub const PROJECTION_SCALE: u32 = 2;

/// A month's cost so far and its projected total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub month: Month,
    pub as_of: DateTime<Utc>,
    pub days_in_month: u32,
    /// Elapsed days of the month at `as_of`, to 4 decimal places.
    pub elapsed_days: Decimal,
    /// Distinct UTC days with at least one row.
    pub days_with_data: u32,
    pub rows: u64,
    /// Whether the month is over at `as_of`.
    pub complete: bool,
    /// CURRENCY_TYPE → cost so far.
    pub cost_so_far: BTreeMap<String, Decimal>,
    /// CURRENCY_TYPE → projected total for the month.
    pub projected_cost: BTreeMap<String, Decimal>,
}

/// Projects `month`'s cost as of `as_of` (see the module's rule).
pub fn project_month(
    records: &[UsageRecord],
    month: Month,
    as_of: DateTime<Utc>,
) -> Option<Projection> {
    let start = month.start();
    let end = as_of.min(month.end());
    let elapsed = (end - start).num_seconds();
    if elapsed <= 0 {
        return None;
    }
    let month_seconds = (month.end() - start).num_seconds();
    let complete = elapsed >= month_seconds;
    let window = Period { start, end };

    let mut cost_so_far = BTreeMap::new();
    let mut days = BTreeSet::new();
    let mut rows = 0;
    for r in records.iter().filter(|r| window.includes(r)) {
        rows += 1;
        days.insert(r.breakdown_start_timestamp.date_naive());
        add_to(&mut cost_so_far, &r.currency_type, r.calculated_cost);
    }
    let projected_cost = cost_so_far
        .iter()
        .map(|(currency, cost)| {
            let projected = if complete {
                *cost
            } else {
                let mut p = scale_by(*cost, month_seconds, elapsed).round_dp_with_strategy(
                    PROJECTION_SCALE,
                    RoundingStrategy::MidpointAwayFromZero,
                );
                // Always to the cent: 296.80, not 296.8.
                p.rescale(PROJECTION_SCALE);
                p
            };
            (currency.clone(), projected)
        })
        .collect();
    let elapsed_days = (Decimal::from(elapsed) / Decimal::from(86_400))
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    Some(Projection {
        month,
        as_of,
        days_in_month: month.days(),
        elapsed_days,
        days_with_data: u32::try_from(days.len()).unwrap_or(u32::MAX),
        rows,
        complete,
        cost_so_far,
        projected_cost,
    })
}

/// The projection the `portal usage` command shows: the month of the row with the latest
/// BREAKDOWN_END_TIMESTAMP (the month its start is in), as of that end. `None` without rows.
pub fn project_latest_month(records: &[UsageRecord]) -> Option<Projection> {
    let latest = records.iter().max_by_key(|r| r.breakdown_end_timestamp)?;
    let month = Month::of_instant(latest.breakdown_start_timestamp);
    project_month(records, month, latest.breakdown_end_timestamp)
}

/// `amount × numerator / denominator` without overflow panics (saturating at the extreme).
fn scale_by(amount: Decimal, numerator: i64, denominator: i64) -> Decimal {
    let (n, d) = (Decimal::from(numerator), Decimal::from(denominator));
    amount
        .checked_mul(n)
        .and_then(|x| x.checked_div(d))
        .or_else(|| amount.checked_div(d).and_then(|x| x.checked_mul(n)))
        .unwrap_or(Decimal::MAX)
}

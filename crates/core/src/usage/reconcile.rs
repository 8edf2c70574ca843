//! Checking each row's CALCULATED_COST against USAGE × UNIT_PRICE.
//!
//! seed 000, "Usage report contents": "UNIT_PRICE: The price per unit of usage in the given
//! CURRENCY_TYPE." and "CALCULATED_COST: The total cost for an amount of USAGE during the given
//! time period defined by the TIMESTAMP columns." So CALCULATED_COST should be USAGE × UNIT_PRICE.
//!
//! The tolerance rule (the seed is silent on rounding): let `s` be the number of decimal places
//! CALCULATED_COST is written with, but at least 2 (the cent). A row reconciles when
//! `|CALCULATED_COST − USAGE × UNIT_PRICE| < 10^−s`, that is when CALCULATED_COST is the exact
//! product rounded to its own precision in any direction (half-up, half-even, truncated or
//! rounded up all pass). `0.12` for 0.1234 passes; `1` for 0.6 does not (compared at the cent).

use rust_decimal::Decimal;
use serde::Serialize;

use super::report::{ParsedReport, UsageRecord};

/// The fewest decimal places a cost is compared at: the cent.
pub const MIN_COMPARE_SCALE: u32 = 2;

/// How far a row's CALCULATED_COST is from USAGE × UNIT_PRICE.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CostDifference {
    /// USAGE × UNIT_PRICE, exact; `None` if the product is too large to compute.
    pub expected_cost: Option<Decimal>,
    /// CALCULATED_COST − USAGE × UNIT_PRICE.
    pub difference: Option<Decimal>,
    /// One unit in the last compared decimal place.
    pub tolerance: Decimal,
}

/// `Ok` when the row's CALCULATED_COST is USAGE × UNIT_PRICE within the tolerance rule.
pub fn check_cost(record: &UsageRecord) -> Result<(), CostDifference> {
    let scale = record
        .calculated_cost
        .scale()
        .clamp(MIN_COMPARE_SCALE, Decimal::MAX_SCALE);
    let tolerance = Decimal::from_i128_with_scale(1, scale);
    let expected = record.usage.checked_mul(record.unit_price);
    let difference = expected.and_then(|e| record.calculated_cost.checked_sub(e));
    match difference {
        Some(d) if d.abs() < tolerance => Ok(()),
        _ => Err(CostDifference {
            expected_cost: expected.map(|e| e.normalize()),
            difference: difference.map(|d| d.normalize()),
            tolerance,
        }),
    }
}

/// A row whose CALCULATED_COST does not reconcile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mismatch {
    /// The row's position among the records.
    pub index: usize,
    /// The CSV line it came from, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub org_id: String,
    pub resource_id: String,
    pub usage_type: String,
    pub usage: Decimal,
    pub unit_price: Decimal,
    pub calculated_cost: Decimal,
    pub currency_type: String,
    #[serde(flatten)]
    pub difference: CostDifference,
}

/// Every row that does not reconcile, in order.
pub fn reconcile(records: &[UsageRecord]) -> Vec<Mismatch> {
    records
        .iter()
        .enumerate()
        .filter_map(|(index, r)| {
            check_cost(r).err().map(|difference| Mismatch {
                index,
                line: None,
                org_id: r.org_id.clone(),
                resource_id: r.resource_id.clone(),
                usage_type: r.usage_type.clone(),
                usage: r.usage,
                unit_price: r.unit_price,
                calculated_cost: r.calculated_cost,
                currency_type: r.currency_type.clone(),
                difference,
            })
        })
        .collect()
}

/// [`reconcile`] on a read report, with each mismatch's CSV line.
pub fn reconcile_report(report: &ParsedReport) -> Vec<Mismatch> {
    let mut mismatches = reconcile(&report.records);
    for m in &mut mismatches {
        m.line = report.line_of(m.index);
    }
    mismatches
}

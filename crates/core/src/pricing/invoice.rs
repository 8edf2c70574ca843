//! An organization's months as bills: the Estimated Bill of the month under way and an invoice for
//! each closed month. Seed 001: "Any usage amount appears in the Estimated Bill, which is
//! auto-drafted monthly based on Greenwich Mean Time (GMT), also known as Coordinated Universal
//! Time (UTC)"; Read Billing lets one "download invoices" (seed 004).
//!
//! Each month is the calculator's estimate of the workload its usage rows describe
//! (`usage_workload`), on the plan in force when the month closed (or now, for the month under
//! way), so that `portal price` on the month's workload gives the same bill line for line.
//! Credits granted to the organization are drawn on month after month, the oldest first; the Free
//! plan's monthly credit is the plan's own and renews every month.

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::billing::{OrganizationBilling, PlanKind};
use super::usage_workload::{MonthUsage, UnpricedUsage};
use super::workload::{Plan, Workload};
use super::{Bill, EstimateError, PriceBook};
use crate::spreadsheet::CsvText;
use crate::usage::periods::{Month, EARLIEST_MONTH};
use crate::usage::UsageRecord;

/// The label of the adjustment that draws on granted credits.
pub const CREDITS: &str = "Credits";

/// Where a month's bill is.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// The month is under way: the Estimated Bill.
    Estimated,
    /// The month has closed with something to pay.
    Issued,
    /// The month has closed and its credits covered it.
    NothingDue,
}

impl InvoiceStatus {
    /// As the Billing page says it.
    pub fn label(self) -> &'static str {
        match self {
            InvoiceStatus::Estimated => "Estimated",
            InvoiceStatus::Issued => "Issued",
            InvoiceStatus::NothingDue => "Nothing due",
        }
    }
}

/// A database and what its month cost at list prices (seed 001: "each database included in your
/// server, allowing you to see what your total cost is per database").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatabaseCost {
    pub id: String,
    pub name: String,
    pub cost: Decimal,
}

/// Granted credits over a month: what was left when it began, what it used, what is left.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditBalance {
    pub available: Decimal,
    pub used: Decimal,
    pub remaining: Decimal,
}

/// One month's bill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub month: Month,
    pub status: InvoiceStatus,
    /// When it is auto-drafted: midnight UTC on the first of the next month.
    pub drafted: DateTime<Utc>,
    pub plan: PlanKind,
    pub bill: Bill,
    pub databases: Vec<DatabaseCost>,
    /// Usage the price book does not price, with what its rows say it cost.
    pub unpriced: Vec<UnpricedUsage>,
    pub credits: CreditBalance,
    /// The month as `portal price` reads it: its estimate is `bill`.
    pub workload: Workload,
}

/// A closed month in the list of invoices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceSummary {
    pub month: Month,
    pub status: InvoiceStatus,
    pub drafted: DateTime<Utc>,
    pub plan: PlanKind,
    pub currency: String,
    pub total: Decimal,
}

impl Invoice {
    pub fn summary(&self) -> InvoiceSummary {
        InvoiceSummary {
            month: self.month,
            status: self.status,
            drafted: self.drafted,
            plan: self.plan,
            currency: self.bill.currency.clone(),
            total: self.bill.total,
        }
    }
}

/// Every month of the organization from its first month of usage (or credit) up to the one `now`
/// is in, oldest first: the last is the Estimated Bill, the others its invoices.
pub fn months<'a>(
    book: &PriceBook,
    billing: &OrganizationBilling,
    rows: impl IntoIterator<Item = &'a UsageRecord>,
    now: DateTime<Utc>,
) -> Result<Vec<Invoice>, (Month, EstimateError)> {
    let current = Month::of_instant(now);
    let rows: Vec<&UsageRecord> = rows.into_iter().collect();
    let first = rows
        .iter()
        .map(|row| Month::of_instant(row.breakdown_start_timestamp))
        .chain(
            billing
                .credit_grants
                .iter()
                .map(|g| Month::of_instant(g.granted)),
        )
        .min()
        .unwrap_or(current)
        .clamp(EARLIEST_MONTH, current);
    let mut by_month: std::collections::BTreeMap<Month, Vec<&UsageRecord>> = Default::default();
    for row in &rows {
        by_month
            .entry(Month::of_instant(row.breakdown_start_timestamp))
            .or_default()
            .push(row);
    }
    let mut used_before = Decimal::ZERO;
    let mut invoices = Vec::new();
    let mut month = first;
    loop {
        let closes = month.end() - TimeDelta::seconds(1);
        let at = closes.min(now);
        let granted: Decimal = billing
            .credit_grants
            .iter()
            .filter(|g| g.granted <= at)
            .map(|g| g.amount)
            .sum();
        let available = (granted - used_before).max(Decimal::ZERO).normalize();
        let (kind, plan) = plan_of(book, billing, at, available);
        let usage = MonthUsage::read(
            book,
            by_month.get(&month).into_iter().flatten().copied(),
            month,
            plan,
        );
        let databases = usage.workload;
        let bill = super::databases::estimate(&databases, book).map_err(|e| (month, e))?;
        let used = (-bill
            .adjustments
            .iter()
            .filter(|a| a.label == CREDITS)
            .map(|a| a.amount)
            .sum::<Decimal>())
        .normalize();
        used_before += used;
        let costs = databases
            .databases
            .iter()
            .zip(super::databases::labels(&databases))
            .map(|(db, label)| DatabaseCost {
                id: db.id.clone(),
                name: db.name.clone(),
                cost: bill
                    .lines
                    .iter()
                    .filter(|l| l.database == label)
                    .map(|l| l.cost)
                    .sum(),
            })
            .collect();
        let status = if month == current {
            InvoiceStatus::Estimated
        } else if bill.total > Decimal::ZERO {
            InvoiceStatus::Issued
        } else {
            InvoiceStatus::NothingDue
        };
        invoices.push(Invoice {
            month,
            status,
            drafted: month.end(),
            plan: kind,
            databases: costs,
            unpriced: usage.unpriced,
            credits: CreditBalance {
                available,
                used,
                remaining: (available - used).normalize(),
            },
            workload: Workload::Databases(databases),
            bill,
        });
        if month >= current {
            return Ok(invoices);
        }
        month = month.next();
    }
}

/// The month `now` is in, priced. Without granted credits no earlier month bears on it, so only
/// its own rows are read and priced.
pub fn current<'a>(
    book: &PriceBook,
    billing: &OrganizationBilling,
    rows: impl IntoIterator<Item = &'a UsageRecord>,
    now: DateTime<Utc>,
) -> Result<Invoice, (Month, EstimateError)> {
    let this_month = Month::of_instant(now);
    let chained = !billing.credit_grants.is_empty();
    let rows = rows
        .into_iter()
        .filter(|row| chained || Month::of_instant(row.breakdown_start_timestamp) == this_month);
    let mut all = months(book, billing, rows, now)?;
    // `months` always ends with the month `now` is in.
    all.pop()
        .ok_or((this_month, EstimateError::at("month", "no month to bill")))
}

/// The calculator's plan for the organization's plan at `at`, with `credits` left.
fn plan_of(
    book: &PriceBook,
    billing: &OrganizationBilling,
    at: DateTime<Utc>,
    credits: Decimal,
) -> (PlanKind, Plan) {
    let (kind, annual) = billing.plan_at(at);
    let plan = match (kind, annual) {
        (PlanKind::Free, _) => Plan::Free,
        (PlanKind::Annual, Some(terms)) => Plan::Annual {
            committed_monthly_minimum: terms.committed_monthly_minimum,
            // Terms agreed without a discount, on a price book without one, have none.
            discount: terms
                .discount
                .or(book.annual_discount.as_ref().map(|d| d.price.0))
                .or(Some(Decimal::ZERO)),
            credits,
        },
        (PlanKind::Enterprise, _) => Plan::Enterprise { credits },
        // An Annual plan is never without its terms; were it, it is billed as it is used.
        (PlanKind::PayAsYouGo | PlanKind::Annual, _) => Plan::PayAsYouGo { credits },
    };
    (kind, plan)
}

/// The columns of an invoice's CSV.
pub const CSV_COLUMNS: [&str; 10] = [
    "MONTH",
    "DATABASE",
    "REGION",
    "ITEM",
    "QUANTITY",
    "UNIT",
    "UNIT_PRICE",
    "AMOUNT",
    "CURRENCY",
    "FORMULA",
];

/// The invoice as CSV: a row per line, then the plan's adjustments and the total due. Amounts are
/// exact (only the total is rounded, by the bill's rule); names are neutralised for spreadsheets.
pub fn csv(invoice: &Invoice) -> String {
    let bill = &invoice.bill;
    let month = invoice.month.to_string();
    let mut out = CsvText::new();
    let mut row = |cells: [&str; 10]| {
        // Names and words may start like a formula; amounts are numbers (and may be negative).
        out.row(cells.iter().enumerate().map(|(i, cell)| match i {
            4 | 6 | 7 => (*cell).into(),
            _ => crate::spreadsheet::neutralise(cell),
        }));
    };
    row(CSV_COLUMNS);
    for l in &bill.lines {
        row([
            &month,
            &l.database,
            &l.region,
            &l.item,
            &l.quantity.normalize().to_string(),
            &l.unit,
            &l.unit_price.normalize().to_string(),
            &l.cost.normalize().to_string(),
            &bill.currency,
            &l.formula,
        ]);
    }
    row([
        &month,
        "",
        "",
        "Usage at list prices",
        "",
        "",
        "",
        &bill.usage.normalize().to_string(),
        &bill.currency,
        "the sum of the lines",
    ]);
    for a in &bill.adjustments {
        row([
            &month,
            "",
            "",
            &a.label,
            "",
            "",
            "",
            &a.amount.normalize().to_string(),
            &bill.currency,
            &a.formula,
        ]);
    }
    row([
        &month,
        "",
        "",
        "Total due",
        "",
        "",
        "",
        &bill.total.to_string(),
        &bill.currency,
        bill.rounding,
    ]);
    out.finish()
}

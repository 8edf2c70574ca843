//! The Free plan's credit as Billing shows it. Seed 001, "Free plans": "your remaining credits
//! will be displayed. These credits include the $25 credit that is renewed every month"; "Plan
//! selection": "receive a $25 credit". What this UTC month's usage has cost (the Estimated Bill's
//! usage, at the price book's list prices) is taken from it, and it is whole again on the first of
//! the next month (UTC, as the Estimated Bill's month is).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::Serialize;

use super::billing::PlanKind;
use super::invoice::{CreditBalance, Invoice};
use super::PriceBook;
use crate::usage::periods::Month;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyCredit {
    /// The month it is for, as `YYYY-MM`.
    pub month: String,
    pub currency: String,
    pub credit: Decimal,
    /// What the month's usage has cost so far.
    pub used: Decimal,
    /// What is left of the credit: never below 0.
    pub remaining: Decimal,
    /// When it is whole again: midnight UTC on the first of the next month.
    pub renews: DateTime<Utc>,
}

/// The credit of the month `now` is in, when that month's usage has cost `used` so far.
pub fn monthly_credit(book: &PriceBook, used: Decimal, now: DateTime<Utc>) -> MonthlyCredit {
    let month = Month::of_instant(now);
    let credit = book.free_monthly_credit.price.0;
    MonthlyCredit {
        month: month.to_string(),
        currency: book.currency.clone(),
        credit,
        used,
        remaining: (credit - used).max(Decimal::ZERO),
        renews: month.end(),
    }
}

/// The credits Billing shows on a plan. Seed 001: on every plan "your remaining credits" are
/// displayed; on Free they are the monthly $25, on the others the credits granted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanCredit {
    Monthly(MonthlyCredit),
    /// Credits granted to the organization, in the bill's currency.
    Granted(CreditBalance, String),
}

/// What `plan` shows of the credits, in `month` (the month under way).
pub fn plan_credit(
    book: &PriceBook,
    plan: PlanKind,
    month: &Invoice,
    now: DateTime<Utc>,
) -> PlanCredit {
    match plan {
        PlanKind::Free => PlanCredit::Monthly(monthly_credit(book, month.bill.usage, now)),
        _ => PlanCredit::Granted(month.credits.clone(), month.bill.currency.clone()),
    }
}

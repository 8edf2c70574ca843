//! `POST /v2/enterprises/consumption`: the usage summary of an enterprise, for the current month
//! or a range of up to 31 days, optionally filtered by organizations, products and resources.
//!
//! seed 000, "Get usage for the current month" and "Get usage for a specific time range". The
//! request's field names are the seed's (`fromDate`, `toDate`, `organizations`, `orgId`,
//! `products`, `productName`, `resourceIds`); so are the response's top-level names
//! (`totalCost`, `currencyType`, `creditsInfo` with `total`, `consumed`, `remaining`,
//! `organizations`) and `productName` / `resourceId` inside it.
//!
//! Decisions where the seed is silent:
//! - Without `fromDate` and `toDate` the range is the current month so far: from the first
//!   midnight (UTC) of `now`'s month to `now`. One of the two without the other is a violation.
//! - The range is half-open, `[fromDate, toDate)`; a row is in it when its
//!   BREAKDOWN_START_TIMESTAMP is. "Can't exceed 31 days" means `toDate − fromDate ≤ 31 days`.
//! - "can't retrieve data prior to November 2024": a `fromDate` or `toDate` before
//!   2024-11-01T00:00:00Z is a violation.
//! - An empty `organizations` array means all organizations, like an omitted one (the seed says
//!   so of `resourceIds`). The same organization in two objects is a violation (the seed: "each
//!   organization must belong to its own object"); the same product twice in one organization is
//!   merged.
//! - `productName` must be exactly one of serverless, managed_cluster, pcu, streaming. The
//!   report's PRODUCT column is matched to them by [`ProductName::of_report_product`]; rows of
//!   another product appear under their PRODUCT and never match a product filter.
//! - Unknown fields are violations (a misspelt filter must not silently widen the query).
//! - Amounts are decimal strings (`"12.34"`), exact, as everywhere in the core.
//! - The response also echoes the resolved `fromDate` and `toDate`; each resource is broken into
//!   `usageCategories` (usage type × region × unit: the seed's "additional usage categories, such
//!   as regional usage").
//! - `creditsInfo` is about the current month (the seed: "Total credits available for the current
//!   month"): the caller supplies the plan's credit type and total; consumed is the enterprise's
//!   cost of the current month so far (all rows, not only the filtered ones) capped at the total;
//!   remaining is total − consumed.
//! - `currencyType` is the matched rows' CURRENCY_TYPE; rows in several currencies cannot be
//!   summed ([`ViolationKind::MixedCurrencies`]); with no matching rows, the currency of all rows,
//!   else [`DEFAULT_CURRENCY`].

mod body;
mod compute;
mod request;
mod response;

pub(crate) use body::read_object;
pub use compute::*;
pub use request::*;
pub use response::*;

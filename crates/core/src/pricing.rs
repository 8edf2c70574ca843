//! Pricing: the price book, Serverless and Classic estimates as itemized bills, and the billing
//! rules of an organization's plan and payment method (seed 001, "Pricing and billing").

pub mod bill;
pub mod billing;
pub mod classic;
pub mod credits;
pub mod databases;
pub mod estimate_error;
pub mod invoice;
pub mod metering;
pub mod plan_change;
pub mod price_book;
pub mod regions;
pub mod serverless;
pub mod usage_workload;
pub mod workload;

pub use bill::{Bill, Line, Product, ROUNDING_RULE};
pub use estimate_error::EstimateError;
pub use price_book::{parse_json, InputError, PriceBook};
pub use workload::{Plan, Workload};

/// The estimate of a workload: an itemized bill, or what is wrong with the workload.
pub fn estimate(workload: &Workload, book: &PriceBook) -> Result<Bill, EstimateError> {
    match workload {
        Workload::Serverless(w) => serverless::estimate(w, book),
        Workload::Classic(w) => classic::estimate(w, book),
        Workload::Databases(w) => databases::estimate(w, book),
    }
}

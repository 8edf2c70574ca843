//! Usage: the usage report CSV, its totals, breakdowns, cost reconciliation and month-end
//! projection; the organization usage download periods; the enterprise consumption query; and
//! enterprise billing reports (seed 000, "Enterprise billing and usage").
//!
//! - [`report`]: reading (header-driven, bad rows kept aside with line numbers) and writing the
//!   19-column usage report CSV.
//! - [`aggregate`]: totals by organization, product, resource, region, usage type and day.
//! - [`reconcile`]: CALCULATED_COST against USAGE × UNIT_PRICE.
//! - [`projection`]: the month's projected total from the days so far.
//! - [`periods`]: months, periods, and "the current month, the prior month, or the prior two
//!   months".
//! - [`consumption`]: `POST /v2/enterprises/consumption`, its validation and its answer.
//! - [`billing_report`]: `generate-report`, the report's PENDING → INITIATED → COMPLETED (or
//!   FAILED) life.
//! - [`violation`]: request violations with stable numeric codes.
//!
//! Everything is pure: no clock (today or now is always passed in), no I/O, no random numbers.
//! Money and usage are `rust_decimal::Decimal`, never floating point.

pub mod aggregate;
pub mod billing_report;
pub mod consumption;
pub mod periods;
pub mod projection;
pub mod reconcile;
pub mod report;
pub mod violation;

pub use aggregate::{aggregate, amounts_text, money_text, Aggregation, Dimension, Group, Totals};
pub use billing_report::{
    month_csv, BillingReport, BillingReportResponse, GenerateReportRequest, GenerateReportResponse,
    ReportStatus, MAX_REPORT_BYTES,
};
pub use consumption::{
    ConsumptionQuery, ConsumptionRequest, ConsumptionResponse, Credits, CreditsInfo,
    OrganizationFilter, ProductFilter, ProductName,
};
pub use periods::{DownloadPeriod, Month, Period, EARLIEST_MONTH};
pub use projection::{project_latest_month, project_month, Projection};
pub use reconcile::{check_cost, reconcile, reconcile_report, CostDifference, Mismatch};
pub use report::{
    read_report, read_report_str, write_report, BadRow, FieldError, ParsedReport, ReportError,
    UsageRecord, COLUMNS,
};
pub use violation::{Violation, ViolationKind, Violations};

//! The usage report CSV: reading it (header-driven, bad rows reported and skipped) and writing it
//! (exactly the seed's 19 columns, in the seed's order).
//!
//! seed 000, "Usage report contents": "The usage report CSV file includes the following columns:
//! PRODUCT, ORG_ID, ORG_NAME, RESOURCE_ID, RESOURCE_NAME, REGION, CLOUD_PROVIDER, CLASSIFICATION,
//! ZONE, CLUSTER_SIZE, AZ_COUNT, USAGE_TYPE, USAGE, USAGE_UNIT, CURRENCY_TYPE, UNIT_PRICE,
//! CALCULATED_COST, BREAKDOWN_START_TIMESTAMP, BREAKDOWN_END_TIMESTAMP".
//!
//! Reading rules (where the seed is silent, these are the choices):
//! - Columns are found by header name, in any order, ignoring letter case and surrounding spaces;
//!   other columns are ignored. A missing column is an error naming it; so is a column named twice.
//! - Surrounding whitespace is not part of a value.
//! - Required values: PRODUCT, ORG_ID, RESOURCE_ID, USAGE_TYPE, USAGE_UNIT, CURRENCY_TYPE, USAGE,
//!   UNIT_PRICE, CALCULATED_COST and both timestamps. The other text columns may be empty.
//!   CLUSTER_SIZE is empty for Serverless databases and AZ_COUNT for Classic ones (the seed says
//!   so), hence both are `Option`.
//! - Amounts are exact decimals (`1234.5`, `0.000125`, also `1.25E-4`), never negative, at most
//!   10^18; no thousands separators or currency signs.
//! - Timestamps are read by [`time::parse_timestamp`]: RFC 3339 (the seed's own example is
//!   `2021-05-06T06:13:23.57Z`), or a space instead of `T`, no offset (UTC), a bare date
//!   (midnight UTC); written by [`time::format_timestamp`]. The end may not be before the start.
//! - A bad row is skipped and reported with its line number and every problem found in it; the
//!   good rows are kept.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::spreadsheet::{self, CsvText};
use crate::time::format_timestamp;

mod read;

pub use read::{parse_amount, read_report, read_report_str, MAX_AMOUNT};

/// The 19 columns of the usage report, in the seed's order.
pub const COLUMNS: [&str; 19] = [
    "PRODUCT",
    "ORG_ID",
    "ORG_NAME",
    "RESOURCE_ID",
    "RESOURCE_NAME",
    "REGION",
    "CLOUD_PROVIDER",
    "CLASSIFICATION",
    "ZONE",
    "CLUSTER_SIZE",
    "AZ_COUNT",
    "USAGE_TYPE",
    "USAGE",
    "USAGE_UNIT",
    "CURRENCY_TYPE",
    "UNIT_PRICE",
    "CALCULATED_COST",
    "BREAKDOWN_START_TIMESTAMP",
    "BREAKDOWN_END_TIMESTAMP",
];

// Positions in COLUMNS.
const PRODUCT: usize = 0;
const ORG_ID: usize = 1;
const ORG_NAME: usize = 2;
const RESOURCE_ID: usize = 3;
const RESOURCE_NAME: usize = 4;
const REGION: usize = 5;
const CLOUD_PROVIDER: usize = 6;
const CLASSIFICATION: usize = 7;
const ZONE: usize = 8;
const CLUSTER_SIZE: usize = 9;
const AZ_COUNT: usize = 10;
const USAGE_TYPE: usize = 11;
const USAGE: usize = 12;
const USAGE_UNIT: usize = 13;
const CURRENCY_TYPE: usize = 14;
const UNIT_PRICE: usize = 15;
const CALCULATED_COST: usize = 16;
const BREAKDOWN_START_TIMESTAMP: usize = 17;
const BREAKDOWN_END_TIMESTAMP: usize = 18;

/// The columns a spreadsheet should read as numbers and times: written as they are, while every
/// text column is neutralised (`spreadsheet`), since names come from what people typed.
const NUMBERS: [usize; 6] = [
    AZ_COUNT,
    USAGE,
    UNIT_PRICE,
    CALCULATED_COST,
    BREAKDOWN_START_TIMESTAMP,
    BREAKDOWN_END_TIMESTAMP,
];

/// One row of the usage report. Serde field names are the CSV column names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub struct UsageRecord {
    /// The Astra DB product or service generating usage.
    pub product: String,
    pub org_id: String,
    pub org_name: String,
    /// The resource generating usage, such as a database or streaming tenant.
    pub resource_id: String,
    pub resource_name: String,
    pub region: String,
    pub cloud_provider: String,
    /// The region pricing classification, such as standard or premium.
    pub classification: String,
    /// na, apac or emea.
    pub zone: String,
    /// Classic databases' cluster size, such as c10; `None` for Serverless.
    pub cluster_size: Option<String>,
    /// 3 for Serverless databases; `None` for Classic.
    pub az_count: Option<u32>,
    pub usage_type: String,
    /// The amount of usage, in `usage_unit`.
    pub usage: Decimal,
    /// Such as hour, gib or million.
    pub usage_unit: String,
    pub currency_type: String,
    /// The price per unit of usage, in `currency_type`.
    pub unit_price: Decimal,
    /// The cost of `usage` for the period between the two timestamps.
    pub calculated_cost: Decimal,
    pub breakdown_start_timestamp: DateTime<Utc>,
    pub breakdown_end_timestamp: DateTime<Utc>,
}

impl UsageRecord {
    /// The row's 19 values as the CSV writes them, in [`COLUMNS`] order.
    pub fn to_row(&self) -> [String; 19] {
        [
            self.product.clone(),
            self.org_id.clone(),
            self.org_name.clone(),
            self.resource_id.clone(),
            self.resource_name.clone(),
            self.region.clone(),
            self.cloud_provider.clone(),
            self.classification.clone(),
            self.zone.clone(),
            self.cluster_size.clone().unwrap_or_default(),
            self.az_count.map(|n| n.to_string()).unwrap_or_default(),
            self.usage_type.clone(),
            self.usage.to_string(),
            self.usage_unit.clone(),
            self.currency_type.clone(),
            self.unit_price.to_string(),
            self.calculated_cost.to_string(),
            format_timestamp(self.breakdown_start_timestamp),
            format_timestamp(self.breakdown_end_timestamp),
        ]
    }
}

/// Why a file is not a usage report at all (as opposed to a bad row, which is skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportError {
    /// No header line.
    Empty,
    /// Required columns the header lacks, in [`COLUMNS`] order.
    MissingColumns(Vec<String>),
    /// A column the header names twice.
    DuplicateColumn(String),
    /// The header line is not readable CSV.
    Unreadable(String),
}

impl fmt::Display for ReportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReportError::Empty => write!(
                f,
                "the usage report is empty: its first line must be the header {}",
                COLUMNS.join(",")
            ),
            ReportError::MissingColumns(missing) => write!(
                f,
                "the usage report's header lacks the column{} {}; a usage report has the \
                 columns {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                COLUMNS.join(", ")
            ),
            ReportError::DuplicateColumn(name) => write!(
                f,
                "the usage report's header names the column {name} twice; keep one of them"
            ),
            ReportError::Unreadable(reason) => {
                write!(f, "the usage report's header is not readable CSV: {reason}")
            }
        }
    }
}

impl std::error::Error for ReportError {}

/// One problem in a bad row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The column, or `None` for a problem of the whole row (such as its number of fields).
    pub column: Option<String>,
    /// The offending value, if there is one.
    pub value: Option<String>,
    /// What is wrong, and how to fix it.
    pub reason: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.column, &self.value) {
            (Some(column), Some(value)) => write!(f, "{column} \"{value}\" {}", self.reason),
            (Some(column), None) => write!(f, "{column} {}", self.reason),
            (None, _) => f.write_str(&self.reason),
        }
    }
}

/// A row that was skipped: its line number (1 is the header) and every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadRow {
    pub line: u64,
    pub errors: Vec<FieldError>,
}

/// `line 7: USAGE "12,5" is not a decimal number ...; CURRENCY_TYPE is empty ...`.
impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: ", self.line)?;
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// A read report: the good rows (with the line each came from) and the bad ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedReport {
    pub records: Vec<UsageRecord>,
    /// `lines[i]` is the line `records[i]` started on.
    pub lines: Vec<u64>,
    pub bad_rows: Vec<BadRow>,
}

impl ParsedReport {
    /// The line record `index` came from.
    pub fn line_of(&self, index: usize) -> Option<u64> {
        self.lines.get(index).copied()
    }
}

/// Writes a usage report CSV: the header with exactly [`COLUMNS`] in order, then one line per
/// record; `\n` line ends; a value is quoted when it holds a comma, a quote or a line break.
pub fn write_report<'a>(records: impl IntoIterator<Item = &'a UsageRecord>) -> String {
    let mut out = CsvText::new();
    out.row(COLUMNS);
    for record in records {
        let row = record.to_row();
        out.row(row.iter().enumerate().map(|(column, cell)| {
            if NUMBERS.contains(&column) {
                Cow::Borrowed(cell.as_str())
            } else {
                spreadsheet::neutralise(cell)
            }
        }));
    }
    out.finish()
}

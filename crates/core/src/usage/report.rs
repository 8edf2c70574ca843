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
//! - Timestamps are RFC 3339 (`2025-02-01T00:00:00Z`, `2025-02-01T01:00:00.5+01:00`, the seed's
//!   own example `2021-05-06T06:13:23.57Z`); also accepted: a space instead of `T`, no offset
//!   (taken as UTC), a bare date (midnight UTC). The end may not be before the start.
//! - A bad row is skipped and reported with its line number and every problem found in it; the
//!   good rows are kept.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::periods::midnight;
use crate::spreadsheet;

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

/// The largest amount a report may hold (USAGE, UNIT_PRICE, CALCULATED_COST): 10^18. It keeps
/// every sum of a report far from `Decimal`'s limit (about 7.9 × 10^28).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_808_348_672, 232_830_643, 0, false, 0);

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

/// RFC 3339 in UTC with `Z`, fractional seconds only when there are some:
/// `2025-02-01T00:00:00Z`.
pub fn format_timestamp(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
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

/// Reads a usage report CSV. `Err` only when the file is not a usage report (no header, or a
/// required column missing or twice); bad rows are reported in [`ParsedReport::bad_rows`].
pub fn read_report(input: &[u8]) -> Result<ParsedReport, ReportError> {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();

    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => return Err(ReportError::Empty),
        Err(e) => return Err(ReportError::Unreadable(e.to_string())),
    }
    let header_fields = record.len();
    let positions = header_positions(&record)?;

    let mut lines = LineCounter::new(input);
    let mut report = ParsedReport::default();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
                match parse_row(&record, &positions, header_fields) {
                    Ok(parsed) => {
                        report.records.push(parsed);
                        report.lines.push(line);
                    }
                    Err(errors) => report.bad_rows.push(BadRow { line, errors }),
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                report.bad_rows.push(BadRow {
                    line,
                    errors: vec![FieldError {
                        column: None,
                        value: None,
                        reason: format!("is not readable CSV: {e}"),
                    }],
                });
                if fatal {
                    break;
                }
            }
        }
    }
    Ok(report)
}

/// Reads a usage report from text; see [`read_report`].
pub fn read_report_str(input: &str) -> Result<ParsedReport, ReportError> {
    read_report(input.as_bytes())
}

/// Line numbers from byte offsets. (The csv crate's own line numbers skip blank lines and lone
/// carriage returns, and its record offsets point into the preceding line break.)
struct LineCounter<'a> {
    input: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(input: &'a [u8]) -> Self {
        LineCounter {
            input,
            at: 0,
            line: 1,
        }
    }

    /// The line of the record whose csv position is `byte`: its first byte is the first one at
    /// or after `byte` that is not a line break.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut start = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.input.len());
        while start < self.input.len() && matches!(self.input[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            self.at = 0;
            self.line = 1;
        }
        for i in self.at..start {
            let is_break = match self.input[i] {
                b'\n' => true,
                b'\r' => self.input.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            if is_break {
                self.line += 1;
            }
        }
        self.at = start;
        self.line
    }
}

fn header_positions(header: &csv::ByteRecord) -> Result<[usize; 19], ReportError> {
    let mut positions = [usize::MAX; 19];
    for (at, name) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(name);
        let name = name.trim();
        if let Some(column) = COLUMNS.iter().position(|c| c.eq_ignore_ascii_case(name)) {
            if positions[column] != usize::MAX {
                return Err(ReportError::DuplicateColumn(COLUMNS[column].to_string()));
            }
            positions[column] = at;
        }
    }
    let missing: Vec<String> = COLUMNS
        .iter()
        .zip(positions)
        .filter(|(_, at)| *at == usize::MAX)
        .map(|(name, _)| name.to_string())
        .collect();
    if missing.is_empty() {
        Ok(positions)
    } else {
        Err(ReportError::MissingColumns(missing))
    }
}

/// Collects a row's problems while its fields are parsed.
struct Row<'r> {
    record: &'r csv::ByteRecord,
    positions: &'r [usize; 19],
    errors: Vec<FieldError>,
}

impl<'r> Row<'r> {
    fn problem(&mut self, column: usize, value: Option<&str>, reason: impl Into<String>) {
        self.errors.push(FieldError {
            column: Some(COLUMNS[column].to_string()),
            value: value.map(str::to_string),
            reason: reason.into(),
        });
    }

    /// The trimmed value of a column, as it was before the portal's writer neutralised it for
    /// spreadsheets; `None` (reported) if it is not UTF-8.
    fn raw(&mut self, column: usize) -> Option<&'r str> {
        let bytes = self.record.get(self.positions[column]).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(text) => Some(spreadsheet::restore(text.trim())),
            Err(_) => {
                self.problem(
                    column,
                    None,
                    "is not valid UTF-8 text; save the file as UTF-8",
                );
                None
            }
        }
    }

    fn text(&mut self, column: usize) -> String {
        self.raw(column).unwrap_or_default().to_string()
    }

    fn required(&mut self, column: usize) -> String {
        match self.raw(column) {
            Some("") => {
                self.problem(column, None, "is empty; every usage row needs one");
                String::new()
            }
            Some(text) => text.to_string(),
            None => String::new(),
        }
    }

    fn optional(&mut self, column: usize) -> Option<String> {
        self.raw(column)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    fn amount(&mut self, column: usize) -> Decimal {
        let Some(text) = self.raw(column) else {
            return Decimal::ZERO;
        };
        match parse_amount(text) {
            Ok(value) => value,
            Err(reason) => {
                let value = (!text.is_empty()).then_some(text);
                self.problem(column, value, reason);
                Decimal::ZERO
            }
        }
    }

    fn timestamp(&mut self, column: usize) -> Option<DateTime<Utc>> {
        let text = self.raw(column)?;
        match parse_timestamp(text) {
            Ok(instant) => Some(instant),
            Err(reason) => {
                let value = (!text.is_empty()).then_some(text);
                self.problem(column, value, reason);
                None
            }
        }
    }

    fn az_count(&mut self) -> Option<u32> {
        let text = self.raw(AZ_COUNT)?;
        if text.is_empty() {
            return None;
        }
        match text.parse::<u32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                self.problem(
                    AZ_COUNT,
                    Some(text),
                    "is not a count of availability zones: write a whole number such as 3, or \
                     leave it empty for a Classic database",
                );
                None
            }
        }
    }
}

fn parse_row(
    record: &csv::ByteRecord,
    positions: &[usize; 19],
    header_fields: usize,
) -> Result<UsageRecord, Vec<FieldError>> {
    if record.len() != header_fields {
        return Err(vec![FieldError {
            column: None,
            value: None,
            reason: format!(
                "has {} field{} but the header has {header_fields}; quote values that contain \
                 commas",
                record.len(),
                if record.len() == 1 { "" } else { "s" }
            ),
        }]);
    }
    let mut row = Row {
        record,
        positions,
        errors: Vec::new(),
    };
    let product = row.required(PRODUCT);
    let org_id = row.required(ORG_ID);
    let org_name = row.text(ORG_NAME);
    let resource_id = row.required(RESOURCE_ID);
    let resource_name = row.text(RESOURCE_NAME);
    let region = row.text(REGION);
    let cloud_provider = row.text(CLOUD_PROVIDER);
    let classification = row.text(CLASSIFICATION);
    let zone = row.text(ZONE);
    let cluster_size = row.optional(CLUSTER_SIZE);
    let az_count = row.az_count();
    let usage_type = row.required(USAGE_TYPE);
    let usage = row.amount(USAGE);
    let usage_unit = row.required(USAGE_UNIT);
    let currency_type = row.required(CURRENCY_TYPE);
    let unit_price = row.amount(UNIT_PRICE);
    let calculated_cost = row.amount(CALCULATED_COST);
    let start = row.timestamp(BREAKDOWN_START_TIMESTAMP);
    let end = row.timestamp(BREAKDOWN_END_TIMESTAMP);
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            row.problem(
                BREAKDOWN_END_TIMESTAMP,
                None,
                format!(
                    "({}) is before BREAKDOWN_START_TIMESTAMP ({}); a breakdown period ends \
                     after it starts",
                    format_timestamp(end),
                    format_timestamp(start)
                ),
            );
        }
    }
    match (start, end) {
        (Some(breakdown_start_timestamp), Some(breakdown_end_timestamp))
            if row.errors.is_empty() =>
        {
            Ok(UsageRecord {
                product,
                org_id,
                org_name,
                resource_id,
                resource_name,
                region,
                cloud_provider,
                classification,
                zone,
                cluster_size,
                az_count,
                usage_type,
                usage,
                usage_unit,
                currency_type,
                unit_price,
                calculated_cost,
                breakdown_start_timestamp,
                breakdown_end_timestamp,
            })
        }
        _ => Err(row.errors),
    }
}

/// Parses an amount of a usage report: an exact decimal, not negative, at most [`MAX_AMOUNT`].
/// `Err` says what is wrong and how to fix it.
pub fn parse_amount(text: &str) -> Result<Decimal, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty; write a number such as 12.5".into());
    }
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    let parsed = if !plain {
        None
    } else if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str_exact(text).ok()
    };
    let Some(value) = parsed else {
        return Err(
            "is not a decimal number: write digits with a dot for decimals, such as 1234.5, \
             without thousands separators or currency signs"
                .into(),
        );
    };
    if value.is_sign_negative() && !value.is_zero() {
        return Err("is negative; usage, prices and costs are never below zero".into());
    }
    if value > MAX_AMOUNT {
        return Err("is too large; amounts in a usage report are at most 10^18".into());
    }
    Ok(value)
}

/// Parses a usage report timestamp (see the module's rules) into UTC. `Err` says what is wrong
/// and how to fix it.
pub fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("is empty; write an RFC 3339 timestamp such as 2025-02-01T00:00:00Z".into());
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(instant.with_timezone(&Utc));
    }
    // A space instead of the `T` (RFC 3339 section 5.6 allows it).
    if text.len() > 10 && text.as_bytes()[10] == b' ' && text.is_char_boundary(11) {
        let with_t = format!("{}T{}", &text[..10], &text[11..]);
        if let Ok(instant) = DateTime::parse_from_rfc3339(&with_t) {
            return Ok(instant.with_timezone(&Utc));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(naive.and_utc());
        }
    }
    if let Ok(date) = NaiveDate::from_str(text) {
        return Ok(midnight(date));
    }
    Err("is not an RFC 3339 timestamp: write it like 2025-02-01T00:00:00Z".into())
}

/// Writes a usage report CSV: the header with exactly [`COLUMNS`] in order, then one line per
/// record; `\n` line ends; a value is quoted when it holds a comma, a quote or a line break.
pub fn write_report<'a>(records: impl IntoIterator<Item = &'a UsageRecord>) -> String {
    let mut out = String::new();
    push_line(&mut out, COLUMNS.iter().copied());
    for record in records {
        let row = record.to_row();
        let cells = row.iter().enumerate().map(|(column, cell)| {
            if NUMBERS.contains(&column) {
                Cow::Borrowed(cell.as_str())
            } else {
                spreadsheet::neutralise(cell)
            }
        });
        push_line(&mut out, cells);
    }
    out
}

fn push_line(out: &mut String, fields: impl Iterator<Item = impl AsRef<str>>) {
    for (i, field) in fields.enumerate() {
        let field = field.as_ref();
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

//! Reading a usage report, by the rules in the [`report`](super) module's documentation: columns
//! found by their header, every problem of a bad row collected, the good rows kept.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use super::{
    BadRow, FieldError, ParsedReport, ReportError, UsageRecord, AZ_COUNT, BREAKDOWN_END_TIMESTAMP,
    BREAKDOWN_START_TIMESTAMP, CALCULATED_COST, CLASSIFICATION, CLOUD_PROVIDER, CLUSTER_SIZE,
    COLUMNS, CURRENCY_TYPE, ORG_ID, ORG_NAME, PRODUCT, REGION, RESOURCE_ID, RESOURCE_NAME,
    UNIT_PRICE, USAGE, USAGE_TYPE, USAGE_UNIT, ZONE,
};
use crate::spreadsheet;
use crate::time::{format_timestamp, parse_timestamp};

/// The largest amount a report may hold (USAGE, UNIT_PRICE, CALCULATED_COST): 10^18. It keeps
/// every sum of a report far from `Decimal`'s limit (about 7.9 × 10^28).
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(2_808_348_672, 232_830_643, 0, false, 0);

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

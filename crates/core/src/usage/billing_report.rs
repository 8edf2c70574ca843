//! Enterprise billing reports: `POST /v2/enterprises/billing-reports/generate-report` and
//! `GET /v2/enterprises/billing-reports/{reportId}`.
//!
//! seed 000, "Download an enterprise usage report": the request is `{"month": "02", "year":
//! "2025"}` ("The month and year for which you want to generate the report represented as
//! string-formatted numbers, such as "02" and "2025"."; "This endpoint can't retrieve data prior
//! to November 2024."); the response carries the `reportId`; the report's GET gives a
//! `csvDownloadUrl` whose availability depends on the status: PENDING ("queued for generation"),
//! INITIATED ("being generated"), COMPLETED ("ready for download"), FAILED ("failed to
//! generate"). "It can take some time to generate the report": it is generated after
//! `generate-report` answered (`api::report_generation`).
//!
//! Decisions where the seed is silent:
//! - `month` is exactly two digits, 01 to 12; `year` exactly four digits.
//! - The current month may be reported on (it is a partial month); a later month is refused, as
//!   is a month before November 2024. `now` is passed in.
//! - The caller supplies the report ID (such as a UUID); the core draws no random numbers.
//! - Life cycle: PENDING → INITIATED → COMPLETED, and PENDING or INITIATED → FAILED. COMPLETED
//!   and FAILED are final; staying in the same status is not a transition. Anything else is
//!   refused with [`ViolationKind::IllegalReportTransition`].
//! - A report fails when its month has no usage its requester may read (an empty CSV is no
//!   report), or when its CSV would be over [`MAX_REPORT_BYTES`]; the reason says which.
//! - The GET response is `{"reportId", "status", "csvDownloadUrl", "failureReason"}` (the spec
//!   has no billing report schema; the seed names the first three), the URL only when COMPLETED
//!   and the reason only when FAILED. The report's rows are those whose
//!   BREAKDOWN_START_TIMESTAMP is in the month.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::consumption::read_object;
use super::periods::{Month, EARLIEST_MONTH};
use super::report::{write_report, UsageRecord};
use super::violation::{Violation, ViolationKind, Violations};
use crate::pricing::bill::count;
use crate::validation::YEAR_DIGITS;

/// The most bytes a report's CSV may hold: 16 MiB, some 75,000 rows of the demo data's kind (225
/// bytes a row; the demo's whole month is 360 rows, 81 KB).
/// The CSV is kept whole in the report's record, so every copy of the state carries it: the
/// server's memory and database row, the requester's page (its IndexedDB and its memory) through
/// the changes feed, which sends it in one answer, and an exported state document. A bound well
/// above a month of the portal's enterprises keeps one report from making each of those many
/// times larger than the rest of the state; a month over it is read through the consumption
/// query or each organization's own usage download instead.
pub const MAX_REPORT_BYTES: usize = 16 * 1024 * 1024;

/// The body of `generate-report`: `{"month": "02", "year": "2025"}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenerateReportRequest {
    pub month: String,
    pub year: String,
}

/// The answer of `generate-report`: `{"reportId": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerateReportResponse {
    pub report_id: String,
}

impl GenerateReportRequest {
    pub fn new(month: impl Into<String>, year: impl Into<String>) -> Self {
        GenerateReportRequest {
            month: month.into(),
            year: year.into(),
        }
    }

    /// Reads a request body, reporting every structural problem (not JSON, a missing field, a
    /// number instead of a string, an unknown field).
    pub fn from_json(body: &str) -> Result<GenerateReportRequest, Violations> {
        let mut v = Violations::new();
        let Some(map) = read_object(body, &mut v) else {
            return Err(v);
        };
        let mut request = GenerateReportRequest::default();
        for (field, example) in [("month", "02"), ("year", "2025")] {
            let text = match map.get(field) {
                Some(Value::String(s)) => s.clone(),
                None | Some(Value::Null) => String::new(), // validate() says it is missing
                Some(other) => {
                    v.push(
                        ViolationKind::WrongType,
                        format!(
                            "{field} must be a string-formatted number, such as \"{example}\", \
                             not {other}"
                        ),
                    );
                    continue;
                }
            };
            if field == "month" {
                request.month = text;
            } else {
                request.year = text;
            }
        }
        for key in map.keys().filter(|k| *k != "month" && *k != "year") {
            v.push(
                ViolationKind::UnknownField,
                format!("unknown field \"{key}\"; the fields are month and year"),
            );
        }
        v.into_result(request)
    }

    /// Checks the month and year; every violation gets its own message.
    pub fn validate(&self, now: DateTime<Utc>) -> Result<Month, Violations> {
        let mut v = Violations::new();
        let month = self.month.trim();
        let month_number = digits::<u32>(month, 2).filter(|m| (1..=12).contains(m));
        if month_number.is_none() {
            let shown = described(month, "month");
            v.push(
                ViolationKind::InvalidMonth,
                format!(
                    "month {shown}; give it as two digits from \"01\" to \"12\", such as \"02\" \
                     for February"
                ),
            );
        }
        let year = self.year.trim();
        let year_number = digits::<i32>(year, YEAR_DIGITS).filter(|y| *y >= 1);
        if year_number.is_none() {
            let shown = described(year, "year");
            v.push(
                ViolationKind::InvalidYear,
                format!("year {shown}; give it as four digits, such as \"2025\""),
            );
        }
        let (Some(m), Some(y)) = (month_number, year_number) else {
            return Err(v);
        };
        let Some(month) = Month::new(y, m) else {
            return Err(v);
        };
        if month < EARLIEST_MONTH {
            v.push(
                ViolationKind::ReportBeforeNovember2024,
                format!(
                    "{month} is before November 2024, and reports can't retrieve data prior to \
                     November 2024; ask for {EARLIEST_MONTH} or later"
                ),
            );
        }
        let current = Month::of_instant(now);
        if month > current {
            v.push(
                ViolationKind::ReportInFuture,
                format!(
                    "{month} has not begun yet; ask for {current} (the current month) or an \
                     earlier month"
                ),
            );
        }
        v.into_result(month)
    }
}

/// `text` as a number when it is exactly `len` ASCII digits.
fn digits<T: std::str::FromStr>(text: &str, len: usize) -> Option<T> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// How a refusal names a field's trimmed `text`: missing, or not a `what`.
fn described(text: &str, what: &str) -> String {
    if text.is_empty() {
        "is missing".to_string()
    } else {
        format!("\"{text}\" is not a {what}")
    }
}

/// A report's status (seed 000's four values, upper case on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReportStatus {
    /// The report is queued for generation.
    Pending,
    /// The report is being generated.
    Initiated,
    /// The report is ready for download.
    Completed,
    /// The report failed to generate.
    Failed,
}

impl ReportStatus {
    pub const ALL: [ReportStatus; 4] = [
        ReportStatus::Pending,
        ReportStatus::Initiated,
        ReportStatus::Completed,
        ReportStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Pending => "PENDING",
            ReportStatus::Initiated => "INITIATED",
            ReportStatus::Completed => "COMPLETED",
            ReportStatus::Failed => "FAILED",
        }
    }

    /// What the seed says the status means.
    pub fn description(self) -> &'static str {
        match self {
            ReportStatus::Pending => "The report is queued for generation",
            ReportStatus::Initiated => "The report is being generated",
            ReportStatus::Completed => "The report is ready for download",
            ReportStatus::Failed => "The report failed to generate",
        }
    }

    /// COMPLETED and FAILED are final.
    pub fn is_final(self) -> bool {
        matches!(self, ReportStatus::Completed | ReportStatus::Failed)
    }

    /// Whether a report may go from `self` to `next`.
    pub fn can_become(self, next: ReportStatus) -> bool {
        matches!(
            (self, next),
            (ReportStatus::Pending, ReportStatus::Initiated)
                | (ReportStatus::Initiated, ReportStatus::Completed)
                | (ReportStatus::Pending, ReportStatus::Failed)
                | (ReportStatus::Initiated, ReportStatus::Failed)
        )
    }
}

impl fmt::Display for ReportStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One enterprise billing report and where it is in its life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingReport {
    report_id: String,
    month: Month,
    status: ReportStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    csv_download_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    failure_reason: Option<String>,
}

/// The answer of `GET /v2/enterprises/billing-reports/{reportId}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BillingReportResponse {
    pub report_id: String,
    pub status: ReportStatus,
    /// Only when the status is COMPLETED.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv_download_url: Option<String>,
    /// Only when the status is FAILED: why, and what to do instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_reason: Option<String>,
}

impl BillingReport {
    /// A new report, PENDING.
    pub fn new(report_id: impl Into<String>, month: Month) -> Self {
        BillingReport {
            report_id: report_id.into(),
            month,
            status: ReportStatus::Pending,
            csv_download_url: None,
            failure_reason: None,
        }
    }

    /// `generate-report`: validates the request against `now` and queues a report with the
    /// caller's ID.
    pub fn generate(
        request: &GenerateReportRequest,
        report_id: impl Into<String>,
        now: DateTime<Utc>,
    ) -> Result<BillingReport, Violations> {
        let month = request.validate(now)?;
        Ok(BillingReport::new(report_id, month))
    }

    pub fn report_id(&self) -> &str {
        &self.report_id
    }

    pub fn month(&self) -> Month {
        self.month
    }

    pub fn status(&self) -> ReportStatus {
        self.status
    }

    pub fn csv_download_url(&self) -> Option<&str> {
        self.csv_download_url.as_deref()
    }

    pub fn failure_reason(&self) -> Option<&str> {
        self.failure_reason.as_deref()
    }

    fn transition(&mut self, next: ReportStatus) -> Result<(), Violation> {
        if self.status.can_become(next) {
            self.status = next;
            Ok(())
        } else {
            Err(self.refused(next))
        }
    }

    fn refused(&self, next: ReportStatus) -> Violation {
        Violation::new(
            ViolationKind::IllegalReportTransition,
            format!(
                "report {} is {} and can't become {}; a report goes PENDING → INITIATED → \
                 COMPLETED, or to FAILED before it completes",
                self.report_id, self.status, next
            ),
        )
    }

    /// PENDING → INITIATED: generation starts.
    pub fn initiate(&mut self) -> Result<(), Violation> {
        self.transition(ReportStatus::Initiated)
    }

    /// INITIATED → COMPLETED with the month's CSV of `records` (the rows its requester may
    /// read), returned for the host to keep at `csv_download_url`; or INITIATED → FAILED, and
    /// `None`, when the month has none of them or its CSV would be over `max_bytes`
    /// ([`MAX_REPORT_BYTES`] but in tests).
    pub fn finish(
        &mut self,
        records: &[UsageRecord],
        csv_download_url: impl Into<String>,
        max_bytes: usize,
    ) -> Result<Option<String>, Violation> {
        if self.status != ReportStatus::Initiated {
            return Err(self.refused(ReportStatus::Completed));
        }
        let rows = self.month.period().filter(records);
        if rows.is_empty() {
            self.fail(format!(
                "no usage was recorded in {} in the organizations the report's requester may \
                 read (those its roles with ent-billing-read name): ask for a month that has \
                 usage, or ask with a role whose scope names the organizations that used it",
                self.month
            ))?;
            return Ok(None);
        }
        let csv = write_report(rows.iter().copied());
        if csv.len() > max_bytes {
            let rows = match rows.len() {
                1 => "1 row".to_owned(),
                n => format!("{} rows", count(n.into())),
            };
            self.fail(format!(
                "the report for {} would be {} bytes ({rows}), over the {} bytes a report may \
                 hold: read the month through POST /v2/enterprises/consumption, or download \
                 each organization's usage from its Billing page",
                self.month,
                count(csv.len().into()),
                count(max_bytes.into())
            ))?;
            return Ok(None);
        }
        self.transition(ReportStatus::Completed)?;
        self.csv_download_url = Some(csv_download_url.into());
        Ok(Some(csv))
    }

    /// PENDING or INITIATED → FAILED.
    pub fn fail(&mut self, reason: impl Into<String>) -> Result<(), Violation> {
        self.transition(ReportStatus::Failed)?;
        self.failure_reason = Some(reason.into());
        Ok(())
    }

    /// The report's CSV: only once COMPLETED.
    pub fn csv(&self, records: &[UsageRecord]) -> Result<String, Violation> {
        if self.status == ReportStatus::Completed {
            Ok(month_csv(self.month, records))
        } else {
            Err(Violation::new(
                ViolationKind::ReportNotReady,
                format!(
                    "report {} is {} ({}); its CSV can be downloaded once it is COMPLETED",
                    self.report_id,
                    self.status,
                    self.status.description().to_lowercase()
                ),
            ))
        }
    }

    /// The `generate-report` answer.
    pub fn generate_response(&self) -> GenerateReportResponse {
        GenerateReportResponse {
            report_id: self.report_id.clone(),
        }
    }

    /// The `GET` answer: the download URL only when COMPLETED, the reason only when FAILED.
    pub fn response(&self) -> BillingReportResponse {
        BillingReportResponse {
            report_id: self.report_id.clone(),
            status: self.status,
            csv_download_url: (self.status == ReportStatus::Completed)
                .then(|| self.csv_download_url.clone())
                .flatten(),
            failure_reason: (self.status == ReportStatus::Failed)
                .then(|| self.failure_reason.clone())
                .flatten(),
        }
    }
}

/// The usage report CSV of one month: the rows whose BREAKDOWN_START_TIMESTAMP is in it.
pub fn month_csv(month: Month, records: &[UsageRecord]) -> String {
    write_report(month.period().filter(records))
}

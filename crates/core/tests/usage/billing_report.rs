//! Enterprise billing reports (seed 000, "Download an enterprise usage report"): the
//! generate-report request, the report's status life cycle, and its CSV.

use crate::common::{now, storage_hour, t};
use chrono::{DateTime, Utc};
use portal_core::usage::{
    read_report_str, BillingReport, GenerateReportRequest, Month, ReportStatus, UsageRecord,
    ViolationKind as K, Violations, COLUMNS, MAX_REPORT_BYTES,
};
use serde_json::json;

fn accepted(month: &str, year: &str) -> bool {
    GenerateReportRequest::new(month, year)
        .validate(now())
        .is_ok()
}

fn refusal(month: &str, year: &str) -> Violations {
    GenerateReportRequest::new(month, year)
        .validate(now())
        .unwrap_err()
}

fn kinds(month: &str, year: &str) -> Vec<K> {
    refusal(month, year).kinds()
}

/// One rule on the month asked for: `ok` passes, each of `refused` is refused for `kind` alone,
/// and the first refused month is told `message`.
fn assert_month_rule(ok: (&str, &str), refused: [(&str, &str); 2], kind: K, message: &str) {
    assert!(accepted(ok.0, ok.1));
    for (month, year) in refused {
        assert_eq!(kinds(month, year), [kind], "{month}/{year}");
    }
    assert_eq!(refusal(refused[0].0, refused[0].1).0[0].message, message);
}

/// seed 000, "Download an enterprise usage report": "The month and year for which you want to
/// generate the report represented as string-formatted numbers, such as "02" and "2025"."
#[test]
fn month_and_year_are_string_formatted_numbers() {
    assert_eq!(
        GenerateReportRequest::new("02", "2025").validate(now()),
        Ok(Month::new(2025, 2).unwrap())
    );
    for bad in ["2", "13", "00", "February", "", " 2", "+2", "1a"] {
        assert_eq!(kinds(bad, "2025"), [K::InvalidMonth], "{bad:?}");
    }
    for bad in ["25", "02025", "year", "", "-202"] {
        assert_eq!(kinds("02", bad), [K::InvalidYear], "{bad:?}");
    }
    let v = refusal("2", "25");
    assert_eq!(v.kinds(), [K::InvalidMonth, K::InvalidYear]);
    assert_eq!(
        v.0[0].message,
        "month \"2\" is not a month; give it as two digits from \"01\" to \"12\", such as \"02\" \
         for February"
    );
    assert_eq!(
        v.0[1].message,
        "year \"25\" is not a year; give it as four digits, such as \"2025\""
    );

    // On the wire: numbers are not string-formatted numbers.
    let v = GenerateReportRequest::from_json(&json!({"month": 2, "year": "2025"}).to_string())
        .unwrap_err();
    assert_eq!(v.kinds(), [K::WrongType]);
    assert!(v.0[0]
        .message
        .starts_with("month must be a string-formatted number, such as \"02\""));
    let v = GenerateReportRequest::from_json(&json!({"month": "02", "yaer": "2025"}).to_string())
        .unwrap_err();
    assert_eq!(v.kinds(), [K::UnknownField]);
    assert_eq!(
        GenerateReportRequest::from_json(r#"{"month":"02","year":"2025"}"#).unwrap(),
        GenerateReportRequest::new("02", "2025")
    );
    assert_eq!(
        GenerateReportRequest::from_json("[]").unwrap_err().kinds(),
        [K::MalformedBody]
    );
    // A missing field is reported by validation.
    let missing = GenerateReportRequest::from_json(r#"{"year":"2025"}"#).unwrap();
    assert_eq!(
        missing.validate(now()).unwrap_err().0[0].message,
        "month is missing; give it as two digits from \"01\" to \"12\", such as \"02\" for \
         February"
    );
}

/// seed 000, "Download an enterprise usage report": "This endpoint can't retrieve data prior to
/// November 2024."
#[test]
fn no_report_before_november_2024() {
    assert_month_rule(
        ("11", "2024"),
        [("10", "2024"), ("12", "2023")],
        K::ReportBeforeNovember2024,
        "2024-10 is before November 2024, and reports can't retrieve data prior to November \
         2024; ask for 2024-11 or later",
    );
}

/// seed 000, "Download an enterprise usage report": "generate and download a detailed monthly
/// usage report": a month that has not begun has no usage; the current month (so far) is fine.
#[test]
fn no_report_of_a_future_month() {
    assert_month_rule(
        ("03", "2025"),
        [("04", "2025"), ("01", "2026")],
        K::ReportInFuture,
        "2025-04 has not begun yet; ask for 2025-03 (the current month) or an earlier month",
    );
}

/// seed 000, "Download an enterprise usage report": "From the response, get the reportId." The
/// caller supplies the ID; the report starts PENDING ("The report is queued for generation").
#[test]
fn generate_report_answers_a_report_id() {
    let request = GenerateReportRequest::new("02", "2025");
    let report = BillingReport::generate(&request, "3f0e2a4c-report", now()).unwrap();
    assert_eq!(report.status(), ReportStatus::Pending);
    assert_eq!(report.month(), Month::new(2025, 2).unwrap());
    assert_eq!(
        serde_json::to_value(report.generate_response()).unwrap(),
        json!({"reportId": "3f0e2a4c-report"})
    );
    let refused = BillingReport::generate(&GenerateReportRequest::new("13", "2025"), "x", now());
    assert_eq!(refused.unwrap_err().kinds(), [K::InvalidMonth]);
}

/// seed 000, "Download an enterprise usage report": "PENDING: The report is queued for
/// generation" "INITIATED: The report is being generated" "COMPLETED: The report is ready for
/// download" "FAILED: The report failed to generate". Only the forward transitions are allowed.
#[test]
fn the_status_goes_pending_initiated_completed_or_failed() {
    use ReportStatus::*;
    let allowed = [
        (Pending, Initiated),
        (Initiated, Completed),
        (Pending, Failed),
        (Initiated, Failed),
    ];
    for from in ReportStatus::ALL {
        for to in ReportStatus::ALL {
            assert_eq!(
                from.can_become(to),
                allowed.contains(&(from, to)),
                "{from} → {to}"
            );
        }
    }
    assert!(Completed.is_final() && Failed.is_final());
    assert!(!Pending.is_final() && !Initiated.is_final());

    let month = Month::new(2025, 2).unwrap();
    let rows = [storage_hour("2025-02-01T00:00:00Z")];
    let mut report = BillingReport::new("r-1", month);
    // Not straight to COMPLETED.
    let refused = report.finish(&rows, URL, MAX_REPORT_BYTES).unwrap_err();
    assert_eq!(refused.kind, K::IllegalReportTransition);
    assert_eq!(
        refused.message,
        "report r-1 is PENDING and can't become COMPLETED; a report goes PENDING → INITIATED → \
         COMPLETED, or to FAILED before it completes"
    );
    assert_eq!(report.status(), Pending);
    report.initiate().unwrap();
    assert_eq!(
        report.initiate().unwrap_err().kind,
        K::IllegalReportTransition
    );
    report.finish(&rows, URL, MAX_REPORT_BYTES).unwrap();
    assert_eq!(report.status(), Completed);
    assert_eq!(
        report.fail("late").unwrap_err().kind,
        K::IllegalReportTransition
    );
    assert_eq!(report.status(), Completed);

    let mut failing = BillingReport::new("r-2", month);
    failing.fail("no data warehouse").unwrap();
    assert_eq!(failing.status(), Failed);
    assert_eq!(failing.failure_reason(), Some("no data warehouse"));
    assert_eq!(
        failing.initiate().unwrap_err().kind,
        K::IllegalReportTransition
    );

    assert_eq!(serde_json::to_value(Initiated).unwrap(), json!("INITIATED"));
    assert_eq!(
        serde_json::from_value::<ReportStatus>(json!("COMPLETED")).unwrap(),
        Completed
    );
}

const URL: &str = "https://example.test/r-1.csv";

/// seed 000, "Download an enterprise usage report": "FAILED: The report failed to generate". A
/// month without rows, or whose CSV would be over the bound, fails with the reason, which the GET
/// answer carries only then.
#[test]
fn a_report_fails_without_rows_or_over_its_bound() {
    let february = Month::new(2025, 2).unwrap();
    let initiated = || {
        let mut report = BillingReport::new("r-1", february);
        report.initiate().unwrap();
        report
    };
    let outside: Vec<UsageRecord> = vec![storage_hour("2025-03-01T00:00:00Z")];
    let mut empty = initiated();
    assert_eq!(empty.finish(&outside, URL, MAX_REPORT_BYTES), Ok(None));
    assert_eq!(empty.status(), ReportStatus::Failed);
    let reason = empty.failure_reason().unwrap().to_owned();
    assert!(
        reason.starts_with("no usage was recorded in 2025-02 "),
        "{reason}"
    );
    assert_eq!(
        serde_json::to_value(empty.response()).unwrap(),
        json!({"reportId": "r-1", "status": "FAILED", "failureReason": reason})
    );

    let rows = [storage_hour("2025-02-01T00:00:00Z")];
    let mut within = initiated();
    let csv = within
        .finish(&rows, URL, MAX_REPORT_BYTES)
        .unwrap()
        .unwrap();
    let mut exactly = initiated();
    assert!(
        exactly.finish(&rows, URL, csv.len()).unwrap().is_some(),
        "the bound is included"
    );
    let mut over = initiated();
    assert_eq!(over.finish(&rows, URL, csv.len() - 1), Ok(None));
    let reason = over.failure_reason().unwrap();
    assert!(
        reason.contains(&format!(
            "would be {} bytes (1 row), over the {} bytes",
            csv.len(),
            csv.len() - 1
        )),
        "{reason}"
    );
}

/// seed 000, "Download an enterprise usage report": "From the response, use the csvDownloadUrl
/// to retrieve the generated report. The availability of the download link depends on the
/// report status".
#[test]
fn the_download_link_only_when_completed() {
    let rows = [storage_hour("2025-02-01T00:00:00Z")];
    let mut report = BillingReport::new("r-1", Month::new(2025, 2).unwrap());
    assert_eq!(
        serde_json::to_value(report.response()).unwrap(),
        json!({"reportId": "r-1", "status": "PENDING"})
    );
    report.initiate().unwrap();
    assert_eq!(
        serde_json::to_value(report.response()).unwrap(),
        json!({"reportId": "r-1", "status": "INITIATED"})
    );
    report.finish(&rows, URL, MAX_REPORT_BYTES).unwrap();
    assert_eq!(
        serde_json::to_value(report.response()).unwrap(),
        json!({"reportId": "r-1", "status": "COMPLETED", "csvDownloadUrl": URL})
    );
    // The stored report reads back.
    let stored = serde_json::to_string(&report).unwrap();
    assert_eq!(
        serde_json::from_str::<BillingReport>(&stored).unwrap(),
        report
    );
}

/// seed 000, "Download an enterprise usage report": "generate and download a detailed monthly
/// usage report for all organizations and resources in your enterprise", with the columns of
/// "Usage report contents". A completed report's CSV holds the month's rows only.
#[test]
fn a_completed_report_is_the_months_csv() {
    let rows = vec![
        storage_hour("2025-01-31T23:00:00Z"),
        storage_hour("2025-02-01T00:00:00Z"),
        storage_hour("2025-02-28T23:00:00Z"),
        storage_hour("2025-03-01T00:00:00Z"),
    ];
    let mut report = BillingReport::new("r-1", Month::new(2025, 2).unwrap());
    let not_ready = report.csv(&rows).unwrap_err();
    assert_eq!(not_ready.kind, K::ReportNotReady);
    assert_eq!(
        not_ready.message,
        "report r-1 is PENDING (the report is queued for generation); its CSV can be downloaded \
         once it is COMPLETED"
    );
    report.initiate().unwrap();
    assert_eq!(report.csv(&rows).unwrap_err().kind, K::ReportNotReady);
    let csv = report
        .finish(&rows, URL, MAX_REPORT_BYTES)
        .unwrap()
        .unwrap();
    assert_eq!(csv.lines().next(), Some(COLUMNS.join(",").as_str()));
    let back = read_report_str(&csv).unwrap();
    let starts: Vec<DateTime<Utc>> = back
        .records
        .iter()
        .map(|r| r.breakdown_start_timestamp)
        .collect();
    assert_eq!(
        starts,
        [t("2025-02-01T00:00:00Z"), t("2025-02-28T23:00:00Z")]
    );
    assert_eq!(report.csv(&rows).unwrap(), csv);
}

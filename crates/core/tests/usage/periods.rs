//! The organization usage download periods (seed 000, "Download an organization usage report").

use crate::common::{storage_hour, t};
use chrono::{DateTime, NaiveDate, Utc};
use portal_core::usage::periods::{organization_rows, organization_usage_csv};
use portal_core::usage::{
    read_report_str, DownloadPeriod, Month, Period, UsageRecord, EARLIEST_MONTH,
};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Asserts the period `kind` gives on each day: (today, first day, the day after the last).
#[track_caller]
fn assert_periods(kind: DownloadPeriod, days: &[(&str, &str, &str)]) {
    for (today, start, end) in days {
        let midnight = |date: &str| day(date).and_hms_opt(0, 0, 0).unwrap().and_utc();
        let expected = Period {
            start: midnight(start),
            end: midnight(end),
        };
        assert_eq!(kind.period(day(today)), expected, "{today}");
    }
}

fn row(org: &str, start: &str) -> UsageRecord {
    UsageRecord {
        org_id: org.into(),
        ..storage_hour(start)
    }
}

/// seed 000, "Download an organization usage report": "click Download Usage as CSV to download
/// usage history for the current month, the prior month, or the prior two months." The current
/// month is the month so far, up to the end of today.
#[test]
fn the_current_month_is_the_month_so_far() {
    assert_periods(
        DownloadPeriod::CurrentMonth,
        &[
            ("2025-03-15", "2025-03-01", "2025-03-16"),
            ("2025-03-01", "2025-03-01", "2025-03-02"),
            // On the last day of the year, up to the first midnight of the next year.
            ("2024-12-31", "2024-12-01", "2025-01-01"),
        ],
    );
}

/// seed 000, "Download an organization usage report": "... the prior month ...": the whole
/// calendar month before, across the year boundary in January, 29 days in a leap February.
#[test]
fn the_prior_month_is_the_whole_month_before() {
    assert_periods(
        DownloadPeriod::PriorMonth,
        &[
            ("2025-03-15", "2025-02-01", "2025-03-01"),
            ("2025-01-01", "2024-12-01", "2025-01-01"),
            ("2024-03-31", "2024-02-01", "2024-03-01"),
        ],
    );
    assert_eq!(Month::new(2024, 2).unwrap().days(), 29);
}

/// seed 000, "Download an organization usage report": "... or the prior two months.": the two
/// whole months before the current one; in January they are November and December of the
/// previous year, in February December and January.
#[test]
fn the_prior_two_months_span_the_year_boundary() {
    assert_periods(
        DownloadPeriod::PriorTwoMonths,
        &[
            ("2025-01-10", "2024-11-01", "2025-01-01"),
            ("2025-02-28", "2024-12-01", "2025-02-01"),
            ("2025-03-01", "2025-01-01", "2025-03-01"),
        ],
    );
}

/// seed 000, "Download an organization usage report": "The report is limited to the organization
/// you are currently viewing in the Astra Portal." Rows are in a period by their
/// BREAKDOWN_START_TIMESTAMP, half-open at the end.
#[test]
fn the_download_holds_one_organizations_rows_of_the_period() {
    let rows = vec![
        row("org-a", "2024-10-31T23:00:00Z"),
        row("org-a", "2024-11-01T00:00:00Z"),
        row("org-a", "2024-12-31T23:00:00Z"),
        row("org-b", "2024-12-15T00:00:00Z"),
        row("org-a", "2025-01-01T00:00:00Z"),
        row("org-a", "2025-01-10T12:00:00Z"),
    ];
    let today = day("2025-01-10");
    let starts = |choice| -> Vec<DateTime<Utc>> {
        organization_rows(&rows, "org-a", choice, today)
            .iter()
            .map(|r| r.breakdown_start_timestamp)
            .collect()
    };
    assert_eq!(
        starts(DownloadPeriod::PriorTwoMonths),
        [t("2024-11-01T00:00:00Z"), t("2024-12-31T23:00:00Z")]
    );
    assert_eq!(
        starts(DownloadPeriod::PriorMonth),
        [t("2024-12-31T23:00:00Z")]
    );
    assert_eq!(
        starts(DownloadPeriod::CurrentMonth),
        [t("2025-01-01T00:00:00Z"), t("2025-01-10T12:00:00Z")]
    );

    let csv = organization_usage_csv(&rows, "org-a", DownloadPeriod::CurrentMonth, today);
    let back = read_report_str(&csv).unwrap();
    assert_eq!(back.records.len(), 2);
    assert!(back.records.iter().all(|r| r.org_id == "org-a"));
}

/// seed 000, "Download an organization usage report": the three choices have names for the page
/// and the wire.
#[test]
fn download_periods_have_names() {
    for choice in DownloadPeriod::ALL {
        assert_eq!(DownloadPeriod::parse(choice.as_str()), Some(choice));
    }
    assert_eq!(
        DownloadPeriod::parse("Prior-Two-Months"),
        Some(DownloadPeriod::PriorTwoMonths)
    );
    assert_eq!(DownloadPeriod::parse("last year"), None);
    assert_eq!(DownloadPeriod::PriorMonth.label(), "The prior month");
    assert_eq!(
        serde_json::to_string(&DownloadPeriod::PriorTwoMonths).unwrap(),
        "\"prior_two_months\""
    );
}

/// seed 000, "Download an enterprise usage report": "This endpoint can't retrieve data prior to
/// November 2024." Months print and parse as YYYY-MM and order in time.
#[test]
fn months_print_parse_and_order() {
    assert_eq!(EARLIEST_MONTH.to_string(), "2024-11");
    assert_eq!("2024-11".parse::<Month>().unwrap(), EARLIEST_MONTH);
    assert!(Month::new(2024, 10).unwrap() < EARLIEST_MONTH);
    assert!(Month::new(2025, 1).unwrap() > EARLIEST_MONTH);
    assert_eq!(
        Month::new(2025, 1).unwrap().prev(),
        Month::new(2024, 12).unwrap()
    );
    assert_eq!(
        Month::new(2024, 12).unwrap().next(),
        Month::new(2025, 1).unwrap()
    );
    for bad in ["2024-13", "2024-1", "24-11", "2024/11", "", "2024-00"] {
        assert!(bad.parse::<Month>().is_err(), "{bad:?}");
    }
    assert!(Month::new(2024, 0).is_none());
    assert_eq!(
        serde_json::to_string(&EARLIEST_MONTH).unwrap(),
        "\"2024-11\""
    );
}

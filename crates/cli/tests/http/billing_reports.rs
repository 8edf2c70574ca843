//! seed 000, "Download an enterprise usage report", over real HTTP: generate-report answers the
//! `reportId` at once ("It can take some time to generate the report"), the server generates the
//! report after the answer, and a client polling the report's GET sees it COMPLETED with its
//! `csvDownloadUrl`, or FAILED with the reason for a month without usage.

use std::time::{Duration, Instant};

use chrono::{Datelike, Months, Utc};
use portal_core::usage::ReportStatus;
use serde_json::{json, Value};

use crate::server::{args, Served};

const GENERATE: &str = "/v2/enterprises/billing-reports/generate-report";

/// Asks for the month's report as the enterprise token; its `reportId`.
fn generate(served: &Served, month: u32, year: i32) -> String {
    let token = &served.boot().enterprise_token.token;
    let body = json!({"month": format!("{month:02}"), "year": year.to_string()});
    let reply = served.call("POST", GENERATE, token, &body.to_string());
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.json()["reportId"].as_str().unwrap().to_owned()
}

/// Polls the report's GET as a client following it does, until it is COMPLETED or FAILED; one
/// generous deadline, which says what it waited for.
fn finished(served: &Served, id: &str) -> Value {
    let token = &served.boot().enterprise_token.token;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let reply = served.call(
            "GET",
            &format!("/v2/enterprises/billing-reports/{id}"),
            token,
            "",
        );
        assert_eq!(reply.status, 200, "{}", reply.body);
        let report = reply.json();
        if report["status"] == "COMPLETED" || report["status"] == "FAILED" {
            return report;
        }
        assert!(
            Instant::now() < deadline,
            "waited 60 s for report {id} to be COMPLETED or FAILED; it is {report}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_client_polls_a_billing_report_until_it_is_completed_or_failed() {
    let served = Served::start(&args("billing-reports", true));
    // The demo data's usage runs from the first of the month two months before the server's
    // start to its day: last month is whole.
    let last_month = Utc::now().date_naive() - Months::new(1);
    let id = generate(&served, last_month.month(), last_month.year());
    let completed = finished(&served, &id);
    let url = format!("/v2/enterprises/billing-reports/{id}/csv");
    assert_eq!(
        completed,
        json!({"reportId": id, "status": "COMPLETED", "csvDownloadUrl": url})
    );
    let token = &served.boot().enterprise_token.token;
    let csv = served.call("GET", &url, token, "");
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(
        csv.body.lines().count() > 1,
        "the month's rows: {}",
        csv.body
    );

    // November 2024, the first month a report may cover, is long before the demo's usage.
    let empty = generate(&served, 11, 2024);
    let failed = finished(&served, &empty);
    assert_eq!(failed["status"], "FAILED", "{failed}");
    let reason = failed["failureReason"].as_str().unwrap_or_default();
    assert!(
        reason.starts_with("no usage was recorded in 2024-11"),
        "{failed}"
    );

    // Each step was its own committed, audited change in the server's database.
    let stored = served.stored();
    let status = |id: &str| stored.billing_reports[id].report.status();
    assert_eq!(
        (status(&id), status(&empty)),
        (ReportStatus::Completed, ReportStatus::Failed)
    );
    let steps: Vec<&str> = stored
        .audit
        .values()
        .filter(|entry| entry.targets.contains(&id))
        .map(|entry| entry.action.as_str())
        .collect();
    assert_eq!(
        steps,
        [
            "billing_report.generate",
            "billing_report.initiate",
            "billing_report.complete"
        ]
    );
    served.stop();
}

//! `portal usage REPORT.csv [--json]` on usage reports (seed 000, "Usage report contents").

mod common;

use std::path::Path;
use std::process::Output;

use common::{portal, stderr, stdout, temp};
use serde_json::{json, Value};

fn usage(path: &Path, json: bool) -> Output {
    let path = path.to_str().unwrap();
    if json {
        portal(&["usage", path, "--json"])
    } else {
        portal(&["usage", path])
    }
}

const HEADER: &str = "PRODUCT,ORG_ID,ORG_NAME,RESOURCE_ID,RESOURCE_NAME,REGION,CLOUD_PROVIDER,\
CLASSIFICATION,ZONE,CLUSTER_SIZE,AZ_COUNT,USAGE_TYPE,USAGE,USAGE_UNIT,CURRENCY_TYPE,UNIT_PRICE,\
CALCULATED_COST,BREAKDOWN_START_TIMESTAMP,BREAKDOWN_END_TIMESTAMP";

/// Ten days of February 2025: two databases of org-a at 4.00 and 6.00 a day (the second on GCP),
/// a streaming tenant of org-b at 1.00 on even days, one planted mismatch (line 5: 2 × 3 is not
/// 7.00) and two bad rows (a bad decimal, a bad timestamp).
fn report() -> String {
    let mut lines = vec![HEADER.to_string()];
    for day in 1..=10 {
        let start = format!("2025-02-{day:02}T00:00:00Z");
        let end = format!("2025-02-{:02}T00:00:00Z", day + 1);
        lines.push(format!(
            "serverless,org-a,Acme,db-1,orders,us-east-1,AWS,standard,na,,3,read_request_units,\
             10,million,USD,0.40,4.00,{start},{end}"
        ));
        let cost = if day == 2 { "7.00" } else { "6.00" };
        lines.push(format!(
            "serverless,org-a,Acme,db-2,ledger,us-east1,GCP,standard,na,,3,storage,3,gib,USD,2,\
             {cost},{start},{end}"
        ));
        if day % 2 == 0 {
            lines.push(format!(
                "streaming,org-b,Beta,tenant-1,events,eu-west-1,AWS,standard,emea,,,messages,1,\
                 million,USD,1,1.00,{start},{end}"
            ));
        }
    }
    lines.push(
        "serverless,org-a,Acme,db-1,orders,us-east-1,AWS,standard,na,,3,read_request_units,\
         ten,million,USD,0.40,4.00,2025-02-10T00:00:00Z,2025-02-11T00:00:00Z"
            .into(),
    );
    lines.push(
        "serverless,org-a,Acme,db-1,orders,us-east-1,AWS,standard,na,,3,read_request_units,\
         10,million,USD,0.40,4.00,Feb 10,2025-02-11T00:00:00Z"
            .into(),
    );
    lines.join("\n") + "\n"
}

/// seed 000, "Usage report contents": the totals, each breakdown, the reconciliation, the
/// projection and the bad rows, as text.
#[test]
fn the_text_report() {
    let path = temp("usage-text.csv", &report());
    let out = usage(&path, false);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // 10 + 10 + 5 good rows; 2 bad ones.
    assert!(text.contains("25 rows read, 2 bad rows skipped"), "{text}");
    // 10 × 4 + 9 × 6 + 7 + 5 × 1
    assert!(text.contains("Total cost:  USD 106.00"), "{text}");
    assert!(text.contains("Total usage: 30 gib, 105 million"), "{text}");
    for heading in [
        "By product",
        "By organization",
        "By resource",
        "By region",
        "By usage type",
        "By day",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    assert!(text.contains("org-a  Acme"), "{text}");
    assert!(text.contains("2025-02-02"), "{text}");
    assert!(text.contains("us-east1"), "{text}");
    // The planted mismatch, by line: header, day 1 (2 lines), then day 2's db-1, db-2.
    assert!(
        text.contains(
            "line 5: org-a db-2 storage: USAGE 3 × UNIT_PRICE 2 = 6, but CALCULATED_COST is 7.00, \
             off by 1 USD"
        ),
        "{text}"
    );
    // 106 over 10 of 28 days.
    assert!(
        text.contains("Projection for 2025-02 (as of 2025-02-11T00:00:00Z, 10 of 28 days elapsed)"),
        "{text}"
    );
    assert!(text.contains("projected: USD 296.80"), "{text}");
    assert!(text.contains("Bad rows (skipped)"), "{text}");
    assert!(
        text.contains("line 27: USAGE \"ten\" is not a decimal number"),
        "{text}"
    );
    assert!(
        text.contains("line 28: BREAKDOWN_START_TIMESTAMP \"Feb 10\""),
        "{text}"
    );
    assert!(stderr(&out).contains("2 bad rows skipped"));
}

/// seed 000, "Usage report contents": `--json` gives the same, as JSON.
#[test]
fn the_json_report() {
    let path = temp("usage-json.csv", &report());
    let out = usage(&path, true);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(value["rows"], json!(25));
    assert_eq!(value["badRowCount"], json!(2));
    assert_eq!(value["totals"]["cost"]["USD"], json!("106.00"));
    assert_eq!(value["totals"]["usage"]["gib"], json!("30"));
    let products: Vec<&str> = value["byProduct"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["key"].as_str().unwrap())
        .collect();
    assert_eq!(products, ["serverless", "streaming"]);
    for key in [
        "byOrganization",
        "byResource",
        "byRegion",
        "byUsageType",
        "byDay",
    ] {
        assert!(value[key].is_array(), "{key}");
    }
    assert_eq!(value["byDay"].as_array().unwrap().len(), 10);
    assert_eq!(value["byOrganization"][1]["name"], json!("Beta"));
    assert_eq!(value["byOrganization"][1]["cost"]["USD"], json!("5.00"));
    let mismatches = value["reconciliation"]["mismatches"].as_array().unwrap();
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0]["line"], json!(5));
    assert_eq!(mismatches[0]["expectedCost"], json!("6"));
    assert_eq!(value["projection"]["month"], json!("2025-02"));
    assert_eq!(value["projection"]["projectedCost"]["USD"], json!("296.80"));
    let bad: Vec<u64> = value["badRows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["line"].as_u64().unwrap())
        .collect();
    assert_eq!(bad, [27, 28]);
    assert_eq!(value["badRows"][0]["errors"][0]["column"], json!("USAGE"));
}

/// seed 000, "Usage report contents": "The usage report CSV file includes the following
/// columns": a file without one is refused with exit 2, naming the column.
#[test]
fn a_file_without_a_column_is_bad_input() {
    let header = HEADER.replace(",CALCULATED_COST", "");
    let path = temp("usage-missing.csv", &format!("{header}\n"));
    let out = usage(&path, false);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("lacks the column CALCULATED_COST"), "{err}");
}

/// An unreadable file is bad input: exit 2 and a clear message.
#[test]
fn an_unreadable_file_is_bad_input() {
    let out = portal(&["usage", "/nonexistent/usage-report.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: can't read /nonexistent/usage-report.csv"),
        "{}",
        stderr(&out)
    );
    let empty = temp("usage-empty.csv", "");
    let out = usage(&empty, true);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the usage report is empty"));
}

/// A report with only its header: zero totals and no projection, still exit 0.
#[test]
fn an_empty_report_has_nothing_to_project() {
    let path = temp("usage-header-only.csv", &format!("{HEADER}\n"));
    let out = usage(&path, false);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("0 rows read"), "{text}");
    assert!(
        text.contains("Projection: no usage to project from"),
        "{text}"
    );
    let out = usage(&path, true);
    let value: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(value["projection"], Value::Null);
}

//! Totals and breakdowns, cost reconciliation and the month-end projection of a usage report
//! (seed 000, "Usage report contents").

use crate::common::{d, named, read_units_day, t};
use portal_core::usage::reconcile::MIN_COMPARE_SCALE;
use portal_core::usage::{
    aggregate, check_cost, project_latest_month, project_month, read_report_str, reconcile,
    reconcile_report, write_report, Dimension, Month, UsageRecord,
};
use rust_decimal::Decimal;

/// A daily row of `usage` × `price` = `cost` at `place`, "organization/product/resource".
fn row(place: &str, day: &str, usage: &str, price: &str, cost: &str) -> UsageRecord {
    let [org, product, resource] = place.split('/').collect::<Vec<_>>()[..] else {
        panic!("{place} is not organization/product/resource");
    };
    let start = format!("{day}T00:00:00Z");
    named(
        org,
        product,
        resource,
        read_units_day(&start, usage, price, cost),
    )
}

fn sample() -> Vec<UsageRecord> {
    let mut storage = row("org-a/serverless/db-1", "2025-02-02", "10", "0.25", "2.50");
    storage.usage_type = "storage".into();
    storage.usage_unit = "gib".into();
    let mut gcp = row("org-b/serverless/db-3", "2025-02-02", "3", "1", "3.00");
    gcp.region = "us-east1".into();
    gcp.cloud_provider = "GCP".into();
    vec![
        row("org-a/serverless/db-1", "2025-02-01", "2", "0.5", "1.00"),
        storage,
        row("org-a/streaming/tenant-1", "2025-02-01", "4", "0.1", "0.40"),
        row("org-b/serverless/db-2", "2025-02-01", "1", "0.3", "0.30"),
        gcp,
    ]
}

/// seed 000, "Usage report contents": "CALCULATED_COST: The total cost for an amount of USAGE
/// during the given time period defined by the TIMESTAMP columns." The totals add up every row's
/// cost (per currency) and usage (per unit), exactly.
#[test]
fn totals_add_up_cost_per_currency_and_usage_per_unit() {
    let agg = aggregate(&sample());
    assert_eq!(agg.totals.rows, 5);
    assert_eq!(agg.totals.cost_in("USD"), d("7.20"));
    assert_eq!(agg.totals.usage_in("million"), d("10"));
    assert_eq!(agg.totals.usage_in("gib"), d("10"));

    // Another currency is never added to dollars.
    let mut rows = sample();
    rows[0].currency_type = "EUR".into();
    let agg = aggregate(&rows);
    assert_eq!(agg.totals.cost_in("EUR"), d("1.00"));
    assert_eq!(agg.totals.cost_in("USD"), d("6.20"));
}

/// seed 000, "Usage report contents": PRODUCT, ORG_ID, RESOURCE_ID, REGION, USAGE_TYPE and the
/// BREAKDOWN timestamps identify what generated the usage and when; the report groups by each.
#[test]
fn breakdowns_by_organization_product_resource_region_usage_type_and_day() {
    let agg = aggregate(&sample());
    let cost = |dim, key: &str| agg.group(dim, key).unwrap().totals.cost_in("USD");

    assert_eq!(cost(Dimension::Organization, "org-a"), d("3.90"));
    assert_eq!(cost(Dimension::Organization, "org-b"), d("3.30"));
    let org_a = agg.group(Dimension::Organization, "org-a").unwrap();
    assert_eq!(org_a.name.as_deref(), Some("org-a name"));
    assert_eq!(org_a.totals.rows, 3);

    assert_eq!(cost(Dimension::Product, "serverless"), d("6.80"));
    assert_eq!(cost(Dimension::Product, "streaming"), d("0.40"));

    assert_eq!(cost(Dimension::Resource, "db-1"), d("3.50"));
    assert_eq!(agg.by_resource.len(), 4);

    let regions: Vec<(&str, Option<&str>)> = agg
        .by_region
        .iter()
        .map(|g| (g.key.as_str(), g.name.as_deref()))
        .collect();
    assert_eq!(
        regions,
        [("us-east-1", Some("AWS")), ("us-east1", Some("GCP"))]
    );
    assert_eq!(cost(Dimension::Region, "us-east1"), d("3.00"));

    assert_eq!(cost(Dimension::UsageType, "storage"), d("2.50"));
    assert_eq!(cost(Dimension::UsageType, "read_request_units"), d("4.70"));

    let days: Vec<&str> = agg.by_day.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(days, ["2025-02-01", "2025-02-02"]);
    assert_eq!(cost(Dimension::Day, "2025-02-01"), d("1.70"));
    assert_eq!(cost(Dimension::Day, "2025-02-02"), d("5.50"));

    // Every breakdown adds up to the total.
    for dim in Dimension::ALL {
        let sum: Decimal = agg
            .groups(dim)
            .iter()
            .map(|g| g.totals.cost_in("USD"))
            .sum();
        assert_eq!(sum, d("7.20"), "{dim:?}");
    }
}

/// seed 000, "Usage report contents": "UNIT_PRICE: The price per unit of usage in the given
/// CURRENCY_TYPE." and "CALCULATED_COST: The total cost for an amount of USAGE ...": so
/// CALCULATED_COST = USAGE × UNIT_PRICE, compared at CALCULATED_COST's own precision (at least
/// the cent), any rounding direction accepted.
#[test]
fn reconciliation_finds_a_planted_mismatch_and_not_the_correct_rows() {
    let mut rows = sample();
    let db1 = |usage, price, cost| row("org-a/serverless/db-1", "2025-02-03", usage, price, cost);
    let db2 = |usage, price, cost| row("org-b/serverless/db-2", "2025-02-03", usage, price, cost);
    // Correct, but rounded: 1.234 × 0.1 = 0.1234, written to the cent either way.
    rows.push(db1("1.234", "0.1", "0.12"));
    rows.push(db1("1.236", "0.1", "0.12"));
    rows.push(db1("1.236", "0.1", "0.13"));
    // Written with more precision than the cent: compared at that precision.
    rows.push(db1("1.234", "0.1", "0.1234"));
    // The planted mismatch: 3 × 0.5 is 1.50, not 1.60.
    rows.push(db2("3", "0.5", "1.60"));
    // Too precise to be right: 0.1234 is not 0.1230 at four places.
    rows.push(db2("1.234", "0.1", "0.1230"));
    // Whole dollars are still compared at the cent: 0.6 is not 1.
    rows.push(db2("0.6", "1", "1"));

    let mismatches = reconcile(&rows);
    let indexes: Vec<usize> = mismatches.iter().map(|m| m.index).collect();
    assert_eq!(indexes, [9, 10, 11]);
    let planted = &mismatches[0];
    assert_eq!(planted.difference.expected_cost, Some(d("1.5")));
    assert_eq!(planted.difference.difference, Some(d("0.1")));
    assert_eq!(planted.difference.tolerance, d("0.01"));
    assert_eq!(mismatches[1].difference.tolerance, d("0.0001"));
    assert_eq!(MIN_COMPARE_SCALE, 2);
    assert!(check_cost(&rows[0]).is_ok());
}

/// seed 000, "Usage report contents" (CALCULATED_COST against USAGE × UNIT_PRICE): a mismatch in
/// a read file is reported with its CSV line.
#[test]
fn a_mismatch_in_a_file_names_its_line() {
    let mut rows = sample();
    rows[3].calculated_cost = d("9.99");
    let report = read_report_str(&write_report(&rows)).unwrap();
    let mismatches = reconcile_report(&report);
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0].line, Some(5));
    assert_eq!(mismatches[0].resource_id, "db-2");
}

/// seed 000, "Usage report contents": "BREAKDOWN_START_TIMESTAMP: The beginning of the period for
/// which usage was calculated." The month's total is projected from the time elapsed so far:
/// cost so far × days in the month / elapsed days, to the cent.
#[test]
fn the_month_is_projected_from_the_days_so_far() {
    let feb = Month::new(2025, 2).unwrap();
    let rows: Vec<UsageRecord> = (1..=10)
        .map(|day| {
            row(
                "org-a/serverless/db-1",
                &format!("2025-02-{day:02}"),
                "10",
                "1",
                "10.00",
            )
        })
        .collect();
    // As of the end of February 10th: 100 so far over 10 of 28 days.
    let p = project_month(&rows, feb, t("2025-02-11T00:00:00Z")).unwrap();
    assert_eq!(p.cost_so_far["USD"], d("100.00"));
    assert_eq!(p.projected_cost["USD"], d("280.00"));
    assert_eq!(p.elapsed_days, d("10"));
    assert_eq!(p.days_in_month, 28);
    assert_eq!(p.days_with_data, 10);
    assert!(!p.complete);

    // Half a day later: 100 over 10.5 days × 28 = 266.666… → 266.67.
    let p = project_month(&rows, feb, t("2025-02-11T12:00:00Z")).unwrap();
    assert_eq!(p.projected_cost["USD"], d("266.67"));
    assert_eq!(p.elapsed_days, d("10.5"));

    // Rows after as_of are not "so far".
    let p = project_month(&rows, feb, t("2025-02-06T00:00:00Z")).unwrap();
    assert_eq!(p.cost_so_far["USD"], d("50.00"));
    assert_eq!(p.projected_cost["USD"], d("280.00"));

    // A finished month projects to its own total; nothing elapsed, no projection.
    let p = project_month(&rows, feb, t("2025-03-15T00:00:00Z")).unwrap();
    assert!(p.complete);
    assert_eq!(p.projected_cost["USD"], d("100.00"));
    assert!(project_month(&rows, feb, t("2025-02-01T00:00:00Z")).is_none());
    assert!(project_month(&rows, feb, t("2025-01-20T00:00:00Z")).is_none());

    // The command's projection: the month of the latest row, as of its end.
    let p = project_latest_month(&rows).unwrap();
    assert_eq!(p.month, feb);
    assert_eq!(p.as_of, t("2025-02-11T00:00:00Z"));
    assert_eq!(p.projected_cost["USD"], d("280.00"));
    assert!(project_latest_month(&[]).is_none());
}

/// seed 000, "Usage report contents": a row that ends exactly at the month's end (the last hour
/// of January) belongs to January, and makes January complete.
#[test]
fn the_latest_row_of_a_month_closes_it() {
    let mut last = row("org-a/serverless/db-1", "2025-01-31", "1", "1", "1.00");
    last.breakdown_end_timestamp = t("2025-02-01T00:00:00Z");
    let p = project_latest_month(&[last]).unwrap();
    assert_eq!(p.month, Month::new(2025, 1).unwrap());
    assert!(p.complete);
    assert_eq!(p.days_in_month, 31);
}

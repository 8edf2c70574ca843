//! A month of several databases on one plan (the `databases` workload an organization's usage
//! describes): each database priced as its own Serverless workload, the plan applied once to the
//! sum (seed 001, "Pricing and billing"; "Multiple regions": writes "replicated in all regions").

use portal_core::pricing::{estimate, PriceBook, Workload};
use rust_decimal::Decimal;
use serde_json::json;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn priced(workload: serde_json::Value) -> Result<portal_core::pricing::Bill, String> {
    let w = Workload::from_json(&workload.to_string()).map_err(|e| e.to_string())?;
    estimate(&w, &PriceBook::default_book()).map_err(|e| e.to_string())
}

#[test]
fn each_database_is_priced_on_its_own_and_the_plan_once() {
    let bill = priced(json!({
        "kind": "databases",
        "plan": { "type": "free" },
        "databases": [
            { "id": "a", "name": "orders",
              "regions": [{ "provider": "aws", "region": "us-east-1", "reads": [{ "count": 10000000, "returned_kb": "4" }] }],
              "writes": [{ "count": 1000000, "row_kb": "1" }] },
            { "id": "b", "name": "events",
              "regions": [{ "provider": "aws", "region": "eu-west-1", "storage_gb": "100" }],
              "writes": [{ "count": 2000000, "row_kb": "1" }] }
        ]
    }))
    .unwrap();
    // orders: 10 x 0.62 + 1 x 1.04 = 7.24; events: 2 x 1.14 + 100 x 0.30 = 32.28. The writes of
    // each stay in its own region.
    let subtotals: Vec<_> = bill
        .by_database
        .iter()
        .map(|s| (s.name.as_str(), s.cost))
        .collect();
    assert_eq!(subtotals, [("orders", d("7.24")), ("events", d("32.28"))]);
    assert_eq!(bill.usage, d("39.52"));
    assert!(bill.lines.iter().all(|l| !l.database.is_empty()));
    // The Free plan's $25 credit is taken once, from the sum.
    assert_eq!(bill.adjustments.len(), 1);
    assert_eq!(bill.adjustments[0].amount, d("-25"));
    assert_eq!(bill.total, d("14.52"));
}

#[test]
fn two_databases_of_one_name_are_told_apart_and_a_bad_field_is_named_by_its_path() {
    let one = |id: &str| json!({ "id": id, "name": "orders", "regions": [{ "provider": "aws", "region": "us-east-1", "storage_gb": "1" }] });
    let bill = priced(json!({ "kind": "databases", "plan": { "type": "pay_as_you_go" }, "databases": [one("a"), one("b")] })).unwrap();
    let names: Vec<_> = bill.by_database.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["orders (a)", "orders (b)"]);

    let mut bad = one("b");
    bad["regions"][0]["storage_gb"] = json!("-1");
    let err = priced(json!({ "kind": "databases", "plan": { "type": "pay_as_you_go" }, "databases": [one("a"), bad] })).unwrap_err();
    assert!(err.contains("databases[1].regions[0].storage_gb"), "{err}");
}

//! Classic estimates against seed 001, "Classic pricing" (default price book: C10 at 0.60 per
//! capacity-unit hour, an illustrative rate).

use portal_core::pricing::{estimate, Bill, PriceBook, Workload};
use rust_decimal::Decimal;
use serde_json::json;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn classic(date: &str, regions: serde_json::Value, hours: &str) -> Result<Bill, String> {
    let w = json!({
        "kind": "classic", "classic_plan": "C10", "capacity_units": 2,
        "regions": regions, "hours": hours, "date": date
    });
    let w = Workload::from_json(&w.to_string()).map_err(|e| e.to_string())?;
    estimate(&w, &PriceBook::default_book()).map_err(|e| e.to_string())
}

/// seed 001: "Classic Astra DB databases use a single capacity unit (CU) by default, which
/// represents three database instances [...] presented [...] in hourly terms, but billed in
/// one-minute granularity."
#[test]
fn capacity_units_are_billed_per_started_minute() {
    let b = classic(
        "2023-01-10",
        json!([{ "provider": "aws", "region": "us-east-1" }]),
        "1.01",
    )
    .unwrap();
    let l = &b.lines[0];
    assert_eq!(l.item, "Capacity units");
    // 1.01 h = 60.6 min, billed as 61 minutes.
    assert_eq!(l.quantity, d("2") * d("61") / d("60"));
    assert_eq!(l.cost, d("1.22"));
    assert!(l.formula.contains("2 CU (6 instances)"), "{}", l.formula);
    assert!(l.formula.contains("61 minutes"));
    assert_eq!(b.plan, "Classic C10");
}

/// seed 001, "Multiple regions" (Classic, until June 30, 2022): "15% premium for US and EMEA",
/// "30% premium for APAC", "This premium pricing includes 1.25 TB of data egress", excess at
/// "$0.03/GB for AWS US and EMEA regions" and "$0.11/GB for all other clouds/regions combinations".
#[test]
fn before_july_2022_additional_regions_carry_premiums_and_included_egress() {
    let b = classic(
        "2022-06-30",
        json!([
            { "provider": "aws", "region": "us-east-1", "egress_gb": "500" },
            { "provider": "aws", "region": "eu-west-1", "egress_gb": "2000" },
            { "provider": "aws", "region": "ap-south-1", "egress_gb": "1300" }
        ]),
        "10",
    )
    .unwrap();
    let cu = |region: &str| {
        b.lines
            .iter()
            .find(|l| l.region == region && l.item.starts_with("Capacity"))
            .unwrap()
    };
    assert_eq!(cu("AWS us-east-1").unit_price, d("0.60"));
    assert_eq!(cu("AWS eu-west-1").unit_price, d("0.60") * d("1.15"));
    assert_eq!(cu("AWS ap-south-1").unit_price, d("0.60") * d("1.30"));
    assert!(cu("AWS ap-south-1")
        .formula
        .contains("30% premium for an additional APAC region"));
    let egress = |region: &str| {
        b.lines
            .iter()
            .find(|l| l.region == region && l.unit == "GB")
            .unwrap()
    };
    assert_eq!(egress("AWS eu-west-1").quantity, d("750"));
    assert_eq!(egress("AWS eu-west-1").unit_price, d("0.03"));
    assert_eq!(egress("AWS ap-south-1").quantity, d("50"));
    assert_eq!(egress("AWS ap-south-1").unit_price, d("0.11"));
    // The primary region's egress is ordinary data transfer.
    assert_eq!(
        egress("AWS us-east-1").item,
        "Data transfer within the cloud provider network"
    );
}

/// seed 001: "$0.03/GB for Google Cloud North America regions"; Azure is "all other".
#[test]
fn excess_egress_rates_by_cloud_and_zone() {
    let rate = |provider: &str, region: &str| {
        let b = classic(
            "2021-05-01",
            json!([{ "provider": "aws", "region": "us-east-1" },
                   { "provider": provider, "region": region, "egress_gb": "1251" }]),
            "1",
        )
        .unwrap();
        b.lines.iter().find(|l| l.unit == "GB").unwrap().unit_price
    };
    assert_eq!(rate("gcp", "us-east1"), d("0.03"));
    assert_eq!(rate("gcp", "europe-west1"), d("0.11"));
    assert_eq!(rate("azure", "eastus"), d("0.11"));
    assert_eq!(rate("aws", "us-west-2"), d("0.03"));
}

/// seed 001: "Effective July 1, 2022, Astra Classic Multi-region and Data Transfer pricing will be
/// the same as Astra Serverless pricing."
#[test]
fn from_july_2022_multi_region_and_transfer_are_priced_as_serverless() {
    let b = classic(
        "2022-07-01",
        json!([
            { "provider": "aws", "region": "us-east-1" },
            { "provider": "aws", "region": "ap-south-1", "egress_gb": "2000", "egress_internet": true }
        ]),
        "1",
    )
    .unwrap();
    let extra = b
        .lines
        .iter()
        .find(|l| l.region == "AWS ap-south-1" && l.unit == "CU-hours")
        .unwrap();
    assert_eq!(extra.unit_price, d("0.60"));
    assert!(extra.formula.contains("no premium"));
    let transfer = b.lines.iter().find(|l| l.unit == "GB").unwrap();
    assert_eq!(transfer.item, "Data transfer to the internet");
    assert_eq!(transfer.quantity, d("2000"));
    assert_eq!(transfer.unit_price, d("0.15"));
}

#[test]
fn bad_classic_workloads_say_what_is_wrong() {
    let err = |w: serde_json::Value| {
        let w = Workload::from_json(&w.to_string()).map_err(|e| e.to_string());
        w.and_then(|w| estimate(&w, &PriceBook::default_book()).map_err(|e| e.to_string()))
            .unwrap_err()
    };
    let base = json!({ "kind": "classic", "classic_plan": "C10", "capacity_units": 1,
                       "regions": [{ "provider": "aws", "region": "us-east-1" }],
                       "hours": "1", "date": "2023-01-01" });
    let with = |k: &str, v: serde_json::Value| {
        let mut w = base.clone();
        w[k] = v;
        w
    };
    assert!(err(with("classic_plan", json!("C99")))
        .contains("no Classic plan 'C99'; it has: C10, C20, C40"));
    assert!(err(with("capacity_units", json!(0))).contains("at least one capacity unit"));
    assert!(err(with("hours", json!("-1"))).contains("out of range"));
    assert!(err(with("date", json!("2023-13-01"))).contains("date"));
    assert!(err(with("kind", json!("dedicated")))
        .contains("use \"serverless\", \"classic\" or \"databases\""));
}

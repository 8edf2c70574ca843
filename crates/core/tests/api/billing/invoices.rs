//! The Estimated Bill and the invoices (seed 001, "Pricing and billing": "Any usage amount appears
//! in the Estimated Bill, which is auto-drafted monthly based on [...] UTC"; "each database
//! included in your server, allowing you to see what your total cost is per database"; seed 004,
//! Read Billing: "download invoices"): each month priced by the calculator from the usage rows, on
//! the plan the month closed on.

use super::{add_card, personal};
use crate::common::{named, storage_hour};
use crate::support::{assert_mentions, codes::*, error_id, World};
use portal_core::api::{Actor, Body, Method};
use portal_core::model::entropy::uuid;
use portal_core::model::UsageRow;
use portal_core::pricing::billing::CreditGrant;
use portal_core::pricing::{estimate, PriceBook, Workload};
use portal_core::usage::UsageRecord;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use Method::Put;

const ESTIMATED_BILL: &str = "/v2/organizations/billing/estimated-bill";
const INVOICES: &str = "/v2/organizations/billing/invoices";

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// A day of `usage` `unit` of `usage_type` in database `db` of `org`, region AWS `region`, from
/// `start`. The row's own price and cost are the report's; the bill prices it by the price book.
fn row(
    org: &str,
    db: &str,
    region: &str,
    usage_type: &str,
    usage: &str,
    start: &str,
) -> UsageRecord {
    let unit = match usage_type {
        "storage" => "gib",
        _ => "million",
    };
    let base = named(org, "serverless", db, storage_hour(start));
    UsageRecord {
        region: region.into(),
        usage_type: usage_type.into(),
        usage: d(usage),
        usage_unit: unit.into(),
        unit_price: Decimal::ONE,
        calculated_cost: d(usage),
        breakdown_end_timestamp: base.breakdown_start_timestamp + chrono::Duration::days(1),
        ..base
    }
}

/// `millions` read request units of database db-1 of `org` in AWS us-east-1 (0.62 a million) on
/// the day from `start`.
fn reads(world: &mut World, org: &str, millions: &str, start: &str) {
    put(
        world,
        row(
            org,
            "db-1",
            "us-east-1",
            "read_request_units",
            millions,
            start,
        ),
    );
}

fn put(world: &mut World, record: UsageRecord) {
    let id = uuid(&mut world.entropy);
    world
        .state
        .usage
        .insert(id.clone(), UsageRow { id, record });
}

fn invoice(world: &mut World, actor: &Actor, month: &str) -> Value {
    world.get(200, actor, &format!("{INVOICES}/{month}"))
}

fn amount(value: &Value) -> Decimal {
    d(value
        .as_str()
        .unwrap_or_else(|| panic!("not an amount: {value}")))
}

/// Seed 001, "Free plans" and "Plan selection" ("receive a $25 credit"): a Free month under $25
/// owes nothing; over it, the excess is due.
#[test]
fn a_free_month_under_its_credit_owes_nothing() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    // 10 million read units at AWS us-east-1's 0.62: 6.2. 50 million: 31.
    reads(&mut world, &org, "10", "2025-05-03T00:00:00Z");
    reads(&mut world, &org, "50", "2025-04-03T00:00:00Z");

    let may = invoice(&mut world, &admin, "2025-05");
    assert_eq!(
        (may["status"].as_str(), may["plan"].as_str()),
        (Some("nothing_due"), Some("free"))
    );
    assert_eq!(amount(&may["bill"]["usage"]), d("6.2"));
    assert_eq!(
        may["bill"]["adjustments"][0]["label"],
        "Free plan monthly credit"
    );
    assert_eq!(amount(&may["bill"]["adjustments"][0]["amount"]), d("-6.2"));
    assert_eq!(amount(&may["bill"]["total"]), Decimal::ZERO);
    assert_eq!(
        may["drafted"], "2025-06-01T00:00:00Z",
        "auto-drafted on the first, UTC"
    );

    let april = invoice(&mut world, &admin, "2025-04");
    assert_eq!(april["status"], "issued");
    assert_eq!(amount(&april["bill"]["total"]), d("6.00"));

    let list = world.get(200, &admin, INVOICES);
    let months: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["month"].clone(), i["status"].clone(), i["total"].clone()))
        .collect();
    assert_eq!(
        months,
        [
            (json!("2025-05"), json!("nothing_due"), json!("0.00")),
            (json!("2025-04"), json!("issued"), json!("6.00")),
        ],
        "closed months, newest first; June is under way"
    );
}

/// Seed 001, "Annual plans": "the committed monthly minimum that is billed in arrears at the end
/// of the month"; usage is at the discounted rate. A month closed before the change is billed on
/// the plan it closed on.
#[test]
fn an_annual_month_under_its_minimum_bills_the_minimum() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    reads(&mut world, &org, "10", "2025-05-20T00:00:00Z");
    reads(&mut world, &org, "10", "2025-06-02T00:00:00Z");
    add_card(&mut world, &admin);
    let annual = json!({"plan": "annual", "committedMonthlyMinimum": "500", "discount": "0.2"});
    world.expect(200, &admin, Put, "/v2/organizations/billing/plan", annual);

    let estimated = world.get(200, &admin, ESTIMATED_BILL);
    assert_eq!(
        (estimated["month"].as_str(), estimated["status"].as_str()),
        (Some("2025-06"), Some("estimated"))
    );
    world.now = "2025-07-01T00:00:00Z".parse().unwrap();
    let june = invoice(&mut world, &admin, "2025-06");
    assert_eq!(june["plan"], "annual");
    let labels: Vec<_> = june["bill"]["adjustments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["label"].clone(), amount(&a["amount"])))
        .collect();
    // 6.2 at list prices, 20% off: 4.96; the minimum of 500 tops it up by 495.04.
    assert_eq!(
        labels,
        [
            (json!("Annual discount (20%)"), d("-1.24")),
            (json!("Committed monthly minimum"), d("495.04")),
        ]
    );
    assert_eq!(amount(&june["bill"]["total"]), d("500.00"));
    let may = invoice(&mut world, &admin, "2025-05");
    assert_eq!(
        (may["plan"].as_str(), may["status"].as_str()),
        (Some("free"), Some("nothing_due"))
    );
}

/// Seed 001, "Pay as you go plans": "Any remaining credits are displayed." Granted credits are
/// drawn on month after month, the oldest first, and what is left shows on Billing.
#[test]
fn credits_carry_from_month_to_month_until_used() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    add_card(&mut world, &admin);
    world.expect(
        200,
        &admin,
        Put,
        "/v2/organizations/billing/plan",
        json!({"plan": "pay_as_you_go"}),
    );
    world
        .state
        .billing
        .get_mut(&org)
        .unwrap()
        .credit_grants
        .push(CreditGrant {
            amount: d("10"),
            granted: world.now,
            reason: "welcome credit".into(),
        });
    reads(&mut world, &org, "10", "2025-06-02T00:00:00Z");
    reads(&mut world, &org, "10", "2025-07-02T00:00:00Z");
    let credits =
        |world: &mut World| world.get(200, &admin, "/v2/organizations/billing")["credits"].clone();
    assert_eq!(
        credits(&mut world),
        json!({"available": "10", "used": "6.2", "remaining": "3.8"})
    );

    world.now = "2025-07-10T00:00:00Z".parse().unwrap();
    let june = invoice(&mut world, &admin, "2025-06");
    assert_eq!(
        (june["status"].as_str(), amount(&june["bill"]["total"])),
        (Some("nothing_due"), Decimal::ZERO)
    );
    let july = world.get(200, &admin, ESTIMATED_BILL);
    assert_eq!(
        july["credits"],
        json!({"available": "3.8", "used": "3.8", "remaining": "0"})
    );
    assert_eq!(amount(&july["bill"]["total"]), d("2.40"));
    assert_eq!(credits(&mut world)["remaining"], "0");
    assert_eq!(
        world.get(200, &admin, "/v2/organizations/billing")["monthlyCredit"],
        Value::Null,
        "the $25 monthly credit is the Free plan's"
    );
}

/// Seed 001: "each database included in your server, allowing you to see what your total cost is
/// per database"; "Multiple regions": "Write requests are replicated in all regions and charged at
/// the respective rates for each region. Read requests are performed at the region level". The
/// month's workload, priced again as `portal price` prices a file, is the same bill.
#[test]
fn each_database_has_its_total_and_the_workload_prices_to_the_same_bill() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    add_card(&mut world, &admin);
    world.expect(
        200,
        &admin,
        Put,
        "/v2/organizations/billing/plan",
        json!({"plan": "pay_as_you_go"}),
    );
    let day = "2025-06-01T00:00:00Z";
    for record in [
        row(&org, "db-1", "us-east-1", "read_request_units", "3", day),
        row(&org, "db-1", "us-east-1", "write_request_units", "1.5", day),
        row(&org, "db-1", "us-east-1", "storage", "30", day),
        // db-2 in two regions: its writes are recorded (replicated) in both.
        row(&org, "db-2", "us-east-1", "write_request_units", "2", day),
        row(&org, "db-2", "eu-west-1", "write_request_units", "2", day),
        row(&org, "db-2", "eu-west-1", "read_request_units", "4", day),
    ] {
        put(&mut world, record);
    }
    let bill = world.get(200, &admin, ESTIMATED_BILL);
    let costs: Vec<_> = bill["databases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|db| (db["id"].clone(), amount(&db["cost"])))
        .collect();
    // db-1: 3 x 0.62 + 1.5 x 1.04 + 30 GiB for 1 day of June's 30 (1.073741824 GB/GiB) x 0.25.
    let storage = d("30") * d("1.073741824") / d("30") * d("0.25");
    // db-2: writes 2 x 1.04 (us-east-1) + 2 x 1.14 (eu-west-1); reads 4 x 0.69.
    assert_eq!(
        costs,
        [
            (json!("db-1"), d("1.86") + d("1.56") + storage),
            (json!("db-2"), d("2.08") + d("2.28") + d("2.76")),
        ]
    );
    let sum: Decimal = costs.iter().map(|(_, c)| *c).sum();
    assert_eq!(
        sum,
        amount(&bill["bill"]["usage"]),
        "the databases' totals are the bill's usage"
    );
    let db2_writes: Vec<_> = bill["bill"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["database"] == "db-2 name" && l["item"].as_str().unwrap().contains("Write"))
        .map(|l| (l["region"].clone(), amount(&l["quantity"])))
        .collect();
    assert_eq!(
        db2_writes,
        [
            (json!("AWS eu-west-1"), d("2")),
            (json!("AWS us-east-1"), d("2"))
        ]
    );

    let workload = Workload::from_json(&bill["workload"].to_string())
        .expect("the month's workload reads back");
    let again = estimate(&workload, PriceBook::shipped()).unwrap();
    assert_eq!(
        serde_json::to_value(&again).unwrap(),
        bill["bill"],
        "line for line"
    );
}

/// What the price book can't price is listed with the report's own cost, never guessed; a row at
/// the month's last second belongs to it (UTC).
#[test]
fn unpriced_usage_is_listed_and_the_month_ends_at_midnight_utc() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    reads(&mut world, &org, "1", "2025-05-31T23:59:59Z");
    reads(&mut world, &org, "2", "2025-06-01T00:00:00Z");
    put(
        &mut world,
        row(
            &org,
            "db-1",
            "mars-1",
            "read_request_units",
            "5",
            "2025-06-01T00:00:00Z",
        ),
    );
    put(
        &mut world,
        UsageRecord {
            usage_type: "cluster_hours".into(),
            usage_unit: "hour".into(),
            ..named(
                &org,
                "managed_cluster",
                "cl-1",
                storage_hour("2025-06-01T00:00:00Z"),
            )
        },
    );
    let may = invoice(&mut world, &admin, "2025-05");
    assert_eq!(amount(&may["bill"]["usage"]), d("0.62"));
    let june = world.get(200, &admin, ESTIMATED_BILL);
    assert_eq!(amount(&june["bill"]["usage"]), d("1.24"));
    let unpriced: Vec<_> = june["unpriced"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["resourceName"].clone(),
                u["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(unpriced.len(), 2, "{unpriced:?}");
    assert!(unpriced
        .iter()
        .any(|(name, why)| name == "cl-1 name" && why.contains("managed_cluster")));
    assert!(unpriced
        .iter()
        .any(|(name, why)| name == "db-1 name" && why.contains("no AWS mars-1 region")));
}

/// The invoice's CSV keeps the exact amounts; the month under way, a month that is not one, and a
/// reader without Read Billing are refused, each saying why.
#[test]
fn invoices_download_exactly_and_refuse_what_they_cannot_show() {
    let mut world = World::new();
    let (admin, org) = personal(&world);
    reads(&mut world, &org, "0.123457", "2025-05-03T00:00:00Z");
    let response = world.call(
        &admin,
        Method::Get,
        &format!("{INVOICES}/2025-05/csv"),
        Value::Null,
    );
    let Body::Csv { filename, text } = &response.body else {
        panic!("not CSV: {:?}", response.body)
    };
    assert_eq!(filename, "invoice-2025-05.csv");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert!(text.starts_with(
        "MONTH,DATABASE,REGION,ITEM,QUANTITY,UNIT,UNIT_PRICE,AMOUNT,CURRENCY,FORMULA"
    ));
    assert_eq!(rows[0][7], "0.07654334", "0.123457 million x 0.62, exact");
    assert_eq!(rows.last().unwrap()[3], "Total due");
    assert_eq!(rows.last().unwrap()[7], "0.00");

    let current = world.get(404, &admin, &format!("{INVOICES}/2025-06"));
    assert_mentions(&current, "has not closed");
    let bad = world.get(400, &admin, &format!("{INVOICES}/2025-13"));
    assert_eq!(error_id(&bad), INVALID_FIELD);
    assert_mentions(&bad, "YYYY-MM");

    let reader = world.member_with("reader@acme.test", &["org-read", "org-db-view"]);
    for target in [
        ESTIMATED_BILL,
        INVOICES,
        "/v2/organizations/billing/invoices/2025-05",
        "/v2/organizations/billing/invoices/2025-05/csv",
    ] {
        let refused = world.get(403, &reader, target);
        assert_mentions(&refused, "org-billing-read");
    }
}

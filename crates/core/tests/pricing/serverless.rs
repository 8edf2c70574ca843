//! Serverless estimates against seed 001, "Serverless pricing", on the default price book
//! (AWS us-east-1: reads 0.62, writes 1.04 per million, storage 0.25 per GB-month; AWS eu-west-1:
//! reads 0.69, writes 1.14, storage 0.30).

use portal_core::pricing::{estimate, Bill, PriceBook, Workload};
use rust_decimal::Decimal;
use serde_json::json;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn bill(workload: serde_json::Value) -> Bill {
    try_bill(workload).unwrap()
}

fn try_bill(workload: serde_json::Value) -> Result<Bill, String> {
    let w = Workload::from_json(&workload.to_string()).map_err(|e| e.to_string())?;
    estimate(&w, &PriceBook::default_book()).map_err(|e| e.to_string())
}

fn one_region(extra: serde_json::Value) -> serde_json::Value {
    let mut w = json!({
        "kind": "serverless",
        "plan": { "type": "pay_as_you_go" },
        "regions": [{ "provider": "aws", "region": "us-east-1" }]
    });
    for (k, v) in extra.as_object().unwrap() {
        w[k] = v.clone();
    }
    w
}

fn line<'b>(bill: &'b Bill, item: &str, region: &str) -> &'b portal_core::pricing::Line {
    bill.lines
        .iter()
        .find(|l| l.item == item && l.region == region)
        .unwrap_or_else(|| panic!("no line {item} in {region}: {:#?}", bill.lines))
}

const US: &str = "AWS us-east-1";
const EU: &str = "AWS eu-west-1";

/// seed 001: "A write request with up to 1KB of data is considered one Write Request Unit (WRU).
/// If the request has more than 1KB of data, additional writes are required."
#[test]
fn writes_cost_one_wru_per_started_kb() {
    let b = bill(one_region(
        json!({ "writes": [{ "count": 1_000_000, "row_kb": "1.2" }] }),
    ));
    let l = line(&b, "Writes", US);
    assert_eq!(l.quantity, d("2"));
    assert_eq!(l.unit, "million WRU");
    assert_eq!(l.cost, d("2.08"));
    assert_eq!(
        l.formula,
        "2,000,000 WRU = 1,000,000 writes x 2 WRU (⌈1.2 KB / 1 KB⌉)"
    );
}

/// seed 001: "a single-partition unlogged batch write operation with 10 rows, each row containing
/// 1.2KB of data has 12 WRUs"; "A 2-partition logged batch with 2 rows [...] has 5 WRUs".
#[test]
fn the_seed_batch_examples_priced() {
    let b = bill(one_region(json!({ "batches": [
        { "count": 1_000_000, "logged": false, "partitions": 1, "rows": 10, "row_kb": "1.2" },
        { "count": 1_000_000, "logged": true, "partitions": 2, "rows": 2, "row_kb": "1.2" }
    ]})));
    let unlogged = line(&b, "Unlogged batches", US);
    assert_eq!(unlogged.quantity, d("12"));
    assert!(
        unlogged
            .formula
            .contains("x 12 WRU (⌈10 rows x 1.2 KB / 1 KB⌉)"),
        "{}",
        unlogged.formula
    );
    let logged = line(&b, "Logged batches", US);
    assert_eq!(logged.quantity, d("5"));
    assert!(logged
        .formula
        .contains("+ 2 for a logged batch's partitions"));
}

/// seed 001: "the SAI index for a column with a value of 2KB in size results in 2 WRUs".
#[test]
fn an_sai_index_costs_by_the_indexed_column_size() {
    let b = bill(one_region(
        json!({ "indexed_columns": [{ "count": 1_000_000, "column_kb": "2" }] }),
    ));
    assert_eq!(line(&b, "SAI index writes", US).quantity, d("2"));
}

/// seed 001: "One delete operation is considered one write request regardless of the size", and
/// "There is no charge for the TTL delete operation, DROP statements or TRUNCATE statements."
#[test]
fn deletes_cost_one_wru_and_ttl_drop_truncate_are_free() {
    let b = bill(one_region(json!({
        "deletes": 1_000_000, "ttl_deletes": 5_000_000, "drops": 3, "truncates": 4
    })));
    assert_eq!(line(&b, "Deletes", US).cost, d("1.04"));
    let free = line(&b, "TTL deletes, DROP and TRUNCATE", US);
    assert_eq!(free.cost, Decimal::ZERO);
    assert!(free.formula.contains("no charge"));
}

/// seed 001: "For LWT, there are both WRU and additional RRU costs. The number of RRUs is always
/// one regardless of the size." And "there are no additional charges for UDTs": a UDT column is
/// just its size.
#[test]
fn a_lightweight_transaction_costs_its_wrus_and_one_rru() {
    let b = bill(one_region(json!({
        "lightweight_transactions": [{ "count": 1_000_000, "row_kb": "3.5" }]
    })));
    assert_eq!(
        line(&b, "Lightweight transactions (write)", US).quantity,
        d("4")
    );
    let read = line(&b, "Lightweight transactions (read)", US);
    assert_eq!(read.quantity, d("1"));
    assert_eq!(read.cost, d("0.62"));
}

/// seed 001: one RRU per started 4 KB returned; ALLOW FILTERING measured before filtering.
#[test]
fn reads_are_metered_per_started_4_kb_before_filtering() {
    let mut w = one_region(json!({}));
    w["regions"][0]["reads"] = json!([
        { "count": 1_000_000, "returned_kb": "6" },
        { "count": 1_000_000, "returned_kb": "1", "scanned_kb": "16" }
    ]);
    let b = bill(w);
    let reads: Vec<_> = b.lines.iter().filter(|l| l.item == "Reads").collect();
    assert_eq!(reads[0].quantity, d("2"));
    assert_eq!(reads[1].quantity, d("4"));
    assert!(reads[1]
        .formula
        .contains("16 KB scanned before ALLOW FILTERING"));
}

/// seed 001, "REST and Document API": "one row per leaf data [...] written as a Cassandra
/// batch", and "For each non-null value column, there is also an index."
#[test]
fn document_api_writes_are_a_batch_of_leaf_rows_plus_an_index_per_value() {
    let b = bill(one_region(json!({ "documents": [
        { "count": 1_000_000, "document": { "a": "something", "b": 1, "c": true, "d": 2 } },
        { "count": 1_000_000, "leaves": 2, "non_null_values": 2, "kb": "0.1" }
    ]})));
    let docs: Vec<_> = b
        .lines
        .iter()
        .filter(|l| l.item == "Document API writes")
        .collect();
    assert_eq!(
        docs[0].quantity,
        d("5"),
        "1 WRU for the batch + 4 index WRUs"
    );
    assert!(docs[0].formula.contains("4 leaf rows, 4 non-null values"));
    assert_eq!(docs[1].quantity, d("3"));
    let bad = try_bill(one_region(
        json!({ "documents": [{ "count": 1, "leaves": 2 }] }),
    ));
    assert!(bad.unwrap_err().contains("give either \"document\""));
}

/// seed 001, "Multiple regions": "Write requests are replicated in all regions and charged at the
/// respective rates for each region. Read requests are performed at the region level [...] Data
/// Storage is calculated based on actual disk consumption per region at the region-specific rate."
#[test]
fn multi_region_writes_everywhere_reads_and_storage_where_they_are() {
    let b = bill(json!({
        "kind": "serverless",
        "plan": { "type": "pay_as_you_go" },
        "regions": [
            { "provider": "aws", "region": "us-east-1", "storage_gb": "100",
              "reads": [{ "count": 1_000_000, "returned_kb": "1" }] },
            { "provider": "aws", "region": "eu-west-1", "storage_gb": "100" }
        ],
        "writes": [{ "count": 1_000_000, "row_kb": "1" }]
    }));
    assert_eq!(line(&b, "Writes", US).cost, d("1.04"));
    assert_eq!(line(&b, "Writes", EU).cost, d("1.14"));
    assert!(line(&b, "Writes", EU)
        .formula
        .contains("replicated to every region"));
    assert_eq!(line(&b, "Reads", US).cost, d("0.62"));
    assert!(!b.lines.iter().any(|l| l.item == "Reads" && l.region == EU));
    assert_eq!(line(&b, "Storage", US).cost, d("25"));
    assert_eq!(line(&b, "Storage", EU).cost, d("30"));
    let eu: Decimal = d("1.14") + d("30");
    assert_eq!(b.by_region.iter().find(|s| s.name == EU).unwrap().cost, eu);
    assert_eq!(b.by_product[0].name, "serverless");
    assert_eq!(b.usage, d("1.04") + d("0.62") + d("25") + eu);
}

/// seed 001: "Multiple regions is available on only pay as you go and annual plans."
#[test]
fn the_free_plan_has_one_region() {
    let err = try_bill(json!({
        "kind": "serverless", "plan": { "type": "free" },
        "regions": [{ "provider": "aws", "region": "us-east-1" }, { "provider": "aws", "region": "eu-west-1" }]
    }))
    .unwrap_err();
    assert!(err.contains("only pay as you go and annual plans"), "{err}");
}

/// seed 001, "Private endpoints": "$0.01/hour" per endpoint per region, plus "$0.01/GB", and
/// "Egress charges for private endpoints is in addition to your regular data egress charges."
#[test]
fn private_endpoints_per_endpoint_hour_and_gb_on_top_of_egress() {
    let mut w = one_region(json!({}));
    w["regions"][0]["private_endpoints"] = json!({ "endpoints": 2, "hours": "730", "gb": "100" });
    w["regions"][0]["transfer_internet_gb"] = json!("100");
    let b = bill(w);
    assert_eq!(line(&b, "Private endpoints", US).cost, d("14.60"));
    assert_eq!(line(&b, "Private endpoint data", US).cost, d("1.00"));
    assert_eq!(line(&b, "Data transfer to the internet", US).cost, d("11"));
}

/// seed 001, "Free plans": "the $25 credit that is renewed every month".
#[test]
fn the_free_plan_uses_its_25_dollar_credit() {
    let mut w = one_region(json!({}));
    w["plan"] = json!({ "type": "free" });
    w["regions"][0]["storage_gb"] = json!("120");
    let b = bill(w);
    assert_eq!(b.usage, d("30"));
    assert_eq!(b.adjustments[0].amount, d("-25"));
    assert_eq!(b.total, d("5"));
    assert!(b.notes[0].contains("without a payment method"));
}

/// seed 001, "Pay as you go plans": "Any remaining credits are displayed. Any usage amount
/// appears in the Estimated Bill".
#[test]
fn pay_as_you_go_uses_credits_then_bills() {
    let mut w = one_region(json!({}));
    w["plan"] = json!({ "type": "pay_as_you_go", "credits": "10" });
    w["regions"][0]["storage_gb"] = json!("100");
    let b = bill(w);
    assert_eq!(b.adjustments[0].amount, d("-10"));
    assert_eq!(b.total, d("15"));
}

/// seed 001, "Annual plans": "the committed monthly minimum that is billed in arrears [...] If you
/// exceed your credit and committed monthly minimum, the overages will be charged at your
/// discounted rate."
#[test]
fn annual_bills_the_minimum_or_the_discounted_overage() {
    let annual = |minimum: &str| {
        let mut w = one_region(json!({}));
        w["plan"] = json!({ "type": "annual", "committed_monthly_minimum": minimum,
                            "discount": "0.2", "credits": "100" });
        w["regions"][0]["storage_gb"] = json!("4000"); // $1,000 at list price
        bill(w)
    };
    let over = annual("500");
    assert_eq!(over.usage, d("1000"));
    assert_eq!(over.adjustments[0].amount, d("-200"));
    assert_eq!(over.adjustments[1].amount, d("-100"));
    assert_eq!(over.total, d("700"));
    assert!(over.notes[0].contains("overage above the committed minimum 500: 200"));
    let under = annual("1000");
    assert_eq!(under.adjustments[2].label, "Committed monthly minimum");
    assert_eq!(under.total, d("1000"));

    let mut no_discount = one_region(json!({}));
    no_discount["plan"] = json!({ "type": "annual", "committed_monthly_minimum": "10" });
    assert!(try_bill(no_discount)
        .unwrap_err()
        .contains("needs its discount"));
}

/// A rate card's Annual discount applies when the workload gives none.
#[test]
fn a_rate_card_carries_the_annual_discount() {
    let mut book = serde_json::to_value(PriceBook::default_book()).unwrap();
    book["annual_discount"] = json!({ "price": "0.1", "source": "our contract" });
    let book = PriceBook::from_json(&book.to_string()).unwrap();
    let mut w = one_region(json!({}));
    w["plan"] = json!({ "type": "annual", "committed_monthly_minimum": "0" });
    w["regions"][0]["storage_gb"] = json!("400");
    let w = Workload::from_json(&w.to_string()).unwrap();
    let b = estimate(&w, &book).unwrap();
    assert_eq!(b.total, d("90"));
}

/// The rounding rule is stated once and applied once, to the total.
#[test]
fn lines_are_exact_and_the_total_is_rounded_once() {
    let b = bill(one_region(
        json!({ "writes": [{ "count": 1, "row_kb": "1" }] }),
    ));
    assert_eq!(line(&b, "Writes", US).cost, d("0.00000104"));
    assert_eq!(b.total, d("0"));
    assert!(b.rounding.contains("only the total due is rounded, once"));
}

#[test]
fn bad_workloads_say_what_is_wrong() {
    let cases = [
        (
            json!({ "kind": "serverless", "plan": { "type": "pay_as_you_go" }, "regions": [] }),
            "at least one region",
        ),
        (
            one_region(json!({ "writes": [{ "count": 1, "row_kb": "-1" }] })),
            "writes[0].row_kb: -1 is negative",
        ),
        (
            json!({ "kind": "serverless", "plan": { "type": "pay_as_you_go" },
                 "regions": [{ "provider": "aws", "region": "mars-1" }] }),
            "no AWS region 'mars-1'; it has: us-east-1",
        ),
        (
            json!({ "kind": "serverless", "plan": { "type": "gold" }, "regions": [] }),
            "plan.type: unknown variant `gold`",
        ),
        (
            one_region(json!({ "writes": [{ "count": "many", "row_kb": "1" }] })),
            "writes[0].count: invalid type",
        ),
        (
            one_region(json!({ "wrties": [] })),
            "unknown field `wrties`",
        ),
    ];
    for (workload, message) in cases {
        let err = try_bill(workload.clone()).unwrap_err();
        assert!(err.contains(message), "{workload}: {err}");
    }
}

/// No input makes the calculator panic: at every bound the bill is computed, past it the input
/// is refused.
#[test]
fn the_largest_inputs_price_without_overflow_and_larger_ones_are_refused() {
    let big = "1000000";
    let region = json!({ "provider": "aws", "region": "us-east-1", "storage_gb": "1000000000",
        "transfer_internet_gb": "1000000000",
        "reads": [{ "count": 1_000_000_000_000u64, "returned_kb": big, "scanned_kb": big }],
        "private_endpoints": { "endpoints": 1_000_000, "hours": "1000000000", "gb": "1000000000" } });
    let max = 1_000_000_000_000u64;
    let w = json!({
        "kind": "serverless",
        "plan": { "type": "annual", "committed_monthly_minimum": "1000000000", "discount": "0.5",
                  "credits": "1000000000" },
        "regions": vec![region; 50],
        "writes": [{ "count": max, "row_kb": big }],
        "batches": [{ "count": max, "logged": true, "partitions": 1_000_000, "rows": 1_000_000, "row_kb": big }],
        "indexed_columns": [{ "count": max, "column_kb": big }],
        "deletes": max,
        "lightweight_transactions": [{ "count": max, "row_kb": big }],
        "documents": [{ "count": max, "leaves": 1_000_000, "non_null_values": 1_000_000, "kb": big }]
    });
    let b = bill(w.clone());
    assert!(b.total > Decimal::ZERO);

    let mut over = w.clone();
    over["writes"][0]["count"] = json!(max + 1);
    assert!(try_bill(over)
        .unwrap_err()
        .contains("more than the calculator takes"));
    let mut over = w;
    over["writes"][0]["row_kb"] = json!("1000001");
    assert!(try_bill(over).unwrap_err().contains("writes[0].row_kb"));
}

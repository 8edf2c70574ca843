//! The price book: the default one and the rules a loaded rate card must follow.

use portal_core::pricing::PriceBook;
use rust_decimal::Decimal;
use serde_json::{json, Value};

fn default_json() -> Value {
    serde_json::to_value(PriceBook::default_book()).unwrap()
}

/// Every default rate says where it comes from; the seeds' own prices are exact.
#[test]
fn the_default_book_cites_a_source_for_every_rate() {
    let book = PriceBook::default_book();
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    // seed 001, "Plan selection": "receive a $25 credit"; "Private endpoints": "$0.01/hour",
    // "$0.01/GB"; Classic "Multiple regions": 15%, 30%, 1.25 TB, $0.03, $0.11, until 2022-06-30.
    assert_eq!(book.free_monthly_credit.price.0, d("25"));
    assert_eq!(book.private_endpoint_per_hour.price.0, d("0.01"));
    assert_eq!(book.private_endpoint_per_gb.price.0, d("0.01"));
    assert_eq!(book.classic.premium_us_emea.0, d("0.15"));
    assert_eq!(book.classic.premium_apac.0, d("0.30"));
    assert_eq!(book.classic.included_egress_gb.0, d("1250"));
    assert_eq!(book.classic.excess_egress_low_per_gb.0, d("0.03"));
    assert_eq!(book.classic.excess_egress_high_per_gb.0, d("0.11"));
    assert_eq!(book.classic.multi_region_until.to_string(), "2022-06-30");
    for source in [
        &book.free_monthly_credit.source,
        &book.private_endpoint_per_hour.source,
    ] {
        assert!(source.starts_with("seed 001"), "{source}");
    }
    for r in &book.regions {
        for rate in [
            &r.read_per_million,
            &r.write_per_million,
            &r.storage_per_gb_month,
            &r.transfer_within_cloud_per_gb,
            &r.transfer_internet_per_gb,
        ] {
            assert!(!rate.source.is_empty(), "{} {}", r.provider, r.region);
        }
    }
    for plan in &book.classic.plans {
        assert!(plan
            .capacity_unit_per_hour
            .source
            .contains("no public figure"));
    }
    let providers: Vec<_> = book.regions.iter().map(|r| r.provider).collect();
    for p in ["aws", "gcp", "azure"] {
        assert!(
            providers
                .iter()
                .any(|x| serde_json::to_value(x).unwrap() == p),
            "{p}"
        );
    }
}

#[test]
fn a_book_round_trips_through_json() {
    let text = serde_json::to_string_pretty(&PriceBook::default_book()).unwrap();
    assert_eq!(
        PriceBook::from_json(&text).unwrap(),
        PriceBook::default_book()
    );
}

/// "A bad price book is refused with the line and field that is wrong."
#[test]
fn a_bad_book_names_the_field_and_the_line() {
    let mut book = default_json();
    book["regions"][2]["write_per_million"]["price"] = json!("-1.14");
    let text = serde_json::to_string_pretty(&book).unwrap();
    let e = PriceBook::from_json(&text).unwrap_err();
    assert_eq!(e.field, "regions[2].write_per_million.price");
    assert!(e.message.contains("-1.14 is negative"), "{e}");
    let line = text.lines().position(|l| l.contains("\"-1.14\"")).unwrap() + 1;
    assert_eq!(e.line, line);
    assert!(
        e.to_string().starts_with(&format!("line {line}, column ")),
        "{e}"
    );

    let mut book = default_json();
    book["regions"][1]["read_per_million"]["price"] = json!("1000001");
    let e = PriceBook::from_json(&book.to_string()).unwrap_err();
    assert_eq!(e.field, "regions[1].read_per_million.price");
    assert!(e.message.contains("more than the calculator takes"), "{e}");

    let mut book = default_json();
    book["regions"][0]["classification"] = json!("premuim");
    let e = PriceBook::from_json(&book.to_string()).unwrap_err();
    assert_eq!(e.field, "regions[0].classification");
    assert!(e.message.contains("unknown variant `premuim`"), "{e}");

    let mut book = default_json();
    book["regions"][1]["storage_per_gb_month"]["price"] = json!("cheap");
    let e = PriceBook::from_json(&book.to_string()).unwrap_err();
    assert_eq!(e.field, "regions[1].storage_per_gb_month.price");

    let mut book = default_json();
    book["regions"][0].as_object_mut().unwrap().remove("zone");
    let e = PriceBook::from_json(&book.to_string()).unwrap_err();
    assert!(e.message.contains("missing field `zone`"), "{e}");
}

#[test]
fn a_book_must_be_consistent() {
    let mut book = default_json();
    let first = book["regions"][0].clone();
    book["regions"].as_array_mut().unwrap().push(first);
    let e = PriceBook::from_json(&book.to_string()).unwrap_err();
    assert!(e.field.starts_with("regions["), "{e}");
    assert!(
        e.message
            .contains("AWS us-east-1 is listed twice (first at regions[0])"),
        "{e}"
    );

    let mut book = default_json();
    book["classic"]["premium_apac"] = json!("30");
    let e = PriceBook::from_json(&book.to_string()).unwrap_err();
    assert_eq!(e.field, "classic.premium_apac");
    assert!(e.message.contains("0.15 means 15%"));

    let mut book = default_json();
    book["regions"] = json!([]);
    assert!(PriceBook::from_json(&book.to_string())
        .unwrap_err()
        .message
        .contains("no regions"));

    let e = PriceBook::from_json("{} trailing").unwrap_err();
    assert!(e.line > 0);
}

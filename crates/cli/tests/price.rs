//! `portal price` on the example workloads and on bad input.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::temp;

/// Runs the `portal` binary with `args` at the workspace root, where the example workloads are.
fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .output()
        .expect("the portal binary runs")
}

#[test]
fn prices_the_example_serverless_workload() {
    let out = portal(&["price", "examples/serverless-workload.json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Pay As You Go plan, in USD"), "{text}");
    assert!(
        text.contains("250,000 WRU = 50,000 batches x 5 WRU"),
        "{text}"
    );
    assert!(text.contains("total due: "), "{text}");
}

#[test]
fn prints_the_bill_as_json() {
    let out = portal(&["price", "examples/classic-workload.json", "--json"]);
    assert!(out.status.success());
    let bill: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(bill["plan"], "Classic C10");
    let decimal = |v: &serde_json::Value| {
        v.as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap()
    };
    assert_eq!(
        decimal(&bill["lines"][2]["unit_price"]),
        "0.78".parse().unwrap()
    );
    assert_eq!(decimal(&bill["total"]), "2051.3".parse().unwrap());
}

#[test]
fn prices_with_a_loaded_rate_card() {
    let book = temp(
        "rate-card.json",
        &serde_json::to_string(&portal_core::pricing::PriceBook::default_book())
            .unwrap()
            .replace("\"price\":\"0.25\"", "\"price\":\"0.50\""),
    );
    let workload = temp(
        "storage.json",
        r#"{"kind":"serverless","plan":{"type":"pay_as_you_go"},
            "regions":[{"provider":"aws","region":"us-east-1","storage_gb":"10"}]}"#,
    );
    let out = portal(&[
        "price",
        workload.to_str().unwrap(),
        "--price-book",
        book.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("total due: 5.00 USD"));
}

#[test]
fn bad_files_are_refused_with_exit_2() {
    let bad_book = temp("bad-book.json", "{\n  \"name\": 3\n}");
    let workload = "examples/serverless-workload.json";
    let cases: [(&[&str], &str); 3] = [
        (&["price", "no-such-file.json"], "no-such-file.json"),
        (
            &[
                "price",
                workload,
                "--price-book",
                bad_book.to_str().unwrap(),
            ],
            "line 2, column 11: name: invalid type",
        ),
        (&["price", "Cargo.toml"], "Cargo.toml: line 1"),
    ];
    for (args, message) in cases {
        let out = portal(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

//! One estimate of the example workloads. Run with `cargo bench -p portal-core --bench pricing`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use portal_core::pricing::{estimate, PriceBook, Workload};

fn example(name: &str) -> Workload {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    Workload::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn one_estimate(c: &mut Criterion) {
    let book = PriceBook::default_book();
    let serverless = example("serverless-workload.json");
    let classic = example("classic-workload.json");
    c.bench_function(
        "estimate: the example Serverless workload (2 regions, 26 lines)",
        |b| b.iter(|| estimate(black_box(&serverless), black_box(&book)).unwrap()),
    );
    c.bench_function("estimate: the example Classic workload", |b| {
        b.iter(|| estimate(black_box(&classic), black_box(&book)).unwrap())
    });
    c.bench_function("load the default price book", |b| {
        b.iter(PriceBook::default_book)
    });
}

criterion_group!(benches, one_estimate);
criterion_main!(benches);

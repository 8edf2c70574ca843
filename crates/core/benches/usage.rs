//! Reading and aggregating a usage report of 1,000,000 rows (seed 000, "Usage report contents").
//!
//! `cargo bench -p portal-core --bench usage`. The report is generated in memory, the same every
//! run (a linear congruential generator, no dependencies): 20 organizations, 2,000 resources,
//! 4 products, 12 regions, 6 usage types, hourly rows over February 2025.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use portal_core::usage::{aggregate, read_report, COLUMNS};

const ROWS: usize = 1_000_000;

/// Knuth's MMIX LCG; the high bits are the random ones.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn generate() -> Vec<u8> {
    const PRODUCTS: [&str; 4] = ["serverless", "managed_cluster", "pcu", "streaming"];
    const REGIONS: [(&str, &str, &str, &str); 12] = [
        ("us-east-1", "AWS", "standard", "na"),
        ("us-west-2", "AWS", "standard", "na"),
        ("eu-west-1", "AWS", "standard", "emea"),
        ("ap-south-1", "AWS", "premium", "apac"),
        ("sa-east-1", "AWS", "premium+", "na"),
        ("us-east1", "GCP", "standard", "na"),
        ("europe-west1", "GCP", "standard", "emea"),
        ("asia-east1", "GCP", "premium", "apac"),
        ("eastus", "Azure", "standard", "na"),
        ("westeurope", "Azure", "standard", "emea"),
        ("japaneast", "Azure", "premium", "apac"),
        ("canadacentral", "Azure", "standard", "na"),
    ];
    const TYPES: [(&str, &str, &str); 6] = [
        ("read_request_units", "million", "0.36"),
        ("write_request_units", "million", "1.25"),
        ("storage", "gib", "0.25"),
        ("data_transfer", "gib", "0.02"),
        ("compute", "hour", "1.125"),
        ("messages", "million", "0.10"),
    ];
    let mut rng = Lcg(0x5eed_0000_0000_0001);
    let mut out = String::with_capacity(ROWS * 260);
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
    for _ in 0..ROWS {
        let org = rng.next(20);
        let resource = rng.next(2_000);
        let product = PRODUCTS[(resource % 4) as usize];
        let (region, cloud, class, zone) = REGIONS[(resource % 12) as usize];
        let (usage_type, unit, price) = TYPES[rng.next(6) as usize];
        let (cluster, az) = if product == "managed_cluster" {
            ("c10", "")
        } else {
            ("", "3")
        };
        let usage_milli = rng.next(5_000_000);
        let usage = format!("{}.{:03}", usage_milli / 1000, usage_milli % 1000);
        let cost: rust_decimal::Decimal =
            usage.parse::<rust_decimal::Decimal>().unwrap_or_default()
                * price.parse::<rust_decimal::Decimal>().unwrap_or_default();
        let cost = cost.round_dp(4);
        let hour = rng.next(28 * 24);
        let (day, h) = (hour / 24 + 1, hour % 24);
        out.push_str(&format!(
            "{product},org-{org:04},Org {org},res-{resource:06},resource {resource},{region},\
             {cloud},{class},{zone},{cluster},{az},{usage_type},{usage},{unit},USD,{price},{cost},\
             2025-02-{day:02}T{h:02}:00:00Z,2025-02-{day:02}T{h:02}:59:59Z\n"
        ));
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let csv = generate();
    let mut group = c.benchmark_group("usage_report");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Elements(ROWS as u64));
    group.bench_function("parse_and_aggregate_1m_rows", |b| {
        b.iter(|| {
            let report = read_report(black_box(&csv)).ok();
            let records = report.map(|r| r.records).unwrap_or_default();
            black_box(aggregate(&records));
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

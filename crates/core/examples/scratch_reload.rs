use portal_core::fixtures::bulk::{grow, Growth};
use portal_core::model::{Record, SeededEntropy, State};
use std::collections::BTreeMap;
use std::time::Instant;
fn main() {
    let now = "2026-11-22T10:00:00Z".parse().unwrap();
    let mut state = portal_core::model::demo::demo(now, &mut SeededEntropy::new(7)).0;
    grow(
        &mut state,
        Growth {
            users: 10_000,
            roles: 1_000,
            tokens: 10_000,
        },
        now,
        &mut SeededEntropy::new(11),
    )
    .unwrap();
    let records: Vec<Record> = state.records();
    let mut by: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &records {
        let t = serde_json::to_string(r).unwrap();
        let e = by.entry(r.key().collection.name().to_string()).or_default();
        e.0 += 1;
        e.1 += t.len();
    }
    for (k, (n, b)) in &by {
        println!("{k}: {n} records, {b} bytes");
    }
    let mut groups: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in &records {
        groups
            .entry(r.key().collection.name().to_string())
            .or_default()
            .push(r);
    }
    for (k, rs) in &groups {
        let text = serde_json::to_string(rs).unwrap();
        let t = Instant::now();
        for _ in 0..5 {
            let v: Vec<Record> = serde_json::from_str(&text).unwrap();
            std::hint::black_box(v);
        }
        println!(
            "parse {k}: {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0 / 5.0
        );
    }
    let t = Instant::now();
    let s = State::from_records(records.clone()).unwrap();
    println!("from_records: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    let t = Instant::now();
    let c = s.clone();
    std::hint::black_box(c);
    println!("clone: {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
}

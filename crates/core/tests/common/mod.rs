//! Helpers shared by the usage tests: exact decimals, instants, usage rows and deterministic
//! byte mutations. Every item is used by at least two of the test files; each test binary
//! compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use portal_core::usage::UsageRecord;
use rust_decimal::Decimal;

/// An exact decimal from its text.
pub fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// An instant from its RFC 3339 text.
pub fn t(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// The fixed "now" the request tests validate against.
pub fn now() -> DateTime<Utc> {
    t("2025-03-15T12:00:00Z")
}

/// One hour from `start` of 1 GiB of storage at 1 USD, in org-a's serverless database db-1
/// ("orders", Acme) on AWS us-east-1.
pub fn storage_hour(start: &str) -> UsageRecord {
    UsageRecord {
        product: "serverless".into(),
        org_id: "org-a".into(),
        org_name: "Acme".into(),
        resource_id: "db-1".into(),
        resource_name: "orders".into(),
        region: "us-east-1".into(),
        cloud_provider: "AWS".into(),
        classification: "standard".into(),
        zone: "na".into(),
        cluster_size: None,
        az_count: Some(3),
        usage_type: "storage".into(),
        usage: Decimal::ONE,
        usage_unit: "gib".into(),
        currency_type: "USD".into(),
        unit_price: Decimal::ONE,
        calculated_cost: Decimal::ONE,
        breakdown_start_timestamp: t(start),
        breakdown_end_timestamp: t(start) + chrono::Duration::hours(1),
    }
}

/// One day from `start` of `usage` million read request units at `price`, costing `cost`, in
/// the database of [`storage_hour`].
pub fn read_units_day(start: &str, usage: &str, price: &str, cost: &str) -> UsageRecord {
    UsageRecord {
        usage_type: "read_request_units".into(),
        usage: d(usage),
        usage_unit: "million".into(),
        unit_price: d(price),
        calculated_cost: d(cost),
        breakdown_end_timestamp: t(start) + chrono::Duration::days(1),
        ..storage_hour(start)
    }
}

/// `record` moved to `org`'s `product` resource `resource`, named "`org` name" and
/// "`resource` name".
pub fn named(org: &str, product: &str, resource: &str, record: UsageRecord) -> UsageRecord {
    UsageRecord {
        product: product.into(),
        org_id: org.into(),
        org_name: format!("{org} name"),
        resource_id: resource.into(),
        resource_name: format!("{resource} name"),
        ..record
    }
}

/// A deterministic pseudo-random source from `seed`: a 64-bit linear congruential generator.
pub fn lcg(seed: u64) -> impl FnMut() -> usize {
    let mut state = seed;
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    }
}

/// `base` with from 1 to `most` edits drawn from `next`: a byte replaced by, or a byte inserted
/// from, `alphabet`, or a byte removed.
pub fn mutate(
    base: &[u8],
    most: usize,
    alphabet: &[u8],
    next: &mut impl FnMut() -> usize,
) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for _ in 0..(next() % most + 1) {
        let at = next() % bytes.len();
        match next() % 3 {
            0 => bytes[at] = alphabet[next() % alphabet.len()],
            1 => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, alphabet[next() % alphabet.len()]),
        }
    }
    bytes
}

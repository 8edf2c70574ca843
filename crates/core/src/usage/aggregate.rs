//! Totals of a usage report, overall and grouped by organization, product, resource, region,
//! usage type and day.
//!
//! Decisions where the seed is silent:
//! - Costs are summed per currency (CURRENCY_TYPE) and usage per unit (USAGE_UNIT): hours and
//!   GiB are never added together, nor dollars and euros.
//! - A row's day is the UTC day of its BREAKDOWN_START_TIMESTAMP.
//! - Organizations are keyed by ORG_ID and resources by RESOURCE_ID, named by the first
//!   non-empty ORG_NAME / RESOURCE_NAME seen; regions are keyed by REGION together with
//!   CLOUD_PROVIDER (the group's `name`), so `us-east1` on two clouds stays two groups.
//! - Groups come out sorted by key (days in date order).

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::report::UsageRecord;

/// Row count, cost per currency and usage per unit of a set of rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Totals {
    pub rows: u64,
    /// CURRENCY_TYPE → sum of CALCULATED_COST.
    pub cost: BTreeMap<String, Decimal>,
    /// USAGE_UNIT → sum of USAGE.
    pub usage: BTreeMap<String, Decimal>,
}

impl Totals {
    /// Adds one row.
    pub fn add(&mut self, record: &UsageRecord) {
        self.rows += 1;
        add_to(
            &mut self.cost,
            &record.currency_type,
            record.calculated_cost,
        );
        add_to(&mut self.usage, &record.usage_unit, record.usage);
    }

    /// The totals of some rows.
    pub fn of<'a>(records: impl IntoIterator<Item = &'a UsageRecord>) -> Totals {
        let mut totals = Totals::default();
        for record in records {
            totals.add(record);
        }
        totals
    }

    /// The cost in one currency (zero if none).
    pub fn cost_in(&self, currency: &str) -> Decimal {
        self.cost.get(currency).copied().unwrap_or_default()
    }

    /// The usage in one unit (zero if none).
    pub fn usage_in(&self, unit: &str) -> Decimal {
        self.usage.get(unit).copied().unwrap_or_default()
    }
}

/// Adds `amount` to `map[key]`. Sums saturate instead of overflowing; parsed reports cannot get
/// near the limit (every amount is at most 10^18).
pub(crate) fn add_to(map: &mut BTreeMap<String, Decimal>, key: &str, amount: Decimal) {
    match map.get_mut(key) {
        Some(sum) => *sum = sum.saturating_add(amount),
        None => {
            map.insert(key.to_string(), amount);
        }
    }
}

/// The totals of one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// ORG_ID, PRODUCT, RESOURCE_ID, REGION, USAGE_TYPE, or the day as YYYY-MM-DD.
    pub key: String,
    /// ORG_NAME, RESOURCE_NAME, or CLOUD_PROVIDER for a region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub totals: Totals,
}

/// What rows are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    Organization,
    Product,
    Resource,
    Region,
    UsageType,
    Day,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Product,
        Dimension::Organization,
        Dimension::Resource,
        Dimension::Region,
        Dimension::UsageType,
        Dimension::Day,
    ];

    /// How a report heading names it: "organization", "usage type", ...
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Organization => "organization",
            Dimension::Product => "product",
            Dimension::Resource => "resource",
            Dimension::Region => "region",
            Dimension::UsageType => "usage type",
            Dimension::Day => "day",
        }
    }
}

/// The totals and every breakdown of a set of rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Aggregation {
    pub totals: Totals,
    pub by_organization: Vec<Group>,
    pub by_product: Vec<Group>,
    pub by_resource: Vec<Group>,
    pub by_region: Vec<Group>,
    pub by_usage_type: Vec<Group>,
    pub by_day: Vec<Group>,
}

impl Aggregation {
    /// The groups of one dimension.
    pub fn groups(&self, dimension: Dimension) -> &[Group] {
        match dimension {
            Dimension::Organization => &self.by_organization,
            Dimension::Product => &self.by_product,
            Dimension::Resource => &self.by_resource,
            Dimension::Region => &self.by_region,
            Dimension::UsageType => &self.by_usage_type,
            Dimension::Day => &self.by_day,
        }
    }

    /// The group with `key` in one dimension.
    pub fn group(&self, dimension: Dimension, key: &str) -> Option<&Group> {
        self.groups(dimension).iter().find(|g| g.key == key)
    }
}

struct Acc<'a> {
    name: Option<&'a str>,
    totals: Totals,
}

fn bump<'a, K: Hash + Eq>(
    map: &mut HashMap<K, Acc<'a>>,
    key: K,
    name: Option<&'a str>,
    record: &UsageRecord,
) {
    let acc = map.entry(key).or_insert_with(|| Acc {
        name: None,
        totals: Totals::default(),
    });
    if acc.name.is_none() {
        acc.name = name.filter(|n| !n.is_empty());
    }
    acc.totals.add(record);
}

fn finish<K>(map: HashMap<K, Acc<'_>>, key: impl Fn(&K) -> String) -> Vec<Group> {
    let mut groups: Vec<Group> = map
        .into_iter()
        .map(|(k, acc)| Group {
            key: key(&k),
            name: acc.name.map(str::to_string),
            totals: acc.totals,
        })
        .collect();
    groups.sort_by(|a, b| a.key.cmp(&b.key).then_with(|| a.name.cmp(&b.name)));
    groups
}

/// The totals and all six breakdowns, in one pass over the rows.
pub fn aggregate(records: &[UsageRecord]) -> Aggregation {
    let mut totals = Totals::default();
    let mut orgs: HashMap<&str, Acc> = HashMap::new();
    let mut products: HashMap<&str, Acc> = HashMap::new();
    let mut resources: HashMap<&str, Acc> = HashMap::new();
    let mut regions: HashMap<(&str, &str), Acc> = HashMap::new();
    let mut usage_types: HashMap<&str, Acc> = HashMap::new();
    let mut days: HashMap<NaiveDate, Acc> = HashMap::new();
    for r in records {
        totals.add(r);
        bump(&mut orgs, r.org_id.as_str(), Some(&r.org_name), r);
        bump(&mut products, r.product.as_str(), None, r);
        bump(
            &mut resources,
            r.resource_id.as_str(),
            Some(&r.resource_name),
            r,
        );
        bump(
            &mut regions,
            (r.region.as_str(), r.cloud_provider.as_str()),
            Some(&r.cloud_provider),
            r,
        );
        bump(&mut usage_types, r.usage_type.as_str(), None, r);
        bump(&mut days, r.breakdown_start_timestamp.date_naive(), None, r);
    }
    Aggregation {
        totals,
        by_organization: finish(orgs, |k| k.to_string()),
        by_product: finish(products, |k| k.to_string()),
        by_resource: finish(resources, |k| k.to_string()),
        by_region: finish(regions, |(region, _)| region.to_string()),
        by_usage_type: finish(usage_types, |k| k.to_string()),
        by_day: finish(days, |d| d.format("%Y-%m-%d").to_string()),
    }
}

/// `USD 12.30` (several currencies joined with `, `; `0` when empty): how the command and the
/// page show a sum of money per currency.
pub fn money_text(costs: &BTreeMap<String, impl std::fmt::Display>) -> String {
    joined(costs, "0", |currency, amount| {
        format!("{currency} {amount}")
    })
}

/// `48 hour, 10 gib` (`-` when empty): a sum of usage per unit.
pub fn amounts_text(usage: &BTreeMap<String, impl std::fmt::Display>) -> String {
    joined(usage, "-", |unit, amount| format!("{amount} {unit}"))
}

/// Each amount with its unit, joined with `, `; `empty` when there are none.
fn joined<A>(
    amounts: &BTreeMap<String, A>,
    empty: &str,
    each: impl Fn(&str, &A) -> String,
) -> String {
    if amounts.is_empty() {
        return empty.into();
    }
    amounts
        .iter()
        .map(|(unit, amount)| each(unit, amount))
        .collect::<Vec<_>>()
        .join(", ")
}

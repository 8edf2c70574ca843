//! A month of an organization's usage rows as Serverless workloads, one per database, so that the
//! Estimated Bill and the invoices are priced by the same calculator as `portal price`: the bill of
//! a month is the estimate of the workload these rows describe.
//!
//! How the rows' USAGE_TYPEs become a workload (seed 000 names the columns, not the types; these
//! are the types the portal records and imports):
//! - `read_request_units` and `write_request_units`, in `million`: that many request units, each
//!   one unit's worth (a read of 4 KB, a write of 1 KB), so the calculator meters them back to the
//!   same units. Seed 001, "Multiple regions": "Write requests are replicated in all regions", so a
//!   database's writes are those of its busiest region (each region records the same replicated
//!   writes) and the calculator charges them once per region at its rate; reads stay in the region
//!   that records them.
//! - `storage`, in `gib` or `gb`: the data held during the row's period. Seed 001 prices "Data
//!   storage (GB/month)", so a row counts as GB × (its period / the month): 1 GiB is 1.073741824 GB.
//! - `data_transfer_within_cloud` and `data_transfer_internet`, in `gib` or `gb`.
//! - `private_endpoint`, in `hour` (endpoint-hours), and `private_endpoint_data`, in `gib` or `gb`.
//!
//! What the calculator cannot price is listed, not guessed: Classic (`managed_cluster`) rows, other
//! types or units, a region the price book does not have, another currency.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::metering::{READ_UNIT_KB, WRITE_UNIT_KB};
use super::price_book::{CloudProvider, PriceBook};
use super::workload::{
    DatabaseWorkload, DatabasesWorkload, Plan, PrivateEndpoints, Reads, ServerlessRegion, Writes,
};
use crate::usage::periods::Month;
use crate::usage::UsageRecord;

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Bytes in a GiB over bytes in a GB: 2^30 / 10^9.
const GB_PER_GIB: Decimal = Decimal::from_parts(1_073_741_824, 0, 0, false, 9);

/// Usage the calculator does not price, by resource and type, with what its rows say it cost.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnpricedUsage {
    pub resource_name: String,
    pub product: String,
    pub usage_type: String,
    pub rows: u64,
    pub usage: Decimal,
    pub usage_unit: String,
    /// The rows' own CALCULATED_COST, summed, in `currency`.
    pub reported_cost: Decimal,
    pub currency: String,
    /// Why the price book does not price it.
    pub reason: String,
}

/// A month's usage of one organization, as the calculator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthUsage {
    pub workload: DatabasesWorkload,
    pub unpriced: Vec<UnpricedUsage>,
}

impl MonthUsage {
    /// Reads the rows (one organization's) whose BREAKDOWN_START_TIMESTAMP is in `month`, as a
    /// workload on `plan`.
    pub fn read<'a>(
        book: &PriceBook,
        rows: impl IntoIterator<Item = &'a UsageRecord>,
        month: Month,
        plan: Plan,
    ) -> MonthUsage {
        let period = month.period();
        let month_seconds = Decimal::from((month.end() - month.start()).num_seconds());
        let mut databases: BTreeMap<&str, Accumulated> = BTreeMap::new();
        let mut unpriced: BTreeMap<(&str, &str, &str, &str), UnpricedUsage> = BTreeMap::new();
        for row in rows.into_iter().filter(|row| period.includes(row)) {
            match Priced::of(book, row, month_seconds) {
                Ok((provider, region, amount)) => databases
                    .entry(&row.resource_id)
                    .or_insert_with(|| Accumulated::new(&row.resource_name))
                    .add(provider, region, amount),
                Err(reason) => {
                    let key = (
                        row.resource_id.as_str(),
                        row.usage_type.as_str(),
                        row.usage_unit.as_str(),
                        row.currency_type.as_str(),
                    );
                    let entry = unpriced.entry(key).or_insert_with(|| UnpricedUsage {
                        resource_name: row.resource_name.clone(),
                        product: row.product.clone(),
                        usage_type: row.usage_type.clone(),
                        rows: 0,
                        usage: Decimal::ZERO,
                        usage_unit: row.usage_unit.clone(),
                        reported_cost: Decimal::ZERO,
                        currency: row.currency_type.clone(),
                        reason,
                    });
                    entry.rows += 1;
                    entry.usage = entry.usage.saturating_add(row.usage);
                    entry.reported_cost = entry.reported_cost.saturating_add(row.calculated_cost);
                }
            }
        }
        MonthUsage {
            workload: DatabasesWorkload {
                kind: None,
                plan,
                databases: databases
                    .into_iter()
                    .map(|(id, acc)| acc.workload(id))
                    .collect(),
            },
            unpriced: unpriced.into_values().collect(),
        }
    }
}

/// What one priced row adds.
enum Priced {
    ReadUnits(Decimal),
    WriteUnits(Decimal),
    StorageGbMonths(Decimal),
    WithinCloudGb(Decimal),
    InternetGb(Decimal),
    EndpointHours(Decimal),
    EndpointGb(Decimal),
}

impl Priced {
    fn of<'b>(
        book: &'b PriceBook,
        row: &UsageRecord,
        month_seconds: Decimal,
    ) -> Result<(CloudProvider, &'b str, Priced), String> {
        if row.product != "serverless" {
            return Err(format!(
                "the price book prices Serverless usage; {} is billed as its report says",
                row.product
            ));
        }
        if row.currency_type != book.currency {
            return Err(format!(
                "in {}, and the price book is in {}",
                row.currency_type, book.currency
            ));
        }
        let provider = provider(&row.cloud_provider).ok_or_else(|| {
            format!(
                "cloud provider {} is not AWS, GCP or Azure",
                row.cloud_provider
            )
        })?;
        let region = book
            .region(provider, &row.region)
            .map_err(|_| format!("the price book has no {provider} {} region", row.region))?;
        let unit = row.usage_unit.to_ascii_lowercase();
        let gb = match unit.as_str() {
            "gib" => Some(row.usage.saturating_mul(GB_PER_GIB)),
            "gb" => Some(row.usage),
            _ => None,
        };
        let wrong_unit = || {
            format!(
                "{} is measured in {}, which the price book does not price",
                row.usage_type, row.usage_unit
            )
        };
        let priced = match (row.usage_type.as_str(), unit.as_str()) {
            ("read_request_units", "million") => Priced::ReadUnits(row.usage * MILLION),
            ("write_request_units", "million") => Priced::WriteUnits(row.usage * MILLION),
            ("storage", _) => {
                let held = Decimal::from(
                    (row.breakdown_end_timestamp - row.breakdown_start_timestamp).num_seconds(),
                );
                Priced::StorageGbMonths(gb.ok_or_else(wrong_unit)? * held / month_seconds)
            }
            ("data_transfer_within_cloud", _) => Priced::WithinCloudGb(gb.ok_or_else(wrong_unit)?),
            ("data_transfer_internet", _) => Priced::InternetGb(gb.ok_or_else(wrong_unit)?),
            ("private_endpoint", "hour") => Priced::EndpointHours(row.usage),
            ("private_endpoint_data", _) => Priced::EndpointGb(gb.ok_or_else(wrong_unit)?),
            _ => return Err(wrong_unit()),
        };
        Ok((provider, &region.region, priced))
    }
}

/// A cloud provider as the usage report names it ("AWS", "GCP", "AZURE", any case).
fn provider(name: &str) -> Option<CloudProvider> {
    match name.to_ascii_lowercase().as_str() {
        "aws" => Some(CloudProvider::Aws),
        "gcp" | "google" | "google cloud" => Some(CloudProvider::Gcp),
        "azure" => Some(CloudProvider::Azure),
        _ => None,
    }
}

/// One region's sums.
#[derive(Default)]
struct RegionSums {
    read_units: Decimal,
    write_units: Decimal,
    storage_gb: Decimal,
    within_cloud_gb: Decimal,
    internet_gb: Decimal,
    endpoint_hours: Decimal,
    endpoint_gb: Decimal,
}

/// A database's sums, by region (provider, then region name: the order the rows come in says
/// nothing, and no usage row reads in a primary region only).
struct Accumulated {
    name: String,
    regions: Vec<((CloudProvider, String), RegionSums)>,
}

impl Accumulated {
    fn new(name: &str) -> Accumulated {
        Accumulated {
            name: name.to_owned(),
            regions: Vec::new(),
        }
    }

    fn add(&mut self, provider: CloudProvider, region: &str, amount: Priced) {
        let key = (provider, region.to_owned());
        let at = match self.regions.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => at,
            Err(at) => {
                self.regions.insert(at, (key, RegionSums::default()));
                at
            }
        };
        let sums = &mut self.regions[at].1;
        let (field, value) = match amount {
            Priced::ReadUnits(v) => (&mut sums.read_units, v),
            Priced::WriteUnits(v) => (&mut sums.write_units, v),
            Priced::StorageGbMonths(v) => (&mut sums.storage_gb, v),
            Priced::WithinCloudGb(v) => (&mut sums.within_cloud_gb, v),
            Priced::InternetGb(v) => (&mut sums.internet_gb, v),
            Priced::EndpointHours(v) => (&mut sums.endpoint_hours, v),
            Priced::EndpointGb(v) => (&mut sums.endpoint_gb, v),
        };
        *field = field.saturating_add(value);
    }

    fn workload(&self, id: &str) -> DatabaseWorkload {
        // Writes are replicated: the busiest region's are the database's.
        let writes = self
            .regions
            .iter()
            .map(|(_, s)| s.write_units)
            .max()
            .unwrap_or_default();
        DatabaseWorkload {
            id: id.to_owned(),
            name: self.name.clone(),
            regions: self
                .regions
                .iter()
                .map(|((provider, region), s)| ServerlessRegion {
                    provider: *provider,
                    region: region.clone(),
                    reads: whole(s.read_units)
                        .map(|count| Reads {
                            count,
                            returned_kb: READ_UNIT_KB,
                            scanned_kb: None,
                        })
                        .into_iter()
                        .collect(),
                    storage_gb: s.storage_gb,
                    transfer_within_cloud_gb: s.within_cloud_gb,
                    transfer_internet_gb: s.internet_gb,
                    private_endpoints: (s.endpoint_hours > Decimal::ZERO
                        || s.endpoint_gb > Decimal::ZERO)
                        .then_some(PrivateEndpoints {
                            endpoints: 1,
                            hours: s.endpoint_hours,
                            gb: s.endpoint_gb,
                        }),
                })
                .collect(),
            writes: whole(writes)
                .map(|count| Writes {
                    count,
                    row_kb: WRITE_UNIT_KB,
                })
                .into_iter()
                .collect(),
        }
    }
}

/// Request units as a count: a started unit is a unit, as metering counts them; none is no entry.
fn whole(units: Decimal) -> Option<u64> {
    let units = units.ceil();
    (units > Decimal::ZERO).then(|| u64::try_from(units).unwrap_or(u64::MAX))
}

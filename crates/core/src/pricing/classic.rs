//! The Classic estimate (seed 001, "Classic pricing"): capacity units of a plan, billed per
//! minute; before 2022-07-01 additional regions carry a premium with 1.25 TB of egress included,
//! from then on multi-region and data transfer are priced as Serverless.

use rust_decimal::Decimal;

use super::bill::{plain, Bill, Line, Product};
use super::estimate_error::EstimateError;
use super::price_book::{CloudProvider, PriceBook, RegionPrices, Zone};
use super::workload::ClassicWorkload;

pub fn estimate(w: &ClassicWorkload, book: &PriceBook) -> Result<Bill, EstimateError> {
    if w.regions.is_empty() {
        return Err(EstimateError::at(
            "regions",
            "give at least one region (provider and region)",
        ));
    }
    if w.capacity_units == 0 {
        return Err(EstimateError::at(
            "capacity_units",
            "a Classic database has at least one capacity unit",
        ));
    }
    // Bounds that keep every product of the bill within a decimal (see price_book::MAX_PRICE).
    if w.capacity_units > 1_000_000 || w.regions.len() > 50 {
        return Err(EstimateError::ClassicTooLarge);
    }
    if w.hours.is_sign_negative() || w.hours > Decimal::from(1_000_000) {
        return Err(EstimateError::at(
            "hours",
            format!("{} is out of range; give 0 to 1000000", w.hours),
        ));
    }
    let plan = book.classic_plan(&w.classic_plan)?;
    let classic = &book.classic;
    let old_pricing = w.date <= classic.multi_region_until;
    // "presented in the DataStax Astra console in hourly terms, but billed in one-minute
    // granularity": every started minute counts.
    let minutes = (w.hours * Decimal::from(60)).ceil();
    let hours = minutes / Decimal::from(60);
    let cu = Decimal::from(w.capacity_units);
    let hourly = plan.capacity_unit_per_hour.price.0;
    let mut lines = Vec::new();
    for (i, input) in w.regions.iter().enumerate() {
        let prices = book.region(input.provider, &input.region)?;
        let place = format!("{} {}", prices.provider, prices.region);
        if input.egress_gb.is_sign_negative() {
            return Err(EstimateError::NegativeEgress {
                region: i,
                place,
                gb: input.egress_gb,
            });
        }
        let base = format!(
            "{} CU ({} instances) x {} hours ({} minutes, billed per started minute) x {} per \
             CU-hour ({})",
            w.capacity_units,
            w.capacity_units * 3,
            plain(hours),
            plain(minutes),
            plain(hourly),
            plan.name
        );
        let premium = if i > 0 && old_pricing {
            premium_of(
                prices.zone,
                classic.premium_us_emea.0,
                classic.premium_apac.0,
            )
        } else {
            Decimal::ZERO
        };
        let unit_price = hourly * (Decimal::ONE + premium);
        let (item, formula) = match (i, premium.is_zero()) {
            (0, _) => ("Capacity units".to_owned(), base),
            (_, true) => (
                "Capacity units, additional region".to_owned(),
                format!("{base}; from 2022-07-01 multi-region is priced as Serverless: no premium"),
            ),
            (_, false) => (
                "Capacity units, additional region".to_owned(),
                format!(
                    "{base} + {}% premium for an additional {} region (until 2022-06-30)",
                    plain(premium * Decimal::from(100)),
                    zone_name(prices.zone)
                ),
            ),
        };
        lines.push(Line {
            product: Product::ManagedCluster,
            database: String::new(),
            item,
            region: place.clone(),
            // Divided last, once: an hourly rate billed per minute is not always a finite decimal.
            quantity: cu * minutes / Decimal::from(60),
            unit: "CU-hours".into(),
            unit_price,
            cost: cu * minutes * unit_price / Decimal::from(60),
            formula,
        });
        if let Some(line) = egress_line(book, prices, input, i > 0 && old_pricing, place) {
            lines.push(line);
        }
    }
    let label = format!("Classic {}", plan.name);
    Ok(Bill::new(&book.currency, &label, lines, |_| {
        (Vec::new(), Vec::new())
    }))
}

/// "15% premium for US and EMEA", "30% premium for APAC".
fn premium_of(zone: Zone, us_emea: Decimal, apac: Decimal) -> Decimal {
    match zone {
        Zone::Na | Zone::Emea => us_emea,
        Zone::Apac => apac,
    }
}

fn zone_name(zone: Zone) -> &'static str {
    match zone {
        Zone::Na => "US",
        Zone::Emea => "EMEA",
        Zone::Apac => "APAC",
    }
}

/// Before 2022-07-01 an additional region includes 1.25 TB of egress and the excess costs $0.03/GB
/// (AWS US and EMEA, Google Cloud North America) or $0.11/GB (all others). The primary region's
/// egress, and all egress from 2022-07-01, is priced as Serverless data transfer. (A negative
/// egress was refused before.)
fn egress_line(
    book: &PriceBook,
    prices: &RegionPrices,
    input: &super::workload::ClassicRegion,
    premium_region: bool,
    place: String,
) -> Option<Line> {
    let gb = input.egress_gb;
    if gb.is_zero() {
        return None;
    }
    let classic = &book.classic;
    let line = if premium_region {
        let included = classic.included_egress_gb.0;
        let excess = (gb - included).max(Decimal::ZERO);
        let low = matches!(
            (prices.provider, prices.zone),
            (CloudProvider::Aws, Zone::Na | Zone::Emea) | (CloudProvider::Gcp, Zone::Na)
        );
        let rate = if low {
            classic.excess_egress_low_per_gb.0
        } else {
            classic.excess_egress_high_per_gb.0
        };
        Line {
            product: Product::ManagedCluster,
            database: String::new(),
            item: "Data egress beyond the included 1.25 TB".into(),
            region: place,
            quantity: excess,
            unit: "GB".into(),
            unit_price: rate,
            cost: excess * rate,
            formula: format!(
                "{} GB - {} GB included with the additional region = {} GB at {} per GB ({})",
                plain(gb),
                plain(included),
                plain(excess),
                plain(rate),
                if low {
                    "AWS US and EMEA, Google Cloud North America"
                } else {
                    "all other clouds and regions"
                }
            ),
        }
    } else {
        let (item, rate) = if input.egress_internet {
            (
                "Data transfer to the internet",
                &prices.transfer_internet_per_gb,
            )
        } else {
            (
                "Data transfer within the cloud provider network",
                &prices.transfer_within_cloud_per_gb,
            )
        };
        Line {
            product: Product::ManagedCluster,
            database: String::new(),
            item: item.into(),
            region: place,
            quantity: gb,
            unit: "GB".into(),
            unit_price: rate.price.0,
            cost: gb * rate.price.0,
            formula: "priced as Serverless data transfer".into(),
        }
    };
    Some(line)
}

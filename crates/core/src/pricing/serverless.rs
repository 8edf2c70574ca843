//! The Serverless estimate (seed 001, "Serverless pricing").

use rust_decimal::Decimal;

mod checks;
mod request_units;

use self::checks::check;
use self::request_units::{lwt_reads, metered_reads, metered_writes, Metered};
use super::bill::{count, plain, Adjustment, Bill, Line, Product};
use super::estimate_error::EstimateError;
use super::invoice::CREDITS;
use super::price_book::{PriceBook, Rate, RegionPrices};
use super::workload::{Plan, ServerlessRegion, ServerlessWorkload};

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

pub fn estimate(w: &ServerlessWorkload, book: &PriceBook) -> Result<Bill, EstimateError> {
    let lines = lines(w, book)?;
    bill(book, &w.plan, lines)
}

/// The workload's lines at list prices, before the plan.
pub fn lines(w: &ServerlessWorkload, book: &PriceBook) -> Result<Vec<Line>, EstimateError> {
    check(w)?;
    let regions: Vec<(&RegionPrices, &ServerlessRegion)> = w
        .regions
        .iter()
        .map(|r| book.region(r.provider, &r.region).map(|p| (p, r)))
        .collect::<Result<_, _>>()?;
    let writes = metered_writes(w)?;
    let mut lines = Vec::new();
    for (i, (prices, input)) in regions.iter().enumerate() {
        let place = format!("{} {}", prices.provider, prices.region);
        let replicated = if regions.len() > 1 {
            "; writes are replicated to every region and charged at each region's rate"
        } else {
            ""
        };
        for m in &writes {
            lines.push(request_line(
                m,
                &prices.write_per_million,
                &place,
                replicated,
            ));
        }
        let mut reads = metered_reads(input);
        if i == 0 {
            reads.extend(lwt_reads(w));
        }
        for m in &reads {
            lines.push(request_line(m, &prices.read_per_million, &place, ""));
        }
        lines.extend(region_lines(prices, input, book, &place));
    }
    Ok(lines)
}

/// The bill of `lines` on `plan`: its credits, discount and committed minimum.
pub fn bill(book: &PriceBook, plan: &Plan, lines: Vec<Line>) -> Result<Bill, EstimateError> {
    let currency = book.currency.clone();
    let free_credit = book.free_monthly_credit.price.0;
    let discount = match plan {
        Plan::Annual { discount, .. } => Some(
            discount
                .or(book.annual_discount.as_ref().map(|d| d.price.0))
                .ok_or(EstimateError::NoAnnualDiscount)?,
        ),
        _ => None,
    };
    Ok(Bill::new(&currency, plan.name(), lines, |usage| {
        plan_adjustments(plan, usage, free_credit, discount)
    }))
}

fn request_line(m: &Metered, rate: &Rate, place: &str, note: &str) -> Line {
    let quantity = m.units / MILLION;
    Line {
        product: Product::Serverless,
        database: String::new(),
        item: m.item.clone(),
        region: place.to_owned(),
        quantity,
        unit: format!("million {}", m.unit),
        unit_price: rate.price.0,
        cost: quantity * rate.price.0,
        formula: format!("{} {} = {}{note}", count(m.units), m.unit, m.formula),
    }
}

fn region_lines(
    prices: &RegionPrices,
    input: &ServerlessRegion,
    book: &PriceBook,
    place: &str,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut add = |item: &str, quantity: Decimal, unit: &str, rate: &Rate, formula: String| {
        if quantity > Decimal::ZERO {
            lines.push(Line {
                product: Product::Serverless,
                database: String::new(),
                item: item.to_owned(),
                region: place.to_owned(),
                quantity,
                unit: unit.to_owned(),
                unit_price: rate.price.0,
                cost: quantity * rate.price.0,
                formula,
            });
        }
    };
    add(
        "Storage",
        input.storage_gb,
        "GB-month",
        &prices.storage_per_gb_month,
        "data, indexes and metadata stored in this region, at its rate; backups included".into(),
    );
    add(
        "Data transfer within the cloud provider network",
        input.transfer_within_cloud_gb,
        "GB",
        &prices.transfer_within_cloud_per_gb,
        "customer data out of the database within the provider's network".into(),
    );
    add(
        "Data transfer to the internet",
        input.transfer_internet_gb,
        "GB",
        &prices.transfer_internet_per_gb,
        "customer data out of the database over the internet".into(),
    );
    if let Some(pe) = &input.private_endpoints {
        let hours = Decimal::from(pe.endpoints) * pe.hours;
        add(
            "Private endpoints",
            hours,
            "endpoint-hours",
            &book.private_endpoint_per_hour,
            format!(
                "{} endpoints x {} hours in this region, per endpoint per region per hour",
                pe.endpoints,
                plain(pe.hours)
            ),
        );
        add(
            "Private endpoint data",
            pe.gb,
            "GB",
            &book.private_endpoint_per_gb,
            "ingress and egress through the private endpoint, on top of regular egress".into(),
        );
    }
    lines
}

/// Free: the monthly credit. Pay As You Go and Enterprise: credits, then the estimated bill.
/// Annual: usage at the discounted rate, credits, and at least the committed minimum (billed in
/// arrears; what exceeds it is overage at the discounted rate).
fn plan_adjustments(
    plan: &Plan,
    usage: Decimal,
    free_credit: Decimal,
    discount: Option<Decimal>,
) -> (Vec<Adjustment>, Vec<String>) {
    let mut adjustments = Vec::new();
    let mut notes = Vec::new();
    let credit =
        |label: &str, available: Decimal, due: Decimal, adjustments: &mut Vec<Adjustment>| {
            let used = available.max(Decimal::ZERO).min(due);
            if used > Decimal::ZERO {
                adjustments.push(Adjustment {
                    label: label.to_owned(),
                    amount: -used,
                    formula: format!(
                        "min(credits {}, amount {}) = {}",
                        plain(available),
                        plain(due),
                        plain(used)
                    ),
                });
            }
            due - used
        };
    match plan {
        Plan::Free => {
            let left = credit(
                "Free plan monthly credit",
                free_credit,
                usage,
                &mut adjustments,
            );
            if left > Decimal::ZERO {
                notes.push(format!(
                    "usage exceeds the ${} monthly credit by {}: without a payment method the \
                     database is unavailable until one is added",
                    plain(free_credit),
                    plain(left)
                ));
            }
        }
        Plan::PayAsYouGo { credits } | Plan::Enterprise { credits } => {
            credit(CREDITS, *credits, usage, &mut adjustments);
            notes.push("the estimated bill is auto-drafted monthly, on UTC".into());
        }
        Plan::Annual {
            committed_monthly_minimum,
            credits,
            ..
        } => {
            let rate = discount.unwrap_or_default();
            let off = usage * rate;
            if off > Decimal::ZERO {
                adjustments.push(Adjustment {
                    label: format!("Annual discount ({}%)", plain(rate * Decimal::from(100))),
                    amount: -off,
                    formula: format!("{} x {}", plain(usage), plain(rate)),
                });
            }
            let left = credit(CREDITS, *credits, usage - off, &mut adjustments);
            let minimum = *committed_monthly_minimum;
            if left < minimum {
                adjustments.push(Adjustment {
                    label: "Committed monthly minimum".into(),
                    amount: minimum - left,
                    formula: format!(
                        "the committed minimum {} is billed in arrears; usage after discount and \
                         credits is {}",
                        plain(minimum),
                        plain(left)
                    ),
                });
            } else {
                notes.push(format!(
                    "overage above the committed minimum {}: {} at the discounted rate",
                    plain(minimum),
                    plain(left - minimum)
                ));
            }
        }
    }
    (adjustments, notes)
}

//! The Serverless estimate (seed 001, "Serverless pricing").

use rust_decimal::Decimal;

use super::bill::{count, plain, Adjustment, Bill, Line, Product};
use super::metering::{self, DocumentShape};
use super::price_book::{PriceBook, Rate, RegionPrices, MAX_PRICE};
use super::workload::{Plan, ServerlessWorkload};

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// Request units of one kind of operation, before they are priced in a region.
struct Metered {
    item: String,
    units: Decimal,
    /// "RRU" or "WRU".
    unit: &'static str,
    formula: String,
}

pub fn estimate(w: &ServerlessWorkload, book: &PriceBook) -> Result<Bill, String> {
    check(w)?;
    let regions: Vec<(&RegionPrices, &super::workload::ServerlessRegion)> = w
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
    let currency = book.currency.clone();
    let free_credit = book.free_monthly_credit.price.0;
    let discount = match &w.plan {
        Plan::Annual { discount, .. } => Some(
            discount
                .or(book.annual_discount.as_ref().map(|d| d.price.0))
                .ok_or("an Annual plan needs its discount: give plan.discount (0.15 = 15%) or load a rate card with annual_discount")?,
        ),
        _ => None,
    };
    let plan = w.plan.clone();
    Ok(Bill::new(&currency, plan.name(), lines, |usage| {
        plan_adjustments(&plan, usage, free_credit, discount)
    }))
}

/// Bounds on every input, so that no bill can overflow a decimal: counts up to 10^12 a month,
/// rows and leaves up to 10^6 per operation, sizes up to 10^6 KB, amounts up to 10^9 GB or hours.
const MAX_COUNT: u64 = 1_000_000_000_000;
const MAX_PER_OPERATION: u64 = 1_000_000;
const MAX_KB: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
const MAX_REGIONS: usize = 50;

fn at_most_count(value: u64, limit: u64, field: &str) -> Result<(), String> {
    if value > limit {
        Err(format!(
            "{field}: {value} is more than the calculator takes ({limit} at most)"
        ))
    } else {
        Ok(())
    }
}

fn within(value: Decimal, limit: Decimal, field: &str) -> Result<Decimal, String> {
    let value = non_negative(value, field)?;
    if value > limit {
        Err(format!(
            "{field}: {value} is more than the calculator takes ({limit} at most)"
        ))
    } else {
        Ok(value)
    }
}

fn check_bounds(w: &ServerlessWorkload) -> Result<(), String> {
    if w.regions.len() > MAX_REGIONS {
        return Err(format!(
            "regions: {} regions; the calculator takes {MAX_REGIONS} at most",
            w.regions.len()
        ));
    }
    let counts = w
        .writes
        .iter()
        .map(|x| ("writes", x.count))
        .chain(w.batches.iter().map(|x| ("batches", x.count)))
        .chain(
            w.indexed_columns
                .iter()
                .map(|x| ("indexed_columns", x.count)),
        )
        .chain(
            w.lightweight_transactions
                .iter()
                .map(|x| ("lightweight_transactions", x.count)),
        )
        .chain(w.documents.iter().map(|x| ("documents", x.count)))
        .chain(
            w.regions
                .iter()
                .flat_map(|r| r.reads.iter().map(|x| ("reads", x.count))),
        )
        .chain([
            ("deletes", w.deletes),
            ("ttl_deletes", w.ttl_deletes),
            ("drops", w.drops),
            ("truncates", w.truncates),
        ]);
    for (field, value) in counts {
        at_most_count(value, MAX_COUNT, &format!("{field} count"))?;
    }
    for (i, b) in w.batches.iter().enumerate() {
        at_most_count(b.rows, MAX_PER_OPERATION, &format!("batches[{i}].rows"))?;
        at_most_count(
            b.partitions,
            MAX_PER_OPERATION,
            &format!("batches[{i}].partitions"),
        )?;
    }
    for (i, d) in w.documents.iter().enumerate() {
        at_most_count(
            d.leaves.unwrap_or(0),
            MAX_PER_OPERATION,
            &format!("documents[{i}].leaves"),
        )?;
        if let Some(kb) = d.kb {
            within(kb, MAX_KB, &format!("documents[{i}].kb"))?;
        }
    }
    let sizes = w
        .writes
        .iter()
        .enumerate()
        .map(|(i, x)| (format!("writes[{i}].row_kb"), x.row_kb))
        .chain(
            w.batches
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("batches[{i}].row_kb"), x.row_kb)),
        )
        .chain(
            w.indexed_columns
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("indexed_columns[{i}].column_kb"), x.column_kb)),
        )
        .chain(
            w.lightweight_transactions
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("lightweight_transactions[{i}].row_kb"), x.row_kb)),
        );
    for (field, value) in sizes {
        within(value, MAX_KB, &field)?;
    }
    for (i, r) in w.regions.iter().enumerate() {
        let at = |name: &str| format!("regions[{i}].{name}");
        within(r.storage_gb, MAX_AMOUNT, &at("storage_gb"))?;
        within(
            r.transfer_within_cloud_gb,
            MAX_AMOUNT,
            &at("transfer_within_cloud_gb"),
        )?;
        within(
            r.transfer_internet_gb,
            MAX_AMOUNT,
            &at("transfer_internet_gb"),
        )?;
        for (j, x) in r.reads.iter().enumerate() {
            within(
                x.returned_kb,
                MAX_KB,
                &at(&format!("reads[{j}].returned_kb")),
            )?;
            if let Some(scanned) = x.scanned_kb {
                within(scanned, MAX_KB, &at(&format!("reads[{j}].scanned_kb")))?;
            }
        }
        if let Some(pe) = &r.private_endpoints {
            at_most_count(
                pe.endpoints,
                MAX_PER_OPERATION,
                &at("private_endpoints.endpoints"),
            )?;
            within(pe.hours, MAX_AMOUNT, &at("private_endpoints.hours"))?;
            within(pe.gb, MAX_AMOUNT, &at("private_endpoints.gb"))?;
        }
    }
    let money = match &w.plan {
        Plan::PayAsYouGo { credits } | Plan::Enterprise { credits } => {
            vec![("plan.credits", *credits)]
        }
        Plan::Annual {
            committed_monthly_minimum,
            credits,
            ..
        } => vec![
            ("plan.committed_monthly_minimum", *committed_monthly_minimum),
            ("plan.credits", *credits),
        ],
        Plan::Free => vec![],
    };
    for (field, value) in money {
        within(value, MAX_AMOUNT * MAX_PRICE, field)?;
    }
    Ok(())
}

fn check(w: &ServerlessWorkload) -> Result<(), String> {
    if w.regions.is_empty() {
        return Err("regions: give at least one region (provider and region)".into());
    }
    check_bounds(w)?;
    if w.regions.len() > 1 && matches!(w.plan, Plan::Free) {
        return Err(
            "regions: multiple regions is available on only pay as you go and annual plans \
             (seed 001); choose one region or another plan"
                .into(),
        );
    }
    if let Plan::Annual {
        discount: Some(d), ..
    } = &w.plan
    {
        if d.is_sign_negative() || *d >= Decimal::ONE {
            return Err(format!(
                "plan.discount: {d} is a fraction from 0 to 1 (0.15 = 15%)"
            ));
        }
    }
    Ok(())
}

impl Metered {
    /// `count` operations of `per` units each: "8,000,000 writes x 2 WRU (⌈1.2 KB / 1 KB⌉)".
    fn operations(
        item: &str,
        unit: &'static str,
        count_of: u64,
        what: &str,
        per: Decimal,
        how: String,
    ) -> Metered {
        Metered {
            item: item.to_owned(),
            units: per * Decimal::from(count_of),
            unit,
            formula: format!(
                "{} {what} x {} {unit} ({how})",
                count(count_of.into()),
                plain(per)
            ),
        }
    }
}

/// Every kind of write, metered once: they cost the same units in every region. (The sizes
/// were checked by [`check_bounds`].)
fn metered_writes(w: &ServerlessWorkload) -> Result<Vec<Metered>, String> {
    let mut out = Vec::new();
    for x in &w.writes {
        let per = metering::write_units(x.row_kb);
        let how = format!("⌈{} KB / 1 KB⌉", plain(x.row_kb));
        out.push(Metered::operations(
            "Writes", "WRU", x.count, "writes", per, how,
        ));
    }
    for b in &w.batches {
        let per = metering::batch_units(b.rows, b.row_kb, b.partitions, b.logged);
        let logged = if b.logged {
            format!(" + {} for a logged batch's partitions", b.partitions)
        } else {
            String::new()
        };
        let item = if b.logged {
            "Logged batches"
        } else {
            "Unlogged batches"
        };
        let how = format!("⌈{} rows x {} KB / 1 KB⌉{logged}", b.rows, plain(b.row_kb));
        out.push(Metered::operations(
            item, "WRU", b.count, "batches", per, how,
        ));
    }
    for c in &w.indexed_columns {
        let per = metering::write_units(c.column_kb);
        let how = format!(
            "⌈{} KB column / 1 KB⌉: by the indexed column's size",
            plain(c.column_kb)
        );
        out.push(Metered::operations(
            "SAI index writes",
            "WRU",
            c.count,
            "indexed values",
            per,
            how,
        ));
    }
    if w.deletes > 0 {
        let how = "one delete is one write whatever its size".to_owned();
        out.push(Metered::operations(
            "Deletes",
            "WRU",
            w.deletes,
            "deletes",
            Decimal::ONE,
            how,
        ));
    }
    let free = w.ttl_deletes + w.drops + w.truncates;
    if free > 0 {
        out.push(Metered {
            item: "TTL deletes, DROP and TRUNCATE".into(),
            units: Decimal::ZERO,
            unit: "WRU",
            formula: format!(
                "{} TTL deletes, {} DROP, {} TRUNCATE: no charge",
                count(w.ttl_deletes.into()),
                w.drops,
                w.truncates
            ),
        });
    }
    for l in &w.lightweight_transactions {
        let per = metering::write_units(l.row_kb);
        let how = format!(
            "⌈{} KB / 1 KB⌉; the one RRU of each is a read line",
            plain(l.row_kb)
        );
        out.push(Metered::operations(
            "Lightweight transactions (write)",
            "WRU",
            l.count,
            "LWTs",
            per,
            how,
        ));
    }
    for (i, d) in w.documents.iter().enumerate() {
        out.push(document_writes(i, d)?);
    }
    Ok(out)
}

fn document_writes(i: usize, d: &super::workload::Documents) -> Result<Metered, String> {
    let field = format!("documents[{i}]");
    let (batch, index, shape) = match (&d.document, d.leaves, d.non_null_values, d.kb) {
        (Some(doc), None, None, None) => {
            let shape = DocumentShape::of(doc);
            let (batch, index) = shape.write_units();
            let text = format!(
                "{} leaf rows, {} non-null values",
                shape.leaves.len(),
                shape.indexed.len()
            );
            (batch, index, text)
        }
        (None, Some(leaves), Some(values), Some(kb)) => {
            if values > leaves {
                return Err(format!(
                    "{field}: non_null_values ({values}) exceeds leaves ({leaves})"
                ));
            }
            let batch = if leaves == 0 {
                Decimal::ZERO
            } else {
                metering::write_units(kb)
            };
            // Without the values' sizes, each is taken as the average leaf.
            let average = if leaves == 0 {
                Decimal::ZERO
            } else {
                kb / Decimal::from(leaves)
            };
            let index = metering::write_units(average) * Decimal::from(values);
            (
                batch,
                index,
                format!(
                    "{leaves} leaf rows of {} KB in all, {values} non-null values",
                    plain(kb)
                ),
            )
        }
        _ => {
            return Err(format!(
                "{field}: give either \"document\" (the JSON) or all of \"leaves\", \
                 \"non_null_values\" and \"kb\""
            ))
        }
    };
    let how = format!(
        "{shape}: {} WRU for the rows as one batch + {} WRU for an index per non-null value",
        plain(batch),
        plain(index)
    );
    Ok(Metered::operations(
        "Document API writes",
        "WRU",
        d.count,
        "documents",
        batch + index,
        how,
    ))
}

fn metered_reads(r: &super::workload::ServerlessRegion) -> Vec<Metered> {
    r.reads
        .iter()
        .map(|x| {
            let per = metering::read_units(x.returned_kb, x.scanned_kb);
            let measured = match x.scanned_kb {
                Some(s) => format!("{} KB scanned before ALLOW FILTERING", plain(s)),
                None => format!("{} KB returned", plain(x.returned_kb)),
            };
            let how = format!("⌈{measured} / 4 KB⌉");
            Metered::operations("Reads", "RRU", x.count, "reads", per, how)
        })
        .collect()
}

/// "For LWT, there are both WRU and additional RRU costs. The number of RRUs is always one
/// regardless of the size."
fn lwt_reads(w: &ServerlessWorkload) -> Vec<Metered> {
    w.lightweight_transactions
        .iter()
        .map(|l| {
            let how = "whatever the size".to_owned();
            let item = "Lightweight transactions (read)";
            Metered::operations(item, "RRU", l.count, "LWTs", Decimal::ONE, how)
        })
        .collect()
}

fn request_line(m: &Metered, rate: &Rate, place: &str, note: &str) -> Line {
    let quantity = m.units / MILLION;
    Line {
        product: Product::Serverless,
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
    input: &super::workload::ServerlessRegion,
    book: &PriceBook,
    place: &str,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut add = |item: &str, quantity: Decimal, unit: &str, rate: &Rate, formula: String| {
        if quantity > Decimal::ZERO {
            lines.push(Line {
                product: Product::Serverless,
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
            credit("Credits", *credits, usage, &mut adjustments);
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
            let left = credit("Credits", *credits, usage - off, &mut adjustments);
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

fn non_negative(value: Decimal, field: &str) -> Result<Decimal, String> {
    if value.is_sign_negative() {
        Err(format!("{field}: {value} is negative; give zero or more"))
    } else {
        Ok(value)
    }
}

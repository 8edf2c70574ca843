//! What a Serverless workload may hold: the fields that must agree with each other, and bounds on
//! every input so that no bill can overflow a decimal.

use rust_decimal::Decimal;

use crate::pricing::estimate_error::EstimateError;
use crate::pricing::price_book::MAX_PRICE;
use crate::pricing::workload::{Plan, ServerlessWorkload};

/// Bounds on every input, so that no bill can overflow a decimal: counts up to 10^12 a month,
/// rows and leaves up to 10^6 per operation, sizes up to 10^6 KB, amounts up to 10^9 GB or hours.
const MAX_COUNT: u64 = 1_000_000_000_000;
const MAX_PER_OPERATION: u64 = 1_000_000;
const MAX_KB: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
const MAX_AMOUNT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
const MAX_REGIONS: usize = 50;

fn at_most_count(value: u64, limit: u64, field: &str) -> Result<(), EstimateError> {
    if value > limit {
        Err(EstimateError::at(
            field,
            format!("{value} is more than the calculator takes ({limit} at most)"),
        ))
    } else {
        Ok(())
    }
}

fn within(value: Decimal, limit: Decimal, field: &str) -> Result<Decimal, EstimateError> {
    let value = non_negative(value, field)?;
    if value > limit {
        Err(EstimateError::at(
            field,
            format!("{value} is more than the calculator takes ({limit} at most)"),
        ))
    } else {
        Ok(value)
    }
}

fn check_bounds(w: &ServerlessWorkload) -> Result<(), EstimateError> {
    if w.regions.len() > MAX_REGIONS {
        return Err(EstimateError::at(
            "regions",
            format!(
                "{} regions; the calculator takes {MAX_REGIONS} at most",
                w.regions.len()
            ),
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

pub(super) fn check(w: &ServerlessWorkload) -> Result<(), EstimateError> {
    if w.regions.is_empty() {
        return Err(EstimateError::at(
            "regions",
            "give at least one region (provider and region)",
        ));
    }
    check_bounds(w)?;
    if w.regions.len() > 1 && matches!(w.plan, Plan::Free) {
        return Err(EstimateError::at(
            "regions",
            "multiple regions is available on only pay as you go and annual plans (seed 001); \
             choose one region or another plan",
        ));
    }
    if let Plan::Annual {
        discount: Some(d), ..
    } = &w.plan
    {
        if d.is_sign_negative() || *d >= Decimal::ONE {
            return Err(EstimateError::at(
                "plan.discount",
                format!("{d} is a fraction from 0 to 1 (0.15 = 15%)"),
            ));
        }
    }
    Ok(())
}

fn non_negative(value: Decimal, field: &str) -> Result<Decimal, EstimateError> {
    if value.is_sign_negative() {
        Err(EstimateError::at(
            field,
            format!("{value} is negative; give zero or more"),
        ))
    } else {
        Ok(value)
    }
}

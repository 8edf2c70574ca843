//! Request units: what each kind of operation of a Serverless workload costs in read and write
//! request units (seed 001, "Serverless pricing"), before a region's rates price them.

use rust_decimal::Decimal;

use crate::pricing::bill::{count, plain};
use crate::pricing::estimate_error::EstimateError;
use crate::pricing::metering::{self, DocumentShape};
use crate::pricing::workload::{Documents, ServerlessRegion, ServerlessWorkload};

/// Request units of one kind of operation, before they are priced in a region.
pub(super) struct Metered {
    pub(super) item: String,
    pub(super) units: Decimal,
    /// "RRU" or "WRU".
    pub(super) unit: &'static str,
    pub(super) formula: String,
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

    /// `count` writes of `per` write request units each.
    fn writes(item: &str, count_of: u64, what: &str, per: Decimal, how: String) -> Metered {
        Metered::operations(item, "WRU", count_of, what, per, how)
    }
}

/// Every kind of write, metered once: they cost the same units in every region. (The sizes
/// were checked by `checks::check_bounds`.)
pub(super) fn metered_writes(w: &ServerlessWorkload) -> Result<Vec<Metered>, EstimateError> {
    let mut out = Vec::new();
    for x in &w.writes {
        let (per, how) = by_size(x.row_kb, "", "");
        out.push(Metered::writes("Writes", x.count, "writes", per, how));
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
        out.push(Metered::writes(item, b.count, "batches", per, how));
    }
    for c in &w.indexed_columns {
        let (per, how) = by_size(c.column_kb, " column", ": by the indexed column's size");
        let item = "SAI index writes";
        out.push(Metered::writes(item, c.count, "indexed values", per, how));
    }
    if w.deletes > 0 {
        let how = "one delete is one write whatever its size".to_owned();
        let per = Decimal::ONE;
        out.push(Metered::writes("Deletes", w.deletes, "deletes", per, how));
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
        let (per, how) = by_size(l.row_kb, "", "; the one RRU of each is a read line");
        let item = "Lightweight transactions (write)";
        out.push(Metered::writes(item, l.count, "LWTs", per, how));
    }
    for (i, d) in w.documents.iter().enumerate() {
        out.push(document_writes(i, d)?);
    }
    Ok(out)
}

/// The write units of one write of `kb` (one per started KB), and how they were counted:
/// "⌈1.2 KB / 1 KB⌉", with `of` naming what was measured and `note` what follows.
fn by_size(kb: Decimal, of: &str, note: &str) -> (Decimal, String) {
    let how = format!("⌈{} KB{of} / 1 KB⌉{note}", plain(kb));
    (metering::write_units(kb), how)
}

fn document_writes(i: usize, d: &Documents) -> Result<Metered, EstimateError> {
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
                return Err(EstimateError::at(
                    field,
                    format!("non_null_values ({values}) exceeds leaves ({leaves})"),
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
            return Err(EstimateError::at(
                field,
                "give either \"document\" (the JSON) or all of \"leaves\", \
                 \"non_null_values\" and \"kb\"",
            ))
        }
    };
    let how = format!(
        "{shape}: {} WRU for the rows as one batch + {} WRU for an index per non-null value",
        plain(batch),
        plain(index)
    );
    let item = "Document API writes";
    Ok(Metered::writes(
        item,
        d.count,
        "documents",
        batch + index,
        how,
    ))
}

pub(super) fn metered_reads(r: &ServerlessRegion) -> Vec<Metered> {
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
pub(super) fn lwt_reads(w: &ServerlessWorkload) -> Vec<Metered> {
    w.lightweight_transactions
        .iter()
        .map(|l| {
            let how = "whatever the size".to_owned();
            let item = "Lightweight transactions (read)";
            Metered::operations(item, "RRU", l.count, "LWTs", Decimal::ONE, how)
        })
        .collect()
}

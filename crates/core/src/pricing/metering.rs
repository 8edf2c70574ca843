//! Request units: how Serverless operations are metered (seed 001, "Units of measure"). Sizes are
//! in KB, 1 KB = 1,024 bytes where bytes are counted.

use rust_decimal::Decimal;
use serde_json::Value;

/// "A read request that returns up to 4KB of data is considered one Read Request Unit (RRU). If
/// the request returns more than 4KB of data, additional read requests are required."
pub const READ_UNIT_KB: Decimal = Decimal::from_parts(4, 0, 0, false, 0);
/// "A write request with up to 1KB of data is considered one Write Request Unit (WRU)."
pub const WRITE_UNIT_KB: Decimal = Decimal::ONE;

/// Units for one request of `kb`: one per started unit, and at least one.
pub fn units(kb: Decimal, unit_kb: Decimal) -> Decimal {
    (kb / unit_kb).ceil().max(Decimal::ONE)
}

/// RRUs of one read. With ALLOW FILTERING "the data is measured prior to in-memory filtering",
/// so the scanned size counts when it is given.
pub fn read_units(returned_kb: Decimal, scanned_kb: Option<Decimal>) -> Decimal {
    units(scanned_kb.unwrap_or(returned_kb), READ_UNIT_KB)
}

/// WRUs of one write of a row of `kb`.
pub fn write_units(kb: Decimal) -> Decimal {
    units(kb, WRITE_UNIT_KB)
}

/// WRUs of one batch: the rows' total size in started KB, plus one per partition when logged.
/// Seed 001: "a single-partition unlogged batch write operation with 10 rows, each row containing
/// 1.2KB of data has 12 WRUs"; "A 2-partition logged batch with 2 rows [...] has 5 WRUs ([ (2 *
/// 1.2KB) /1KB + 2 = 5 WRU])".
pub fn batch_units(rows: u64, row_kb: Decimal, partitions: u64, logged: bool) -> Decimal {
    let extra = if logged {
        Decimal::from(partitions)
    } else {
        Decimal::ZERO
    };
    write_units(Decimal::from(rows) * row_kb) + extra
}

/// A JSON document as the Document API stores it: "Your JSON is translated to one row per leaf
/// data and is written as a Cassandra batch", and "For each non-null value column, there is also
/// an index" (seed 001, "REST and Document API").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentShape {
    /// The size of each leaf row (its path and its value), in KB.
    pub leaves: Vec<Decimal>,
    /// The size of each non-null value, in KB: each is an indexed column.
    pub indexed: Vec<Decimal>,
}

impl DocumentShape {
    pub fn of(document: &Value) -> DocumentShape {
        let mut shape = DocumentShape {
            leaves: Vec::new(),
            indexed: Vec::new(),
        };
        shape.walk("", document);
        shape
    }

    fn walk(&mut self, path: &str, value: &Value) {
        match value {
            Value::Object(fields) => {
                for (key, v) in fields {
                    self.walk(&format!("{path}.{key}"), v);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.walk(&format!("{path}[{i}]"), v);
                }
            }
            leaf => {
                let value_bytes = leaf.to_string().len();
                let row_bytes = path.trim_start_matches('.').len() + value_bytes;
                self.leaves.push(kb_of(row_bytes));
                if !leaf.is_null() {
                    self.indexed.push(kb_of(value_bytes));
                }
            }
        }
    }

    /// The WRUs of writing the document: its rows as one unlogged batch, plus "SAI cost [...]
    /// computed as the size of each indexed column".
    pub fn write_units(&self) -> (Decimal, Decimal) {
        let rows: Decimal = self.leaves.iter().copied().sum();
        let batch = if self.leaves.is_empty() {
            Decimal::ZERO
        } else {
            write_units(rows)
        };
        let index = self.indexed.iter().map(|kb| write_units(*kb)).sum();
        (batch, index)
    }
}

fn kb_of(bytes: usize) -> Decimal {
    Decimal::from(bytes as u64) / Decimal::from(1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// seed 001: "A read request that returns up to 4KB of data is considered one Read Request
    /// Unit (RRU). If the request returns more than 4KB of data, additional read requests are
    /// required."
    #[test]
    fn one_rru_per_started_4_kb() {
        assert_eq!(read_units(d("0.1"), None), d("1"));
        assert_eq!(read_units(d("4"), None), d("1"));
        assert_eq!(read_units(d("4.01"), None), d("2"));
        assert_eq!(read_units(d("12"), None), d("3"));
    }

    /// seed 001: "If the read request involves an ALLOW FILTERING query, the data is measured
    /// prior to in-memory filtering."
    #[test]
    fn allow_filtering_is_measured_before_filtering() {
        assert_eq!(read_units(d("1"), Some(d("40"))), d("10"));
    }

    /// seed 001: "A write request with up to 1KB of data is considered one Write Request Unit
    /// (WRU). If the request has more than 1KB of data, additional writes are required."
    #[test]
    fn one_wru_per_started_1_kb() {
        assert_eq!(write_units(d("0.5")), d("1"));
        assert_eq!(write_units(d("1")), d("1"));
        assert_eq!(write_units(d("1.2")), d("2"));
    }

    /// seed 001: the two batch examples, exactly.
    #[test]
    fn the_seed_batch_examples() {
        assert_eq!(batch_units(10, d("1.2"), 1, false), d("12"));
        assert_eq!(batch_units(2, d("1.2"), 2, true), d("5"));
    }

    /// seed 001: "A document such as { "a": "b", "b": "c"} is turned into two rows and written in
    /// a batch."
    #[test]
    fn a_document_is_one_row_per_leaf() {
        let shape = DocumentShape::of(&serde_json::json!({ "a": "b", "b": "c" }));
        assert_eq!(shape.leaves.len(), 2);
        assert_eq!(shape.write_units().0, d("1"));
    }

    /// seed 001: "{a: something, b: 1, c: true, d: 2}" is stored as four rows, and "For each
    /// non-null value column, there is also an index": four index entries; a null has none.
    #[test]
    fn each_non_null_value_is_indexed() {
        let shape =
            DocumentShape::of(&serde_json::json!({ "a": "something", "b": 1, "c": true, "d": 2 }));
        assert_eq!(shape.leaves.len(), 4);
        assert_eq!(shape.indexed.len(), 4);
        assert_eq!(shape.write_units(), (d("1"), d("4")));
        let with_null = DocumentShape::of(&serde_json::json!({ "a": null, "b": { "c": [1, 2] } }));
        assert_eq!(with_null.leaves.len(), 3);
        assert_eq!(with_null.indexed.len(), 2);
    }
}

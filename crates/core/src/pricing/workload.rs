//! What a user describes to get an estimate: a Serverless or a Classic workload, and a plan.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::price_book::{parse_json, CloudProvider, InputError};

/// The subscription plan (seed 001, "Plan selection"; Enterprise, seed 000).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Plan {
    Free,
    PayAsYouGo {
        /// Credits left this month, applied before the estimated bill.
        #[serde(default)]
        credits: Decimal,
    },
    Annual {
        committed_monthly_minimum: Decimal,
        /// A fraction (0.15 = 15%); without it, the price book's `annual_discount`.
        #[serde(default)]
        discount: Option<Decimal>,
        #[serde(default)]
        credits: Decimal,
    },
    Enterprise {
        #[serde(default)]
        credits: Decimal,
    },
}

impl Plan {
    pub fn name(&self) -> &'static str {
        match self {
            Plan::Free => "Free",
            Plan::PayAsYouGo { .. } => "Pay As You Go",
            Plan::Annual { .. } => "Annual",
            Plan::Enterprise { .. } => "Enterprise",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Workload {
    Serverless(ServerlessWorkload),
    Classic(ClassicWorkload),
    Databases(DatabasesWorkload),
}

impl Workload {
    /// Reads a workload file: `"kind"` says which, and a mistake is named by field and line.
    /// (Read in two steps: serde's tagged enums would lose the field paths and lines.)
    pub fn from_json(text: &str) -> Result<Workload, InputError> {
        #[derive(Deserialize)]
        struct Kind {
            kind: String,
        }
        let kind: Kind = parse_json(text)?;
        match kind.kind.as_str() {
            "serverless" => parse_json(text).map(Workload::Serverless),
            "classic" => parse_json(text).map(Workload::Classic),
            "databases" => parse_json(text).map(Workload::Databases),
            other => Err(InputError {
                field: "kind".into(),
                line: 0,
                column: 0,
                message: format!(
                    "'{other}' is not a kind of workload: use \"serverless\", \"classic\" or \
                     \"databases\""
                ),
            }),
        }
    }
}

/// A month of Serverless work. Writes are replicated to every region; reads, storage, transfer
/// and private endpoints happen in the region that lists them (seed 001, "Multiple regions").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerlessWorkload {
    /// "serverless", as [`Workload::from_json`] reads it.
    #[serde(default, skip_serializing)]
    pub kind: Option<String>,
    pub plan: Plan,
    /// The first is the primary region, where lightweight transactions read.
    pub regions: Vec<ServerlessRegion>,
    #[serde(default)]
    pub writes: Vec<Writes>,
    #[serde(default)]
    pub batches: Vec<Batches>,
    /// SAI-indexed columns written: each write of such a column costs by the column's size.
    #[serde(default)]
    pub indexed_columns: Vec<IndexedColumns>,
    #[serde(default)]
    pub deletes: u64,
    #[serde(default)]
    pub ttl_deletes: u64,
    #[serde(default)]
    pub drops: u64,
    #[serde(default)]
    pub truncates: u64,
    #[serde(default)]
    pub lightweight_transactions: Vec<Writes>,
    #[serde(default)]
    pub documents: Vec<Documents>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerlessRegion {
    pub provider: CloudProvider,
    pub region: String,
    #[serde(default)]
    pub reads: Vec<Reads>,
    #[serde(default)]
    pub storage_gb: Decimal,
    #[serde(default)]
    pub transfer_within_cloud_gb: Decimal,
    #[serde(default)]
    pub transfer_internet_gb: Decimal,
    #[serde(default)]
    pub private_endpoints: Option<PrivateEndpoints>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reads {
    pub count: u64,
    pub returned_kb: Decimal,
    /// With ALLOW FILTERING: the data read before filtering.
    #[serde(default)]
    pub scanned_kb: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Writes {
    pub count: u64,
    pub row_kb: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Batches {
    pub count: u64,
    pub logged: bool,
    pub partitions: u64,
    pub rows: u64,
    pub row_kb: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexedColumns {
    /// How many indexed column values are written.
    pub count: u64,
    pub column_kb: Decimal,
}

/// Document API writes: a JSON document, or its shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Documents {
    pub count: u64,
    #[serde(default)]
    pub document: Option<Value>,
    /// Without a document: its leaf count, its non-null values and its total size.
    #[serde(default)]
    pub leaves: Option<u64>,
    #[serde(default)]
    pub non_null_values: Option<u64>,
    #[serde(default)]
    pub kb: Option<Decimal>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateEndpoints {
    pub endpoints: u64,
    pub hours: Decimal,
    pub gb: Decimal,
}

/// A month of several Serverless databases on one plan, as an organization's usage describes it
/// (the Estimated Bill and the invoices are this workload's estimate). Each database is priced as
/// a Serverless workload of its own, its writes replicated to its own regions; the plan's credits,
/// discount and minimum apply once, to their sum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabasesWorkload {
    /// "databases", as [`Workload::from_json`] reads it.
    #[serde(default, skip_serializing)]
    pub kind: Option<String>,
    pub plan: Plan,
    pub databases: Vec<DatabaseWorkload>,
}

/// One database's month: its regions (the first is its primary) and its writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseWorkload {
    pub id: String,
    pub name: String,
    pub regions: Vec<ServerlessRegion>,
    #[serde(default)]
    pub writes: Vec<Writes>,
}

impl DatabaseWorkload {
    /// The database as a Serverless workload on `plan`.
    pub fn serverless(&self, plan: Plan) -> ServerlessWorkload {
        ServerlessWorkload {
            kind: None,
            plan,
            regions: self.regions.clone(),
            writes: self.writes.clone(),
            batches: Vec::new(),
            indexed_columns: Vec::new(),
            deletes: 0,
            ttl_deletes: 0,
            drops: 0,
            truncates: 0,
            lightweight_transactions: Vec::new(),
            documents: Vec::new(),
        }
    }
}

/// Classic: capacity units of a plan, in one or more regions, for some time on some date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassicWorkload {
    /// "classic", as [`Workload::from_json`] reads it.
    #[serde(default, skip_serializing)]
    pub kind: Option<String>,
    /// The Classic plan, e.g. "C10".
    pub classic_plan: String,
    pub capacity_units: u64,
    /// The first is the primary region; the others are additional regions.
    pub regions: Vec<ClassicRegion>,
    /// Running time; billed per started minute.
    pub hours: Decimal,
    /// The day priced: before 2022-07-01 the old multi-region premiums apply.
    pub date: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassicRegion {
    pub provider: CloudProvider,
    pub region: String,
    /// Data egress from this region, in GB.
    #[serde(default)]
    pub egress_gb: Decimal,
    /// From 2022-07-01 transfer is priced as Serverless: within the provider's network or not.
    #[serde(default)]
    pub egress_internet: bool,
}

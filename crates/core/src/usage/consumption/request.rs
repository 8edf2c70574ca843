//! The query: what `POST /v2/enterprises/consumption` may ask, and its validation against the
//! seed's rules.

use super::body::parse_body;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::time::{format_timestamp, parse_rfc3339};
use crate::usage::periods::{Month, Period, EARLIEST_MONTH};
use crate::usage::report::UsageRecord;
use crate::usage::violation::{ViolationKind, Violations};

/// The longest range one request may ask for: seed 000, "The entire range can't exceed 31 days".
pub const MAX_RANGE_DAYS: i64 = 31;

/// The currency of an answer without any usage to take it from.
pub const DEFAULT_CURRENCY: &str = "USD";

/// The seed's own example of an RFC 3339 date-time, used in messages.
pub(super) const RFC3339_EXAMPLE: &str = "2021-05-06T06:13:23.57Z";

/// The products a consumption query can filter on (seed 000: "Valid values for productName
/// include serverless (Astra DB Serverless databases), managed_cluster (Astra DB Classic
/// databases), pcu, or streaming (Astra Streaming tenants).").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductName {
    Serverless,
    ManagedCluster,
    Pcu,
    Streaming,
}

impl ProductName {
    pub const ALL: [ProductName; 4] = [
        ProductName::Serverless,
        ProductName::ManagedCluster,
        ProductName::Pcu,
        ProductName::Streaming,
    ];

    /// The wire name: serverless, managed_cluster, pcu, streaming.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductName::Serverless => "serverless",
            ProductName::ManagedCluster => "managed_cluster",
            ProductName::Pcu => "pcu",
            ProductName::Streaming => "streaming",
        }
    }

    /// Exactly a wire name.
    pub fn parse(text: &str) -> Option<ProductName> {
        ProductName::ALL.into_iter().find(|p| p.as_str() == text)
    }

    /// The product a usage report's PRODUCT value is about. The seed does not list the values
    /// of the PRODUCT column, so this is lenient: letter case and separators are ignored; a
    /// wire name matches itself; a value naming "serverless", "classic" or "managed cluster",
    /// "streaming", or starting with "pcu" matches that product.
    pub fn of_report_product(product: &str) -> Option<ProductName> {
        let words: String = product
            .trim()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        if let Some(exact) = ProductName::parse(&words) {
            return Some(exact);
        }
        let tokens: Vec<&str> = words.split('_').filter(|t| !t.is_empty()).collect();
        let has = |w: &str| tokens.contains(&w);
        if has("serverless") {
            Some(ProductName::Serverless)
        } else if has("classic")
            || tokens
                .windows(2)
                .any(|w| w[0] == "managed" && w[1].starts_with("cluster"))
        {
            Some(ProductName::ManagedCluster)
        } else if has("streaming") {
            Some(ProductName::Streaming)
        } else if tokens.first().is_some_and(|t| t.starts_with("pcu")) || has("pcu") {
            Some(ProductName::Pcu)
        } else {
            None
        }
    }
}

/// The body of `POST /v2/enterprises/consumption`, as sent. Values are kept as sent (dates as
/// text) so that [`ConsumptionRequest::validate`] can say what is wrong with each.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsumptionRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_date: Option<String>,
    /// Omitted (or empty): all organizations of the enterprise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizations: Option<Vec<OrganizationFilter>>,
}

/// One organization of the query, in its own object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganizationFilter {
    #[serde(default)]
    pub org_id: String,
    /// Omitted (or empty): all products of the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<ProductFilter>>,
}

/// One product of an organization, optionally limited to some resources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProductFilter {
    #[serde(default)]
    pub product_name: String,
    /// Omitted or empty: all the product's resources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_ids: Option<Vec<String>>,
}

/// A validated query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsumptionQuery {
    /// `[fromDate, toDate)`.
    pub period: Period,
    /// Empty: all organizations.
    pub organizations: Vec<OrganizationScope>,
}

/// The part of one organization a query covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganizationScope {
    pub org_id: String,
    /// Empty: all products.
    pub products: Vec<ProductScope>,
}

/// The part of one product a query covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductScope {
    pub product_name: ProductName,
    /// Empty: all resources.
    pub resource_ids: Vec<String>,
}

impl ConsumptionQuery {
    /// Whether a usage row is part of the answer.
    pub fn matches(&self, record: &UsageRecord) -> bool {
        if !self.period.includes(record) {
            return false;
        }
        if self.organizations.is_empty() {
            return true;
        }
        let Some(org) = self
            .organizations
            .iter()
            .find(|o| o.org_id == record.org_id)
        else {
            return false;
        };
        if org.products.is_empty() {
            return true;
        }
        let Some(product) = ProductName::of_report_product(&record.product) else {
            return false;
        };
        org.products.iter().any(|p| {
            p.product_name == product
                && (p.resource_ids.is_empty() || p.resource_ids.contains(&record.resource_id))
        })
    }
}

/// The first instant with usage data: 2024-11-01T00:00:00Z.
pub fn earliest_instant() -> DateTime<Utc> {
    EARLIEST_MONTH.start()
}

impl ConsumptionRequest {
    /// Reads a request body. Every structural problem (not JSON, a field of the wrong type, an
    /// unknown field, several organizations in one `orgId`) is reported, not only the first.
    /// An empty body is `{}`.
    pub fn from_json(body: &str) -> Result<ConsumptionRequest, Violations> {
        let (request, violations) = parse_body(body);
        violations.into_result(request)
    }

    /// Checks every rule of the seed and returns every violation, each with its own message.
    /// `now` resolves the default range (the current month so far).
    pub fn validate(&self, now: DateTime<Utc>) -> Result<ConsumptionQuery, Violations> {
        let mut v = Violations::new();
        let period = self.validate_range(now, &mut v);
        let organizations = self.validate_organizations(&mut v);
        match period {
            Some(period) if v.is_empty() => Ok(ConsumptionQuery {
                period,
                organizations,
            }),
            _ => Err(v),
        }
    }

    fn validate_range(&self, now: DateTime<Utc>, v: &mut Violations) -> Option<Period> {
        let from = self
            .from_date
            .as_deref()
            .map(|text| parse_date(text, "fromDate", ViolationKind::InvalidFromDate, v));
        let to = self
            .to_date
            .as_deref()
            .map(|text| parse_date(text, "toDate", ViolationKind::InvalidToDate, v));
        let earliest = earliest_instant();
        for (field, date) in [("fromDate", from), ("toDate", to)] {
            if let Some(Some(date)) = date {
                if date < earliest {
                    v.push(
                        ViolationKind::BeforeNovember2024,
                        format!(
                            "{field} {} is before November 2024, and usage can't be retrieved \
                             for earlier dates; use {} or later",
                            format_timestamp(date),
                            format_timestamp(earliest)
                        ),
                    );
                }
            }
        }
        match (from, to) {
            (None, None) => {
                let start = Month::of_instant(now).start();
                Some(Period { start, end: now })
            }
            (Some(_), None) => {
                v.push(
                    ViolationKind::MissingToDate,
                    "fromDate is given but toDate is not; give both fromDate and toDate (at most \
                     31 days apart), or neither for the current month",
                );
                None
            }
            (None, Some(_)) => {
                v.push(
                    ViolationKind::MissingFromDate,
                    "toDate is given but fromDate is not; give both fromDate and toDate (at most \
                     31 days apart), or neither for the current month",
                );
                None
            }
            (Some(Some(start)), Some(Some(end))) => {
                if start >= end {
                    let fix = if start == end {
                        "the range is empty; set toDate later than fromDate"
                    } else {
                        "swap them"
                    };
                    v.push(
                        ViolationKind::FromDateNotBeforeToDate,
                        format!(
                            "fromDate {} must be before toDate {}; {fix}",
                            format_timestamp(start),
                            format_timestamp(end)
                        ),
                    );
                } else if end - start > Duration::days(MAX_RANGE_DAYS) {
                    v.push(
                        ViolationKind::RangeTooLong,
                        format!(
                            "fromDate {} and toDate {} are {} days apart, but the range can't \
                             exceed {MAX_RANGE_DAYS} days; split the query into ranges of at \
                             most {MAX_RANGE_DAYS} days",
                            format_timestamp(start),
                            format_timestamp(end),
                            days_between(start, end)
                        ),
                    );
                }
                Some(Period { start, end })
            }
            _ => None,
        }
    }

    fn validate_organizations(&self, v: &mut Violations) -> Vec<OrganizationScope> {
        let mut scopes: Vec<OrganizationScope> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, org) in self.organizations.iter().flatten().enumerate() {
            let org_id = org.org_id.trim();
            if org_id.is_empty() {
                v.push(
                    ViolationKind::MissingOrgId,
                    format!(
                        "organizations[{i}] has no orgId; give the organization's ID, such as \
                         {{\"orgId\": \"ORGANIZATION_ID\"}}, or omit organizations for all \
                         organizations"
                    ),
                );
            } else if let Some(first) = seen.get(org_id) {
                v.push(
                    ViolationKind::DuplicateOrganization,
                    format!(
                        "organization {org_id} is listed twice (organizations[{first}] and \
                         organizations[{i}]); list each organization once, with all its \
                         products in one object"
                    ),
                );
            } else {
                seen.insert(org_id, i);
            }
            let mut products: BTreeMap<ProductName, Option<BTreeSet<String>>> = BTreeMap::new();
            for (j, product) in org.products.iter().flatten().enumerate() {
                let at = format!("organizations[{i}].products[{j}]");
                let name = product.product_name.trim();
                let parsed = if name.is_empty() {
                    v.push(
                        ViolationKind::MissingProductName,
                        format!(
                            "{at} has no productName; use one of {}",
                            product_names_list()
                        ),
                    );
                    None
                } else if let Some(parsed) = ProductName::parse(name) {
                    Some(parsed)
                } else {
                    v.push(
                        ViolationKind::UnknownProductName,
                        format!(
                            "{at}.productName \"{name}\" is not a product; use one of {}{}",
                            product_names_list(),
                            suggestion(name, ProductName::ALL.map(ProductName::as_str))
                        ),
                    );
                    None
                };
                let mut ids = BTreeSet::new();
                for (k, id) in product.resource_ids.iter().flatten().enumerate() {
                    let id = id.trim();
                    if id.is_empty() {
                        v.push(
                            ViolationKind::EmptyResourceId,
                            format!(
                                "{at}.resourceIds[{k}] is empty; give a resource ID, or omit \
                                 resourceIds (or pass []) for all the product's resources"
                            ),
                        );
                    } else {
                        ids.insert(id.to_string());
                    }
                }
                if let Some(name) = parsed {
                    // None means every resource of the product, and wins a merge.
                    let all = ids.is_empty();
                    let entry = products
                        .entry(name)
                        .or_insert_with(|| Some(BTreeSet::new()));
                    match (entry.as_mut(), all) {
                        (Some(_), true) => *entry = None,
                        (Some(set), false) => set.extend(ids),
                        (None, _) => {}
                    }
                }
            }
            if !org_id.is_empty() && seen.get(org_id) == Some(&i) {
                scopes.push(OrganizationScope {
                    org_id: org_id.to_string(),
                    products: products
                        .into_iter()
                        .map(|(product_name, ids)| ProductScope {
                            product_name,
                            resource_ids: ids.map(|s| s.into_iter().collect()).unwrap_or_default(),
                        })
                        .collect(),
                });
            }
        }
        scopes
    }
}

fn product_names_list() -> String {
    "serverless, managed_cluster, pcu or streaming".to_string()
}

/// ` (did you mean "x"?)` when a candidate is close, else nothing.
pub(super) fn suggestion<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let lower = wrong.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!(" (did you mean \"{c}\"?)"))
        .unwrap_or_default()
}

fn parse_date(
    text: &str,
    field: &str,
    kind: ViolationKind,
    v: &mut Violations,
) -> Option<DateTime<Utc>> {
    match parse_rfc3339(text.trim()) {
        Ok(date) => Some(date),
        Err(_) => {
            v.push(
                kind,
                format!(
                    "{field} \"{text}\" is not an ISO RFC 3339 date-time; write it with a date, \
                     a time and a time zone, such as \"{RFC3339_EXAMPLE}\""
                ),
            );
            None
        }
    }
}

/// Days between two instants, to 2 decimal places, without trailing zeros.
fn days_between(start: DateTime<Utc>, end: DateTime<Utc>) -> Decimal {
    (Decimal::from((end - start).num_seconds()) / Decimal::from(86_400))
        .round_dp(2)
        .normalize()
}

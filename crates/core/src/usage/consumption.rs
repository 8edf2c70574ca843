//! `POST /v2/enterprises/consumption`: the usage summary of an enterprise, for the current month
//! or a range of up to 31 days, optionally filtered by organizations, products and resources.
//!
//! seed 000, "Get usage for the current month" and "Get usage for a specific time range". The
//! request's field names are the seed's (`fromDate`, `toDate`, `organizations`, `orgId`,
//! `products`, `productName`, `resourceIds`); so are the response's top-level names
//! (`totalCost`, `currencyType`, `creditsInfo` with `total`, `consumed`, `remaining`,
//! `organizations`) and `productName` / `resourceId` inside it.
//!
//! Decisions where the seed is silent:
//! - Without `fromDate` and `toDate` the range is the current month so far: from the first
//!   midnight (UTC) of `now`'s month to `now`. One of the two without the other is a violation.
//! - The range is half-open, `[fromDate, toDate)`; a row is in it when its
//!   BREAKDOWN_START_TIMESTAMP is. "Can't exceed 31 days" means `toDate − fromDate ≤ 31 days`.
//! - "can't retrieve data prior to November 2024": a `fromDate` or `toDate` before
//!   2024-11-01T00:00:00Z is a violation.
//! - An empty `organizations` array means all organizations, like an omitted one (the seed says
//!   so of `resourceIds`). The same organization in two objects is a violation (the seed: "each
//!   organization must belong to its own object"); the same product twice in one organization is
//!   merged.
//! - `productName` must be exactly one of serverless, managed_cluster, pcu, streaming. The
//!   report's PRODUCT column is matched to them by [`ProductName::of_report_product`]; rows of
//!   another product appear under their PRODUCT and never match a product filter.
//! - Unknown fields are violations (a misspelt filter must not silently widen the query).
//! - Amounts are decimal strings (`"12.34"`), exact, as everywhere in the core.
//! - The response also echoes the resolved `fromDate` and `toDate`; each resource is broken into
//!   `usageCategories` (usage type × region × unit: the seed's "additional usage categories, such
//!   as regional usage").
//! - `creditsInfo` is about the current month (the seed: "Total credits available for the current
//!   month"): the caller supplies the plan's credit type and total; consumed is the enterprise's
//!   cost of the current month so far (all rows, not only the filtered ones) capped at the total;
//!   remaining is total − consumed.
//! - `currencyType` is the matched rows' CURRENCY_TYPE; rows in several currencies cannot be
//!   summed ([`ViolationKind::MixedCurrencies`]); with no matching rows, the currency of all rows,
//!   else [`DEFAULT_CURRENCY`].

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::periods::{Month, Period, EARLIEST_MONTH};
use super::report::{format_timestamp, UsageRecord};
use super::violation::{ViolationKind, Violations};

/// The longest range one request may ask for: seed 000, "The entire range can't exceed 31 days".
pub const MAX_RANGE_DAYS: i64 = 31;

/// The currency of an answer without any usage to take it from.
pub const DEFAULT_CURRENCY: &str = "USD";

/// The seed's own example of an RFC 3339 date-time, used in messages.
const RFC3339_EXAMPLE: &str = "2021-05-06T06:13:23.57Z";

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
fn suggestion<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
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
    match DateTime::parse_from_rfc3339(text.trim()) {
        Ok(date) => Some(date.with_timezone(&Utc)),
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

// ---------------------------------------------------------------------------------------------
// Reading the body

const TOP_FIELDS: [&str; 3] = ["fromDate", "toDate", "organizations"];
const ORG_FIELDS: [&str; 2] = ["orgId", "products"];
const PRODUCT_FIELDS: [&str; 2] = ["productName", "resourceIds"];

fn unknown_field(v: &mut Violations, at: &str, key: &str, known: &[&str]) {
    let place = if at.is_empty() {
        String::new()
    } else {
        format!(" in {at}")
    };
    v.push(
        ViolationKind::UnknownField,
        format!(
            "unknown field \"{key}\"{place}{}; the fields are {}",
            suggestion(key, known.iter().copied()),
            known.join(", ")
        ),
    );
}

fn wrong_type(v: &mut Violations, at: &str, expected: &str) {
    v.push(ViolationKind::WrongType, format!("{at} must be {expected}"));
}

fn optional_string(v: &mut Violations, at: &str, value: &Value, example: &str) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        _ => {
            wrong_type(v, at, &format!("a string, such as \"{example}\""));
            None
        }
    }
}

/// The request as far as it could be read, and every structural violation.
pub(crate) fn parse_body(body: &str) -> (ConsumptionRequest, Violations) {
    let mut v = Violations::new();
    let mut request = ConsumptionRequest::default();
    let map = match read_object(body, &mut v) {
        Some(map) => map,
        None => return (request, v),
    };
    for (key, value) in &map {
        match key.as_str() {
            "fromDate" => request.from_date = optional_string(&mut v, key, value, RFC3339_EXAMPLE),
            "toDate" => request.to_date = optional_string(&mut v, key, value, RFC3339_EXAMPLE),
            "organizations" => match value {
                Value::Null => {}
                Value::Array(items) => {
                    let orgs = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| parse_org(&mut v, i, item))
                        .collect();
                    request.organizations = Some(orgs);
                }
                _ => wrong_type(
                    &mut v,
                    "organizations",
                    "an array with one object per organization, such as [{\"orgId\": \
                     \"ORGANIZATION_ID\"}]",
                ),
            },
            _ => unknown_field(&mut v, "", key, &TOP_FIELDS),
        }
    }
    (request, v)
}

/// The body as a JSON object; an empty body is `{}`.
pub(crate) fn read_object(body: &str, v: &mut Violations) -> Option<Map<String, Value>> {
    if body.trim().is_empty() {
        return Some(Map::new());
    }
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => Some(map),
        Ok(_) => {
            v.push(
                ViolationKind::MalformedBody,
                "the body must be a JSON object, such as {\"fromDate\": \"2025-02-01T00:00:00Z\", \
                 \"toDate\": \"2025-03-01T00:00:00Z\"}",
            );
            None
        }
        Err(e) => {
            v.push(
                ViolationKind::MalformedBody,
                format!("the body is not valid JSON ({e}); send a JSON object"),
            );
            None
        }
    }
}

fn parse_org(v: &mut Violations, i: usize, item: &Value) -> Option<OrganizationFilter> {
    let at = format!("organizations[{i}]");
    let Value::Object(map) = item else {
        wrong_type(
            v,
            &at,
            "an object for one organization, such as {\"orgId\": \"ORGANIZATION_ID\"}",
        );
        return None;
    };
    let mut org = OrganizationFilter::default();
    let mut readable = true;
    for (key, value) in map {
        match key.as_str() {
            "orgId" => match value {
                Value::String(s) => org.org_id = s.clone(),
                Value::Null => {}
                Value::Array(_) => {
                    readable = false;
                    v.push(
                        ViolationKind::SeveralOrganizationsInOneObject,
                        format!(
                            "{at}.orgId lists several organizations, but each organization must \
                             be in its own object within the organizations array, such as \
                             [{{\"orgId\": \"ORG_1\"}}, {{\"orgId\": \"ORG_2\"}}]"
                        ),
                    );
                }
                _ => {
                    readable = false;
                    wrong_type(v, &format!("{at}.orgId"), "a string, the organization's ID");
                }
            },
            "products" => match value {
                Value::Null => {}
                Value::Array(items) => {
                    org.products = Some(
                        items
                            .iter()
                            .enumerate()
                            .filter_map(|(j, item)| parse_product(v, &at, j, item))
                            .collect(),
                    );
                }
                _ => wrong_type(
                    v,
                    &format!("{at}.products"),
                    "an array of objects, such as [{\"productName\": \"serverless\", \
                     \"resourceIds\": [\"RESOURCE_ID\"]}]",
                ),
            },
            _ => unknown_field(v, &at, key, &ORG_FIELDS),
        }
    }
    readable.then_some(org)
}

fn parse_product(
    v: &mut Violations,
    org_at: &str,
    j: usize,
    item: &Value,
) -> Option<ProductFilter> {
    let at = format!("{org_at}.products[{j}]");
    let Value::Object(map) = item else {
        wrong_type(
            v,
            &at,
            "an object such as {\"productName\": \"serverless\", \"resourceIds\": []}",
        );
        return None;
    };
    let mut product = ProductFilter::default();
    let mut readable = true;
    for (key, value) in map {
        match key.as_str() {
            "productName" => match value {
                Value::String(s) => product.product_name = s.clone(),
                Value::Null => {}
                _ => {
                    readable = false;
                    wrong_type(
                        v,
                        &format!("{at}.productName"),
                        "a string: serverless, managed_cluster, pcu or streaming",
                    );
                }
            },
            "resourceIds" => match value {
                Value::Null => {}
                Value::Array(ids) => {
                    let mut list = Vec::new();
                    for (k, id) in ids.iter().enumerate() {
                        match id {
                            Value::String(s) => list.push(s.clone()),
                            _ => wrong_type(
                                v,
                                &format!("{at}.resourceIds[{k}]"),
                                "a string, a resource ID",
                            ),
                        }
                    }
                    product.resource_ids = Some(list);
                }
                _ => wrong_type(
                    v,
                    &format!("{at}.resourceIds"),
                    "an array of resource ID strings (empty or omitted for all resources)",
                ),
            },
            _ => unknown_field(v, &at, key, &PRODUCT_FIELDS),
        }
    }
    readable.then_some(product)
}

// ---------------------------------------------------------------------------------------------
// The answer

/// The plan's credits, supplied by the caller.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credits {
    /// The type of credits, based on the subscription plan.
    pub credit_type: String,
    /// Total credits available for the current month.
    pub total: Decimal,
}

/// The answer of `POST /v2/enterprises/consumption`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsumptionResponse {
    /// The resolved start of the range (inclusive).
    pub from_date: DateTime<Utc>,
    /// The resolved end of the range (exclusive).
    pub to_date: DateTime<Utc>,
    /// Total cost of the queried usage.
    pub total_cost: Decimal,
    /// The currency costs are in.
    pub currency_type: String,
    pub credits_info: CreditsInfo,
    pub organizations: Vec<OrganizationConsumption>,
}

/// The current month's credits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditsInfo {
    /// The type of credits, based on the subscription plan.
    #[serde(rename = "type")]
    pub credit_type: String,
    pub total: Decimal,
    pub consumed: Decimal,
    pub remaining: Decimal,
}

/// One organization's usage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationConsumption {
    pub org_id: String,
    pub org_name: String,
    pub total_cost: Decimal,
    pub products: Vec<ProductConsumption>,
}

/// One product's usage in an organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductConsumption {
    /// serverless, managed_cluster, pcu, streaming; or the report's PRODUCT if it is none.
    pub product_name: String,
    pub total_cost: Decimal,
    pub resources: Vec<ResourceConsumption>,
}

/// One resource's usage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceConsumption {
    pub resource_id: String,
    pub resource_name: String,
    pub total_cost: Decimal,
    pub usage_categories: Vec<UsageCategory>,
}

/// A resource's usage of one type in one region, in one unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UsageCategory {
    pub usage_type: String,
    pub region: String,
    pub usage: Decimal,
    pub usage_unit: String,
    pub total_cost: Decimal,
}

impl ConsumptionResponse {
    /// The organization with `org_id`.
    pub fn organization(&self, org_id: &str) -> Option<&OrganizationConsumption> {
        self.organizations.iter().find(|o| o.org_id == org_id)
    }
}

impl OrganizationConsumption {
    pub fn product(&self, product_name: &str) -> Option<&ProductConsumption> {
        self.products
            .iter()
            .find(|p| p.product_name == product_name)
    }
}

impl ProductConsumption {
    pub fn resource(&self, resource_id: &str) -> Option<&ResourceConsumption> {
        self.resources.iter().find(|r| r.resource_id == resource_id)
    }
}

/// Reads, validates and answers a request body in one step, reporting every violation of both
/// the body's structure and the seed's rules.
pub fn handle(
    body: &str,
    records: &[UsageRecord],
    credits: &Credits,
    now: DateTime<Utc>,
) -> Result<ConsumptionResponse, Violations> {
    let (request, mut violations) = parse_body(body);
    match request.validate(now) {
        Ok(query) if violations.is_empty() => respond(&query, records, credits, now),
        Ok(_) => Err(violations),
        Err(more) => {
            violations.extend(more);
            Err(violations)
        }
    }
}

/// Validates a request and answers it from the enterprise's usage rows.
pub fn answer(
    request: &ConsumptionRequest,
    records: &[UsageRecord],
    credits: &Credits,
    now: DateTime<Utc>,
) -> Result<ConsumptionResponse, Violations> {
    let query = request.validate(now)?;
    respond(&query, records, credits, now)
}

#[derive(Default)]
struct ResourceAcc<'a> {
    name: &'a str,
    cost: Decimal,
    categories: BTreeMap<(&'a str, &'a str, &'a str), (Decimal, Decimal)>,
}

#[derive(Default)]
struct OrgAcc<'a> {
    name: &'a str,
    cost: Decimal,
    products: BTreeMap<String, (Decimal, BTreeMap<&'a str, ResourceAcc<'a>>)>,
}

/// Answers a validated query from the enterprise's usage rows (see the module's decisions).
pub fn respond(
    query: &ConsumptionQuery,
    records: &[UsageRecord],
    credits: &Credits,
    now: DateTime<Utc>,
) -> Result<ConsumptionResponse, Violations> {
    let matched: Vec<&UsageRecord> = records.iter().filter(|r| query.matches(r)).collect();

    let currencies: BTreeSet<&str> = matched.iter().map(|r| r.currency_type.as_str()).collect();
    if currencies.len() > 1 {
        let list: Vec<&str> = currencies.into_iter().collect();
        return Err(Violations::from(super::violation::Violation::new(
            ViolationKind::MixedCurrencies,
            format!(
                "the usage asked for is in several currencies ({}), and a summary sums one; \
                 ask for organizations billed in the same currency",
                list.join(", ")
            ),
        )));
    }
    let currency_type = match currencies.into_iter().next() {
        Some(c) => c.to_string(),
        None => {
            let all: BTreeSet<&str> = records.iter().map(|r| r.currency_type.as_str()).collect();
            match (all.len(), all.into_iter().next()) {
                (1, Some(c)) => c.to_string(),
                _ => DEFAULT_CURRENCY.to_string(),
            }
        }
    };

    let mut total_cost = Decimal::ZERO;
    let mut orgs: BTreeMap<&str, OrgAcc> = BTreeMap::new();
    for r in &matched {
        total_cost = total_cost.saturating_add(r.calculated_cost);
        let org = orgs.entry(r.org_id.as_str()).or_default();
        if org.name.is_empty() {
            org.name = &r.org_name;
        }
        org.cost = org.cost.saturating_add(r.calculated_cost);
        let product_name = ProductName::of_report_product(&r.product)
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| r.product.clone());
        let (product_cost, resources) = org.products.entry(product_name).or_default();
        *product_cost = product_cost.saturating_add(r.calculated_cost);
        let resource = resources.entry(r.resource_id.as_str()).or_default();
        if resource.name.is_empty() {
            resource.name = &r.resource_name;
        }
        resource.cost = resource.cost.saturating_add(r.calculated_cost);
        let (usage, cost) = resource
            .categories
            .entry((&r.usage_type, &r.region, &r.usage_unit))
            .or_default();
        *usage = usage.saturating_add(r.usage);
        *cost = cost.saturating_add(r.calculated_cost);
    }

    let organizations = orgs
        .into_iter()
        .map(|(org_id, org)| OrganizationConsumption {
            org_id: org_id.to_string(),
            org_name: org.name.to_string(),
            total_cost: org.cost,
            products: org
                .products
                .into_iter()
                .map(|(product_name, (cost, resources))| ProductConsumption {
                    product_name,
                    total_cost: cost,
                    resources: resources
                        .into_iter()
                        .map(|(resource_id, res)| ResourceConsumption {
                            resource_id: resource_id.to_string(),
                            resource_name: res.name.to_string(),
                            total_cost: res.cost,
                            usage_categories: res
                                .categories
                                .into_iter()
                                .map(
                                    |((usage_type, region, unit), (usage, cost))| UsageCategory {
                                        usage_type: usage_type.to_string(),
                                        region: region.to_string(),
                                        usage,
                                        usage_unit: unit.to_string(),
                                        total_cost: cost,
                                    },
                                )
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();

    Ok(ConsumptionResponse {
        from_date: query.period.start,
        to_date: query.period.end,
        total_cost,
        currency_type: currency_type.clone(),
        credits_info: credits_info(records, credits, &currency_type, now),
        organizations,
    })
}

/// The current month's credits: consumed is the cost (in `currency`) of every row of `now`'s
/// month up to `now`, capped at the total.
pub fn credits_info(
    records: &[UsageRecord],
    credits: &Credits,
    currency: &str,
    now: DateTime<Utc>,
) -> CreditsInfo {
    let month = Period {
        start: Month::of_instant(now).start(),
        end: now,
    };
    let spent = records
        .iter()
        .filter(|r| r.currency_type == currency && month.includes(r))
        .fold(Decimal::ZERO, |sum, r| {
            sum.saturating_add(r.calculated_cost)
        });
    let total = credits.total.max(Decimal::ZERO);
    let consumed = spent.min(total);
    CreditsInfo {
        credit_type: credits.credit_type.clone(),
        total,
        consumed,
        remaining: total - consumed,
    }
}

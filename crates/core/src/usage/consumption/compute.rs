//! Answering a validated query from the enterprise's usage rows.

use super::body::parse_body;
use super::request::{ConsumptionQuery, ConsumptionRequest, ProductName, DEFAULT_CURRENCY};
use super::response::{
    ConsumptionResponse, Credits, CreditsInfo, OrganizationConsumption, ProductConsumption,
    ResourceConsumption, UsageCategory,
};
use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::usage::periods::{Month, Period};
use crate::usage::report::UsageRecord;
use crate::usage::violation::{ViolationKind, Violations};

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
        return Err(Violations::from(crate::usage::violation::Violation::new(
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

//! The answer's shape, key for key as the seed spells it.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

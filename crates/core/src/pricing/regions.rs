//! The Serverless regions a database can be created in: the default price book's regions (seed
//! 001, "Cloud providers and regions": each provider's Standard, Premium and Premium+ regions),
//! with the names people know them by. `GET /v2/regions/serverless` lists them, and creating a
//! database checks its region against them.

use std::sync::OnceLock;

use super::price_book::{Classification, CloudProvider, PriceBook, Zone};

/// A region as the DevOps API's ServerlessRegion and Datacenter describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerlessRegion {
    pub provider: CloudProvider,
    pub name: String,
    pub display_name: &'static str,
    pub zone: Zone,
    pub classification: Classification,
}

/// The providers' own names for the price book's regions.
const DISPLAY_NAMES: [(&str, &str); 11] = [
    ("us-east-1", "US East (N. Virginia)"),
    ("us-west-2", "US West (Oregon)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("ap-south-1", "Asia Pacific (Mumbai)"),
    ("sa-east-1", "South America (São Paulo)"),
    ("us-east1", "Moncks Corner, South Carolina"),
    ("europe-west1", "St. Ghislain, Belgium"),
    ("asia-south1", "Mumbai, India"),
    ("eastus", "East US"),
    ("westeurope", "West Europe"),
    ("australiaeast", "Australia East"),
];

impl CloudProvider {
    /// As the DevOps API spells it: AWS, GCP, AZURE.
    pub fn api(self) -> &'static str {
        match self {
            CloudProvider::Aws => "AWS",
            CloudProvider::Gcp => "GCP",
            CloudProvider::Azure => "AZURE",
        }
    }
}

impl Zone {
    pub fn api(self) -> &'static str {
        match self {
            Zone::Na => "na",
            Zone::Emea => "emea",
            Zone::Apac => "apac",
        }
    }
}

impl Classification {
    /// As the spec's Datacenter spells it (`premium_plus`, where the price book says `premium+`).
    pub fn api(self) -> &'static str {
        match self {
            Classification::Standard => "standard",
            Classification::Premium => "premium",
            Classification::PremiumPlus => "premium_plus",
        }
    }
}

/// Every region, in the price book's order (by provider, then as the book lists them).
pub fn serverless_regions() -> &'static [ServerlessRegion] {
    static REGIONS: OnceLock<Vec<ServerlessRegion>> = OnceLock::new();
    REGIONS.get_or_init(|| {
        PriceBook::default_book()
            .regions
            .into_iter()
            .map(|r| ServerlessRegion {
                provider: r.provider,
                display_name: DISPLAY_NAMES
                    .iter()
                    .find(|(name, _)| *name == r.region)
                    .map_or("", |(_, display)| display),
                name: r.region,
                zone: r.zone,
                classification: r.classification,
            })
            .collect()
    })
}

/// The region `name` of the provider spelled `provider` (AWS, GCP, AZURE), if databases can be
/// created there.
pub fn serverless_region(provider: &str, name: &str) -> Option<&'static ServerlessRegion> {
    serverless_regions()
        .iter()
        .find(|r| r.provider.api().eq_ignore_ascii_case(provider) && r.name == name)
}

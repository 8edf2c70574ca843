//! The price book: unit prices as data, per cloud provider and region, each with its source.
//! Users load their own rate card in the same JSON format; a bad one is refused with the field
//! and the line that are wrong.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use super::estimate_error::EstimateError;

/// The cloud providers of the portal (seed 001, "Cloud providers and regions").
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CloudProvider {
    Aws,
    Gcp,
    Azure,
}

impl fmt::Display for CloudProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CloudProvider::Aws => "AWS",
            CloudProvider::Gcp => "Google Cloud",
            CloudProvider::Azure => "Azure",
        })
    }
}

/// "Each cloud provider offers Standard, Premium and Premium+ regions" (seed 001).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Standard,
    Premium,
    #[serde(rename = "premium+")]
    PremiumPlus,
}

/// The zones of the usage report: "na (North America), apac (Asia Pacific), or emea (Europe,
/// Middle East, Africa)" (seed 000, "Usage report contents").
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    Na,
    Emea,
    Apac,
}

/// The largest price, quantity or count the calculator takes: with these bounds no product or
/// sum of a bill can overflow a decimal, so no input makes it panic.
pub const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A price that cannot be negative; refused while the JSON is read, so the error carries its line.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Default)]
#[serde(transparent)]
pub struct Price(pub Decimal);

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Price, D::Error> {
        let value = <Decimal as Deserialize>::deserialize(deserializer)?;
        if value.is_sign_negative() {
            return Err(serde::de::Error::custom(format!(
                "{value} is negative: a price is zero or more"
            )));
        }
        if value > MAX_PRICE {
            return Err(serde::de::Error::custom(format!(
                "{value} is more than the calculator takes ({MAX_PRICE} at most)"
            )));
        }
        Ok(Price(value))
    }
}

/// A rate and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub price: Price,
    pub source: String,
}

/// The unit prices of one region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPrices {
    pub provider: CloudProvider,
    pub region: String,
    pub classification: Classification,
    pub zone: Zone,
    /// Per million read request units.
    pub read_per_million: Rate,
    /// Per million write request units.
    pub write_per_million: Rate,
    pub storage_per_gb_month: Rate,
    pub transfer_within_cloud_per_gb: Rate,
    pub transfer_internet_per_gb: Rate,
}

/// Classic capacity-unit rates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassicPrices {
    /// Hourly rate of one capacity unit, per plan (e.g. "C10").
    pub plans: Vec<ClassicPlan>,
    /// The last day of the old multi-region and transfer pricing (seed 001: "The pricing below
    /// will remain in effect until June 30, 2022").
    pub multi_region_until: NaiveDate,
    /// Premium per additional region in North America (US) and EMEA: 15% (seed 001).
    pub premium_us_emea: Price,
    /// Premium per additional region in APAC: 30% (seed 001).
    pub premium_apac: Price,
    /// Egress included with each additional region: 1.25 TB (seed 001), in GB.
    pub included_egress_gb: Price,
    /// Excess egress for AWS US and EMEA and Google Cloud North America: $0.03/GB (seed 001).
    pub excess_egress_low_per_gb: Price,
    /// Excess egress everywhere else: $0.11/GB (seed 001).
    pub excess_egress_high_per_gb: Price,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassicPlan {
    pub name: String,
    pub capacity_unit_per_hour: Rate,
}

/// A whole price book.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBook {
    pub name: String,
    pub currency: String,
    /// "receive a $25 credit" each month on the Free plan (seed 001, "Plan selection").
    pub free_monthly_credit: Rate,
    /// "charged per endpoint per region at $0.01/hour" (seed 001, "Private endpoints").
    pub private_endpoint_per_hour: Rate,
    /// "ingress and egress data at $0.01/GB" through a private endpoint (seed 001).
    pub private_endpoint_per_gb: Rate,
    pub regions: Vec<RegionPrices>,
    pub classic: ClassicPrices,
    /// A rate card's Annual plan discount, as a fraction (0.15 = 15%); a workload's own
    /// discount takes precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_discount: Option<Rate>,
}

/// Why a price book (or a workload) was refused: the field, and where it is in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The path of the wrong field, e.g. `regions[3].read_per_million.price`.
    pub field: String,
    /// 1-based; 0 when the problem is between entries rather than at one place.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        if !self.field.is_empty() && self.field != "." {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// Reads JSON into `T`, naming the field and line of the first problem.
pub fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, InputError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde_json appends " at line L column C"; the line and column are kept apart.
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_owned(),
            None => message,
        };
        InputError {
            field,
            line: inner.line(),
            column: inner.column(),
            message,
        }
    })?;
    deserializer.end().map_err(|e| InputError {
        field: String::new(),
        line: e.line(),
        column: e.column(),
        message: "unexpected text after the JSON document".into(),
    })?;
    Ok(value)
}

const DEFAULT: &str = include_str!("default_price_book.json");

impl PriceBook {
    /// The price book the portal ships, every rate with its source.
    pub fn default_book() -> PriceBook {
        PriceBook::from_json(DEFAULT).expect("the default price book is valid")
    }

    /// The same, read once and shared: what the billing of every request prices with.
    pub fn shipped() -> &'static PriceBook {
        static SHIPPED: std::sync::OnceLock<PriceBook> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(PriceBook::default_book)
    }

    pub fn from_json(text: &str) -> Result<PriceBook, InputError> {
        let book: PriceBook = parse_json(text)?;
        book.check()?;
        Ok(book)
    }

    /// Checks between entries: each region once, each Classic plan once, percentages below 100%.
    fn check(&self) -> Result<(), InputError> {
        let refuse = |field: String, message: String| InputError {
            field,
            line: 0,
            column: 0,
            message,
        };
        if self.regions.is_empty() {
            return Err(refuse(
                "regions".into(),
                "the price book has no regions".into(),
            ));
        }
        for (i, r) in self.regions.iter().enumerate() {
            if let Some(first) = self.regions[..i]
                .iter()
                .position(|o| o.provider == r.provider && o.region == r.region)
            {
                return Err(refuse(
                    format!("regions[{i}]"),
                    format!(
                        "{} {} is listed twice (first at regions[{first}])",
                        r.provider, r.region
                    ),
                ));
            }
        }
        for (i, p) in self.classic.plans.iter().enumerate() {
            if self.classic.plans[..i]
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&p.name))
            {
                return Err(refuse(
                    format!("classic.plans[{i}].name"),
                    format!("plan {} is listed twice", p.name),
                ));
            }
        }
        let discount = self.annual_discount.as_ref().map(|d| d.price);
        for (field, value) in [
            (
                "classic.premium_us_emea",
                Some(self.classic.premium_us_emea),
            ),
            ("classic.premium_apac", Some(self.classic.premium_apac)),
            ("annual_discount.price", discount),
        ] {
            let Some(value) = value else { continue };
            if value.0 >= Decimal::ONE {
                return Err(refuse(
                    field.into(),
                    format!("{} is a fraction: 0.15 means 15%", value.0),
                ));
            }
        }
        Ok(())
    }

    /// The prices of a region; an unknown one is an error listing the provider's regions.
    pub fn region(
        &self,
        provider: CloudProvider,
        region: &str,
    ) -> Result<&RegionPrices, EstimateError> {
        self.regions
            .iter()
            .find(|r| r.provider == provider && r.region.eq_ignore_ascii_case(region))
            .ok_or_else(|| EstimateError::UnknownRegion {
                provider,
                region: region.to_owned(),
                known: self
                    .regions
                    .iter()
                    .filter(|r| r.provider == provider)
                    .map(|r| r.region.clone())
                    .collect(),
            })
    }

    pub fn classic_plan(&self, name: &str) -> Result<&ClassicPlan, EstimateError> {
        self.classic
            .plans
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| EstimateError::UnknownClassicPlan {
                name: name.to_owned(),
                known: self.classic.plans.iter().map(|p| p.name.clone()).collect(),
            })
    }
}

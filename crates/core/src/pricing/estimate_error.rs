//! Why a workload has no estimate, as a value: the field at fault and what is wrong with it, or
//! what the price book lacks. It prints the sentence the CLI shows, and the page points at
//! [`EstimateError::field`] without reading the sentence.

use std::fmt;

use rust_decimal::Decimal;

use super::price_book::CloudProvider;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EstimateError {
    /// A field of the workload, by its path (`regions[0].storage_gb`), and what is wrong with it.
    Field { field: String, problem: String },
    /// A Classic database's capacity units or regions beyond what the calculator takes.
    ClassicTooLarge,
    /// A Classic region's egress below zero; `place` is how the bill names the region.
    NegativeEgress {
        region: usize,
        place: String,
        gb: Decimal,
    },
    /// A region the price book has no prices for, with the provider's regions it has.
    UnknownRegion {
        provider: CloudProvider,
        region: String,
        known: Vec<String>,
    },
    /// A Classic plan the price book does not have, with the plans it has.
    UnknownClassicPlan { name: String, known: Vec<String> },
    /// An Annual plan with a discount neither in the workload nor in the price book.
    NoAnnualDiscount,
}

impl EstimateError {
    /// The workload field at `field` is wrong: `problem` says how.
    pub(crate) fn at(field: impl Into<String>, problem: impl Into<String>) -> EstimateError {
        EstimateError::Field {
            field: field.into(),
            problem: problem.into(),
        }
    }

    /// The same error for a workload nested at `path` (`databases[2]`): its field's path is
    /// prefixed with it.
    pub(crate) fn within(self, path: &str) -> EstimateError {
        match self {
            EstimateError::Field { field, problem } => EstimateError::Field {
                field: format!("{path}.{field}"),
                problem,
            },
            other => other,
        }
    }

    /// The path of the one workload field at fault (`regions[0].storage_gb`), when there is one.
    pub fn field(&self) -> Option<String> {
        match self {
            EstimateError::Field { field, .. } => Some(field.clone()),
            EstimateError::NegativeEgress { region, .. } => {
                Some(format!("regions[{region}].egress_gb"))
            }
            EstimateError::NoAnnualDiscount => Some("plan.discount".to_owned()),
            EstimateError::ClassicTooLarge
            | EstimateError::UnknownRegion { .. }
            | EstimateError::UnknownClassicPlan { .. } => None,
        }
    }
}

impl fmt::Display for EstimateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EstimateError::Field { field, problem } => write!(f, "{field}: {problem}"),
            EstimateError::ClassicTooLarge => f.write_str(
                "capacity_units or regions: more than the calculator takes (10^6 capacity units, \
                 50 regions at most)",
            ),
            EstimateError::NegativeEgress { place, gb, .. } => {
                write!(
                    f,
                    "egress_gb of {place}: {gb} is negative; give zero or more"
                )
            }
            EstimateError::UnknownRegion {
                provider,
                region,
                known,
            } => write!(
                f,
                "the price book has no {provider} region '{region}'; it has: {}",
                known.join(", ")
            ),
            EstimateError::UnknownClassicPlan { name, known } => write!(
                f,
                "the price book has no Classic plan '{name}'; it has: {}",
                known.join(", ")
            ),
            EstimateError::NoAnnualDiscount => f.write_str(
                "an Annual plan needs its discount: give plan.discount (0.15 = 15%) or load a \
                 rate card with annual_discount",
            ),
        }
    }
}

impl std::error::Error for EstimateError {}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::EstimateError;
    use crate::pricing::{estimate, PriceBook, Workload};

    fn refusal(workload: serde_json::Value) -> EstimateError {
        let workload = Workload::from_json(&workload.to_string()).unwrap();
        estimate(&workload, &PriceBook::default_book()).unwrap_err()
    }

    fn classic(region: serde_json::Value, plan: &str) -> serde_json::Value {
        json!({ "kind": "classic", "classic_plan": plan, "capacity_units": 1, "regions": [region],
                "hours": "1", "date": "2023-01-01" })
    }

    #[test]
    fn a_refusal_names_its_field_apart_from_its_sentence() {
        let storage = refusal(json!({ "kind": "serverless", "plan": { "type": "free" },
            "regions": [{ "provider": "aws", "region": "us-east-1", "storage_gb": "-1" }] }));
        assert_eq!(storage.field().as_deref(), Some("regions[0].storage_gb"));
        assert_eq!(
            storage.to_string(),
            "regions[0].storage_gb: -1 is negative; give zero or more"
        );

        let region = json!({ "provider": "aws", "region": "us-east-1", "egress_gb": "-1" });
        let egress = refusal(classic(region, "C10"));
        assert_eq!(egress.field().as_deref(), Some("regions[0].egress_gb"));
        assert_eq!(
            egress.to_string(),
            "egress_gb of AWS us-east-1: -1 is negative; give zero or more"
        );

        let region = json!({ "provider": "aws", "region": "us-east-1" });
        let plan = refusal(classic(region, "C99"));
        assert_eq!(plan.field(), None);
        assert!(plan
            .to_string()
            .starts_with("the price book has no Classic plan 'C99'; it has: "));
    }
}

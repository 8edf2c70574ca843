//! Changing an organization's plan (seed 001: "In Billing & Payments, you will see your plan and
//! payment method, along with when the plan was created. You can select Manage to change your
//! plan."): Free, Pay As You Go or Annual, each with what it needs first.

use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::billing::{EarlierPlan, OrganizationBilling, PlanKind, PremiumFeature};

/// An Annual plan's terms: "For the annual plan, you are committing to the minimum monthly spend
/// for 12 months [...] If you exceed your credit and committed monthly minimum, the overages will
/// be charged at your discounted rate" (seed 001).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnnualTerms {
    pub committed_monthly_minimum: Decimal,
    /// A fraction (0.15 = 15%); without it, the price book's annual discount.
    #[serde(default)]
    pub discount: Option<Decimal>,
    /// The end of the 12 months committed to.
    pub until: DateTime<Utc>,
}

/// The plan a person chooses in Manage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlanChoice {
    Free,
    PayAsYouGo,
    Annual {
        committed_monthly_minimum: Decimal,
        discount: Option<Decimal>,
    },
}

impl PlanChoice {
    /// The Annual plan with these terms, or what is wrong with them.
    pub fn annual(minimum: Decimal, discount: Option<Decimal>) -> Result<PlanChoice, String> {
        if minimum <= Decimal::ZERO || minimum > MINIMUM_MAX {
            return Err(format!(
                "'committedMonthlyMinimum' is {minimum}: give the monthly spend committed to, \
                 more than 0 and at most {MINIMUM_MAX}"
            ));
        }
        if let Some(d) = discount.filter(|d| *d < Decimal::ZERO || *d >= Decimal::ONE) {
            return Err(format!(
                "'discount' is {d}: give a fraction from 0 up to 1 (0.15 is 15%)"
            ));
        }
        Ok(PlanChoice::Annual {
            committed_monthly_minimum: minimum,
            discount,
        })
    }

    pub fn kind(&self) -> PlanKind {
        match self {
            PlanChoice::Free => PlanKind::Free,
            PlanChoice::PayAsYouGo => PlanKind::PayAsYouGo,
            PlanChoice::Annual { .. } => PlanKind::Annual,
        }
    }
}

/// The longest commitment a minimum may state, to keep amounts a person would type: a million a
/// month.
const MINIMUM_MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// The billing after moving to `to` at `now`, or every reason it can't be done yet, each saying
/// what to do; `premium_features` are those the organization uses now.
pub fn change_plan(
    billing: &OrganizationBilling,
    premium_features: &[PremiumFeature],
    to: PlanChoice,
    now: DateTime<Utc>,
) -> Result<OrganizationBilling, Vec<String>> {
    let mut refusals = Vec::new();
    let from = billing.plan;
    if from == PlanKind::Enterprise {
        // Seed 000: organizations of an enterprise are billed on the enterprise's plan.
        return Err(vec![
            "an organization of an enterprise is on the Enterprise plan, billed with the \
             enterprise: its plan is not changed here"
                .to_owned(),
        ]);
    }
    if from == to.kind() && from != PlanKind::Annual {
        return Err(vec![format!(
            "the organization is already on the {} plan",
            name(from)
        )]);
    }
    if let Some(terms) = billing.annual.as_ref().filter(|t| now < t.until) {
        if from == PlanKind::Annual {
            refusals.push(format!(
                "the Annual plan commits to its monthly minimum for 12 months, until {}: \
                 change the plan after that",
                crate::time::format_day(terms.until)
            ));
        }
    }
    if to.kind() != PlanKind::Free && billing.payment_method.is_none() {
        // Seed 001: "For pay as you go plans, you must have a billing method for your account."
        refusals.push(format!(
            "the {} plan needs a payment method: add one with Add Payment Method (PUT \
             /v2/organizations/billing/payment-method) first",
            name(to.kind())
        ));
    }
    if to.kind() == PlanKind::Free {
        // Seed 001: "Multiple regions is available on only pay as you go and annual plans."
        if !premium_features.is_empty() {
            let names: Vec<String> = premium_features
                .iter()
                .map(|f| format!("{} on {}", f.feature, f.resource))
                .collect();
            refusals.push(format!(
                "the Free plan has no premium features: remove them first ({})",
                names.join(", ")
            ));
        }
        if billing.outstanding_balance > Decimal::ZERO {
            refusals.push(format!(
                "the outstanding balance of {} is settled at the next billing cycle: move to \
                 the Free plan after that",
                billing.outstanding_balance.normalize()
            ));
        }
    }
    let annual = match &to {
        PlanChoice::Annual {
            committed_monthly_minimum,
            discount,
        } => Some(AnnualTerms {
            committed_monthly_minimum: *committed_monthly_minimum,
            discount: *discount,
            until: now + Months::new(12),
        }),
        _ => None,
    };
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut earlier_plans = billing.earlier_plans.clone();
    earlier_plans.push(EarlierPlan {
        plan: from,
        annual: billing.annual.clone(),
        until: now,
    });
    Ok(OrganizationBilling {
        plan: to.kind(),
        plan_since: Some(now),
        annual,
        earlier_plans,
        ..billing.clone()
    })
}

/// The plan's name as the portal says it.
pub fn name(plan: PlanKind) -> &'static str {
    match plan {
        PlanKind::Free => "Free",
        PlanKind::PayAsYouGo => "Pay As You Go",
        PlanKind::Annual => "Annual",
        PlanKind::Enterprise => "Enterprise",
    }
}

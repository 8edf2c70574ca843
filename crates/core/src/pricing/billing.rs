//! An organization's billing: its plan and at most one payment method (seed 001, "Managing
//! payment methods": "Astra DB supports one payment method for each organization").

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::plan_change::AnnualTerms;

/// A card on file, as the portal shows it; the full number is never kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    pub brand: String,
    pub last4: String,
    pub expires: String,
}

/// The plans an organization can be on (seed 001, "Plan selection"; Enterprise, seed 000).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    Free,
    PayAsYouGo,
    Annual,
    Enterprise,
}

/// One organization's billing: its plan, at most one payment method and what it owes. Records
/// written when premium features were kept here still load: serde leaves the old list out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationBilling {
    pub plan: PlanKind,
    pub payment_method: Option<PaymentMethod>,
    pub outstanding_balance: Decimal,
    /// When the organization went on its plan ("you will see your plan and payment method,
    /// along with when the plan was created", seed 001); none when it has been on it from the
    /// start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_since: Option<DateTime<Utc>>,
    /// The Annual plan's terms, while on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual: Option<AnnualTerms>,
    /// The plans it was on before, oldest first: a month is billed on the plan it closed on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_plans: Vec<EarlierPlan>,
    /// Credits granted to it (a promotion, a goodwill credit): Pay As You Go, Annual and
    /// Enterprise months draw on them, the oldest month first (`pricing::invoice`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credit_grants: Vec<CreditGrant>,
}

/// A plan the organization has left, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EarlierPlan {
    pub plan: PlanKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual: Option<AnnualTerms>,
    /// When it ended: the next plan's start.
    pub until: DateTime<Utc>,
}

/// Credit granted at an instant, usable from the month it was granted in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditGrant {
    pub amount: Decimal,
    pub granted: DateTime<Utc>,
    /// Why it was granted, as the Billing page says it.
    pub reason: String,
}

impl OrganizationBilling {
    /// The plan (and its Annual terms) in force at `instant`.
    pub fn plan_at(&self, instant: DateTime<Utc>) -> (PlanKind, Option<&AnnualTerms>) {
        self.earlier_plans
            .iter()
            .find(|earlier| instant < earlier.until)
            .map_or((self.plan, self.annual.as_ref()), |earlier| {
                (earlier.plan, earlier.annual.as_ref())
            })
    }

    /// Adds the payment method, or updates the one there is: "Astra DB supports one payment
    /// method for each organization", and "All future billing will use the new payment entered".
    /// Returns the method it replaced.
    pub fn set_payment_method(&mut self, method: PaymentMethod) -> Option<PaymentMethod> {
        self.payment_method.replace(method)
    }

    /// Removes the payment method when seed 001's prerequisites allow it, given the premium
    /// features the organization uses; otherwise nothing changes and the blockers say what to do.
    pub fn remove_payment_method(
        &mut self,
        premium_features: &[PremiumFeature],
    ) -> Result<Option<PaymentMethod>, RemovalBlockers> {
        let blockers = payment_method_removal(self.outstanding_balance, premium_features);
        if blockers.allowed() {
            Ok(self.payment_method.take())
        } else {
            Err(blockers)
        }
    }
}

/// A premium feature applied to a resource: "A premium feature, such as multi-region or private
/// endpoints, is optionally applied to a resource" (seed 001, "Removing a Payment Method"). The
/// organization's are derived from its databases (`model::premium`), never kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PremiumFeature {
    /// "Multi-region" or "Private endpoint", as the Billing page names it.
    pub feature: String,
    /// The resource it is applied to: a database, or a database's region.
    pub resource: String,
    pub kind: PremiumKind,
    /// The database it is applied to: where it is turned off.
    pub database_id: String,
    /// The region with the private endpoints, for a private endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datacenter_id: Option<String>,
}

/// Which premium feature, and so where it is turned off: a database's Regions or its Private
/// endpoints.
#[derive(Copy, Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PremiumKind {
    MultiRegion,
    PrivateEndpoint,
}

/// Why a payment method cannot be removed now; empty when it can.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RemovalBlockers {
    /// Each premium feature to remove first, named.
    pub premium_features: Vec<PremiumFeature>,
    /// The outstanding balance that the next billing cycle settles.
    pub outstanding_balance: Option<Decimal>,
}

impl RemovalBlockers {
    pub fn allowed(&self) -> bool {
        self.premium_features.is_empty() && self.outstanding_balance.is_none()
    }

    /// What the user must do, one sentence per blocker; empty when removal is allowed.
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.premium_features.is_empty() {
            let names: Vec<String> = self
                .premium_features
                .iter()
                .map(|f| format!("{} on {}", f.feature, f.resource))
                .collect();
            out.push(format!(
                "remove the premium features first: {}",
                names.join(", ")
            ));
        }
        if let Some(balance) = self.outstanding_balance {
            out.push(format!(
                "the outstanding balance of {} is settled at the next billing cycle: remove the \
                 payment method after that",
                balance.normalize()
            ));
        }
        out
    }
}

/// The four cases of seed 001's "Prerequisites": no balance and no premium features: allowed;
/// premium features: remove them first; an outstanding balance: wait for the next billing cycle;
/// both: both.
pub fn payment_method_removal(
    outstanding_balance: Decimal,
    premium_features: &[PremiumFeature],
) -> RemovalBlockers {
    RemovalBlockers {
        premium_features: premium_features.to_vec(),
        outstanding_balance: (outstanding_balance > Decimal::ZERO).then_some(outstanding_balance),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features() -> Vec<PremiumFeature> {
        let feature = |feature: &str, resource: &str, kind| PremiumFeature {
            feature: feature.into(),
            resource: resource.into(),
            kind,
            database_id: "d1".into(),
            datacenter_id: None,
        };
        vec![
            feature("Multi-region", "orders-db", PremiumKind::MultiRegion),
            feature(
                "Private endpoint",
                "billing-db",
                PremiumKind::PrivateEndpoint,
            ),
        ]
    }

    /// seed 001: "With no outstanding balance and no premium features, you can remove your
    /// payment method at any time."
    #[test]
    fn no_balance_and_no_features_allows_removal() {
        let r = payment_method_removal(Decimal::ZERO, &[]);
        assert!(r.allowed());
        assert!(r.messages().is_empty());
    }

    /// seed 001: "If you have no outstanding balance and premium features, you must remove all of
    /// these features before you can proceed."
    #[test]
    fn premium_features_are_removed_first_each_named() {
        let r = payment_method_removal(Decimal::ZERO, &features());
        assert!(!r.allowed());
        assert_eq!(
            r.messages(),
            ["remove the premium features first: Multi-region on orders-db, Private endpoint on billing-db"]
        );
    }

    /// seed 001: "If you have an outstanding balance and no premium features, you must wait until
    /// the next billing cycle to settle this account."
    #[test]
    fn an_outstanding_balance_waits_for_the_next_cycle() {
        let r = payment_method_removal("12.50".parse().unwrap(), &[]);
        assert!(!r.allowed());
        assert_eq!(r.messages().len(), 1);
        assert!(r.messages()[0].contains("12.5 is settled at the next billing cycle"));
    }

    /// seed 001: "If you have an outstanding balance and premium features, you must remove your
    /// premium features [...] You must wait until the next billing cycle".
    #[test]
    fn both_blockers_are_both_reported() {
        let r = payment_method_removal("3".parse().unwrap(), &features());
        assert_eq!(r.messages().len(), 2);
    }

    fn card(last4: &str) -> PaymentMethod {
        PaymentMethod {
            brand: "Visa".into(),
            last4: last4.into(),
            expires: "12/29".into(),
        }
    }

    /// seed 001: "Astra DB supports one payment method for each organization"; an update
    /// replaces it.
    #[test]
    fn an_organization_has_one_payment_method_at_most() {
        let mut billing = OrganizationBilling {
            plan: PlanKind::PayAsYouGo,
            payment_method: None,
            outstanding_balance: Decimal::ZERO,
            plan_since: None,
            annual: None,
            earlier_plans: vec![],
            credit_grants: vec![],
        };
        assert_eq!(billing.set_payment_method(card("4242")), None);
        assert_eq!(billing.set_payment_method(card("1881")), Some(card("4242")));
        assert_eq!(billing.payment_method, Some(card("1881")));

        let before = billing.clone();
        assert!(billing.remove_payment_method(&features()).is_err());
        assert_eq!(billing, before, "a refused removal changes nothing");
        assert_eq!(billing.remove_payment_method(&[]), Ok(Some(card("1881"))));
        assert_eq!(billing.payment_method, None);
    }

    /// A record kept when the premium features were a stored list still loads.
    #[test]
    fn an_old_record_with_stored_premium_features_loads() {
        let old = r#"{"plan":"pay_as_you_go","payment_method":null,"outstanding_balance":"0",
            "premium_features":[{"feature":"Multi-region","resource":"orders-db"}]}"#;
        let billing: OrganizationBilling = serde_json::from_str(old).unwrap();
        assert_eq!(billing.plan, PlanKind::PayAsYouGo);
    }
}

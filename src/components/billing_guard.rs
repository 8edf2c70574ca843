//! The evaluator's answer for the billing controls, with the permission and DRN the billing
//! handlers check (crates/core/src/api/billing.rs).

use portal_core::model::Scope;
use portal_core::rbac::Drn;

use crate::portal::Portal;

/// Seeing (`org-billing-read`) or changing (`org-billing-write`) an organization's billing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BillingAccess {
    Read,
    Write,
}

/// Whether the acting principal may read or change `org`'s billing; tracked.
pub fn check_org_billing(portal: &Portal, org: &str, access: BillingAccess) -> Result<(), String> {
    let permission = match access {
        BillingAccess::Read => "org-billing-read",
        BillingAccess::Write => "org-billing-write",
    };
    let scope = Scope::Organization(org.to_owned());
    portal.check(&scope, permission, &Drn::organization(org))
}

/// Whether the acting principal may query the enterprise's consumption and billing reports
/// (`ent-billing-read`); tracked.
pub fn check_enterprise_billing(portal: &Portal) -> Result<(), String> {
    let enterprise = portal
        .state()
        .map(|state| state.enterprise.id.clone())
        .ok_or("the portal is still loading")?;
    portal.check(
        &Scope::Enterprise,
        "ent-billing-read",
        &Drn::enterprise(&enterprise),
    )
}

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::bootstrap::free_billing;
use portal_core::model::Scope;
use portal_core::pricing::billing::OrganizationBilling;

use super::CONTEXT;
use crate::features::billing::estimated_bill::EstimatedBill;
use crate::features::billing::invoices::Invoices;
use crate::features::billing::months::use_months;
use crate::features::billing::payment::BillingPayment;
use crate::features::billing::plan::BillingPlan;
use crate::features::billing::premium::{use_premium_features, TurnOffLink};
use crate::features::billing::usage::BillingUsage;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;
use crate::ui::table::DataTable;

/// Seed 001, "Managing payment methods", and seed 000's usage download: what a Billing
/// Administrator of this organization sees and changes. The billing shown is the stored state,
/// the same the backend's `GET /v2/organizations/billing` serves.
#[component]
pub fn Billing() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let org = Signal::derive(move || match scope.get() {
        Scope::Organization(org) => org,
        Scope::Enterprise => String::new(),
    });
    // Memos, so that a change of state that leaves them as they were re-renders nothing (the
    // payment section keeps what its last action said).
    let readable = portal.allows(
        Signal::derive(move || Scope::Organization(org.get())),
        Method::Get,
        "/v2/organizations/billing",
    );
    // An organization without a record is on the Free plan with nothing else, as the backend says.
    let billing = Memo::new(move |_| {
        let state = portal.state()?;
        Some(
            state
                .billing
                .get(&org.get())
                .cloned()
                .unwrap_or_else(free_billing),
        )
    });
    let method = Signal::derive(move || billing.get().and_then(|b| b.payment_method));
    let months = use_months(org);
    let estimate = Signal::derive(move || {
        months.get().map(|m| {
            m.and_then(|m| {
                m.last()
                    .cloned()
                    .ok_or_else(|| "no month to bill".to_owned())
            })
        })
    });
    let current = Signal::derive(move || estimate.get().and_then(Result::ok));
    let all = Signal::derive(move || months.get().and_then(Result::ok).unwrap_or_default());
    view! {
        <PageHeading
            context=CONTEXT
            title="Billing"
            intro="The plan, payment method, bills and usage of this organization."
        />
        {move || match readable.get() {
            Err(why) => view! {
                <p class="notice error billing-hidden" role="status">
                    {format!("The billing details are hidden: {why}")}
                </p>
            }.into_any(),
            Ok(()) => view! {
                <BillingPlan org billing current/>
                <EstimatedBill month=estimate/>
                <Invoices org months=all/>
                <BillingPayment org method/>
                {move || billing.get().map(|billing| view! { <BillingBalance org billing/> })}
            }.into_any(),
        }}
        <BillingUsage org/>
    }
}

/// What stands between the organization and removing its payment method (seed 001,
/// "Prerequisites"): what it owes and the premium features it uses, each linked to where it is
/// turned off.
#[component]
fn BillingBalance(org: Signal<String>, billing: OrganizationBilling) -> impl IntoView {
    let features = use_premium_features(org);
    view! {
        <section class="billing-balance" aria-labelledby="balance-heading">
            <h2 id="balance-heading">"Outstanding balance"</h2>
            <p class="balance">{billing.outstanding_balance.normalize().to_string()}</p>
            <h2>"Premium features"</h2>
            {move || {
                let features = features.get();
                if features.is_empty() {
                view! { <p>"No premium features are applied."</p> }.into_any()
            } else {
                view! {
                    <DataTable class="data billing-features" columns=["Feature", "Resource", "Remove"]>
                            {features.into_iter().map(|f| view! {
                                <tr>
                                    <td>{f.feature.clone()}</td>
                                    <td>{f.resource.clone()}</td>
                                    <td><TurnOffLink org=org.get_untracked() feature=f/></td>
                                </tr>
                            }).collect_view()}
                        </DataTable>
                }.into_any()
            }}}
        </section>
    }
}

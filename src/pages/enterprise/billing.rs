use leptos::prelude::*;

use super::CONTEXT;
use crate::components::billing_consumption::BillingConsumption;
use crate::components::billing_reports::BillingReports;
use crate::components::page_heading::PageHeading;

/// Seed 000, "Enterprise billing and usage": the consumption query and the monthly reports.
#[component]
pub fn Billing() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Billing and usage"
            intro="Consumption across the enterprise's organizations, and billing reports."
        />
        <BillingConsumption/>
        <BillingReports/>
    }
}

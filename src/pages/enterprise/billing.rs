use leptos::prelude::*;

use super::CONTEXT;
use crate::features::billing::consumption::BillingConsumption;
use crate::features::billing::reports::BillingReports;
use crate::ui::page_heading::PageHeading;

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

use std::sync::Arc;

use leptos::prelude::*;
use portal_core::pricing::PriceBook;

use crate::components::page_heading::PageHeading;
use crate::components::pricing_bill::{price, PricingBill};
use crate::components::pricing_form::{serverless_example, PricingForm};
use crate::components::pricing_plans::PricingPlans;
use crate::components::pricing_rate_card::PricingRateCard;

/// The calculator runs on the core alone: it reads nothing from the portal's state, so no
/// permission applies.
#[component]
pub fn Pricing() -> impl IntoView {
    let workload = RwSignal::new(serverless_example());
    let book = RwSignal::new(Arc::new(PriceBook::default_book()));
    let bill = Memo::new(move |_| book.with(|b| workload.with(|w| price(w, b))));
    let error = Signal::derive(move || bill.with(|b| b.as_ref().err().cloned()));
    view! {
        <PageHeading
            title="Pricing"
            intro="Estimate what a Serverless or Classic workload costs, line by line."
        />
        <div class="pricing">
            <PricingForm workload book error/>
            <div class="pricing-result">
                <PricingBill bill/>
                <PricingPlans workload book/>
                <PricingRateCard book workload/>
            </div>
        </div>
    }
}

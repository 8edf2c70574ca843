use std::sync::Arc;

use leptos::prelude::*;
use portal_core::pricing::PriceBook;

use crate::features::pricing::bill::{price, PricingBill};
use crate::features::pricing::form::{serverless_example, PricingForm};
use crate::features::pricing::plans::PricingPlans;
use crate::features::pricing::rate_card::PricingRateCard;
use crate::ui::page_heading::PageHeading;

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

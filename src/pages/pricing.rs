use leptos::prelude::*;

use crate::components::page_heading::PageHeading;

#[component]
pub fn Pricing() -> impl IntoView {
    view! {
        <PageHeading
            title="Pricing"
            intro="Estimate what a Serverless or Classic workload costs, line by line."
        />
    }
}

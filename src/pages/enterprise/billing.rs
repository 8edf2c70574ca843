use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Billing() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Billing and usage"
            intro="Consumption across the enterprise's organizations, and billing reports."
        />
    }
}

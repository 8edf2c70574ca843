use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Billing() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Billing"
            intro="The plan, payment method, bills and usage of this organization."
        />
    }
}

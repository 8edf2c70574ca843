use leptos::prelude::*;

use crate::components::page_heading::PageHeading;

#[component]
pub fn Usage() -> impl IntoView {
    view! {
        <PageHeading
            title="Usage"
            intro="Import a usage report: cost by day, product and organization, the rows whose cost doesn't add up, and the month's projection."
        />
    }
}

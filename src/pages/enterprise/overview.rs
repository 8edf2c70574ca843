use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Overview() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Overview"
            intro="The organizations in your enterprise, and a summary of enterprise-wide usage and credits."
        />
    }
}

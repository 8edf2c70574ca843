use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn General() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="General"
            intro="Your enterprise ID and display name."
        />
    }
}

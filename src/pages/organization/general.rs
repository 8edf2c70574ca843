use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn General() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="General"
            intro="The organization's name, ID and details."
        />
    }
}

use leptos::prelude::*;

use crate::components::page_heading::PageHeading;

#[component]
pub fn Access() -> impl IntoView {
    view! {
        <PageHeading
            title="Access"
            intro="Who can do what: check a permission for a user or token on a resource, and see why."
        />
    }
}

use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Tokens() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Tokens"
            intro="Application tokens that act in this organization with the roles they were given."
        />
    }
}

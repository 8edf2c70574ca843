use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Tokens() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Tokens"
            intro="Enterprise application tokens authenticate DevOps API operations that need enterprise permissions."
        />
    }
}

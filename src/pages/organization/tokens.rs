use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;
use crate::components::token_generator::TokenGenerator;
use crate::components::token_list::TokenList;

/// Seed 002, "Manage application tokens": tokens that act in this organization.
#[component]
pub fn Tokens() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Tokens"
            intro="Application tokens that act in this organization with the roles they were given."
        />
        <TokenGenerator/>
        <TokenList/>
    }
}

use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;
use crate::components::token_generator::TokenGenerator;
use crate::components::token_list::TokenList;

/// Seed 000, "Enterprise application tokens": tokens that hold enterprise roles.
#[component]
pub fn Tokens() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Tokens"
            intro="Enterprise application tokens authenticate DevOps API operations that need enterprise permissions."
        />
        <TokenGenerator/>
        <TokenList/>
    }
}

use leptos::prelude::*;

use super::CONTEXT;
use crate::features::tokens::generator::TokenGenerator;
use crate::features::tokens::list::TokenList;
use crate::ui::page_heading::PageHeading;

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

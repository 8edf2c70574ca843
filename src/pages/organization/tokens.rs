use leptos::prelude::*;

use super::CONTEXT;
use crate::features::tokens::generator::TokenGenerator;
use crate::features::tokens::list::TokenList;
use crate::ui::page_heading::PageHeading;

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

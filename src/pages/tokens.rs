use leptos::prelude::*;

use crate::features::tokens::generator::TokenGenerator;
use crate::features::tokens::list::TokenList;
use crate::pages::settings_heading::SettingsHeading;

/// Seed 002, "Manage application tokens": tokens that act in an organization; seed 000,
/// "Enterprise application tokens": tokens that hold enterprise roles.
#[component]
pub fn Tokens() -> impl IntoView {
    view! {
        <SettingsHeading
            title="Tokens"
            enterprise="Enterprise application tokens authenticate DevOps API operations that need enterprise permissions."
            organization="Application tokens that act in this organization with the roles they were given."
        />
        <TokenGenerator/>
        <TokenList/>
    }
}

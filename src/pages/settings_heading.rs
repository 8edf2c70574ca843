use leptos::prelude::*;
use portal_core::model::Scope;

use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;

/// The heading of a settings page that the enterprise and each organization both have: where it
/// is and what it is for follow the address's scope.
#[component]
pub fn SettingsHeading(
    title: &'static str,
    /// What the page is for in the enterprise's settings.
    enterprise: &'static str,
    /// What it is for in an organization's.
    organization: &'static str,
) -> impl IntoView {
    let scope = use_scope();
    move || {
        let (context, intro) = match scope.get() {
            Scope::Enterprise => (super::enterprise::CONTEXT, enterprise),
            Scope::Organization(_) => (super::organization::CONTEXT, organization),
        };
        view! { <PageHeading context title intro/> }
    }
}

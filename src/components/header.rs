use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::acting_as::ActingAs;
use crate::scope::SettingsScope;

/// The portal header: the product, the current organization or enterprise, and Settings.
#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let scope = Memo::new(move |_| SettingsScope::of_path(&location.pathname.get()));
    let current = move || match scope.get() {
        Some(SettingsScope::Organization(org)) => format!("Organization {org}"),
        _ => "Enterprise".to_owned(),
    };
    let settings_href = move || {
        scope
            .get()
            .unwrap_or(SettingsScope::Enterprise)
            .href("general")
    };
    view! {
        <header class="portal-header">
            <A href="/" attr:class="brand">{portal_core::PRODUCT_NAME}</A>
            <span class="current-scope" aria-label="Current organization or enterprise">
                {current}
            </span>
            <ActingAs/>
            <A href=settings_href attr:class="settings-link">"Settings"</A>
        </header>
    }
}

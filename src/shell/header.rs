use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::scope::SettingsScope;
use crate::shell::acting_as::ActingAs;
use crate::shell::org_switcher::OrgSwitcher;
use crate::shell::sync_status::SyncStatus;

/// The portal header: the product, the Organizations dropdown (the current organization or
/// enterprise), who is acting, and Settings.
#[component]
pub fn Header() -> impl IntoView {
    let location = use_location();
    let settings_href = move || {
        SettingsScope::of_path(&location.pathname.get())
            .unwrap_or(SettingsScope::Enterprise)
            .href("general")
    };
    view! {
        <header class="portal-header">
            <A href="/" attr:class="brand">{portal_core::PRODUCT_NAME}</A>
            <OrgSwitcher/>
            <ActingAs/>
            <SyncStatus/>
            <A href=settings_href attr:class="settings-link">"Settings"</A>
        </header>
    }
}

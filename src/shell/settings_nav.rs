use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::scope::SettingsScope;

const ENTERPRISE_PAGES: [(&str, &str); 8] = [
    ("general", "General"),
    ("overview", "Overview"),
    ("users", "Users"),
    ("roles", "Roles"),
    ("tokens", "Tokens"),
    ("billing", "Billing"),
    ("audit", "Audit log"),
    ("emails", "Email outbox"),
];

const ORGANIZATION_PAGES: [(&str, &str); 9] = [
    ("general", "General"),
    ("users", "Users"),
    ("roles", "Roles"),
    ("tokens", "Tokens"),
    ("billing", "Billing"),
    ("databases", "Databases"),
    ("customer-keys", "Customer keys"),
    ("audit", "Audit log"),
    ("emails", "Email outbox"),
];

/// The Settings navigation menu: the enterprise's pages, the current organization's pages, and
/// the portal's tools.
#[component]
pub fn SettingsNav() -> impl IntoView {
    let location = use_location();
    let organization = Memo::new(
        move |_| match SettingsScope::of_path(&location.pathname.get()) {
            Some(scope @ SettingsScope::Organization(_)) => Some(scope),
            _ => None,
        },
    );
    view! {
        <nav class="settings-nav" aria-label="Settings">
            <NavSection title="Enterprise" scope=SettingsScope::Enterprise pages=&ENTERPRISE_PAGES/>
            {move || organization.get().map(|scope| view! {
                <NavSection title="Organization" scope pages=&ORGANIZATION_PAGES/>
            })}
            <h2>"Tools"</h2>
            <ul>
                <li><A href="/pricing">"Pricing"</A></li>
                <li><A href="/usage">"Usage"</A></li>
                <li><A href="/access">"Access"</A></li>
            </ul>
        </nav>
    }
}

#[component]
fn NavSection(
    title: &'static str,
    scope: SettingsScope,
    pages: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    view! {
        <h2>{title}</h2>
        <ul>
            {pages.iter().map(|(section, label)| view! {
                <li><A href=scope.href(section)>{*label}</A></li>
            }).collect_view()}
        </ul>
    }
}

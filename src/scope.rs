//! Which settings the current address is about: the enterprise or one organization.
//!
//! The header and the settings navigation sit outside the routes, so they read the scope from the
//! path rather than from route parameters.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::model::Scope;

/// The subject of a settings page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsScope {
    Enterprise,
    Organization(String),
}

impl SettingsScope {
    /// The scope a path is in, or `None` for pages outside the settings (Pricing, Access).
    pub fn of_path(path: &str) -> Option<SettingsScope> {
        let mut segments = path.trim_start_matches('/').split('/');
        if segments.next()? != "settings" {
            return None;
        }
        match (segments.next()?, segments.next()) {
            ("enterprise", _) => Some(SettingsScope::Enterprise),
            ("organizations", Some(org)) if !org.is_empty() => {
                Some(SettingsScope::Organization(org.to_owned()))
            }
            _ => None,
        }
    }

    /// Where a principal acts on this page: the organization, or the enterprise.
    pub fn scope(&self) -> Scope {
        match self {
            SettingsScope::Enterprise => Scope::Enterprise,
            SettingsScope::Organization(org) => Scope::Organization(org.clone()),
        }
    }

    /// The address of one settings page of this scope, `section` being "users", "roles", ...
    pub fn href(&self, section: &str) -> String {
        match self {
            SettingsScope::Enterprise => format!("/settings/enterprise/{section}"),
            SettingsScope::Organization(org) => format!("/settings/organizations/{org}/{section}"),
        }
    }
}

/// Where the current page acts: its organization, or the enterprise on every other page.
pub fn use_scope() -> Memo<Scope> {
    let location = use_location();
    Memo::new(move |_| {
        SettingsScope::of_path(&location.pathname.get())
            .unwrap_or(SettingsScope::Enterprise)
            .scope()
    })
}

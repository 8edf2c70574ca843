use leptos::prelude::*;

use crate::features::roles::manager::RoleManager;
use crate::pages::settings_heading::SettingsHeading;
use crate::scope::use_scope;

/// Seed 004, "Manage roles and permissions": an organization's default and custom roles; seed
/// 000, "Manage enterprise roles": enterprise roles are separate from organization roles, and a
/// custom one's resource scope is the organizations it can view at the enterprise level.
#[component]
pub fn Roles() -> impl IntoView {
    view! {
        <SettingsHeading
            title="Roles"
            enterprise="The default and custom enterprise roles and their enterprise permissions."
            organization="Default roles, and custom roles with their permissions and resource scopes."
        />
        <RoleManager scope=use_scope()/>
    }
}

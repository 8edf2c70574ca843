use leptos::prelude::*;

use super::CONTEXT;
use crate::features::roles::manager::RoleManager;
use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;

/// Seed 004, "Manage roles and permissions": the organization's default and custom roles.
#[component]
pub fn Roles() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Roles"
            intro="Default roles, and custom roles with their permissions and resource scopes."
        />
        <RoleManager scope=use_scope()/>
    }
}

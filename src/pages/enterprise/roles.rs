use leptos::prelude::*;

use super::CONTEXT;
use crate::features::roles::manager::RoleManager;
use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;

/// Seed 000, "Manage enterprise roles": enterprise roles are separate from organization roles;
/// a custom one's resource scope is the organizations it can view at the enterprise level.
#[component]
pub fn Roles() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Roles"
            intro="The default and custom enterprise roles and their enterprise permissions."
        />
        <RoleManager scope=use_scope()/>
    }
}

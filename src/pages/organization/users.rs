use leptos::prelude::*;

use super::CONTEXT;
use crate::features::users::management::UserManagement;
use crate::scope::use_scope;
use crate::ui::page_heading::PageHeading;

/// seed 002, "Invite users to an organization": the organization's users, their roles, and
/// pending invitations.
#[component]
pub fn Users() -> impl IntoView {
    let scope = use_scope();
    view! {
        <PageHeading
            context=CONTEXT
            title="Users"
            intro="The organization's users, their roles, and pending invitations."
        />
        // Rebuilt per organization: a filter, page or invitation result belongs to one.
        {move || view! { <UserManagement scope=scope.get()/> }}
    }
}

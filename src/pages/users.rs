use leptos::prelude::*;

use crate::features::users::management::UserManagement;
use crate::pages::settings_heading::SettingsHeading;
use crate::scope::use_scope;

/// Seed 002, "Invite users to an organization": the organization's users, their roles, and
/// pending invitations; seed 000, "Manage enterprise users": every enterprise user, the Admin
/// flag for Enterprise Administrators, invitations, and each user's enterprise roles.
#[component]
pub fn Users() -> impl IntoView {
    let scope = use_scope();
    view! {
        <SettingsHeading
            title="Users"
            enterprise="The people in your enterprise, their enterprise roles, and pending invitations."
            organization="The organization's users, their roles, and pending invitations."
        />
        // Rebuilt per scope: a filter, page or invitation result belongs to one.
        {move || view! { <UserManagement scope=scope.get()/> }}
    }
}

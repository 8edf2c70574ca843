use leptos::prelude::*;
use portal_core::model::Scope;

use super::CONTEXT;
use crate::features::users::management::UserManagement;
use crate::ui::page_heading::PageHeading;

/// seed 000, "Manage enterprise users": every enterprise user, the Admin flag for Enterprise
/// Administrators, invitations, and each user's enterprise roles.
#[component]
pub fn Users() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Users"
            intro="The people in your enterprise, their enterprise roles, and pending invitations."
        />
        <UserManagement scope=Scope::Enterprise/>
    }
}

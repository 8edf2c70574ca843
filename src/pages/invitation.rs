use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::model::Scope;

use crate::features::emails::invitation::InvitationLink;
use crate::ui::page_heading::PageHeading;

/// Accept Invitation, where an invitation email's link leads: `/invitation/{user}/organization/
/// {org}` or `/invitation/{user}/enterprise`.
#[component]
pub fn Invitation() -> impl IntoView {
    let params = use_params_map();
    move || {
        let params = params.get();
        let user_id = params.get("user").unwrap_or_default();
        let scope = params
            .get("org")
            .map_or(Scope::Enterprise, Scope::Organization);
        view! {
            <PageHeading title="Accept Invitation" intro="Join an organization or the enterprise you were invited to."/>
            <InvitationLink user_id scope/>
        }
    }
}

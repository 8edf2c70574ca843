use leptos::prelude::*;

use crate::features::organizations::add::AddOrganization;
use crate::features::organizations::list::OrganizationList;
use crate::ui::page_heading::PageHeading;

/// Manage Organizations, from the header's switcher: where the acting principal belongs, and Add
/// Organization (made from the person's default organization, as seed 000 says).
#[component]
pub fn ManageOrganizations() -> impl IntoView {
    let adding = RwSignal::new(false);
    view! {
        <PageHeading
            title="Manage Organizations"
            intro="Every organization you belong to, standalone and in the enterprise."
        />
        <div class="actions">
            <button type="button" class="primary" on:click=move |_| adding.set(true)>"Add Organization"</button>
        </div>
        <OrganizationList/>
        <AddOrganization open=adding shown=Signal::stored(None)/>
    }
}

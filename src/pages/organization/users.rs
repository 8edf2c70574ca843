use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Users() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Users"
            intro="The organization's users, their roles, and pending invitations."
        />
    }
}

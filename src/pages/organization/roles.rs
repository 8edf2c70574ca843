use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Roles() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Roles"
            intro="Default roles, and custom roles with their permissions and resource scopes."
        />
    }
}

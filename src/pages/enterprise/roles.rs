use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Roles() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Roles"
            intro="The default and custom enterprise roles and their enterprise permissions."
        />
    }
}

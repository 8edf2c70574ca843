use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Databases() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Databases"
            intro="The databases, keyspaces and tables that custom roles can be scoped to."
        />
    }
}

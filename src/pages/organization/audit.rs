use leptos::prelude::*;

use super::CONTEXT;
use crate::components::page_heading::PageHeading;

#[component]
pub fn Audit() -> impl IntoView {
    view! {
        <PageHeading
            context=CONTEXT
            title="Audit log"
            intro="Who changed what, and when."
        />
    }
}

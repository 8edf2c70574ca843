use leptos::prelude::*;

use crate::portal::{use_portal, Status};

/// Says when the portal is loading, or why it could not open its storage.
#[component]
pub fn PortalStatus() -> impl IntoView {
    let portal = use_portal();
    move || {
        match portal.status() {
        Status::Loading => Some(
            view! { <p class="notice" role="status">"Loading the portal's data..."</p> }.into_any(),
        ),
        Status::Failed(why) => Some(
            view! {
                <p class="notice error" role="alert">{format!("The portal can't open its data: {why}")}</p>
            }
            .into_any(),
        ),
        Status::Ready => None,
    }
    }
}

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

#[component]
pub fn NotFound() -> impl IntoView {
    let path = use_location().pathname;
    view! {
        <div class="page-heading">
            <h1 tabindex="-1">"Page not found"</h1>
            <p class="page-intro">
                "There is no page at " <code>{move || path.get()}</code> ". "
                <A href="/">"Go to the enterprise overview"</A>
            </p>
        </div>
    }
}

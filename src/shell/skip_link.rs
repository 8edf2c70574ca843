use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// "Skip to content": the first stop of the keyboard, past the header and the navigation. The
/// router would take the click as a navigation to `#main` and leave focus on the link, so the
/// link moves focus itself.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main") {
            let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a> }
}

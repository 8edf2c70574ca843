use leptos::prelude::*;

/// "Copy": puts `text` on the clipboard and says so.
#[component]
pub fn CopyButton(
    #[prop(into)] text: Signal<String>,
    /// What is copied, for the accessible name ("Copy enterprise ID").
    what: &'static str,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window
                .navigator()
                .clipboard()
                .write_text(&text.get_untracked());
            copied.set(true);
        }
    };
    view! {
        <button type="button" aria-label=format!("Copy {what}") on:click=copy>"Copy"</button>
        <span role="status" class="copied">{move || copied.get().then_some("Copied")}</span>
    }
}

//! A labelled text field bound to a signal: what every form of the page types into, with the
//! core's length limit as its `maxlength` so that the browser stops where the backend would.

use leptos::prelude::*;

/// A one-line field: `kind` is the input's type ("text", the default, or "email").
#[component]
pub fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    /// The most characters the core accepts (`portal_core::validation`).
    #[prop(optional)]
    max: Option<usize>,
    #[prop(default = "text")] kind: &'static str,
    /// Set for a field the form can't be sent without.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                type=kind
                required=required
                maxlength=max.map(|m| m.to_string())
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}

/// A field of several lines, such as a description.
#[component]
pub fn TextArea(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] max: Option<usize>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <textarea
                maxlength=max.map(|m| m.to_string())
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </label>
    }
}

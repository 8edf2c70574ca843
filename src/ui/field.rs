//! Labelled fields bound to signals: what every form of the page types into (with the core's
//! length limit as its `maxlength`, so that the browser stops where the backend would) or
//! chooses from.

use leptos::prelude::*;

use crate::ui::field_error::{FieldError, FieldMessage};

/// What a text control of either kind carries: the value, both ways; the core's limit; and the
/// page's problem with it and its hint, which describe it.
fn bound(
    value: RwSignal<String>,
    max: Option<usize>,
    error: Option<FieldError>,
    hint: Option<&'static str>,
) -> impl leptos::attr::Attribute {
    let described_by = move || match error {
        Some(error) => error.described_by(hint),
        None => hint.map(str::to_owned),
    };
    view! {
        <{..}
            maxlength=max.map(|m| m.to_string())
            aria-invalid=move || error.and_then(FieldError::invalid)
            aria-describedby=described_by
            prop:value=value
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}

/// A one-line field: `kind` is the input's type ("text", the default, "email", "search" or
/// "date").
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
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] name: Option<&'static str>,
    /// What the field takes, as a hint inside it while it is empty.
    #[prop(optional)]
    placeholder: Option<&'static str>,
    /// The earliest day a date field offers.
    #[prop(optional, into)]
    min: Option<String>,
    /// "off" for what the browser should not suggest from earlier forms (IDs, not words).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// What the page says is wrong with the value, shown under the field and tied to it.
    #[prop(optional)]
    error: Option<FieldError>,
    /// The ID of a hint beside the field, which describes it.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                {..bound(value, max, error, hint)}
                type=kind
                id=id
                name=name
                placeholder=placeholder
                min=min
                autocomplete=autocomplete
                required=required
                disabled=disabled
            />
        </label>
        {error.map(|error| view! { <FieldMessage error/> })}
    }
}

/// A labelled choice among its options (the children): `value` follows the one chosen. The
/// options mark which is chosen at first (`selected`).
#[component]
pub fn SelectField(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] name: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <select id=id name=name on:change=move |ev| value.set(event_target_value(&ev))>
                {children()}
            </select>
        </label>
    }
}

/// A field of several lines, such as a description.
#[component]
pub fn TextArea(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] max: Option<usize>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] error: Option<FieldError>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label>
            {label}
            <textarea {..bound(value, max, error, hint)} rows=rows></textarea>
        </label>
        {error.map(|error| view! { <FieldMessage error/> })}
    }
}

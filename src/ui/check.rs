//! A checkbox with its label after it: every list of choices in the page (roles, permissions,
//! keyspaces, a report's filters) is made of these.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::ui::field_error::FieldError;

#[component]
pub fn CheckBox(
    /// Whether it is checked now.
    #[prop(into)]
    checked: Signal<bool>,
    /// Told the new state when someone checks or clears it.
    on_toggle: impl Fn(bool) + 'static,
    /// The form field's name and value.
    #[prop(optional, into)]
    name: Option<String>,
    #[prop(optional, into)] value: Option<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    /// The ID of the text that explains the choice.
    #[prop(optional, into)]
    help: Option<String>,
    /// The problem of the group it belongs to, which marks it invalid and describes it.
    #[prop(optional)]
    error: Option<FieldError>,
    #[prop(default = "check")] class: &'static str,
    /// The label.
    children: Children,
) -> impl IntoView {
    let described_by = move || {
        let message = error.and_then(|e| e.shown().map(|_| e.id.get_value()));
        let ids: Vec<String> = help.iter().cloned().chain(message).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    view! {
        <label class=class>
            <input
                type="checkbox"
                name=name
                value=value
                disabled=disabled
                aria-invalid=move || error.and_then(FieldError::invalid)
                aria-describedby=described_by
                prop:checked=checked
                on:change=move |ev| on_toggle(event_target_checked(&ev))
            />
            {children()}
        </label>
    }
}

/// Whether `item` is in `set`, and what puts it in or takes it out: a checkbox per member.
pub fn membership<T>(
    set: RwSignal<BTreeSet<T>>,
    item: T,
) -> (Signal<bool>, impl Fn(bool) + Clone + 'static)
where
    T: Ord + Clone + Send + Sync + 'static,
{
    let member = item.clone();
    let checked = Signal::derive(move || set.with(|s| s.contains(&member)));
    let toggle = move |on: bool| {
        set.update(|s| {
            if on {
                s.insert(item.clone());
            } else {
                s.remove(&item);
            }
        })
    };
    (checked, toggle)
}

//! A picker of one of an organization's users and tokens that stays usable with 10,000 of them:
//! a text filter narrows the select, which holds at most `LIMIT` options and always
//! the chosen one, and a line says how many are shown of how many.

use leptos::prelude::*;
use portal_core::pricing::bill::count;

use crate::features::access::subjects::Subject;

/// The most matches the select holds: a browser renders and scrolls this many at once without
/// a pause, and more are better reached by typing.
const LIMIT: usize = 200;

/// The options the filter leaves, as (key, label): the chosen subject first when the filter
/// drops it, so that the select never shows a choice other than the page's, then the first
/// `LIMIT` matches; and the line that counts them.
fn narrow(subjects: &[Subject], filter: &str, selected: &str) -> (Vec<(String, String)>, String) {
    let wanted = filter.trim().to_lowercase();
    let matches: Vec<&Subject> = subjects
        .iter()
        .filter(|s| s.label.to_lowercase().contains(&wanted))
        .collect();
    let shown = &matches[..matches.len().min(LIMIT)];
    let kept = subjects
        .iter()
        .find(|s| s.key == selected)
        .filter(|chosen| !shown.iter().any(|s| s.key == chosen.key));
    let options = kept
        .into_iter()
        .chain(shown.iter().copied())
        .map(|s| (s.key.clone(), s.label.clone()))
        .collect();
    let (matched, total) = (matches.len(), subjects.len());
    let line = if matched > LIMIT {
        let of = if wanted.is_empty() {
            count(total.into())
        } else {
            format!("{} matches", count(matched.into()))
        };
        format!("Showing {} of {of} — type to narrow", count(LIMIT.into()))
    } else if wanted.is_empty() {
        String::new()
    } else {
        format!(
            "{} of {} match the filter",
            count(matched.into()),
            count(total.into())
        )
    };
    (options, line)
}

/// A filter and a select of the organization's users and tokens, under "Users and tokens";
/// `children` adds further option groups to the select.
#[component]
pub fn SubjectPicker(
    /// The select's ID; the filter's is `{id}-filter`, the count line's `{id}-count`.
    id: &'static str,
    label: &'static str,
    filter_label: &'static str,
    #[prop(into)] subjects: Signal<Vec<Subject>>,
    /// The key of the option the page has chosen.
    #[prop(into)]
    selected: Signal<String>,
    /// Set to the chosen option's value.
    choice: RwSignal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let filter = RwSignal::new(String::new());
    let narrowed =
        Memo::new(move |_| subjects.with(|all| narrow(all, &filter.get(), &selected.get())));
    let options = move || {
        narrowed
            .get()
            .0
            .into_iter()
            .map(|(key, label)| {
                let value = key.clone();
                view! { <option value=value selected=move || selected.get() == key>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="subject-picker">
            <label>
                {filter_label}
                <input
                    type="search"
                    id=format!("{id}-filter")
                    placeholder="Email, description or client ID"
                    prop:value=filter
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </label>
            <label>
                {label}
                <select id=id on:change=move |ev| choice.set(event_target_value(&ev))>
                    <optgroup label="Users and tokens">{options}</optgroup>
                    {children.map(|extra| extra())}
                </select>
            </label>
            <p class="subject-count" id=format!("{id}-count") aria-live="polite">
                {move || narrowed.get().1}
            </p>
        </div>
    }
}

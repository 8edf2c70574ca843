//! A modal dialog, and the two kinds built on it: a confirmation and a form.

pub mod confirm;
pub mod form;
pub mod typed;

use leptos::html;
use leptos::prelude::*;

/// A modal dialog on the browser's own `<dialog>`: shown with `showModal()`, so the rest of the
/// page is inert (focus stays inside) and Escape closes it.
#[component]
pub fn Dialog(
    /// The dialog's heading, also its accessible name.
    title: &'static str,
    /// Whether it is open; closing it (Escape, Cancel) sets this to false.
    open: RwSignal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let heading = format!("dialog-{}", title.to_lowercase().replace(' ', "-"));
    let labelled_by = heading.clone();
    Effect::new(move |_| {
        if let Some(element) = dialog.get() {
            if open.get() && !element.open() {
                let _ = element.show_modal();
            } else if !open.get() && element.open() {
                element.close();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" aria-labelledby=labelled_by on:close=move |_| {
            // A close event can arrive after the dialog was opened again: only a closed dialog
            // closes the signal.
            if dialog.get().is_some_and(|element| !element.open()) {
                open.set(false);
            }
        }>
            <h2 id=heading>{title}</h2>
            {move || open.get().then(|| children())}
        </dialog>
    }
}

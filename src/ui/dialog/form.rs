//! A dialog that is one form: its fields, the refusal of the last attempt, the action and Cancel.
//! Each time it opens it starts afresh: the caller's `on_open` fills the fields, and the last
//! refusal is gone.

use crate::portal::Allowed;
use leptos::prelude::*;

use crate::ui::dialog::Dialog;
use crate::ui::request::{DialogActions, Submission};

#[component]
pub fn FormDialog(
    title: &'static str,
    open: RwSignal<bool>,
    /// The action's words, the portal's own ("Save", "Create Organization").
    label: &'static str,
    /// The evaluator's answer for the request the action sends.
    #[prop(into)]
    allowed: Signal<Allowed>,
    /// Also disabled while what the form needs (a name to type) is missing.
    #[prop(into, optional)]
    incomplete: Signal<bool>,
    submission: Submission,
    /// The form's class.
    #[prop(optional)]
    class: &'static str,
    /// The action destroys something: it looks the part.
    #[prop(optional)]
    danger: bool,
    /// Fills the fields when the dialog opens.
    #[prop(optional, into)]
    on_open: Option<Callback<()>>,
    on_submit: impl Fn() + Clone + Send + Sync + 'static,
    children: ChildrenFn,
) -> impl IntoView {
    Effect::new(move |_| {
        if open.get() {
            if let Some(fill) = on_open {
                fill.run(());
            }
            submission.clear();
        }
    });
    let action = if danger { "danger" } else { "primary" };
    view! {
        <Dialog title open>
            <form class=class on:submit=|ev| ev.prevent_default()>
                {children()}
                <DialogActions submission label allowed incomplete on_click=on_submit.clone() class=action open/>
            </form>
        </Dialog>
    }
}

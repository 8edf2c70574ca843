//! The question a destructive action asks first: what it will do, the action's own button, and
//! Cancel. Nothing is sent until the action is confirmed, and a refusal keeps the dialog open.

use leptos::prelude::*;

use crate::ui::dialog::Dialog;
use crate::ui::request::{DialogActions, Submission};

#[component]
pub fn ConfirmDialog(
    /// The dialog's heading ("Delete Role").
    title: &'static str,
    open: RwSignal<bool>,
    /// The confirming button's words, the portal's own ("Delete Role", "Remove User").
    label: &'static str,
    /// The evaluator's answer for the request the button sends.
    #[prop(into)]
    allowed: Signal<Result<(), String>>,
    /// Also disabled while what the question asks for (a name to type) is missing.
    #[prop(into, optional)]
    incomplete: Signal<bool>,
    submission: Submission,
    /// The form's class, for what the question shows besides its words.
    #[prop(optional)]
    class: &'static str,
    on_confirm: impl Fn() + Clone + Send + Sync + 'static,
    /// The question: what will be lost, and who loses it. Made afresh each time it opens.
    children: ChildrenFn,
) -> impl IntoView {
    // A question asked again starts without the last answer's refusal.
    Effect::new(move |_| {
        if open.get() {
            submission.clear();
        }
    });
    view! {
        <Dialog title open>
            <form class=format!("confirm {class}") on:submit=|ev| ev.prevent_default()>
                {children()}
                <DialogActions submission label allowed incomplete on_click=on_confirm.clone() class="danger" open/>
            </form>
        </Dialog>
    }
}

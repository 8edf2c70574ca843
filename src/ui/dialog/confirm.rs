//! The question a destructive action asks first: what it will take away, the action's own
//! button, and Cancel. Nothing is sent until the action is confirmed, and a refusal keeps the
//! question open with the core's reason. (A deletion that asks for a name to be typed is a
//! `FormDialog` with `danger`: it has a field.)

use crate::portal::Allowed;
use leptos::prelude::*;

use crate::ui::dialog::form::FormDialog;
use crate::ui::request::Submission;

#[component]
pub fn ConfirmDialog(
    /// The dialog's heading ("Delete Role").
    title: &'static str,
    /// Sends the request once confirmed, and holds its refusal.
    submission: Submission,
    open: RwSignal<bool>,
    /// The confirming button's words, the portal's own ("Delete Role", "Remove User").
    label: &'static str,
    /// The evaluator's answer for the request the button sends.
    #[prop(into)]
    allowed: Signal<Allowed>,
    /// Also disabled while the question shows why it can't be done yet.
    #[prop(into, optional)]
    incomplete: Signal<bool>,
    /// The form's class, for what the question shows besides its words.
    #[prop(optional)]
    class: &'static str,
    on_confirm: impl Fn() + Clone + Send + Sync + 'static,
    /// The question: what will be lost, and who loses it. Made afresh each time it opens.
    children: ChildrenFn,
) -> impl IntoView {
    let class = if class.is_empty() { "confirm" } else { class };
    view! {
        <FormDialog title open label allowed incomplete submission class danger=true on_submit=on_confirm>
            {children()}
        </FormDialog>
    }
}

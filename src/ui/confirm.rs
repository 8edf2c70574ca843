//! The question a destructive action asks first: what it will take away, the action's own
//! button, and Cancel. Nothing is sent until the action is confirmed, and a refusal keeps the
//! question open with the core's reason.

use leptos::prelude::*;

use crate::ui::form_dialog::FormDialog;
use crate::ui::request::Submission;

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
    /// Clears what the question asks for when it opens.
    #[prop(optional, into)]
    on_open: Option<Callback<()>>,
    on_confirm: impl Fn() + Clone + Send + Sync + 'static,
    /// The question: what will be lost, and who loses it. Made afresh each time it opens.
    children: ChildrenFn,
) -> impl IntoView {
    let class = if class.is_empty() { "confirm" } else { class };
    let on_open = on_open.unwrap_or_else(|| Callback::new(|()| ()));
    view! {
        <FormDialog title open label allowed incomplete submission class danger=true on_open on_submit=on_confirm>
            {children()}
        </FormDialog>
    }
}

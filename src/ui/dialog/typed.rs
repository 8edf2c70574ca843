//! A destructive action confirmed by typing the name of what it destroys: seed 000's "Enter the
//! organization's name, and then click Delete Organization", and Terminate Database the same way.
//! A name typed wrong is said here, in the page's words, before anything is sent.

use leptos::prelude::*;

use crate::portal::Allowed;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::TextField;
use crate::ui::field_error::FieldError;
use crate::ui::request::Submission;

#[component]
pub fn TypedConfirmDialog(
    /// The dialog's heading and its action's words, the portal's own ("Delete Organization").
    title: &'static str,
    /// The field's label ("Enter the organization's name").
    label: &'static str,
    /// What the page says of a name typed wrong.
    mismatch: &'static str,
    open: RwSignal<bool>,
    /// The name, as the person must type it.
    #[prop(into)]
    name: Signal<String>,
    #[prop(into)] allowed: Signal<Allowed>,
    submission: Submission,
    /// Sends the request, with the name as typed.
    on_confirm: impl Fn(String) + Clone + Send + Sync + 'static,
    /// What the action destroys, said before the field.
    children: ChildrenFn,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let wrong = FieldError::new("confirmation", move || {
        (typed.get() != name.get()).then_some(mismatch)
    });
    let confirm = move || {
        if FieldError::all_pass(&[wrong]) {
            on_confirm(typed.get_untracked());
        }
    };
    let empty = Signal::derive(move || typed.get().trim().is_empty());
    view! {
        <FormDialog
            title
            open
            label=title
            allowed
            incomplete=empty
            submission
            danger=true
            on_open=move || {
                typed.set(String::new());
                wrong.reset();
            }
            on_submit=confirm
        >
            {children()}
            <TextField label autocomplete="off" value=typed error=wrong/>
        </FormDialog>
    }
}

//! Delete Organization (seed 000, "Delete an organization"), from the enterprise's Overview and
//! from the organization's own General page.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::json;

use crate::portal::Allowed;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::TextField;
use crate::ui::field_error::FieldError;
use crate::ui::request::Submission;

/// "Enter the organization's name, and then click Delete Organization to permanently delete the
/// organization" (seed 000, "Delete an organization"). The enterprise's Overview and the
/// organization's own General page both delete this way; only the request's endpoint and the
/// scope it acts in differ. A name typed wrong is said here, in the page's words, before anything
/// is sent; the backend compares it again.
#[component]
pub fn DeleteOrganizationDialog(
    open: RwSignal<bool>,
    /// The organization's name, as the person must type it.
    #[prop(into)]
    name: Signal<String>,
    #[prop(into)] scope: Signal<Scope>,
    /// The DELETE request's path.
    #[prop(into)]
    target: Signal<String>,
    #[prop(into)] allowed: Signal<Allowed>,
    /// Runs with the deleted organization's name.
    on_deleted: Callback<String>,
) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let submission = Submission::default();
    let mismatch = FieldError::new("organization-name", move || {
        (typed.get() != name.get()).then_some(
            "What you typed is not the organization's name: type it exactly as it is spelled above.",
        )
    });
    let delete = move || {
        if !FieldError::all_pass(&[mismatch]) {
            return;
        }
        let gone = name.get_untracked();
        let body = json!({ "name": typed.get_untracked() });
        let (here, target) = (scope.get_untracked(), target.get_untracked());
        submission.send(here, Method::Delete, target, Some(body), move |_| {
            open.set(false);
            on_deleted.run(gone);
        });
    };
    let empty = Signal::derive(move || typed.get().trim().is_empty());
    view! {
        <FormDialog
            title="Delete Organization"
            open
            label="Delete Organization"
            allowed
            incomplete=empty
            submission
            danger=true
            on_open=move || {
                typed.set(String::new());
                mismatch.reset();
            }
            on_submit=delete
        >
            <p>
                "Deleting " <strong>{name}</strong> " permanently removes it with its roles, \
                tokens and billing record, and ends every membership in it. Terminate its \
                databases first."
            </p>
            <TextField label="Enter the organization's name" autocomplete="off" value=typed error=mismatch/>
        </FormDialog>
    }
}

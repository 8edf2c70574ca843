//! Delete Organization (seed 000, "Delete an organization"), from the enterprise's Overview and
//! from the organization's own General page.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::json;

use crate::portal::Allowed;
use crate::ui::dialog::typed::TypedConfirmDialog;
use crate::ui::request::Submission;

/// "Enter the organization's name, and then click Delete Organization to permanently delete the
/// organization" (seed 000, "Delete an organization"). The enterprise's Overview and the
/// organization's own General page both delete this way; only the request's endpoint and the
/// scope it acts in differ. The backend compares the typed name again.
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
    let submission = Submission::default();
    let delete = move |typed: String| {
        let gone = name.get_untracked();
        let body = json!({ "name": typed });
        let (here, target) = (scope.get_untracked(), target.get_untracked());
        submission.send(here, Method::Delete, target, Some(body), move |_| {
            open.set(false);
            on_deleted.run(gone);
        });
    };
    view! {
        <TypedConfirmDialog
            title="Delete Organization"
            label="Enter the organization's name"
            mismatch="What you typed is not the organization's name: type it exactly as it is spelled above."
            open
            name
            allowed
            submission
            on_confirm=delete
        >
            <p>
                "Deleting " <strong>{name}</strong> " permanently removes it with its roles, \
                tokens and billing record, and ends every membership in it. Terminate its \
                databases first."
            </p>
        </TypedConfirmDialog>
    }
}

//! Remove User: seed 000, "To remove a user or revoke a pending invitation, click More, and then
//! select Remove User." The backend refuses to remove the last administrator, and says so.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::Value;

use crate::features::users::member_dialog::MemberDialog;
use crate::portal::use_portal;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::request::Submission;

#[component]
pub fn UserRemove(about: MemberDialog) -> impl IntoView {
    let portal = use_portal();
    let enterprise = about.users.is_enterprise();
    let name = portal
        .state_untracked()
        .map(|state| about.users.name(&state))
        .unwrap_or_default();
    let submission = Submission::default();
    // Removing someone is bounded like granting what they hold: the core answers for this DELETE.
    let allowed = about.allowed(Method::Delete, "", || Value::Null);
    let row = about.row.clone();
    let open = about.open;
    let email = row.email;
    let (question, label, done) = if row.pending {
        (
            format!("Revoke the invitation of {email} to {name}? They will no longer be able to accept it."),
            "Revoke Invitation",
            format!("Revoked the invitation of {email} to {name}."),
        )
    } else {
        (
            format!("Remove {email} from {name}? They lose the roles they hold here."),
            "Remove User",
            format!("Removed {email} from {name}."),
        )
    };
    let confirm = move || about.send(submission, Method::Delete, "", None, done.clone());
    view! {
        <ConfirmDialog title="Remove User" class="user-remove" open label allowed submission on_confirm=confirm>
            <p>{question.clone()}</p>
            {enterprise.then(|| view! {
                <p class="hint">
                    "This removes the user from your enterprise only. Organization Administrators \
                     must also remove the user from any organizations in your enterprise, if necessary."
                </p>
            })}
        </ConfirmDialog>
    }
}

//! Remove User: seed 000, "To remove a user or revoke a pending invitation, click More, and then
//! select Remove User." The backend refuses to remove the last administrator, and says so.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::Value;

use crate::features::users::scope::{UserRow, UserScope};
use crate::features::users::table::UserAction;
use crate::portal::use_portal;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

#[component]
pub fn UserRemove(
    users: UserScope,
    row: UserRow,
    action: UserAction,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let enterprise = users.is_enterprise();
    let name = portal
        .state_untracked()
        .map(|state| users.name(&state))
        .unwrap_or_default();
    let (scope, target) = (
        users.scope.clone(),
        users.target(&format!("/users/{}", row.id)),
    );
    let submission = Submission::default();
    // Removing someone is bounded like granting what they hold: the core answers for this DELETE.
    let (here, asked) = (scope.clone(), target.clone());
    let allowed =
        Signal::derive(move || portal.permits(&here, Method::Delete, &asked, &Value::Null));
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
    let confirm = move || {
        let done = close_and_tell(action.open, notice, done.clone());
        submission.send(scope.clone(), Method::Delete, target.clone(), None, done);
    };
    view! {
        <ConfirmDialog title="Remove User" class="user-remove" open=action.open label allowed submission on_confirm=confirm>
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

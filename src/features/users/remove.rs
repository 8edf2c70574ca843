//! Remove User: seed 000, "To remove a user or revoke a pending invitation, click More, and then
//! select Remove User." The backend refuses to remove the last administrator, and says so.

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::Value;

use crate::features::users::request::{UserDialogButtons, UserRequest};
use crate::features::users::scope::{UserRow, UserScope};
use crate::features::users::table::UserAction;
use crate::portal::use_portal;
use crate::ui::notice::Notice;

#[component]
pub fn UserRemoveForm(
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
    let users = StoredValue::new(users);
    let request = UserRequest::default();
    // Removing someone is bounded like granting what they hold: the core answers for this DELETE.
    let asked = format!("/users/{}", row.id);
    let write = Signal::derive(move || {
        users.with_value(|u| u.permits(&portal, Method::Delete, &asked, &Value::Null))
    });
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
    let path = format!("/users/{}", row.id);
    let confirm = move || {
        let done = done.clone();
        request.send(
            users.get_value(),
            Method::Delete,
            path.clone(),
            None,
            move |_| {
                action.open.set(false);
                notice.set(Some(Notice::Done(done)));
            },
        );
    };
    view! {
        <form class="user-remove" on:submit=|ev| ev.prevent_default()>
            <p>{question}</p>
            {enterprise.then(|| view! {
                <p class="hint">
                    "This removes the user from your enterprise only. Organization Administrators \
                     must also remove the user from any organizations in your enterprise, if necessary."
                </p>
            })}
            <UserDialogButtons request label allowed=write on_click=confirm class="danger" open=action.open/>
        </form>
    }
}

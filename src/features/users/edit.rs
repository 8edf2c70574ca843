//! Edit User: the member's roles, pre-checked, replaced as a whole (PUT .../users/{id}/roles).

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::json;

use crate::features::users::roles::{at_least_one_role, UserRolePicker};
use crate::features::users::scope::{UserRow, UserScope};
use crate::features::users::table::UserAction;
use crate::portal::use_portal;
use crate::ui::field_error::FieldError;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, DialogActions, Submission};

#[component]
pub fn UserEditForm(
    users: UserScope,
    row: UserRow,
    action: UserAction,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = users.scope.clone();
    let target = users.target(&format!("/users/{}/roles", row.id));
    let roles = RwSignal::new(row.role_ids.iter().cloned().collect::<BTreeSet<_>>());
    let no_role = at_least_one_role(roles);
    let submission = Submission::default();
    // The core answers for the very change Save would send, roles and all: adding or removing a
    // role beyond what the actor holds is refused before it is sent.
    let (here, asked) = (scope.clone(), target.clone());
    let write = Signal::derive(move || {
        let body = json!({"roles": roles.get()});
        portal.permits(&here, Method::Put, &asked, &body)
    });
    let email = row.email;
    let who = format!("The roles of {email}:");
    let picker_scope = Signal::stored(scope.clone());
    let save = move || {
        if !FieldError::all_pass(&[no_role]) {
            return;
        }
        let body = json!({"roles": roles.get_untracked()});
        let done = close_and_tell(action.open, notice, format!("Saved the roles of {email}."));
        submission.send(scope.clone(), Method::Put, target.clone(), Some(body), done);
    };
    view! {
        <form class="user-edit" on:submit=|ev| ev.prevent_default()>
            <p class="user-edit-who">{who}</p>
            <UserRolePicker scope=picker_scope selected=roles error=no_role/>
            <DialogActions submission label="Save" allowed=write on_click=save class="primary" open=action.open/>
        </form>
    }
}

//! Edit User: the member's roles, pre-checked, replaced as a whole (PUT .../users/{id}/roles).

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::json;

use crate::features::roles::impact::ImpactPreview;
use crate::features::users::member_dialog::MemberDialog;
use crate::features::users::roles::{at_least_one_role, UserRolePicker};
use crate::ui::field_error::FieldError;
use crate::ui::request::{DialogActions, Submission};

#[component]
pub fn UserEditForm(about: MemberDialog) -> impl IntoView {
    let roles = RwSignal::new(about.row.role_ids.iter().cloned().collect::<BTreeSet<_>>());
    let no_role = at_least_one_role(roles);
    let submission = Submission::default();
    // The core answers for the very change Save would send, roles and all: adding or removing a
    // role beyond what the actor holds is refused before it is sent.
    let write = about.allowed(Method::Put, "/roles", move || json!({"roles": roles.get()}));
    let proposed = {
        let target = about
            .users
            .target(&format!("/users/{}/roles", about.row.id));
        Signal::derive(move || Some((Method::Put, target.clone(), json!({"roles": roles.get()}))))
    };
    let impact_scope = Signal::stored(about.users.scope.clone());
    let email = about.row.email.clone();
    let who = format!("The roles of {email}:");
    let picker_scope = Signal::stored(about.users.scope.clone());
    let open = about.open;
    let save = move || {
        if !FieldError::all_pass(&[no_role]) {
            return;
        }
        let body = json!({"roles": roles.get_untracked()});
        let done = format!("Saved the roles of {email}.");
        about.send(submission, Method::Put, "/roles", Some(body), done);
    };
    view! {
        <form class="user-edit" on:submit=|ev| ev.prevent_default()>
            <p class="user-edit-who">{who}</p>
            <UserRolePicker scope=picker_scope selected=roles error=no_role/>
            <ImpactPreview scope=impact_scope proposed/>
            <DialogActions submission label="Save" allowed=write on_click=save class="primary" open/>
        </form>
    }
}

//! Edit User: the member's roles, pre-checked, replaced as a whole (PUT .../users/{id}/roles).

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::api::Method;
use serde_json::json;

use crate::features::users::request::{UserDialogButtons, UserRequest};
use crate::features::users::roles::UserRolePicker;
use crate::features::users::scope::{UserRow, UserScope};
use crate::features::users::table::UserAction;
use crate::portal::use_portal;
use crate::ui::notice::Notice;

#[component]
pub fn UserEditForm(
    users: UserScope,
    row: UserRow,
    action: UserAction,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = Signal::stored(users.scope.clone());
    let users = StoredValue::new(users);
    let roles = RwSignal::new(row.role_ids.iter().cloned().collect::<BTreeSet<_>>());
    let request = UserRequest::default();
    let (id, email) = (row.id, row.email);
    // The core answers for the very change Save would send, roles and all: adding or removing a
    // role beyond what the actor holds is refused before it is sent.
    let asked = format!("/users/{id}/roles");
    let write = Signal::derive(move || {
        let body = json!({"roles": roles.get()});
        users.with_value(|u| u.permits(&portal, Method::Put, &asked, &body))
    });
    let who = format!("The roles of {email}:");
    let save = move || {
        let email = email.clone();
        let body = json!({"roles": roles.get_untracked()});
        let path = format!("/users/{id}/roles");
        request.send(
            users.get_value(),
            Method::Put,
            path,
            Some(body),
            move |_| {
                action.open.set(false);
                notice.set(Some(Notice::Done(format!("Saved the roles of {email}."))));
            },
        );
    };
    view! {
        <form class="user-edit" on:submit=|ev| ev.prevent_default()>
            <p class="user-edit-who">{who}</p>
            <UserRolePicker scope selected=roles/>
            <UserDialogButtons request label="Save" allowed=write on_click=save class="primary" open=action.open/>
        </form>
    }
}

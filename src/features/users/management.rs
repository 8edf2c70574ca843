//! A users page's body, the same for an organization and the enterprise: the invitation waiting
//! for the acting user, Invite User, the list, and its Edit User and Remove User dialogs.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::Value;

use crate::features::users::edit::UserEditForm;
use crate::features::users::invitation::UserInvitation;
use crate::features::users::invite::UserInvite;
use crate::features::users::remove::UserRemove;
use crate::features::users::scope::UserScope;
use crate::features::users::table::{UserAction, UserTable};
use crate::portal::use_portal;
use crate::ui::dialog::Dialog;
use crate::ui::notice::{Notice, NoticeLine};

#[component]
pub fn UserManagement(scope: Scope) -> impl IntoView {
    let portal = use_portal();
    let users = StoredValue::new(UserScope::of(scope));
    let notice = RwSignal::new(None::<Notice>);
    let (edit, remove) = (UserAction::default(), UserAction::default());
    // A memo, so that the table (and its filter and page) is rebuilt only when reading becomes
    // allowed or refused, not after every change.
    let readable = Memo::new(move |_| {
        users.with_value(|u| u.permits(&portal, Method::Get, "/users", &Value::Null))
    });
    let table = move || match readable.get() {
        Ok(()) => view! { <UserTable users=users.get_value() edit remove/> }.into_any(),
        Err(why) => {
            view! { <p class="notice error user-unreadable">{why.to_string()}</p> }.into_any()
        }
    };
    view! {
        <UserInvitation users=users.get_value() notice/>
        <div class="actions user-actions">
            <UserInvite users=users.get_value()/>
        </div>
        <NoticeLine notice/>
        {table}
        <Dialog title="Edit User" open=edit.open>
            {move || edit.dialog(users.get_value(), notice).map(|about| view! { <UserEditForm about/> })}
        </Dialog>
        {move || remove.dialog(users.get_value(), notice).map(|about| view! { <UserRemove about/> })}
    }
}

//! The body of both Roles pages: "Add Custom Role", the role list, and the dialogs that add,
//! edit and delete custom roles. The scope says whose roles: an organization's (seed 004) or the
//! enterprise's (seed 000); the backend answers for the realm the actor acts in.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use serde_json::{json, Value};

use crate::features::roles::delete::RoleDelete;
use crate::features::roles::editor::RoleEditor;
use crate::features::roles::list::{RoleList, ROLES};
use crate::portal::use_portal;
use crate::ui::dialog::Dialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};

#[component]
pub fn RoleManager(scope: Memo<Scope>) -> impl IntoView {
    let portal = use_portal();
    let notice = RwSignal::new(None::<Notice>);
    let adding = RwSignal::new(false);
    let editing = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    // The custom role the Edit Role or Delete Role dialog is about.
    let chosen = RwSignal::new(String::new());
    let can_read = move || portal.permits(&scope.get(), Method::Get, ROLES, &Value::Null);
    let can_write =
        Signal::derive(move || portal.permits(&scope.get(), Method::Post, ROLES, &json!({})));
    let open_with = move |dialog: RwSignal<bool>| {
        Callback::new(move |id: String| {
            notice.set(None);
            chosen.set(id);
            dialog.set(true);
        })
    };
    let (on_edit, on_delete) = (open_with(editing), open_with(deleting));
    view! {
        <div class="actions role-actions">
            <GuardedButton label="Add Custom Role" allowed=can_write class="primary" on_click=move || {
                notice.set(None);
                adding.set(true);
            }/>
        </div>
        <NoticeLine notice/>
        {move || match can_read() {
            Ok(()) => view! { <RoleList scope on_edit on_delete/> }.into_any(),
            Err(why) => view! { <p class="notice" role="status">{why.to_string()}</p> }.into_any(),
        }}
        <Dialog title="Add Custom Role" open=adding>
            <RoleEditor scope role_id=None open=adding saved=notice/>
        </Dialog>
        <Dialog title="Edit Role" open=editing>
            <RoleEditor scope role_id=Some(chosen.get_untracked()) open=editing saved=notice/>
        </Dialog>
        <RoleDelete scope chosen open=deleting deleted=notice/>
    }
}

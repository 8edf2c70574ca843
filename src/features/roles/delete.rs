//! The "Delete Role" confirmation (seed 004, "Delete a custom role"): it names, before anything
//! is deleted, the users and application tokens that will lose the role.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::Method;
use portal_core::model::{Scope, State};
use serde_json::Value;

use crate::portal::{error_text, use_portal};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};

/// Enough to recognise who is affected; a role held by thousands says how many more.
const SHOWN: usize = 50;

/// Who holds the role where it is defined: the users' emails (active or invited, as the backend
/// removes it from both) and the tokens' clientIds with descriptions.
fn holders(state: &State, scope: &Scope, role_id: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut users: Vec<String> = state
        .users
        .values()
        .filter(|u| {
            u.membership(scope)
                .is_some_and(|m| m.roles.iter().any(|r| r == role_id))
        })
        .map(|u| u.email.clone())
        .collect();
    users.sort();
    let tokens = state
        .tokens
        .values()
        .filter(|t| &t.scope == scope && t.roles.iter().any(|r| r == role_id))
        .map(|t| (t.client_id.clone(), t.description.clone()))
        .collect();
    (users, tokens)
}

/// "and 12 more", after the first [`SHOWN`].
fn more(total: usize) -> Option<String> {
    (total > SHOWN).then(|| format!("and {} more", total - SHOWN))
}

/// The dialog's content; it is made afresh each time the dialog opens.
#[component]
pub fn RoleDelete(
    scope: Memo<Scope>,
    role_id: String,
    /// The dialog's; closed once the role is deleted.
    open: RwSignal<bool>,
    /// The page's notice, which says what was deleted.
    deleted: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let here = scope.get_untracked();
    let Some(state) = portal.state_untracked() else {
        return ().into_any();
    };
    let Some(role) = state.role(&here, &role_id) else {
        return view! { <p class="notice">"This role no longer exists."</p> }.into_any();
    };
    let (users, tokens) = holders(&state, &here, &role_id);
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let target = format!("/v2/organizations/roles/{role_id}");
    // Deleting a role its holders lose is taking it away: the core answers for this DELETE.
    let asked = target.clone();
    let can_delete =
        Signal::derive(move || portal.permits(&scope.get(), Method::Delete, &asked, &Value::Null));
    let name = role.name.clone();
    let delete = move || {
        let scope = scope.get_untracked();
        let target = target.clone();
        let name = name.clone();
        busy.set(true);
        spawn_local(async move {
            let response = portal.request(&scope, Method::Delete, &target, None).await;
            busy.set(false);
            if response.status < 400 {
                deleted.set(Some(Notice::Done(format!("Deleted role {name}."))));
                open.set(false);
            } else {
                notice.set(Some(Notice::Error(error_text(&response))));
            }
        });
    };
    let affected = if users.is_empty() && tokens.is_empty() {
        view! { <p>"No user or application token has this role."</p> }.into_any()
    } else {
        let (user_count, token_count) = (users.len(), tokens.len());
        view! {
            {(!users.is_empty()).then(|| view! {
                <h3>{format!("Users who will lose the role ({user_count})")}</h3>
                <ul class="role-holders">
                    {users.into_iter().take(SHOWN).map(|email| view! { <li>{email}</li> }).collect_view()}
                </ul>
                {more(user_count)}
            })}
            {(!tokens.is_empty()).then(|| view! {
                <h3>{format!("Application tokens that will lose the role ({token_count})")}</h3>
                <ul class="role-holders">
                    {tokens.into_iter().take(SHOWN).map(|(client_id, description)| view! {
                        <li><code>{client_id}</code>" "{description}</li>
                    }).collect_view()}
                </ul>
                {more(token_count)}
            })}
        }
        .into_any()
    };
    view! {
        <div class="role-delete">
            <p>
                "Delete the custom role "<strong>{role.name.clone()}</strong>"? Deleting a custom role "
                "removes it from all users and application tokens it is assigned to."
            </p>
            {affected}
            <NoticeLine notice/>
            <div class="actions">
                <GuardedButton label="Delete Role" allowed=can_delete busy class="danger" on_click=delete/>
                <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
            </div>
        </div>
    }
    .into_any()
}

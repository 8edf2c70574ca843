//! The "Delete Role" confirmation (seed 004, "Delete a custom role"): it names, before anything
//! is deleted, the users and application tokens that will lose the role.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::{Scope, State};
use serde_json::Value;

use crate::features::roles::impact::ImpactPreview;
use crate::features::roles::list::ROLES;
use crate::portal::use_portal;
use crate::ui::dialog::confirm::ConfirmDialog;
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

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

/// The confirmation, about the custom role `chosen` when it opens.
#[component]
pub fn RoleDelete(
    scope: Memo<Scope>,
    chosen: RwSignal<String>,
    open: RwSignal<bool>,
    /// The page's notice, which says what was deleted.
    deleted: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let submission = Submission::default();
    let target = move || format!("{ROLES}/{}", chosen.get());
    // Deleting a role its holders lose is taking it away: the core answers for this DELETE.
    let allowed = Signal::derive(move || {
        portal.permits(&scope.get(), Method::Delete, &target(), &Value::Null)
    });
    let delete = move || {
        let role_id = chosen.get_untracked();
        let scope = scope.get_untracked();
        let Some(role) = portal
            .state_untracked()
            .and_then(|state| state.role(&scope, &role_id))
        else {
            return;
        };
        let target = format!("{ROLES}/{role_id}");
        let done = close_and_tell(open, deleted, format!("Deleted role {}.", role.name));
        submission.send(scope, Method::Delete, target, None, done);
    };
    // What each holder loses with it: another role may still give some of it.
    let proposed = Signal::derive(move || Some((Method::Delete, target(), Value::Null)));
    view! {
        <ConfirmDialog title="Delete Role" class="role-delete" open label="Delete Role" allowed submission on_confirm=delete>
            {move || question(scope.get_untracked(), chosen.get_untracked())}
            <ImpactPreview scope proposed/>
        </ConfirmDialog>
    }
}

/// What deleting the role takes away, and from whom.
fn question(here: Scope, role_id: String) -> AnyView {
    let Some(state) = use_portal().state_untracked() else {
        return ().into_any();
    };
    let Some(role) = state.role(&here, &role_id) else {
        return view! { <p class="notice">"This role no longer exists."</p> }.into_any();
    };
    let (users, tokens) = holders(&state, &here, &role_id);
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
        <p>
            "Delete the custom role "<strong>{role.name}</strong>"? Deleting a custom role "
            "removes it from all users and application tokens it is assigned to."
        </p>
        {affected}
    }
    .into_any()
}

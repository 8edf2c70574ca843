//! The invitee's side: seed 002, "Invited users are listed as pending until they accept the
//! invitation". Acting as an invited user, the page offers to accept (POST .../invitation/accept);
//! the backend allows that to the invitee alone, so there is no permission to ask the evaluator.

use leptos::prelude::*;
use portal_core::api::{Method, Principal};
use portal_core::model::MemberStatus;
use portal_core::time::format_minute;

use crate::clock::now;
use crate::features::users::scope::UserScope;
use crate::portal::use_portal;
use crate::ui::notice::Notice;
use crate::ui::request::{RefusalLine, Submission};

#[component]
pub fn UserInvitation(users: UserScope, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let portal = use_portal();
    let users = StoredValue::new(users);
    let submission = Submission::default();
    // The scope's name and the roles waiting for the acting user, if they are invited here.
    let invitation = move || {
        let state = portal.state()?;
        let Some(Principal::User(id)) = portal.principal() else {
            return None;
        };
        users.with_value(|u| {
            let membership = state.users.get(&id)?.membership(&u.scope)?;
            (membership.status == MemberStatus::Invited).then(|| {
                let roles: Vec<String> = state
                    .resolve_roles(&u.scope, &membership.roles)
                    .into_iter()
                    .map(|r| r.name)
                    .collect();
                let until = match membership.expires {
                    None => String::new(),
                    Some(at) if membership.expired(now()) => format!(
                        " The invitation expired at {}: ask an administrator to invite you again.",
                        format_minute(at)
                    ),
                    Some(at) => format!(" You can accept it until {}.", format_minute(at)),
                };
                (u.name(&state), format!("{}.{until}", roles.join(", ")))
            })
        })
    };
    let accept = move |name: String| {
        let (scope, target) =
            users.with_value(|u| (u.scope.clone(), u.target("/invitation/accept")));
        submission.send(scope, Method::Post, target, None, move |_| {
            notice.set(Some(Notice::Done(format!("You joined {name}."))));
        });
    };
    view! {
        {move || invitation().map(|(name, roles)| {
            let joining = name.clone();
            view! {
                <section class="user-invitation" aria-labelledby="user-invitation-title">
                    <h2 id="user-invitation-title">{format!("You have been invited to {name}")}</h2>
                    <p>{format!("Your roles there: {roles}")}</p>
                    <button
                        type="button"
                        class="primary"
                        disabled=submission.busy
                        on:click=move |_| accept(joining.clone())
                    >
                        "Accept Invitation"
                    </button>
                </section>
            }
        })}
        <RefusalLine submission/>
    }
}

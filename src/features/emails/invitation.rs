//! Where an invitation's link leads: Accept Invitation for the invitee it names. Accepting takes
//! the invitee themselves (the backend allows it to no one else), so the page first offers to
//! continue as them; while connected, the connection's token acts and the invitee accepts in a
//! session of their own.

use leptos::prelude::*;
use portal_core::api::Principal;
use portal_core::model::{MemberStatus, Scope};
use portal_core::time::format_minute;

use crate::features::users::invitation::UserInvitation;
use crate::features::users::scope::UserScope;
use crate::portal::use_portal;
use crate::scope::SettingsScope;
use crate::ui::notice::{Notice, NoticeLine};

#[component]
pub fn InvitationLink(user_id: String, scope: Scope) -> impl IntoView {
    let portal = use_portal();
    let notice = RwSignal::new(None::<Notice>);
    let users = UserScope::of(scope.clone());
    let settings = match &scope {
        Scope::Enterprise => SettingsScope::Enterprise,
        Scope::Organization(org) => SettingsScope::Organization(org.clone()),
    }
    .href("users");
    let (user, membership_scope, invited) = (user_id.clone(), scope.clone(), user_id.clone());
    // The invitee's address and, while the invitation is pending, until when it can be accepted.
    let invitee = move || {
        let state = portal.state()?;
        let user = state.users.get(&user)?;
        let pending = user
            .membership(&membership_scope)
            .filter(|m| m.status == MemberStatus::Invited)
            .map(|m| m.expires);
        Some((user.email.clone(), pending, users.name(&state)))
    };
    let acting_as_invitee = move || portal.principal() == Some(Principal::User(user_id.clone()));
    let connected = move || portal.sync_view().is_some();
    let users = UserScope::of(scope);
    move || {
        let Some((email, pending, name)) = invitee() else {
            return view! {
                <p class="notice error" role="alert">"This invitation's user is not in this portal: the link may be from another portal, or the user was removed."</p>
            }
            .into_any();
        };
        let Some(expires) = pending else {
            return view! {
                <NoticeLine notice/>
                <p role="status">{format!("{email} has no pending invitation to {name}: it was accepted, or withdrawn.")}</p>
                <p><a href=settings.clone()>{format!("Go to the users of {name}")}</a></p>
            }
            .into_any();
        };
        let until = expires.map_or_else(
            || "It does not expire.".to_owned(),
            |at| format!("It can be accepted until {}.", format_minute(at)),
        );
        let step = if connected() {
            view! {
                <p class="notice">"While connected, the connection's token acts: the invitee accepts in a session of their own."</p>
            }
            .into_any()
        } else if acting_as_invitee() {
            view! { <UserInvitation users=users.clone() notice/> }.into_any()
        } else {
            let id = invited.clone();
            view! {
                <button type="button" class="primary" on:click=move |_| {
                    portal.act_as(Principal::User(id.clone()));
                }>{format!("Continue as {email}")}</button>
            }
            .into_any()
        };
        let about = format!("An invitation for {email} to join {name}. {until}");
        view! {
            <p>{about}</p>
            {step}
            <NoticeLine notice/>
        }
        .into_any()
    }
}

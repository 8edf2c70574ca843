//! Invite User: many addresses at once with the same roles (seed 002, "Invite users to an
//! organization"; seed 000, "Manage enterprise users"), and what became of each address.

use std::collections::BTreeSet;

use leptos::prelude::*;
use portal_core::api::{Body, Method, Response};
use serde_json::{json, Value};

use crate::features::roles::advisor::RoleAdvisor;
use crate::features::users::roles::{at_least_one_role, UserRolePicker};
use crate::features::users::scope::UserScope;
use crate::portal::use_portal;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::TextArea;
use crate::ui::field_error::FieldError;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::request::Submission;

/// The backend answers each address on its own: invited (or invited again), or refused with why.
#[derive(Clone, Debug, PartialEq, Eq)]
struct InviteResult {
    /// (email, whether a pending invitation was sent again)
    invited: Vec<(String, bool)>,
    refused: Vec<String>,
}

impl InviteResult {
    fn of(body: &Value) -> InviteResult {
        let list = |key: &str| body[key].as_array().cloned().unwrap_or_default();
        InviteResult {
            invited: list("invited")
                .iter()
                .map(|i| {
                    let email = i["email"].as_str().unwrap_or_default().to_owned();
                    (email, i["resent"].as_bool().unwrap_or(false))
                })
                .collect(),
            refused: list("errors")
                .iter()
                .filter_map(|e| e["message"].as_str().map(str::to_owned))
                .collect(),
        }
    }
}

#[component]
pub fn UserInvite(users: UserScope) -> impl IntoView {
    let portal = use_portal();
    let enterprise = users.is_enterprise();
    let scope = users.scope.clone();
    let target = users.target("/users");
    let open = RwSignal::new(false);
    let emails = RwSignal::new(String::new());
    let roles = RwSignal::new(BTreeSet::<String>::new());
    let no_email = FieldError::new("user-invite-emails", move || {
        emails
            .with(|e| e.trim().is_empty())
            .then_some("Enter at least one email address.")
    });
    let no_role = at_least_one_role(roles);
    let submission = Submission::default();
    let result = RwSignal::new(None::<InviteResult>);
    // Whether the actor may invite here at all; what the chosen roles grant is checked when
    // the invitation is sent.
    let (here, asked) = (scope.clone(), target.clone());
    let write = Signal::derive(move || portal.permits(&here, Method::Put, &asked, &json!({})));
    let fresh = move || {
        emails.set(String::new());
        roles.set(BTreeSet::new());
        no_email.reset();
        no_role.reset();
    };
    let picker_scope = Signal::stored(scope.clone());
    let advise = move |before: Option<&'static str>, now: Option<&'static str>| {
        roles.update(|roles| {
            if let Some(before) = before {
                roles.remove(before);
            }
            if let Some(now) = now {
                roles.insert(now.to_owned());
            }
        })
    };
    let send = move || {
        if !FieldError::all_pass(&[no_email, no_role]) {
            return;
        }
        let body = json!({"email": emails.get_untracked(), "roles": roles.get_untracked()});
        let invited = move |response: Response| {
            if let Body::Json(body) = &response.body {
                result.set(Some(InviteResult::of(&body.value())));
            }
            open.set(false);
        };
        submission.send(
            scope.clone(),
            Method::Put,
            target.clone(),
            Some(body),
            invited,
        );
    };
    view! {
        <GuardedButton label="Invite User" allowed=write on_click=move || open.set(true) class="primary"/>
        <FormDialog
            title="Invite User"
            open
            label="Invite Users"
            allowed=write
            submission
            class="user-invite"
            on_open=fresh
            on_submit=send
        >
            <TextArea label="Email addresses" rows=3 value=emails error=no_email hint="user-invite-hint"/>
            <p class="hint" id="user-invite-hint">
                "If adding multiple users, separate the email addresses with commas, spaces, or line breaks."
            </p>
            // Seed 001's access methods are an organization's; the enterprise has roles of its own.
            {(!enterprise).then(|| view! { <RoleAdvisor on_advice=advise/> })}
            {enterprise.then(|| view! {
                <p class="hint">
                    "Inviting a user to your enterprise does not add the user to any organizations in \
                     your enterprise: invite them to each organization they need too."
                </p>
            })}
            <UserRolePicker scope=picker_scope selected=roles error=no_role/>
        </FormDialog>
        {move || result.get().map(|result| view! { <InviteOutcome result/> })}
    }
}

/// Who was invited, and each refused address with the backend's reason.
#[component]
fn InviteOutcome(result: InviteResult) -> impl IntoView {
    view! {
        <div class="user-invite-result" role="status">
            <p>"Invited (pending until they accept):"</p>
            <ul>
                {result.invited.into_iter().map(|(email, resent)| {
                    let what = if resent { "invitation sent again" } else { "invitation sent" };
                    view! { <li>{email}" — "{what}</li> }
                }).collect_view()}
            </ul>
            {(!result.refused.is_empty()).then(|| view! {
                <p class="user-refused-title">"Not invited:"</p>
                <ul class="user-refused">
                    {result.refused.into_iter().map(|why| view! { <li>{why}</li> }).collect_view()}
                </ul>
            })}
        </div>
    }
}

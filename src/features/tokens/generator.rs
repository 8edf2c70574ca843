//! "Generate new token" (seed 000, "Create enterprise tokens"; seed 002, "Create application
//! token"): a role of the scope, its permissions, an optional description, when it expires, and
//! the credentials shown once.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::rbac::{Category, Role};
use portal_core::validation::TOKEN_DESCRIPTION;
use serde_json::json;

use crate::clock::now;
use crate::features::roles::advisor::RoleAdvisor;
use crate::features::tokens::expiry::{token_expiry, ExpiryField, NEVER};
use crate::features::tokens::reveal::{forget_on_scope_change, IssuedToken, TokenReveal};
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::field::SelectField;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{RefusalLine, Submission};

#[component]
pub fn TokenGenerator() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let role_id = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let expiry_choice = RwSignal::new(NEVER.to_owned());
    let expiry_date = RwSignal::new(String::new());
    let submission = Submission::default();
    let notice = RwSignal::new(None::<Notice>);
    // The only place the secret and token are kept.
    let issued = RwSignal::new(None::<IssuedToken>);
    forget_on_scope_change(scope, move || {
        role_id.set(String::new());
        description.set(String::new());
        expiry_choice.set(NEVER.to_owned());
        expiry_date.set(String::new());
        notice.set(None);
        submission.clear();
        issued.set(None);
    });
    let roles = Memo::new(move |_| {
        portal
            .state()
            .map(|state| state.roles_in(&scope.get()))
            .unwrap_or_default()
    });
    let max_days = Signal::derive(move || {
        let (state, scope) = (portal.state()?, scope.get());
        let org = state.organizations.get(scope.organization()?)?;
        org.max_token_lifetime_days
    });
    let selected = Memo::new(move |_| {
        let id = role_id.get();
        roles.get().into_iter().find(|role| role.id == id)
    });
    let body = move |role: &Role, description: &str| json!({ "roles": [role.id], "description": description.trim() });
    // The core answers for the very request Generate Token would send: without a role, whether
    // the actor may generate tokens here at all; with one, also whether the role is within what
    // the actor holds, before anything is sent.
    let allowed = Signal::derive(move || {
        let request = match selected.get() {
            Some(role) => body(&role, ""),
            None => json!({ "roles": [] }),
        };
        portal.permits(&scope.get(), Method::Post, "/v2/tokens", &request)
    });
    // The advice selects its role; without one, it takes back only the role it had selected.
    let advise = move |before: Option<&'static str>, now: Option<&'static str>| match now {
        Some(now) => role_id.set(now.to_owned()),
        None if before.is_some_and(|before| role_id.with_untracked(|id| id == before)) => {
            role_id.set(String::new())
        }
        None => {}
    };
    // Seed 001's access methods are an organization's; the enterprise has roles of its own.
    let in_organization = move || matches!(scope.get(), Scope::Organization(_));
    let expiry = move || token_expiry(&expiry_choice.get(), &expiry_date.get(), now());
    let incomplete = Signal::derive(move || {
        submission.busy.get() || selected.get().is_none() || expiry().is_none()
    });
    let generate = move || {
        let (Some(role), Some(expiry)) = (selected.get_untracked(), untrack(expiry)) else {
            return;
        };
        let scope = scope.get_untracked();
        let mut body = body(&role, &description.get_untracked());
        body["tokenExpiry"] = expiry;
        notice.set(None);
        let names = vec![role.name.clone()];
        let made = async move {
            let response = portal
                .request(&scope, Method::Post, "/v2/tokens", Some(body))
                .await;
            IssuedToken::from_response(&response, |_| names)
        };
        submission.run(made, move |token| {
            notice.set(Some(Notice::Done(format!(
                "Generated token {} with the role {}.",
                token.client_id, role.name
            ))));
            description.set(String::new());
            expiry_choice.set(NEVER.to_owned());
            expiry_date.set(String::new());
            issued.set(Some(token));
        });
    };
    view! {
        <section class="token-generator" aria-labelledby="generate-token-heading">
            <h2 id="generate-token-heading">"Generate new token"</h2>
            <form class="stacked" on:submit=|ev| ev.prevent_default()>
                {move || in_organization().then(|| view! { <RoleAdvisor on_advice=advise/> })}
                <SelectField label="Role" value=role_id>
                    <option value="">"Select a role"</option>
                    {move || roles.get().into_iter().map(|role| {
                        let id = role.id.clone();
                        view! { <option value=role.id selected=move || role_id.get() == id>{role.name}</option> }
                    }).collect_view()}
                </SelectField>
                {move || selected.get().map(|role| view! { <RolePermissions role/> })}
                <label>
                    "Description (optional)"
                    <input type="text" maxlength=TOKEN_DESCRIPTION.max.to_string()
                        aria-describedby="token-description-note"
                        prop:value=description
                        on:input=move |ev| description.set(event_target_value(&ev))/>
                </label>
                <p id="token-description-note" class="field-note">
                    "You can't change the description after generating the token."
                </p>
                <ExpiryField choice=expiry_choice date=expiry_date max_days/>
                <div class="actions">
                    <GuardedButton label="Generate Token" class="primary" allowed busy=incomplete on_click=generate/>
                </div>
            </form>
            <NoticeLine notice/>
            <RefusalLine submission/>
        </section>
        {move || issued.get().map(|issued| view! { <TokenReveal issued/> })}
    }
}

/// "The permissions for your selected role are displayed" (seed 002), grouped as the seeds'
/// tables group them.
#[component]
fn RolePermissions(role: Role) -> impl IntoView {
    let groups: Vec<(&'static str, Vec<&'static str>)> =
        Category::groups(role.policy.actions.iter())
            .into_iter()
            .map(|(category, members)| {
                (category.title(), members.iter().map(|p| p.name()).collect())
            })
            .collect();
    view! {
        <div class="token-role-permissions">
            <h3>{format!("Permissions of {}", role.name)}</h3>
            {groups.into_iter().map(|(title, names)| view! {
                <h4>{title}</h4>
                <ul>{names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
            }).collect_view()}
        </div>
    }
}

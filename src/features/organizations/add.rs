//! Add Organization (seed 002, "Add organizations in Astra DB": "Enter the name and email address
//! for your new organization. Select Add"): a standalone organization whose Organization
//! Administrator is the acting user, from the header's switcher and from Manage Organizations.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use portal_core::api::{Method, Principal};
use portal_core::model::{Scope, State};
use portal_core::validation::{EMAIL_MAX, ORGANIZATION_NAME};
use serde_json::json;

use crate::portal::use_portal;
use crate::scope::SettingsScope;
use crate::ui::dialog::Dialog;
use crate::ui::field::TextField;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::answer;

/// Where a user creates a standalone organization from: the organization on screen, or else
/// their personal one (seed 000: "switch to your personal organization, and then create a
/// standalone organization"). At the enterprise level without one, the core refuses and says why.
fn creating_from(state: &State, user: Option<&Principal>, shown: Option<&SettingsScope>) -> Scope {
    if let Some(SettingsScope::Organization(org)) = shown {
        return Scope::Organization(org.clone());
    }
    let personal = match user {
        Some(Principal::User(id)) => state.default_organization_of(id),
        _ => None,
    };
    personal.map_or(Scope::Enterprise, |org| Scope::Organization(org.id.clone()))
}

/// "Enter the name and email address for your new organization. Select Add" (seed 002): a
/// standalone organization whose Organization Administrator is the acting user.
/// What creating an organization answers that the switcher needs: where to go next.
#[derive(serde::Deserialize)]
struct Created {
    id: String,
}

#[component]
pub fn AddOrganization(
    open: RwSignal<bool>,
    /// The settings the page shows, if any: the organization on screen is where it is made from.
    #[prop(into)]
    shown: Signal<Option<SettingsScope>>,
) -> impl IntoView {
    let portal = use_portal();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    // The acting user's address is the likeliest owner's; the person can change it.
    Effect::new(move |_| {
        if open.get() {
            let user_email = match (portal.principal(), portal.state_untracked()) {
                (Some(Principal::User(id)), Some(state)) => {
                    state.users.get(&id).map(|u| u.email.clone())
                }
                _ => None,
            };
            name.set(String::new());
            email.set(user_email.unwrap_or_default());
            notice.set(None);
        }
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let body = json!({ "name": name.get_untracked(), "email": email.get_untracked() });
            let from = portal.state_untracked().map_or(Scope::Enterprise, |state| {
                creating_from(
                    &state,
                    portal.principal().as_ref(),
                    shown.get_untracked().as_ref(),
                )
            });
            let response = portal
                .request(&from, Method::Post, "/v2/organizations", Some(body))
                .await;
            busy.set(false);
            match answer::<Created>(&response) {
                Ok(created) => {
                    open.set(false);
                    navigate(
                        &SettingsScope::Organization(created.id).href("general"),
                        NavigateOptions::default(),
                    );
                }
                Err(refused) => notice.set(Some(Notice::Error(refused.to_string()))),
            }
        });
    };
    view! {
        <Dialog title="Add Organization" open>
            <form novalidate on:submit=add.clone()>
                <TextField label="Organization name" value=name max=ORGANIZATION_NAME.max required=true/>
                <TextField label="Email" kind="email" value=email max=EMAIL_MAX required=true/>
                <NoticeLine notice/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=busy>"Add"</button>
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
            </form>
        </Dialog>
    }
}

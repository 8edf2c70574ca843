//! The header's Organizations dropdown: the current organization or enterprise by name, the places
//! the acting principal belongs, "Manage Organizations" and "Add Organization" (seed 002, "Add
//! organizations in Astra DB"; seed 000: "click the name of the current organization or
//! enterprise, and then select your enterprise").

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use portal_core::api::{visibility, Actor, Method, Principal};
use portal_core::model::{MemberStatus, Organization, Scope, State};
use portal_core::validation::{EMAIL_MAX, ORGANIZATION_NAME};
use serde_json::json;

use crate::portal::use_portal;
use crate::scope::SettingsScope;
use crate::ui::dialog::Dialog;
use crate::ui::field::TextField;
use crate::ui::menu::{close_on_escape, focus_summary};
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::answer;

/// An organization the switcher offers.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Place {
    name: String,
    href: String,
    pending: bool,
}

/// The name of the organization or enterprise a path is about. Before the state has loaded, or
/// for an organization it doesn't hold, the path is all there is to go by.
pub(crate) fn current_name(state: Option<&State>, scope: Option<&SettingsScope>) -> String {
    match (scope, state) {
        (Some(SettingsScope::Organization(org)), state) => state.map_or_else(
            || Organization::unknown_name(org),
            |s| s.organization_name(org),
        ),
        (_, Some(state)) => state.enterprise.name.clone(),
        (_, None) => "Enterprise".to_owned(),
    }
}

/// The organizations GET /v2/organizations would list for the principal: a user's memberships
/// (invitations marked as pending), a token's own organization, or for an enterprise token the
/// enterprise's organizations its roles' scope names.
fn places(state: &State, principal: Option<&Principal>) -> Vec<Place> {
    let place = |org_id: &str, pending: bool| {
        state.organizations.get(org_id).map(|org| Place {
            name: org.name.clone(),
            href: SettingsScope::Organization(org.id.clone()).href("general"),
            pending,
        })
    };
    let mut places: Vec<Place> = match principal {
        Some(Principal::User(id)) => state
            .users
            .get(id)
            .into_iter()
            .flat_map(|u| &u.organizations)
            .filter_map(|(org, m)| place(org, m.status == MemberStatus::Invited))
            .collect(),
        Some(Principal::Token(client_id)) => match state.tokens.get(client_id).map(|t| &t.scope) {
            Some(Scope::Organization(org)) => place(org, false).into_iter().collect(),
            Some(Scope::Enterprise) => {
                let actor = Actor {
                    principal: Principal::Token(client_id.clone()),
                    scope: Scope::Enterprise,
                };
                visibility::visible_organizations(state, &actor)
                    .into_iter()
                    .filter_map(|o| place(&o.id, false))
                    .collect()
            }
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    places.sort_by(|a, b| (&a.name, &a.href).cmp(&(&b.name, &b.href)));
    places
}

#[component]
pub fn OrgSwitcher() -> impl IntoView {
    let portal = use_portal();
    let location = use_location();
    let scope = Memo::new(move |_| SettingsScope::of_path(&location.pathname.get()));
    let current = move || current_name(portal.state().as_deref(), scope.get().as_ref());
    let menu = NodeRef::<html::Details>::new();
    let close_menu = move || {
        if let Some(details) = menu.get_untracked() {
            details.set_open(false);
        }
    };
    // A choice navigates; the menu should not stay open over the page it led to.
    Effect::new(move |_| {
        location.pathname.track();
        close_menu();
    });
    let enterprise_name = move || portal.state().map(|s| s.enterprise.name.clone());
    let organizations = move || {
        portal
            .state()
            .map(|s| places(&s, portal.principal().as_ref()))
            .unwrap_or_default()
    };
    let adding = RwSignal::new(false);
    let open_add = move |_| {
        close_menu();
        adding.set(true);
    };
    // The menu that held "Add Organization" folded away when the dialog opened, so the browser
    // has nothing to give focus back to when it closes: the switcher takes it, unless the new
    // organization's page, opened on success, already has.
    Effect::new(move |was_adding: Option<bool>| {
        let now_adding = adding.get();
        if was_adding == Some(true) && !now_adding {
            request_animation_frame(move || {
                let focused = document().active_element();
                let lost = focused.is_none() || focused == document().body().map(Into::into);
                if let (true, Some(Some(details))) = (lost, menu.try_get_untracked()) {
                    focus_summary(&details);
                }
            });
        }
        now_adding
    });
    view! {
        <details class="org-switcher" node_ref=menu on:keydown=close_on_escape>
            <summary aria-label=move || format!("{}: switch organization or enterprise", current())>
                <span class="current-scope">{current}</span>
            </summary>
            <div class="menu">
                <p class="menu-heading" id="switcher-enterprise">"Enterprise"</p>
                <ul aria-labelledby="switcher-enterprise">
                    <li>
                        <A href="/settings/enterprise/general">
                            {move || enterprise_name().unwrap_or_else(|| "Enterprise".to_owned())}
                        </A>
                    </li>
                </ul>
                <p class="menu-heading" id="switcher-organizations">"Organizations"</p>
                <ul aria-labelledby="switcher-organizations">
                    <For each=organizations key=|p| p.clone() let(place)>
                        <li>
                            <A href=place.href.clone()>{place.name.clone()}</A>
                            {place.pending.then(|| view! { " " <span class="badge">"pending"</span> })}
                        </li>
                    </For>
                </ul>
                <div class="menu-actions">
                    <A href="/settings/enterprise/overview">"Manage Organizations"</A>
                    <button type="button" on:click=open_add>"Add Organization"</button>
                </div>
            </div>
        </details>
        <AddOrganization open=adding shown=scope/>
    }
}

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
fn AddOrganization(open: RwSignal<bool>, shown: Memo<Option<SettingsScope>>) -> impl IntoView {
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

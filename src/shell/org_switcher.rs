//! The header's Organizations dropdown: the current organization or enterprise by name, the places
//! the acting principal belongs, the current organization's "Organization Settings", "Manage
//! Organizations" and "Add Organization" (seed 002, "Add organizations in Astra DB"; seed 000:
//! "click the name of the current organization or enterprise, and then select your enterprise").

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use portal_core::api::{visibility, Actor, Principal};
use portal_core::model::{MemberStatus, Organization, Scope, State};

use crate::features::organizations::add::AddOrganization;
use crate::portal::use_portal;
use crate::scope::SettingsScope;
use crate::ui::menu::{close_on_escape, focus_summary};

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
                    {move || match scope.get() {
                        Some(place @ SettingsScope::Organization(_)) => Some(view! {
                            <A href=place.href("general")>"Organization Settings"</A>
                        }),
                        _ => None,
                    }}
                    <A href="/organizations">"Manage Organizations"</A>
                    <button type="button" on:click=open_add>"Add Organization"</button>
                </div>
            </div>
        </details>
        <AddOrganization open=adding shown=scope/>
    }
}

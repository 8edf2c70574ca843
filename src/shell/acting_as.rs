use leptos::prelude::*;
use portal_core::api::{authenticate, Principal};

use crate::portal::use_portal;
use crate::ui::menu::{close_menu_of, close_on_escape};

/// The header's "Sign in as" menu: who is acting, a user of this state, or a pasted token. The
/// menu closes once someone is signed in as, with focus back on its summary, which names them.
#[component]
pub fn ActingAs() -> impl IntoView {
    let portal = use_portal();
    let pasted = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let label = move || match (portal.principal(), portal.state()) {
        (Some(Principal::User(id)), Some(state)) => state
            .users
            .get(&id)
            .map_or_else(|| "nobody".to_owned(), |u| u.email.clone()),
        (Some(Principal::Token(id)), _) => format!("token {id}"),
        _ => "nobody".to_owned(),
    };
    // The users are listed only while the menu is open: every page has this menu, and an
    // enterprise of 10,000 users would otherwise draw 10,000 options on each of them.
    let open = RwSignal::new(false);
    let users = move || {
        if !open.get() {
            return None;
        }
        portal.state().map(|state| {
            let mut users: Vec<(String, String)> = state
                .users
                .values()
                .map(|u| (u.id.clone(), u.email.clone()))
                .collect();
            users.sort_by(|a, b| a.1.cmp(&b.1));
            users
        })
    };
    // A button signs in as the user chosen: a closed select's arrow keys change its value (and
    // fire `change`) at each press, which would act as every user passed on the way.
    let chosen = NodeRef::<leptos::html::Select>::new();
    let sign_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(select) = chosen.get_untracked() else {
            return;
        };
        let id = select.value();
        if !id.is_empty() {
            portal.act_as(Principal::User(id));
            select.set_value("");
            close_menu_of(&event_target(&ev));
        }
    };
    let use_token = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(state) = portal.state_untracked() else {
            return;
        };
        match authenticate(&state, &pasted.get_untracked(), crate::clock::now()) {
            Ok(actor) => {
                portal.act_as(actor.principal);
                pasted.set(String::new());
                problem.set(None);
                close_menu_of(&event_target(&ev));
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    // While connected, the connection's token acts: the server would refuse anyone else.
    let connected = move || portal.sync_view().is_some();
    view! {
        <Show when=connected>
            <span class="acting-as" title="Connected: the connection's token acts">
                "Acting as "<strong>{label}</strong>
            </span>
        </Show>
        <Show when=move || !connected()>
        // A menu taken away while open (the portal connected) comes back closed.
        {on_cleanup(move || {
            open.try_set(false);
        })}
        <details
            class="acting-as"
            on:keydown=close_on_escape
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>"Acting as "<strong>{label}</strong></summary>
            <div class="menu">
                <form class="sign-in" on:submit=sign_in>
                    <label>
                        "Sign in as"
                        <select node_ref=chosen>
                            <option value="">"Choose a user"</option>
                            {move || users().unwrap_or_default().into_iter().map(|(id, email)| {
                                view! { <option value=id>{email}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <button type="submit">"Sign in"</button>
                </form>
                <form on:submit=use_token>
                    <label>
                        "or paste a token"
                        <input type="password" autocomplete="off" placeholder="AstraCS:..."
                            prop:value=pasted on:input=move |ev| pasted.set(event_target_value(&ev))/>
                    </label>
                    <button type="submit">"Use token"</button>
                </form>
                {move || problem.get().map(|p| view! { <p class="notice error" role="alert">{p}</p> })}
            </div>
        </details>
        </Show>
    }
}

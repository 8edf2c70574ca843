//! General → API connection: connect the portal to a server that runs the same
//! backend, see who the token acts as and how syncing goes, give the token again after a
//! reload, settle conflicts, or disconnect.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::sync::{Choice, Conflict};

use crate::connection::SyncView;
use crate::portal::use_portal;
use crate::ui::notice::{Notice, NoticeLine};

#[component]
pub fn ApiConnection() -> impl IntoView {
    let portal = use_portal();
    let notice = RwSignal::new(None::<Notice>);
    view! {
        <section aria-labelledby="connection-heading" class="api-connection">
            <h2 id="connection-heading" tabindex="-1">"API connection"</h2>
            {move || match portal.sync_view() {
                None => view! { <ConnectForm notice/> }.into_any(),
                Some(sync) => view! { <Connection sync notice/> }.into_any(),
            }}
            <NoticeLine notice/>
        </section>
    }
}

/// The server's address (this page's own origin by default) and a token.
#[component]
fn ConnectForm(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let portal = use_portal();
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let base_url = RwSignal::new(origin);
    let token = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        spawn_local(async move {
            let result = portal
                .connect(&base_url.get_untracked(), &token.get_untracked())
                .await;
            busy.try_set(false);
            token.try_set(String::new());
            notice.try_set(Some(match result {
                Ok(()) => Notice::Done(
                    "Connected: the server's state is shown and kept here for offline use.".into(),
                ),
                Err(why) => Notice::Error(format!("Not connected: {why}")),
            }));
        });
    };
    view! {
        <p>"Work on a team's shared state: the portal syncs with a server that runs the same backend (" <code>"portal serve"</code> "). The token is kept in this tab's memory only."</p>
        <form class="connect" on:submit=connect>
            <label>"Base URL"
                <input type="url" required prop:value=base_url on:input=move |ev| base_url.set(event_target_value(&ev))/>
            </label>
            <label>"Token"
                <input type="password" required autocomplete="off" placeholder="AstraCS:..."
                    prop:value=token on:input=move |ev| token.set(event_target_value(&ev))/>
            </label>
            <button type="submit" disabled=busy>{move || if busy.get() { "Connecting..." } else { "Connect" }}</button>
        </form>
    }
}

#[component]
fn Connection(sync: SyncView, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let portal = use_portal();
    let roles = if sync.roles.is_empty() {
        "no role".to_owned()
    } else {
        sync.roles.join(", ")
    };
    let disconnect = move |_| {
        spawn_local(async move {
            let result = portal.disconnect().await;
            notice.try_set(Some(match result {
                Ok(()) => {
                    Notice::Done("Disconnected: the portal works on its own data again.".into())
                }
                Err(why) => Notice::Error(why),
            }));
        });
    };
    let sync_now = move |_| spawn_local(async move { portal.sync_now().await });
    let needs_token = sync.needs_token;
    view! {
        <dl class="connection">
            <dt>"Server"</dt><dd>{sync.remote.base_url.clone()}</dd>
            <dt>"Acting as"</dt><dd>{format!("token {} ({roles})", sync.remote.token_client_id)}</dd>
            <dt>"Sync"</dt><dd>{sync_text(&sync, true)}</dd>
        </dl>
        {needs_token.then(|| view! { <Unlock notice/> })}
        <div class="actions">
            <button type="button" on:click=sync_now disabled=needs_token>"Sync now"</button>
            <button type="button" on:click=disconnect>"Disconnect"</button>
        </div>
        <Conflicts conflicts=sync.conflicts/>
    }
}

/// The sync state in words: online, offline with N pending changes, conflicts to resolve;
/// `why` adds the reason the server could not be reached.
pub fn sync_text(sync: &SyncView, why: bool) -> String {
    let pending = match sync.pending {
        0 => "no pending changes".to_owned(),
        1 => "1 pending change".to_owned(),
        n => format!("{n} pending changes"),
    };
    let state = if sync.needs_token {
        "Waiting for the token".to_owned()
    } else if let Some(reason) = sync.offline.as_ref().filter(|_| why) {
        format!("Offline ({reason})")
    } else if sync.offline.is_some() {
        "Offline".to_owned()
    } else {
        "Online".to_owned()
    };
    let conflicts = match sync.conflicts.len() {
        0 => String::new(),
        1 => ", 1 conflict to resolve".to_owned(),
        n => format!(", {n} conflicts to resolve"),
    };
    format!("{state}, {pending}{conflicts}")
}

/// After a reload: the token again (it was never stored).
#[component]
fn Unlock(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let portal = use_portal();
    let token = RwSignal::new(String::new());
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let result = portal.unlock(&token.get_untracked()).await;
            token.try_set(String::new());
            notice.try_set(result.err().map(Notice::Error));
        });
    };
    view! {
        <form class="unlock" on:submit=unlock>
            <label>"Token, to sync again"
                <input type="password" required autocomplete="off" placeholder="AstraCS:..."
                    prop:value=token on:input=move |ev| token.set(event_target_value(&ev))/>
            </label>
            <button type="submit">"Sync"</button>
        </form>
    }
}

/// Each conflict with both sides, and the choice.
#[component]
fn Conflicts(conflicts: Vec<Conflict>) -> impl IntoView {
    let portal = use_portal();
    (!conflicts.is_empty()).then(|| {
        let items = conflicts
            .into_iter()
            .map(|conflict| {
                let number = conflict.mutation;
                let theirs = conflict
                    .theirs
                    .iter()
                    .map(|t| match &t.record {
                        Some(record) => format!(
                            "{} (version {}): {}",
                            t.key,
                            t.version,
                            serde_json::to_string_pretty(record).unwrap_or_default()
                        ),
                        None => format!("{} (version {}): deleted", t.key, t.version),
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                let choose = move |choice: Choice| {
                    spawn_local(async move { portal.resolve(number, choice).await })
                };
                let message = conflict
                    .errors
                    .first()
                    .map(|e| e.message.clone())
                    .unwrap_or_default();
                view! {
                    <li class="conflict">
                        <p>{message}</p>
                        <div class="sides">
                            <figure>
                                <figcaption>"Yours"</figcaption>
                                <pre>{format!("{} {}\n{}", conflict.yours.method.as_str(), conflict.yours.target, conflict.yours.body)}</pre>
                            </figure>
                            <figure>
                                <figcaption>"Theirs"</figcaption>
                                <pre>{theirs}</pre>
                            </figure>
                        </div>
                        <button type="button" on:click=move |_| choose(Choice::Mine)>"Keep mine"</button>
                        <button type="button" on:click=move |_| choose(Choice::Theirs)>"Keep theirs"</button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>"Conflicts to resolve"</h3>
            <ul class="conflicts">{items}</ul>
        }
    })
}

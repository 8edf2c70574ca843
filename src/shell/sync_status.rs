use leptos::prelude::*;
use leptos_router::components::A;

use crate::features::connection::api_connection::sync_text;
use crate::portal::use_portal;

/// The header's sync state while connected (online, offline with
/// N pending changes, conflicts to resolve), so that nobody mistakes a local change for a saved
/// one; a link to the connection's settings.
#[component]
pub fn SyncStatus() -> impl IntoView {
    let portal = use_portal();
    move || {
        portal.sync_view().map(|sync| {
            let class = if !sync.conflicts.is_empty() {
                "sync-status conflicts"
            } else if sync.offline.is_some() || sync.needs_token {
                "sync-status offline"
            } else {
                "sync-status online"
            };
            view! {
                <A href="/settings/enterprise/general#connection-heading" attr:class=class attr:role="status">
                    {sync_text(&sync, false)}
                </A>
            }
        })
    }
}

//! The background sync of Connected mode: every few seconds, the tab holding the sync lock sends
//! what waits and follows the server; the other tabs follow it through IndexedDB.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Portal;
use crate::connection::leader;

/// How long the syncing tab waits between two syncs with the server.
const SYNC_EVERY_MS: u32 = 3_000;

/// Counts the background sync loops started, so that only the latest runs.
#[derive(Clone, Default)]
pub struct SyncLoops(Rc<Cell<u32>>);

impl SyncLoops {
    /// Syncs `portal` in the background until the app goes away or the portal disconnects. One
    /// loop per tab: a loop started for an earlier connection stops.
    pub fn start(&self, portal: Portal) {
        let generation = self.0.get() + 1;
        self.0.set(generation);
        let current = self.0.clone();
        let leading = leader::claim("portal-sync");
        spawn_local(async move {
            loop {
                TimeoutFuture::new(SYNC_EVERY_MS).await;
                if current.get() != generation
                    || portal.sync.try_get_untracked().flatten().is_none()
                {
                    return;
                }
                if leading.get() {
                    portal.sync_now().await;
                }
            }
        });
    }
}

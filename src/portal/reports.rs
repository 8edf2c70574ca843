//! The own data's billing reports are generated after the request that queued them was answered,
//! one committed step at a time (`api::report_generation`), as the server's reporter does over
//! its database; a connected portal leaves them to the server.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::{self, report_generation};
use portal_core::model::{OsEntropy, State};
use portal_core::usage::MAX_REPORT_BYTES;

use super::{Mode, Portal};
use crate::clock::now;

/// Whether this tab's task generating reports runs: one at a time.
#[derive(Clone, Default)]
pub struct Reports(Rc<Cell<bool>>);

impl Reports {
    /// Starts generating the reports that wait in `state` (the own data as just stored), unless
    /// the task runs already. Called under the portal's lock, as the task decides to end, so that
    /// a report queued while it ends is not left waiting.
    pub fn generate_waiting(&self, portal: Portal, state: &State) {
        if self.0.get() || !report_generation::waiting(state) {
            return;
        }
        self.0.set(true);
        let running = self.0.clone();
        spawn_local(async move {
            loop {
                let Some(shared) = portal.mode.try_get_value() else {
                    return;
                };
                let mut guard = shared.lock().await;
                let advanced = match guard.as_mut() {
                    Some(Mode::Local(backend)) => {
                        let mut entropy = OsEntropy;
                        let mut ctx = api::Context::new(now(), &mut entropy);
                        let moved = backend.advance_report(&mut ctx, MAX_REPORT_BYTES).await;
                        if moved {
                            portal.state.try_set(Some(backend.shared()));
                            portal.tell_other_tabs();
                        }
                        moved
                    }
                    _ => false,
                };
                if !advanced {
                    running.set(false);
                    return;
                }
                drop(guard);
                // Each step is a change of its own: the page's requests go between them.
                TimeoutFuture::new(0).await;
            }
        });
    }
}

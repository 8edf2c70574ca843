//! The service worker (`public/sw.js`, filled in by `scripts/finish-build.mjs`): the built page
//! registers it, so that the page opens with no network (its state is in IndexedDB); when a new
//! build has been fetched beside the one running, the page says so and reloads into it when the
//! person chooses, never in the middle of their work.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

use crate::portal::{after_next_paint, use_portal, Status};

/// The worker's message that makes a waiting build take over (`sw.js`).
const TAKE_OVER: &str = "take-over";

/// Registers the service worker once the first page has shown, and offers a new build once one
/// is waiting.
#[component]
pub fn NewBuild() -> impl IntoView {
    let portal = use_portal();
    let waiting = RwSignal::new_local(None::<ServiceWorker>);
    let asked = StoredValue::new(false);
    // A worker installing fetches and keeps every file of the build, the pages' pieces too: on a
    // first visit that waits until the portal has opened and painted, not to slow its first page.
    let registered = StoredValue::new(false);
    Effect::new(move |_| {
        if portal.status() == Status::Loading || registered.get_value() {
            return;
        }
        registered.set_value(true);
        spawn_local(async move {
            after_next_paint().await;
            if let Err(error) = register(waiting, asked).await {
                // The page works as before without it, only not offline.
                web_sys::console::warn_2(&"the service worker was not registered:".into(), &error);
            }
        });
    });
    let reload = move || {
        if let Some(worker) = waiting.get_untracked() {
            // The page reloads once the new build controls it (`controllerchange`).
            asked.set_value(true);
            let _ = worker.post_message(&TAKE_OVER.into());
        }
    };
    move || {
        waiting.get().is_some().then(|| {
            view! {
                <p class="notice new-build" role="status">
                    "A new version of the portal is ready. "
                    <button type="button" on:click=move |_| reload()>"Reload"</button>
                </p>
            }
        })
    }
}

async fn register(
    waiting: RwSignal<Option<ServiceWorker>, LocalStorage>,
    asked: StoredValue<bool>,
) -> Result<(), JsValue> {
    let navigator = window().navigator();
    // Only a secure context (https, or this machine) has service workers.
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into())? {
        return Ok(());
    }
    let container = navigator.service_worker();
    let registration: ServiceWorkerRegistration = JsFuture::from(container.register("/sw.js"))
        .await?
        .dyn_into()?;
    // A build fetched on an earlier visit may already be waiting; with no controller, this is
    // the first visit, and its worker takes the page over by itself.
    let offer = {
        let (container, registration) = (container.clone(), registration.clone());
        move || {
            if container.controller().is_some() {
                waiting.try_set(registration.waiting());
            }
        }
    };
    offer();
    let found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let (watched, offer) = (installing.clone(), offer.clone());
            let installed = Closure::<dyn Fn()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed {
                    offer();
                }
            });
            installing.set_onstatechange(Some(installed.as_ref().unchecked_ref()));
            installed.forget();
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
    reload_when_taken_over(&container, asked);
    Ok(())
}

/// The first visit's worker claims the page too, and another tab's Reload hands every tab to the
/// new build: only the person's own Reload reloads this tab. The pages it has not opened yet are
/// still found: the new worker keeps the build before its own (`sw.js`).
fn reload_when_taken_over(container: &ServiceWorkerContainer, asked: StoredValue<bool>) {
    let taken_over = Closure::<dyn Fn()>::new(move || {
        if asked.try_get_value() == Some(true) {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(taken_over.as_ref().unchecked_ref()));
    taken_over.forget();
}

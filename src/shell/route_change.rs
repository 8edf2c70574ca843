//! What a change of route tells the person: the document's title names the page and where it is
//! (a browser's tabs and history, and the first thing a screen reader reads), focus moves to the
//! new page's heading (or the part of it a link names) instead of staying on a link of the page
//! that went away, and a live region
//! says which page opened.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use portal_core::PRODUCT_NAME;
use wasm_bindgen::JsCast;

use crate::portal::use_portal;
use crate::scope::SettingsScope;
use crate::shell::org_switcher::current_name;

/// "Users · Acme Production · Astra Portal": the page's heading, the organization or enterprise
/// a settings page is about, and the product.
fn document_title(heading: Option<&str>, place: Option<&str>) -> String {
    heading
        .into_iter()
        .chain(place)
        .chain([PRODUCT_NAME])
        .collect::<Vec<_>>()
        .join(" · ")
}

/// How long (in looks 20 ms apart) a route change looks for the page's heading: a page loaded at
/// its first use (`ui::lazy`) draws it once its code is there, seconds later on a slow network.
const HEADING_WAITS: usize = 1_500;

/// How long (in looks 20 ms apart: 2 s) it looks for the part of the page its link names, drawn
/// once the page's data is read.
const ANCHOR_WAITS: usize = 100;

/// What `find` finds, looked for `waits` times at most, while `current` says the route change
/// that looks is still the latest.
async fn found<T>(
    waits: usize,
    current: impl Fn() -> bool,
    find: impl Fn() -> Option<T>,
) -> Option<T> {
    for _ in 0..waits {
        if !current() {
            return None;
        }
        if let Some(found) = find() {
            return Some(found);
        }
        TimeoutFuture::new(20).await;
    }
    None
}

/// Sets the document's title and, when the route changes, moves focus and announces the page.
#[component]
pub fn RouteChange() -> impl IntoView {
    let portal = use_portal();
    let location = use_location();
    // The page's own `h1`, read once the route has rendered it: the page is where its name is
    // written, the navigation's labels are shorter ("Billing" for "Billing and usage").
    let heading = RwSignal::new(None::<String>);
    let title = Memo::new(move |_| {
        let place = SettingsScope::of_path(&location.pathname.get())
            .map(|scope| current_name(portal.state().as_deref(), Some(&scope)));
        document_title(heading.get().as_deref(), place.as_deref())
    });
    Effect::new(move |_| document().set_title(&title.get()));
    let announcement = RwSignal::new(String::new());
    // Until the first page has shown, a change of path is the router's redirect ("/" to the
    // overview), not the person's: a visit starts at the top, where the skip link is.
    let shown = StoredValue::new(false);
    // Which change of route is the latest: only its page, once drawn, takes focus.
    let changes = StoredValue::new(0_u64);
    Effect::new(move |previous: Option<(String, String)>| {
        let place = (location.pathname.get(), location.hash.get());
        // The page left is on screen still: one drawn after the first frame counts as shown too.
        let on_screen = || {
            document()
                .query_selector("main h1")
                .ok()
                .flatten()
                .is_some()
        };
        let moved = previous.is_some_and(|previous| previous != place)
            && (shown.get_value() || on_screen());
        let anchor = place.1.trim_start_matches('#').to_owned();
        let change = changes.get_value() + 1;
        changes.set_value(change);
        // Until the new page draws its heading, the title names only where it is.
        heading.set(None);
        let current = move || changes.try_get_value() == Some(change);
        request_animation_frame(move || {
            spawn_local(async move {
                let h1 = found(HEADING_WAITS, current, || {
                    document().query_selector("main h1").ok().flatten()
                })
                .await;
                // The app may have gone from the page since (a test unmounts it), or the route
                // changed again while this one's page was loading.
                if !current() {
                    return;
                }
                let was_shown = shown.get_value();
                shown.set_value(was_shown || h1.is_some());
                heading.set(h1.as_ref().and_then(|h1| h1.text_content()));
                if moved {
                    // A link to a part of a page ("#connection-heading") lands there, as it would
                    // without the router; any other lands on the page's heading. The part may be
                    // drawn a moment after the page (once its data is read): it is waited for, a
                    // short while, before the heading is taken instead.
                    let target = match anchor.as_str() {
                        "" => None,
                        id => {
                            found(ANCHOR_WAITS, current, || document().get_element_by_id(id)).await
                        }
                    };
                    if !current() {
                        return;
                    }
                    let target = target
                        .or(h1)
                        .or_else(|| document().get_element_by_id("main"));
                    if let Some(target) = target {
                        let _ = target.unchecked_into::<web_sys::HtmlElement>().focus();
                    }
                    announcement.set(title.get_untracked());
                }
            });
        });
        place
    });
    view! { <p class="visually-hidden" role="status">{announcement}</p> }
}

//! How the users dialogs send a change: busy while it runs, the backend's refusal shown in the
//! dialog (the last administrator, an address already a member...), and the dialog's buttons.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::{Method, Response};
use serde_json::Value;

use crate::features::users::scope::UserScope;
use crate::portal::{use_portal, Portal};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};

#[derive(Clone, Copy)]
pub struct UserRequest {
    portal: Portal,
    pub busy: RwSignal<bool>,
    pub problem: RwSignal<Option<Notice>>,
}

impl Default for UserRequest {
    fn default() -> UserRequest {
        UserRequest {
            portal: use_portal(),
            busy: RwSignal::new(false),
            problem: RwSignal::new(None),
        }
    }
}

impl UserRequest {
    /// Sends `method` on `path` (below the users' API prefix); `then` gets an accepted response,
    /// a refusal stays in `problem`.
    pub fn send(
        self,
        users: UserScope,
        method: Method,
        path: String,
        body: Option<Value>,
        then: impl FnOnce(Response) + 'static,
    ) {
        self.busy.set(true);
        self.problem.set(None);
        spawn_local(async move {
            match users.send(self.portal, method, &path, body).await {
                Ok(response) => then(response),
                Err(why) => self.problem.set(Some(Notice::Error(why))),
            }
            self.busy.set(false);
        });
    }
}

/// The end of a users dialog: the refusal, if any, the action (enabled by the evaluator) and
/// Cancel.
#[component]
pub fn UserDialogButtons(
    request: UserRequest,
    label: &'static str,
    #[prop(into)] allowed: Signal<Result<(), String>>,
    on_click: impl Fn() + 'static,
    class: &'static str,
    open: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <NoticeLine notice=request.problem/>
        <div class="actions">
            <GuardedButton label allowed busy=request.busy on_click class/>
            <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
        </div>
    }
}

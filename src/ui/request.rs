//! How a dialog or a form sends what it asks for: busy while the request runs, the core's refusal
//! shown beside the form (the last administrator, a name already taken...), and what an accepted
//! answer means left to the form.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::{ApiError, Body, ErrorEntry, Method, Response};
use portal_core::model::Scope;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::portal::{use_portal, Allowed, Portal};
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::Notice;

/// One form's requests: whether one is running, and the refusal of the last one.
#[derive(Clone, Copy)]
pub struct Submission {
    portal: Portal,
    pub busy: RwSignal<bool>,
    pub refusal: RwSignal<Option<ApiError>>,
}

impl Default for Submission {
    fn default() -> Submission {
        Submission {
            portal: use_portal(),
            busy: RwSignal::new(false),
            refusal: RwSignal::new(None),
        }
    }
}

impl Submission {
    /// Sends `method` on `target` in `scope` as the acting principal; `then` gets an accepted
    /// response, a refusal stays in `refusal`.
    pub fn send(
        self,
        scope: Scope,
        method: Method,
        target: impl Into<String>,
        body: Option<Value>,
        then: impl FnOnce(Response) + 'static,
    ) {
        let (portal, target) = (self.portal, target.into());
        self.run(
            async move {
                let response = portal.request(&scope, method, &target, body).await;
                match response.refusal() {
                    Some(refused) => Err(refused),
                    None => Ok(response),
                }
            },
            then,
        );
    }

    /// Runs `work` (several requests in a row, a download) as one submission: `then` gets what it
    /// made, a refusal stays in `refusal`.
    pub fn run<T: 'static>(
        self,
        work: impl Future<Output = Result<T, ApiError>> + 'static,
        then: impl FnOnce(T) + 'static,
    ) {
        self.busy.set(true);
        self.refusal.set(None);
        spawn_local(async move {
            let outcome = work.await;
            // The form may have closed while the request ran.
            self.busy.try_set(false);
            match outcome {
                Ok(made) => then(made),
                Err(refused) => {
                    self.refusal.try_set(Some(refused));
                }
            }
        });
    }

    /// Forgets the last refusal, as a form does when it opens again.
    pub fn clear(self) {
        self.refusal.set(None);
    }
}

/// What most dialogs do once their request is accepted: close, and say in the page's notice what
/// was done.
pub fn close_and_tell(
    open: RwSignal<bool>,
    notice: RwSignal<Option<Notice>>,
    done: String,
) -> impl FnOnce(Response) {
    move |_| {
        open.set(false);
        notice.set(Some(Notice::Done(done)));
    }
}

/// An accepted answer read as `T`, or the refusal it carries; an answer that is not the `T` the
/// page expects is refused too, with its status.
pub fn answer<T: DeserializeOwned>(response: &Response) -> Result<T, ApiError> {
    if let Some(refused) = response.refusal() {
        return Err(refused);
    }
    let read = match &response.body {
        Body::Json(json) => json.read::<T>().map_err(|e| e.to_string()),
        _ => Err("it is not JSON".to_owned()),
    };
    read.map_err(|why| unusable(response, format!("the answer could not be read: {why}")))
}

/// The page's own refusal of an accepted answer it can't use (not what it expected, a file it
/// could not offer), under the answer's status.
pub fn unusable(response: &Response, message: String) -> ApiError {
    ApiError {
        status: response.status,
        errors: vec![ErrorEntry {
            id: u32::from(response.status),
            message,
        }],
    }
}

/// The last refusal as one announced line, its entries joined (never HTML: messages quote what
/// people typed).
#[component]
pub fn RefusalLine(submission: Submission) -> impl IntoView {
    move || {
        submission.refusal.get().map(|refused| {
            view! { <p class="notice error" role="alert">{refused.to_string()}</p> }
        })
    }
}

/// The end of a dialog's form: the refusal, if any, the action (enabled by the evaluator, and
/// disabled while the request runs or the form is `incomplete`) and Cancel.
#[component]
pub fn DialogActions(
    submission: Submission,
    label: &'static str,
    #[prop(into)] allowed: Signal<Allowed>,
    on_click: impl Fn() + 'static,
    #[prop(optional)] class: &'static str,
    /// Also disabled while, say, a required field is empty.
    #[prop(into, optional)]
    incomplete: Signal<bool>,
    /// The dialog's: Cancel closes it.
    open: RwSignal<bool>,
) -> impl IntoView {
    let busy = Signal::derive(move || submission.busy.get() || incomplete.get());
    view! {
        <RefusalLine submission/>
        <div class="actions">
            <GuardedButton label allowed busy on_click class/>
            <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
        </div>
    }
}

//! A field's own problem, said in the page's words before anything is sent ("Choose at least one
//! role."), shown under the field and tied to it: the field is `aria-invalid` and described by
//! the message, so that assistive technology reads the two together.

use std::sync::atomic::{AtomicUsize, Ordering};

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Numbers the messages, so that two forms with the same field never share an element ID.
static MESSAGES: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone, Copy)]
pub struct FieldError {
    /// The message's element ID, which the field's `aria-describedby` names.
    pub id: StoredValue<String>,
    /// What is wrong with the field now, if anything: the page's words, or the core's (which
    /// quote the value).
    problem: Signal<Option<String>>,
    /// Whether the form was sent once: a field is not in error before anyone tried.
    tried: RwSignal<bool>,
}

impl FieldError {
    /// `problem` says what is wrong with the field's value, if anything.
    pub fn new<S: Into<String>>(
        name: &'static str,
        problem: impl Fn() -> Option<S> + Send + Sync + 'static,
    ) -> FieldError {
        FieldError {
            id: StoredValue::new(format!(
                "{name}-error-{}",
                MESSAGES.fetch_add(1, Ordering::Relaxed)
            )),
            problem: Signal::derive(move || problem().map(Into::into)),
            tried: RwSignal::new(false),
        }
    }

    /// On sending: shows each field's problem, moves focus to the first field in error (which
    /// scrolls it into view, and has a screen reader read the field with its message), and says
    /// whether the form may be sent.
    pub fn all_pass(fields: &[FieldError]) -> bool {
        for field in fields {
            field.tried.set(true);
        }
        let Some(first) = fields
            .iter()
            .find(|f| f.problem.with_untracked(Option::is_some))
        else {
            return true;
        };
        let id = first.id.get_value();
        spawn_local(async move {
            // The field points at its message once the page has drawn it.
            TimeoutFuture::new(0).await;
            let field = document()
                .query_selector(&format!("[aria-describedby~='{id}']"))
                .ok()
                .flatten();
            if let Some(field) = field.and_then(|f| f.dyn_into::<HtmlElement>().ok()) {
                let _ = field.focus();
            }
        });
        false
    }

    /// Forgets the last attempt, as a form does when it opens again.
    pub fn reset(self) {
        self.tried.set(false);
    }

    /// The message shown, once the form was sent; it goes as soon as the field is fixed.
    pub fn shown(self) -> Option<String> {
        if self.tried.get() {
            self.problem.get()
        } else {
            None
        }
    }

    /// The field's `aria-invalid`.
    pub fn invalid(self) -> Option<&'static str> {
        self.shown().map(|_| "true")
    }

    /// The field's `aria-describedby`: `also` (a hint it has anyway) and the message while shown.
    pub fn described_by(self, also: Option<&'static str>) -> Option<String> {
        let message = self.shown().map(|_| self.id.get_value());
        match (also, message) {
            (Some(hint), Some(message)) => Some(format!("{hint} {message}")),
            (Some(hint), None) => Some(hint.to_owned()),
            (None, message) => message,
        }
    }
}

/// The message under its field.
#[component]
pub fn FieldMessage(error: FieldError) -> impl IntoView {
    move || {
        error.shown().map(|message| {
            view! { <p class="field-error notice error" id=error.id.get_value()>{message}</p> }
        })
    }
}

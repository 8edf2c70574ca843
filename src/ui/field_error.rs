//! A field's own problem, said in the page's words before anything is sent ("Choose at least one
//! role."), shown under the field and tied to it: the field is `aria-invalid` and described by
//! the message, so that assistive technology reads the two together.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

/// Numbers the messages, so that two forms with the same field never share an element ID.
static MESSAGES: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone, Copy)]
pub struct FieldError {
    /// The message's element ID, which the field's `aria-describedby` names.
    pub id: StoredValue<String>,
    /// What is wrong with the field now, if anything.
    problem: Signal<Option<&'static str>>,
    /// Whether the form was sent once: a field is not in error before anyone tried.
    tried: RwSignal<bool>,
}

impl FieldError {
    /// `problem` says what is wrong with the field's value, if anything.
    pub fn new(
        name: &'static str,
        problem: impl Fn() -> Option<&'static str> + Send + Sync + 'static,
    ) -> FieldError {
        FieldError {
            id: StoredValue::new(format!(
                "{name}-error-{}",
                MESSAGES.fetch_add(1, Ordering::Relaxed)
            )),
            problem: Signal::derive(problem),
            tried: RwSignal::new(false),
        }
    }

    /// On sending: shows the problem, if there is one, and says whether the field may be sent.
    pub fn passes(self) -> bool {
        self.tried.set(true);
        self.problem.get_untracked().is_none()
    }

    /// Forgets the last attempt, as a form does when it opens again.
    pub fn reset(self) {
        self.tried.set(false);
    }

    /// The message shown, once the form was sent; it goes as soon as the field is fixed.
    pub fn shown(self) -> Option<&'static str> {
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

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::portal::Allowed;
use leptos::prelude::*;

/// Numbers the reasons, so that two buttons with one label (a More menu per row) never share an
/// element ID.
static REASONS: AtomicUsize = AtomicUsize::new(0);

/// A button the evaluator enables: when the acting principal may not do what it does, it is
/// disabled and says why, beside it and to assistive technology ("... needs Write Token
/// (org-token-write) in Acme Dev ..."). The backend refuses such a request anyway.
#[component]
pub fn GuardedButton(
    /// The words on the button, the seeds' own ("Generate Token", "Invite User").
    label: &'static str,
    /// The evaluator's answer: `Ok`, or the reason it is refused.
    #[prop(into)]
    allowed: Signal<Allowed>,
    /// Also disabled (without a reason) while, say, a form is incomplete or a request runs.
    #[prop(into, optional)]
    busy: Signal<bool>,
    on_click: impl Fn() + 'static,
    #[prop(optional)] class: &'static str,
    /// A fuller accessible name where the label repeats, one per row ("Delete token X").
    #[prop(optional, into)]
    aria_label: Option<String>,
) -> impl IntoView {
    let reason_id = format!(
        "why-{}-{}",
        label.to_lowercase().replace(' ', "-"),
        REASONS.fetch_add(1, Ordering::Relaxed)
    );
    let described = reason_id.clone();
    // Asked once per change of what it reads, not once per attribute that shows the answer:
    // the core runs the request's handler to answer.
    let allowed = Memo::new(move |_| allowed.get());
    let refused = move || allowed.get().err();
    view! {
        <span class="guarded">
            <button
                type="button"
                class=class
                aria-label=aria_label
                disabled=move || refused().is_some() || busy.get()
                aria-describedby=move || refused().map(|_| described.clone())
                on:click=move |_| on_click()
            >
                {label}
            </button>
            {move || refused().map(|why| view! {
                <span class="refusal" id=reason_id.clone()>{why.to_string()}</span>
            })}
        </span>
    }
}

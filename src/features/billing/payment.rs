//! The organization's one payment method (seed 001, "Managing payment methods"): shown as brand,
//! last 4 digits and expiry; added or replaced in a dialog; removed only when seed 001's
//! prerequisites allow, and otherwise every blocker the backend names is shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::billing::PaymentMethod;
use portal_core::validation::{CARD_EXPIRY, CARD_LAST_DIGITS};
use serde_json::json;

use crate::features::billing::response::{error_entries, ErrorEntry, ErrorList};
use crate::portal::{error_text, use_portal};
use crate::ui::dialog::Dialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};

const TARGET: &str = "/v2/organizations/billing/payment-method";

#[component]
pub fn BillingPayment(
    /// The organization billed.
    #[prop(into)]
    org: Signal<String>,
    /// Its payment method as stored.
    #[prop(into)]
    method: Signal<Option<PaymentMethod>>,
) -> impl IntoView {
    let portal = use_portal();
    let scope = move || Scope::Organization(org.get_untracked());
    // Update and Remove are the same permission; the core answers for the PUT the form sends.
    let allowed = Signal::derive(move || {
        let scope = Scope::Organization(org.get());
        portal.permits(&scope, Method::Put, TARGET, &json!({}))
    });
    let editing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let blockers = RwSignal::new(Vec::<ErrorEntry>::new());
    Effect::new(move |_| {
        org.track();
        notice.set(None);
        blockers.set(Vec::new());
    });
    let remove = move || {
        let scope = scope();
        busy.set(true);
        notice.set(None);
        blockers.set(Vec::new());
        spawn_local(async move {
            let response = portal.request(&scope, Method::Delete, TARGET, None).await;
            busy.set(false);
            if response.status < 300 {
                notice.set(Some(Notice::Done("Removed the payment method.".into())));
            } else {
                blockers.set(error_entries(&response));
            }
        });
    };
    let open = move || {
        notice.set(None);
        blockers.set(Vec::new());
        editing.set(true);
    };
    view! {
        <section class="billing-payment" aria-labelledby="payment-method-heading">
            <h2 id="payment-method-heading">"Payment method"</h2>
            {move || match method.get() {
                Some(card) => view! {
                    <p class="billing-card">
                        <span class="brand">{card.brand}</span>" "
                        <span class="last4">{format!("•••• {}", card.last4)}</span>" "
                        <span class="expires">{format!("Expires {}", card.expires)}</span>
                    </p>
                    <div class="actions">
                        <GuardedButton label="Edit" allowed busy on_click=open/>
                        <GuardedButton label="Remove" allowed busy on_click=remove/>
                    </div>
                }.into_any(),
                None => view! {
                    <p>"No payment method on file."</p>
                    <div class="actions">
                        <GuardedButton label="Add Payment Method" class="primary" allowed busy on_click=open/>
                    </div>
                }.into_any(),
            }}
            <ErrorList title="The payment method can't be removed yet:" entries=blockers/>
            <NoticeLine notice/>
            <Dialog title="Payment method" open=editing>
                <CardForm org method allowed editing notice/>
            </Dialog>
        </section>
    }
}

/// The card's brand, last 4 digits and expiry; the backend checks them and its refusal is shown.
#[component]
fn CardForm(
    org: Signal<String>,
    method: Signal<Option<PaymentMethod>>,
    allowed: Signal<Result<(), String>>,
    editing: RwSignal<bool>,
    /// The section's notice, told when the card is saved.
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let portal = use_portal();
    let current = method.get_untracked();
    let brand = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.brand.clone())
            .unwrap_or_default(),
    );
    let last4 = RwSignal::new(
        current
            .as_ref()
            .map(|c| c.last4.clone())
            .unwrap_or_default(),
    );
    let expires = RwSignal::new(current.map(|c| c.expires).unwrap_or_default());
    let busy = RwSignal::new(false);
    let refusal = RwSignal::new(None::<Notice>);
    let save = move || {
        let scope = Scope::Organization(org.get_untracked());
        let body = json!({
            "brand": brand.get_untracked(),
            "last4": last4.get_untracked(),
            "expires": expires.get_untracked(),
        });
        busy.set(true);
        refusal.set(None);
        spawn_local(async move {
            let response = portal
                .request(&scope, Method::Put, TARGET, Some(body))
                .await;
            busy.set(false);
            if response.status < 300 {
                notice.set(Some(Notice::Done(format!(
                    "All future billing will use the card ending in {}.",
                    last4.get_untracked().trim()
                ))));
                editing.set(false);
            } else {
                refusal.set(Some(Notice::Error(error_text(&response))));
            }
        });
    };
    view! {
        <form class="stacked billing-card-form" on:submit=|ev| ev.prevent_default()>
            <label>
                "Brand"
                <input type="text" name="brand" autocomplete="off" placeholder="Visa"
                    prop:value=brand on:input=move |ev| brand.set(event_target_value(&ev))/>
            </label>
            <label>
                "Last 4 digits"
                <input type="text" name="last4" inputmode="numeric" maxlength=CARD_LAST_DIGITS.to_string() autocomplete="off"
                    prop:value=last4 on:input=move |ev| last4.set(event_target_value(&ev))/>
            </label>
            <label>
                "Expires (MM/YY)"
                <input type="text" name="expires" placeholder="09/28" maxlength=CARD_EXPIRY.len().to_string() autocomplete="off"
                    prop:value=expires on:input=move |ev| expires.set(event_target_value(&ev))/>
            </label>
            <p class="field-note">"Only the card's last 4 digits are kept, never the whole number."</p>
            <NoticeLine notice=refusal/>
            <div class="actions">
                <button type="button" on:click=move |_| editing.set(false)>"Cancel"</button>
                <GuardedButton label="Save Payment Method" class="primary" allowed busy on_click=save/>
            </div>
        </form>
    }
}

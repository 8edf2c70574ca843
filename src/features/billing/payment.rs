//! The organization's one payment method (seed 001, "Managing payment methods"): shown as brand,
//! last 4 digits and expiry; added or replaced in a dialog; removed only when seed 001's
//! prerequisites allow, and otherwise every blocker the backend names is shown.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::billing::PaymentMethod;
use serde_json::json;

use crate::features::billing::response::ErrorList;
use crate::portal::use_portal;
use crate::ui::dialog::Dialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{DialogActions, Submission};

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
    let removal = Submission::default();
    let busy = removal.busy;
    let notice = RwSignal::new(None::<Notice>);
    Effect::new(move |_| {
        org.track();
        notice.set(None);
        removal.clear();
    });
    let remove = move || {
        notice.set(None);
        removal.send(scope(), Method::Delete, TARGET, None, move |_| {
            notice.set(Some(Notice::Done("Removed the payment method.".into())));
        });
    };
    let open = move || {
        notice.set(None);
        removal.clear();
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
            <ErrorList title="The payment method can't be removed yet:" submission=removal/>
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
    let submission = Submission::default();
    let save = move || {
        let scope = Scope::Organization(org.get_untracked());
        let body = json!({
            "brand": brand.get_untracked(),
            "last4": last4.get_untracked(),
            "expires": expires.get_untracked(),
        });
        submission.send(scope, Method::Put, TARGET, Some(body), move |_| {
            notice.set(Some(Notice::Done(format!(
                "All future billing will use the card ending in {}.",
                last4.get_untracked().trim()
            ))));
            editing.set(false);
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
                <input type="text" name="last4" inputmode="numeric" maxlength="4" autocomplete="off"
                    prop:value=last4 on:input=move |ev| last4.set(event_target_value(&ev))/>
            </label>
            <label>
                "Expires (MM/YY)"
                <input type="text" name="expires" placeholder="09/28" maxlength="5" autocomplete="off"
                    prop:value=expires on:input=move |ev| expires.set(event_target_value(&ev))/>
            </label>
            <p class="field-note">"Only the card's last 4 digits are kept, never the whole number."</p>
            <DialogActions submission label="Save Payment Method" allowed on_click=save class="primary" open=editing/>
        </form>
    }
}

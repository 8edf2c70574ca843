//! The organization's one payment method (seed 001, "Managing payment methods"): shown as brand,
//! last 4 digits and expiry; added or replaced in a dialog; removed only when seed 001's
//! prerequisites allow, and otherwise every blocker the backend names is shown.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::billing::PaymentMethod;
use portal_core::validation::{CARD_EXPIRY, CARD_LAST_DIGITS};
use serde_json::json;

use crate::features::billing::response::ErrorList;
use crate::portal::{use_portal, Allowed};
use crate::ui::dialog::form::FormDialog;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::request::{close_and_tell, Submission};

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
            <CardForm org method allowed editing notice/>
        </section>
    }
}

/// The card's brand, last 4 digits and expiry; the backend checks them and its refusal is shown.
#[component]
fn CardForm(
    org: Signal<String>,
    method: Signal<Option<PaymentMethod>>,
    allowed: Signal<Allowed>,
    editing: RwSignal<bool>,
    /// The section's notice, told when the card is saved.
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let (brand, last4, expires) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // The form starts from the card on file, if any.
    let fill = move || {
        let (on_file, digits, until) = method
            .get_untracked()
            .map(|card| (card.brand, card.last4, card.expires))
            .unwrap_or_default();
        brand.set(on_file);
        last4.set(digits);
        expires.set(until);
    };
    let submission = Submission::default();
    let save = move || {
        let scope = Scope::Organization(org.get_untracked());
        let body = json!({
            "brand": brand.get_untracked(),
            "last4": last4.get_untracked(),
            "expires": expires.get_untracked(),
        });
        let told = format!(
            "All future billing will use the card ending in {}.",
            last4.get_untracked().trim()
        );
        let done = close_and_tell(editing, notice, told);
        submission.send(scope, Method::Put, TARGET, Some(body), done);
    };
    view! {
        <FormDialog
            title="Payment method"
            open=editing
            label="Save Payment Method"
            allowed
            submission
            class="stacked billing-card-form"
            on_open=fill
            on_submit=save
        >
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
        </FormDialog>
    }
}

//! The organization's one payment method (seed 001, "Managing payment methods"): shown as brand,
//! last 4 digits and expiry. Update first asks to confirm ("In the Update Payment Method menu,
//! confirm that you want to Update your payment method"), then opens the form; Remove asks in a
//! dialog with Remove Payment Method, which seed 001's prerequisites enable: before anything is
//! sent, the core's dry run of the removal names every blocker.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;
use portal_core::pricing::billing::PaymentMethod;
use portal_core::validation::{CARD_EXPIRY, CARD_LAST_DIGITS};
use serde_json::{json, Value};

use crate::features::billing::premium::{use_premium_features, PremiumFeatureLinks};
use crate::features::billing::response::ErrorList;
use crate::portal::{use_portal, Allowed};
use crate::ui::dialog::confirm::ConfirmDialog;
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
    // Seed 001's blockers, as the core's dry run of the removal names them before it is sent.
    let blockers = Signal::derive(move || {
        let scope = Scope::Organization(org.get());
        portal
            .impact(&scope, Method::Delete, TARGET, &Value::Null)
            .err()
            .filter(|e| e.status == 409)
    });
    let blocked = Signal::derive(move || blockers.with(Option::is_some));
    let features = use_premium_features(org);
    let (editing, confirming_update, confirming_removal) = (
        RwSignal::new(false),
        RwSignal::new(false),
        RwSignal::new(false),
    );
    let (update, removal) = (Submission::default(), Submission::default());
    let notice = RwSignal::new(None::<Notice>);
    Effect::new(move |_| {
        org.track();
        notice.set(None);
    });
    let remove = move || {
        let told = "You have successfully removed the payment method. An email is also sent for \
                    your records.";
        let done = close_and_tell(confirming_removal, notice, told.to_owned());
        removal.send(scope(), Method::Delete, TARGET, None, done);
    };
    let open = move || {
        notice.set(None);
        editing.set(true);
    };
    let ask_update = move || {
        notice.set(None);
        confirming_update.set(true);
    };
    let ask_removal = move || {
        notice.set(None);
        confirming_removal.set(true);
    };
    let updating = move || {
        confirming_update.set(false);
        editing.set(true);
    };
    let card_ending = move || method.get().map(|card| card.last4).unwrap_or_default();
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
                        <GuardedButton label="Update" allowed on_click=ask_update/>
                        <GuardedButton label="Remove" allowed on_click=ask_removal/>
                    </div>
                }.into_any(),
                None => view! {
                    <p>"No payment method on file."</p>
                    <div class="actions">
                        <GuardedButton label="Add Payment Method" class="primary" allowed on_click=open/>
                    </div>
                }.into_any(),
            }}
            <NoticeLine notice/>
            <FormDialog title="Update Payment Method" open=confirming_update label="Update" allowed submission=update on_submit=updating>
                <p>{move || format!(
                    "Update the payment method, the card ending in {}? All future billing will use the new payment entered.",
                    card_ending()
                )}</p>
            </FormDialog>
            <ConfirmDialog title="Remove Payment Method" open=confirming_removal label="Remove Payment Method" allowed incomplete=blocked submission=removal on_confirm=remove>
                <p>{move || format!("Remove the payment method, the card ending in {}?", card_ending())}</p>
                <ErrorList title="The payment method can't be removed yet:" refusal=blockers/>
                <PremiumFeatureLinks org features/>
            </ConfirmDialog>
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

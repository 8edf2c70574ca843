//! Add Customer Key: a Customer Managed Key defined in the provider's Key Management Service,
//! associated with the organization for one region (seed 001, "Bring Your Own Key"). The core
//! checks the provider, the region, the key ID's shape and that the region has no key yet; its
//! refusal stays in the dialog.

use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::KmsProvider;
use portal_core::validation::CUSTOMER_KEY_ID_MAX;
use serde_json::json;

use crate::portal::Allowed;
use crate::scope::use_scope;
use crate::ui::dialog::form::FormDialog;
use crate::ui::field::{SelectField, TextField};
use crate::ui::notice::Notice;
use crate::ui::request::{close_and_tell, Submission};

const HINT: &str = "customer-key-hint";

#[component]
pub fn AddCustomerKey(
    open: RwSignal<bool>,
    allowed: Signal<Allowed>,
    /// The page's notice, which says what was added.
    done: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let scope = use_scope();
    let [provider, region, key_id] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let chosen = move || KmsProvider::parse(&provider.get()).unwrap_or(KmsProvider::Aws);
    let submission = Submission::default();
    // The region follows the provider: its first one, whenever the provider changes.
    Effect::new(move |_| {
        let first = chosen().regions().next();
        region.set(first.map(|r| r.name.clone()).unwrap_or_default());
    });
    let fresh = move || {
        provider.set(KmsProvider::Aws.api().to_owned());
        key_id.set(String::new());
    };
    let add = move || {
        let (provider, region) = (chosen(), region.get_untracked());
        let body = json!({ provider.api(): {"keyID": key_id.get_untracked(), "region": region} });
        let told = format!("Added the customer key for {} {region}.", provider.label());
        let then = close_and_tell(open, done, told);
        let here = scope.get_untracked();
        submission.send(here, Method::Post, "/v2/kms", Some(body), then);
    };
    view! {
        <FormDialog title="Add Customer Key" open label="Create Customer Key" allowed submission class="stacked customer-key-form" on_open=fresh on_submit=add>
            <SelectField label="Provider" value=provider name="provider">
                {KmsProvider::ALL.into_iter().map(|p| view! {
                    <option value=p.api() selected=move || chosen() == p>{p.label()}</option>
                }).collect_view()}
            </SelectField>
            <SelectField label="Region" value=region name="region">
                {move || chosen().regions().map(|r| {
                    let name = r.name.clone();
                    let this = name.clone();
                    view! {
                        <option value=name selected=move || region.get() == this>
                            {format!("{} ({})", r.display_name, r.name)}
                        </option>
                    }
                }).collect_view()}
            </SelectField>
            <TextField label="Key ID" value=key_id name="key-id" max=CUSTOMER_KEY_ID_MAX required=true autocomplete="off" hint=HINT/>
            <p class="field-note" id=HINT>
                {move || format!(
                    "The identifier of the Customer Managed Key in the provider's Key Management Service, such as {}. Only this identifier is kept, never the key.",
                    chosen().example(&region.get())
                )}
            </p>
        </FormDialog>
    }
}

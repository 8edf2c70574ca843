use leptos::prelude::*;
use portal_core::api::Method;
use portal_core::model::Scope;

use super::CONTEXT;
use crate::features::customer_keys::add::AddCustomerKey;
use crate::features::customer_keys::table::KeyTable;
use crate::portal::use_portal;
use crate::scope::use_scope;
use crate::ui::guarded_button::GuardedButton;
use crate::ui::notice::{Notice, NoticeLine};
use crate::ui::page_heading::PageHeading;

/// Seed 001, "Bring Your Own Key": the organization's Customer Managed Keys, one per region,
/// shown to who may view them (Read CMK Key) and added by who may create them (Write CMK Key).
#[component]
pub fn CustomerKeys() -> impl IntoView {
    let portal = use_portal();
    let scope = use_scope();
    let readable = portal.allows(scope, Method::Get, "/v2/kms");
    let may_add = portal.allows(scope, Method::Post, "/v2/kms");
    let adding = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    Effect::new(move |_| {
        scope.track();
        notice.set(None);
    });
    let keys = Memo::new(move |_| {
        let (state, scope) = (portal.state(), scope.get());
        let org = match &scope {
            Scope::Organization(org) => state.as_ref().and_then(|s| s.organizations.get(org)),
            Scope::Enterprise => None,
        };
        org.map(|org| org.customer_keys.clone()).unwrap_or_default()
    });
    view! {
        <PageHeading
            context=CONTEXT
            title="Customer keys"
            intro="Bring Your Own Key (BYOK): associate a Customer Managed Key (one per region) that you defined in the cloud provider's Key Management Service with this organization."
        />
        <div class="actions">
            <GuardedButton label="Add Customer Key" class="primary" allowed=may_add on_click=move || adding.set(true)/>
        </div>
        <NoticeLine notice/>
        {move || match readable.get() {
            Err(why) => view! {
                <p class="notice error customer-keys-hidden" role="status">
                    {format!("The customer keys are hidden: {why}")}
                </p>
            }.into_any(),
            Ok(()) => view! { <KeyTable keys/> }.into_any(),
        }}
        <AddCustomerKey open=adding allowed=may_add done=notice/>
    }
}
